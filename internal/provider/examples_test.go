package provider

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"
)

// TestAccExamples_dataSources applies every data source example that
// tfplugindocs puts in docs/ against a fake cloud, so a published example
// cannot name a missing attribute or index a null value. The fake cloud
// serves the API pages' example events, whose IDs the examples use.
func TestAccExamples_dataSources(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "..", "examples", "data-sources", "*", "data-source.tf"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no examples/data-sources/*/data-source.tf found")
	}
	for _, file := range files {
		dataSource := filepath.Base(filepath.Dir(file))
		t.Run(dataSource, func(t *testing.T) {
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			config, blocks, err := exampleWithoutProvider(src, file)
			if err != nil {
				t.Fatal(err)
			}
			if !blocks[`data "`+dataSource+`"`] {
				t.Fatalf("%s has no data %q block", file, dataSource)
			}
			cloud := newTestCloud(t)
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				TerraformVersionChecks: []tfversion.TerraformVersionCheck{
					tfversion.SkipBelow(tfversion.Version1_5_0), // check blocks
				},
				Steps: []resource.TestStep{{Config: cloud.providerConfig() + config}},
			})
		})
	}
}

// exampleWithoutProvider returns an example configuration without its
// `terraform` and `provider "alisec"` blocks, so that a test can put its own
// provider block in front, and the set of the remaining top-level blocks'
// type and first label (`data "alisec_dsc_event"`, `output "x"`, `check "y"`).
// Everything else, comments included, is kept byte for byte.
func exampleWithoutProvider(src []byte, filename string) (string, map[string]bool, error) {
	file, diags := hclsyntax.ParseConfig(src, filename, hcl.InitialPos)
	if diags.HasErrors() {
		return "", nil, diags
	}
	body, ok := file.Body.(*hclsyntax.Body)
	if !ok {
		return "", nil, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "not native HCL syntax", Subject: file.Body.MissingItemRange().Ptr()}
	}
	var out strings.Builder
	kept := map[string]bool{}
	next := 0
	for _, block := range body.Blocks {
		if block.Type == "terraform" || (block.Type == "provider" && len(block.Labels) == 1 && block.Labels[0] == "alisec") {
			r := block.Range()
			out.Write(src[next:r.Start.Byte])
			next = r.End.Byte
			continue
		}
		key := block.Type
		if len(block.Labels) > 0 {
			key += ` "` + block.Labels[0] + `"`
		}
		kept[key] = true
	}
	out.Write(src[next:])
	return out.String(), kept, nil
}

func TestExampleWithoutProvider(t *testing.T) {
	tests := []struct {
		name    string
		src     string
		want    string
		blocks  []string
		wantErr bool
	}{
		{
			name:   "no provider block",
			src:    "data \"alisec_dsc_event\" \"e\" {\n  event_id = 1\n}\n",
			want:   "data \"alisec_dsc_event\" \"e\" {\n  event_id = 1\n}\n",
			blocks: []string{`data "alisec_dsc_event"`},
		},
		{
			name: "terraform and provider blocks removed, comments and the rest kept",
			src: `terraform {
  required_providers {
    alisec = { source = "alisec/alisec" }
  }
}

# Read in Hangzhou.
provider "alisec" {
  region = "cn-hangzhou"
  endpoints {
    waf_openapi = "wafopenapi.cn-hangzhou.aliyuncs.com"
  }
}

data "alisec_waf_threat_event" "e" {
  instance_id = "i" # provider "alisec" { in a comment
  event_id    = "provider \"alisec\" {}"
}

output "level" {
  value = data.alisec_waf_threat_event.e.event_level
}
`,
			want: `

# Read in Hangzhou.


data "alisec_waf_threat_event" "e" {
  instance_id = "i" # provider "alisec" { in a comment
  event_id    = "provider \"alisec\" {}"
}

output "level" {
  value = data.alisec_waf_threat_event.e.event_level
}
`,
			blocks: []string{`data "alisec_waf_threat_event"`, `output "level"`},
		},
		{
			name: "braces in heredocs do not end the block early",
			src: `provider "alisec" {
  assume_role {
    policy = <<-EOT
      {"Statement": [{"Action": "}"}]}
    EOT
  }
}
check "c" {
  assert {
    condition     = true
    error_message = "}"
  }
}
`,
			want: `
check "c" {
  assert {
    condition     = true
    error_message = "}"
  }
}
`,
			blocks: []string{`check "c"`},
		},
		{
			name: "every alisec provider block goes, aliased too; other providers stay",
			src: `provider "random" {}
provider "alisec" {
  alias  = "intl"
  region = "ap-southeast-1"
}
`,
			want:   "provider \"random\" {}\n\n",
			blocks: []string{`provider "random"`},
		},
		{
			name:    "malformed HCL",
			src:     "data \"alisec_dsc_event\" \"e\" {\n  event_id = \n",
			wantErr: true,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, blocks, err := exampleWithoutProvider([]byte(tt.src), "example.tf")
			if tt.wantErr {
				if err == nil {
					t.Fatalf("got no error, want one; output %q", got)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("got\n%q\nwant\n%q", got, tt.want)
			}
			if len(blocks) != len(tt.blocks) {
				t.Errorf("got blocks %v, want %v", blocks, tt.blocks)
			}
			for _, b := range tt.blocks {
				if !blocks[b] {
					t.Errorf("block %s missing from %v", b, blocks)
				}
			}
		})
	}
}

// providerBlock returns the source of the example's `provider "alisec"` block.
func providerBlock(src []byte, filename string) (string, error) {
	file, diags := hclsyntax.ParseConfig(src, filename, hcl.InitialPos)
	if diags.HasErrors() {
		return "", diags
	}
	body, ok := file.Body.(*hclsyntax.Body)
	if !ok {
		return "", &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "not native HCL syntax"}
	}
	for _, block := range body.Blocks {
		if block.Type == "provider" && len(block.Labels) == 1 && block.Labels[0] == "alisec" {
			r := block.Range()
			return string(src[r.Start.Byte:r.End.Byte]), nil
		}
	}
	return "", &hcl.Diagnostic{Severity: hcl.DiagError, Summary: `no provider "alisec" block in ` + filename}
}

// The provider example pins no endpoint: a user who copies it and changes
// region must reach that region's endpoints, not the example's.
func TestExamples_providerPinsNoEndpoint(t *testing.T) {
	file := filepath.Join("..", "..", "examples", "provider", "provider.tf")
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	block, err := providerBlock(src, file)
	if err != nil {
		t.Fatal(err)
	}
	parsed, diags := hclsyntax.ParseConfig([]byte(block), file, hcl.InitialPos)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	body, ok := parsed.Body.(*hclsyntax.Body)
	if !ok || len(body.Blocks) != 1 {
		t.Fatalf("%s: want one provider block", file)
	}
	for _, nested := range body.Blocks[0].Body.Blocks {
		if nested.Type == "endpoints" {
			t.Errorf("%s: the provider example sets an endpoints block; comment it out, or region no longer picks the endpoints", file)
		}
	}
}

// The provider example is valid as written, and configuring the provider
// with it calls nothing.
func TestAccExamples_provider(t *testing.T) {
	file := filepath.Join("..", "..", "examples", "provider", "provider.tf")
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	block, err := providerBlock(src, file)
	if err != nil {
		t.Fatal(err)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: block + "\noutput \"configured\" {\n  value = true\n}\n",
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownOutputValue("configured", knownvalue.Bool(true)),
			},
		}},
	})
}

// examples/demo, which `make demo` plans, reads the seed events and shows
// them as typed outputs.
func TestAccExamples_demo(t *testing.T) {
	file := filepath.Join("..", "..", "examples", "demo", "main.tf")
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	config, _, err := exampleWithoutProvider(src, file)
	if err != nil {
		t.Fatal(err)
	}
	cloud := newTestCloud(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: cloud.providerConfig() + config,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownOutputValueAtPath("waf_threat_event", tfjsonpath.New("level"), knownvalue.StringExact("high")),
				statecheck.ExpectKnownOutputValueAtPath("waf_threat_event", tfjsonpath.New("blocked"), knownvalue.Int64Exact(20)),
				statecheck.ExpectKnownOutputValueAtPath("waf_threat_event", tfjsonpath.New("last_attack"), knownvalue.StringExact("2025-06-14T16:00:00Z")),
				statecheck.ExpectKnownOutputValueAtPath("dsc_event", tfjsonpath.New("first_handler"), knownvalue.StringExact("rds_security_ip")),
				statecheck.ExpectKnownOutputValueAtPath("dsc_event", tfjsonpath.New("occurred"), knownvalue.StringExact("2018-12-26T12:58:49Z")),
				statecheck.ExpectKnownOutputValueAtPath("dsc_event", tfjsonpath.New("chart_z"), knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("[5,7,...]")})),
			},
		}},
	})
}
