package provider

import (
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// The list data sources' summaries for alert conditions: plain attributes,
// so that terraform test's mocks can set them, which they cannot do for the
// events list itself.

// levelUnknown counts events whose level is absent or not one the API
// pages name, so that no event drops out of the counts unseen.
const levelUnknown = "unknown"

// wafLevels are WAF's event_level values, in severity_rank's order.
var wafLevels = []string{"low", "medium", "high", "critical"}

// dscLevels names DSC's warn_level numbers 1 to 3 as severity_rank does.
var dscLevels = []string{"low", "medium", "high"}

// countByLevel counts levels, every known level and levelUnknown present
// (0 when none), so that a rule can read counts_by_level["critical"]
// without a lookup error. level returns "" for an event without one.
func countByLevel[T any](events []T, known []string, level func(T) string) map[string]int64 {
	counts := make(map[string]int64, len(known)+1)
	for _, name := range known {
		counts[name] = 0
	}
	counts[levelUnknown] = 0
	for _, e := range events {
		name := strings.ToLower(level(e))
		if _, ok := counts[name]; !ok {
			name = levelUnknown
		}
		counts[name]++
	}
	return counts
}

// wafEventLevel is an event's level for counting.
func wafEventLevel(e wafThreatEventSummaryModel) string { return e.EventLevel.ValueString() }

// dscEventLevel names an event's warn_level for counting.
func dscEventLevel(e dscEventSummaryModel) string {
	n := e.WarnLevel.ValueInt64()
	if e.WarnLevel.IsNull() || n < 1 || int(n) > len(dscLevels) {
		return ""
	}
	return dscLevels[n-1]
}

// truncated reports whether the API has more events than were returned.
func truncated(total types.Int64, returned int) bool {
	return !total.IsNull() && total.ValueInt64() > int64(returned)
}

func truncatedAttribute() schema.BoolAttribute {
	return schema.BoolAttribute{Computed: true,
		MarkdownDescription: "Whether `max_results` cut the list short: `total_count` is more than the events returned. " +
			"An alert that must see every event can test it in a `check` or a precondition."}
}

func countsByLevelAttribute(levels string) schema.MapAttribute {
	return schema.MapAttribute{Computed: true, ElementType: types.Int64Type,
		MarkdownDescription: "Number of the returned events at each severity: " + levels +
			", and `unknown` for events with no level or another one. Every key is always present (0 when there are none), " +
			"so `counts_by_level[\"high\"]` needs no `lookup`. Counts only the events returned (see `truncated`)."}
}
