package alicloud

import (
	"context"
	"net/http"
	"time"
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
)

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
