package provider

import (
	"fmt"
	"net/http/httptest"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/alisec/terraform-provider-alisec/internal/alicloud"
	"github.com/alisec/terraform-provider-alisec/internal/fakecloud"
	"github.com/alisec/terraform-provider-alisec/internal/products"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

// Helpers of the provider package's tests: the in-process provider, a fake
// cloud per test, configuration builders and state checks.

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

// providerConfig is a provider block with static keys and every product's
// endpoint pointed at the fake cloud; extra lines go inside the block.
func (c testCloud) providerConfig(extra ...string) string {
	return fmt.Sprintf(`
provider "alisec" {
  access_key = %q
  secret_key = %q
  %s
  %s
}
`, fakecloud.DefaultAccessKeyID, fakecloud.DefaultAccessKeySecret, strings.Join(extra, "\n  "), endpointsConfig(c.URL))
}

// endpointsConfig is a provider's endpoints block that points every product
// of the table at url; extra lines (sts = ...) go inside it.
func endpointsConfig(url string, extra ...string) string {
	var b strings.Builder
	b.WriteString("endpoints {\n")
	for _, p := range products.All {
		fmt.Fprintf(&b, "    %s = %q\n", p.Key, url)
	}
	for _, line := range extra {
		b.WriteString("    " + line + "\n")
	}
	b.WriteString("  }")
	return b.String()
}

// clientEndpoints points every product of the table at url, for tests that
// build an alicloud.Client themselves.
func clientEndpoints(url string) alicloud.Endpoints {
	eps := alicloud.Endpoints{Products: make(map[string]string, len(products.All))}
	for _, p := range products.All {
		eps.Products[p.Key] = url
	}
	return eps
}

// endpointEnv is every product's endpoint environment variable, set to url.
func endpointEnv(url string) map[string]string {
	env := make(map[string]string, len(products.All))
	for _, p := range products.All {
		env[p.EndpointEnv] = url
	}
	return env
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

// credentialEnvVars are cleared by tests that must not see the machine's
// own credentials or endpoints.
var credentialEnvVars = append([]string{
	"ALIBABA_CLOUD_ACCESS_KEY_ID", "ALICLOUD_ACCESS_KEY", "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "ALICLOUD_SECRET_KEY",
	"ALIBABA_CLOUD_SECURITY_TOKEN", "ALICLOUD_SECURITY_TOKEN", "ALIBABA_CLOUD_PROFILE", "ALICLOUD_PROFILE",
	"ALIBABA_CLOUD_ROLE_ARN", "ALIBABA_CLOUD_OIDC_PROVIDER_ARN", "ALIBABA_CLOUD_OIDC_TOKEN_FILE",
	"ALIBABA_CLOUD_ECS_METADATA", "ALIBABA_CLOUD_CREDENTIALS_URI", "ALIBABA_CLOUD_REGION", "ALICLOUD_REGION",
	"ALIBABA_CLOUD_ENDPOINT_STS",
}, productEndpointEnvVars()...)

func productEndpointEnvVars() []string {
	names := make([]string, 0, len(products.All))
	for _, p := range products.All {
		names = append(names, p.EndpointEnv)
	}
	return names
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
