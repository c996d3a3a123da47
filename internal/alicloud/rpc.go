package alicloud

import (
	"fmt"
	"sort"
	"strings"

	"github.com/alisec/terraform-provider-alisec/internal/products"
)

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
