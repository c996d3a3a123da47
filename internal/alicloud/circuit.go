package alicloud

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"
)

// endpointCircuits bound what a dead endpoint costs a plan. An endpoint
// that accepts connections and never answers costs every read two
// request_timeouts, and Terraform runs only ten reads at a time: 300 reads
// would wait half an hour. So the client remembers, for the provider
// process, the attempts in a row that got no answer from each endpoint
// within request_timeout. The second opens the endpoint's circuit: the
// attempts then in flight to it stop, and every later one fails at once
// with the same cause. Any answer from the endpoint, error answers
// included, closes it and starts the count anew.
type endpointCircuits struct {
	mu sync.Mutex
	// by is each endpoint's state, by Endpoint.String() (scheme and host).
	by map[string]*circuit
}

type circuit struct {
	timeouts int                    // attempts in a row without an answer in time
	open     *EndpointTimedOutError // nil while the endpoint may be asked
	inFlight map[*inFlightAttempt]struct{}
}

// inFlightAttempt stops one attempt when its endpoint's circuit opens.
type inFlightAttempt struct{ stop context.CancelCauseFunc }

// circuitOpensAfter is how many attempts in a row must time out before
// the endpoint is given up: one read's two attempts, or two reads' first.
const circuitOpensAfter = 2

// EndpointTimedOutError says that an attempt was not sent, or was stopped,
// because earlier attempts to its endpoint got no answer within
// request_timeout, one after the other. It wraps ErrAttemptTimedOut: the
// cause is the same.
type EndpointTimedOutError struct {
	Endpoint string
	Action   string        // the action of the attempt that timed out last
	Attempts int           // attempts in a row that timed out
	At       time.Time     // when the last of them timed out
	Timeout  time.Duration // request_timeout
}

func (e *EndpointTimedOutError) Error() string {
	return fmt.Sprintf("an earlier read in this plan already timed out there: %d attempts in a row got no complete answer "+
		"within request_timeout (%s), the last (%s) at %s, so the provider no longer waits for that endpoint",
		e.Attempts, e.Timeout, e.Action, e.At.UTC().Format(time.RFC3339))
}

func (e *EndpointTimedOutError) Unwrap() error { return ErrAttemptTimedOut }

func (cs *endpointCircuits) get(endpoint Endpoint) *circuit {
	if cs.by == nil {
		cs.by = map[string]*circuit{}
	}
	key := endpoint.String()
	c, ok := cs.by[key]
	if !ok {
		c = &circuit{inFlight: map[*inFlightAttempt]struct{}{}}
		cs.by[key] = c
	}
	return c
}

// enter admits an attempt to endpoint: it returns the context to send it
// under, which ends when the endpoint's circuit opens, and the function to
// call when the attempt is over. It fails with *EndpointTimedOutError when
// the circuit is open.
func (cs *endpointCircuits) enter(ctx context.Context, endpoint Endpoint) (context.Context, func(), error) {
	cs.mu.Lock()
	defer cs.mu.Unlock()
	c := cs.get(endpoint)
	if c.open != nil {
		return nil, nil, c.open
	}
	attemptCtx, stop := context.WithCancelCause(ctx)
	a := &inFlightAttempt{stop: stop}
	c.inFlight[a] = struct{}{}
	leave := func() {
		cs.mu.Lock()
		delete(c.inFlight, a)
		cs.mu.Unlock()
		stop(nil)
	}
	return attemptCtx, leave, nil
}

// answered records that endpoint answered: it is alive.
func (cs *endpointCircuits) answered(endpoint Endpoint) {
	cs.mu.Lock()
	defer cs.mu.Unlock()
	c := cs.get(endpoint)
	c.timeouts, c.open = 0, nil
}

// timedOut records an attempt of action that got no answer within timeout,
// at now, and opens the circuit when it is the second in a row.
func (cs *endpointCircuits) timedOut(endpoint Endpoint, action string, now time.Time, timeout time.Duration) {
	cs.mu.Lock()
	defer cs.mu.Unlock()
	c := cs.get(endpoint)
	c.timeouts++
	if c.timeouts < circuitOpensAfter || c.open != nil {
		return
	}
	c.open = &EndpointTimedOutError{Endpoint: endpoint.String(), Action: action, Attempts: c.timeouts, At: now, Timeout: timeout}
	for a := range c.inFlight {
		a.stop(c.open)
	}
}

// stoppedByCircuit returns the circuit's error when ctx, an attempt's,
// ended because its endpoint's circuit opened.
func stoppedByCircuit(ctx context.Context) *EndpointTimedOutError {
	var open *EndpointTimedOutError
	if errors.As(context.Cause(ctx), &open) {
		return open
	}
	return nil
}
