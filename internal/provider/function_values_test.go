package provider

import (
	"context"
	"fmt"
	"math/big"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"
)

// functionCase is one call of a provider function in a unit test: want is
// the result, or wantErr matches the error text and wantArg is the argument
// it names.
type functionCase struct {
	name    string
	args    []attr.Value
	want    attr.Value
	wantErr string
	wantArg int64
}

// runFunction calls f's Run as Terraform would, with args as arguments.
func runFunction(t *testing.T, f function.Function, args ...attr.Value) (attr.Value, *function.FuncError) {
	t.Helper()
	ctx := context.Background()
	var def function.DefinitionResponse
	f.Definition(ctx, function.DefinitionRequest{}, &def)
	if def.Diagnostics.HasError() {
		t.Fatalf("definition: %v", def.Diagnostics)
	}
	if len(args) != len(def.Definition.Parameters) {
		t.Fatalf("%d arguments for %d parameters", len(args), len(def.Definition.Parameters))
	}
	result, err := def.Definition.Return.NewResultData(ctx)
	if err != nil {
		t.Fatal(err)
	}
	resp := function.RunResponse{Result: result}
	f.Run(ctx, function.RunRequest{Arguments: function.NewArgumentsData(args)}, &resp)
	return resp.Result.Value(), resp.Error
}

// runFunctionCases runs each case and compares result or error.
func runFunctionCases(t *testing.T, f function.Function, tests []functionCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := runFunction(t, f, tt.args...)
			if tt.wantErr != "" {
				if err == nil {
					t.Fatalf("got %s, want an error matching %q", got, tt.wantErr)
				}
				if !regexp.MustCompile(tt.wantErr).MatchString(err.Text) {
					t.Errorf("error %q does not match %q", err.Text, tt.wantErr)
				}
				if err.FunctionArgument == nil || *err.FunctionArgument != tt.wantArg {
					t.Errorf("error names argument %v, want %d", err.FunctionArgument, tt.wantArg)
				}
				return
			}
			if err != nil {
				t.Fatalf("unexpected error: %s", err.Text)
			}
			if !got.Equal(tt.want) {
				t.Errorf("got %s, want %s", got, tt.want)
			}
		})
	}
}

// num is a number as Terraform would pass it (512-bit precision).
func num(s string) types.Number {
	f, _, err := big.ParseFloat(s, 10, 512, big.ToNearestEven)
	if err != nil {
		panic(err)
	}
	return types.NumberValue(f)
}

func dyn(v attr.Value) types.Dynamic { return types.DynamicValue(v) }

func dynString(s string) types.Dynamic { return dyn(types.StringValue(s)) }

func dynNumber(s string) types.Dynamic { return dyn(num(s)) }

// The provider offers exactly the four functions under their documented
// names, and the framework accepts their definitions.
func TestProviderFunctions(t *testing.T) {
	server := providerserver.NewProtocol6(New("test")())()
	resp, err := server.GetFunctions(context.Background(), &tfprotov6.GetFunctionsRequest{})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range resp.Diagnostics {
		t.Errorf("diagnostic: %s: %s", d.Summary, d.Detail)
	}
	var names []string
	for name, f := range resp.Functions {
		names = append(names, name)
		if f.Summary == "" || f.Description == "" {
			t.Errorf("%s: no summary or description", name)
		}
		for _, p := range f.Parameters {
			if p.Description == "" {
				t.Errorf("%s: parameter %s has no description", name, p.Name)
			}
			if p.AllowNullValue || p.AllowUnknownValues {
				t.Errorf("%s: parameter %s leaves the framework's null/unknown defaults", name, p.Name)
			}
		}
	}
	slices.Sort(names)
	want := []string{"cidr_contains_any", "event_age", "severity_at_least", "severity_rank"}
	if !slices.Equal(names, want) {
		t.Errorf("functions %v, want %v", names, want)
	}
}

func TestNumericString(t *testing.T) {
	tests := []struct {
		in   string
		want string // "" means not a number
	}{
		{"2", "2"},
		{"02", "2"},
		{"2.5", "2.5"},
		{"-1", "-1"},
		{"1749916800000", "1749916800000"},
		{"1e3", "1000"},
		{"", ""},
		{" 2", ""},
		{"2 ", ""},
		{"high", ""},
		{"Inf", ""},
		{"0x10", ""},
		{"2025-06-14T16:00:00Z", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			f, ok := numericString(tt.in)
			switch {
			case tt.want == "" && ok:
				t.Errorf("read as the number %s, want not a number", formatNumber(f))
			case tt.want != "" && !ok:
				t.Errorf("not read as a number, want %s", tt.want)
			case ok && formatNumber(f) != tt.want:
				t.Errorf("got %s, want %s", formatNumber(f), tt.want)
			}
		})
	}
}

// testAccFunction runs steps through the CLI of TF_ACC_TERRAFORM_PATH.
// Provider-defined functions need Terraform 1.8 (OpenTofu 1.7), so the test
// skips on the 1.5.7 of `make test`'s first pass and runs on the current
// Terraform and on OpenTofu. Functions need no provider configuration.
func testAccFunction(t *testing.T, steps ...resource.TestStep) {
	t.Helper()
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		TerraformVersionChecks: []tfversion.TerraformVersionCheck{
			tfversion.SkipBelow(tfversion.Version1_8_0), // provider-defined functions
		},
		Steps: steps,
	})
}

// functionOutput is one output of an acceptance configuration: its HCL
// expression and the value Terraform must give it.
type functionOutput struct {
	name string
	expr string
	want knownvalue.Check
}

// testAccFunctionConfigOutputs is a configuration of one output per item.
func testAccFunctionConfigOutputs(outputs []functionOutput) string {
	var b strings.Builder
	for _, o := range outputs {
		fmt.Fprintf(&b, "output %q {\n  value = %s\n}\n\n", o.name, o.expr)
	}
	return b.String()
}

// testAccFunctionStepOutputs applies the outputs and checks each value.
func testAccFunctionStepOutputs(outputs []functionOutput) resource.TestStep {
	checks := make([]statecheck.StateCheck, 0, len(outputs))
	for _, o := range outputs {
		checks = append(checks, statecheck.ExpectKnownOutputValue(o.name, o.want))
	}
	return resource.TestStep{Config: testAccFunctionConfigOutputs(outputs), ConfigStateChecks: checks}
}

// testAccFunctionStepError plans one output whose expression must fail.
func testAccFunctionStepError(expr, words string) resource.TestStep {
	return resource.TestStep{
		Config:      testAccFunctionConfigOutputs([]functionOutput{{name: "result", expr: expr}}),
		ExpectError: errorPattern(words),
	}
}

// testAccFunctionStepUnknown plans expr with terraform_data.input's output,
// unknown until apply, as input: the result must be unknown in the plan and
// want after apply.
func testAccFunctionStepUnknown(input, expr string, want knownvalue.Check) resource.TestStep {
	return resource.TestStep{
		Config: fmt.Sprintf("resource \"terraform_data\" \"input\" {\n  input = %s\n}\n\n", input) +
			testAccFunctionConfigOutputs([]functionOutput{{name: "result", expr: expr}}),
		ConfigPlanChecks: resource.ConfigPlanChecks{
			PreApply: []plancheck.PlanCheck{plancheck.ExpectUnknownOutputValue("result")},
		},
		ConfigStateChecks: []statecheck.StateCheck{statecheck.ExpectKnownOutputValue("result", want)},
	}
}
