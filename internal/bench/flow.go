package bench

import (
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/alisec/terraform-provider-alisec/internal/alicloud"
	"github.com/alisec/terraform-provider-alisec/internal/fakecloud"
)

// The flow-control scenarios run plans against a fake cloud that limits
// each AccessKeyId's calls of each action, as Alibaba Cloud's gateway does:
// a token bucket of Burst tokens refilled at QPS, answering Throttling.User
// when it is empty. No plan can then make an action's N calls faster than
// N / QPS (less the burst), whatever the latency.

// detailActions and listActions are the actions the scenarios call.
var (
	detailActions = []string{alicloud.WAFThreatEventAction, alicloud.DSCEventAction}
	listActions   = []string{alicloud.WAFThreatEventsAction, alicloud.DSCEventsAction}
)

// The page sizes the list data sources ask for.
const (
	wafPageSize = alicloud.WAFThreatEventsMaxPageSize
	dscPageSize = alicloud.DSCEventsPageSize
)

// FlowResult is a flow-control scenario whose plans must succeed: detail
// reads through for_each, or two paged lists.
type FlowResult struct {
	Name      string
	Detail    bool    // detail reads through for_each; otherwise the lists
	QPS       float64 // the fake's limit per action
	Burst     int     // the fake's bucket size per action
	Calls     int     // calls the busiest action needs: reads, or pages
	Bound     time.Duration
	T         time.Duration // median plan time
	TMin      time.Duration // fastest plan
	TMax      time.Duration // slowest plan
	Ratio     float64       // T over Bound
	Requests  int           // median over the runs, throttled ones included
	Throttled float64       // share of all the runs' requests answered Throttling.User
	Failed    int           // failed reads over all the runs
	Runs      int
}

// PersistentResult is the scenario where every call is throttled: every
// read must fail, within the throttling budget, with attempts spaced.
type PersistentResult struct {
	Reads     int
	Budget    time.Duration // throttling_timeout
	T         time.Duration // median plan time
	ToFailure time.Duration // median, from the first request to the end of the plan
	// Spacing holds the median of the runs' attempts, the longest retry
	// and the smallest gaps of all the runs.
	Spacing   Spacing
	Throttled int      // reads that failed with "API Throttled", over all the runs
	Other     []string // other errors, and "no error" for a plan that succeeded
	Runs      int
}

// FlowBound is the time an action's calls take at qps: calls / qps.
func FlowBound(calls int, qps float64) time.Duration {
	if qps <= 0 {
		return 0
	}
	return time.Duration(math.Round(float64(calls) / qps * float64(time.Second)))
}

// Pages is how many pages a list of n items takes at size per page.
func Pages(n, size int) int {
	if size <= 0 {
		return 0
	}
	return (n + size - 1) / size
}

// flowScenarios measures the flow-control scenarios into res.
func (r *runner) flowScenarios(ctx context.Context, res *Results) error {
	for _, qps := range r.o.FlowQPS {
		fr, err := r.flowReads(ctx, r.o.FlowN, qps)
		if err != nil {
			return err
		}
		res.Flow = append(res.Flow, fr)
	}
	if len(r.o.FlowQPS) > 0 {
		fr, err := r.flowList(ctx, r.o.ListN, r.o.FlowQPS[0])
		if err != nil {
			return err
		}
		res.Flow = append(res.Flow, fr)
	}
	var err error
	res.Persistent, err = r.persistent(ctx, r.o.PersistentN, r.o.PersistentTO)
	return err
}

// flowRun is one plan of a flow-control scenario.
type flowRun struct {
	wall      time.Duration
	end       time.Time
	out       string
	errors    []string // summaries of the error diagnostics
	requests  int      // for the actions asked about
	throttled int
	arrivals  []Arrival
}

// flowPlan plans the configuration in dir against a new cloud from start
// whose every action is limited by limit, and counts what the cloud saw of
// actions.
func (r *runner) flowPlan(ctx context.Context, dir string, start func() (*Cloud, error), limit fakecloud.FlowControl, actions []string) (flowRun, error) {
	var run flowRun
	cloud, err := start()
	if err != nil {
		return run, err
	}
	defer cloud.Close()
	cloud.SetFlowControl(fakecloud.AnyAction, limit)
	times, out, err := r.tf.PlanOutput(ctx, dir, cloud.URL)
	run.wall, run.end, run.out, run.errors = times.Wall, time.Now(), out, ErrorSummaries(out)
	if ctx.Err() != nil {
		return run, ctx.Err()
	}
	if err != nil && len(run.errors) == 0 {
		return run, fmt.Errorf("terraform plan in %s failed without a diagnostic: %w\n%s", dir, err, tail(out, 40))
	}
	for _, action := range actions {
		run.requests += cloud.Requests(action)
		run.throttled += cloud.Throttled(action)
	}
	run.arrivals = cloud.Arrivals()
	return run, nil
}

// flowReads plans n detail reads, half WAF and half DSC, through for_each,
// against a fake limiting each action to qps.
func (r *runner) flowReads(ctx context.Context, n int, qps float64) (FlowResult, error) {
	res := FlowResult{Name: fmt.Sprintf("%d detail reads, for_each", n), Detail: true, QPS: qps, Burst: r.limit(qps).BucketSize(), Calls: (n + 1) / 2, Runs: r.o.Runs}
	events := Events(n)
	dir, err := r.writeConfig(fmt.Sprintf("for-each-%d", n), ForEachConfig(events, 0))
	if err != nil {
		return res, err
	}
	return res, r.flowRuns(&res, func() (flowRun, int, error) {
		run, err := r.flowPlan(ctx, dir, func() (*Cloud, error) { return StartCloud(events, fakecloud.Fault{Latency: r.o.Latency}) }, r.limit(qps), detailActions)
		return run, len(run.errors), err
	})
}

// flowList lists n WAF events and n DSC events, page by page, against a
// fake limiting each action to qps.
func (r *runner) flowList(ctx context.Context, n int, qps float64) (FlowResult, error) {
	res := FlowResult{Name: fmt.Sprintf("lists of %d WAF events (%d pages of %d) and %d DSC events (%d pages of %d)",
		n, Pages(n, wafPageSize), wafPageSize, n, Pages(n, dscPageSize), dscPageSize),
		QPS: qps, Burst: r.limit(qps).BucketSize(), Calls: max(Pages(n, wafPageSize), Pages(n, dscPageSize)), Runs: r.o.Runs}
	dir, err := r.writeConfig(fmt.Sprintf("lists-%d", n), ListConfig())
	if err != nil {
		return res, err
	}
	want := fmt.Sprintf("%s = \"%d %d\"", listCountsOutput, n, n)
	return res, r.flowRuns(&res, func() (flowRun, int, error) {
		run, err := r.flowPlan(ctx, dir, func() (*Cloud, error) { return StartListCloud(n, fakecloud.Fault{Latency: r.o.Latency}) }, r.limit(qps), listActions)
		failed := len(run.errors)
		if err == nil && failed == 0 && !strings.Contains(run.out, want) {
			// Both lists read, but not every event: count them failed.
			failed = 2
			fmt.Fprintf(r.o.Progress, "the plan does not show %q:\n%s\n", want, tail(run.out, 20))
		}
		return run, failed, err
	})
}

// flowRuns runs plan Runs times and fills res with the median time and
// requests, the throttled share over all the runs and the failed reads.
func (r *runner) flowRuns(res *FlowResult, plan func() (flowRun, int, error)) error {
	res.Bound = FlowBound(res.Calls, res.QPS)
	var ts []time.Duration
	var requests []int
	allRequests, allThrottled := 0, 0
	for i := 1; i <= r.o.Runs; i++ {
		run, failed, err := plan()
		if err != nil {
			return err
		}
		ts, requests = append(ts, run.wall), append(requests, run.requests)
		allRequests += run.requests
		allThrottled += run.throttled
		res.Failed += failed
		if failed > 0 {
			fmt.Fprintln(r.o.Progress, tail(run.out, 20))
		}
		r.logf("%s, %.0f QPS, run %d: %s, %d requests, %d throttled, %d failed reads",
			res.Name, res.QPS, i, Seconds(run.wall), run.requests, run.throttled, failed)
	}
	res.T, res.TMin, res.TMax, res.Requests = Median(ts), slices.Min(ts), slices.Max(ts), medianInt(requests)
	res.Ratio = Ratio(res.T, res.Bound)
	if allRequests > 0 {
		res.Throttled = float64(allThrottled) / float64(allRequests)
	}
	return nil
}

// persistent plans n detail reads that the API throttles every time, with
// a short throttling budget.
func (r *runner) persistent(ctx context.Context, n int, budget time.Duration) (PersistentResult, error) {
	res := PersistentResult{Reads: n, Budget: budget, Runs: r.o.Runs,
		Spacing: Spacing{MinGapRead: NoGap, MinGapAction: NoGap}}
	events := Events(n)
	dir, err := r.writeConfig(fmt.Sprintf("persistent-%d", n), ForEachConfig(events, budget))
	if err != nil {
		return res, err
	}
	fault := fakecloud.Fault{Latency: r.o.Latency, ThrottleRate: 1}
	var ts, toFailure []time.Duration
	var attempts []int
	for i := 1; i <= r.o.Runs; i++ {
		run, err := r.flowPlan(ctx, dir, func() (*Cloud, error) { return StartCloud(events, fault) }, fakecloud.FlowControl{}, detailActions)
		if err != nil {
			return res, err
		}
		if len(run.errors) == 0 {
			res.Other = append(res.Other, "no error")
		}
		for _, summary := range run.errors {
			if summary == "API Throttled" {
				res.Throttled++
			} else {
				res.Other = append(res.Other, summary)
			}
		}
		s := MeasureSpacing(run.arrivals)
		ts, attempts = append(ts, run.wall), append(attempts, s.Attempts)
		if len(run.arrivals) > 0 {
			toFailure = append(toFailure, run.end.Sub(run.arrivals[0].At))
		}
		res.Spacing.LongestRetry = max(res.Spacing.LongestRetry, s.LongestRetry)
		res.Spacing.MinGapRead = minOf(res.Spacing.MinGapRead, s.MinGapRead)
		res.Spacing.MinGapAction = minOf(res.Spacing.MinGapAction, s.MinGapAction)
		r.logf("%d reads always throttled, run %d: failed after %s, %d attempts, %d errors, longest retry %s, smallest gaps %s (one read), %s (one action)",
			n, i, Seconds(run.wall), s.Attempts, len(run.errors), Seconds(s.LongestRetry), Millis(s.MinGapRead), Millis(s.MinGapAction))
	}
	res.T, res.ToFailure, res.Spacing.Attempts = Median(ts), Median(toFailure), medianInt(attempts)
	return res, nil
}

// limit is the fake's flow control at qps.
func (r *runner) limit(qps float64) fakecloud.FlowControl {
	return fakecloud.FlowControl{QPS: qps, Burst: r.o.FlowBurst}
}

// minOf is the smaller of two gaps; NoGap counts as none.
func minOf(a, b time.Duration) time.Duration {
	switch {
	case a == NoGap:
		return b
	case b == NoGap:
		return a
	}
	return min(a, b)
}

// writeConfig writes a configuration into its own directory under the
// run's temporary one, once.
func (r *runner) writeConfig(name, config string) (string, error) {
	dir := filepath.Join(r.tmp, name)
	if _, err := os.Stat(filepath.Join(dir, "main.tf")); err == nil {
		return dir, nil
	} else if !errors.Is(err, os.ErrNotExist) {
		return "", err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	return dir, os.WriteFile(filepath.Join(dir, "main.tf"), []byte(config), 0o600)
}
