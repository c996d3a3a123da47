package alicloud

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"
)

// A simulation of many reads against Alibaba Cloud's flow control, in
// virtual time: P callers (Terraform's parallelism) share one rateLimiter
// and read N events from a gateway that holds a token bucket of burst
// tokens refilled at qps per second, answers Throttling.User at once when
// it is empty, and answers a call it lets through after latency. Throttled
// calls back off as the client does. The figures come from the limiter's
// own arithmetic, so the test is exact and takes no wall time.

type simGateway struct {
	qps, burst float64
	tokens     float64
	last       time.Time
}

func (g *simGateway) admit(at time.Time) bool {
	g.tokens = min(g.burst, g.tokens+at.Sub(g.last).Seconds()*g.qps)
	g.last = at
	if g.tokens >= 1 {
		g.tokens--
		return true
	}
	return false
}

type simEvent struct {
	at        time.Time
	caller    int
	attempt   int  // 0: a new read
	send      bool // the caller's turn has come: send, unless the turn went stale
	decreases int  // of the turn
	succeeded bool // the caller's call is answered with success: the client learns it now
}

// simQueue holds the callers' next events; there are as many as callers,
// so finding the earliest by a scan is quick enough.
type simQueue []simEvent

func (q *simQueue) push(e simEvent) { *q = append(*q, e) }

// pop takes out the earliest event.
func (q *simQueue) pop() simEvent {
	first := 0
	for i, e := range *q {
		if e.at.Before((*q)[first].at) {
			first = i
		}
	}
	e := (*q)[first]
	*q = append((*q)[:first], (*q)[first+1:]...)
	return e
}

type simResult struct {
	elapsed   time.Duration
	requests  int
	throttled int
}

func simulate(limit float64, gw *simGateway, callers, reads int, latency time.Duration) simResult {
	rng := rand.New(rand.NewPCG(7, 11))
	l := newRateLimiter(limit)
	gw.tokens, gw.last = gw.burst, t0
	q := &simQueue{}
	for c := range callers {
		q.push(simEvent{at: t0, caller: c})
	}
	var res simResult
	started := 0
	var end time.Time
	for len(*q) > 0 {
		e := q.pop()
		if e.succeeded {
			l.succeeded(e.at)
			end = e.at
			q.push(simEvent{at: e.at, caller: e.caller})
			continue
		}
		if !e.send {
			if e.attempt == 0 {
				if started == reads {
					continue
				}
				started++
			}
			// The caller takes a turn and sleeps until it, as paced does.
			slot, decreases := l.reserve(e.at)
			q.push(simEvent{at: slot, caller: e.caller, attempt: e.attempt, send: true, decreases: decreases})
			continue
		}
		if !l.stillValid(e.decreases) {
			slot, decreases := l.reserve(e.at)
			q.push(simEvent{at: slot, caller: e.caller, attempt: e.attempt, send: true, decreases: decreases})
			continue
		}
		sent := e.at
		res.requests++
		if gw.admit(sent) {
			// Answers spread over a few milliseconds, as on a real network:
			// the client learns of the successes one by one.
			jitter := time.Duration(rng.Int64N(int64(5 * time.Millisecond)))
			q.push(simEvent{at: sent.Add(latency + jitter), caller: e.caller, succeeded: true})
			continue
		}
		res.throttled++
		answered := sent.Add(time.Millisecond)
		l.throttled(sent, answered)
		ceiling := min(backoffCap, backoffBase<<min(e.attempt, 15))
		wait := time.Duration(rng.Int64N(int64(ceiling) + 1))
		q.push(simEvent{at: answered.Add(wait), caller: e.caller, attempt: e.attempt + 1})
	}
	res.elapsed = end.Sub(t0)
	return res
}

// TestRateLimiter_convergesUnderAGatewayLimit holds the limiter to the
// flow-control targets: a plan of many reads through a per-user limit
// takes at most 1.2 times calls/QPS, with at most 5% of requests throttled,
// whether the limit is documented (the limiter starts at it) or not (it
// starts unpaced and must find it).
func TestRateLimiter_convergesUnderAGatewayLimit(t *testing.T) {
	t.Parallel()
	tests := []struct {
		documented, qps float64
		reads           int
	}{
		{0, 10, 150},
		{0, 5, 150},
		{10, 10, 150},
		{0, 10, 500},
		{0, 20, 300},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("documented %g, gateway %g QPS, %d reads", tt.documented, tt.qps, tt.reads), func(t *testing.T) {
			t.Parallel()
			res := simulate(tt.documented, &simGateway{qps: tt.qps, burst: tt.qps}, 10, tt.reads, 50*time.Millisecond)
			bound := time.Duration(float64(tt.reads) / tt.qps * float64(time.Second))
			share := float64(res.throttled) / float64(res.requests)
			t.Logf("%s for %d reads (bound %s, ratio %.2f); %d requests, %.1f%% throttled",
				res.elapsed.Round(time.Millisecond), tt.reads, bound, float64(res.elapsed)/float64(bound), res.requests, 100*share)
			if float64(res.elapsed) > 1.2*float64(bound) {
				t.Errorf("took %s, more than 1.2 × %s", res.elapsed, bound)
			}
			if share > 0.05 {
				t.Errorf("%.1f%% of requests throttled, more than 5%%", 100*share)
			}
		})
	}
}
