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
			"The function never reads the clock: pass `plantimestamp()` as `now`, which stays the same for a whole plan and apply " +
			"(`timestamp()` changes during apply). Divide by 3600 for hours.\n\n" +
			"A time in neither form is an argument error. " + functionNullUnknownDocs +
			" Guard an optional time: `t == null ? null : provider::alisec::event_age(t, plantimestamp())`.\n\n" + functionVersionDocs,
		Parameters: []function.Parameter{
			function.DynamicParameter{
				Name: "event_time",
				MarkdownDescription: "When the event happened: Unix milliseconds as a number, as the data sources' `*_time` attributes " +
					"hold them (`1749916800000`), or an RFC 3339 string, as their `*_time_rfc3339` attributes hold them " +
					"(`" + strings.Trim(rfc3339Example, `"`) + "`). A string holding a number, such as `\"1749916800000\"`, is read as milliseconds, " +
					"because Terraform turns numbers into strings wherever a string is expected. Milliseconds must be whole; " +
					"seconds are not recognised, so multiply them by 1000.",
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
	const expected = "expected Unix milliseconds as a number (1749916800000) or an RFC 3339 time as a string (" + rfc3339Example + ")"
	switch arg.kind {
	case dynamicString:
		if ms, ok := numericString(arg.str); ok {
			return millisToNanos(ms, arg.describe(), expected)
		}
		t, err := time.Parse(time.RFC3339, arg.str)
		if err != nil {
			return nil, false, function.NewArgumentFuncError(0, fmt.Sprintf("Invalid event_time: %s, got %s. "+
				"Use an event's *_time attribute (milliseconds) or its *_time_rfc3339 attribute.", expected, arg.describe()))
		}
		return unixNanos(t), true, nil
	case dynamicNumber:
		return millisToNanos(arg.num, arg.describe(), expected)
	default:
		return nil, false, function.NewArgumentFuncError(0, fmt.Sprintf("Invalid event_time type: %s, got %s.", expected, arg.describe()))
	}
}

// millisToNanos turns whole Unix milliseconds into nanoseconds.
func millisToNanos(ms *big.Float, received, expected string) (*big.Int, bool, *function.FuncError) {
	if !ms.IsInt() {
		return nil, false, function.NewArgumentFuncError(0, fmt.Sprintf("Invalid event_time: %s, got %s, which is not a whole number of milliseconds. "+
			"Round it with floor(), or pass an RFC 3339 string for a finer time.", expected, received))
	}
	i, _ := ms.Int(nil)
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
