package provider

import (
	"context"
	"fmt"
	"math/big"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var (
	_ function.Function = (*severityRankFunction)(nil)
	_ function.Function = (*severityAtLeastFunction)(nil)
)

// severityNames are WAF's event_level values in rank order: "low" ranks 1,
// "critical" 4. DSC's warn_level numbers 1, 2 and 3 are the first three.
var severityNames = []string{"low", "medium", "high", "critical"}

// maxWarnLevel is DSC's highest warn_level (3, high).
const maxWarnLevel = 3

// unknownLevel is the level of an event whose level is not known: the
// "unknown" key of counts_by_level, and what coalesce(level, "unknown")
// gives for an event the API sent without one. It ranks above critical, so
// that neither severity_at_least nor a comparison of ranks lets it pass.
const (
	unknownLevel           = levelUnknown
	unknownLevelRank int64 = 5 // one above critical, the last of severityNames
)

// levelDocs describes what a level parameter accepts, for the definitions.
const levelDocs = "A WAF `event_level` string, `\"low\"`, `\"medium\"`, `\"high\"` or `\"critical\"` (any case), " +
	"a DSC `warn_level` number, `1` (low), `2` (medium) or `3` (high), or `\"unknown\"`, the `counts_by_level` key of events " +
	"without a known level, which ranks above critical. " +
	"A string holding a number, such as `\"2\"`, is read as that number, because Terraform turns numbers into strings " +
	"wherever a string is expected (for example in a `map(string)` variable)."

// expectedLevels is the part of every level error that lists what is accepted.
const expectedLevels = `expected a WAF event_level ("low", "medium", "high" or "critical", any case), ` +
	`a DSC warn_level number (1 low, 2 medium, 3 high) or "unknown"`

// unknownLevelDocs says what "unknown" does, for the definitions.
const unknownLevelDocs = "`\"unknown\"` (any case), the `counts_by_level` key of events without a known level, ranks `5`, above " +
	"critical: a level nobody knows may be the worst, so it never passes a rule quietly. The API may leave an event's level out " +
	"(null, which is an argument error): pass `coalesce(level, \"unknown\")` so that such an event counts as severe."

// severityRank is the rank of a level on the shared scale (1 low to 4
// critical, 5 unknown), or the text of an argument error.
func severityRank(arg dynamicArgument) (int64, string) {
	switch arg.kind {
	case dynamicString:
		if n, ok := numericString(arg.str); ok {
			return warnLevelRank(n, arg.describe())
		}
		for i, name := range severityNames {
			if strings.EqualFold(arg.str, name) {
				return int64(i + 1), ""
			}
		}
		if strings.EqualFold(arg.str, unknownLevel) {
			return unknownLevelRank, ""
		}
		return 0, fmt.Sprintf("Unknown severity level: %s, got %s. Use one of those values; "+
			"WAF data sources return event_level in this form.", expectedLevels, arg.describe())
	case dynamicNumber:
		return warnLevelRank(arg.num, arg.describe())
	default:
		return 0, fmt.Sprintf("Invalid severity level type: %s, got %s. Pass the event_level string or the warn_level number itself.",
			expectedLevels, arg.describe())
	}
}

// warnLevelRank is the rank of a DSC warn_level number, which is the number.
func warnLevelRank(n *big.Float, received string) (int64, string) {
	if n.IsInt() {
		if i, acc := n.Int64(); acc == big.Exact && i >= 1 && i <= maxWarnLevel {
			return i, ""
		}
	}
	hint := "DSC warn_level is 1, 2 or 3."
	if n.IsInt() && n.Cmp(big.NewFloat(4)) == 0 {
		hint = `There is no warn_level 4: for WAF's highest level use the string "critical".`
	}
	return 0, fmt.Sprintf("Unknown severity level: %s, got %s. %s", expectedLevels, received, hint)
}

// levelParameter is the definition of a level parameter named name.
func levelParameter(name, what string) function.DynamicParameter {
	return function.DynamicParameter{
		Name:                name,
		MarkdownDescription: what + " " + levelDocs,
	}
}

// levelArgument reads the level argument at position i: its rank, or known
// false, or an argument error.
func levelArgument(ctx context.Context, req function.RunRequest, i int) (int64, bool, *function.FuncError) {
	var v types.Dynamic
	if err := req.Arguments.GetArgument(ctx, i, &v); err != nil {
		return 0, false, err
	}
	arg, known, null := readDynamic(v)
	if !known {
		return 0, false, nil
	}
	if null {
		return 0, false, function.NewArgumentFuncError(int64(i), nullArgumentText("The severity level",
			expectedLevels+`. When the API may leave the level out, count an event without one as severe: `+
				`provider::alisec::severity_at_least(coalesce(level, "unknown"), "high").`))
	}
	rank, msg := severityRank(arg)
	if msg != "" {
		return 0, false, function.NewArgumentFuncError(int64(i), msg)
	}
	return rank, true, nil
}

// NewSeverityRankFunction is severity_rank(level).
func NewSeverityRankFunction() function.Function { return &severityRankFunction{} }

type severityRankFunction struct{}

func (f *severityRankFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "severity_rank"
}

func (f *severityRankFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Summary: "Rank a WAF or DSC severity level on one scale",
		MarkdownDescription: "Returns the rank of a severity level on one scale shared by WAF and Data Security Center: " +
			"`1` low, `2` medium, `3` high, `4` critical. WAF's `event_level` strings and DSC's `warn_level` numbers " +
			"(which stop at 3, high) both map onto it, so `severity_rank(\"High\")` and `severity_rank(3)` are both `3`.\n\n" +
			unknownLevelDocs + " So `severity_rank(coalesce(level, \"unknown\")) >= 3` alerts on an event without a level.\n\n" +
			"Any other value is an argument error that lists the accepted values. " + functionNullUnknownDocs + "\n\n" + functionVersionDocs,
		Parameters: []function.Parameter{levelParameter("level", "The severity level to rank.")},
		Return:     function.NumberReturn{},
	}
}

func (f *severityRankFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	rank, known, err := levelArgument(ctx, req, 0)
	if err != nil {
		resp.Error = err
		return
	}
	if !known {
		resp.Error = resp.Result.Set(ctx, types.NumberUnknown())
		return
	}
	resp.Error = resp.Result.Set(ctx, types.NumberValue(new(big.Float).SetInt64(rank)))
}

// NewSeverityAtLeastFunction is severity_at_least(level, threshold).
func NewSeverityAtLeastFunction() function.Function { return &severityAtLeastFunction{} }

type severityAtLeastFunction struct{}

func (f *severityAtLeastFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "severity_at_least"
}

func (f *severityAtLeastFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Summary: "Whether a WAF or DSC severity level is at least a threshold",
		MarkdownDescription: "Returns `true` when `level` ranks at least as high as `threshold` on the scale of `severity_rank` " +
			"(`1` low, `2` medium, `3` high, `4` critical), so one rule can read \"high or worse\" for WAF events " +
			"and DSC events alike: `severity_at_least(\"critical\", \"high\")` and `severity_at_least(3, \"high\")` are `true`, " +
			"`severity_at_least(\"medium\", 3)` is `false`.\n\n" +
			"`level` `\"unknown\"` is `true` for every threshold: " + unknownLevelDocs + " It composes with `counts_by_level`: " +
			"`[for k, n in counts_by_level : k if n > 0 && provider::alisec::severity_at_least(k, \"high\")]` lists `unknown` " +
			"when any event had no known level. `threshold` must be a known level: `\"unknown\"` there is an argument error.\n\n" +
			"Either argument outside the accepted values is an argument error that lists them. " + functionNullUnknownDocs + "\n\n" + functionVersionDocs,
		Parameters: []function.Parameter{
			levelParameter("level", "The severity level to test, such as an event's `event_level`."),
			levelParameter("threshold", "The lowest severity level that makes the result `true`."),
		},
		Return: function.BoolReturn{},
	}
}

func (f *severityAtLeastFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	level, levelKnown, levelErr := levelArgument(ctx, req, 0)
	threshold, thresholdKnown, thresholdErr := levelArgument(ctx, req, 1)
	if thresholdErr == nil && thresholdKnown && threshold == unknownLevelRank {
		thresholdErr = function.NewArgumentFuncError(1, `Invalid threshold: expected a known level ("low", "medium", "high" or "critical", `+
			`or a DSC warn_level number 1 to 3), got "unknown". A threshold of "unknown" would pass every known level; `+
			`"unknown" belongs in level, where it is at least every threshold.`)
	}
	if levelErr != nil || thresholdErr != nil {
		resp.Error = function.ConcatFuncErrors(levelErr, thresholdErr)
		return
	}
	if !levelKnown || !thresholdKnown {
		resp.Error = resp.Result.Set(ctx, types.BoolUnknown())
		return
	}
	resp.Error = resp.Result.Set(ctx, types.BoolValue(level >= threshold))
}
