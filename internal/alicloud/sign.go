package alicloud

import (
	"context"
	"fmt"
	"net/http"
	"strings"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
)

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
