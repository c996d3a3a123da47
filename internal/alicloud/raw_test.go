package alicloud

import (
	"context"
	"encoding/json"
	"errors"
	"net/http/httptest"
	"slices"
	"testing"

	"github.com/alisec/terraform-provider-alisec/internal/products"
)

func TestClient_Raw(t *testing.T) {
	t.Parallel()
	cloud, srv := startFake(t)
	cloud.SetWAFInstance("cn-hangzhou", "i1")
	c := newTestClient(t, srv.URL, nil)
	tests := []struct {
		name       string
		product    products.Product
		action     string
		params     map[string]string
		wantStatus int
		wantCode   string
		wantKey    string // a top-level key the success body holds
	}{
		{"success", products.WAF, WAFInstanceAction, nil, 200, "", "InstanceId"},
		{"API error is an answer", products.WAF, WAFThreatEventsAction,
			map[string]string{"InstanceId": "waf_v2_public_cn-other", "StartTime": "1000", "EndTime": "2000"}, 400, "Waf.Instance.ValidFaild", ""},
		{"refused parameter", products.Sddp, DSCEventsAction, map[string]string{"PageSize": "1000"}, 400, "InvalidParameter.PageSize", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := c.Raw(context.Background(), tt.product, tt.action, "", tt.params)
			if err != nil {
				t.Fatalf("Raw: %v", err)
			}
			if got.HTTPStatus != tt.wantStatus || got.Code != tt.wantCode || got.RequestID == "" || got.Endpoint != srv.URL {
				t.Fatalf("got status %d, Code %q, RequestId %q from %s; want %d, %q, a RequestId, from %s",
					got.HTTPStatus, got.Code, got.RequestID, got.Endpoint, tt.wantStatus, tt.wantCode, srv.URL)
			}
			if tt.wantKey == "" {
				if got.Body != nil || got.Message == "" {
					t.Errorf("an error answer has body %q and Message %q; want no body and a Message", got.Body, got.Message)
				}
				return
			}
			var top map[string]json.RawMessage
			if err := json.Unmarshal(got.Body, &top); err != nil || top[tt.wantKey] == nil {
				t.Errorf("body %s lacks %s (%v)", got.Body, tt.wantKey, err)
			}
		})
	}
}

// TestClient_Raw_noAnswer: failures that are not answers of the API stay
// errors, so that a caller cannot mistake them for a shape of the API.
func TestClient_Raw_noAnswer(t *testing.T) {
	t.Parallel()
	_, srv := startFake(t)
	closed := httptest.NewServer(nil)
	closed.Close()
	tests := []struct {
		name string
		url  string
		edit func(*Config)
		want func(error) bool
	}{
		{"no credentials", srv.URL, func(c *Config) { c.Credentials = Credentials{} },
			func(err error) bool { return errors.Is(err, ErrMissingCredentials) }},
		{"nothing listens", closed.URL, nil,
			func(err error) bool { var te *TransportError; return errors.As(err, &te) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c := newTestClient(t, tt.url, func(c *Config) {
				c.MaxRetries = 0
				if tt.edit != nil {
					tt.edit(c)
				}
			})
			got, err := c.Raw(context.Background(), products.Sddp, DSCEventsAction, "", nil)
			if err == nil || !tt.want(err) {
				t.Fatalf("Raw = %+v, %v; want the error", got, err)
			}
		})
	}
}

func TestClient_RawAt(t *testing.T) {
	t.Parallel()
	_, srv := startFake(t)
	_, other := startFake(t)
	c := newTestClient(t, srv.URL, nil)
	got, err := c.RawAt(context.Background(), other.URL, products.Sddp, DSCEventsAction, "cn-hongkong", nil)
	if err != nil || got.HTTPStatus != 200 || got.Endpoint != other.URL {
		t.Fatalf("RawAt = %+v, %v; want a success from %s", got, err, other.URL)
	}
	if _, err := c.RawAt(context.Background(), "ftp://x", products.Sddp, DSCEventsAction, "", nil); err == nil {
		t.Error("RawAt took an ftp:// endpoint")
	}
}

func TestClient_Raw_productEndpoint(t *testing.T) {
	t.Parallel()
	c := newTestClient(t, "http://127.0.0.1:1", func(c *Config) {
		c.Region = "cn-hongkong"
		c.Endpoints = Endpoints{Products: map[string]string{products.WAF.Key: "http://127.0.0.1:1"}}
	})
	tests := []struct {
		name           string
		product        products.Product
		region         string
		wantHost       string
		wantOverridden bool
	}{
		{"override", products.WAF, "", "127.0.0.1:1", true},
		{"public endpoint of the client's region", products.Sddp, "", "sddp-api.cn-hongkong.aliyuncs.com", false},
		{"public endpoint of another region", products.Sddp, "ap-southeast-1", "sddp.ap-southeast-1.aliyuncs.com", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ep, overridden := c.ProductEndpoint(tt.product, tt.region)
			if ep.Host != tt.wantHost || overridden != tt.wantOverridden {
				t.Errorf("got %s, overridden %v; want %s, %v", ep, overridden, tt.wantHost, tt.wantOverridden)
			}
		})
	}
}

// TestRaw_notFoundCodes holds the exported list to the one the detail reads use.
func TestRaw_notFoundCodes(t *testing.T) {
	t.Parallel()
	codes := NotFoundCodes()
	if len(codes) == 0 {
		t.Fatal("no codes")
	}
	for _, code := range codes {
		err := asNotFound(&APIError{Code: code}, "event")
		var nf *NotFoundError
		if !errors.As(err, &nf) {
			t.Errorf("%s is not read as not found", code)
		}
	}
	codes[0] = "changed"
	if slices.Contains(NotFoundCodes(), "changed") {
		t.Error("NotFoundCodes returns the client's own slice")
	}
}
