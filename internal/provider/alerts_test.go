package provider

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/config"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"
)

// The examples in examples/alerts are tested in two ways.
//
// Each case first runs the example through terraform-plugin-testing (plan,
// apply, refresh, empty-plan check) and pins its `alert` output whole with
// ObjectExact.
//
// A failed check block is only a warning, and terraform-plugin-testing
// exposes no warnings, so each check case then runs `terraform plan -json`
// itself with the same Terraform CLI (TF_ACC_TERRAFORM_PATH), the same
// configuration and the same variables, against the same fake cloud, with
// this test process serving the provider through TF_REATTACH_PROVIDERS as
// terraform-plugin-testing does. Terraform's machine-readable UI reports
// every diagnostic it would print; the tests assert that the check's
// warning ("Check block assertion failed" with the check's error_message as
// detail) is there, word for word, for a bad event, and that the check block
// reports nothing at all for a benign one. This asserts what a person
// running `terraform plan` sees, not a re-implementation of the condition.
// (The saved plan's JSON `checks` carry the same message and a plancheck
// could read them, but they are the check's record, not the warning.)
//
// The pipeline gate fails the plan with a postcondition, an error, so plain
// ExpectError covers it.

const alertWAFInstance = "waf_v2_public_cn-alerts"

// alertExample is the .tf files of examples/alerts/<name>, in name order,
// without their terraform and provider blocks (exampleWithoutProvider).
func alertExample(t *testing.T, name string) string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("..", "..", "examples", "alerts", name, "*.tf"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatalf("no examples/alerts/%s/*.tf found", name)
	}
	sort.Strings(files)
	var b strings.Builder
	for _, file := range files {
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		body, _, err := exampleWithoutProvider(src, file)
		if err != nil {
			t.Fatal(err)
		}
		b.WriteString(body + "\n")
	}
	return b.String()
}

// alertExampleWorkdir is a CLI working directory holding cfg and vars, plus
// the local modules of examples/alerts/<name> (its subdirectories but
// tests/), where the example's `source = "./<dir>"` finds them.
func alertExampleWorkdir(t *testing.T, name, cfg string, vars config.Variables) cliWorkdir {
	t.Helper()
	w := newCLIWorkdir(t, cfg, vars)
	example := filepath.Join("..", "..", "examples", "alerts", name)
	entries, err := os.ReadDir(example)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !e.IsDir() || e.Name() == "tests" {
			continue
		}
		if err := os.CopyFS(filepath.Join(w.dir, e.Name()), os.DirFS(filepath.Join(example, e.Name()))); err != nil {
			t.Fatal(err)
		}
	}
	return w
}

// alertTestCase is one event and what its alert example must make of it.
type alertTestCase struct {
	name string
	put  func(testCloud)
	vars config.Variables
	// wantWarning is the check's warning detail; "" means the check passes.
	wantWarning string
	wantAlert   map[string]knownvalue.Check
}

// runCheckExample applies the example for each case, pins its alert output,
// and asserts the check's warning from Terraform's own output.
func runCheckExample(t *testing.T, example, checkName string, tests []alertTestCase) {
	t.Helper()
	hcl := alertExample(t, example)
	if !strings.Contains(hcl, fmt.Sprintf("check %q", checkName)) {
		t.Fatalf("examples/alerts/%s has no check %q", example, checkName)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cloud := newTestCloud(t)
			tt.put(cloud)
			cfg := cloud.providerConfig() + hcl
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				TerraformVersionChecks: []tfversion.TerraformVersionCheck{
					tfversion.SkipBelow(tfversion.Version1_5_0), // check blocks, plantimestamp()
				},
				Steps: []resource.TestStep{{
					Config:          cfg,
					ConfigVariables: tt.vars,
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownOutputValue("alert", knownvalue.ObjectExact(tt.wantAlert)),
					},
				}},
			})

			// Reached only when the version check above did not skip.
			diags := planDiagnostics(t, cfg, tt.vars)
			// A diagnostic belongs to the check when Terraform shows it "in
			// check ..." (the snippet's context): a failed assertion, and
			// also an error_message that failed to evaluate.
			var fromCheck []terraformDiagnostic
			for _, d := range diags {
				if d.Severity == "error" {
					t.Errorf("terraform plan reported an error: %s: %s", d.Summary, d.Detail)
				}
				inCheck := d.Snippet != nil && d.Snippet.Context != nil && *d.Snippet.Context == fmt.Sprintf("check %q", checkName)
				if inCheck || d.Summary == "Check block assertion failed" {
					fromCheck = append(fromCheck, d)
				}
			}
			switch {
			case tt.wantWarning == "" && len(fromCheck) != 0:
				t.Errorf("check %q should stay quiet, but Terraform reported:%s", checkName, formatTerraformDiagnostics(fromCheck))
			case tt.wantWarning != "" && (len(fromCheck) != 1 || fromCheck[0].Severity != "warning" ||
				fromCheck[0].Summary != "Check block assertion failed" || fromCheck[0].Detail != tt.wantWarning):
				t.Errorf("check %q: Terraform reported:%s\nwant one warning: Check block assertion failed: %q",
					checkName, formatTerraformDiagnostics(fromCheck), tt.wantWarning)
			}
		})
	}
}

// alertWAFResponse is a DescribeThreatEventDetail answer; detail is the
// ThreatEventDetail JSON object.
func alertWAFResponse(detail string) []byte {
	return []byte(`{"RequestId":"R-ALERTS","ThreatEventDetail":` + detail + `}`)
}

func putAlertWAFEvent(eventID, detail string) func(testCloud) {
	return func(c testCloud) { c.PutWAFEvent("cn-hangzhou", alertWAFInstance, eventID, alertWAFResponse(detail)) }
}

func alertStrings(items ...string) knownvalue.Check {
	checks := make([]knownvalue.Check, 0, len(items))
	for _, s := range items {
		checks = append(checks, knownvalue.StringExact(s))
	}
	return knownvalue.ListExact(checks)
}

// withAlertChecks is base with overrides applied, base left as it was.
func withAlertChecks(base, overrides map[string]knownvalue.Check) map[string]knownvalue.Check {
	out := maps.Clone(base)
	maps.Copy(out, overrides)
	return out
}

// A complete WAF event; cases change the fields that matter to them.
const wafAlertDetail = `{
  "EventLevel": %q, "IsPersistent": %d, "EventBlock": "3", "EventCnt": "10",
  "EventTag": "SingleURLSqlattack", "EventSuggest": "BlockIP",
  "EventSrc": "203.0.113.7", "EventSrcRegion": "CN-ZJ", "EventSrcCountry": "CN",
  "EndTime": 1749916800000,
  "EventIntelligence": "[\"SQL Injection\"]",
  "EventCondition": "{\"start_ts\": 1749913200, \"end_ts\": 1749916800, \"condition\": {\"real_client_ip\": [\"203.0.113.7\", \"203.0.113.8\"]}}"
}`

func TestAccExamples_alertsWAFCritical(t *testing.T) {
	full := func(eventID string, firing bool, reasons []string, level string, persistent bool) map[string]knownvalue.Check {
		return map[string]knownvalue.Check{
			"firing": knownvalue.Bool(firing), "reasons": alertStrings(reasons...),
			"instance_id": knownvalue.StringExact(alertWAFInstance), "event_id": knownvalue.StringExact(eventID),
			"level": knownvalue.StringExact(level), "tag": knownvalue.StringExact("SingleURLSqlattack"),
			"suggestion": knownvalue.StringExact("BlockIP"), "persistent": knownvalue.Bool(persistent),
			"source_ip": knownvalue.StringExact("203.0.113.7"), "source_region": knownvalue.StringExact("CN-ZJ"),
			"source_country": knownvalue.StringExact("CN"),
			"attacker_ips":   alertStrings("203.0.113.7", "203.0.113.8"), "intelligence": alertStrings("SQL Injection"),
			"attack_count": knownvalue.Int64Exact(10), "blocked_count": knownvalue.Int64Exact(3),
			"last_attack_rfc3339":      knownvalue.StringExact("2025-06-14T16:00:00Z"),
			"log_window_start_rfc3339": knownvalue.StringExact("2025-06-14T15:00:00Z"),
			"log_window_end_rfc3339":   knownvalue.StringExact("2025-06-14T16:00:00Z"),
		}
	}
	vars := func(eventID string) config.Variables {
		return config.Variables{"instance_id": config.StringVariable(alertWAFInstance), "event_id": config.StringVariable(eventID)}
	}
	runCheckExample(t, "waf-critical", "waf_event_not_critical", []alertTestCase{
		{
			name: "critical",
			put:  putAlertWAFEvent("evt-critical", fmt.Sprintf(wafAlertDetail, "critical", 0)),
			vars: vars("evt-critical"),
			wantWarning: "WAF event evt-critical on waf_v2_public_cn-alerts is critical (level critical, SingleURLSqlattack): " +
				"3 of 10 attacks blocked from 203.0.113.7 (CN), last at 2025-06-14T16:00:00Z; " +
				"attacker IPs: 203.0.113.7, 203.0.113.8. Suggested response: BlockIP.",
			wantAlert: full("evt-critical", true, []string{"critical"}, "critical", false),
		},
		{
			name: "persistent",
			put:  putAlertWAFEvent("evt-persistent", fmt.Sprintf(wafAlertDetail, "medium", 1)),
			vars: vars("evt-persistent"),
			wantWarning: "WAF event evt-persistent on waf_v2_public_cn-alerts is persistent (level medium, SingleURLSqlattack): " +
				"3 of 10 attacks blocked from 203.0.113.7 (CN), last at 2025-06-14T16:00:00Z; " +
				"attacker IPs: 203.0.113.7, 203.0.113.8. Suggested response: BlockIP.",
			wantAlert: full("evt-persistent", true, []string{"persistent"}, "medium", true),
		},
		{
			// Only the fields that raise the alert: the message must
			// still render, with placeholders for the rest.
			name: "critical and persistent, sparse",
			put:  putAlertWAFEvent("evt-sparse", `{"EventLevel": "critical", "IsPersistent": 1}`),
			vars: vars("evt-sparse"),
			wantWarning: "WAF event evt-sparse on waf_v2_public_cn-alerts is critical and persistent (level critical, unknown): " +
				"? of ? attacks blocked from unknown (unknown), last at unknown; attacker IPs: unknown. Suggested response: none.",
			wantAlert: map[string]knownvalue.Check{
				"firing": knownvalue.Bool(true), "reasons": alertStrings("critical", "persistent"),
				"instance_id": knownvalue.StringExact(alertWAFInstance), "event_id": knownvalue.StringExact("evt-sparse"),
				"level": knownvalue.StringExact("critical"), "tag": knownvalue.Null(), "suggestion": knownvalue.Null(),
				"persistent": knownvalue.Bool(true), "source_ip": knownvalue.Null(), "source_region": knownvalue.Null(),
				"source_country": knownvalue.Null(), "attacker_ips": knownvalue.Null(), "intelligence": knownvalue.Null(),
				"attack_count": knownvalue.Null(), "blocked_count": knownvalue.Null(), "last_attack_rfc3339": knownvalue.Null(),
				"log_window_start_rfc3339": knownvalue.Null(), "log_window_end_rfc3339": knownvalue.Null(),
			},
		},
		{
			name:      "high, not persistent: quiet",
			put:       putAlertWAFEvent("evt-high", fmt.Sprintf(wafAlertDetail, "high", 0)),
			vars:      vars("evt-high"),
			wantAlert: full("evt-high", false, nil, "high", false),
		},
		{
			name: "low, persistence not sent: quiet",
			put:  putAlertWAFEvent("evt-low", `{"EventLevel": "low", "EventCnt": "1", "EventBlock": "1"}`),
			vars: vars("evt-low"),
			wantAlert: withAlertChecks(full("evt-low", false, nil, "low", false), map[string]knownvalue.Check{
				"persistent": knownvalue.Null(), "tag": knownvalue.Null(), "suggestion": knownvalue.Null(),
				"source_ip": knownvalue.Null(), "source_region": knownvalue.Null(), "source_country": knownvalue.Null(),
				"attacker_ips": knownvalue.Null(), "intelligence": knownvalue.Null(),
				"attack_count": knownvalue.Int64Exact(1), "blocked_count": knownvalue.Int64Exact(1),
				"last_attack_rfc3339": knownvalue.Null(), "log_window_start_rfc3339": knownvalue.Null(),
				"log_window_end_rfc3339": knownvalue.Null(),
			}),
		},
	})
}

// dscAlertEvent is a DescribeEventDetail answer for id: status and status
// name as given, occurred at occurred (zero: no EventTime), plus optional
// handling fields.
func dscAlertEvent(id int64, status int, statusName string, occurred time.Time, extra string) []byte {
	times := ""
	if !occurred.IsZero() {
		ms := occurred.UnixMilli()
		times = fmt.Sprintf(`"EventTime": %d, "AlertTime": %d,`, ms, ms+60000)
	}
	return []byte(fmt.Sprintf(`{"RequestId": "R-ALERTS", "Event": {
  "Id": %d, "Status": %d, "StatusName": %q, %s
  "TypeCode": "02", "TypeName": "Anomalous data flow\n",
  "SubTypeCode": "020008", "SubTypeName": "Anomalous volume of downloaded data\n",
  "ProductCode": "OSS", "DataInstance": "bucket-finance", "LoginName": "etl-bot"%s
}}`, id, status, statusName, times, extra))
}

const dscAlertHandling = `,
  "HandleInfoList": [{"Id": 11, "Status": 1, "HandlerName": "Remove from the whitelist\n", "HandlerType": "rds_security_ip",
    "CurrentValue": "etl-bot", "EnableTime": 1749916800000}]`

func TestAccExamples_alertsDSCUnhandled(t *testing.T) {
	rfc3339 := func(tm time.Time) string { return tm.UTC().Format(time.RFC3339) }
	now := time.Now().Truncate(time.Second)
	old, recent := now.Add(-48*time.Hour), now.Add(-time.Hour)
	handling := knownvalue.ListExact([]knownvalue.Check{knownvalue.ObjectExact(map[string]knownvalue.Check{
		"action": knownvalue.StringExact("Remove from the whitelist"), "type": knownvalue.StringExact("rds_security_ip"),
		"target": knownvalue.StringExact("etl-bot"), "status": knownvalue.Int64Exact(1), "minutes": knownvalue.Null(),
		"enabled_rfc3339": knownvalue.StringExact("2025-06-14T16:00:00Z"), "disabled_rfc3339": knownvalue.Null(),
	})})
	alert := func(id string, firing bool, status int64, statusName string, occurred time.Time, handleBy time.Time) map[string]knownvalue.Check {
		return map[string]knownvalue.Check{
			"firing": knownvalue.Bool(firing), "event_id": knownvalue.StringExact(id),
			"status": knownvalue.Int64Exact(status), "status_name": knownvalue.StringExact(statusName),
			"type_code": knownvalue.StringExact("02"), "type": knownvalue.StringExact("Anomalous data flow"),
			"subtype": knownvalue.StringExact("Anomalous volume of downloaded data"), "product": knownvalue.StringExact("OSS"),
			"instance": knownvalue.StringExact("bucket-finance"), "account": knownvalue.StringExact("etl-bot"),
			"occurred_rfc3339":  knownvalue.StringExact(rfc3339(occurred)),
			"alerted_rfc3339":   knownvalue.StringExact(rfc3339(occurred.Add(time.Minute))),
			"handle_by_rfc3339": knownvalue.StringExact(rfc3339(handleBy)),
			"dealt_rfc3339":     knownvalue.Null(), "dealt_by": knownvalue.Null(), "deal_reason": knownvalue.Null(),
			"handling_active": knownvalue.Bool(true), "handling": handling,
		}
	}
	vars := func(id int64) config.Variables { return config.Variables{"event_id": config.IntegerVariable(id)} }
	warning := func(id int64, hours string, occurred time.Time) string {
		return fmt.Sprintf("DSC event %d (Anomalous data flow: Anomalous volume of downloaded data) on OSS bucket-finance is still Pending, "+
			"more than %s hours after it occurred at %s (alerted at %s). Confirm or dismiss it in the Data Security Center console.",
			id, hours, rfc3339(occurred), rfc3339(occurred.Add(time.Minute)))
	}
	runCheckExample(t, "dsc-unhandled", "dsc_event_handled_in_time", []alertTestCase{
		{
			name:        "unhandled for two days",
			put:         func(c testCloud) { c.PutDSCEvent("7001", dscAlertEvent(7001, 0, "Pending", old, dscAlertHandling)) },
			vars:        vars(7001),
			wantWarning: warning(7001, "24", old),
			wantAlert:   alert("7001", true, 0, "Pending", old, old.Add(24*time.Hour)),
		},
		{
			name:      "unhandled for an hour: quiet",
			put:       func(c testCloud) { c.PutDSCEvent("7002", dscAlertEvent(7002, 0, "Pending", recent, dscAlertHandling)) },
			vars:      vars(7002),
			wantAlert: alert("7002", false, 0, "Pending", recent, recent.Add(24*time.Hour)),
		},
		{
			name: "unhandled for an hour, half an hour allowed",
			put:  func(c testCloud) { c.PutDSCEvent("7003", dscAlertEvent(7003, 0, "Pending", recent, dscAlertHandling)) },
			vars: config.Variables{
				"event_id": config.IntegerVariable(7003), "max_unhandled_hours": config.FloatVariable(0.5),
			},
			wantWarning: warning(7003, "0.5", recent),
			wantAlert:   alert("7003", true, 0, "Pending", recent, recent.Add(30*time.Minute)),
		},
		{
			name: "confirmed two days ago: quiet",
			put: func(c testCloud) {
				c.PutDSCEvent("7004", dscAlertEvent(7004, 1, "Confirmed", old, `,
  "DealTime": 1749916800000, "DealLoginName": "secops", "DealReason": "Blocked the account\n"`))
			},
			vars: vars(7004),
			wantAlert: withAlertChecks(alert("7004", false, 1, "Confirmed", old, old.Add(24*time.Hour)), map[string]knownvalue.Check{
				"dealt_rfc3339": knownvalue.StringExact("2025-06-14T16:00:00Z"), "dealt_by": knownvalue.StringExact("secops"),
				"deal_reason":     knownvalue.StringExact("Blocked the account"),
				"handling_active": knownvalue.Bool(false), "handling": knownvalue.ListExact(nil),
			}),
		},
		{
			// No event time: an unhandled event cannot be shown to be
			// recent, so it fires, and the message still renders.
			name: "unhandled, no event time",
			put: func(c testCloud) {
				c.PutDSCEvent("7005", []byte(`{"RequestId": "R-ALERTS", "Event": {"Id": 7005, "Status": 0}}`))
			},
			vars: vars(7005),
			wantWarning: "DSC event 7005 (unknown type: unknown subtype) on unknown product unknown instance is still unhandled, " +
				"more than 24 hours after it occurred at an unknown time (alerted at an unknown time). Confirm or dismiss it in the Data Security Center console.",
			wantAlert: map[string]knownvalue.Check{
				"firing": knownvalue.Bool(true), "event_id": knownvalue.StringExact("7005"),
				"status": knownvalue.Int64Exact(0), "status_name": knownvalue.Null(), "type_code": knownvalue.Null(),
				"type": knownvalue.Null(), "subtype": knownvalue.Null(), "product": knownvalue.Null(),
				"instance": knownvalue.Null(), "account": knownvalue.Null(), "occurred_rfc3339": knownvalue.Null(),
				"alerted_rfc3339": knownvalue.Null(), "handle_by_rfc3339": knownvalue.Null(), "dealt_rfc3339": knownvalue.Null(),
				"dealt_by": knownvalue.Null(), "deal_reason": knownvalue.Null(),
				"handling_active": knownvalue.Bool(false), "handling": knownvalue.ListExact(nil),
			},
		},
	})
}

func TestAccExamples_alertsPipelineGate(t *testing.T) {
	hcl := alertExample(t, "pipeline-gate")
	waf := func(eventIDs ...string) config.Variable {
		events := make([]config.Variable, 0, len(eventIDs))
		for _, id := range eventIDs {
			events = append(events, config.ObjectVariable(map[string]config.Variable{
				"instance_id": config.StringVariable(alertWAFInstance), "event_id": config.StringVariable(id),
			}))
		}
		return config.ListVariable(events...)
	}
	dsc := func(ids ...int64) config.Variable {
		vars := make([]config.Variable, 0, len(ids))
		for _, id := range ids {
			vars = append(vars, config.IntegerVariable(id))
		}
		return config.ListVariable(vars...)
	}
	old := time.Now().Add(-48 * time.Hour)
	put := func(c testCloud) {
		c.PutWAFEvent("cn-hangzhou", alertWAFInstance, "evt-critical", alertWAFResponse(fmt.Sprintf(wafAlertDetail, "critical", 0)))
		c.PutWAFEvent("cn-hangzhou", alertWAFInstance, "evt-high", alertWAFResponse(fmt.Sprintf(wafAlertDetail, "high", 1)))
		c.PutDSCEvent("7001", dscAlertEvent(7001, 0, "Pending", old, ""))
		c.PutDSCEvent("7004", dscAlertEvent(7004, 2, "Dismissed", old, ""))
		// Events the API sent without their level or status.
		c.PutWAFEvent("cn-hangzhou", alertWAFInstance, "evt-nolevel", alertWAFResponse(`{"EventSrc": "203.0.113.9", "EndTime": 1749916800000}`))
		c.PutDSCEvent("7009", []byte(`{"RequestId": "R-ALERTS", "Event": {"Id": 7009, "EventTime": 1749916800000}}`))
	}
	tests := []struct {
		name     string
		vars     config.Variables
		wantErr  string // words of the postcondition's message; "" means the plan passes
		wantGate map[string]knownvalue.Check
	}{
		{
			name: "critical WAF event stops the pipeline",
			vars: config.Variables{"waf_events": waf("evt-high", "evt-critical"), "dsc_event_ids": dsc(7004)},
			wantErr: `Resource postcondition failed .* Pipeline stopped: WAF event evt-critical on waf_v2_public_cn-alerts is critical ` +
				`(SingleURLSqlattack, 3 of 10 attacks blocked, from 203.0.113.7). Suggested response: BlockIP.`,
		},
		{
			name: "unhandled DSC event stops the pipeline",
			vars: config.Variables{"waf_events": waf("evt-high"), "dsc_event_ids": dsc(7004, 7001)},
			wantErr: `Resource postcondition failed .* Pipeline stopped: DSC event 7001 (Anomalous volume of downloaded data) ` +
				`on OSS bucket-finance is unhandled since ` + old.UTC().Format(time.RFC3339) + `.`,
		},
		{
			// A missing level fails closed, on Terraform 1.5 too (plain HCL).
			name: "WAF event without a level stops the pipeline",
			vars: config.Variables{"waf_events": waf("evt-high", "evt-nolevel"), "dsc_event_ids": dsc(7004)},
			wantErr: `Resource postcondition failed .* Pipeline stopped: WAF event evt-nolevel on waf_v2_public_cn-alerts has no level ` +
				`(the API sent no EventLevel), so the gate cannot tell whether it is critical.`,
		},
		{
			name: "DSC event without a status stops the pipeline",
			vars: config.Variables{"waf_events": waf("evt-high"), "dsc_event_ids": dsc(7004, 7009)},
			wantErr: `Resource postcondition failed .* Pipeline stopped: DSC event 7009 has no status ` +
				`(the API sent no Status), so the gate cannot tell whether it was handled.`,
		},
		{
			// Persistent but not critical, and dismissed: both pass.
			name: "handled events pass",
			vars: config.Variables{"waf_events": waf("evt-high"), "dsc_event_ids": dsc(7004)},
			wantGate: map[string]knownvalue.Check{
				"waf_events": knownvalue.MapExact(map[string]knownvalue.Check{alertWAFInstance + "/evt-high": knownvalue.StringExact("high")}),
				"dsc_events": knownvalue.MapExact(map[string]knownvalue.Check{"7004": knownvalue.StringExact("Dismissed")}),
			},
		},
		{
			name: "no events pass",
			vars: config.Variables{},
			wantGate: map[string]knownvalue.Check{
				"waf_events": knownvalue.MapExact(map[string]knownvalue.Check{}),
				"dsc_events": knownvalue.MapExact(map[string]knownvalue.Check{}),
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cloud := newTestCloud(t)
			put(cloud)
			step := resource.TestStep{Config: cloud.providerConfig() + hcl, ConfigVariables: tt.vars}
			if tt.wantErr != "" {
				step.ExpectError = errorPattern(tt.wantErr)
			} else {
				step.ConfigStateChecks = []statecheck.StateCheck{
					statecheck.ExpectKnownOutputValue("gate", knownvalue.ObjectExact(tt.wantGate)),
				}
			}
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				TerraformVersionChecks: []tfversion.TerraformVersionCheck{
					tfversion.SkipBelow(tfversion.Version1_5_0),
				},
				Steps: []resource.TestStep{step},
			})
		})
	}
}
