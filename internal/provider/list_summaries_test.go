package provider

import (
	"maps"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
)

func TestCountByLevel(t *testing.T) {
	t.Parallel()
	waf := func(levels ...string) []wafThreatEventSummaryModel {
		out := make([]wafThreatEventSummaryModel, len(levels))
		for i, l := range levels {
			if l != "<null>" {
				out[i].EventLevel = types.StringValue(l)
			}
		}
		return out
	}
	dsc := func(levels ...int64) []dscEventSummaryModel {
		out := make([]dscEventSummaryModel, len(levels))
		for i, l := range levels {
			if l >= 0 {
				out[i].WarnLevel = types.Int64Value(l)
			}
		}
		return out
	}
	tests := []struct {
		name string
		got  map[string]int64
		want map[string]int64
	}{
		{"no WAF events: every key, all 0", countByLevel(waf(), wafLevels, wafEventLevel),
			map[string]int64{"low": 0, "medium": 0, "high": 0, "critical": 0, "unknown": 0}},
		{"WAF levels, any case", countByLevel(waf("critical", "High", "high", "LOW"), wafLevels, wafEventLevel),
			map[string]int64{"low": 1, "medium": 0, "high": 2, "critical": 1, "unknown": 0}},
		{"WAF events without a known level are unknown", countByLevel(waf("<null>", "", "severe", "unknown"), wafLevels, wafEventLevel),
			map[string]int64{"low": 0, "medium": 0, "high": 0, "critical": 0, "unknown": 4}},
		{"DSC warn levels by name", countByLevel(dsc(1, 3, 3, 2), dscLevels, dscEventLevel),
			map[string]int64{"low": 1, "medium": 1, "high": 2, "unknown": 0}},
		{"DSC levels outside 1 to 3 are unknown", countByLevel(dsc(-1, 0, 4), dscLevels, dscEventLevel),
			map[string]int64{"low": 0, "medium": 0, "high": 0, "unknown": 3}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if !maps.Equal(tt.got, tt.want) {
				t.Errorf("counts = %v, want %v", tt.got, tt.want)
			}
		})
	}
}

func TestTruncated(t *testing.T) {
	t.Parallel()
	tests := []struct {
		total    types.Int64
		returned int
		want     bool
	}{
		{types.Int64Value(10), 10, false},
		{types.Int64Value(11), 10, true},
		{types.Int64Value(0), 0, false},
		{types.Int64Null(), 3, false},
	}
	for _, tt := range tests {
		if got := truncated(tt.total, tt.returned); got != tt.want {
			t.Errorf("truncated(%v, %d) = %v, want %v", tt.total, tt.returned, got, tt.want)
		}
	}
}

// TestAccListSummaries_truncated: with max_results below the total, the
// summaries say the list was cut short and count only what was returned.
func TestAccListSummaries_truncated(t *testing.T) {
	cloud := newTestCloud(t)
	putDSCListEvents(cloud, 11)
	putWAFListEvents(cloud, 9)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: dscListConfig(cloud, "max_results = 2") + `
data "alisec_waf_threat_events" "test" {
  instance_id = "i1"
  start_time  = "2025-06-14T16:00:00Z"
  end_time    = "2025-06-15T16:00:00Z"
  max_results = 3
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				// The two latest DSC events are 1010 (warn_level 2) and 1009 (1).
				expectAttribute("data.alisec_dsc_events.test", "total_count", knownvalue.Int64Exact(11)),
				expectAttribute("data.alisec_dsc_events.test", "truncated", knownvalue.Bool(true)),
				expectAttribute("data.alisec_dsc_events.test", "counts_by_level", knownvalue.MapExact(map[string]knownvalue.Check{
					"low": i64(1), "medium": i64(1), "high": i64(0), "unknown": i64(0),
				})),
				// The three latest WAF events are ev-0008 (low), ev-0007 (critical), ev-0006 (high).
				expectAttribute("data.alisec_waf_threat_events.test", "truncated", knownvalue.Bool(true)),
				expectAttribute("data.alisec_waf_threat_events.test", "counts_by_level", knownvalue.MapExact(map[string]knownvalue.Check{
					"low": i64(1), "medium": i64(0), "high": i64(1), "critical": i64(1), "unknown": i64(0),
				})),
			},
		}},
	})
}
