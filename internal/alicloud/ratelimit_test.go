package alicloud

import (
	"context"
	"errors"
	"math"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/alisec/terraform-provider-alisec/internal/products"
)

var t0 = time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC)

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
				if got := l.reserve(at(ask)); !got.Equal(at(tt.want[i])) {
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
		{"documented rate", 10, 10, 7},
		{"cap below what was sent", 4, 10, 2.8},
		{"unpaced: beta times the rate it was sending", 0, 20, 0.7 * 20 / 1.0},
		{"never below the floor", 0.6, 1, minRate},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			l := newRateLimiter(tt.limit)
			var last time.Time
			for i := range tt.sends {
				last = l.reserve(at(float64(i) / float64(tt.sends)))
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
		sent = append(sent, l.reserve(t0))
	}
	for _, s := range sent {
		l.throttled(s, at(1))
	}
	if got := l.currentRate(); got != 7 {
		t.Fatalf("ten throttled answers from one epoch: rate %g, want 7", got)
	}
	l.throttled(l.reserve(at(1)), at(1.2))
	if got := l.currentRate(); math.Abs(got-4.9) > 1e-9 {
		t.Errorf("a throttled call sent after the decrease: rate %g, want 4.9", got)
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
		{"starts from beta times the old rate", 10, 0, 7, 7},
		{"back at the old rate after K seconds", 10, math.Cbrt(10 * 0.3 / 0.4), 9.99, 10},
		{"never above the documented rate or cap", 10, 60, 10, 10},
		{"unpaced probes beyond the old rate", 0, 10, 20, math.Inf(1)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			l := newRateLimiter(tt.limit)
			var last time.Time
			for i := range 10 {
				last = l.reserve(at(float64(i) / 10))
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
			slots[i] = l.reserve(t0)
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

func TestRateLimiter_waitStopsWhenContextEnds(t *testing.T) {
	t.Parallel()
	l := newRateLimiter(0.001) // one call per 1000 s
	l.reserve(time.Now())
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		_, _, err := l.wait(ctx, time.Now, sleepContext)
		done <- err
	}()
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Errorf("wait = %v, want context.Canceled", err)
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
		{"a cap replaces the documented limit", RateLimits{"sddp": 3}, products.Sddp, DSCEventsAction, 3},
		{"a cap paces an undocumented action", RateLimits{"waf_openapi": 5}, products.WAF, WAFThreatEventsAction, 5},
		{"a cap of another product does not apply", RateLimits{"waf_openapi": 5}, products.Sddp, DSCEventAction, 0},
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
