package alicloud

import (
	"fmt"
	"net"
	"net/url"
	"strings"
)

// Endpoint is where one product's API is served.
type Endpoint struct {
	Scheme string // "https" or "http"
	Host   string // host[:port]
}

func (e Endpoint) String() string { return e.Scheme + "://" + e.Host }

// ParseEndpoint accepts a host name ("wafopenapi.cn-hangzhou.aliyuncs.com"),
// a host and port, or a full URL ("http://127.0.0.1:8080"). A bare host is
// served over HTTPS.
func ParseEndpoint(raw string) (Endpoint, error) {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return Endpoint{}, fmt.Errorf("the endpoint is empty")
	}
	withScheme := raw
	if !strings.Contains(raw, "://") {
		withScheme = "https://" + raw
	}
	u, err := url.Parse(withScheme)
	if err != nil {
		return Endpoint{}, fmt.Errorf("%q is not a host name or URL: %w", raw, err)
	}
	scheme := strings.ToLower(u.Scheme)
	if scheme != "https" && scheme != "http" {
		return Endpoint{}, fmt.Errorf("%q has scheme %q; use https:// or http://", raw, u.Scheme)
	}
	if u.Hostname() == "" {
		return Endpoint{}, fmt.Errorf("%q has no host name", raw)
	}
	if u.User != nil || (u.Path != "" && u.Path != "/") || u.RawQuery != "" || u.Fragment != "" {
		return Endpoint{}, fmt.Errorf("%q must be a scheme and host only, without user, path or query", raw)
	}
	if strings.ContainsAny(u.Hostname(), " !\"#$%&'()*+,;<=>?@[\\]^`{|}") {
		return Endpoint{}, fmt.Errorf("%q has characters that cannot be in a host name", raw)
	}
	return Endpoint{Scheme: scheme, Host: u.Host}, nil
}

// IsLoopback reports whether the endpoint is on this machine, where plain
// HTTP exposes nothing.
func (e Endpoint) IsLoopback() bool {
	host := e.Host
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	} else {
		// An IPv6 literal without a port keeps its brackets: "[::1]".
		host = strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
	}
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
