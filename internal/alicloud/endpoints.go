package alicloud

import (
	"fmt"
	"net"
	"net/url"
	"strings"
)

// WAF 3.0 serves its OpenAPI from two regions only.
const (
	WAFRegionChineseMainland = "cn-hangzhou"
	WAFRegionOutsideMainland = "ap-southeast-1"
)

// WAFRegions lists the region IDs DescribeThreatEventDetail accepts.
var WAFRegions = []string{WAFRegionChineseMainland, WAFRegionOutsideMainland}

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

// DefaultWAFRegion picks the WAF API region that serves instances of the
// given provider region: the region itself if WAF serves it, the Chinese
// mainland endpoint for mainland regions, Singapore for the rest.
func DefaultWAFRegion(providerRegion string) string {
	switch {
	case providerRegion == WAFRegionChineseMainland, providerRegion == WAFRegionOutsideMainland:
		return providerRegion
	case strings.HasPrefix(providerRegion, "cn-") && providerRegion != "cn-hongkong":
		return WAFRegionChineseMainland
	default:
		return WAFRegionOutsideMainland
	}
}

func defaultWAFEndpoint(wafRegion string) Endpoint {
	return Endpoint{Scheme: "https", Host: "wafopenapi." + wafRegion + ".aliyuncs.com"}
}

// sddpRegion picks the Data Security Center API region for a provider
// region: Zhangjiakou for the mainland, Hong Kong for itself, Singapore for
// the rest.
func sddpRegion(providerRegion string) string {
	switch {
	case providerRegion == "cn-hongkong":
		return "cn-hongkong"
	case strings.HasPrefix(providerRegion, "cn-"):
		return "cn-zhangjiakou"
	default:
		return "ap-southeast-1"
	}
}

func defaultSddpEndpoint(region string) Endpoint {
	if region == "cn-hongkong" {
		return Endpoint{Scheme: "https", Host: "sddp-api.cn-hongkong.aliyuncs.com"}
	}
	return Endpoint{Scheme: "https", Host: "sddp." + region + ".aliyuncs.com"}
}
