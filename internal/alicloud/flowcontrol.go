package alicloud

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strings"
	"time"
)

// slowWait is how long a call may wait for flow control before it says
// so at INFO.
const slowWait = 3 * time.Second

// reportEvery spaces the INFO lines of a call that keeps waiting.
const reportEvery = 10 * time.Second

// flowWait is one call's waiting: for its turn in its action's pace, and
// backing off after failed attempts. It says at INFO when the call has
// waited longer than slowWait, and holds the call's throttling budget.
type flowWait struct {
	c          *Client
	call       rpcCall
	limiter    *rateLimiter
	waited     time.Duration
	nextReport time.Duration
	// throttled is the error the call ends with if the API keeps
	// throttling it; nil until the first throttled answer.
	throttled     *ThrottledError
	firstThrottle time.Time
}

func (c *Client) newFlowWait(call rpcCall) *flowWait {
	return &flowWait{c: c, call: call, limiter: c.limiters.forAction(call), nextReport: slowWait}
}

// paced waits for the call's turn and returns when it is sent. A turn
// taken before the API lowered the rate is given up for a new one, spaced
// at the lower rate. A throttled call whose turn comes after its
// throttling budget fails instead.
func (w *flowWait) paced(ctx context.Context) (time.Time, error) {
	for {
		now := w.c.now()
		slot, decreases := w.limiter.reserve(now)
		if w.throttled != nil && w.pastBudget(slot) {
			return time.Time{}, w.giveUp(now)
		}
		if err := w.sleep(ctx, slot.Sub(now), "waiting for its turn under the action's rate limit"); err != nil {
			return time.Time{}, err
		}
		if w.limiter.stillValid(decreases) {
			return slot, nil
		}
	}
}

// sleep waits d, or until ctx ends.
func (w *flowWait) sleep(ctx context.Context, d time.Duration, why string) error {
	if d <= 0 {
		return ctx.Err()
	}
	w.waited += d
	if w.waited >= w.nextReport {
		w.nextReport = w.waited + reportEvery
		fields := map[string]any{
			"action": w.call.action, "reason": why, "wait": d.Round(time.Millisecond).String(),
			"waited_total": w.waited.Round(time.Millisecond).String(), "rate": describeRate(w.limiter.currentRate()),
		}
		if w.throttled != nil {
			fields["throttled_answers"] = w.throttled.Attempts
		}
		w.c.log(ctx, LogInfo, "Alibaba Cloud API call held back by flow control", fields)
	}
	return w.c.sleep(ctx, d)
}

// throttledRetry records a throttled answer and returns how long to back
// off before the next attempt, or the call's final error when that attempt
// would start after the throttling budget.
func (w *flowWait) throttledRetry(err error) (time.Duration, error) {
	now := w.c.now()
	if w.throttled == nil {
		w.throttled = &ThrottledError{Action: w.call.action, Endpoint: w.call.endpoint.String(), Budget: w.c.throttlingTimeout}
		w.firstThrottle = now
	}
	w.throttled.Attempts++
	errors.As(err, &w.throttled.Last)
	wait := backoff(w.throttled.Attempts)
	if w.pastBudget(now.Add(wait)) {
		return 0, w.giveUp(now)
	}
	return wait, nil
}

// pastBudget reports whether an attempt at t would start after the
// throttling budget.
func (w *flowWait) pastBudget(t time.Time) bool {
	return t.Sub(w.firstThrottle) > w.c.throttlingTimeout
}

func (w *flowWait) giveUp(now time.Time) error {
	w.throttled.Elapsed = now.Sub(w.firstThrottle)
	w.throttled.Rate = w.limiter.currentRate()
	return w.throttled
}

// ThrottledError says that the API kept throttling a call for the whole
// throttling budget.
type ThrottledError struct {
	Action   string
	Endpoint string
	Attempts int           // throttled answers
	Elapsed  time.Duration // from the first throttled answer to the last
	Budget   time.Duration // the throttling timeout
	Rate     float64       // the pace the client had slowed the action to; 0: unpaced
	Last     *APIError     // the last throttled answer
}

func (e *ThrottledError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s was throttled", e.Action)
	if e.Last != nil && e.Last.Code != "" {
		fmt.Fprintf(&b, " (%s)", e.Last.Code)
	}
	fmt.Fprintf(&b, " on %d attempt(s) over %s, and the next attempt would pass the throttling timeout of %s; "+
		"the provider had slowed %s to %s", e.Attempts, e.Elapsed.Round(100*time.Millisecond), e.Budget, e.Action, describeRate(e.Rate))
	if e.Last != nil && e.Last.RequestID != "" {
		fmt.Fprintf(&b, " (last RequestId %s)", e.Last.RequestID)
	}
	return b.String()
}

func (e *ThrottledError) Unwrap() error {
	if e.Last == nil {
		return nil
	}
	return e.Last
}

// describeRate names a pace for people.
func describeRate(rate float64) string {
	if rate <= 0 || math.IsInf(rate, 1) {
		return "no limit"
	}
	return fmt.Sprintf("%.3g calls per second", rate)
}
