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
		Latency:          []LatencyResult{{N: 10, Ratio: 0.98}, {N: 500, Ratio: 1.1}},
		Throttle:         LatencyResult{N: 200, Ratio: 15, Retries: 50},
		Flow: []FlowResult{
			{Name: "300 detail reads", Detail: true, QPS: 10, Calls: 150, Bound: 15 * time.Second, T: 17 * time.Second, Throttled: 0.04},
			{Name: "lists", QPS: 10, Calls: 50, Bound: 5 * time.Second, T: 60 * time.Second, Throttled: 0},
		},
		Persistent: PersistentResult{Reads: 10, Budget: 15 * time.Second, Runs: 3, Throttled: 30,
			Spacing: Spacing{LongestRetry: 14 * time.Second, MinGapRead: 80 * time.Millisecond, MinGapAction: 140 * time.Millisecond}},
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
		{name: "latency ratio at every plan size", edit: func(r *Results) { r.Latency[0].Ratio, r.Latency[1].Ratio = 1.16, 1.16 },
			wantMissed: []string{"plan ratio, N = 10", "plan ratio, N = 500"}},
		{name: "no ratio target under random throttling", edit: func(r *Results) { r.Throttle.Ratio = 40 }},
		{name: "failed plans under random throttling", edit: func(r *Results) { r.Throttle.Failed = 1 }, wantMissed: []string{"failed plans"}},
		{name: "flow control: plan time over 1.2 × bound, throttled share over 5%", edit: func(r *Results) {
			r.Flow[0].T, r.Flow[0].Throttled = 18001*time.Millisecond, 0.051
		}, wantMissed: []string{"plan time, 300 detail reads, 10 QPS", "throttled requests, 300 detail reads, 10 QPS"}},
		{name: "flow control: the lists have no time target", edit: func(r *Results) { r.Flow[1].T = time.Hour }},
		{name: "flow control: failed reads", edit: func(r *Results) { r.Flow[0].Failed, r.Flow[1].Failed = 1, 2 },
			wantMissed: []string{"failed reads, 300 detail reads", "failed reads, lists"}},
		{name: "persistent throttling: a read that did not fail, or not with API Throttled", edit: func(r *Results) {
			r.Persistent.Throttled, r.Persistent.Other = 29, []string{"no error"}
		}, wantMissed: []string{"persistent throttling: reads failed"}},
		{name: "persistent throttling: past the budget, attempts in a burst", edit: func(r *Results) {
			r.Persistent.Spacing.LongestRetry, r.Persistent.Spacing.MinGapAction = 15100*time.Millisecond+1, 2*time.Millisecond
		}, wantMissed: []string{"persistent throttling: longest retry", "persistent throttling: smallest gap"}},
		{name: "persistent throttling: the last attempt a transit's time past the budget", edit: func(r *Results) {
			r.Persistent.Spacing.LongestRetry = 15050 * time.Millisecond
		}},
		{name: "persistent throttling: no retry at all has no gap", edit: func(r *Results) { r.Persistent.Spacing.MinGapAction = NoGap },
			wantMissed: []string{"persistent throttling: smallest gap"}},
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
			res.Flow = append([]FlowResult(nil), good.Flow...)
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
		Flow: []FlowResult{
			{Name: "300 detail reads, for_each", Detail: true, QPS: 10, Burst: 10, Calls: 150, Bound: 15 * time.Second,
				T: 30600 * time.Millisecond, TMin: 29 * time.Second, TMax: 104 * time.Second, Ratio: 2.04, Requests: 325, Throttled: 25.0 / 325, Failed: 0},
			{Name: "lists", QPS: 10, Burst: 10, Calls: 50, Bound: 5 * time.Second, T: 12 * time.Second, TMin: 11 * time.Second, TMax: 12500 * time.Millisecond, Ratio: 2.4, Requests: 75},
		},
		Persistent: PersistentResult{Reads: 10, Budget: 15 * time.Second, T: 15200 * time.Millisecond, ToFailure: 14940 * time.Millisecond,
			Spacing:   Spacing{Attempts: 42, LongestRetry: 14025 * time.Millisecond, MinGapRead: 75 * time.Millisecond, MinGapAction: 142 * time.Millisecond},
			Throttled: 30, Runs: 3},
	}
	md := NewReport(DefaultOptions(), res, time.Date(2025, 6, 14, 16, 0, 0, 0, time.UTC)).Markdown()
	for _, want := range []string{
		"taken 2025-06-14 16:00 UTC",
		"| 500 | 2.00 s | 4.60 s | 4.50 s | 1.02 | 500 |",
		// Terraform's own CPU is the plan's minus the provider's.
		"| 500 | 50 ms | 4.00 s | 2.00 s | 1.00 s | 2.0 ms | 3 | 60.0 MiB |",
		// The detail reads have the bound of the actions in turn too; the lists do not.
		"| 300 detail reads, for_each | 10 QPS, burst 10 | 150 | 15.00 s | 30.60 s (29.0–104.0) | 2.04 | 30.00 s | 1.02 | 325 | 7.7% | 0 |",
		"| lists | 10 QPS, burst 10 | 50 | 5.00 s | 12.00 s (11.0–12.5) | 2.40 |  |  | 75 | 0.0% | 0 |",
		"| 10 | 15s | 14.94 s | 14.03 s | 42 | 75 ms | 142 ms | 30 of 30 | 0 |",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("the report lacks %q:\n%s", want, md)
		}
	}
}
