package provider

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/alisec/terraform-provider-alisec/internal/fakecloud"
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

// newRecordingTestCloud is newTestCloud with a recorder in front of the
// fake cloud, for tests that check what the provider sent.
func newRecordingTestCloud(t *testing.T) (testCloud, *paramRecorder) {
	t.Helper()
	srv := fakecloud.New()
	rec := &paramRecorder{next: srv, sent: map[string][]url.Values{}}
	hs := httptest.NewServer(rec)
	t.Cleanup(hs.Close)
	return testCloud{Server: srv, URL: hs.URL}, rec
}

// paramRecorder passes requests on to next and remembers the query
// parameters of each, by action.
type paramRecorder struct {
	next http.Handler
	mu   sync.Mutex
	sent map[string][]url.Values
}

func (p *paramRecorder) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	p.mu.Lock()
	p.sent[q.Get("Action")] = append(p.sent[q.Get("Action")], q)
	p.mu.Unlock()
	p.next.ServeHTTP(w, r)
}

// regions is the set of RegionIds the requests of action were sent with.
func (p *paramRecorder) regions(action string) []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	var out []string
	for _, q := range p.sent[action] {
		if region := q.Get("RegionId"); !slices.Contains(out, region) {
			out = append(out, region)
		}
	}
	return out
}

// params is the query parameters of every request of action, in order.
func (p *paramRecorder) params(action string) []url.Values {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]url.Values(nil), p.sent[action]...)
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
