package alicloud

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	"golang.org/x/sync/singleflight"

	"github.com/alisec/terraform-provider-alisec/internal/products"
)

// Defaults for Config fields left at zero.
const (
	DefaultRegion         = "cn-hangzhou"
	DefaultMaxRetries     = 5
	DefaultRequestTimeout = 30 * time.Second
	// DefaultThrottlingTimeout is how long a call keeps trying while the
	// API throttles it.
	DefaultThrottlingTimeout = 60 * time.Second
	// DefaultReadTimeout bounds one read: every attempt, wait and page.
	DefaultReadTimeout = 2 * time.Minute
	maxResponseBytes   = 16 << 20
	// slowWait is how long a call may wait for flow control before it says
	// so at INFO.
	slowWait = 3 * time.Second
)

// ErrReadTimedOut is why a read stopped when it ran past ReadTimeout.
var ErrReadTimedOut = fmt.Errorf("the read ran past read_timeout: %w", context.DeadlineExceeded)

// readContext bounds one read, all its calls and waits, by the read timeout.
func (c *Client) readContext(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeoutCause(ctx, c.readTimeout, ErrReadTimedOut)
}

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

// Endpoints overrides where products are reached. Products maps a
// product's Key (products.WAF.Key, ...) to a host name or URL; a product
// it does not name is reached at its documented public endpoint.
type Endpoints struct {
	Products map[string]string
	STS      string
}

// RateLimits caps the calls per second of each action of a product, by
// the product's Key; 0 or absent leaves the actions to their documented
// limits and adaptive pacing.
type RateLimits map[string]float64

// LogLevel is how much a log line matters to the person running Terraform.
type LogLevel int

const (
	// LogDebug is for diagnosing the provider: attempts, retries, latency.
	LogDebug LogLevel = iota
	// LogInfo tells what a user waiting on a plan wants to know: that a
	// read is held back by flow control, and for how long.
	LogInfo
)

// Config configures a Client.
type Config struct {
	Region         string
	Credentials    Credentials
	Endpoints      Endpoints
	RateLimits     RateLimits
	MaxRetries     int           // retries after the first attempt; negative means DefaultMaxRetries
	RequestTimeout time.Duration // per attempt; 0 means DefaultRequestTimeout
	// ThrottlingTimeout is how long a call keeps retrying throttled answers,
	// from the first one; 0 means DefaultThrottlingTimeout. Throttled
	// retries do not count against MaxRetries.
	ThrottlingTimeout time.Duration
	// ReadTimeout bounds one read (a data source's whole call: every
	// attempt, wait and page); 0 means DefaultReadTimeout.
	ReadTimeout time.Duration
	UserAgent   string
	// Log receives one line per attempt and per retry, and an INFO line
	// when flow control holds a call back. Fields never hold secrets. Nil
	// discards.
	Log func(ctx context.Context, level LogLevel, msg string, fields map[string]any)
	// HTTPClient sends requests; nil uses a keep-alive client of its own.
	HTTPClient *http.Client
}

// Client calls Alibaba Cloud RPC APIs. It is safe for concurrent use, and
// building one makes no network call.
type Client struct {
	region string
	signer *sdk.Client
	// endpoints are the configured overrides, by product Key.
	endpoints         map[string]Endpoint
	maxRetries        int
	requestTimeout    time.Duration
	throttlingTimeout time.Duration
	readTimeout       time.Duration
	log               func(ctx context.Context, level LogLevel, msg string, fields map[string]any)
	httpClient        *http.Client
	accessKeyID       string
	userAgent         string
	now               func() time.Time
	sleep             func(ctx context.Context, d time.Duration) error
	// limiters pace each action for every read of the provider process.
	limiters *limiters
	// instances remembers the account's WAF instance in each region.
	instances wafInstances
	// circuits give up an endpoint for the process once it has stopped
	// answering: see endpointCircuits.
	circuits endpointCircuits
	// flights merges concurrent identical calls: a plan that reads the same
	// event from several places asks the API once.
	flights singleflight.Group
	// signing lets one request at a time be signed: the SDK's refreshing
	// credential providers keep their cache in unguarded fields, and
	// Terraform reads data sources concurrently.
	signing chan struct{}
}

// New builds a Client. It resolves no credentials and opens no connection.
func New(cfg Config) (*Client, error) {
	c := &Client{
		region:            cfg.Region,
		maxRetries:        cfg.MaxRetries,
		requestTimeout:    cfg.RequestTimeout,
		throttlingTimeout: cfg.ThrottlingTimeout,
		readTimeout:       cfg.ReadTimeout,
		log:               cfg.Log,
		httpClient:        cfg.HTTPClient,
		accessKeyID:       cfg.Credentials.AccessKey,
		now:               time.Now,
		sleep:             sleepContext,
		signing:           make(chan struct{}, 1),
		limiters:          newLimiters(cfg.RateLimits),
		endpoints:         map[string]Endpoint{},
	}
	if c.region == "" {
		c.region = DefaultRegion
	}
	if c.maxRetries < 0 {
		c.maxRetries = DefaultMaxRetries
	}
	if c.requestTimeout <= 0 {
		c.requestTimeout = DefaultRequestTimeout
	}
	if c.throttlingTimeout <= 0 {
		c.throttlingTimeout = DefaultThrottlingTimeout
	}
	if c.readTimeout <= 0 {
		c.readTimeout = DefaultReadTimeout
	}
	if c.log == nil {
		c.log = func(context.Context, LogLevel, string, map[string]any) {}
	}
	if c.httpClient == nil {
		c.httpClient = &http.Client{Transport: newTransport()}
	}

	for _, p := range products.All {
		raw := cfg.Endpoints.Products[p.Key]
		if raw == "" {
			continue
		}
		ep, err := ParseEndpoint(raw)
		if err != nil {
			return nil, fmt.Errorf("endpoints.%s: %w", p.Key, err)
		}
		c.endpoints[p.Key] = ep
	}
	stsHost := ""
	if cfg.Endpoints.STS != "" {
		ep, parseErr := ParseEndpoint(cfg.Endpoints.STS)
		if parseErr != nil {
			return nil, fmt.Errorf("endpoints.sts: %w", parseErr)
		}
		stsHost = ep.Host
	}

	provider, err := newCredentialsProvider(cfg.Credentials, stsHost)
	if err != nil {
		return nil, fmt.Errorf("building the credentials provider: %w", err)
	}
	sdkConfig := sdk.NewConfig()
	c.userAgent = strings.TrimSpace(cfg.UserAgent + " " + sdk.DefaultUserAgent)
	c.signer, err = sdk.NewClientWithOptions(c.region, sdkConfig, provider)
	if err != nil {
		return nil, fmt.Errorf("creating the Alibaba Cloud SDK client: %w", err)
	}
	return c, nil
}

// newTransport keeps connections alive between reads: a plan reads many
// events from the same two hosts.
func newTransport() *http.Transport {
	t := &http.Transport{Proxy: http.ProxyFromEnvironment}
	if def, ok := http.DefaultTransport.(*http.Transport); ok {
		t = def.Clone()
	}
	t.MaxIdleConnsPerHost = 32
	t.ResponseHeaderTimeout = 0 // the per-attempt context bounds the whole exchange
	return t
}

// Region is the provider region the client was built for.
func (c *Client) Region() string { return c.region }

// MaskedAccessKeyID shows enough of the access key ID to recognise it.
func (c *Client) MaskedAccessKeyID() string { return MaskAccessKeyID(c.accessKeyID) }

// MaskAccessKeyID keeps the first and last four characters of an access key
// ID; IDs too short for that to hide most of them are hidden whole.
func MaskAccessKeyID(id string) string {
	if len(id) < 16 {
		return strings.Repeat("*", len(id))
	}
	return id[:4] + "****" + id[len(id)-4:]
}

// rpcCall is one RPC action with its parameters.
type rpcCall struct {
	product    string // the code requests are signed for
	productKey string // the product's Key, which rate limits are set by
	version    string
	action     string
	region     string
	endpoint   Endpoint
	params     map[string]string
}

// rpc is a call of p's action in region (the API region serving the
// client's region when empty), sent to the configured endpoint override
// if there is one, else to the region's public endpoint.
func (c *Client) rpc(p products.Product, action, region string, params map[string]string) rpcCall {
	if region == "" {
		region = p.APIRegion(c.region)
	}
	endpoint, ok := c.endpoints[p.Key]
	if !ok {
		endpoint = Endpoint{Scheme: "https", Host: p.Endpoint(region)}
	}
	return rpcCall{product: p.Code, productKey: p.Key, version: p.APIVersion, action: action, region: region, endpoint: endpoint, params: params}
}

// call sends rpc once for all concurrent callers asking the same thing, and
// lets each caller stop waiting when its own context ends.
func (c *Client) call(ctx context.Context, rpc rpcCall) ([]byte, error) {
	result := c.flights.DoChan(rpc.key(), func() (any, error) { return c.do(ctx, rpc) })
	select {
	case <-ctx.Done():
		return nil, contextError(ctx, rpc, 0)
	case r := <-result:
		if r.Err != nil && ctx.Err() == nil && stoppedByContext(r.Err) {
			// The shared call ran under another caller's context, which
			// ended; this caller's has not, so it asks on its own.
			return c.do(ctx, rpc)
		}
		if r.Err != nil {
			return nil, r.Err
		}
		body, ok := r.Val.([]byte)
		if !ok {
			return nil, fmt.Errorf("%s: internal error: shared call returned %T", rpc.action, r.Val)
		}
		return body, nil
	}
}

// key identifies a call by everything that is sent.
func (rpc rpcCall) key() string {
	names := make([]string, 0, len(rpc.params))
	for name := range rpc.params {
		names = append(names, name)
	}
	sort.Strings(names)
	var b strings.Builder
	fmt.Fprintf(&b, "%s|%s|%s|%s", rpc.endpoint, rpc.version, rpc.action, rpc.region)
	for _, name := range names {
		fmt.Fprintf(&b, "|%s=%q", name, rpc.params[name])
	}
	return b.String()
}

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

// signedRequest has the SDK resolve credentials and sign call, then builds
// an HTTP request bound to ctx from what it signed.
func (c *Client) signedRequest(ctx context.Context, call rpcCall) (*http.Request, error) {
	req := requests.NewCommonRequest()
	req.Method = http.MethodPost
	req.Product = call.product
	req.Version = call.version
	req.ApiName = call.action
	req.Scheme = strings.ToUpper(call.endpoint.Scheme)
	req.Domain = call.endpoint.Host
	req.RegionId = call.region
	req.QueryParams["RegionId"] = call.region
	for k, v := range call.params {
		req.QueryParams[k] = v
	}
	req.TransToAcsRequest()
	if err := c.sign(ctx, req); err != nil {
		if ctx.Err() != nil {
			return nil, err
		}
		return nil, credentialError(err)
	}
	httpReq, err := http.NewRequestWithContext(ctx, req.GetMethod(), req.BuildUrl(), req.GetBodyReader())
	if err != nil {
		// Not wrapped: the error quotes the signed URL.
		return nil, fmt.Errorf("building the %s request for %s failed", call.action, call.endpoint)
	}
	for k, v := range req.GetHeaders() {
		httpReq.Header[k] = []string{v}
	}
	// Sent for Alibaba Cloud's own diagnosis; not signed.
	httpReq.Header.Set("User-Agent", c.userAgent)
	return httpReq, nil
}

// sign has the SDK resolve credentials and sign req. A caller whose context
// ends stops waiting for its turn; the SDK's own credential calls take no
// context. The SDK panics on some answers of credential services (an STS
// error whose Code is not a string), so a panic becomes an error here
// instead of ending the provider.
func (c *Client) sign(ctx context.Context, req *requests.CommonRequest) (err error) {
	select {
	case c.signing <- struct{}{}:
	case <-ctx.Done():
		return ctx.Err()
	}
	defer func() { <-c.signing }()
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("the Alibaba Cloud SDK failed while obtaining credentials: %v", r)
		}
	}()
	return c.signer.BuildRequestWithSigner(req, nil)
}

// credentialError keeps a missing-credentials error recognisable through the
// SDK's wrapping, and labels anything else the signer reports.
func credentialError(err error) error {
	var missing *MissingCredentialsError
	if errors.As(err, &missing) {
		return missing
	}
	return &CredentialsError{Err: redactCredentialError(err)}
}

// CredentialsError is a failure to obtain credentials from the configured
// source (a profile file, STS, ECS metadata, a credentials URI).
type CredentialsError struct{ Err error }

func (e *CredentialsError) Error() string {
	return "obtaining Alibaba Cloud credentials: " + e.Err.Error()
}

func (e *CredentialsError) Unwrap() error { return e.Err }

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
