package alicloud

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/alisec/terraform-provider-alisec/internal/fakecloud"
	"github.com/alisec/terraform-provider-alisec/internal/products"
)

// TestNew is not parallel: one case sets an environment variable the SDK reads.
func TestNew(t *testing.T) {
	tests := []struct {
		name        string
		cfg         Config
		wantErr     string
		wantRegion  string
		wantRetries int
		wantTimeout time.Duration
	}{
		{name: "defaults", cfg: Config{}, wantRegion: DefaultRegion, wantRetries: 0, wantTimeout: DefaultRequestTimeout},
		{name: "negative retries take the default", cfg: Config{MaxRetries: -1}, wantRegion: DefaultRegion, wantRetries: DefaultMaxRetries, wantTimeout: DefaultRequestTimeout},
		{name: "explicit", cfg: Config{Region: "ap-southeast-1", MaxRetries: 3, RequestTimeout: time.Second}, wantRegion: "ap-southeast-1", wantRetries: 3, wantTimeout: time.Second},
		{name: "bad WAF endpoint", cfg: Config{Endpoints: Endpoints{Products: map[string]string{products.WAF.Key: "ftp://h"}}}, wantErr: "endpoints." + products.WAF.Key},
		{name: "bad Sddp endpoint", cfg: Config{Endpoints: Endpoints{Products: map[string]string{products.Sddp.Key: "http://h/path"}}}, wantErr: "endpoints." + products.Sddp.Key},
		{name: "bad STS endpoint", cfg: Config{Endpoints: Endpoints{STS: "http://"}}, wantErr: "endpoints.sts"},
		{name: "assume role without role ARN", cfg: Config{Credentials: Credentials{AccessKey: "a", SecretKey: "b", AssumeRole: &AssumeRole{SessionName: "s"}}},
			wantErr: "credentials provider"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.cfg.Credentials.AssumeRole != nil {
				t.Setenv("ALIBABA_CLOUD_ROLE_ARN", "")
			} else {
				t.Parallel()
			}
			c, err := New(tt.cfg)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("New error = %v, want one naming %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if c.Region() != tt.wantRegion || c.maxRetries != tt.wantRetries || c.requestTimeout != tt.wantTimeout {
				t.Errorf("region %q, retries %d, timeout %s; want %q, %d, %s",
					c.Region(), c.maxRetries, c.requestTimeout, tt.wantRegion, tt.wantRetries, tt.wantTimeout)
			}
		})
	}
}

func TestMaskAccessKeyID(t *testing.T) {
	t.Parallel()
	tests := []struct{ id, want string }{
		{"", ""},
		{"abc", "***"},
		{"12345678", "********"},
		{"LTAI123456789", "*************"},
		{"LTAI5tFakeCloudDemo01", "LTAI****mo01"},
		{"LTAI5tAbCdEfGhIjKlMnOpQr", "LTAI****OpQr"},
		{"STS.NUCrsfMyKeyIdIsLong", "STS.****Long"},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			t.Parallel()
			if got := MaskAccessKeyID(tt.id); got != tt.want {
				t.Errorf("MaskAccessKeyID(%q) = %q, want %q", tt.id, got, tt.want)
			}
		})
	}
	c, err := New(Config{Credentials: defaultKeys()})
	if err != nil {
		t.Fatal(err)
	}
	if got := c.MaskedAccessKeyID(); got != "LTAI****mo01" {
		t.Errorf("MaskedAccessKeyID() = %q", got)
	}
}

// TestClient_readTimeoutBoundsEveryAttempt: however many retries are left,
// a read stops at its read timeout and says that is why.
func TestClient_readTimeoutBoundsEveryAttempt(t *testing.T) {
	t.Parallel()
	cloud, srv := startFake(t)
	cloud.SetFault(DSCEventAction, fakecloud.Fault{Latency: time.Minute})
	c := newTestClient(t, srv.URL, func(cfg *Config) {
		cfg.MaxRetries = 5
		cfg.RequestTimeout = time.Minute
		cfg.ReadTimeout = 50 * time.Millisecond
	})
	_, err := c.DescribeEventDetail(context.Background(), DSCEventInput{ID: pageDSCEvent})
	var te *TransportError
	if !errors.As(err, &te) || te.Cause() != CauseReadTimeout {
		t.Fatalf("error = %T %v, want a *TransportError caused by the read timeout", err, err)
	}
	if !strings.Contains(err.Error(), "read_timeout") {
		t.Errorf("error %q does not name read_timeout", err)
	}
}
