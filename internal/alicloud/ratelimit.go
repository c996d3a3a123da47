package alicloud

import (
	"math"
	"sync"
	"time"

	"github.com/alisec/terraform-provider-alisec/internal/products"
)

// The rates a configured limit may have, in calls per second: the slowest
// the adaptive pace goes (persistent throttling spaces attempts by 2 s at
// most), and far beyond any per-user limit Alibaba Cloud documents.
const (
	MinRate = 0.5
	MaxRate = 10000.0
)

// Adaptive pacing, as the AWS SDKs' "adaptive" retry mode does it: a
// throttled answer cuts the rate to beta times what was being sent, and
// successes grow it back along a CUBIC curve that reaches the old rate after
// K seconds and then probes beyond it, slowly at first.
const (
	cubicBeta = 0.7
	// cubicScale is C as a share of the rate that was throttled, so that
	// every limit recovers on the same time scale: K, the time back to the
	// old rate, is the cube root of (1-beta)/cubicScale, about 4 s. AWS's
	// fixed C of 0.4 probes a limit of 10 calls per second twice as hard
	// and one of 5 four times; TestRateLimiter_convergesUnderAGatewayLimit
	// shows what this costs in throttled answers.
	cubicScale = 0.005
	minRate    = MinRate
	// measureWindow is how often the sending rate is sampled; the sample is
	// smoothed so that one quiet window does not erase the rate.
	measureWindow = 500 * time.Millisecond
	measureSmooth = 0.8
)

// rateLimiter paces the calls of one API action, shared by every read of
// the provider process. Callers are served in the order they asked: each
// takes the next free send time, one interval after the previous one.
type rateLimiter struct {
	mu sync.Mutex
	// ceiling bounds the rate: the configured cap, else the documented
	// limit; 0 when neither exists.
	ceiling float64
	// rate is the current pace in calls per second; 0 means unpaced, which
	// an undocumented action is until it is first throttled.
	rate float64
	next time.Time // the earliest time the next call may be sent

	// CUBIC state, set by the last throttled answer.
	lastMax      float64
	lastThrottle time.Time
	// decreases counts the throttled answers that lowered the rate: a call
	// whose turn was taken at the old rate takes a new one.
	decreases int

	measured    float64 // smoothed sending rate
	windowStart time.Time
	windowSent  int

	// sent and refused hold when the calls of the last admitWindow were
	// sent, and when those the API throttled were: the difference, calls
	// let through or not answered yet, is at the API's limit as many as it
	// admits.
	sent, refused []time.Time
}

// admitWindow is how far back successes count towards the rate the API
// admits.
const admitWindow = time.Second

// newRateLimiter starts at limit (the configured cap if there is one, else
// the documented rate) and never paces faster than it; 0 starts unpaced.
func newRateLimiter(limit float64) *rateLimiter {
	l := &rateLimiter{ceiling: limit}
	if limit > 0 {
		l.setRate(limit)
	}
	return l
}

// reserve takes the next send time at or after now and returns it, with
// the count of decreases it was taken under.
func (l *rateLimiter) reserve(now time.Time) (time.Time, int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	slot := now
	if l.rate > 0 {
		if l.next.After(slot) {
			slot = l.next
		}
		l.next = slot.Add(interval(l.rate))
	}
	l.countSend(slot)
	l.sent = append(l.sent, slot)
	return slot, l.decreases
}

// stillValid reports whether a turn taken under decreases may be used:
// not when the rate was lowered since, for then the turns were spaced by
// the rate the API just refused.
func (l *rateLimiter) stillValid(decreases int) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.decreases == decreases
}

// countSend samples the sending rate in windows of measureWindow.
func (l *rateLimiter) countSend(at time.Time) {
	if l.windowStart.IsZero() {
		l.windowStart = at
	}
	if elapsed := at.Sub(l.windowStart); elapsed >= measureWindow {
		sample := float64(l.windowSent) / elapsed.Seconds()
		if l.measured == 0 {
			l.measured = sample
		} else {
			l.measured = measureSmooth*sample + (1-measureSmooth)*l.measured
		}
		l.windowStart, l.windowSent = at, 0
	}
	l.windowSent++
}

// sendingRate is what the action has been sending at, for the decrease.
func (l *rateLimiter) sendingRate(now time.Time) float64 {
	if l.measured > 0 {
		return l.measured
	}
	// Throttled within the first window: the calls so far over at least
	// one window's time.
	elapsed := max(now.Sub(l.windowStart), measureWindow)
	return float64(l.windowSent) / elapsed.Seconds()
}

// throttled lowers the rate after a throttled answer to a call sent at
// sentAt. Calls sent before the last decrease were paced by the old rate, so
// their throttled answers lower it no further.
func (l *rateLimiter) throttled(sentAt, now time.Time) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.refused = append(l.refused, sentAt)
	if sentAt.Before(l.lastThrottle) {
		return
	}
	// Beyond its limit the API admits only as many calls as the limit, so
	// what it let through in the last second measures the limit; the
	// sending rate, which a quiet spell makes stale, serves only when
	// nothing got through.
	base := l.notRefusedRate(now)
	if base <= 0 {
		base = l.sendingRate(now)
	}
	if l.rate > 0 && l.rate < base {
		base = l.rate
	}
	l.lastMax = max(base, minRate)
	l.lastThrottle = now
	l.decreases++
	l.setRate(l.lastMax * cubicBeta)
	// The turns already given out were spaced for the old rate; the next
	// one is a new interval after now.
	l.next = now.Add(interval(l.rate))
}

// succeeded grows the rate along the CUBIC curve after a throttled answer;
// before the first one there is nothing to recover from.
func (l *rateLimiter) succeeded(now time.Time) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.lastThrottle.IsZero() {
		return
	}
	k := math.Cbrt((1 - cubicBeta) / cubicScale)
	d := now.Sub(l.lastThrottle).Seconds() - k
	l.setRate(l.lastMax * (1 + cubicScale*d*d*d))
}

// notRefusedRate is the calls sent in the last admitWindow that the API
// did not refuse, answered or not, per second.
func (l *rateLimiter) notRefusedRate(now time.Time) float64 {
	l.sent, l.refused = within(l.sent, now), within(l.refused, now)
	sent := 0
	for _, t := range l.sent {
		if !t.After(now) { // turns not yet due are not sent
			sent++
		}
	}
	return float64(sent-len(l.refused)) / admitWindow.Seconds()
}

// within keeps the times of the last admitWindow before now, in order.
func within(times []time.Time, now time.Time) []time.Time {
	i := 0
	for i < len(times) && now.Sub(times[i]) > admitWindow {
		i++
	}
	return times[i:]
}

// setRate keeps r between minRate and the ceiling.
func (l *rateLimiter) setRate(r float64) {
	r = max(r, minRate)
	if l.ceiling > 0 {
		r = min(r, l.ceiling)
	}
	l.rate = r
}

// currentRate is the pace in calls per second; 0 means unpaced.
func (l *rateLimiter) currentRate() float64 {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.rate
}

func interval(rate float64) time.Duration {
	return time.Duration(float64(time.Second) / rate)
}

// limiters holds one rateLimiter per action, made on first use.
type limiters struct {
	mu     sync.Mutex
	caps   RateLimits // by product Key
	byCall map[string]*rateLimiter
}

func newLimiters(caps RateLimits) *limiters {
	return &limiters{caps: caps, byCall: map[string]*rateLimiter{}}
}

// forAction is the limiter of call's action. It starts at the product's
// configured cap, else at the action's documented QPS (products table),
// else unpaced.
func (ls *limiters) forAction(call rpcCall) *rateLimiter {
	ls.mu.Lock()
	defer ls.mu.Unlock()
	key := call.productKey + "/" + call.action
	l, ok := ls.byCall[key]
	if !ok {
		limit := ls.caps[call.productKey]
		if limit <= 0 {
			limit = documentedQPS(call.productKey, call.action)
		}
		l = newRateLimiter(limit)
		ls.byCall[key] = l
	}
	return l
}

// documentedQPS is the per-user limit the products table has for the
// action; 0 when its page documents none.
func documentedQPS(productKey, action string) float64 {
	p, ok := products.OfAction(action)
	if !ok || p.Key != productKey {
		return 0
	}
	a, _ := p.Action(action)
	return a.QPS
}
