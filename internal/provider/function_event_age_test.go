package provider

import (
	"math/big"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
)

func TestEventAgeFunction(t *testing.T) {
	// 1749916800000 ms is 2025-06-14T16:00:00Z.
	const hourLater = "2025-06-14T17:00:00Z"
	age := func(name string, eventTime attr.Value, now string, want string) functionCase {
		return functionCase{name: name, args: []attr.Value{eventTime, types.StringValue(now)}, want: num(want)}
	}
	bad := func(name string, eventTime attr.Value, now attr.Value, wantErr string, wantArg int64) functionCase {
		return functionCase{name: name, args: []attr.Value{eventTime, now}, wantErr: wantErr, wantArg: wantArg}
	}
	runFunctionCases(t, NewEventAgeFunction(), []functionCase{
		age("milliseconds", dynNumber("1749916800000"), hourLater, "3600"),
		age("milliseconds as int64", dyn(types.Int64Value(1749916800000)), hourLater, "3600"),
		age("milliseconds in a string", dynString("1749916800000"), hourLater, "3600"),
		age("milliseconds keep their fraction of a second", dynNumber("1749916800500"), hourLater, "3599.5"),
		age("one millisecond", dynNumber("1749920399999"), hourLater, "0.001"),
		age("RFC 3339", dynString("2025-06-14T16:00:00Z"), hourLater, "3600"),
		age("RFC 3339 with a fraction", dynString("2025-06-14T16:59:59.999999999Z"), hourLater, "0.000000001"),
		age("same instant", dynString(hourLater), hourLater, "0"),
		age("event after now is negative", dynString("2025-06-14T18:00:00Z"), hourLater, "-3600"),
		age("event a fraction after now", dynNumber("1749920400250"), hourLater, "-0.25"),
		// Offsets are instants, not wall clocks: 00:00 in UTC+8 is 16:00Z.
		age("event with an offset", dynString("2025-06-15T00:00:00+08:00"), hourLater, "3600"),
		age("now with an offset", dynNumber("1749916800000"), "2025-06-14T12:00:00-05:00", "3600"),
		// US clocks jumped from 02:00 EST to 03:00 EDT on 2025-03-09: two
		// hours on the wall clock, one in fact.
		age("across a daylight saving change", dynString("2025-03-09T01:30:00-05:00"), "2025-03-09T03:30:00-04:00", "3600"),
		age("across a leap day", dynString("2024-02-28T12:00:00Z"), "2024-03-01T12:00:00Z", "172800"),
		age("RFC 3339 before 1970", dynString("1969-12-31T23:59:59Z"), "1970-01-01T00:00:00Z", "1"),
		age("far future", dynNumber("1"), "9999-12-31T23:59:59Z", "253402300798"),
		// Below 10^11 a number is seconds, as the list data sources read
		// their time arguments: WAF's end_ts, jsondecode'd, is seconds.
		age("seconds", dynNumber("1749916800"), hourLater, "3600"),
		age("seconds in a string", dynString("1749916800"), hourLater, "3600"),
		age("seconds as int64", dyn(types.Int64Value(1749916800)), hourLater, "3600"),
		age("seconds with a fraction", dynNumber("1749916800.5"), hourLater, "3599.5"),
		age("seconds with a fraction of a millisecond", dynNumber("1749920399.9999"), hourLater, "0.0001"),
		age("one second", dynNumber("1"), "1970-01-01T00:00:01Z", "0"),
		age("the last second", dynNumber("99999999999"), "5138-11-16T09:46:40Z", "1"),
		age("the first millisecond", dynNumber("100000000000"), "1973-03-03T09:46:41Z", "1"),
		age("the last millisecond", dynNumber("253402300799999"), "9999-12-31T23:59:59.999Z", "0"),
		{name: "unknown event_time", args: []attr.Value{types.DynamicUnknown(), types.StringValue(hourLater)}, want: types.NumberUnknown()},
		{name: "unknown number", args: []attr.Value{dyn(types.NumberUnknown()), types.StringValue(hourLater)}, want: types.NumberUnknown()},
		{name: "unknown now", args: []attr.Value{dynNumber("1749916800000"), types.StringUnknown()}, want: types.NumberUnknown()},
		bad("not a time", dynString("yesterday"), types.StringValue(hourLater),
			`Invalid event_time: expected Unix seconds \(1749916800\) or milliseconds \(1749916800000\) as a number, or an RFC 3339 time as a string \("2025-06-14T16:00:00Z"\), got the string "yesterday"\. Use an event's \*_time attribute`, 0),
		bad("date only", dynString("2025-06-14"), types.StringValue(hourLater), `got the string "2025-06-14"`, 0),
		bad("no zone", dynString("2025-06-14T16:00:00"), types.StringValue(hourLater), `got the string "2025-06-14T16:00:00"`, 0),
		bad("fraction of a millisecond", dynNumber("1749916800000.5"), types.StringValue(hourLater),
			`got the number 1749916800000\.5, which is not a whole number of milliseconds\. Round it with floor\(\)`, 0),
		bad("zero", dynNumber("0"), types.StringValue(hourLater),
			`Invalid event_time: expected Unix seconds \(1749916800\) or milliseconds \(1749916800000\) as a number, or an RFC 3339 time as a string \("2025-06-14T16:00:00Z"\), `+
				`got the number 0, which is not after 1970-01-01T00:00:00Z\. An API that sends 0 sent no time: guard the call`, 0),
		bad("zero in a string", dynString("0"), types.StringValue(hourLater), `got the string "0", which is not after 1970-01-01T00:00:00Z\.`, 0),
		bad("negative", dynNumber("-1000"), types.StringValue(hourLater), `got the number -1000, which is not after 1970`, 0),
		bad("negative fraction", dynNumber("-0.5"), types.StringValue(hourLater), `got the number -0\.5, which is not after 1970`, 0),
		bad("microseconds", dynNumber("1749916800000000"), types.StringValue(hourLater),
			`got the number 1749916800000000, which as milliseconds is after the year 9999\. Give seconds or milliseconds, not microseconds or nanoseconds\.`, 0),
		bad("bool", dyn(types.BoolValue(true)), types.StringValue(hourLater), `Invalid event_time type: .* got a value of type bool\.`, 0),
		bad("bad now", dynNumber("1749916800000"), types.StringValue("now"),
			`Invalid now: expected an RFC 3339 time such as "2025-06-14T16:00:00Z", got "now"\. Pass plantimestamp\(\)`, 1),
		bad("now in milliseconds", dynNumber("1749916800000"), types.StringValue("1749920400000"), `got "1749920400000"`, 1),
		bad("bad event_time, unknown now", dynString("soon"), types.StringUnknown(), `got the string "soon"`, 0),
		bad("both bad: both reported, the first named", dynString("soon"), types.StringValue("later"), `(?s)got the string "soon".*\n.*got "later"`, 0),
		bad("null event_time", types.DynamicNull(), types.StringValue(hourLater), `event_time must not be null\. An event without a time has no age: guard the call`, 0),
		bad("null now", dynNumber("1749916800000"), types.StringNull(), `now must not be null\. Pass plantimestamp\(\)\.`, 1),
	})
}

func TestAccFunctionEventAge_basic(t *testing.T) {
	testAccFunction(t, testAccFunctionStepOutputs([]functionOutput{
		{"milliseconds", `provider::alisec::event_age(1749916800000, "2025-06-14T17:00:00Z")`, knownvalue.Int64Exact(3600)},
		{"seconds", `provider::alisec::event_age(1749916800, "2025-06-14T17:00:00Z")`, knownvalue.Int64Exact(3600)},
		{"end_ts", `provider::alisec::event_age(jsondecode("{\"start_ts\": 1749913200, \"end_ts\": 1749916800}").end_ts, "2025-06-14T17:00:00Z")`, knownvalue.Int64Exact(3600)},
		{"rfc3339", `provider::alisec::event_age("2025-06-14T16:00:00Z", "2025-06-14T17:00:00Z")`, knownvalue.Int64Exact(3600)},
		{"fraction", `provider::alisec::event_age(1749916800500, "2025-06-14T17:00:00Z")`, knownvalue.Float64Exact(3599.5)},
		{"millisecond", `provider::alisec::event_age(1749920399999, "2025-06-14T17:00:00Z")`, knownNumber("0.001")},
		{"offset", `provider::alisec::event_age("2025-06-15T00:00:00+08:00", "2025-06-14T17:00:00Z")`, knownvalue.Int64Exact(3600)},
		{"dst", `provider::alisec::event_age("2025-03-09T01:30:00-05:00", "2025-03-09T03:30:00-04:00")`, knownvalue.Int64Exact(3600)},
		{"future", `provider::alisec::event_age("2025-06-14T18:00:00Z", "2025-06-14T17:00:00Z")`, knownvalue.Int64Exact(-3600)},
		{"tostring", `provider::alisec::event_age(tostring(1749916800000), "2025-06-14T17:00:00Z")`, knownvalue.Int64Exact(3600)},
		{"hours", `provider::alisec::event_age(1749916800000, "2025-06-15T16:00:00Z") / 3600`, knownvalue.Int64Exact(24)},
		{"plantimestamp", `provider::alisec::event_age(1749916800000, plantimestamp()) > 0`, knownvalue.Bool(true)},
		{"guarded_null", `null == null ? -1 : provider::alisec::event_age(null, plantimestamp())`, knownvalue.Int64Exact(-1)},
	}))
}

func TestAccFunctionEventAge_errors(t *testing.T) {
	testAccFunction(t,
		testAccFunctionStepError(`provider::alisec::event_age("yesterday", "2025-06-14T17:00:00Z")`,
			`Invalid function argument .* Invalid value for "event_time" parameter: Invalid event_time: expected Unix seconds (1749916800) or milliseconds (1749916800000) as a number, or an RFC 3339 time as a string ("2025-06-14T16:00:00Z"), got the string "yesterday".`),
		testAccFunctionStepError(`provider::alisec::event_age(0, plantimestamp())`,
			`Invalid value for "event_time" parameter: Invalid event_time: .* got the number 0, which is not after 1970-01-01T00:00:00Z. An API that sends 0 sent no time`),
		testAccFunctionStepError(`provider::alisec::event_age(-1, plantimestamp())`, `got the number -1, which is not after 1970-01-01T00:00:00Z.`),
		testAccFunctionStepError(`provider::alisec::event_age(1749916800000, "2025-06-14 17:00")`,
			`Invalid value for "now" parameter: Invalid now: expected an RFC 3339 time such as "2025-06-14T16:00:00Z", got "2025-06-14 17:00". Pass plantimestamp()`),
		testAccFunctionStepError(`provider::alisec::event_age(1749916800000.5, plantimestamp())`, `not a whole number of milliseconds`),
		testAccFunctionStepError(`provider::alisec::event_age(null, plantimestamp())`, `Invalid function argument .* "event_time" .* must not be null`),
	)
}

func TestAccFunctionEventAge_unknown(t *testing.T) {
	testAccFunction(t, testAccFunctionStepUnknown(`"2025-06-14T16:00:00Z"`,
		`provider::alisec::event_age(terraform_data.input.output, "2025-06-14T16:30:00Z")`, knownvalue.Int64Exact(1800)))
}

// knownNumber is a number output's exact value ("3599.5").
func knownNumber(s string) knownvalue.Check {
	f, _, err := big.ParseFloat(s, 10, 512, big.ToNearestEven)
	if err != nil {
		panic(err)
	}
	return knownvalue.NumberExact(f)
}
