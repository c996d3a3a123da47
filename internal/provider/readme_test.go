package provider

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/alisec/terraform-provider-alisec/internal/products"
)

// readmeHCL returns the README's HCL snippets that are configuration to
// plan as they stand: every ```hcl block but the provider block, which
// the test's own replaces.
func readmeHCL(t *testing.T) []string {
	t.Helper()
	text, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	var blocks []string
	for _, m := range regexp.MustCompile("(?s)```hcl\n(.*?)```").FindAllStringSubmatch(string(text), -1) {
		if !strings.HasPrefix(strings.TrimSpace(m[1]), `provider "alisec"`) {
			blocks = append(blocks, m[1])
		}
	}
	return blocks
}

// The README's snippets plan as written against the demo's fake event, the
// WAF API page's example: the data source, its check and the Functions
// snippet's rule, which reads the event as not alert-worthy (its last
// attack is years old).
func TestAccREADME_snippets(t *testing.T) {
	blocks := readmeHCL(t)
	if len(blocks) < 2 {
		t.Fatalf("found %d HCL snippets in README.md, want the data source with its check and the functions' locals", len(blocks))
	}
	cloud := newTestCloud(t)
	testAccFunction(t, resource.TestStep{
		Config: testAccRequiredProviders + cloud.providerConfig() + strings.Join(blocks, "\n") + `
output "alert" {
  value = local.alert
}
`,
		ConfigStateChecks: []statecheck.StateCheck{statecheck.ExpectKnownOutputValue("alert", knownvalue.Bool(false))},
	})
}

// The README's RAM policy allows exactly the RAM actions of every API
// action the provider calls, from the products table, so that a policy
// copied from it neither lacks one nor grants more.
func TestREADME_ramPolicy(t *testing.T) {
	t.Parallel()
	text, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile("(?s)```json\n(.*?)```").FindStringSubmatch(string(text))
	if m == nil {
		t.Fatal("README.md has no JSON RAM policy")
	}
	var policy struct {
		Version   string
		Statement []struct {
			Effect   string
			Action   []string
			Resource string
		}
	}
	if err := json.Unmarshal([]byte(m[1]), &policy); err != nil {
		t.Fatalf("the README's RAM policy is not JSON: %v", err)
	}
	if policy.Version != "1" || len(policy.Statement) != 1 || policy.Statement[0].Effect != "Allow" || policy.Statement[0].Resource != "*" {
		t.Fatalf("policy = %+v, want version 1 with one Allow statement on every resource", policy)
	}
	var want []string
	for _, p := range products.All {
		for _, a := range p.Actions {
			want = append(want, p.RAMAction(a.Name))
		}
	}
	got := slices.Clone(policy.Statement[0].Action)
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("the README's policy allows %q, want %q", got, want)
	}
}

// OpenTofu refuses an override_data target with an instance key, so the
// example tests, which run on Terraform and OpenTofu, name data sources
// whole, as the testing guide teaches.
func TestExamples_overrideTargetsUnkeyed(t *testing.T) {
	t.Parallel()
	files, err := filepath.Glob("../../examples/alerts/*/tests/*.tftest.hcl")
	if err != nil || len(files) == 0 {
		t.Fatalf("no example tests found (%v)", err)
	}
	keyed := regexp.MustCompile(`(?m)^\s*target\s*=\s*data\.[\w.]+\[`)
	for _, f := range files {
		text, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if loc := keyed.FindIndex(text); loc != nil {
			t.Errorf("%s: %q keys its override target, which OpenTofu refuses", f, strings.TrimSpace(string(text[loc[0]:loc[1]])))
		}
	}
}
