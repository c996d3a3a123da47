package provider

import (
	"fmt"
	"maps"
	"slices"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/config"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
)

// examples/alerts/last-24h reads with for_each, which terraform-plugin-testing
// cannot hold in its state, so this test runs only `terraform plan -json`
// through the CLI, with the example's rules module beside it, and asserts
// each check's warning, or its silence.
func TestAccExamples_alertsLast24h(t *testing.T) {
	hcl := alertExample(t, "last-24h")
	now := time.Now()
	ago := func(d time.Duration) int64 { return now.Add(-d).UnixMilli() }
	putWAFAt := func(c testCloud, id, level string, ended time.Time) {
		c.PutWAFEvent("cn-hangzhou", "waf-last", id, []byte(fmt.Sprintf(
			`{"RequestId":"R","ThreatEventDetail":{"EventLevel":%q,"EndTime":%d,"EventSrc":"192.0.2.1"}}`, level, ended.UnixMilli())))
	}
	putWAF := func(c testCloud, id, level string, endedAgo time.Duration) {
		putWAFAt(c, id, level, now.Add(-endedAgo))
	}
	putDSC := func(c testCloud, id, status int, occurredAgo time.Duration) {
		c.PutDSCEvent(fmt.Sprint(id), []byte(fmt.Sprintf(
			`{"RequestId":"R","Event":{"Id":%d,"Status":%d,"EventTime":%d}}`, id, status, ago(occurredAgo))))
	}
	// Old events that would fire the checks if the window let them in.
	putOld := func(c testCloud) {
		putWAF(c, "old-critical", "critical", 48*time.Hour)
		putDSC(c, 8001, 0, 48*time.Hour)
	}
	// A past day replayed with var.now: the window is the 24 hours before it.
	replayed := time.Date(2025, 6, 14, 16, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		put  func(testCloud)
		vars config.Variables  // besides waf_instance_id
		want map[string]string // check name -> warning detail; absent: quiet
	}{
		{
			name: "critical and unhandled events in the window",
			put: func(c testCloud) {
				putOld(c)
				putWAF(c, "crit-b", "critical", time.Hour)
				putWAF(c, "crit-a", "critical", 3*time.Hour)
				putWAF(c, "low-1", "low", 2*time.Hour)
				putDSC(c, 9001, 0, 3*time.Hour)
				putDSC(c, 9002, 1, 3*time.Hour)
			},
			want: map[string]string{
				"no_critical_waf_event_in_window":  "Critical WAF events in the last 24h on waf-last: crit-a, crit-b.",
				"no_unhandled_dsc_event_in_window": "Unhandled Data Security Center events in the last 24h: 9001.",
			},
		},
		{
			name: "quiet day",
			put: func(c testCloud) {
				putOld(c)
				putWAF(c, "low-1", "low", 2*time.Hour)
				putWAF(c, "high-1", "high", 5*time.Hour)
				putDSC(c, 9002, 2, time.Hour)
			},
			want: map[string]string{},
		},
		{
			name: "max_events cuts the list short",
			put: func(c testCloud) {
				putOld(c)
				putWAF(c, "low-1", "low", time.Hour)
				putWAF(c, "low-2", "low", 2*time.Hour)
				putWAF(c, "low-3", "low", 3*time.Hour)
			},
			vars: config.Variables{"max_events": config.IntegerVariable(1)},
			want: map[string]string{
				"window_read_in_full": "The sweep of the last 24h read only part of the window: 1 of 3 WAF events, " +
					"0 of 0 unhandled DSC events (max_events = 1). Raise max_events or shorten window_hours.",
			},
		},
		{
			name: "a past window replayed with now",
			put: func(c testCloud) {
				putWAFAt(c, "crit-replayed", "critical", replayed.Add(-time.Hour))
				putWAFAt(c, "crit-before", "critical", replayed.Add(-25*time.Hour))
				putWAFAt(c, "crit-after", "critical", replayed.Add(time.Hour))
				putWAF(c, "crit-today", "critical", time.Hour)
			},
			vars: config.Variables{"now": config.StringVariable(replayed.Format(time.RFC3339))},
			want: map[string]string{
				"no_critical_waf_event_in_window": "Critical WAF events in the last 24h on waf-last: crit-replayed.",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cloud := newTestCloud(t)
			tt.put(cloud)
			vars := config.Variables{"waf_instance_id": config.StringVariable("waf-last")}
			maps.Copy(vars, tt.vars)
			diags := planDiagnosticsIn(t, alertExampleWorkdir(t, "last-24h", cloud.providerConfig()+hcl, vars))
			got := map[string]string{}
			for _, d := range diags {
				if d.Severity == "error" {
					t.Fatalf("terraform plan reported an error: %s: %s", d.Summary, d.Detail)
				}
				if d.Summary == "Check block assertion failed" && d.Snippet != nil && d.Snippet.Context != nil {
					got[*d.Snippet.Context] = d.Detail
				}
			}
			for check, detail := range tt.want {
				if got[fmt.Sprintf("check %q", check)] != detail {
					t.Errorf("check %s: got warning %q, want %q", check, got[fmt.Sprintf("check %q", check)], detail)
				}
			}
			if len(got) != len(tt.want) {
				t.Errorf("warnings from %v, want only from %v", slices.Sorted(maps.Keys(got)), slices.Sorted(maps.Keys(tt.want)))
			}
			if n := cloud.Requests("DescribeThreatEventDetail"); n == 0 {
				t.Errorf("the listed events were not read in detail")
			}
		})
	}
}

// TestAccListDataSources_planTimestampWindow: the docs' rolling window,
// start_time = timeadd(plantimestamp(), "-24h") and end_time =
// plantimestamp(), passes validation on Terraform 1.5.7, which gives
// plantimestamp() the zero time 0001-01-01T00:00:00Z while it validates,
// and reads the last 24 hours at plan time. The zero time itself, written
// as a value, still fails: when the list is read.
func TestAccListDataSources_planTimestampWindow(t *testing.T) {
	now := time.Now()
	cloud := newTestCloud(t)
	for id, ago := range map[string]time.Duration{"waf-in": time.Hour, "waf-out": 30 * time.Hour} {
		cloud.PutWAFEventForDomain("cn-hangzhou", "i1", id, "shop.example.com", []byte(fmt.Sprintf(
			`{"RequestId":"R","ThreatEventDetail":{"EventLevel":"high","EndTime":%d}}`, now.Add(-ago).UnixMilli())))
	}
	for id, ago := range map[int]time.Duration{2001: time.Hour, 2002: 30 * time.Hour} {
		cloud.PutDSCEvent(fmt.Sprint(id), []byte(fmt.Sprintf(
			`{"RequestId":"R","Event":{"Id":%d,"Status":0,"EventTime":%d}}`, id, now.Add(-ago).UnixMilli())))
	}
	window := func(start, end string) string {
		return cloud.providerConfig() + fmt.Sprintf(`
data "alisec_waf_threat_events" "window" {
  instance_id = "i1"
  start_time  = %[1]s
  end_time    = %[2]s
}

data "alisec_dsc_events" "window" {
  start_time = %[1]s
  end_time   = %[2]s
}
`, start, end)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: window(`timeadd(plantimestamp(), "-24h")`, `plantimestamp()`),
				ConfigStateChecks: []statecheck.StateCheck{
					expectAttribute("data.alisec_waf_threat_events.window", "ids", strs("waf-in")),
					expectAttribute("data.alisec_dsc_events.window", "ids", strs("2001")),
				},
			},
			{
				Config:      window(`"0001-01-01T00:00:00Z"`, `plantimestamp()`),
				ExpectError: errorPattern(`Invalid Time .* got "0001-01-01T00:00:00Z": a time at or before 1970-01-01T00:00:00Z is not accepted`),
			},
		},
	})
}
