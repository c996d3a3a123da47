package provider

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/config"

	"github.com/alisec/terraform-provider-alisec/internal/fakecloud"
)

// The exit statuses of examples/alerts/ci/alert-gate.sh, as its header and
// docs/guides/running-alerts-in-ci.md document them.
const (
	alertGateClean     = 0
	alertGateRuleFired = 10
	alertGateFired     = 11
	alertGateBroken    = 12
	// alertGateRuleFiredBlind: a rule fired, and part of the sweep is blind.
	alertGateRuleFiredBlind = 13
)

// TestAlertGate_contractDocumented holds the exit statuses in the script's
// header, in the status its report computes, and in the guide's table to
// the constants the acceptance test checks.
func TestAlertGate_contractDocumented(t *testing.T) {
	script, err := os.ReadFile(alertGateScript(t))
	if err != nil {
		t.Fatal(err)
	}
	guide, err := os.ReadFile(filepath.Join("..", "..", "tools", "templates", "guides", "running-alerts-in-ci.md.tmpl"))
	if err != nil {
		t.Fatal(err)
	}
	contract := []struct {
		code           int
		outcome, local string
	}{
		{alertGateClean, "clean", "clean"},
		{alertGateRuleFired, "rule fired", "rule"},
		{alertGateFired, "gate fired", "gate"},
		{alertGateBroken, "broken sweep", "broken"},
		{alertGateRuleFiredBlind, "rule fired, partly blind", "rule_blind"},
	}
	var locals []string
	for _, c := range contract {
		if header := fmt.Sprintf("\n#   %-3d %s: ", c.code, c.outcome); !strings.Contains(string(script), header) {
			t.Errorf("alert-gate.sh's header does not document %q", header)
		}
		if row := fmt.Sprintf("\n| `%d` | %s | `alert-gate: %s", c.code, c.outcome, c.outcome); !strings.Contains(string(guide), row) {
			t.Errorf("the guide has no row %q", row)
		}
		locals = append(locals, fmt.Sprintf("%s = %d", c.local, c.code))
	}
	if code := "code = { " + strings.Join(locals, ", ") + " }"; !strings.Contains(string(script), code) {
		t.Errorf("alert-gate.sh does not compute %q", code)
	}
	// The provider's warnings that a read may be blind, which the script
	// must not read as a quiet sweep.
	_, blind, _ := strings.Cut(string(script), "\n  blind_summaries = [")
	blind, _, _ = strings.Cut(blind, "]")
	for _, summary := range []string{"WAF Instance Not Verified", "Unexpected API Value", summaryWindowInFuture, summaryWindowBeforeRetention} {
		if !strings.Contains(blind, fmt.Sprintf("%q", summary)) {
			t.Errorf("alert-gate.sh's blind_summaries do not hold %q", summary)
		}
	}
}

// alertGateScript is the script's absolute path: it runs in another directory.
func alertGateScript(t *testing.T) string {
	t.Helper()
	script, err := filepath.Abs(filepath.Join("..", "..", "examples", "alerts", "ci", "alert-gate.sh"))
	if err != nil {
		t.Fatal(err)
	}
	return script
}

// alertGateResult is what one run of the script gave.
type alertGateResult struct {
	code           int
	stdout, stderr string
	dir            string // where it ran, with tfplan and tfplan.json
}

// runAlertGate runs `terraform init`, then the script, as a CI job would,
// in the directory w (newCLIWorkdir, alertExampleWorkdir), with the CLI the
// suite runs (TF_ACC_TERRAFORM_PATH) as its TERRAFORM.
func runAlertGate(t *testing.T, w cliWorkdir) alertGateResult {
	t.Helper()
	w.run(t, "init", "-input=false", "-no-color")
	cmd, stdout, stderr := w.command(t, []string{"TERRAFORM=" + w.terraform, "TMPDIR=" + t.TempDir()}, alertGateScript(t))
	err := cmd.Run()
	var exit *exec.ExitError
	switch {
	case err == nil:
		return alertGateResult{code: 0, stdout: stdout.String(), stderr: stderr.String(), dir: w.dir}
	case errors.As(err, &exit):
		return alertGateResult{code: exit.ExitCode(), stdout: stdout.String(), stderr: stderr.String(), dir: w.dir}
	default:
		t.Fatalf("running %s: %v\nstderr:\n%s", alertGateScript(t), err, stderr.String())
		return alertGateResult{}
	}
}

// exactly matches s and nothing else.
func exactly(s string) *regexp.Regexp { return regexp.MustCompile(`^` + regexp.QuoteMeta(s) + `$`) }

// brokenSweepAt matches the summary of a broken sweep caused by the read of
// address, whatever the diagnostic's (Title Case) summary.
func brokenSweepAt(address string) *regexp.Regexp {
	return regexp.MustCompile(`^alert-gate: broken sweep: ` + regexp.QuoteMeta(address) + `: [A-Z][A-Za-z ]+$`)
}

// testAccAlertGateConfigCheckBlockRead is a check block with its own data
// source: when that read fails, Terraform reports a warning, the check's
// status is "fail" like a rule that fired, and the plan succeeds.
func testAccAlertGateConfigCheckBlockRead(eventID string) string {
	return testAccAlertGateConfigNamedCheckBlockRead("in_check", eventID)
}

// testAccAlertGateConfigNamedCheckBlockRead is testAccAlertGateConfigCheckBlockRead
// with check.waf_event_<name> reading data.alisec_waf_threat_event.<name>.
func testAccAlertGateConfigNamedCheckBlockRead(name, eventID string) string {
	return fmt.Sprintf(`
check "waf_event_%[1]s" {
  data "alisec_waf_threat_event" %[1]q {
    instance_id = %[2]q
    event_id    = %[3]q
  }

  assert {
    condition     = data.alisec_waf_threat_event.%[1]s.event_level != "critical"
    error_message = "critical"
  }
}
`, name, alertWAFInstance, eventID)
}

// testAccAlertGateConfigList is a list data source alisec_<kind>.<name>
// reading the window from start to end, with extra arguments.
func testAccAlertGateConfigList(kind, name, extra, start, end string) string {
	return fmt.Sprintf(`
data "alisec_%s" %q {
  %s
  start_time = %q
  end_time   = %q
}
`, kind, name, extra, start, end)
}

// TestAccExamples_alertGate runs examples/alerts/ci/alert-gate.sh on the
// alert examples in each outcome of the CI contract, with the real CLI
// against the fake cloud, and pins its exit status and its one-line summary.
func TestAccExamples_alertGate(t *testing.T) {
	wafVars := func(eventID string) config.Variables {
		return config.Variables{"instance_id": config.StringVariable(alertWAFInstance), "event_id": config.StringVariable(eventID)}
	}
	gateVars := func(wafEventIDs ...string) config.Variables {
		events := make([]config.Variable, 0, len(wafEventIDs))
		for _, id := range wafEventIDs {
			events = append(events, config.ObjectVariable(map[string]config.Variable{
				"instance_id": config.StringVariable(alertWAFInstance), "event_id": config.StringVariable(id),
			}))
		}
		return config.Variables{"waf_events": config.ListVariable(events...), "dsc_event_ids": config.ListVariable(config.IntegerVariable(7004))}
	}
	putEvents := func(c testCloud) {
		c.PutWAFEvent("cn-hangzhou", alertWAFInstance, "evt-critical", alertWAFResponse(fmt.Sprintf(wafAlertDetail, "critical", 0)))
		c.PutWAFEvent("cn-hangzhou", alertWAFInstance, "evt-high", alertWAFResponse(fmt.Sprintf(wafAlertDetail, "high", 0)))
		c.PutDSCEvent("7001", dscAlertEvent(7001, 0, "Pending", time.Now().Add(-48*time.Hour), ""))
		c.PutDSCEvent("7004", dscAlertEvent(7004, 2, "Dismissed", time.Now().Add(-48*time.Hour), ""))
	}
	tests := []struct {
		name     string
		example  string // examples/alerts/<example>; "" means config
		config   string // the configuration, or what is added to the example
		fault    func(testCloud)
		vars     config.Variables
		wantCode int
		want     *regexp.Regexp // the summary line
		// wantFiring is the `alert` output's firing in tfplan.json; nil: not checked.
		wantFiring *bool
	}{
		{
			name: "benign WAF event: clean", example: "waf-critical", vars: wafVars("evt-high"),
			wantCode: alertGateClean, want: exactly("alert-gate: clean: 1 check passed"), wantFiring: new(false),
		},
		{
			name: "critical WAF event: rule fired", example: "waf-critical", vars: wafVars("evt-critical"),
			wantCode: alertGateRuleFired, want: exactly("alert-gate: rule fired: check.waf_event_not_critical"), wantFiring: new(true),
		},
		{
			name: "empty HTTP 200 answer: broken sweep", example: "waf-critical", vars: wafVars("evt-critical"),
			fault: func(c testCloud) {
				c.SetFault("DescribeThreatEventDetail", fakecloud.Fault{FailFirst: 100, FailWith: "Empty200"})
			},
			wantCode: alertGateBroken, want: brokenSweepAt("data.alisec_waf_threat_event.this"),
		},
		{
			name: "RAM denies the DSC read: broken sweep", example: "dsc-unhandled",
			vars: config.Variables{"event_id": config.IntegerVariable(7001)},
			fault: func(c testCloud) {
				c.AddAccount(fakecloud.Account{
					AccessKeyID: fakecloud.DefaultAccessKeyID, AccessKeySecret: fakecloud.DefaultAccessKeySecret,
					Denied: []string{"DescribeEventDetail"},
				})
			},
			wantCode: alertGateBroken, want: brokenSweepAt("data.alisec_dsc_event.this"),
		},
		{
			// A benign event, but the instance could not be checked: a quiet
			// run proves nothing, so it is no clean one.
			name: "RAM denies the instance check: broken sweep", example: "waf-critical", vars: wafVars("evt-high"),
			fault: func(c testCloud) {
				c.AddAccount(fakecloud.Account{
					AccessKeyID: fakecloud.DefaultAccessKeyID, AccessKeySecret: fakecloud.DefaultAccessKeySecret,
					Denied: []string{"DescribeInstance"},
				})
			},
			wantCode: alertGateBroken, want: exactly("alert-gate: broken sweep: data.alisec_waf_threat_event.this: WAF Instance Not Verified"),
		},
		{
			name: "unhandled DSC event: rule fired", example: "dsc-unhandled",
			vars:     config.Variables{"event_id": config.IntegerVariable(7001)},
			wantCode: alertGateRuleFired, want: exactly("alert-gate: rule fired: check.dsc_event_handled_in_time"), wantFiring: new(true),
		},
		{
			name: "critical WAF event at the gate: gate fired", example: "pipeline-gate", vars: gateVars("evt-high", "evt-critical"),
			wantCode: alertGateFired, want: exactly("alert-gate: gate fired: data.alisec_waf_threat_event.gate[1]"),
		},
		{
			name: "handled events at the gate: clean", example: "pipeline-gate", vars: gateVars("evt-high"),
			wantCode: alertGateClean, want: exactly("alert-gate: clean: 2 checks passed"),
		},
		{
			name: "list answer without RequestId: broken sweep", example: "last-24h",
			vars: config.Variables{"waf_instance_id": config.StringVariable(alertWAFInstance)},
			fault: func(c testCloud) {
				c.SetFault("DescribeEvents", fakecloud.Fault{FailFirst: 100, FailWith: "MissingRequestId"})
			},
			wantCode: alertGateBroken, want: brokenSweepAt("data.alisec_dsc_events.unhandled"),
		},
		{
			// The check's status is "fail", as for a rule that fired: only
			// the read planned again at apply, its values unknown, tells
			// the two apart.
			name: "failed read in a check block: broken sweep, not rule fired", config: testAccAlertGateConfigCheckBlockRead("evt-missing"),
			wantCode: alertGateBroken, want: brokenSweepAt("data.alisec_waf_threat_event.in_check"),
		},
		{
			name: "read in a check block: clean", config: testAccAlertGateConfigCheckBlockRead("evt-high"),
			wantCode: alertGateClean, want: exactly("alert-gate: clean: 1 check passed"),
		},
		{
			// A real alert with an unrelated blind read: the alert is still
			// delivered (its outputs are in the plan), the blindness named.
			name: "critical WAF event and a blind list: rule fired, partly blind", example: "waf-critical", vars: wafVars("evt-critical"),
			config:   testAccAlertGateConfigList("waf_threat_events", "future", `instance_id = "`+alertWAFInstance+`"`, "2099-01-01T00:00:00Z", "2099-01-02T00:00:00Z"),
			wantCode: alertGateRuleFiredBlind, wantFiring: new(true),
			want: exactly("alert-gate: rule fired, partly blind: check.waf_event_not_critical; blind: data.alisec_waf_threat_events.future: Time Window In The Future"),
		},
		{
			name: "critical WAF event, instance not verified: rule fired, partly blind", example: "waf-critical", vars: wafVars("evt-critical"),
			fault: func(c testCloud) {
				c.AddAccount(fakecloud.Account{
					AccessKeyID: fakecloud.DefaultAccessKeyID, AccessKeySecret: fakecloud.DefaultAccessKeySecret,
					Denied: []string{"DescribeInstance"},
				})
			},
			wantCode: alertGateRuleFiredBlind, wantFiring: new(true),
			want: exactly("alert-gate: rule fired, partly blind: check.waf_event_not_critical; blind: data.alisec_waf_threat_event.this: WAF Instance Not Verified"),
		},
		{
			// The check whose read failed is "fail" too, but is not among
			// the rules that fired: it is the blind part.
			name: "critical WAF event and a failed read in another check block: rule fired, partly blind", example: "waf-critical", vars: wafVars("evt-critical"),
			config:   testAccAlertGateConfigCheckBlockRead("evt-missing"),
			wantCode: alertGateRuleFiredBlind, wantFiring: new(true),
			want: exactly("alert-gate: rule fired, partly blind: check.waf_event_not_critical; blind: data.alisec_waf_threat_event.in_check: Event Not Found"),
		},
		{
			name:     "two check blocks, one fired, one failed read: rule fired, partly blind",
			config:   testAccAlertGateConfigNamedCheckBlockRead("missing", "evt-missing") + testAccAlertGateConfigNamedCheckBlockRead("critical", "evt-critical"),
			wantCode: alertGateRuleFiredBlind,
			want:     exactly("alert-gate: rule fired, partly blind: check.waf_event_critical; blind: data.alisec_waf_threat_event.missing: Event Not Found"),
		},
		{
			// A list that can find nothing where it looked is no clean sweep.
			name: "WAF list window in the future: broken sweep", example: "waf-critical", vars: wafVars("evt-high"),
			config:   testAccAlertGateConfigList("waf_threat_events", "future", `instance_id = "`+alertWAFInstance+`"`, "2099-01-01T00:00:00Z", "2099-01-02T00:00:00Z"),
			wantCode: alertGateBroken, want: exactly("alert-gate: broken sweep: data.alisec_waf_threat_events.future: Time Window In The Future"),
		},
		{
			name: "DSC list window before retention: broken sweep", example: "waf-critical", vars: wafVars("evt-high"),
			config:   testAccAlertGateConfigList("dsc_events", "old", "", "2018-01-01T00:00:00Z", "2018-06-01T00:00:00Z"),
			wantCode: alertGateBroken, want: exactly("alert-gate: broken sweep: data.alisec_dsc_events.old: Time Window Before Retention"),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			cloud := newTestCloud(t)
			putEvents(cloud)
			if tt.fault != nil {
				tt.fault(cloud)
			}
			var w cliWorkdir
			if tt.example != "" {
				w = alertExampleWorkdir(t, tt.example, cloud.providerConfig()+alertExample(t, tt.example)+tt.config, tt.vars)
			} else {
				w = newCLIWorkdir(t, cloud.providerConfig()+tt.config, tt.vars)
			}
			got := runAlertGate(t, w)

			lines := strings.Split(strings.TrimSuffix(got.stdout, "\n"), "\n")
			if got.code != tt.wantCode || len(lines) != 1 || !tt.want.MatchString(lines[0]) {
				t.Errorf("alert-gate.sh exited %d, printing %q; want exit %d and one line matching %s\nstderr:\n%s",
					got.code, got.stdout, tt.wantCode, tt.want, got.stderr)
			}
			if tt.wantFiring != nil {
				if firing, err := plannedAlertFiring(filepath.Join(got.dir, "tfplan.json")); err != nil || firing != *tt.wantFiring {
					t.Errorf("tfplan.json: alert.firing = %v (%v), want %v", firing, err, *tt.wantFiring)
				}
			}
		})
	}
}

// plannedAlertFiring reads .planned_values.outputs.alert.value.firing from
// `terraform show -json` output, where the guide sends a notifier.
func plannedAlertFiring(path string) (bool, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return false, err
	}
	var plan struct {
		PlannedValues struct {
			Outputs map[string]struct {
				Value struct {
					Firing *bool `json:"firing"`
				} `json:"value"`
			} `json:"outputs"`
		} `json:"planned_values"`
	}
	if err := json.Unmarshal(raw, &plan); err != nil {
		return false, err
	}
	alert, ok := plan.PlannedValues.Outputs["alert"]
	if !ok || alert.Value.Firing == nil {
		return false, errors.New("no alert output with a firing value")
	}
	return *alert.Value.Firing, nil
}
