package provider

import (
	"encoding/pem"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/alisec/terraform-provider-alisec/internal/fakecloud"
)

// testAccProtoV6ProviderFactories runs the provider in the test process;
// the real Terraform CLI (TF_ACC_TERRAFORM_PATH) talks to it.
var testAccProtoV6ProviderFactories = map[string]func() (tfprotov6.ProviderServer, error){
	"alisec": providerserver.NewProtocol6WithError(New("test")()),
}

// testCloud is one fake cloud per test, so tests run in parallel.
type testCloud struct {
	*fakecloud.Server
	URL string
}

func newTestCloud(t *testing.T) testCloud {
	t.Helper()
	srv := fakecloud.New()
	hs := httptest.NewServer(srv)
	t.Cleanup(hs.Close)
	return testCloud{Server: srv, URL: hs.URL}
}

// providerConfig is a provider block with static keys and both endpoints
// pointed at the fake cloud; extra lines go inside the block.
func (c testCloud) providerConfig(extra ...string) string {
	return fmt.Sprintf(`
provider "alisec" {
  access_key = %q
  secret_key = %q
  %s
  endpoints {
    waf_openapi = %q
    sddp        = %q
  }
}
`, fakecloud.DefaultAccessKeyID, fakecloud.DefaultAccessKeySecret, strings.Join(extra, "\n  "), c.URL, c.URL)
}

// errorPattern matches words that Terraform may wrap across lines; a ".*"
// word matches anything, line breaks included.
func errorPattern(words string) *regexp.Regexp {
	var b strings.Builder
	b.WriteString(`(?s)`)
	literalBefore := false
	for _, w := range strings.Fields(words) {
		if w == ".*" {
			b.WriteString(".*")
			literalBefore = false
			continue
		}
		if literalBefore {
			b.WriteString(`\s+`)
		}
		b.WriteString(regexp.QuoteMeta(w))
		literalBefore = true
	}
	return regexp.MustCompile(b.String())
}

func expectAttribute(address, attribute string, check knownvalue.Check) statecheck.StateCheck {
	return statecheck.ExpectKnownValue(address, tfjsonpath.New(attribute), check)
}

// expectAttributes checks each attribute's whole value, nested ones included.
func expectAttributes(address string, values map[string]knownvalue.Check) []statecheck.StateCheck {
	names := make([]string, 0, len(values))
	for name := range values {
		names = append(names, name)
	}
	sort.Strings(names)
	checks := make([]statecheck.StateCheck, 0, len(names))
	for _, name := range names {
		checks = append(checks, expectAttribute(address, name, values[name]))
	}
	return checks
}

// requireAllAttributes fails when values does not name every attribute of
// the schema, so an attribute added later cannot go unchecked.
func requireAllAttributes(t *testing.T, s schema.Schema, values map[string]knownvalue.Check) {
	t.Helper()
	for name := range s.Attributes {
		if _, ok := values[name]; !ok {
			t.Errorf("attribute %q has no expected value", name)
		}
	}
	for name := range values {
		if _, ok := s.Attributes[name]; !ok {
			t.Errorf("expected value for %q, which is not in the schema", name)
		}
	}
}

// credentialEnvVars are cleared by tests that must not see the machine's own credentials.
var credentialEnvVars = []string{
	"ALIBABA_CLOUD_ACCESS_KEY_ID", "ALICLOUD_ACCESS_KEY", "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "ALICLOUD_SECRET_KEY",
	"ALIBABA_CLOUD_SECURITY_TOKEN", "ALICLOUD_SECURITY_TOKEN", "ALIBABA_CLOUD_PROFILE", "ALICLOUD_PROFILE",
	"ALIBABA_CLOUD_ROLE_ARN", "ALIBABA_CLOUD_OIDC_PROVIDER_ARN", "ALIBABA_CLOUD_OIDC_TOKEN_FILE",
	"ALIBABA_CLOUD_ECS_METADATA", "ALIBABA_CLOUD_CREDENTIALS_URI", "ALIBABA_CLOUD_REGION", "ALICLOUD_REGION",
	"ALIBABA_CLOUD_ENDPOINT_WAF_OPENAPI", "ALIBABA_CLOUD_ENDPOINT_SDDP", "ALIBABA_CLOUD_ENDPOINT_STS",
}

func clearCredentialEnv(t *testing.T) {
	for _, name := range credentialEnvVars {
		t.Setenv(name, "")
	}
}

const seedWAFDataSource = `
data "alisec_waf_threat_event" "test" {
  instance_id = "waf_v2_public_cn-lbj0xxxx"
  event_id    = "1661131a028f72a976703f4a4082ad87"
}
`

func TestAccProvider_missingCredentials(t *testing.T) {
	clearCredentialEnv(t)
	cloud := newTestCloud(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: fmt.Sprintf(`
provider "alisec" {
  endpoints {
    waf_openapi = %q
  }
}
`, cloud.URL) + seedWAFDataSource,
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
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clearCredentialEnv(t)
			cloud := newTestCloud(t)
			t.Setenv("ALIBABA_CLOUD_ENDPOINT_WAF_OPENAPI", cloud.URL)
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
  endpoints {
    waf_openapi = %q
  }
}
`, cloud.URL, fakecloud.CredentialsURIPath, cloud.URL)
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
		{"malformed endpoint", "endpoints {\n waf_openapi = \"ht!tp://x\"\n}", errorPattern(`Invalid Endpoint .* endpoints.waf_openapi`)},
		{"endpoint without host", "endpoints {\n sddp = \"http://\"\n}", errorPattern(`Invalid Endpoint .* endpoints.sddp`)},
		{"negative max_retries", "max_retries = -1", errorPattern(`max_retries .* at least 0, got: -1`)},
		{"request_timeout not a duration", `request_timeout = "soon"`, errorPattern(`Invalid Duration .* request_timeout`)},
		{"region not a region", `region = "Hangzhou"`, errorPattern(`Invalid Region .* region`)},
		{"throttling_timeout not a duration", `throttling_timeout = "60"`, errorPattern(`Invalid Duration .* throttling_timeout`)},
		{"negative rate limit", "rate_limits {\n sddp = -2\n}", errorPattern(`rate_limits.sddp .* at least 0.000000, got: -2.000000`)},
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
  endpoints {
    waf_openapi = %q
  }
}
`, fakecloud.DefaultAccessKeyID, fakecloud.DefaultAccessKeySecret, cloud.URL) + seedWAFDataSource,
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
  endpoints {
    waf_openapi = %q
    sts         = %q
  }
}
`, fakecloud.DefaultAccessKeyID, fakecloud.DefaultAccessKeySecret, cloud.URL, sts.URL) + seedWAFDataSource,
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

// tfjsonpathIndex is the path of one list element of an attribute.
func tfjsonpathIndex(attribute string, index int) tfjsonpath.Path {
	return tfjsonpath.New(attribute).AtSliceIndex(index)
}

// unexpectedAnswerError matches the error diagnostic of a read whose answer
// lacked what its action always sends: the data source's summary, the
// action (and page), the fake cloud's endpoint, what was wrong, the cause.
func unexpectedAnswerError(summary, action, what string) *regexp.Regexp {
	return errorPattern(summary + " .* " + action + ": unexpected answer from http://127.0.0.1: .* " + what +
		` .* rather than take this for "no events"; a proxy or a wrong endpoint .* ALIBABA_CLOUD_ENDPOINT_*`)
}
