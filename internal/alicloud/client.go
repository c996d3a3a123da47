package alicloud

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk"
	"golang.org/x/sync/singleflight"

	"github.com/alisec/terraform-provider-alisec/internal/products"
)

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

// ErrReadTimedOut is why a read stopped when it ran past ReadTimeout.
var ErrReadTimedOut = fmt.Errorf("the read ran past read_timeout: %w", context.DeadlineExceeded)

// readContext bounds one read, all its calls and waits, by the read timeout.
func (c *Client) readContext(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeoutCause(ctx, c.readTimeout, ErrReadTimedOut)
}
