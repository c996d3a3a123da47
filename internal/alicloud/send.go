package alicloud

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"time"
)

// maxResponseBytes bounds the answer read from one attempt.
const maxResponseBytes = 16 << 20

// do sends call when its action's rate limiter lets it, retrying what is
// worth retrying, and returns the body of the first successful answer.
// Throttled answers are retried until the throttling budget runs out;
// other failures count against maxRetries.
func (c *Client) do(ctx context.Context, call rpcCall) ([]byte, error) {
	w := c.newFlowWait(call)
	failures, timeouts := 0, 0
	for attempt := 1; ; attempt++ {
		sentAt, err := w.paced(ctx)
		if err != nil {
			if ctx.Err() != nil {
				return nil, contextError(ctx, call, attempt-1)
			}
			return nil, err
		}
		body, err := c.attempt(ctx, call, attempt)
		if err == nil {
			w.limiter.succeeded(c.now())
			return body, nil
		}
		if ctx.Err() != nil {
			return nil, contextError(ctx, call, attempt)
		}
		var wait time.Duration
		if isThrottled(err) {
			w.limiter.throttled(sentAt, c.now())
			var budgetErr error
			if wait, budgetErr = w.throttledRetry(err); budgetErr != nil {
				return nil, budgetErr
			}
		} else {
			failures++
			if errors.Is(err, ErrAttemptTimedOut) {
				timeouts++
			}
			// A second attempt that hangs as long as the first says the
			// endpoint is not answering at all: more would only keep the
			// plan waiting.
			if failures > c.maxRetries || !retryable(err) || timeouts > 1 {
				return nil, err
			}
			wait = backoff(failures)
		}
		c.log(ctx, LogDebug, "retrying Alibaba Cloud API call", map[string]any{
			"action": call.action, "attempt": attempt, "wait_ms": wait.Milliseconds(), "error_code": errorCode(err),
		})
		if err := w.sleep(ctx, wait, "backing off after "+errorCode(err)); err != nil {
			return nil, contextError(ctx, call, attempt)
		}
	}
}

func (c *Client) attempt(ctx context.Context, call rpcCall, attempt int) ([]byte, error) {
	httpReq, err := c.signedRequest(ctx, call)
	if err != nil {
		return nil, err
	}
	circuitCtx, leave, err := c.circuits.enter(ctx, call.endpoint)
	if err != nil {
		return nil, &TransportError{Action: call.action, Endpoint: call.endpoint.String(), Attempts: attempt - 1, Err: err}
	}
	defer leave()
	attemptCtx, cancel := context.WithTimeout(circuitCtx, c.requestTimeout)
	defer cancel()
	httpReq = httpReq.WithContext(attemptCtx)

	start := time.Now()
	resp, err := c.httpClient.Do(httpReq)
	if err != nil {
		return nil, c.noAnswer(ctx, attemptCtx, call, attempt, err)
	}
	defer resp.Body.Close()
	c.circuits.answered(call.endpoint)
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxResponseBytes+1))
	if err == nil && len(body) > maxResponseBytes {
		err = errResponseTooLarge
	}
	if err != nil {
		return nil, c.noAnswer(ctx, attemptCtx, call, attempt, err)
	}
	c.log(ctx, LogDebug, "Alibaba Cloud API call answered", map[string]any{
		"action": call.action, "attempt": attempt, "http_status": resp.StatusCode,
		"latency_ms": time.Since(start).Milliseconds(), "request_id": resp.Header.Get("x-acs-request-id"),
	})
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		apiErr := decodeAPIError(call.action, call.endpoint.String(), resp.StatusCode, body)
		apiErr.AccessKeyID = MaskAccessKeyID(httpReq.URL.Query().Get("AccessKeyId"))
		return nil, apiErr
	}
	if !json.Valid(body) && !startsAsJSON(body) {
		// A page from whatever stands between here and the API: asking
		// again gets the same page.
		return nil, &TransportError{Action: call.action, Endpoint: call.endpoint.String(), Attempts: attempt,
			Err: fmt.Errorf("%w (HTTP %d, Content-Type %q): %s", errNotAPIAnswer, resp.StatusCode, resp.Header.Get("Content-Type"), snippet(body))}
	}
	if !json.Valid(body) {
		// A success cut short by a dropped connection or a proxy: worth another try.
		return nil, &TransportError{Action: call.action, Endpoint: call.endpoint.String(), Attempts: attempt,
			Err: fmt.Errorf("%w: %s", errIncompleteAnswer, snippet(body))}
	}
	return body, nil
}

// startsAsJSON reports whether body, empty or not, could be JSON cut short:
// every answer of the APIs is an object.
func startsAsJSON(body []byte) bool {
	body = bytes.TrimSpace(body)
	return len(body) == 0 || body[0] == '{' || body[0] == '['
}

// noAnswer describes an attempt that got no complete answer. An attempt
// that ran out of request_timeout counts against its endpoint's circuit;
// one that the circuit stopped says so.
func (c *Client) noAnswer(ctx, attemptCtx context.Context, call rpcCall, attempt int, err error) error {
	if open := stoppedByCircuit(attemptCtx); open != nil && ctx.Err() == nil {
		err = open
	} else {
		err = describeTransportError(err, attemptCtx, c.requestTimeout)
		if errors.Is(err, ErrAttemptTimedOut) && ctx.Err() == nil {
			c.circuits.timedOut(call.endpoint, call.action, c.now(), c.requestTimeout)
		}
	}
	return &TransportError{Action: call.action, Endpoint: call.endpoint.String(), Attempts: attempt, Err: err}
}
