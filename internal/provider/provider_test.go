package provider

import (
	"encoding/pem"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/alisec/terraform-provider-alisec/internal/fakecloud"
)

func TestAccProvider_missingCredentials(t *testing.T) {
	clearCredentialEnv(t)
	cloud := newTestCloud(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: fmt.Sprintf(`
provider "alisec" {
  %s
}
`, endpointsConfig(cloud.URL)) + seedWAFDataSource,
			ExpectError: errorPattern(`Missing Alibaba Cloud Credentials .* access_key and secret_key .* ALIBABA_CLOUD_ACCESS_KEY_ID .* ALICLOUD_ACCESS_KEY .* profile .* assume_role_with_oidc .* ecs_role_name .* credentials_uri`),
		}},
	})
	if n := cloud.Requests("DescribeThreatEventDetail"); n != 0 {
		t.Errorf("a read without credentials reached the API: %d requests", n)
	}
}

// Credentials and endpoints from both families of environment variables;
// where both are set, ALIBABA_CLOUD_* must be the one used.
func TestAccProvider_environment(t *testing.T) {
	tests := []struct {
		name    string
		env     map[string]string
		wantErr *regexp.Regexp
	}{
		{"ALIBABA_CLOUD names", map[string]string{
			"ALIBABA_CLOUD_ACCESS_KEY_ID": fakecloud.DefaultAccessKeyID, "ALIBABA_CLOUD_ACCESS_KEY_SECRET": fakecloud.DefaultAccessKeySecret,
		}, nil},
		{"ALICLOUD names", map[string]string{
			"ALICLOUD_ACCESS_KEY": fakecloud.DefaultAccessKeyID, "ALICLOUD_SECRET_KEY": fakecloud.DefaultAccessKeySecret,
		}, nil},
		{"ALIBABA_CLOUD wins", map[string]string{
			"ALIBABA_CLOUD_ACCESS_KEY_ID": fakecloud.DefaultAccessKeyID, "ALICLOUD_ACCESS_KEY": "LTAIwrongwrongwrong",
			"ALIBABA_CLOUD_ACCESS_KEY_SECRET": fakecloud.DefaultAccessKeySecret, "ALICLOUD_SECRET_KEY": "wrong-secret",
		}, nil},
		{"ALIBABA_CLOUD wins even when wrong", map[string]string{
			"ALIBABA_CLOUD_ACCESS_KEY_ID": fakecloud.DefaultAccessKeyID, "ALICLOUD_ACCESS_KEY": fakecloud.DefaultAccessKeyID,
			"ALIBABA_CLOUD_ACCESS_KEY_SECRET": "wrong-secret", "ALICLOUD_SECRET_KEY": fakecloud.DefaultAccessKeySecret,
		}, errorPattern(`Invalid Credentials .* SignatureDoesNotMatch .* signed with access key LTAI****mo01, from access key LTAI****mo01 from environment variable ALIBABA_CLOUD_ACCESS_KEY_ID, with the secret from environment variable ALIBABA_CLOUD_ACCESS_KEY_SECRET. The secret from environment variable ALIBABA_CLOUD_ACCESS_KEY_SECRET is not the secret of that access key`)},
		// Half a key pair names the half that is missing, and where the
		// other half came from.
		{"access key ID only", map[string]string{"ALIBABA_CLOUD_ACCESS_KEY_ID": fakecloud.DefaultAccessKeyID},
			errorPattern(`Missing Alibaba Cloud Credentials .* the access key ID (access_key) is set but its secret (secret_key) is not; both are needed. ` +
				`Found the access key LTAI****mo01 from environment variable ALIBABA_CLOUD_ACCESS_KEY_ID, without its secret. ` +
				`Set its secret with secret_key in the provider block or ALIBABA_CLOUD_ACCESS_KEY_SECRET (or ALICLOUD_SECRET_KEY), ` +
				`or unset environment variable ALIBABA_CLOUD_ACCESS_KEY_ID to use another credential source.`)},
		{"secret only", map[string]string{"ALICLOUD_SECRET_KEY": fakecloud.DefaultAccessKeySecret},
			errorPattern(`Missing Alibaba Cloud Credentials .* the access key secret (secret_key) is set but its ID (access_key) is not; both are needed. ` +
				`Found an access key secret from environment variable ALICLOUD_SECRET_KEY, without its access key ID. ` +
				`Set the access key ID with access_key in the provider block or ALIBABA_CLOUD_ACCESS_KEY_ID (or ALICLOUD_ACCESS_KEY), ` +
				`or unset environment variable ALICLOUD_SECRET_KEY to use another credential source.`)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clearCredentialEnv(t)
			cloud := newTestCloud(t)
			for name, value := range endpointEnv(cloud.URL) {
				t.Setenv(name, value)
			}
			for k, v := range tt.env {
				t.Setenv(k, v)
			}
			step := resource.TestStep{Config: `provider "alisec" {}` + seedWAFDataSource, ExpectError: tt.wantErr}
			if tt.wantErr == nil {
				step.ConfigStateChecks = []statecheck.StateCheck{
					expectAttribute("data.alisec_waf_threat_event.test", "event_level", knownvalue.StringExact("high")),
				}
			}
			resource.Test(t, resource.TestCase{ProtoV6ProviderFactories: testAccProtoV6ProviderFactories, Steps: []resource.TestStep{step}})
		})
	}
}

// Configuring the provider must not resolve credentials: a credentials URI
// is only asked on the first read.
func TestAccProvider_noNetworkAtConfigure(t *testing.T) {
	cloud := newTestCloud(t)
	provider := fmt.Sprintf(`
provider "alisec" {
  credentials_uri = "%s%s"
  %s
}
`, cloud.URL, fakecloud.CredentialsURIPath, endpointsConfig(cloud.URL))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: provider + `
output "nothing_read" {
  value = "configured"
}`,
				Check: func(*terraform.State) error {
					if n := cloud.Requests(fakecloud.CredentialsURIPath); n != 0 {
						return fmt.Errorf("configuring the provider fetched credentials %d times; want 0", n)
					}
					return nil
				},
			},
			{
				Config: provider + seedWAFDataSource,
				ConfigStateChecks: []statecheck.StateCheck{
					expectAttribute("data.alisec_waf_threat_event.test", "event_level", knownvalue.StringExact("high")),
				},
				Check: func(*terraform.State) error {
					if n := cloud.Requests(fakecloud.CredentialsURIPath); n == 0 {
						return fmt.Errorf("the read did not use the credentials URI")
					}
					return nil
				},
			},
		},
	})
}

func TestAccProvider_invalidConfiguration(t *testing.T) {
	tests := []struct {
		name    string
		block   string
		wantErr *regexp.Regexp
	}{
		// Each product's endpoint error gives that product's own host.
		{"malformed endpoint", "endpoints {\n waf_openapi = \"ht!tp://x\"\n}",
			errorPattern(`Invalid Endpoint .* endpoints.waf_openapi: expected a host name such as "wafopenapi.cn-hangzhou.aliyuncs.com" or a URL`)},
		{"endpoint without host", "endpoints {\n sddp = \"http://\"\n}",
			errorPattern(`Invalid Endpoint .* endpoints.sddp: expected a host name such as "sddp.cn-zhangjiakou.aliyuncs.com" or a URL`)},
		{"malformed STS endpoint", "endpoints {\n sts = \"ht!tp://x\"\n}",
			errorPattern(`Invalid Endpoint .* endpoints.sts: expected a host name such as "sts.aliyuncs.com" or a URL`)},
		{"negative max_retries", "max_retries = -1", errorPattern(`max_retries .* at least 0, got: -1`)},
		{"request_timeout not a duration", `request_timeout = "soon"`, errorPattern(`Invalid Duration .* request_timeout`)},
		{"region not a region", `region = "Hangzhou"`, errorPattern(`Invalid Region .* region`)},
		{"throttling_timeout not a duration", `throttling_timeout = "60"`, errorPattern(`Invalid Duration .* throttling_timeout`)},
		{"negative rate limit", "rate_limits {\n sddp = -2\n}", errorPattern(`Invalid Rate Limit .* rate_limits.sddp: expected calls per second, 0 (adaptive only) or 0.5 to 10000, got -2`)},
		{"rate limit too small to pace", "rate_limits {\n waf_openapi = 1e-10\n}", errorPattern(`Invalid Rate Limit .* or 0.5 to 10000, got 1e-10`)},
		{"assume_role without ARN", "assume_role {\n session_name = \"x\"\n}", errorPattern(`Missing Role ARN`)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clearCredentialEnv(t)
			cloud := newTestCloud(t)
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{{
					Config:      fmt.Sprintf("provider \"alisec\" {\n%s\n}\n", tt.block) + seedWAFDataSource,
					ExpectError: tt.wantErr,
				}},
			})
			if n := cloud.Requests("DescribeThreatEventDetail"); n != 0 {
				t.Errorf("an invalid configuration reached the API: %d requests", n)
			}
		})
	}
}

// A provider argument known only after apply must not crash the plan.
func TestAccProvider_unknownConfiguration(t *testing.T) {
	cloud := newTestCloud(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: fmt.Sprintf(`
resource "terraform_data" "key" {
  input = %q
}

provider "alisec" {
  access_key = terraform_data.key.output
  secret_key = %q
  %s
}
`, fakecloud.DefaultAccessKeyID, fakecloud.DefaultAccessKeySecret, endpointsConfig(cloud.URL)) + seedWAFDataSource,
			ExpectError: errorPattern(`Provider Configuration Unknown at Plan Time .* access_key`),
		}},
	})
}

// TestMain makes this test binary trust the certificate of httptest's TLS
// servers, because the SDK's STS client always speaks HTTPS and verifies
// against the system roots. Go reads SSL_CERT_FILE once, on first use.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "alisec-test-ca-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	tlsServer := httptest.NewTLSServer(http.NotFoundHandler())
	certFile := filepath.Join(dir, "httptest-ca.pem")
	pemBytes := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: tlsServer.Certificate().Raw})
	tlsServer.Close()
	if err := os.WriteFile(certFile, pemBytes, 0o600); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Setenv("SSL_CERT_FILE", certFile)
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// assume_role signs the STS call with the configured keys and every read
// with the temporary key and token STS returned.
func TestAccProvider_assumeRole(t *testing.T) {
	cloud := newTestCloud(t)
	sts := httptest.NewTLSServer(cloud.Server)
	t.Cleanup(sts.Close)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: fmt.Sprintf(`
provider "alisec" {
  access_key = %q
  secret_key = %q
  assume_role {
    role_arn           = "acs:ram::1234567890:role/security-reader"
    session_name       = "terraform"
    session_expiration = 900
  }
  %s
}
`, fakecloud.DefaultAccessKeyID, fakecloud.DefaultAccessKeySecret, endpointsConfig(cloud.URL, fmt.Sprintf("sts = %q", sts.URL))) + seedWAFDataSource,
			ConfigStateChecks: []statecheck.StateCheck{
				expectAttribute("data.alisec_waf_threat_event.test", "event_level", knownvalue.StringExact("high")),
			},
			Check: func(*terraform.State) error {
				if n := cloud.Requests("AssumeRole"); n == 0 {
					return fmt.Errorf("the read did not assume the role")
				}
				return nil
			},
		}},
	})
}
