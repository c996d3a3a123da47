package bench

import (
	"fmt"
	"time"
)

// The targets of the flow-control scenarios (issue #14).
const (
	TargetFlowRatio     = 1.2  // plan time over calls per action / QPS
	TargetFlowThrottled = 0.05 // share of requests answered Throttling.User
	// TargetRetryGap keeps the retries of one action below 10 a second, the
	// only limit Alibaba Cloud documents for the actions the provider calls.
	TargetRetryGap = time.Second / 10
	// transitSlack is what the time between a read's first answer and its
	// last attempt, seen from the fake cloud, may exceed the throttling
	// budget by, which the provider counts from the answer's arrival.
	transitSlack = 100 * time.Millisecond
)

// InTurnBound is the bound when Terraform reads the two detail data
// sources one after the other, as Terraform 1.5 does with two for_each
// blocks: the calls of both actions over QPS.
func InTurnBound(fr FlowResult) time.Duration {
	return FlowBound(2*fr.Calls, fr.QPS)
}

func flowTable(o Options, results []FlowResult) Table {
	t := Table{
		Title: "2. Flow control",
		Note: fmt.Sprintf("The fake cloud limits each action, per AccessKeyId, as Alibaba Cloud's gateway does: a token "+
			"bucket of `burst` calls refilled at `QPS` calls a second, answering `Throttling.User` (HTTP 400) when it is "+
			"empty; every other answer comes after %s of latency. The detail reads are two `for_each` data sources "+
			"(`alisec_waf_threat_event`, `alisec_dsc_event`) over sets of IDs in locals; the lists are "+
			"`alisec_waf_threat_events` and `alisec_dsc_events`, read at the same time. bound = calls of one action / "+
			"QPS: no plan is faster when both actions are called at the same time. Terraform 1.5 reads the instances "+
			"of one `for_each` before those of the next, so the detail reads also have the bound of the two actions "+
			"in turn, (calls of both) / QPS. Plan time is the median of %d runs, the fastest and slowest in brackets; "+
			"requests the median, throttled requests included; throttled is the share of all the runs' requests, "+
			"failed reads the sum over the runs.",
			Millis(o.Latency), o.Runs),
		Header: []string{"scenario", "limit per action", "calls per action", "bound", "plan time", "ratio",
			"bound, actions in turn", "ratio in turn", "requests", "throttled", "failed reads"},
	}
	for _, fr := range results {
		inTurn, inTurnRatio := "", ""
		if fr.Detail {
			inTurn, inTurnRatio = Seconds(InTurnBound(fr)), RatioText(Ratio(fr.T, InTurnBound(fr)))
		}
		t.Rows = append(t.Rows, []string{fr.Name, fmt.Sprintf("%g QPS, burst %d", fr.QPS, fr.Burst), fmt.Sprint(fr.Calls),
			Seconds(fr.Bound), fmt.Sprintf("%s (%.1f–%.1f)", Seconds(fr.T), fr.TMin.Seconds(), fr.TMax.Seconds()),
			RatioText(fr.Ratio), inTurn, inTurnRatio,
			fmt.Sprint(fr.Requests), Percent(fr.Throttled), fmt.Sprint(fr.Failed)})
	}
	return t
}

func persistentTable(o Options, pr PersistentResult) Table {
	return Table{
		Title: "2b. Persistent throttling",
		Note: fmt.Sprintf("%d detail reads (half WAF, half DSC, through `for_each`) that the fake cloud answers "+
			"`Throttling.User` every time, after %s; `throttling_timeout = %q`. Time to failure is from the first "+
			"request to the end of the plan (median of %d runs). The longest retry is, over the reads and runs, the "+
			"time from a read's first answer to its last attempt, which the budget bounds. Gaps are between request "+
			"arrivals at the fake cloud; those of one action count only retries, the attempts sent after its first "+
			"answer (the first attempts of an action without a documented limit go out at once).",
			pr.Reads, Millis(o.Latency), pr.Budget.String(), pr.Runs),
		Header: []string{"reads", "throttling_timeout", "time to failure", "longest retry", "attempts",
			"smallest gap, one read", "smallest gap, retries of one action", "failed with \"API Throttled\"", "other outcomes"},
		Rows: [][]string{{fmt.Sprint(pr.Reads), pr.Budget.String(), Seconds(pr.ToFailure), Seconds(pr.Spacing.LongestRetry),
			fmt.Sprint(pr.Spacing.Attempts), Gap(pr.Spacing.MinGapRead), Gap(pr.Spacing.MinGapAction),
			fmt.Sprintf("%d of %d", pr.Throttled, pr.Reads*pr.Runs), fmt.Sprint(len(pr.Other))}},
	}
}

func flowChecks(res Results) []Check {
	var cs []Check
	for _, fr := range res.Flow {
		what := fmt.Sprintf("%s, %g QPS", fr.Name, fr.QPS)
		cs = append(cs, Check{Target: "failed reads, " + what, Limit: "0", Measured: fmt.Sprint(fr.Failed), Met: fr.Failed == 0})
		if fr.Detail {
			limit := time.Duration(float64(fr.Bound) * TargetFlowRatio)
			cs = append(cs, Check{Target: "plan time, " + what, Limit: "≤ " + Seconds(limit) + fmt.Sprintf(" (%.1f × bound)", TargetFlowRatio),
				Measured: Seconds(fr.T), Met: fr.T <= limit})
			// Terraform 1.5 reads one for_each block's instances before the
			// next block's, so the actions' bounds add up: no provider can
			// meet the bound above, which assumes them at once.
			inTurn := time.Duration(float64(InTurnBound(fr)) * TargetFlowRatio)
			cs = append(cs, Check{Target: "plan time against the bound in turn, " + what,
				Limit: "≤ " + Seconds(inTurn) + fmt.Sprintf(" (%.1f × bound in turn)", TargetFlowRatio), Measured: Seconds(fr.T), Met: fr.T <= inTurn})
		}
		cs = append(cs, Check{Target: "throttled requests, " + what, Limit: "≤ " + Percent(TargetFlowThrottled),
			Measured: Percent(fr.Throttled), Met: fr.Throttled <= TargetFlowThrottled})
	}
	pr := res.Persistent
	if pr.Runs == 0 {
		return cs
	}
	all := pr.Reads * pr.Runs
	cs = append(cs,
		Check{Target: "persistent throttling: reads failed with \"API Throttled\"", Limit: fmt.Sprintf("all %d, nothing else", all),
			Measured: fmt.Sprintf("%d, %d other", pr.Throttled, len(pr.Other)), Met: pr.Throttled == all && len(pr.Other) == 0},
		Check{Target: "persistent throttling: longest retry", Limit: fmt.Sprintf("≤ %s (throttling_timeout) + %s (transit)", pr.Budget, Millis(transitSlack)),
			Measured: Seconds(pr.Spacing.LongestRetry), Met: pr.Spacing.LongestRetry <= pr.Budget+transitSlack},
		Check{Target: "persistent throttling: smallest gap between retries of one action", Limit: "≥ " + Millis(TargetRetryGap),
			Measured: Gap(pr.Spacing.MinGapAction), Met: pr.Spacing.MinGapAction >= TargetRetryGap},
	)
	return cs
}

// Percent formats a share: "4.2%".
func Percent(share float64) string {
	return fmt.Sprintf("%.1f%%", share*100)
}

// Gap formats a gap between requests; NoGap is "none".
func Gap(d time.Duration) string {
	if d == NoGap {
		return "none"
	}
	return Millis(d)
}
