package provider

import (
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
)

func TestAddQuietWindowWarnings(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 12, 4, 16, 0, 0, 0, time.UTC)
	ms := func(d time.Duration) int64 { return now.Add(d).UnixMilli() }
	day := 24 * time.Hour
	tests := []struct {
		name       string
		start, end int64 // 0: unset
		listed     int
		summary    string // "" means no warning
		at         string
	}{
		{"last 24 hours", ms(-day), ms(0), 0, "", ""},
		{"starts a minute from now", ms(time.Minute), ms(time.Hour), 0, summaryWindowInFuture, "start_time"},
		{"starts in the future, open end", ms(time.Hour), 0, 0, summaryWindowInFuture, "start_time"},
		{"ends in the future, starts before now", ms(-time.Hour), ms(time.Hour), 0, "", ""},
		{"in the future but lists events", ms(time.Hour), ms(2 * time.Hour), 1, "", ""},
		{"ends 181 days ago", ms(-182 * day), ms(-181 * day), 0, summaryWindowBeforeRetention, "end_time"},
		{"ends 181 days ago, open start", 0, ms(-181 * day), 0, summaryWindowBeforeRetention, "end_time"},
		{"ends 179 days ago", ms(-200 * day), ms(-179 * day), 0, "", ""},
		{"old but lists events", ms(-400 * day), ms(-399 * day), 3, "", ""},
		{"no bounds", 0, 0, 0, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var diags diag.Diagnostics
			addQuietWindowWarnings(&diags, tt.start, tt.end, tt.listed, now)
			if tt.summary == "" {
				if len(diags) != 0 {
					t.Errorf("diagnostics = %v, want none", diags)
				}
				return
			}
			if len(diags) != 1 || diags.HasError() || diags[0].Summary() != tt.summary {
				t.Fatalf("diagnostics = %v, want one warning %q", diags, tt.summary)
			}
			if p, ok := diags[0].(diag.DiagnosticWithPath); !ok || !p.Path().Equal(path.Root(tt.at)) {
				t.Errorf("warning %v is not at %s", diags[0], tt.at)
			}
			if !strings.Contains(diags[0].Detail(), "(2026-12-04T16:00:00Z)") {
				t.Errorf("detail %q does not name the time of the read", diags[0].Detail())
			}
		})
	}
}

// TestAccListDataSources_quietWindowWarnings: a window that lists nothing
// where nothing could be listed says so, on the time argument at fault; a
// window that lists events, or a recent quiet one, does not.
func TestAccListDataSources_quietWindowWarnings(t *testing.T) {
	recent := time.Now().Add(-time.Hour).UTC().Format(time.RFC3339)
	tests := []struct {
		name        string
		config      func(testCloud) string
		wantSummary string // "" means no warning
		wantDetail  string // the detail's start
	}{
		{
			name: "WAF window in the future",
			config: func(c testCloud) string {
				return wafListConfig(c, `start_time = "2099-01-01T00:00:00Z"`+"\n"+`end_time = "2099-01-02T00:00:00Z"`)
			},
			wantSummary: summaryWindowInFuture,
			wantDetail:  "Expected a time window that starts before the read, got start_time 2099-01-01T00:00:00Z, after the time of the read",
		},
		{
			name: "WAF window before retention",
			config: func(c testCloud) string {
				return wafListConfig(c, `start_time = "2020-01-01T00:00:00Z"`+"\n"+`end_time = "2020-01-02T00:00:00Z"`)
			},
			wantSummary: summaryWindowBeforeRetention,
			wantDetail:  "Expected a time window within the last 180 days, got end_time 2020-01-02T00:00:00Z, more than 180 days before the read",
		},
		{
			name: "WAF old window that lists events",
			config: func(c testCloud) string {
				return wafListConfig(c, `start_time = "2025-06-14T16:00:00Z"`+"\n"+`end_time = "2025-06-14T17:00:00Z"`)
			},
		},
		{
			name: "WAF recent quiet window",
			config: func(c testCloud) string {
				return wafListConfig(c, `start_time = "`+recent+`"`+"\n"+`end_time = "`+time.Now().UTC().Format(time.RFC3339)+`"`)
			},
		},
		{
			name:        "DSC window in the future, open end",
			config:      func(c testCloud) string { return dscListConfigFrom(c, `start_time = "2099-01-01T00:00:00Z"`) },
			wantSummary: summaryWindowInFuture,
			wantDetail:  "Expected a time window that starts before the read, got start_time 2099-01-01T00:00:00Z",
		},
		{
			name:        "DSC window before retention, open start",
			config:      func(c testCloud) string { return dscListConfigFrom(c, `end_time = "2018-06-01T00:00:00Z"`) },
			wantSummary: summaryWindowBeforeRetention,
			wantDetail:  "Expected a time window within the last 180 days, got end_time 2018-06-01T00:00:00Z",
		},
		{
			// The fake cloud's page example event is of 2018-12-26.
			name:   "DSC old window that lists the page example",
			config: func(c testCloud) string { return dscListConfigFrom(c, `end_time = "2019-01-01T00:00:00Z"`) },
		},
		{
			name:   "DSC recent quiet window",
			config: func(c testCloud) string { return dscListConfigFrom(c, `start_time = "`+recent+`"`) },
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			cloud := newTestCloud(t)
			putWAFListEvents(cloud, 3)
			putDSCListEvents(cloud, 3)
			diags := planDiagnostics(t, tt.config(cloud), nil)
			var found bool
			for _, d := range diags {
				found = found || (d.Severity == "warning" && d.Summary == tt.wantSummary && strings.HasPrefix(d.Detail, tt.wantDetail))
				if d.Severity == "error" || (d.Summary != tt.wantSummary) {
					t.Errorf("unexpected diagnostic %s: %s: %q", d.Severity, d.Summary, d.Detail)
				}
			}
			if tt.wantSummary != "" && !found {
				t.Errorf("diagnostics:%s\nwant a warning %q starting %q", formatTerraformDiagnostics(diags), tt.wantSummary, tt.wantDetail)
			}
		})
	}
}

// dscListConfigFrom is an alisec_dsc_events data source with only args.
func dscListConfigFrom(cloud testCloud, args string) string {
	return cloud.providerConfig() + `
data "alisec_dsc_events" "test" {
  ` + args + `
}
`
}
