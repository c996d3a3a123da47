package alicloud

import (
	"math"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/alisec/terraform-provider-alisec/internal/products"
)

var t0 = time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC)

// slotOf reserves a turn at now and returns when it is.
func slotOf(l *rateLimiter, now time.Time) time.Time {
	slot, _ := l.reserve(now)
	return slot
}

func at(seconds float64) time.Time {
	return t0.Add(time.Duration(seconds * float64(time.Second)))
}

func TestRateLimiter_reserve(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		limit float64
		asks  []float64 // seconds after t0
		want  []float64
	}{
		{"unpaced sends at once", 0, []float64{0, 0, 0}, []float64{0, 0, 0}},
		{"paced callers queue one interval apart", 10, []float64{0, 0, 0, 0}, []float64{0, 0.1, 0.2, 0.3}},
		{"an idle limiter saves no burst", 10, []float64{0, 5, 5}, []float64{0, 5, 5.1}},
		{"a late caller goes after the queue", 2, []float64{0, 0, 0.2}, []float64{0, 0.5, 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			l := newRateLimiter(tt.limit)
			for i, ask := range tt.asks {
				if got := slotOf(l, at(ask)); !got.Equal(at(tt.want[i])) {
					t.Errorf("call %d asking at %gs got slot %s, want %gs", i, ask, got.Sub(t0), tt.want[i])
				}
			}
		})
	}
}

func TestRateLimiter_throttledDecreases(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		limit    float64
		sends    int     // calls sent within the first second before the throttle
		wantRate float64 // after one throttled answer
	}{
		// The throttled call is one of the sends: 9 of 10 got through.
		{"documented rate", 10, 10, 0.7 * 9},
		{"cap below what was sent", 4, 10, 0.7 * 4},
		{"unpaced: beta times the calls not refused", 0, 20, 0.7 * 19},
		{"never below the floor", 0.6, 1, minRate},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			l := newRateLimiter(tt.limit)
			var last time.Time
			for i := range tt.sends {
				last = slotOf(l, at(float64(i)/float64(tt.sends)))
			}
			l.throttled(last, at(1))
			if got := l.currentRate(); math.Abs(got-tt.wantRate) > 0.01 {
				t.Errorf("rate after a throttle = %g, want %g", got, tt.wantRate)
			}
		})
	}
}

// TestRateLimiter_oneDecreasePerEpoch: answers to calls sent before the last
// decrease were paced by the old rate and must not lower it again.
func TestRateLimiter_oneDecreasePerEpoch(t *testing.T) {
	t.Parallel()
	l := newRateLimiter(10)
	var sent []time.Time
	for range 10 {
		sent = append(sent, slotOf(l, t0))
	}
	for _, s := range sent {
		l.throttled(s, at(1))
	}
	// The first answer lowers the rate to 0.7 × the 9 calls not refused.
	if got := l.currentRate(); math.Abs(got-6.3) > 1e-9 {
		t.Fatalf("ten throttled answers from one epoch: rate %g, want 6.3", got)
	}
	l.throttled(slotOf(l, at(1)), at(1.2))
	if got := l.currentRate(); math.Abs(got-0.7*6.3) > 1e-9 {
		t.Errorf("a throttled call sent after the decrease: rate %g, want 0.7 × 6.3", got)
	}
}

func TestRateLimiter_recovers(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		limit   float64
		after   float64 // seconds after the throttle
		wantMin float64
		wantMax float64
	}{
		// 9 of the 10 calls got through: the old rate is 9.
		{"starts from beta times the old rate", 10, 0, 6.29, 6.31},
		{"back at the old rate after K seconds", 10, math.Cbrt((1 - cubicBeta) / cubicScale), 8.99, 9.01},
		{"most of the way back after half of K", 10, math.Cbrt((1-cubicBeta)/cubicScale) / 2, 8.6, 8.7},
		{"never above the documented rate or cap", 10, 60, 10, 10},
		{"unpaced probes beyond the old rate", 0, 15, 20, math.Inf(1)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			l := newRateLimiter(tt.limit)
			var last time.Time
			for i := range 10 {
				last = slotOf(l, at(float64(i)/10))
			}
			l.throttled(last, at(1))
			l.succeeded(at(1 + tt.after))
			if got := l.currentRate(); got < tt.wantMin || got > tt.wantMax {
				t.Errorf("rate %gs after the throttle = %g, want %g to %g", tt.after, got, tt.wantMin, tt.wantMax)
			}
		})
	}
}

func TestRateLimiter_successBeforeThrottleKeepsRate(t *testing.T) {
	t.Parallel()
	for _, limit := range []float64{0, 10} {
		l := newRateLimiter(limit)
		l.succeeded(at(100))
		if got := l.currentRate(); got != limit {
			t.Errorf("limit %g: rate after a success = %g, want it unchanged", limit, got)
		}
	}
}

// TestRateLimiter_fairUnderConcurrency: concurrent callers each get their
// own slot, one interval apart, whatever the order they arrive in.
func TestRateLimiter_fairUnderConcurrency(t *testing.T) {
	t.Parallel()
	const callers = 64
	l := newRateLimiter(8)
	slots := make([]time.Time, callers)
	var wg sync.WaitGroup
	for i := range callers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			slots[i] = slotOf(l, t0)
		}()
	}
	wg.Wait()
	sort.Slice(slots, func(i, j int) bool { return slots[i].Before(slots[j]) })
	for i, s := range slots {
		if want := t0.Add(time.Duration(i) * 125 * time.Millisecond); !s.Equal(want) {
			t.Fatalf("slot %d is %s, want %s: callers share or skip a slot", i, s.Sub(t0), want.Sub(t0))
		}
	}
}

func TestLimiters_capsAndDocumentedRates(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		caps    RateLimits
		product products.Product
		action  string
		want    float64
	}{
		{"documented limit", nil, products.Sddp, DSCEventsAction, 10},
		{"undocumented: unpaced", nil, products.Sddp, DSCEventAction, 0},
		{"undocumented WAF: unpaced", nil, products.WAF, WAFThreatEventAction, 0},
		{"a cap replaces the documented limit", RateLimits{products.Sddp.Key: 3}, products.Sddp, DSCEventsAction, 3},
		{"a cap paces an undocumented action", RateLimits{products.WAF.Key: 5}, products.WAF, WAFThreatEventsAction, 5},
		{"a cap of another product does not apply", RateLimits{products.WAF.Key: 5}, products.Sddp, DSCEventAction, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c := newTestClient(t, "http://127.0.0.1:1", func(cfg *Config) { cfg.RateLimits = tt.caps })
			call := c.rpc(tt.product, tt.action, "", nil)
			l := c.limiters.forAction(call)
			if got := l.currentRate(); got != tt.want {
				t.Errorf("rate = %g, want %g", got, tt.want)
			}
			if c.limiters.forAction(call) != l {
				t.Error("a second read of the action got another limiter: reads would not share the pace")
			}
		})
	}
}

// TestRateLimiter_decreaseFromCallsNotRefused: beyond its limit the API
// lets through only the limit, so a decrease starts from the calls of the
// last second it did not refuse, counting the refusals of the epoch that
// lowered the rate no further.
func TestRateLimiter_decreaseFromCallsNotRefused(t *testing.T) {
	t.Parallel()
	l := newRateLimiter(0)
	sent := make([]time.Time, 20)
	for i := range sent {
		sent[i] = slotOf(l, at(float64(i)/50)) // 50 calls a second, unpaced
	}
	l.throttled(sent[10], at(0.4))
	if got := l.currentRate(); math.Abs(got-0.7*19) > 1e-9 {
		t.Fatalf("rate after the first refusal = %g, want 0.7 × the 19 calls not refused", got)
	}
	for _, s := range sent[11:] {
		l.throttled(s, at(0.41)) // the same epoch: the rate stays
	}
	late := slotOf(l, at(0.5))
	l.throttled(late, at(0.6))
	// 21 calls in the last second, 11 of them refused.
	if got := l.currentRate(); math.Abs(got-0.7*10) > 1e-9 {
		t.Errorf("rate = %g, want 0.7 × the 10 calls not refused", got)
	}
}

// TestRateLimiter_staleTurns: turns taken before a decrease were spaced at
// the rate the API refused; a caller holding one takes a new one, spaced at
// the new rate from the throttled answer on.
func TestRateLimiter_staleTurns(t *testing.T) {
	t.Parallel()
	l := newRateLimiter(10)
	_, before := l.reserve(t0)
	queued, _ := l.reserve(t0) // 0.1 s
	if !l.stillValid(before) {
		t.Fatal("a turn is stale with no decrease")
	}
	l.throttled(t0, at(0.05))
	if l.stillValid(before) {
		t.Error("a turn taken before the decrease is still valid")
	}
	again, after := l.reserve(queued)
	if want := at(0.05).Add(interval(l.currentRate())); !again.Equal(want) || !again.After(queued) {
		t.Errorf("the new turn is at %s, want one interval of the new rate after the throttled answer, %s", again.Sub(t0), want.Sub(t0))
	}
	if !l.stillValid(after) {
		t.Error("the new turn is stale")
	}
}
