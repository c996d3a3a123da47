package alicloud

import (
	"context"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"testing"
	"time"
)

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
