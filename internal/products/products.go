// Package products is the one table of facts about the Alibaba Cloud
// products the provider reads: API version, endpoints, the provider's and
// the environment's names for them, the RAM action prefix and the
// documented per-user QPS of each action. The client, the provider's
// settings and schema, and the fake cloud's routing all read it, so adding
// a product is one entry here plus that product's own files.
//
// It holds facts only, no protocol logic: the fake cloud still verifies and
// answers requests with code of its own.
package products

import "strings"

// Product is one Alibaba Cloud OpenAPI product.
type Product struct {
	// Key names the product in the provider: endpoints.<Key>,
	// rate_limits.<Key>.
	Key string
	// Title names it for people: "WAF 3.0"; APIName names its API:
	// "OpenAPI", as in "the WAF 3.0 OpenAPI".
	Title   string
	APIName string
	// Code is the product code requests are signed for.
	Code string
	// APIVersion is the OpenAPI version every action is called with.
	APIVersion string
	// RAMPrefix starts the RAM action of each API action: "yundun-waf".
	RAMPrefix string
	// EndpointEnv and RateLimitEnv are the environment variables of
	// endpoints.<Key> and rate_limits.<Key>.
	EndpointEnv  string
	RateLimitEnv string
	// Regions lists the API regions the product serves; APIRegion picks
	// the one that serves a provider region, and Endpoint is the public
	// host of an API region.
	Regions   []string
	APIRegion func(providerRegion string) string
	Endpoint  func(apiRegion string) string
	// Actions are the API actions the provider calls.
	Actions []Action
}

// Action is one API action and its documented flow control.
type Action struct {
	Name string
	// QPS is the per-user limit its API page documents; 0 where the page
	// documents none (the client then paces it only once throttled).
	QPS float64
	// Page is the API reference page the QPS fact comes from.
	Page string
}

// RAMAction is the RAM action that allows calling action.
func (p Product) RAMAction(action string) string { return p.RAMPrefix + ":" + action }

// Action returns the named action of the product.
func (p Product) Action(name string) (Action, bool) {
	for _, a := range p.Actions {
		if a.Name == name {
			return a, true
		}
	}
	return Action{}, false
}

// WAF 3.0 serves its OpenAPI from two regions only.
const (
	WAFRegionChineseMainland = "cn-hangzhou"
	WAFRegionOutsideMainland = "ap-southeast-1"
)

// WAF is Web Application Firewall 3.0's OpenAPI.
var WAF = Product{
	Key:          "waf_openapi",
	Title:        "WAF 3.0",
	APIName:      "OpenAPI",
	Code:         "waf-openapi",
	APIVersion:   "2021-10-01",
	RAMPrefix:    "yundun-waf",
	EndpointEnv:  "ALIBABA_CLOUD_ENDPOINT_WAF_OPENAPI",
	RateLimitEnv: "ALIBABA_CLOUD_RATE_LIMIT_WAF_OPENAPI",
	Regions:      []string{WAFRegionChineseMainland, WAFRegionOutsideMainland},
	APIRegion:    wafRegion,
	Endpoint:     func(region string) string { return "wafopenapi." + region + ".aliyuncs.com" },
	Actions: []Action{
		{Name: "DescribeThreatEventDetail", Page: wafPages + "describethreateventdetail"},
		{Name: "DescribeThreatEvent", Page: wafPages + "describethreatevent"},
		{Name: "DescribeInstance", Page: wafPages + "describeinstance"},
	},
}

const wafPages = "https://www.alibabacloud.com/help/en/waf/web-application-firewall-3-0/developer-reference/api-waf-openapi-2021-10-01-"

// wafRegion serves instances of a provider region: the region itself if WAF
// serves it, the Chinese mainland endpoint for mainland regions, Singapore
// for the rest.
func wafRegion(providerRegion string) string {
	switch {
	case providerRegion == WAFRegionChineseMainland, providerRegion == WAFRegionOutsideMainland:
		return providerRegion
	case strings.HasPrefix(providerRegion, "cn-") && providerRegion != "cn-hongkong":
		return WAFRegionChineseMainland
	default:
		return WAFRegionOutsideMainland
	}
}

// Sddp is Data Security Center's API.
var Sddp = Product{
	Key:          "sddp",
	Title:        "Data Security Center (Sddp)",
	APIName:      "API",
	Code:         "Sddp",
	APIVersion:   "2019-01-03",
	RAMPrefix:    "yundun-sddp",
	EndpointEnv:  "ALIBABA_CLOUD_ENDPOINT_SDDP",
	RateLimitEnv: "ALIBABA_CLOUD_RATE_LIMIT_SDDP",
	Regions:      []string{"cn-zhangjiakou", "cn-hongkong", "ap-southeast-1"},
	APIRegion:    sddpRegion,
	Endpoint: func(region string) string {
		if region == "cn-hongkong" {
			return "sddp-api.cn-hongkong.aliyuncs.com"
		}
		return "sddp." + region + ".aliyuncs.com"
	},
	Actions: []Action{
		{Name: "DescribeEventDetail", Page: sddpPages + "describeeventdetail"},
		// "The queries per second (QPS) limit for this operation is 10 for
		// each user." (QPS limits, page of Nov 27, 2025)
		{Name: "DescribeEvents", QPS: 10, Page: sddpPages + "describeevents"},
	},
}

const sddpPages = "https://www.alibabacloud.com/help/en/dsc/data-security-center/developer-reference/api-sddp-2019-01-03-"

// sddpRegion serves a provider region: Zhangjiakou for the mainland, Hong
// Kong for itself, Singapore for the rest.
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

// All are the products the provider reads, in the order its documentation
// lists them.
var All = []Product{WAF, Sddp}

// OfAction returns the product that serves action.
func OfAction(action string) (Product, bool) {
	for _, p := range All {
		if _, ok := p.Action(action); ok {
			return p, true
		}
	}
	return Product{}, false
}
