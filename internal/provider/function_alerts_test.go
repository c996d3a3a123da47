package provider

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/config"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
)

// examples/alerts/waf-triage uses the provider-defined functions, so it
// needs Terraform 1.8: it is tested as runCheckExample tests the other alert
// examples (alerts_test.go), but through testAccFunction, which skips on
// older CLIs before planDiagnostics runs.

// testAccRequiredProviders declares the provider under the address that
// serveProviderForReattach serves it at ("hashicorp/alisec" is
// registry.opentofu.org/hashicorp/alisec on OpenTofu).
const testAccRequiredProviders = `terraform {
  required_providers {
    alisec = {
      source = "hashicorp/alisec"
    }
  }
}
`

// wafTriageNow is two hours after wafAlertDetail's last attack.
const wafTriageNow = "2025-06-14T18:00:00Z"

func wafTriageVars(eventID string, extra config.Variables) config.Variables {
	vars := config.Variables{
		"instance_id": config.StringVariable(alertWAFInstance),
		"event_id":    config.StringVariable(eventID),
		"now":         config.StringVariable(wafTriageNow),
	}
	for k, v := range extra {
		vars[k] = v
	}
	return vars
}

func cidrVariable(cidrs ...string) config.Variable {
	items := make([]config.Variable, 0, len(cidrs))
	for _, c := range cidrs {
		items = append(items, config.StringVariable(c))
	}
	return config.ListVariable(items...)
}

// wafTriageAlert is the alert output for wafAlertDetail at level, with
// overrides applied.
func wafTriageAlert(eventID string, firing bool, level string, rank int64, overrides map[string]knownvalue.Check) map[string]knownvalue.Check {
	return withAlertChecks(map[string]knownvalue.Check{
		"firing": knownvalue.Bool(firing), "instance_id": knownvalue.StringExact(alertWAFInstance), "event_id": knownvalue.StringExact(eventID),
		"level": knownvalue.StringExact(level), "rank": knownvalue.Int64Exact(rank), "severe": knownvalue.Bool(rank >= 3),
		"min_level": knownvalue.StringExact("high"),
		"age_hours": knownvalue.Int64Exact(2), "recent": knownvalue.Bool(true),
		"last_attack_rfc3339": knownvalue.StringExact("2025-06-14T16:00:00Z"),
		"attacker_ips":        alertStrings("203.0.113.7", "203.0.113.8"),
		"foreign_ips":         alertStrings("203.0.113.7", "203.0.113.8"),
		"only_allow_listed":   knownvalue.Bool(false),
		"suggestion":          knownvalue.StringExact("BlockIP"),
	}, overrides)
}

func TestAccExamples_alertsWAFTriage(t *testing.T) {
	hcl := alertExample(t, "waf-triage")
	const checkName = "waf_event_triaged"
	tests := []struct {
		name        string
		detail      string
		vars        config.Variables
		wantWarning string // "" means the check passes
		wantAlert   map[string]knownvalue.Check
	}{
		{
			name:   "critical, recent, from outside: fires",
			detail: fmt.Sprintf(wafAlertDetail, "critical", 0),
			wantWarning: "WAF event evt-0 on waf_v2_public_cn-alerts is critical (rank 4 of 4, threshold high), last attack 2.0 hours ago " +
				"at 2025-06-14T16:00:00Z, from outside the allow-list: 203.0.113.7, 203.0.113.8. Suggested response: BlockIP.",
			wantAlert: wafTriageAlert("evt-0", true, "critical", 4, nil),
		},
		{
			name:   "critical from our own scanner: quiet",
			detail: fmt.Sprintf(wafAlertDetail, "critical", 0),
			vars:   config.Variables{"allowed_cidrs": cidrVariable("203.0.113.0/24")},
			wantAlert: wafTriageAlert("evt-1", false, "critical", 4, map[string]knownvalue.Check{
				"foreign_ips": alertStrings(), "only_allow_listed": knownvalue.Bool(true),
			}),
		},
		{
			name:   "one attacker outside the allow-list: fires",
			detail: fmt.Sprintf(wafAlertDetail, "high", 0),
			vars:   config.Variables{"allowed_cidrs": cidrVariable("203.0.113.7/32", "2001:db8::/32")},
			wantWarning: "WAF event evt-2 on waf_v2_public_cn-alerts is high (rank 3 of 4, threshold high), last attack 2.0 hours ago " +
				"at 2025-06-14T16:00:00Z, from outside the allow-list: 203.0.113.8. Suggested response: BlockIP.",
			wantAlert: wafTriageAlert("evt-2", true, "high", 3, map[string]knownvalue.Check{"foreign_ips": alertStrings("203.0.113.8")}),
		},
		{
			name:      "medium, below the threshold: quiet",
			detail:    fmt.Sprintf(wafAlertDetail, "medium", 0),
			wantAlert: wafTriageAlert("evt-3", false, "medium", 2, nil),
		},
		{
			// A number given to a string variable arrives as "2": DSC's
			// warn_level 2, medium.
			name:   "threshold as a DSC number: fires",
			detail: fmt.Sprintf(wafAlertDetail, "Medium", 0),
			vars:   config.Variables{"min_level": config.IntegerVariable(2)},
			wantWarning: "WAF event evt-4 on waf_v2_public_cn-alerts is Medium (rank 2 of 4, threshold 2), last attack 2.0 hours ago " +
				"at 2025-06-14T16:00:00Z, from outside the allow-list: 203.0.113.7, 203.0.113.8. Suggested response: BlockIP.",
			wantAlert: wafTriageAlert("evt-4", true, "Medium", 2, map[string]knownvalue.Check{
				"severe": knownvalue.Bool(true), "min_level": knownvalue.StringExact("2"),
			}),
		},
		{
			name:   "two days old: quiet",
			detail: fmt.Sprintf(wafAlertDetail, "critical", 0),
			vars:   config.Variables{"now": config.StringVariable("2025-06-16T16:00:00Z")},
			wantAlert: wafTriageAlert("evt-5", false, "critical", 4, map[string]knownvalue.Check{
				"age_hours": knownvalue.Int64Exact(48), "recent": knownvalue.Bool(false),
			}),
		},
		{
			name: "IPv6 attackers, one foreign: fires",
			detail: `{"EventLevel": "critical", "EndTime": 1749920400000,
			  "EventCondition": "{\"condition\": {\"real_client_ip\": [\"2001:db8:5ca::7\", \"2001:db8:bad::1\"]}}"}`,
			vars: config.Variables{"allowed_cidrs": cidrVariable("2001:db8:5ca::/48")},
			wantWarning: "WAF event evt-6 on waf_v2_public_cn-alerts is critical (rank 4 of 4, threshold high), last attack 1.0 hours ago " +
				"at 2025-06-14T17:00:00Z, from outside the allow-list: 2001:db8:bad::1. Suggested response: none.",
			wantAlert: wafTriageAlert("evt-6", true, "critical", 4, map[string]knownvalue.Check{
				"age_hours": knownvalue.Int64Exact(1), "last_attack_rfc3339": knownvalue.StringExact("2025-06-14T17:00:00Z"),
				"attacker_ips": alertStrings("2001:db8:5ca::7", "2001:db8:bad::1"), "foreign_ips": alertStrings("2001:db8:bad::1"),
				"suggestion": knownvalue.Null(),
			}),
		},
		{
			// A level the API did not send is "unknown", at least every
			// threshold: the event fires instead of passing quietly.
			name:   "no level, no time, no attackers: fires",
			detail: `{"EventSuggest": "BlockIP"}`,
			wantWarning: "WAF event evt-7 on waf_v2_public_cn-alerts is of unknown level (rank unknown, above critical, threshold high), " +
				"last attack ? hours ago at unknown, from outside the allow-list: attacker IPs unknown. Suggested response: BlockIP.",
			wantAlert: wafTriageAlert("evt-7", true, "", 5, map[string]knownvalue.Check{
				"level": knownvalue.Null(), "severe": knownvalue.Bool(true),
				"age_hours": knownvalue.Null(), "last_attack_rfc3339": knownvalue.Null(),
				"attacker_ips": alertStrings(), "foreign_ips": alertStrings(),
			}),
		},
		{
			name:   "no level, from our own scanner: quiet",
			detail: `{"EndTime": 1749916800000, "EventCondition": "{\"condition\": {\"real_client_ip\": [\"203.0.113.7\"]}}"}`,
			vars:   config.Variables{"allowed_cidrs": cidrVariable("203.0.113.0/24")},
			wantAlert: wafTriageAlert("evt-8", false, "", 5, map[string]knownvalue.Check{
				"level": knownvalue.Null(), "severe": knownvalue.Bool(true), "suggestion": knownvalue.Null(),
				"attacker_ips": alertStrings("203.0.113.7"), "foreign_ips": alertStrings(), "only_allow_listed": knownvalue.Bool(true),
			}),
		},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			eventID := fmt.Sprintf("evt-%d", i)
			cloud := newTestCloud(t)
			putAlertWAFEvent(eventID, tt.detail)(cloud)
			cfg := cloud.providerConfig() + hcl
			vars := wafTriageVars(eventID, tt.vars)
			testAccFunction(t, resource.TestStep{
				Config:          cfg,
				ConfigVariables: vars,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownOutputValue("alert", knownvalue.ObjectExact(tt.wantAlert)),
				},
			})
			// Reached only when testAccFunction did not skip. Terraform
			// finds provider functions only for providers the module
			// declares; terraform-plugin-testing declares ours itself.
			expectCheckWarning(t, planDiagnostics(t, testAccRequiredProviders+cfg, vars), checkName, tt.wantWarning)
		})
	}
}

// Bad inputs fail the plan with the functions' own argument errors.
func TestAccExamples_alertsWAFTriageErrors(t *testing.T) {
	hcl := alertExample(t, "waf-triage")
	tests := []struct {
		name    string
		vars    config.Variables
		wantErr string
	}{
		{"bad CIDR", config.Variables{"allowed_cidrs": cidrVariable("203.0.113.0/24", "203.0.113.300/24")},
			`Invalid value for "cidrs" parameter: Invalid CIDR block: .* got cidrs[1] = "203.0.113.300/24".`},
		{"bad level", config.Variables{"min_level": config.StringVariable("urgent")},
			`Invalid value for "threshold" parameter: Unknown severity level: .* got the string "urgent".`},
		{"bad time", config.Variables{"now": config.StringVariable("today")},
			`Invalid value for "now" parameter: Invalid now: expected an RFC 3339 time .* got "today".`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cloud := newTestCloud(t)
			putAlertWAFEvent("evt-bad", fmt.Sprintf(wafAlertDetail, "critical", 0))(cloud)
			testAccFunction(t, resource.TestStep{
				Config:          cloud.providerConfig() + hcl,
				ConfigVariables: wafTriageVars("evt-bad", tt.vars),
				ExpectError:     errorPattern(tt.wantErr),
			})
		})
	}
}

// expectCheckWarning asserts that Terraform reported the check's failed
// assertion with exactly want as its detail, or, for want "", nothing at
// all from the check; and no error.
func expectCheckWarning(t *testing.T, diags []terraformDiagnostic, checkName, want string) {
	t.Helper()
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
	case want == "" && len(fromCheck) != 0:
		t.Errorf("check %q should stay quiet, but Terraform reported:%s", checkName, formatTerraformDiagnostics(fromCheck))
	case want != "" && (len(fromCheck) != 1 || fromCheck[0].Severity != "warning" ||
		fromCheck[0].Summary != "Check block assertion failed" || fromCheck[0].Detail != want):
		t.Errorf("check %q: Terraform reported:%s\nwant one warning: Check block assertion failed: %q",
			checkName, formatTerraformDiagnostics(fromCheck), want)
	}
}
