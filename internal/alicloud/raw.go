package alicloud

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"

	"github.com/alisec/terraform-provider-alisec/internal/products"
)

// RawAnswer is one API answer as it came, undecoded, for tools that must
// see the shape itself (the conformance probe) rather than the client's
// reading of it.
type RawAnswer struct {
	// Endpoint is the scheme and host that answered.
	Endpoint string
	// HTTPStatus is 200 for any success, else the error answer's status.
	HTTPStatus int
	// Body is a success's body; nil for an error answer.
	Body []byte
	// Code and Message are an error answer's; empty on success.
	Code, Message string
	// RequestID is the answer's RequestId, when it had a string one.
	RequestID string
}

// Raw makes one call of p's action in region (the API region serving the
// client's region when empty), signed, paced and retried as every call
// is, and returns the answer undecoded. An error answer of the API is an
// answer, not an error; the error is for no answer at all: transport
// failures, missing or refused credentials, an ended context.
func (c *Client) Raw(ctx context.Context, p products.Product, action, region string, params map[string]string) (*RawAnswer, error) {
	return c.rawCall(ctx, c.rpc(p, action, region, params))
}

// RawAt is Raw sent to endpoint (a host name or URL) instead of the
// client's endpoint for p, to learn whether another host serves p.
func (c *Client) RawAt(ctx context.Context, endpoint string, p products.Product, action, region string, params map[string]string) (*RawAnswer, error) {
	ep, err := ParseEndpoint(endpoint)
	if err != nil {
		return nil, err
	}
	rpc := c.rpc(p, action, region, params)
	rpc.endpoint = ep
	return c.rawCall(ctx, rpc)
}

// ProductEndpoint is where the client sends p's calls in region (the API
// region serving the client's region when empty), and whether that is a
// configured override rather than the region's public endpoint.
func (c *Client) ProductEndpoint(p products.Product, region string) (ep Endpoint, overridden bool) {
	_, overridden = c.endpoints[p.Key]
	return c.rpc(p, "", region, nil).endpoint, overridden
}

func (c *Client) rawCall(ctx context.Context, rpc rpcCall) (*RawAnswer, error) {
	ctx, cancel := c.readContext(ctx)
	defer cancel()
	body, err := c.call(ctx, rpc)
	answer := &RawAnswer{Endpoint: rpc.endpoint.String()}
	var apiErr *APIError
	switch {
	case err == nil:
		answer.HTTPStatus, answer.Body, answer.RequestID = 200, body, bodyRequestID(body)
	case errors.As(err, &apiErr):
		answer.HTTPStatus, answer.Code, answer.Message, answer.RequestID = apiErr.HTTPStatus, apiErr.Code, apiErr.Message, apiErr.RequestID
	default:
		return nil, err
	}
	return answer, nil
}

// bodyRequestID is a success body's RequestId, if it is a string.
func bodyRequestID(body []byte) string {
	var top struct {
		RequestID json.RawMessage `json:"RequestId"`
	}
	if json.Unmarshal(body, &top) != nil || !bytes.HasPrefix(bytes.TrimSpace(top.RequestID), []byte(`"`)) {
		return ""
	}
	return rawText(top.RequestID)
}
