package alicloud

import (
	"context"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"syscall"
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

func TestRetryable(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		err  error
		want bool
	}{
		{"transport", &TransportError{Err: errors.New("reset")}, true},
		{"wrapped transport", fmt.Errorf("x: %w", &TransportError{Err: errors.New("reset")}), true},
		{"DNS timeout", &TransportError{Err: &net.DNSError{Err: "timeout", IsTimeout: true}}, true},
		{"unknown host", &TransportError{Err: &net.DNSError{Err: "no such host", IsNotFound: true}}, false},
		{"untrusted certificate", &TransportError{Err: x509.UnknownAuthorityError{}}, false},
		{"certificate for another host", &TransportError{Err: x509.HostnameError{Host: "h"}}, false},
		{"answer too large", &TransportError{Err: errResponseTooLarge}, false},
		{"Throttling.User", &APIError{Code: "Throttling.User", HTTPStatus: 400}, true},
		{"Throttling", &APIError{Code: "Throttling", HTTPStatus: 400}, true},
		{"Throttling.Api", &APIError{Code: "Throttling.Api", HTTPStatus: 400}, true},
		{"wrapped Throttling", fmt.Errorf("x: %w", &APIError{Code: "Throttling.User", HTTPStatus: 400}), true},
		{"ServiceUnavailable", &APIError{Code: "ServiceUnavailable", HTTPStatus: 503}, true},
		{"InternalError", &APIError{Code: "InternalError", HTTPStatus: 500}, true},
		{"UnknownError", &APIError{Code: "UnknownError", HTTPStatus: 500}, true},
		{"ServiceBusy", &APIError{Code: "ServiceBusy", HTTPStatus: 400}, true},
		{"RequestTimeout", &APIError{Code: "RequestTimeout", HTTPStatus: 408}, true},
		{"HTML 502", &APIError{HTTPStatus: 502}, true},
		{"numeric code 500", &APIError{Code: "500", HTTPStatus: 500}, true},
		{"SignatureDoesNotMatch", &APIError{Code: "SignatureDoesNotMatch", HTTPStatus: 400}, false},
		{"SignatureDoesNotMatch on a 5xx", &APIError{Code: "SignatureDoesNotMatch", HTTPStatus: 500}, false},
		{"Forbidden.RAM on a 5xx", &APIError{Code: "Forbidden.RAM", HTTPStatus: 503}, false},
		{"InvalidAccessKeyId.NotFound", &APIError{Code: "InvalidAccessKeyId.NotFound", HTTPStatus: 404}, false},
		{"Forbidden.RAM", &APIError{Code: "Forbidden.RAM", HTTPStatus: 403}, false},
		{"InvalidParameter", &APIError{Code: "InvalidParameter", HTTPStatus: 400}, false},
		{"MissingParameter", &APIError{Code: "MissingParameter", HTTPStatus: 400}, false},
		{"HTTP 404", &APIError{HTTPStatus: 404}, false},
		{"not found", &NotFoundError{What: "x", Cause: &APIError{Code: "EventNotExist", HTTPStatus: 400}}, false},
		{"missing credentials", &MissingCredentialsError{Reason: "r"}, false},
		{"credentials", &CredentialsError{Err: errors.New("sts down")}, false},
		{"plain", errors.New("boom"), false},
		{"nil", nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := retryable(tt.err); got != tt.want {
				t.Errorf("retryable(%v) = %v, want %v", tt.err, got, tt.want)
			}
		})
	}
}

func TestBackoff(t *testing.T) {
	t.Parallel()
	ceiling := func(attempt int) time.Duration {
		d := backoffBase
		for i := 1; i < attempt && d < backoffCap; i++ {
			d *= 2
		}
		return min(d, backoffCap)
	}
	tests := []struct {
		attempt int
		bound   time.Duration
	}{
		{1, 200 * time.Millisecond},
		{2, 400 * time.Millisecond},
		{3, 800 * time.Millisecond},
		{4, 1600 * time.Millisecond},
		{5, 3200 * time.Millisecond},
		{6, 6400 * time.Millisecond},
		{7, backoffCap},
		{15, backoffCap},
		{16, backoffCap},
		{17, backoffCap},
		{63, backoffCap},
		{64, backoffCap},
		{1000, backoffCap},
	}
	const samples = 2000
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.attempt), func(t *testing.T) {
			t.Parallel()
			if got := ceiling(tt.attempt); got != tt.bound {
				t.Fatalf("test table: ceiling(%d) = %s, want %s", tt.attempt, got, tt.bound)
			}
			var maxSeen time.Duration
			for range samples {
				d := backoff(tt.attempt)
				if d < 0 || d > tt.bound {
					t.Fatalf("backoff(%d) = %s, outside [0, %s]", tt.attempt, d, tt.bound)
				}
				maxSeen = max(maxSeen, d)
			}
			// Full jitter: with this many samples the largest is close to
			// the bound, so it is above the previous attempt's bound.
			if prev := ceiling(tt.attempt - 1); tt.attempt > 1 && prev < tt.bound && maxSeen <= prev {
				t.Errorf("backoff(%d) never exceeded %s in %d samples; the bound should grow", tt.attempt, prev, samples)
			}
			if maxSeen < tt.bound*9/10 {
				t.Errorf("backoff(%d) stayed below %s; want full jitter up to %s", tt.attempt, maxSeen, tt.bound)
			}
		})
	}
}

func TestErrorCode(t *testing.T) {
	t.Parallel()
	tests := []struct {
		err  error
		want string
	}{
		{&APIError{Code: "Throttling.User", HTTPStatus: 400}, "Throttling.User"},
		{&APIError{HTTPStatus: 502}, "HTTP 502"},
		{&TransportError{Err: errors.New("x")}, "transport"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			t.Parallel()
			if got := errorCode(tt.err); got != tt.want {
				t.Errorf("errorCode(%v) = %q, want %q", tt.err, got, tt.want)
			}
		})
	}
}

func TestSleepContext(t *testing.T) {
	t.Parallel()
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	tests := []struct {
		name    string
		ctx     context.Context
		d       time.Duration
		wantErr error
	}{
		{"short sleep", context.Background(), time.Millisecond, nil},
		{"zero", context.Background(), 0, nil},
		{"cancelled", cancelled, time.Hour, context.Canceled},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			start := time.Now()
			err := sleepContext(tt.ctx, tt.d)
			if !errors.Is(err, tt.wantErr) || (tt.wantErr == nil && err != nil) {
				t.Errorf("sleepContext = %v, want %v", err, tt.wantErr)
			}
			if time.Since(start) > time.Second {
				t.Errorf("sleepContext took %s", time.Since(start))
			}
		})
	}
}

// TestNew is not parallel: one case sets an environment variable the SDK reads.
func TestNew(t *testing.T) {
	tests := []struct {
		name        string
		cfg         Config
		wantErr     string
		wantRegion  string
		wantRetries int
		wantTimeout time.Duration
	}{
		{name: "defaults", cfg: Config{}, wantRegion: DefaultRegion, wantRetries: 0, wantTimeout: DefaultRequestTimeout},
		{name: "negative retries take the default", cfg: Config{MaxRetries: -1}, wantRegion: DefaultRegion, wantRetries: DefaultMaxRetries, wantTimeout: DefaultRequestTimeout},
		{name: "explicit", cfg: Config{Region: "ap-southeast-1", MaxRetries: 3, RequestTimeout: time.Second}, wantRegion: "ap-southeast-1", wantRetries: 3, wantTimeout: time.Second},
		{name: "bad WAF endpoint", cfg: Config{Endpoints: Endpoints{Products: map[string]string{"waf_openapi": "ftp://h"}}}, wantErr: "endpoints.waf_openapi"},
		{name: "bad Sddp endpoint", cfg: Config{Endpoints: Endpoints{Products: map[string]string{"sddp": "http://h/path"}}}, wantErr: "endpoints.sddp"},
		{name: "bad STS endpoint", cfg: Config{Endpoints: Endpoints{STS: "http://"}}, wantErr: "endpoints.sts"},
		{name: "assume role without role ARN", cfg: Config{Credentials: Credentials{AccessKey: "a", SecretKey: "b", AssumeRole: &AssumeRole{SessionName: "s"}}},
			wantErr: "credentials provider"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.cfg.Credentials.AssumeRole != nil {
				t.Setenv("ALIBABA_CLOUD_ROLE_ARN", "")
			} else {
				t.Parallel()
			}
			c, err := New(tt.cfg)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("New error = %v, want one naming %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if c.Region() != tt.wantRegion || c.maxRetries != tt.wantRetries || c.requestTimeout != tt.wantTimeout {
				t.Errorf("region %q, retries %d, timeout %s; want %q, %d, %s",
					c.Region(), c.maxRetries, c.requestTimeout, tt.wantRegion, tt.wantRetries, tt.wantTimeout)
			}
		})
	}
}

func TestMaskAccessKeyID(t *testing.T) {
	t.Parallel()
	tests := []struct{ id, want string }{
		{"", ""},
		{"abc", "***"},
		{"12345678", "********"},
		{"LTAI123456789", "*************"},
		{"LTAI5tFakeCloudDemo01", "LTAI****mo01"},
		{"LTAI5tAbCdEfGhIjKlMnOpQr", "LTAI****OpQr"},
		{"STS.NUCrsfMyKeyIdIsLong", "STS.****Long"},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			t.Parallel()
			if got := MaskAccessKeyID(tt.id); got != tt.want {
				t.Errorf("MaskAccessKeyID(%q) = %q, want %q", tt.id, got, tt.want)
			}
		})
	}
	c, err := New(Config{Credentials: defaultKeys()})
	if err != nil {
		t.Fatal(err)
	}
	if got := c.MaskedAccessKeyID(); got != "LTAI****mo01" {
		t.Errorf("MaskedAccessKeyID() = %q", got)
	}
}

func TestCredentialsSecrets(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		creds Credentials
		want  []string
	}{
		{"none", Credentials{}, nil},
		{"key pair", Credentials{AccessKey: "id", SecretKey: "s1"}, []string{"s1"}},
		{"STS", Credentials{AccessKey: "id", SecretKey: "s1", SecurityToken: "t1"}, []string{"s1", "t1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := tt.creds.Secrets(); fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("Secrets() has %d values, want %d", len(got), len(tt.want))
			}
		})
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

// TestClient_concurrentReads shares one client between goroutines reading
// different events; run with -race.
func TestClient_concurrentReads(t *testing.T) {
	t.Parallel()
	cloud, srv := startFake(t)
	const n = 16
	for i := range n {
		cloud.PutDSCEvent(fmt.Sprint(1000+i), []byte(fmt.Sprintf(`{"RequestId":"R%d","Event":{"Id":%d}}`, i, 1000+i)))
	}
	c := newTestClient(t, srv.URL, func(cfg *Config) {
		cfg.Credentials = Credentials{CredentialsURI: srv.URL + fakecloud.CredentialsURIPath}
	})
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			e, err := c.DescribeEventDetail(context.Background(), DSCEventInput{ID: int64(1000 + i)})
			if err != nil {
				t.Errorf("event %d: %v", 1000+i, err)
				return
			}
			if e.ID == nil || *e.ID != int64(1000+i) {
				t.Errorf("event %d: got ID %v", 1000+i, deref64(e.ID))
			}
		}()
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := readPageWAFEvent(context.Background(), c); err != nil {
				t.Errorf("WAF read: %v", err)
			}
		}()
	}
	wg.Wait()
	if got := cloud.Requests(fakecloud.CredentialsURIPath); got != 1 {
		t.Errorf("credentials were fetched %d times, want once", got)
	}
}

// recordingTransport answers every request itself and remembers it: it
// shows what the client puts on the wire for the real endpoints without any
// network.
// recordingTransport answers every request with body, and records them
// all but the WAF instance checks, which it answers itself.
type recordingTransport struct {
	mu       sync.Mutex
	requests []*http.Request
	body     string
}

func (rt *recordingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.Body != nil {
		_, _ = io.Copy(io.Discard, r.Body)
		_ = r.Body.Close()
	}
	body := rt.body
	if r.URL.Query().Get("Action") == WAFInstanceAction {
		// The instance check before a WAF read: i-1 is the account's.
		body = `{"RequestId":"R-instance","InstanceId":"i-1"}`
	} else {
		rt.mu.Lock()
		rt.requests = append(rt.requests, r)
		rt.mu.Unlock()
	}
	return &http.Response{
		StatusCode: http.StatusOK,
		Header:     http.Header{"Content-Type": {"application/json"}},
		Body:       io.NopCloser(strings.NewReader(body)),
		Request:    r,
	}, nil
}

func TestClient_wireRequests(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		region     string
		read       func(c *Client) error
		wantURL    string // scheme and host
		wantParams map[string]string
		absent     []string
	}{
		{
			name:   "WAF, mainland region",
			region: "cn-shanghai",
			read: func(c *Client) error {
				_, err := c.DescribeThreatEventDetail(context.Background(), ThreatEventInput{InstanceID: "i-1", EventID: "e-1"})
				return err
			},
			wantURL: "https://wafopenapi.cn-hangzhou.aliyuncs.com",
			wantParams: map[string]string{"Action": "DescribeThreatEventDetail", "Version": "2021-10-01", "RegionId": "cn-hangzhou",
				"InstanceId": "i-1", "EventId": "e-1", "Format": "JSON", "SignatureMethod": "HMAC-SHA1", "SignatureVersion": "1.0",
				"AccessKeyId": fakecloud.DefaultAccessKeyID},
			absent: []string{"ResourceManagerResourceGroupId", "SecurityToken"},
		},
		{
			name:   "WAF, explicit region and resource group",
			region: "cn-shanghai",
			read: func(c *Client) error {
				_, err := c.DescribeThreatEventDetail(context.Background(), ThreatEventInput{InstanceID: "i-1", EventID: "e-1",
					RegionID: "ap-southeast-1", ResourceGroupID: "rg-1"})
				return err
			},
			wantURL:    "https://wafopenapi.ap-southeast-1.aliyuncs.com",
			wantParams: map[string]string{"RegionId": "ap-southeast-1", "ResourceManagerResourceGroupId": "rg-1"},
		},
		{
			name:   "Sddp, mainland region",
			region: "cn-beijing",
			read: func(c *Client) error {
				_, err := c.DescribeEventDetail(context.Background(), DSCEventInput{ID: 9007199254740993})
				return err
			},
			wantURL:    "https://sddp.cn-zhangjiakou.aliyuncs.com",
			wantParams: map[string]string{"Action": "DescribeEventDetail", "Version": "2019-01-03", "RegionId": "cn-zhangjiakou", "Id": "9007199254740993"},
			absent:     []string{"Lang"},
		},
		{
			name:   "Sddp, Hong Kong, English",
			region: "cn-hongkong",
			read: func(c *Client) error {
				_, err := c.DescribeEventDetail(context.Background(), DSCEventInput{ID: 1, Lang: "en"})
				return err
			},
			wantURL:    "https://sddp-api.cn-hongkong.aliyuncs.com",
			wantParams: map[string]string{"RegionId": "cn-hongkong", "Lang": "en"},
		},
		{
			name:   "Sddp, elsewhere",
			region: "eu-central-1",
			read: func(c *Client) error {
				_, err := c.DescribeEventDetail(context.Background(), DSCEventInput{ID: 1})
				return err
			},
			wantURL:    "https://sddp.ap-southeast-1.aliyuncs.com",
			wantParams: map[string]string{"RegionId": "ap-southeast-1"},
		},
		{
			name:   "Sddp, Hong Kong, explicit Singapore",
			region: "cn-hongkong",
			read: func(c *Client) error {
				_, err := c.DescribeEventDetail(context.Background(), DSCEventInput{ID: 1, RegionID: "ap-southeast-1"})
				return err
			},
			wantURL:    "https://sddp.ap-southeast-1.aliyuncs.com",
			wantParams: map[string]string{"RegionId": "ap-southeast-1"},
		},
		{
			name:   "Sddp list, elsewhere, explicit Hong Kong",
			region: "eu-central-1",
			read: func(c *Client) error {
				_, err := c.DescribeEvents(context.Background(), DSCEventsInput{RegionID: "cn-hongkong"})
				return err
			},
			wantURL:    "https://sddp-api.cn-hongkong.aliyuncs.com",
			wantParams: map[string]string{"Action": "DescribeEvents", "RegionId": "cn-hongkong", "CurrentPage": "1"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			rt := &recordingTransport{body: `{"RequestId":"R","ThreatEventDetail":{"EventLevel":"low"},"Event":{"Status":0},"TotalCount":0,"Items":[]}`}
			c, err := New(Config{Region: tt.region, Credentials: defaultKeys(), HTTPClient: &http.Client{Transport: rt},
				UserAgent: "terraform-provider-alisec/test"})
			if err != nil {
				t.Fatal(err)
			}
			if err := tt.read(c); err != nil {
				t.Fatal(err)
			}
			if len(rt.requests) != 1 {
				t.Fatalf("sent %d requests, want 1", len(rt.requests))
			}
			if ua := rt.requests[0].Header.Get("User-Agent"); !strings.HasPrefix(ua, "terraform-provider-alisec/test AlibabaCloud (") {
				t.Errorf("User-Agent = %q, want the provider's name and version before the SDK's", ua)
			}
			r := rt.requests[0]
			if got := r.URL.Scheme + "://" + r.URL.Host; got != tt.wantURL {
				t.Errorf("sent to %s, want %s", got, tt.wantURL)
			}
			q := r.URL.Query()
			for k, v := range tt.wantParams {
				if got := q.Get(k); got != v {
					t.Errorf("parameter %s = %q, want %q", k, got, v)
				}
			}
			for _, k := range tt.absent {
				if q.Has(k) {
					t.Errorf("parameter %s is sent, want it absent", k)
				}
			}
			for _, k := range []string{"Signature", "SignatureNonce", "Timestamp"} {
				if q.Get(k) == "" {
					t.Errorf("parameter %s is missing", k)
				}
			}
		})
	}
}

// TestClient_mergedReadOutlivesAnotherCaller checks that a read merged into
// another caller's identical read is not failed by that caller's
// cancellation: each caller stops only when its own context ends.
func TestClient_mergedReadOutlivesAnotherCaller(t *testing.T) {
	t.Parallel()
	cloud, srv := startFake(t)
	cloud.SetFault(DSCEventAction, fakecloud.Fault{Latency: 60 * time.Millisecond})
	c := newTestClient(t, srv.URL, nil)

	first, cancelFirst := context.WithCancel(context.Background())
	defer cancelFirst()
	firstErr := make(chan error, 1)
	go func() {
		_, err := c.DescribeEventDetail(first, DSCEventInput{ID: pageDSCEvent})
		firstErr <- err
	}()
	// Wait until the first read is on the wire, then merge a second into it.
	for deadline := time.Now().Add(2 * time.Second); cloud.Requests(DSCEventAction) == 0; {
		if time.Now().After(deadline) {
			t.Fatal("the first read never reached the server")
		}
		time.Sleep(time.Millisecond)
	}
	secondErr := make(chan error, 1)
	go func() {
		e, err := c.DescribeEventDetail(context.Background(), DSCEventInput{ID: pageDSCEvent})
		if err == nil && (e.ID == nil || *e.ID != pageDSCEvent) {
			err = fmt.Errorf("read event %v", deref64(e.ID))
		}
		secondErr <- err
	}()
	time.Sleep(10 * time.Millisecond)
	cancelFirst()

	if err := <-firstErr; !errors.Is(err, context.Canceled) {
		t.Errorf("first read: %v, want its own cancellation", err)
	}
	if err := <-secondErr; err != nil {
		t.Errorf("second read failed because the first was cancelled: %v", err)
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

func TestTransportError_cause(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		err  error
		want TransportCause
	}{
		{"attempt timed out", fmt.Errorf("no complete answer: %w", ErrAttemptTimedOut), CauseTimeout},
		{"answer cut short", fmt.Errorf("%w: {\"Req", errIncompleteAnswer), CauseIncomplete},
		{"a page, not the API's answer", fmt.Errorf("%w (HTTP 200): \"<html>\"", errNotAPIAnswer), CauseNotAPI},
		{"read cancelled", fmt.Errorf("stopped: %w", context.Canceled), CauseStopped},
		{"read timeout", fmt.Errorf("stopped: %w", ErrReadTimedOut), CauseReadTimeout},
		{"read deadline", fmt.Errorf("stopped: %w", context.DeadlineExceeded), CauseStopped},
		{"refused", &net.OpError{Op: "dial", Err: os.NewSyscallError("connect", syscall.ECONNREFUSED)}, CauseRefused},
		{"no such host", &net.DNSError{Err: "no such host", Name: "sddp.example", IsNotFound: true}, CauseUnknownHost},
		{"DNS server failure", &net.DNSError{Err: "server misbehaving", Name: "sddp.example", IsTemporary: true}, CauseNetwork},
		{"untrusted certificate", x509.UnknownAuthorityError{}, CauseTLS},
		{"reset", &net.OpError{Op: "read", Err: os.NewSyscallError("read", syscall.ECONNRESET)}, CauseNetwork},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			te := &TransportError{Action: "A", Err: tt.err}
			if got := te.Cause(); got != tt.want {
				t.Errorf("Cause() = %q, want %q", got, tt.want)
			}
		})
	}
}

// TestClient_readTimeoutBoundsEveryAttempt: however many retries are left,
// a read stops at its read timeout and says that is why.
func TestClient_readTimeoutBoundsEveryAttempt(t *testing.T) {
	t.Parallel()
	cloud, srv := startFake(t)
	cloud.SetFault(DSCEventAction, fakecloud.Fault{Latency: time.Minute})
	c := newTestClient(t, srv.URL, func(cfg *Config) {
		cfg.MaxRetries = 5
		cfg.RequestTimeout = time.Minute
		cfg.ReadTimeout = 50 * time.Millisecond
	})
	_, err := c.DescribeEventDetail(context.Background(), DSCEventInput{ID: pageDSCEvent})
	var te *TransportError
	if !errors.As(err, &te) || te.Cause() != CauseReadTimeout {
		t.Fatalf("error = %T %v, want a *TransportError caused by the read timeout", err, err)
	}
	if !strings.Contains(err.Error(), "read_timeout") {
		t.Errorf("error %q does not name read_timeout", err)
	}
}
