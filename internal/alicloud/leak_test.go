package alicloud

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"github.com/alisec/terraform-provider-alisec/internal/products"
)

// A request that never reaches its endpoint must not carry its signed URL,
// and with it the security token and signature, into the error.
func TestClient_unreachableEndpointErrorsCarryNoSecret(t *testing.T) {
	t.Parallel()
	const token = "CAIS-token-that-must-not-show"
	tests := []struct {
		name  string
		creds Credentials
		eps   Endpoints
	}{
		{
			name:  "API endpoint refuses connections",
			creds: Credentials{AccessKey: "LTAI5tLeakTestKey000001", SecretKey: "leak-test-secret", SecurityToken: token},
			eps:   Endpoints{Products: map[string]string{products.Sddp.Key: "http://127.0.0.1:1"}},
		},
		{
			name: "STS endpoint refuses connections",
			creds: Credentials{AccessKey: "LTAI5tLeakTestKey000001", SecretKey: "leak-test-secret", SecurityToken: token,
				AssumeRole: &AssumeRole{RoleARN: "acs:ram::1:role/r"}},
			eps: Endpoints{Products: map[string]string{products.Sddp.Key: "http://127.0.0.1:1"}, STS: "127.0.0.1:1"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, err := New(Config{Credentials: tt.creds, Endpoints: tt.eps, MaxRetries: 0})
			if err != nil {
				t.Fatal(err)
			}
			_, err = c.DescribeEventDetail(context.Background(), DSCEventInput{ID: 1})
			if err == nil {
				t.Fatal("expected an error")
			}
			for _, secret := range []string{token, "leak-test-secret", "LTAI5tLeakTestKey000001"} {
				if strings.Contains(err.Error(), secret) {
					t.Errorf("the error shows %q", secret)
				}
			}
			if signature := regexp.MustCompile(`Signature=[^<&\s]`); signature.MatchString(err.Error()) {
				t.Errorf("the error shows a signature: %s", signature.FindString(err.Error()))
			}
		})
	}
}

// A certificate the client does not trust fails the same way every time:
// one attempt, not max_retries of them.
func TestClient_untrustedCertificateIsNotRetried(t *testing.T) {
	t.Parallel()
	srv := httptest.NewTLSServer(http.NotFoundHandler())
	t.Cleanup(srv.Close)
	c := newTestClient(t, srv.URL, func(cfg *Config) { cfg.MaxRetries = 3 })
	_, err := c.DescribeEventDetail(context.Background(), DSCEventInput{ID: 1})
	var transport *TransportError
	if !errors.As(err, &transport) || transport.Attempts != 1 {
		t.Fatalf("error = %v, want a transport error after 1 attempt", err)
	}
}
