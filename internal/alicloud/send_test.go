package alicloud

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/alisec/terraform-provider-alisec/internal/fakecloud"
)

func TestClient_apiErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name           string
		creds          Credentials
		denied         bool
		wantCode       string
		wantStatus     int
		wantCredential bool
		wantPermission bool
	}{
		{
			name:           "wrong secret",
			creds:          Credentials{AccessKey: fakecloud.DefaultAccessKeyID, SecretKey: "not-the-secret"},
			wantCode:       "SignatureDoesNotMatch",
			wantStatus:     400,
			wantCredential: true,
		},
		{
			name:           "unknown access key",
			creds:          Credentials{AccessKey: "LTAI5tUnknownKey000000", SecretKey: "whatever"},
			wantCode:       "InvalidAccessKeyId.NotFound",
			wantStatus:     404,
			wantCredential: true,
		},
		{
			name:           "RAM permission missing",
			creds:          Credentials{AccessKey: "LTAI5tDeniedKey0000000", SecretKey: "denied-secret"},
			denied:         true,
			wantCode:       "Forbidden.RAM",
			wantStatus:     403,
			wantPermission: true,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			cloud, srv := startFake(t)
			if tt.denied {
				cloud.AddAccount(fakecloud.Account{AccessKeyID: tt.creds.AccessKey, AccessKeySecret: tt.creds.SecretKey,
					Denied: []string{WAFThreatEventAction, DSCEventAction}})
			}
			c := newTestClient(t, srv.URL, func(cfg *Config) { cfg.Credentials = tt.creds; cfg.MaxRetries = 5 })

			calls := []struct {
				action string
				check  string // the action called first, if any
				read   func() error
			}{
				{WAFThreatEventAction, WAFInstanceAction, func() error { _, err := readPageWAFEvent(context.Background(), c); return err }},
				{DSCEventAction, "", func() error {
					_, err := c.DescribeEventDetail(context.Background(), DSCEventInput{ID: pageDSCEvent})
					return err
				}},
			}
			for _, call := range calls {
				err := call.read()
				var nf *NotFoundError
				if errors.As(err, &nf) {
					t.Fatalf("%s: %s is not a missing event: %v", call.action, tt.wantCode, err)
				}
				apiErr := asAPIError(t, err)
				if apiErr.Code != tt.wantCode || apiErr.HTTPStatus != tt.wantStatus || apiErr.RequestID == "" {
					t.Errorf("%s: got %+v, want Code %s, HTTP %d and a RequestId", call.action, apiErr, tt.wantCode, tt.wantStatus)
				}
				if apiErr.IsCredentialError() != tt.wantCredential || apiErr.IsPermissionDenied() != tt.wantPermission {
					t.Errorf("%s: IsCredentialError %v, IsPermissionDenied %v", call.action, apiErr.IsCredentialError(), apiErr.IsPermissionDenied())
				}
				if strings.Contains(apiErr.Message, "string to sign") {
					t.Errorf("%s: message keeps the signature echo: %q", call.action, apiErr.Message)
				}
				// A WAF read may be refused at its instance check already.
				n := cloud.Requests(call.action)
				if n == 0 && call.check != "" {
					n = cloud.Requests(call.check)
				}
				if n != 1 {
					t.Errorf("%s: the fake saw %d requests, want 1 (never retried)", call.action, n)
				}
			}
		})
	}
}

func TestClient_retries(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name         string
		fault        fakecloud.Fault
		maxRetries   int
		wantErrCode  string // "" means success
		wantStatus   int
		wantRequests int
	}{
		{"unavailable three times", fakecloud.Fault{FailFirst: 3, FailWith: "ServiceUnavailable"}, 5, "", 0, 4},
		{"internal error three times", fakecloud.Fault{FailFirst: 3, FailWith: "InternalError"}, 5, "", 0, 4},
		{"non-string code once", fakecloud.Fault{FailFirst: 1, FailWith: "NonStringCode"}, 5, "", 0, 2},
		{"HTML once", fakecloud.Fault{FailFirst: 1, FailWith: "HTML"}, 5, "", 0, 2},
		{"permanent 503", fakecloud.Fault{ServerErrorRate: 1}, 3, "ServiceUnavailable", 503, 4},
		{"non-string code", fakecloud.Fault{FailFirst: 100, FailWith: "NonStringCode"}, 1, "500", 500, 2},
		{"HTML", fakecloud.Fault{FailFirst: 100, FailWith: "HTML"}, 1, "", 502, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			cloud, srv := startFake(t)
			cloud.SetFault(WAFThreatEventAction, tt.fault)
			c := newTestClient(t, srv.URL, func(cfg *Config) { cfg.MaxRetries = tt.maxRetries })
			var waits []time.Duration
			var mu sync.Mutex
			c.sleep = func(ctx context.Context, d time.Duration) error {
				mu.Lock()
				defer mu.Unlock()
				waits = append(waits, d)
				return ctx.Err()
			}
			d, err := readPageWAFEvent(context.Background(), c)
			if n := cloud.Requests(WAFThreatEventAction); n != tt.wantRequests {
				t.Errorf("the fake saw %d requests, want %d", n, tt.wantRequests)
			}
			mu.Lock()
			if len(waits) != tt.wantRequests-1 {
				t.Errorf("waited %d times, want %d", len(waits), tt.wantRequests-1)
			}
			for i, w := range waits {
				if w < 0 || w > backoffCap {
					t.Errorf("wait %d is %s, outside [0, %s]", i, w, backoffCap)
				}
			}
			mu.Unlock()
			if tt.wantStatus == 0 {
				if err != nil {
					t.Fatal(err)
				}
				if d.EventLevel == nil || *d.EventLevel != "high" {
					t.Errorf("EventLevel = %v, want high", derefStr(d.EventLevel))
				}
				return
			}
			apiErr := asAPIError(t, err)
			if apiErr.Code != tt.wantErrCode || apiErr.HTTPStatus != tt.wantStatus {
				t.Errorf("got %+v, want Code %q HTTP %d", apiErr, tt.wantErrCode, tt.wantStatus)
			}
			if tt.wantErrCode != "" && apiErr.RequestID == "" {
				t.Errorf("RequestId is empty: %+v", apiErr)
			}
			if tt.wantErrCode == "" && !strings.Contains(apiErr.Message, "502 Bad Gateway") {
				t.Errorf("Message = %q, want the start of the HTML page", apiErr.Message)
			}
		})
	}
}

// TestClient_pagesInsteadOfAnswers: a page from whatever stands between
// the client and the API (a captive portal, a web server at a wrong
// address, a proxy that wants credentials) is named for what it is, and is
// not asked for again: the same page would come back.
func TestClient_pagesInsteadOfAnswers(t *testing.T) {
	t.Parallel()
	tests := []struct {
		kind       string
		wantCause  TransportCause // for a success answer; "" for an error answer
		wantStatus int
		wantText   string
	}{
		{"HTML200", CauseNotAPI, 0, `did not answer as the API does: the answer is not JSON (HTTP 200, Content-Type "text/html"): "<!DOCTYPE html><html><head><title>Sign in to Guest Wi-Fi`},
		{"HTML404", "", 404, `HTTP 404: the response is not the documented JSON error body: "<html><head><title>404 Not Found`},
		{"HTML407", "", 407, `HTTP 407: the response is not the documented JSON error body: "<html><head><title>407 Proxy Authentication Required`},
	}
	for _, tt := range tests {
		t.Run(tt.kind, func(t *testing.T) {
			t.Parallel()
			cloud, srv := startFake(t)
			cloud.SetFault(WAFThreatEventAction, fakecloud.Fault{FailFirst: 100, FailWith: tt.kind})
			c := newTestClient(t, srv.URL, func(cfg *Config) { cfg.MaxRetries = 5 })
			_, err := readPageWAFEvent(context.Background(), c)
			if err == nil || !strings.Contains(err.Error(), tt.wantText) {
				t.Errorf("error = %v, want it to contain %s", err, tt.wantText)
			}
			if tt.wantCause != "" {
				var te *TransportError
				if !errors.As(err, &te) || te.Cause() != tt.wantCause {
					t.Errorf("error = %T %v, want a *TransportError caused by %q", err, err, tt.wantCause)
				}
			} else if apiErr := asAPIError(t, err); apiErr.HTTPStatus != tt.wantStatus || !apiErr.NotJSON || apiErr.Code != "" {
				t.Errorf("APIError = %+v, want HTTP %d, no Code, NotJSON", apiErr, tt.wantStatus)
			}
			if n := cloud.Requests(WAFThreatEventAction); n != 1 {
				t.Errorf("the fake saw %d requests, want 1: asking again gets the same page", n)
			}
		})
	}
}

func TestClient_requestTimeout(t *testing.T) {
	t.Parallel()
	cloud, srv := startFake(t)
	cloud.SetFault(WAFThreatEventAction, fakecloud.Fault{Latency: 200 * time.Millisecond})
	c := newTestClient(t, srv.URL, func(cfg *Config) { cfg.RequestTimeout = 20 * time.Millisecond })
	start := time.Now()
	_, err := readPageWAFEvent(context.Background(), c)
	if elapsed := time.Since(start); elapsed >= 180*time.Millisecond {
		t.Errorf("took %s; the attempt should stop at request_timeout", elapsed)
	}
	var te *TransportError
	if !errors.As(err, &te) {
		t.Fatalf("error = %T %v, want *TransportError", err, err)
	}
	if !strings.Contains(te.Error(), "request_timeout") || te.Attempts != 1 || te.Action != WAFThreatEventAction {
		t.Errorf("TransportError = %q (attempts %d), want one attempt that names request_timeout", te.Error(), te.Attempts)
	}
	if !retryable(err) {
		t.Errorf("a timed-out attempt should be retryable")
	}
}

func TestClient_timeoutIsRetried(t *testing.T) {
	t.Parallel()
	cloud := fakecloud.New()
	// The first answer is late; the fault then heals by itself.
	var once sync.Once
	slow := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		delay := false
		once.Do(func() { delay = true })
		if delay {
			select {
			case <-r.Context().Done():
				return
			case <-time.After(100 * time.Millisecond):
			}
		}
		cloud.ServeHTTP(w, r)
	})
	srv := httptest.NewServer(slow)
	t.Cleanup(srv.Close)
	c := newTestClient(t, srv.URL, func(cfg *Config) { cfg.RequestTimeout = 30 * time.Millisecond; cfg.MaxRetries = 2 })
	if _, err := readPageWAFEvent(context.Background(), c); err != nil {
		t.Fatalf("a late first answer should be retried: %v", err)
	}
}

func TestClient_cancelledContext(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		pre   bool // cancel before the call
		block bool // the server never answers; cancel 30 ms into the call
		// setup prepares the client and the fake; it may keep cancel.
		setup func(c *Client, cloud *fakecloud.Server, cancel context.CancelFunc)
	}{
		{name: "cancelled before the call", pre: true},
		{name: "cancelled while waiting for the answer", block: true},
		{
			name: "cancelled during back-off",
			setup: func(c *Client, cloud *fakecloud.Server, cancel context.CancelFunc) {
				cloud.SetFault(WAFThreatEventAction, fakecloud.Fault{ThrottleRate: 1})
				c.sleep = func(ctx context.Context, d time.Duration) error {
					cancel()
					return sleepContext(ctx, time.Hour)
				}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			cloud := fakecloud.New()
			handler := http.Handler(cloud)
			if tt.block {
				handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
					<-r.Context().Done()
				})
			}
			srv := httptest.NewServer(handler)
			t.Cleanup(srv.Close)
			c := newTestClient(t, srv.URL, func(cfg *Config) { cfg.MaxRetries = 5 })
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			if tt.setup != nil {
				tt.setup(c, cloud, cancel)
			}
			if tt.pre {
				cancel()
			}
			if tt.block {
				time.AfterFunc(30*time.Millisecond, cancel)
			}
			start := time.Now()
			_, err := readPageWAFEvent(ctx, c)
			if elapsed := time.Since(start); elapsed > 500*time.Millisecond {
				t.Errorf("took %s after cancellation", elapsed)
			}
			if err == nil || !errors.Is(err, context.Canceled) {
				t.Fatalf("error = %v, want one wrapping context.Canceled", err)
			}
			var te *TransportError
			if !errors.As(err, &te) {
				t.Errorf("error = %T, want *TransportError", err)
			}
			if tt.pre && cloud.Requests(WAFThreatEventAction) != 0 {
				t.Errorf("a cancelled call reached the server")
			}
		})
	}
}

// TestClient_connectionRefused: nothing listens at the endpoint, which no
// retry changes, so the read fails at once and says so.
func TestClient_connectionRefused(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(http.NotFoundHandler())
	url := srv.URL
	srv.Close()
	c := newTestClient(t, url, func(cfg *Config) { cfg.MaxRetries = 2 })
	_, err := readPageWAFEvent(context.Background(), c)
	var te *TransportError
	if !errors.As(err, &te) {
		t.Fatalf("error = %T %v, want *TransportError", err, err)
	}
	if te.Attempts != 1 || te.Endpoint != url || te.Cause() != CauseRefused {
		t.Errorf("TransportError = %+v (cause %s), want 1 refused attempt at %s", te, te.Cause(), url)
	}
}

// TestClient_logNeverHoldsSecrets reads through retries and checks every
// log line and field.
func TestClient_logNeverHoldsSecrets(t *testing.T) {
	t.Parallel()
	cloud, srv := startFake(t)
	session := fetchSession(t, srv.URL)
	cloud.SetFault(WAFThreatEventAction, fakecloud.Fault{FailFirst: 2, FailWith: "Throttling.User"})
	var mu sync.Mutex
	var lines []string
	c := newTestClient(t, srv.URL, func(cfg *Config) {
		cfg.Credentials = Credentials{AccessKey: session.AccessKeyID, SecretKey: session.AccessKeySecret, SecurityToken: session.SecurityToken}
		cfg.MaxRetries = 3
		cfg.Log = func(_ context.Context, _ LogLevel, msg string, fields map[string]any) {
			mu.Lock()
			defer mu.Unlock()
			lines = append(lines, fmt.Sprintf("%s %v", msg, fields))
		}
	})
	if _, err := readPageWAFEvent(context.Background(), c); err != nil {
		t.Fatal(redact(err.Error(), session.AccessKeySecret, session.SecurityToken))
	}
	mu.Lock()
	defer mu.Unlock()
	var retries, answers int
	for _, line := range lines {
		if strings.Contains(line, "action:"+WAFInstanceAction) {
			continue // the instance check before the read
		}
		if strings.Contains(line, session.AccessKeySecret) || strings.Contains(line, session.SecurityToken) || strings.Contains(line, "Signature") {
			t.Errorf("log line leaks a secret: %s", redact(line, session.AccessKeySecret, session.SecurityToken))
		}
		if strings.HasPrefix(line, "retrying") {
			retries++
			if !strings.Contains(line, "error_code:Throttling.User") {
				t.Errorf("a retry line does not name the code it retries: %s", line)
			}
		}
		if strings.HasPrefix(line, "Alibaba Cloud API call answered") {
			answers++
		}
	}
	if retries != 2 || answers != 3 {
		t.Errorf("logged %d retries and %d answers, want 2 and 3: %q", retries, answers, lines)
	}
}

// TestClient_hangingEndpointRetriedOnce: an endpoint that accepts the
// connection and never answers is tried twice, not max_retries+1 times: the
// plan should not wait six request timeouts to learn that.
func TestClient_hangingEndpointRetriedOnce(t *testing.T) {
	t.Parallel()
	cloud, srv := startFake(t)
	cloud.SetFault(WAFThreatEventAction, fakecloud.Fault{Latency: time.Minute})
	c := newTestClient(t, srv.URL, func(cfg *Config) {
		cfg.MaxRetries = 5
		cfg.RequestTimeout = 20 * time.Millisecond
	})
	_, err := readPageWAFEvent(context.Background(), c)
	var te *TransportError
	if !errors.As(err, &te) {
		t.Fatalf("error = %T %v, want *TransportError", err, err)
	}
	if te.Attempts != 2 || te.Cause() != CauseTimeout || !errors.Is(err, ErrAttemptTimedOut) {
		t.Errorf("TransportError = %v (cause %s), want 2 timed-out attempts", te, te.Cause())
	}
}
