package alicloud

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/alisec/terraform-provider-alisec/internal/fakecloud"
	"github.com/alisec/terraform-provider-alisec/internal/products"
)

// sendTimes records the client's clock at each request it sends, but for
// the WAF instance checks.
type sendTimes struct {
	mu    sync.Mutex
	now   func() time.Time
	times []time.Time
}

func (s *sendTimes) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.URL.Query().Get("Action") != WAFInstanceAction {
		s.mu.Lock()
		s.times = append(s.times, s.now())
		s.mu.Unlock()
	}
	return http.DefaultTransport.RoundTrip(r)
}

// newRecordingClient is newTestClient with its sends' times recorded.
func newRecordingClient(t *testing.T, url string, edit func(*Config)) (*Client, *sendTimes) {
	t.Helper()
	rec := &sendTimes{}
	c := newTestClient(t, url, func(cfg *Config) {
		cfg.HTTPClient = &http.Client{Transport: rec}
		if edit != nil {
			edit(cfg)
		}
	})
	rec.now = c.now
	return c, rec
}

func TestClient_throttledRetriesDoNotCountAgainstMaxRetries(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		throttles  int
		maxRetries int
	}{
		{"three throttles, no retries", 3, 0},
		{"ten throttles, two retries", 10, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			cloud, srv := startFake(t)
			cloud.SetFault(WAFThreatEventAction, fakecloud.Fault{FailFirst: tt.throttles, FailWith: "Throttling.User"})
			c := newTestClient(t, srv.URL, func(cfg *Config) { cfg.MaxRetries = tt.maxRetries })
			if _, err := readPageWAFEvent(context.Background(), c); err != nil {
				t.Fatalf("read after %d throttled answers: %v", tt.throttles, err)
			}
			if got := cloud.Requests(WAFThreatEventAction); got != tt.throttles+1 {
				t.Errorf("the fake saw %d requests, want %d", got, tt.throttles+1)
			}
		})
	}
}

// TestClient_persistentThrottling: a call the API always throttles fails
// within its budget, with its attempts spaced, and says why.
func TestClient_persistentThrottling(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		budget time.Duration
	}{
		{"default budget", 0},
		{"short budget", 5 * time.Second},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			cloud, srv := startFake(t)
			cloud.SetFault(WAFThreatEventAction, fakecloud.Fault{ThrottleRate: 1})
			c, sends := newRecordingClient(t, srv.URL, func(cfg *Config) { cfg.ThrottlingTimeout = tt.budget })
			start := c.now()
			_, err := readPageWAFEvent(context.Background(), c)

			var throttled *ThrottledError
			if !errors.As(err, &throttled) {
				t.Fatalf("error %T %v is not a *ThrottledError", err, err)
			}
			budget := c.throttlingTimeout
			if elapsed := c.now().Sub(start); elapsed > budget {
				t.Errorf("gave up after %s, beyond the budget of %s", elapsed, budget)
			}
			if throttled.Attempts != cloud.Requests(WAFThreatEventAction) || throttled.Attempts < 3 {
				t.Errorf("Attempts = %d, the fake saw %d requests", throttled.Attempts, cloud.Requests(WAFThreatEventAction))
			}
			if throttled.Last == nil || throttled.Last.Code != "Throttling.User" || throttled.Last.RequestID == "" {
				t.Errorf("Last = %+v, want the last Throttling.User answer with its RequestId", throttled.Last)
			}
			if !errors.Is(err, throttled.Last) {
				t.Error("the error does not unwrap to the API's answer")
			}
			for i := 2; i < len(sends.times); i++ {
				if gap := sends.times[i].Sub(sends.times[i-1]); gap < 500*time.Millisecond {
					t.Errorf("attempts %d and %d were %s apart: a throttled action must be paced", i, i+1, gap)
				}
			}
			for _, want := range []string{
				"DescribeThreatEventDetail was throttled (Throttling.User) on ",
				"the throttling timeout of " + budget.String(),
				"calls per second",
				"last RequestId " + throttled.Last.RequestID,
			} {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error %q does not say %q", err, want)
				}
			}
		})
	}
}

// TestClient_throttlingSlowsTheAction: after a throttled answer, every
// read of the action is paced, not only the one that was throttled.
func TestClient_throttlingSlowsTheAction(t *testing.T) {
	t.Parallel()
	cloud, srv := startFake(t)
	cloud.SetFault(WAFThreatEventAction, fakecloud.Fault{FailFirst: 1, FailWith: "Throttling.User"})
	c := newTestClient(t, srv.URL, nil)
	limiter := c.limiters.forAction(c.wafRPC(WAFThreatEventAction, "", nil))
	if rate := limiter.currentRate(); rate != 0 {
		t.Fatalf("an undocumented action starts paced at %g", rate)
	}
	if _, err := readPageWAFEvent(context.Background(), c); err != nil {
		t.Fatal(err)
	}
	if rate := limiter.currentRate(); rate <= 0 {
		t.Errorf("after a throttled answer the action is still unpaced")
	}
	if other := c.limiters.forAction(c.sddpRPC(DSCEventAction, "", nil)).currentRate(); other != 0 {
		t.Errorf("another action was slowed to %g", other)
	}
}

// TestClient_cancelWhileThrottled: Ctrl-C stops a call waiting for its
// turn or backing off, at once.
func TestClient_cancelWhileThrottled(t *testing.T) {
	t.Parallel()
	cloud, srv := startFake(t)
	cloud.SetFault(DSCEventsAction, fakecloud.Fault{ThrottleRate: 1})
	c := newTestClient(t, srv.URL, func(cfg *Config) { cfg.RateLimits = RateLimits{products.Sddp.Key: 0.001} })
	ctx, cancel := context.WithCancel(context.Background())
	c.sleep = func(ctx context.Context, d time.Duration) error {
		cancel() // the user presses Ctrl-C during the first wait
		return sleepContext(ctx, d)
	}
	c.limiters.forAction(c.sddpRPC(DSCEventsAction, "", nil)).reserve(c.now()) // someone else has the current slot
	_, err := c.DescribeEvents(ctx, DSCEventsInput{})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("error = %v, want context.Canceled", err)
	}
	if n := cloud.Requests(DSCEventsAction); n != 0 {
		t.Errorf("the fake saw %d requests after the read was cancelled", n)
	}
}

// TestClient_logsLongWaitsAtInfo: a read held back for seconds says so at
// INFO, naming the action and its rate; short waits stay at DEBUG.
func TestClient_logsLongWaitsAtInfo(t *testing.T) {
	t.Parallel()
	cloud, srv := startFake(t)
	var mu sync.Mutex
	var info []map[string]any
	c := newTestClient(t, srv.URL, func(cfg *Config) {
		cfg.RateLimits = RateLimits{products.Sddp.Key: 0.25} // one call each 4 s
		cfg.Log = func(_ context.Context, level LogLevel, msg string, fields map[string]any) {
			mu.Lock()
			defer mu.Unlock()
			if level == LogInfo {
				info = append(info, fields)
			}
		}
	})
	_ = cloud
	for id := range 2 {
		if _, err := c.DescribeEventDetail(context.Background(), DSCEventInput{ID: int64(pageDSCEvent + id)}); err != nil && id == 0 {
			t.Fatal(err)
		}
	}
	mu.Lock()
	defer mu.Unlock()
	if len(info) != 1 {
		t.Fatalf("INFO lines = %v, want one, for the second read's 4 s wait", info)
	}
	if info[0]["action"] != DSCEventAction || info[0]["rate"] != "0.25 calls per second" || info[0]["wait"] != "4s" {
		t.Errorf("INFO fields = %v", info[0])
	}
}
