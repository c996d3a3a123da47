package alicloud

import (
	"context"
	"errors"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"
)

// Back-off bounds: full jitter between zero and base*2^(attempt-1), capped.
const (
	backoffBase = 200 * time.Millisecond
	backoffCap  = 10 * time.Second
)

// retryable reports whether another attempt may succeed where this one
// failed: throttling, server-side failures and lost connections. Signature,
// credential, permission and parameter errors never change on retry.
func retryable(err error) bool {
	var transport *TransportError
	if errors.As(err, &transport) {
		return !permanentTransportError(transport)
	}
	if isThrottled(err) {
		return true // within the throttling budget rather than max_retries: see do
	}
	var apiErr *APIError
	if !errors.As(err, &apiErr) {
		return false
	}
	switch apiErr.Code {
	case "ServiceUnavailable", "InternalError", "UnknownError", "ServiceBusy", "RequestTimeout":
		return true
	}
	return apiErr.HTTPStatus >= 500 && !apiErr.IsCredentialError() && !apiErr.IsPermissionDenied()
}

// backoff is the wait before retry number attempt (1-based).
func backoff(attempt int) time.Duration {
	ceiling := backoffCap
	if attempt < 16 {
		if d := backoffBase << (attempt - 1); d < backoffCap {
			ceiling = d
		}
	}
	return time.Duration(rand.Int64N(int64(ceiling) + 1))
}

func errorCode(err error) string {
	var apiErr *APIError
	if errors.As(err, &apiErr) {
		if apiErr.Code != "" {
			return apiErr.Code
		}
		return "HTTP " + strconv.Itoa(apiErr.HTTPStatus)
	}
	return "transport"
}

func sleepContext(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// permanentTransportError reports failures that no retry changes: a
// certificate the client does not trust, a host name that does not exist,
// a refused connection (nothing listens at the endpoint, a wrong endpoint
// far more often than a restart), a page instead of the API's answer (a
// captive portal, a proxy), an answer larger than any the APIs send,
// an endpoint given up for timing out (endpointCircuits).
func permanentTransportError(e *TransportError) bool {
	switch e.Cause() {
	case CauseTLS, CauseUnknownHost, CauseRefused, CauseNotAPI:
		return true
	}
	var open *EndpointTimedOutError
	return errors.Is(e.Err, errResponseTooLarge) || errors.As(e.Err, &open)
}

// isThrottled reports whether the API refused the call for flow control:
// Throttling.User, Throttling.Api and their kin.
func isThrottled(err error) bool {
	var apiErr *APIError
	return errors.As(err, &apiErr) && strings.HasPrefix(apiErr.Code, "Throttling")
}
