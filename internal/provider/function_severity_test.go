package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
)

func TestSeverityRankFunction(t *testing.T) {
	const accepted = `expected a WAF event_level \("low", "medium", "high" or "critical", any case\), a DSC warn_level number \(1 low, 2 medium, 3 high\) or "unknown"`
	rank := func(level attr.Value, want string) functionCase {
		return functionCase{name: level.String(), args: []attr.Value{level}, want: num(want)}
	}
	bad := func(name string, level attr.Value, wantErr string) functionCase {
		return functionCase{name: name, args: []attr.Value{level}, wantErr: wantErr}
	}
	runFunctionCases(t, NewSeverityRankFunction(), []functionCase{
		rank(dynString("low"), "1"),
		rank(dynString("medium"), "2"),
		rank(dynString("high"), "3"),
		rank(dynString("critical"), "4"),
		rank(dynString("CRITICAL"), "4"),
		rank(dynString("High"), "3"),
		rank(dynNumber("1"), "1"),
		rank(dynNumber("2"), "2"),
		rank(dynNumber("3"), "3"),
		rank(dyn(types.Int64Value(3)), "3"),
		rank(dynNumber("3.0"), "3"),
		// Terraform's tostring(2), or a number in a map(string), is "2".
		rank(dynString("2"), "2"),
		rank(dynString("03"), "3"),
		// counts_by_level's "unknown" ranks above critical: never quiet.
		rank(dynString("unknown"), "5"),
		rank(dynString("Unknown"), "5"),
		{name: "unknown", args: []attr.Value{types.DynamicUnknown()}, want: types.NumberUnknown()},
		{name: "unknown string", args: []attr.Value{dyn(types.StringUnknown())}, want: types.NumberUnknown()},
		bad("unknown name", dynString("severe"), accepted+`, got the string "severe"\. Use one of those values`),
		bad("empty string", dynString(""), `got the string ""`),
		bad("spaces are not trimmed", dynString(" high"), `got the string " high"`),
		bad("warn_level 0", dynNumber("0"), accepted+`, got the number 0\. DSC warn_level is 1, 2 or 3\.`),
		bad("warn_level 4 is not critical", dynNumber("4"), `got the number 4\. There is no warn_level 4: for WAF's highest level use the string "critical"\.`),
		bad("string 4", dynString("4"), `got the string "4"\. There is no warn_level 4`),
		bad("negative", dynNumber("-1"), `got the number -1\.`),
		bad("fraction", dynNumber("2.5"), `got the number 2\.5\.`),
		bad("fraction in a string", dynString("2.5"), `got the string "2\.5"\.`),
		bad("huge", dynNumber("18446744073709551617"), `got the number 18446744073709551617\.`),
		bad("bool", dyn(types.BoolValue(true)), `Invalid severity level type: `+accepted+`, got a value of type bool\.`),
		bad("tuple", dyn(types.TupleValueMust([]attr.Type{types.StringType}, []attr.Value{types.StringValue("high")})), `got a value of type tuple\.`),
		bad("object", dyn(types.ObjectValueMust(map[string]attr.Type{"level": types.StringType}, map[string]attr.Value{"level": types.StringValue("high")})), `got a value of type object\.`),
		// Terraform rejects null arguments before calling the function;
		// should one get through, it is still an error, not a panic.
		bad("null", types.DynamicNull(), `The severity level must not be null\. `+accepted+`\. When the API may leave the level out, count an event without one as severe: `+
			`provider::alisec::severity_at_least\(coalesce\(level, "unknown"\), "high"\)\.`),
		bad("number 5 is not unknown", dynNumber("5"), `got the number 5\. DSC warn_level is 1, 2 or 3\.`),
		bad("null string", dyn(types.StringNull()), `must not be null`),
	})
}

func TestSeverityAtLeastFunction(t *testing.T) {
	at := func(level, threshold attr.Value, want bool) functionCase {
		return functionCase{name: level.String() + " >= " + threshold.String(), args: []attr.Value{level, threshold}, want: types.BoolValue(want)}
	}
	runFunctionCases(t, NewSeverityAtLeastFunction(), []functionCase{
		at(dynString("critical"), dynString("high"), true),
		at(dynString("high"), dynString("high"), true),
		at(dynString("medium"), dynString("high"), false),
		at(dynString("low"), dynString("critical"), false),
		at(dynString("Critical"), dynString("CRITICAL"), true),
		// DSC numbers and WAF strings share the scale.
		at(dynNumber("3"), dynString("high"), true),
		at(dynNumber("3"), dynString("critical"), false),
		at(dynString("medium"), dynNumber("3"), false),
		at(dynString("critical"), dynNumber("3"), true),
		at(dynNumber("2"), dynNumber("2"), true),
		at(dynNumber("1"), dynNumber("2"), false),
		at(dynString("2"), dynNumber("2"), true),
		// An unknown level is at least every threshold.
		at(dynString("unknown"), dynString("low"), true),
		at(dynString("unknown"), dynString("critical"), true),
		at(dynString("UNKNOWN"), dynNumber("3"), true),
		{name: "unknown threshold is refused", args: []attr.Value{dynString("critical"), dynString("unknown")},
			wantErr: `Invalid threshold: expected a known level \("low", "medium", "high" or "critical", or a DSC warn_level number 1 to 3\), got "unknown"\. ` +
				`A threshold of "unknown" would pass every known level`, wantArg: 1},
		{name: "unknown threshold, unknown level", args: []attr.Value{types.DynamicUnknown(), dynString("unknown")}, wantErr: `got "unknown"`, wantArg: 1},
		{name: "unknown level", args: []attr.Value{types.DynamicUnknown(), dynString("high")}, want: types.BoolUnknown()},
		{name: "unknown threshold", args: []attr.Value{dynString("high"), dyn(types.NumberUnknown())}, want: types.BoolUnknown()},
		{name: "bad level", args: []attr.Value{dynString("urgent"), dynString("high")}, wantErr: `got the string "urgent"`, wantArg: 0},
		{name: "bad threshold", args: []attr.Value{dynString("high"), dynNumber("5")}, wantErr: `got the number 5\.`, wantArg: 1},
		{name: "bad threshold, unknown level", args: []attr.Value{types.DynamicUnknown(), dynString("hgih")}, wantErr: `got the string "hgih"`, wantArg: 1},
		{name: "both bad: both reported, the first named", args: []attr.Value{dynString("urgent"), dynNumber("0")},
			wantErr: `(?s)got the string "urgent".*\n.*got the number 0\.`, wantArg: 0},
		{name: "null threshold", args: []attr.Value{dynString("high"), types.DynamicNull()}, wantErr: `must not be null`, wantArg: 1},
	})
}

func TestAccFunctionSeverityRank_basic(t *testing.T) {
	testAccFunction(t, testAccFunctionStepOutputs([]functionOutput{
		{"low", `provider::alisec::severity_rank("low")`, knownvalue.Int64Exact(1)},
		{"medium", `provider::alisec::severity_rank("Medium")`, knownvalue.Int64Exact(2)},
		{"high", `provider::alisec::severity_rank("HIGH")`, knownvalue.Int64Exact(3)},
		{"critical", `provider::alisec::severity_rank("critical")`, knownvalue.Int64Exact(4)},
		{"warn_level_1", `provider::alisec::severity_rank(1)`, knownvalue.Int64Exact(1)},
		{"warn_level_3", `provider::alisec::severity_rank(3)`, knownvalue.Int64Exact(3)},
		{"tostring", `provider::alisec::severity_rank(tostring(2))`, knownvalue.Int64Exact(2)},
		{"map_of_strings", `provider::alisec::severity_rank(tomap({ level = 3, name = "x" }).level)`, knownvalue.Int64Exact(3)},
		{"sorted", `[for l in ["critical", "low", 2] : provider::alisec::severity_rank(l)]`,
			knownvalue.TupleExact([]knownvalue.Check{knownvalue.Int64Exact(4), knownvalue.Int64Exact(1), knownvalue.Int64Exact(2)})},
		{"unknown", `provider::alisec::severity_rank("unknown")`, knownvalue.Int64Exact(5)},
		{"no_level", `provider::alisec::severity_rank(coalesce(null, "unknown")) >= 3`, knownvalue.Bool(true)},
		{"guarded_null", `null == null ? -1 : provider::alisec::severity_rank(null)`, knownvalue.Int64Exact(-1)},
	}))
}

func TestAccFunctionSeverityRank_errors(t *testing.T) {
	testAccFunction(t,
		testAccFunctionStepError(`provider::alisec::severity_rank("severe")`,
			`Invalid function argument .* Invalid value for "level" parameter: Unknown severity level: expected a WAF event_level ("low", "medium", "high" or "critical", any case), a DSC warn_level number (1 low, 2 medium, 3 high) or "unknown", got the string "severe".`),
		testAccFunctionStepError(`provider::alisec::severity_rank(4)`, `got the number 4. There is no warn_level 4: for WAF's highest level use the string "critical".`),
		testAccFunctionStepError(`provider::alisec::severity_rank(true)`, `Invalid severity level type: .* got a value of type bool.`),
		testAccFunctionStepError(`provider::alisec::severity_rank(["high"])`, `got a value of type tuple.`),
		// Null is rejected by the CLI itself, before the provider is called.
		testAccFunctionStepError(`provider::alisec::severity_rank(null)`, `Invalid function argument .* "level" .* must not be null`),
	)
}

func TestAccFunctionSeverityRank_unknown(t *testing.T) {
	testAccFunction(t, testAccFunctionStepUnknown(`"critical"`, `provider::alisec::severity_rank(terraform_data.input.output)`, knownvalue.Int64Exact(4)))
}

func TestAccFunctionSeverityAtLeast_basic(t *testing.T) {
	testAccFunction(t, testAccFunctionStepOutputs([]functionOutput{
		{"critical_high", `provider::alisec::severity_at_least("critical", "high")`, knownvalue.Bool(true)},
		{"high_high", `provider::alisec::severity_at_least("high", "high")`, knownvalue.Bool(true)},
		{"medium_high", `provider::alisec::severity_at_least("medium", "high")`, knownvalue.Bool(false)},
		{"dsc_3_high", `provider::alisec::severity_at_least(3, "high")`, knownvalue.Bool(true)},
		{"dsc_3_critical", `provider::alisec::severity_at_least(3, "critical")`, knownvalue.Bool(false)},
		{"waf_medium_dsc_2", `provider::alisec::severity_at_least("MEDIUM", 2)`, knownvalue.Bool(true)},
		{"filter", `[for l in ["low", "critical", 3, "medium"] : l if provider::alisec::severity_at_least(l, "high")]`,
			knownvalue.TupleExact([]knownvalue.Check{knownvalue.StringExact("critical"), knownvalue.Int64Exact(3)})},
		{"unknown_low", `provider::alisec::severity_at_least("unknown", "low")`, knownvalue.Bool(true)},
		{"unknown_critical", `provider::alisec::severity_at_least("unknown", "critical")`, knownvalue.Bool(true)},
		{"no_level", `provider::alisec::severity_at_least(coalesce(null, "unknown"), "critical")`, knownvalue.Bool(true)},
		{"dsc_no_level", `provider::alisec::severity_at_least(coalesce(null, 2, "unknown"), "high")`, knownvalue.Bool(false)},
		// Every key of counts_by_level, WAF's and DSC's, is a level.
		{"waf_counts_by_level", `[for k, n in { low = 3, medium = 0, high = 0, critical = 0, unknown = 1 } : k if n > 0 && provider::alisec::severity_at_least(k, "high")]`,
			knownvalue.TupleExact([]knownvalue.Check{knownvalue.StringExact("unknown")})},
		{"dsc_counts_by_level", `{ for k, n in { low = 1, medium = 1, high = 2, unknown = 0 } : k => provider::alisec::severity_at_least(k, "medium") }`,
			knownvalue.ObjectExact(map[string]knownvalue.Check{"low": knownvalue.Bool(false), "medium": knownvalue.Bool(true), "high": knownvalue.Bool(true), "unknown": knownvalue.Bool(true)})},
	}))
}

func TestAccFunctionSeverityAtLeast_errors(t *testing.T) {
	testAccFunction(t,
		testAccFunctionStepError(`provider::alisec::severity_at_least("high", "urgent")`,
			`Invalid function argument .* Invalid value for "threshold" parameter: Unknown severity level: .* got the string "urgent".`),
		testAccFunctionStepError(`provider::alisec::severity_at_least(0, "high")`, `Invalid value for "level" parameter: .* got the number 0. DSC warn_level is 1, 2 or 3.`),
		testAccFunctionStepError(`provider::alisec::severity_at_least("high", null)`, `Invalid function argument .* "threshold" .* must not be null`),
		testAccFunctionStepError(`provider::alisec::severity_at_least("critical", "unknown")`,
			`Invalid value for "threshold" parameter: Invalid threshold: expected a known level .* got "unknown". A threshold of "unknown" would pass every known level`),
	)
}

func TestAccFunctionSeverityAtLeast_unknown(t *testing.T) {
	testAccFunction(t, testAccFunctionStepUnknown(`3`, `provider::alisec::severity_at_least("high", terraform_data.input.output)`, knownvalue.Bool(true)))
}
