package alicloud

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/alisec/terraform-provider-alisec/internal/fakecloud"
	"github.com/alisec/terraform-provider-alisec/internal/products"
)

// hangingServer accepts every request and answers none until the client
// gives up or the test ends (and at most 10 s). It counts the requests it
// saw and tells seen of each.
type hangingServer struct {
	URL      string
	requests atomic.Int64
	seen     chan struct{}
}

func startHanging(t *testing.T) *hangingServer {
	t.Helper()
	h := &hangingServer{seen: make(chan struct{}, 1000)}
	done := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.requests.Add(1)
		select {
		case h.seen <- struct{}{}:
		default:
		}
		select {
		case <-r.Context().Done():
		case <-done:
		case <-time.After(10 * time.Second):
		}
	}))
	t.Cleanup(srv.Close)
	t.Cleanup(func() { close(done) }) // runs first: the handlers return, then the server closes
	h.URL = srv.URL
	return h
}

// TestClient_deadEndpointBoundsThePlan: reads of a plan against an endpoint
// that never answers stop once two attempts in a row have timed out there:
// Terraform's ten reads at a time send one wave of attempts, and every read
// after fails at once with the same cause, instead of each trying twice.
func TestClient_deadEndpointBoundsThePlan(t *testing.T) {
	t.Parallel()
	const reads, parallelism = 50, 10
	hanging := startHanging(t)
	c := newTestClient(t, hanging.URL, func(cfg *Config) {
		cfg.MaxRetries = 5
		cfg.RequestTimeout = 50 * time.Millisecond
	})
	errs := make([]error, reads)
	slots := make(chan struct{}, parallelism)
	var wg sync.WaitGroup
	for i := range reads {
		wg.Add(1)
		go func() {
			defer wg.Done()
			slots <- struct{}{}
			defer func() { <-slots }()
			// Distinct IDs: identical concurrent calls would be merged.
			_, errs[i] = c.DescribeEventDetail(context.Background(), DSCEventInput{ID: int64(1000 + i)})
		}()
	}
	wg.Wait()

	notSent := 0
	for i, err := range errs {
		var te *TransportError
		if !errors.As(err, &te) || te.Cause() != CauseTimeout {
			t.Fatalf("read %d: error = %T %v, want a *TransportError caused by a timeout", i, err, err)
		}
		var open *EndpointTimedOutError
		if errors.As(err, &open) && te.Attempts == 0 {
			notSent++
		}
	}
	// Without the circuit: 2 attempts per read, 100 requests. With it: the
	// first wave, plus at most one retry sent before a second timeout.
	if got := hanging.requests.Load(); got > parallelism+1 {
		t.Errorf("the endpoint saw %d requests for %d reads, want at most %d: one wave of %d reads", got, reads, parallelism+1, parallelism)
	}
	if notSent < reads-parallelism-1 {
		t.Errorf("%d reads were never sent, want at least %d", notSent, reads-parallelism-1)
	}
}

// TestClient_deadEndpointErrorSaysWhy: a read refused by the circuit says
// which endpoint, that an earlier read timed out there, when, after how many
// attempts, and that it was not sent.
func TestClient_deadEndpointErrorSaysWhy(t *testing.T) {
	t.Parallel()
	hanging := startHanging(t)
	c := newTestClient(t, hanging.URL, func(cfg *Config) {
		cfg.MaxRetries = 5
		cfg.RequestTimeout = 20 * time.Millisecond
	})
	_, first := c.DescribeEventDetail(context.Background(), DSCEventInput{ID: 1})
	_, second := c.DescribeEventDetail(context.Background(), DSCEventInput{ID: 2})
	var te *TransportError
	if !errors.As(first, &te) || te.Attempts != 2 || !strings.Contains(first.Error(), "no complete answer within request_timeout (20ms)") {
		t.Fatalf("first read: %v, want its own two timed-out attempts", first)
	}
	if hanging.requests.Load() != 2 {
		t.Errorf("the endpoint saw %d requests, want the first read's 2 only", hanging.requests.Load())
	}
	want := "DescribeEventDetail: not sent to " + hanging.URL + ": an earlier read in this plan already timed out there: " +
		"2 attempts in a row got no complete answer within request_timeout (20ms), the last (DescribeEventDetail) at 2026-11-29T12:00:00Z, " +
		"so the provider no longer waits for that endpoint"
	if second == nil || second.Error() != want {
		t.Errorf("second read: %v\nwant %s", second, want)
	}
	if !errors.As(second, &te) || te.Cause() != CauseTimeout || retryable(second) {
		t.Errorf("second read: cause %v, retryable %v; want a timeout, not retried", te.Cause(), retryable(second))
	}
}

// TestClient_deadEndpointStopsAttemptsInFlight: attempts waiting for the
// endpoint when its circuit opens stop at once rather than at their own
// request_timeout.
func TestClient_deadEndpointStopsAttemptsInFlight(t *testing.T) {
	t.Parallel()
	hanging := startHanging(t)
	c := newTestClient(t, hanging.URL, func(cfg *Config) {
		cfg.MaxRetries = 5
		cfg.RequestTimeout = time.Minute
	})
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	result := make(chan error, 1)
	go func() {
		_, err := c.DescribeEventDetail(ctx, DSCEventInput{ID: 1})
		result <- err
	}()
	<-hanging.seen
	// Two other reads' attempts time out there meanwhile.
	ep := c.sddpRPC(DSCEventAction, "", nil).endpoint
	c.circuits.timedOut(ep, DSCEventsAction, c.now(), time.Minute)
	c.circuits.timedOut(ep, DSCEventsAction, c.now(), time.Minute)
	err := <-result
	var open *EndpointTimedOutError
	if !errors.As(err, &open) || ctx.Err() != nil {
		t.Fatalf("error = %v, want the read in flight stopped by the circuit", err)
	}
	if !strings.Contains(err.Error(), "after 1 attempt(s): an earlier read in this plan already timed out there") {
		t.Errorf("error = %q, want it to say the attempt was sent and stopped", err)
	}
	if got := hanging.requests.Load(); got != 1 {
		t.Errorf("the endpoint saw %d requests, want 1: the stopped read is not retried", got)
	}
}

// TestClient_answerClosesTheCircuit: timeouts separated by an answer are
// not in a row: an endpoint that is only slow now and then is not given up.
func TestClient_answerClosesTheCircuit(t *testing.T) {
	t.Parallel()
	cloud := fakecloud.New()
	var n atomic.Int64
	// Every odd request hangs; every even one is answered.
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1)%2 == 1 {
			select {
			case <-r.Context().Done():
			case <-time.After(10 * time.Second):
			}
			return
		}
		cloud.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	c := newTestClient(t, srv.URL, func(cfg *Config) {
		cfg.MaxRetries = 5
		cfg.RequestTimeout = 20 * time.Millisecond
	})
	for i := range 3 {
		if _, err := c.DescribeEventDetail(context.Background(), DSCEventInput{ID: pageDSCEvent}); err != nil {
			t.Fatalf("read %d: %v; a timeout followed by an answer should not give the endpoint up", i, err)
		}
	}
	if got := n.Load(); got != 6 {
		t.Errorf("the endpoint saw %d requests, want 6: each read's first timed out, its second was answered", got)
	}
}

// TestClient_circuitIsPerEndpoint: a dead endpoint does not stop reads of
// another.
func TestClient_circuitIsPerEndpoint(t *testing.T) {
	t.Parallel()
	hanging := startHanging(t)
	_, live := startFake(t)
	c := newTestClient(t, live.URL, func(cfg *Config) {
		cfg.Endpoints.Products[products.Sddp.Key] = hanging.URL
		cfg.MaxRetries = 5
		cfg.RequestTimeout = 20 * time.Millisecond
	})
	for range 2 {
		if _, err := c.DescribeEventDetail(context.Background(), DSCEventInput{ID: pageDSCEvent}); err == nil {
			t.Fatal("a read of the hanging endpoint succeeded")
		}
	}
	if _, err := readPageWAFEvent(context.Background(), c); err != nil {
		t.Errorf("a read of another endpoint failed: %v", err)
	}
}
