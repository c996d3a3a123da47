package provider

import (
	"context"
	"fmt"
	"math/big"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var _ function.Function = (*eventAgeFunction)(nil)

// NewEventAgeFunction is event_age(event_time, now).
func NewEventAgeFunction() function.Function { return &eventAgeFunction{} }

type eventAgeFunction struct{}

const rfc3339Example = `"2025-06-14T16:00:00Z"`

func (f *eventAgeFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "event_age"
}

func (f *eventAgeFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Summary: "Seconds from an event's time to a given time",
		MarkdownDescription: "Returns the number of seconds from `event_time` to `now`: positive when the event is in the past, " +
			"negative when `event_time` is after `now`. The result is a whole number when both times are whole seconds, " +
			"and fractional otherwise (`event_time` in milliseconds gives up to three decimals, an RFC 3339 time with a fraction " +
			"of a second up to nine). Both times are absolute instants, so offsets such as `+08:00` are honoured and there is " +
			"no daylight saving time arithmetic.\n\n" +
			"A number is Unix seconds below 100000000000 (10^11) and Unix milliseconds from it, as the list data sources read " +
			"their `start_time` and `end_time`: the data sources' `*_time` attributes (milliseconds) and the `end_ts` of a WAF " +
			"event's `jsondecode(event_condition_json)` (seconds) both give the right age. 10^11 milliseconds is March 1973, " +
			"10^11 seconds the year 5138, so no event time is ambiguous.\n\n" +
			"The function never reads the clock: pass `plantimestamp()` as `now`, which stays the same for a whole plan and apply " +
			"(`timestamp()` changes during apply). Divide by 3600 for hours.\n\n" +
			"A time in neither form is an argument error, and so are `0` and negative numbers (an API that sends `0` sent no time) " +
			"and numbers beyond the year 9999 in milliseconds (microseconds, nanoseconds). " + functionNullUnknownDocs +
			" Guard an optional time: `t == null ? null : provider::alisec::event_age(t, plantimestamp())`.\n\n" + functionVersionDocs,
		Parameters: []function.Parameter{
			function.DynamicParameter{
				Name: "event_time",
				MarkdownDescription: "When the event happened: Unix seconds or milliseconds as a number (`1749916800` or `1749916800000`: " +
					"below 10^11 seconds, from it milliseconds), as the data sources' `*_time` attributes (milliseconds) and WAF's " +
					"`end_ts` (seconds) hold them, or an RFC 3339 string, as the `*_time_rfc3339` attributes hold them " +
					"(`" + strings.Trim(rfc3339Example, `"`) + "`). A string holding a number, such as `\"1749916800000\"`, is read as that number, " +
					"because Terraform turns numbers into strings wherever a string is expected. Milliseconds must be whole; seconds " +
					"may have a fraction. A number must be after 1970: `0` and negative numbers are refused.",
			},
			function.StringParameter{
				Name:                "now",
				MarkdownDescription: "The time to measure up to, as an RFC 3339 string; normally `plantimestamp()`.",
			},
		},
		Return: function.NumberReturn{},
	}
}

func (f *eventAgeFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	var eventTime types.Dynamic
	var now types.String
	if err := req.Arguments.Get(ctx, &eventTime, &now); err != nil {
		resp.Error = err
		return
	}
	event, eventKnown, eventErr := eventTimeArgument(eventTime)
	end, nowKnown, nowErr := nowArgument(now)
	if eventErr != nil || nowErr != nil {
		resp.Error = function.ConcatFuncErrors(eventErr, nowErr)
		return
	}
	if !eventKnown || !nowKnown {
		resp.Error = resp.Result.Set(ctx, types.NumberUnknown())
		return
	}
	resp.Error = resp.Result.Set(ctx, types.NumberValue(secondsBetween(event, end)))
}

// eventTimeArgument is event_time as nanoseconds since the Unix epoch.
func eventTimeArgument(v types.Dynamic) (*big.Int, bool, *function.FuncError) {
	arg, known, null := readDynamic(v)
	if !known {
		return nil, false, nil
	}
	if null {
		return nil, false, function.NewArgumentFuncError(0, nullArgumentText("event_time",
			"An event without a time has no age: guard the call, for example: t == null ? null : provider::alisec::event_age(t, plantimestamp())."))
	}
	const expected = "expected Unix seconds (1749916800) or milliseconds (1749916800000) as a number, " +
		"or an RFC 3339 time as a string (" + rfc3339Example + ")"
	switch arg.kind {
	case dynamicString:
		if n, ok := numericString(arg.str); ok {
			return unixNumberToNanos(n, arg.describe(), expected)
		}
		t, err := time.Parse(time.RFC3339, arg.str)
		if err != nil {
			return nil, false, function.NewArgumentFuncError(0, fmt.Sprintf("Invalid event_time: %s, got %s. "+
				"Use an event's *_time attribute (milliseconds) or its *_time_rfc3339 attribute.", expected, arg.describe()))
		}
		return unixNanos(t), true, nil
	case dynamicNumber:
		return unixNumberToNanos(arg.num, arg.describe(), expected)
	default:
		return nil, false, function.NewArgumentFuncError(0, fmt.Sprintf("Invalid event_time type: %s, got %s.", expected, arg.describe()))
	}
}

// unixNumberToNanos turns a Unix time in seconds (below unixMillisFrom)
// or whole milliseconds (from it) into nanoseconds, as parseTimeArgument
// reads the list data sources' time arguments.
func unixNumberToNanos(n *big.Float, received, expected string) (*big.Int, bool, *function.FuncError) {
	switch {
	case n.Sign() <= 0:
		return nil, false, function.NewArgumentFuncError(0, fmt.Sprintf("Invalid event_time: %s, got %s, which is not after 1970-01-01T00:00:00Z. "+
			"An API that sends 0 sent no time: guard the call, for example: t == null || t <= 0 ? null : provider::alisec::event_age(t, plantimestamp()).",
			expected, received))
	case n.Cmp(new(big.Float).SetInt64(unixMillisFrom)) < 0:
		// Seconds: exact to the nanosecond, a fraction of one rounded.
		ns := new(big.Float).SetPrec(0).Mul(n, new(big.Float).SetInt64(int64(time.Second)))
		i, _ := ns.Int(nil)
		if rest := new(big.Float).Sub(ns, new(big.Float).SetInt(i)); rest.Cmp(big.NewFloat(0.5)) >= 0 {
			i.Add(i, big.NewInt(1))
		}
		return i, true, nil
	case n.Cmp(new(big.Float).SetInt64(maxUnixMillis)) > 0:
		return nil, false, function.NewArgumentFuncError(0, fmt.Sprintf("Invalid event_time: %s, got %s, which as milliseconds is after the year 9999. "+
			"Give seconds or milliseconds, not microseconds or nanoseconds.", expected, received))
	case !n.IsInt():
		return nil, false, function.NewArgumentFuncError(0, fmt.Sprintf("Invalid event_time: %s, got %s, which is not a whole number of milliseconds. "+
			"Round it with floor(), or pass an RFC 3339 string for a finer time.", expected, received))
	}
	i, _ := n.Int(nil)
	return i.Mul(i, big.NewInt(int64(time.Millisecond))), true, nil
}

// nowArgument is now as nanoseconds since the Unix epoch.
func nowArgument(v types.String) (*big.Int, bool, *function.FuncError) {
	if v.IsUnknown() {
		return nil, false, nil
	}
	if v.IsNull() {
		return nil, false, function.NewArgumentFuncError(1, nullArgumentText("now", "Pass plantimestamp()."))
	}
	t, err := time.Parse(time.RFC3339, v.ValueString())
	if err != nil {
		return nil, false, function.NewArgumentFuncError(1, fmt.Sprintf("Invalid now: expected an RFC 3339 time such as %s, got %q. "+
			"Pass plantimestamp(), which is the time of the plan in this form.", rfc3339Example, v.ValueString()))
	}
	return unixNanos(t), true, nil
}

// unixNanos is t as nanoseconds since the Unix epoch, without the overflow
// of time.Time.UnixNano outside the years 1678 to 2262.
func unixNanos(t time.Time) *big.Int {
	n := big.NewInt(t.Unix())
	n.Mul(n, big.NewInt(int64(time.Second)))
	return n.Add(n, big.NewInt(int64(t.Nanosecond())))
}

// secondsBetween is (end - start) nanoseconds in seconds, exact: it is
// parsed from its decimal form, so Terraform shows 90.5, not 90.4999...
func secondsBetween(start, end *big.Int) *big.Float {
	diff := new(big.Int).Sub(end, start)
	s := new(big.Rat).SetFrac(diff, big.NewInt(int64(time.Second))).FloatString(9)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	if s == "-0" || s == "" {
		s = "0"
	}
	f, _, err := big.ParseFloat(s, 10, 512, big.ToNearestEven)
	if err != nil { // cannot happen: FloatString writes a decimal
		return new(big.Float).SetRat(new(big.Rat).SetFrac(diff, big.NewInt(int64(time.Second))))
	}
	return f
}
