package bench

import (
	"strings"
	"testing"
	"time"
)

func TestNewReportChecks(t *testing.T) {
	t.Parallel()
	o := DefaultOptions()
	good := Results{
		TerraformVersion: "Terraform v1.5.7",
		Latency:          []LatencyResult{{N: 10, Ratio: 1.4}, {N: 500, Ratio: 1.1}},
		Throttle:         LatencyResult{N: 200, Ratio: 1.5, Retries: 50},
		Usage: []UsageResult{
			{N: 500, Provider: ProviderUsage{PeakRSS: 200 << 20}},
			{N: 500, Latency: 50 * time.Millisecond, Provider: ProviderUsage{PeakRSS: 60 << 20}},
		},
		GoBenchmarks: []GoBenchmark{
			{Package: "provider", Name: "ReadDataSource/alisec_waf_threat_event", NsPerOp: 800e3, AllocsPerOp: 150},
			{Package: "provider", Name: "DecodeAndMap/alisec_waf_threat_event", NsPerOp: 5e6, AllocsPerOp: 9999},
			{Package: "alicloud", Name: "ReadDataSource/ignored", NsPerOp: 5e6, AllocsPerOp: 9999},
		},
		BinarySize: 21e6,
	}
	tests := []struct {
		name       string
		edit       func(*Results)
		wantMissed []string
	}{
		{name: "all met", edit: func(*Results) {}},
		{name: "latency ratio at the largest plan only", edit: func(r *Results) { r.Latency[1].Ratio = 1.16 }, wantMissed: []string{"plan ratio, N = 500"}},
		{name: "throttle ratio", edit: func(r *Results) { r.Throttle.Ratio = 2.01 }, wantMissed: []string{"plan ratio, N = 200"}},
		{name: "failed reads", edit: func(r *Results) { r.Throttle.Failed = 1 }, wantMissed: []string{"failed plans"}},
		{name: "read time and allocations", edit: func(r *Results) {
			r.GoBenchmarks[0].NsPerOp, r.GoBenchmarks[0].AllocsPerOp = 1e6, 200
		}, wantMissed: []string{"time per read, alisec_waf_threat_event", "allocations per read, alisec_waf_threat_event"}},
		{name: "RSS of the plan with latency", edit: func(r *Results) { r.Usage[1].Provider.PeakRSS = 100 << 20 }, wantMissed: []string{"provider peak RSS"}},
		{name: "binary", edit: func(r *Results) { r.BinarySize = 40e6 }, wantMissed: []string{"release binary size"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			res := good
			res.Latency = append([]LatencyResult(nil), good.Latency...)
			res.Usage = append([]UsageResult(nil), good.Usage...)
			res.GoBenchmarks = append([]GoBenchmark(nil), good.GoBenchmarks...)
			tt.edit(&res)
			report := NewReport(o, res, time.Date(2025, 6, 14, 16, 0, 0, 0, time.UTC))
			var missed []string
			for _, c := range report.Missed() {
				missed = append(missed, c.Target)
			}
			if len(missed) != len(tt.wantMissed) {
				t.Fatalf("missed %q, want %q", missed, tt.wantMissed)
			}
			for i, want := range tt.wantMissed {
				if !strings.HasPrefix(missed[i], want) {
					t.Errorf("missed %q, want %q", missed, tt.wantMissed)
				}
			}
		})
	}
}

func TestNewReportTables(t *testing.T) {
	t.Parallel()
	res := Results{
		TerraformVersion: "Terraform v1.5.7",
		Latency: []LatencyResult{{N: 500, T0: 2 * time.Second, T: 4600 * time.Millisecond,
			Ideal: 4500 * time.Millisecond, Ratio: 4600.0 / 4500, Reads: 500}},
		Usage: []UsageResult{{N: 500, Latency: 50 * time.Millisecond,
			Plan:     PlanTimes{Wall: 4 * time.Second, CPU: 3 * time.Second},
			Provider: ProviderUsage{PeakRSS: 60 << 20, CPU: 1 * time.Second, Processes: 3}}},
	}
	md := NewReport(DefaultOptions(), res, time.Date(2025, 6, 14, 16, 0, 0, 0, time.UTC)).Markdown()
	for _, want := range []string{
		"taken 2025-06-14 16:00 UTC",
		"| 500 | 2.00 s | 4.60 s | 4.50 s | 1.02 | 500 |",
		// Terraform's own CPU is the plan's minus the provider's.
		"| 500 | 50 ms | 4.00 s | 2.00 s | 1.00 s | 2.0 ms | 3 | 60.0 MiB |",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("the report lacks %q:\n%s", want, md)
		}
	}
}
