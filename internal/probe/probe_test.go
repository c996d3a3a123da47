package probe

import (
	"context"
	"strings"
	"testing"

	"github.com/alisec/terraform-provider-alisec/internal/alicloud"
	"github.com/alisec/terraform-provider-alisec/internal/fakecloud"
	"github.com/alisec/terraform-provider-alisec/internal/provider"
)

// want is a question's expected verdict and a part of its reading.
type want struct {
	verdict Verdict
	reading string
}

// defaultWants are the findings under the fake cloud's default readings,
// which are the readings the provider was built on.
func defaultWants() map[string]want {
	return map[string]want{
		"W0": {Holds, "cn-hangzhou: InstanceId present (" + hashed(testInstance) + "); ap-southeast-1: InstanceId absent"},
		"W1": {Holds, "ThreatEvents absent"},
		"W2": {Holds, "counts matching events (TotalCount 5 with 1 item(s)"},
		"W3": {Holds, "ThreatEventDetail absent"},
		"W4": {Holds, "Code Waf.Instance.ValidFaild"},
		"D1": {Holds, "Items absent"},
		"D2": {Holds, "Event absent"},
		"D3": {Holds, "PageSize 50 echoed, 50 item(s), TotalCount 60"},
		"D4": {Holds, "milliseconds (60 event(s) asked in milliseconds, 0 in seconds)"},
		"D5": {Holds, "answered (endpoints.sddp override"},
	}
}

// TestProbe_readings runs the probe against the fake cloud under each
// reading it offers: each must be detected, with the verdict it deserves.
func TestProbe_readings(t *testing.T) {
	t.Parallel()
	skippedWAF := want{Skipped, "not asked"}
	tests := []struct {
		name       string
		readings   fakecloud.Readings
		noInstance bool
		changed    map[string]want // the findings that differ from defaultWants
		wantExit   int
	}{
		{name: "defaults", wantExit: ExitHolds},
		{name: "empty items []", readings: fakecloud.Readings{EmptyItems: fakecloud.ShapeEmpty}, wantExit: ExitHolds,
			changed: map[string]want{"W1": {Handled, "ThreatEvents []"}, "D1": {Handled, "Items []"}}},
		{name: "empty items null", readings: fakecloud.Readings{EmptyItems: fakecloud.ShapeNull}, wantExit: ExitHolds,
			changed: map[string]want{"W1": {Handled, "ThreatEvents null"}, "D1": {Handled, "Items null"}}},
		{name: "unknown event {}", readings: fakecloud.Readings{UnknownEvent: fakecloud.ShapeEmpty}, wantExit: ExitHolds,
			changed: map[string]want{"W3": {Handled, "ThreatEventDetail {}"}, "D2": {Handled, "Event {}"}}},
		{name: "unknown event null", readings: fakecloud.Readings{UnknownEvent: fakecloud.ShapeNull}, wantExit: ExitHolds,
			changed: map[string]want{"W3": {Handled, "ThreatEventDetail null"}, "D2": {Handled, "Event null"}}},
		{name: "TotalCount counts the page", readings: fakecloud.Readings{WAFTotalCount: fakecloud.TotalOnPage}, wantExit: ExitHolds,
			changed: map[string]want{"W2": {Handled, "counts the page"}}},
		{name: "foreign instance quiet", readings: fakecloud.Readings{ForeignInstance: fakecloud.InstanceQuiet}, wantExit: ExitHolds,
			changed: map[string]want{"W4": {Handled, "a quiet success (TotalCount 0)"}}},
		{name: "DSC pages capped at 20", readings: fakecloud.Readings{DSCPageCap: 20}, wantExit: ExitHolds,
			changed: map[string]want{"D3": {Holds, "PageSize 20 echoed, 20 item(s), TotalCount 60"}}},
		{name: "DSC pages of 100", readings: fakecloud.Readings{DSCPageCap: 100}, wantExit: ExitHolds,
			changed: map[string]want{"D3": {Holds, "PageSize 100 echoed, 60 item(s), TotalCount 60"}}},
		{name: "DSC times in seconds", readings: fakecloud.Readings{DSCTimeUnit: fakecloud.Seconds}, wantExit: ExitBreaks,
			changed: map[string]want{
				"D4": {Breaks, "seconds (0 event(s) asked in milliseconds, 60 in seconds)"},
				// The millisecond window reads as one in the far future.
				"D3": {Inconclusive, "PageSize 50 echoed, 0 item(s), TotalCount 0"},
			}},
		{name: "no WAF instance", noInstance: true, wantExit: ExitHolds,
			changed: map[string]want{
				"W0": {Holds, "cn-hangzhou: InstanceId absent (no instance); ap-southeast-1: InstanceId absent"},
				"W1": skippedWAF, "W2": skippedWAF, "W3": skippedWAF, "W4": skippedWAF,
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, srv := seededCloud(t, tt.readings, tt.noInstance)
			report := runAgainst(t, srv.URL)
			wants := defaultWants()
			for id, w := range tt.changed {
				wants[id] = w
			}
			checkFindings(t, report, wants)
			if got := report.ExitCode(); got != tt.wantExit {
				t.Errorf("exit status %d, want %d", got, tt.wantExit)
			}
		})
	}
}

// runAgainst runs the probe with a client built as the command builds it,
// from an environment whose endpoints are url.
func runAgainst(t *testing.T, url string) *Report {
	t.Helper()
	cfg, err := provider.ClientConfigFromEnvironment(lookupIn(fakeEnv(url)), "test")
	if err != nil {
		t.Fatal(err)
	}
	client, err := alicloud.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return Run(context.Background(), client, Options{Version: "test"})
}

// checkFindings holds every question's verdict and reading to wants.
func checkFindings(t *testing.T, r *Report, wants map[string]want) {
	t.Helper()
	if len(r.Findings) != len(wants) {
		t.Errorf("%d findings, want %d", len(r.Findings), len(wants))
	}
	for id, w := range wants {
		f, ok := r.Finding(id)
		if !ok {
			t.Errorf("%s: no finding", id)
			continue
		}
		if f.Verdict != w.verdict || !strings.Contains(f.Reading, w.reading) {
			t.Errorf("%s: %q, %s (%s); want a reading with %q, %s", id, f.Reading, f.Verdict, f.Why, w.reading, w.verdict)
		}
	}
	if t.Failed() {
		t.Log(r.Markdown())
	}
}
