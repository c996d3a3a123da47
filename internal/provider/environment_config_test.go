package provider

import (
	"strings"
	"testing"
	"time"

	"github.com/alisec/terraform-provider-alisec/internal/alicloud"
)

func TestClientConfigFromEnvironment(t *testing.T) {
	t.Parallel()
	const secret = "probe-secret-value"
	tests := []struct {
		name    string
		env     map[string]string
		want    alicloud.Config // compared on the fields below when wantErr is empty
		wantErr []string        // each must be in the error
	}{
		{
			name: "keys, region and endpoints",
			env: map[string]string{
				"ALIBABA_CLOUD_ACCESS_KEY_ID": "LTAI5tProbeKey000001", "ALIBABA_CLOUD_ACCESS_KEY_SECRET": secret,
				"ALIBABA_CLOUD_REGION": "cn-hongkong", "ALIBABA_CLOUD_ENDPOINT_SDDP": "http://127.0.0.1:9",
				"ALIBABA_CLOUD_READ_TIMEOUT": "3m",
			},
			want: alicloud.Config{
				Region:      "cn-hongkong",
				Credentials: alicloud.Credentials{AccessKey: "LTAI5tProbeKey000001", SecretKey: secret},
				Endpoints:   alicloud.Endpoints{Products: map[string]string{"sddp": "http://127.0.0.1:9"}},
				ReadTimeout: 3 * time.Minute,
			},
		},
		{
			name: "ALICLOUD twins and a profile",
			env:  map[string]string{"ALICLOUD_REGION": "ap-southeast-1", "ALIBABA_CLOUD_PROFILE": "probe"},
			want: alicloud.Config{
				Region: "ap-southeast-1", Credentials: alicloud.Credentials{Profile: "probe"},
				Endpoints: alicloud.Endpoints{Products: map[string]string{}}, ReadTimeout: alicloud.DefaultReadTimeout,
			},
		},
		{
			name:    "one bad setting",
			env:     map[string]string{"ALIBABA_CLOUD_REGION": "Hangzhou", "ALIBABA_CLOUD_ACCESS_KEY_SECRET": secret},
			wantErr: []string{"Invalid Region", "ALIBABA_CLOUD_REGION", `"Hangzhou"`},
		},
		{
			name: "every bad setting is named",
			env: map[string]string{
				"ALIBABA_CLOUD_ENDPOINT_WAF_OPENAPI": "ftp://x", "ALIBABA_CLOUD_MAX_RETRIES": "many",
				"ALIBABA_CLOUD_ACCESS_KEY_SECRET": secret,
			},
			wantErr: []string{"Invalid Endpoint", "ALIBABA_CLOUD_ENDPOINT_WAF_OPENAPI", `such as "wafopenapi.cn-hangzhou.aliyuncs.com"`, "Invalid Number", "ALIBABA_CLOUD_MAX_RETRIES"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := ClientConfigFromEnvironment(lookupFrom(tt.env), "1.2.3")
			if len(tt.wantErr) > 0 {
				if err == nil {
					t.Fatalf("no error; want one naming %v", tt.wantErr)
				}
				for _, want := range tt.wantErr {
					if !strings.Contains(err.Error(), want) {
						t.Errorf("error %q does not name %q", strings.ReplaceAll(err.Error(), secret, "<redacted>"), want)
					}
				}
				if strings.Contains(err.Error(), secret) {
					t.Error("the error holds the secret key")
				}
				return
			}
			if err != nil {
				t.Fatal(strings.ReplaceAll(err.Error(), secret, "<redacted>"))
			}
			if got.Region != tt.want.Region || got.Credentials.AccessKey != tt.want.Credentials.AccessKey ||
				got.Credentials.SecretKey != tt.want.Credentials.SecretKey || got.Credentials.Profile != tt.want.Credentials.Profile ||
				got.ReadTimeout != tt.want.ReadTimeout || got.UserAgent != "terraform-provider-alisec/1.2.3" ||
				len(got.Endpoints.Products) != len(tt.want.Endpoints.Products) ||
				got.Endpoints.Products["sddp"] != tt.want.Endpoints.Products["sddp"] {
				t.Errorf("got %+v,\nwant %+v", redacted(got), redacted(tt.want))
			}
		})
	}
}
