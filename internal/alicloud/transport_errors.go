package alicloud

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"time"
)

// ErrAttemptTimedOut is wrapped by a TransportError whose attempt got no
// complete answer within the request timeout.
var ErrAttemptTimedOut = errors.New("the attempt timed out")

// errIncompleteAnswer is a success answer cut short.
var errIncompleteAnswer = errors.New("the answer is not complete JSON")

// errNotAPIAnswer is a success answer that is no JSON at all: a captive
// portal's sign-in page, a proxy's or a web server's.
var errNotAPIAnswer = errors.New("the answer is not JSON")

// errResponseTooLarge stops reading an answer no API action sends.
var errResponseTooLarge = fmt.Errorf("the answer is larger than %d MiB", maxResponseBytes>>20)

// describeTransportError says what went wrong without the request's URL:
// the SDK signs in the query string, so the URL that net/http quotes in its
// errors carries the AccessKeyId, the SecurityToken and the Signature.
func describeTransportError(err error, attemptCtx context.Context, timeout time.Duration) error {
	if errors.Is(attemptCtx.Err(), context.DeadlineExceeded) {
		return fmt.Errorf("no complete answer within request_timeout (%s): %w", timeout, ErrAttemptTimedOut)
	}
	var urlErr *url.Error
	if errors.As(err, &urlErr) {
		err = urlErr.Err
	}
	var netErr net.Error
	if errors.As(err, &netErr) && netErr.Timeout() {
		return fmt.Errorf("timed out: %w", err)
	}
	return err
}

// stoppedByContext reports whether err is a contextError: the call was
// stopped because its context ended, not because the endpoint failed.
func stoppedByContext(err error) bool {
	var te *TransportError
	return errors.As(err, &te) && (errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded))
}

func contextError(ctx context.Context, call rpcCall, attempts int) error {
	return &TransportError{Action: call.action, Endpoint: call.endpoint.String(), Attempts: attempts, Err: fmt.Errorf("stopped: %w", context.Cause(ctx))}
}
