package provider

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
)

// functionExampleOutputs are the outputs each examples/functions/<name>/
// function.tf must produce against the fake cloud's seed events (the API
// pages' examples: WAF level "high", DSC activities without a warn_level,
// which count as severe).
var functionExampleOutputs = map[string]map[string]knownvalue.Check{
	"severity_rank": {
		"ranks": knownvalue.ObjectExact(map[string]knownvalue.Check{
			"waf_high": knownvalue.Int64Exact(3), "waf_critical": knownvalue.Int64Exact(4),
			"dsc_medium": knownvalue.Int64Exact(2), "dsc_high": knownvalue.Int64Exact(3), "unknown": knownvalue.Int64Exact(5),
		}),
		"scan_rank": knownvalue.Int64Exact(3),
	},
	"severity_at_least": {
		"examples": knownvalue.ObjectExact(map[string]knownvalue.Check{
			"critical_is_high_or_worse": knownvalue.Bool(true), "dsc_3_is_high_or_worse": knownvalue.Bool(true),
			"medium_is_not": knownvalue.Bool(false), "unknown_is_always": knownvalue.Bool(true),
		}),
		// The seed activities have no warn_level: each counts as severe.
		"severe_dsc_events": knownvalue.TupleExact([]knownvalue.Check{knownvalue.Int64Exact(52234)}),
		"severe_dsc_levels": knownvalue.TupleExact([]knownvalue.Check{knownvalue.StringExact("unknown")}),
	},
	"event_age": {
		"examples": knownvalue.ObjectExact(map[string]knownvalue.Check{
			"from_milliseconds": knownvalue.Int64Exact(5400), "from_seconds": knownvalue.Int64Exact(5400), "from_rfc3339": knownvalue.Int64Exact(5400),
			"fractional": knownNumber("0.25"),
		}),
	},
	"cidr_contains_any": {
		"examples": knownvalue.ObjectExact(map[string]knownvalue.Check{
			"ipv4": knownvalue.Bool(true), "ipv6": knownvalue.Bool(true),
			"any_of": knownvalue.Bool(true), "elsewhere": knownvalue.Bool(false),
		}),
	},
}

// TestAccExamples_functions applies every function example that
// tfplugindocs puts in docs/functions against a fake cloud and checks the
// values its comments promise.
func TestAccExamples_functions(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "..", "examples", "functions", "*", "function.tf"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != len(functionExampleOutputs) {
		t.Fatalf("%d examples/functions/*/function.tf, %d with expected outputs: keep them in step", len(files), len(functionExampleOutputs))
	}
	for _, file := range files {
		name := filepath.Base(filepath.Dir(file))
		t.Run(name, func(t *testing.T) {
			want, ok := functionExampleOutputs[name]
			if !ok {
				t.Fatalf("no expected outputs for %s", file)
			}
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			config, _, err := exampleWithoutProvider(src, file)
			if err != nil {
				t.Fatal(err)
			}
			checks := make([]statecheck.StateCheck, 0, len(want))
			for output, check := range want {
				checks = append(checks, statecheck.ExpectKnownOutputValue(output, check))
			}
			cloud := newTestCloud(t)
			testAccFunction(t, resource.TestStep{Config: cloud.providerConfig() + config, ConfigStateChecks: checks})
		})
	}
}
