// Package bench is `make bench`: it measures how close a plan of N event
// reads comes to the lower bound the API sets, and what the provider costs
// besides that, and renders the figures as a markdown table.
//
// Terraform reads data sources with a parallelism of 10, so no provider can
// plan N reads faster than Terraform's own fixed cost plus ceil(N/10) rounds
// of API latency. Under a per-action QPS limit (flow control, flow.go) the
// bound is the calls of an action over its QPS instead. Every scenario runs
// the real Terraform CLI and the release build of the provider against the
// fake cloud served in this process.
package bench

import (
	"slices"
	"time"
)

// Parallelism is Terraform's default -parallelism, which bounds how many
// data sources it reads at once. Every plan passes it explicitly.
const Parallelism = 10

// IdealPlan is the fastest a plan of n reads can be: t0, the same plan with
// no API latency (Terraform's and the provider's fixed cost), plus one
// latency per round of parallelism concurrent reads.
func IdealPlan(t0 time.Duration, n, parallelism int, latency time.Duration) time.Duration {
	if n <= 0 || parallelism <= 0 {
		return t0
	}
	rounds := (n + parallelism - 1) / parallelism
	return t0 + time.Duration(rounds)*latency
}

// Ratio is measured over ideal: 1 is the physical limit, 1.15 is 15% above.
func Ratio(measured, ideal time.Duration) float64 {
	if ideal <= 0 {
		return 0
	}
	return float64(measured) / float64(ideal)
}

// Median is the middle of ds (the mean of the two middles for an even
// count), which a single slow run on a noisy machine does not move.
func Median(ds []time.Duration) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	mid := len(s) / 2
	if len(s)%2 == 1 {
		return s[mid]
	}
	return (s[mid-1] + s[mid]) / 2
}
