package provider

import (
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
)

// assumedRetention is how long the list data sources take Alibaba Cloud to
// keep events. Neither WAF 3.0's nor Data Security Center's references
// say how long security events or anomalous activities can be listed, so
// this is an assumption, kept long so that it warns only where a window is
// very likely past any retention.
const assumedRetention = 180 * 24 * time.Hour

// Summaries of the warnings a quiet time window gets: examples/alerts/ci/
// alert-gate.sh counts them as blind.
const (
	summaryWindowInFuture        = "Time Window In The Future"
	summaryWindowBeforeRetention = "Time Window Before Retention"
)

// The sentences the time arguments' descriptions end with.
var (
	windowInFutureNote = "A window that starts after the time of the read and lists no events gets the warning \"" +
		summaryWindowInFuture + "\" here, which `alert-gate.sh` counts as a blind read: such a list proves nothing."
	windowBeforeRetentionNote = fmt.Sprintf("A window that ends more than %[1]d days before the read and lists no events gets the "+
		"warning \"%[2]s\" here, which `alert-gate.sh` counts as a blind read: neither API reference documents how long events "+
		"are kept, so the provider assumes %[1]d days, and an empty list of older events proves nothing.",
		int(assumedRetention.Hours()/24), summaryWindowBeforeRetention)
)

// addQuietWindowWarnings warns when a list read found no events in a time
// window where none could be found: one that starts after now (the time of
// the read, not of the plan), or one that ends more than assumedRetention
// before it. start and end are Unix milliseconds, 0 for an unset bound.
// A window that listed events says nothing is wrong, and gets no warning.
func addQuietWindowWarnings(diags *diag.Diagnostics, start, end int64, listed int, now time.Time) {
	if listed > 0 {
		return
	}
	format := func(ms int64) string { return time.UnixMilli(ms).UTC().Format(time.RFC3339) }
	read := now.UTC().Format(time.RFC3339)
	if start != 0 && start > now.UnixMilli() {
		diags.AddAttributeWarning(path.Root("start_time"), summaryWindowInFuture, fmt.Sprintf(
			"Expected a time window that starts before the read, got start_time %s, after the time of the read (%s): the window lies "+
				"entirely in the future and listed no events, which proves nothing about the events. Check start_time and end_time "+
				"(a rolling window is start_time = timeadd(plantimestamp(), \"-24h\"), end_time = plantimestamp()) and this machine's clock.",
			format(start), read))
		return
	}
	if end != 0 && end < now.Add(-assumedRetention).UnixMilli() {
		days := int(assumedRetention.Hours() / 24)
		diags.AddAttributeWarning(path.Root("end_time"), summaryWindowBeforeRetention, fmt.Sprintf(
			"Expected a time window within the last %d days, got end_time %s, more than %d days before the read (%s): the window listed "+
				"no events, and Alibaba Cloud may no longer keep events that old, so the empty list proves nothing. The API references do "+
				"not document how long events are kept; the provider assumes %d days. Move the window within the last %d days, or read "+
				"this list as unknown, not as no events.",
			days, format(end), days, read, days, days))
	}
}
