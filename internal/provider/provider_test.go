package provider

import (
	"fmt"
	"net/http/httptest"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
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
  max_retries = 2
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
	parts := strings.Fields(words)
	for i, p := range parts {
		if p != ".*" {
			parts[i] = regexp.QuoteMeta(p)
		}
	}
	return regexp.MustCompile(`(?s)` + strings.Join(parts, `\s+`))
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
