package main

import (
	"bytes"
	"errors"
	"flag"
	"math"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/alisec/terraform-provider-alisec/internal/fakecloud"
)

func TestParseArgs(t *testing.T) {
	t.Parallel()
	type faults = map[string]fakecloud.Fault
	type limits = map[string]fakecloud.FlowControl
	tests := []struct {
		name       string
		args       []string
		want       config // listen "" means the default
		wantErrors []string
	}{
		{name: "defaults", args: nil, want: config{}},
		{name: "listen and fixtures", args: []string{"-listen", "127.0.0.1:8642", "-fixtures", "dir"},
			want: config{listen: "127.0.0.1:8642", fixtures: "dir"}},
		{name: "deny, repeated, once each", args: []string{"-deny", "DescribeEvents", "-deny", "AssumeRole", "-deny", "DescribeEvents"},
			want: config{deny: []string{"DescribeEvents", "AssumeRole"}}},
		{name: "fault on every request", args: []string{"-fault", "DescribeEventDetail=HTML"},
			want: config{faults: faults{"DescribeEventDetail": {FailFirst: math.MaxInt, FailWith: "HTML"}},
				faultLines: []string{"DescribeEventDetail HTML on every request"}}},
		{name: "fault on the next N requests", args: []string{"-fault", "DescribeThreatEvent=Throttling.User:3"},
			want: config{faults: faults{"DescribeThreatEvent": {FailFirst: 3, FailWith: "Throttling.User"}},
				faultLines: []string{"DescribeThreatEvent Throttling.User on the next 3 requests"}}},
		{name: "shares and a latency combine", args: []string{"-fault", "DescribeEvents=Throttling.User:20%",
			"-fault", "DescribeEvents=ServiceUnavailable:5%", "-fault", "DescribeEvents=Truncated:75%", "-fault", "DescribeEvents=Latency:1.5s",
			"-fault", "DescribeEvents=MissingItems:1"},
			want: config{faults: faults{"DescribeEvents": {ThrottleRate: 0.2, ServerErrorRate: 0.05, MalformedRate: 0.75,
				Latency: 1500 * time.Millisecond, FailFirst: 1, FailWith: "MissingItems"}},
				faultLines: []string{"DescribeEvents Throttling.User on 20% of requests", "DescribeEvents ServiceUnavailable on 5% of requests",
					"DescribeEvents Truncated on 75% of requests", "DescribeEvents answers after 1.5s", "DescribeEvents MissingItems on the next request"}}},
		{name: "flow control", args: []string{"-qps", "10", "-burst", "3", "-qps-action", "DescribeEvents=2"},
			want: config{limits: limits{"*": {QPS: 10, Burst: 3}, "DescribeEvents": {QPS: 2, Burst: 3}}}},
		{name: "readings", args: []string{"-reading", "empty-items=empty", "-reading", "waf-total-count=page",
			"-reading", "dsc-page-cap=20", "-reading", "empty-items=null", "-reading", "foreign-instance=refused"},
			want: config{readings: fakecloud.Readings{EmptyItems: fakecloud.ShapeNull, WAFTotalCount: fakecloud.TotalOnPage,
				DSCPageCap: 20, ForeignInstance: fakecloud.InstanceRefused}}},
		{name: "every reading", args: []string{"-reading", "unknown-event=empty", "-reading", "dsc-time-unit=s",
			"-reading", "foreign-instance=quiet"},
			want: config{readings: fakecloud.Readings{UnknownEvent: fakecloud.ShapeEmpty, DSCTimeUnit: fakecloud.Seconds,
				ForeignInstance: fakecloud.InstanceQuiet}}},

		{name: "unknown action", args: []string{"-deny", "DescribeThreatEvents"},
			wantErrors: []string{`invalid value "DescribeThreatEvents" for flag -deny: unknown action "DescribeThreatEvents"; the fake serves AssumeRole, DescribeEventDetail`}},
		{name: "fault without kind", args: []string{"-fault", "DescribeEvents"}, wantErrors: []string{"want Action=Kind, Action=Kind:N, Action=Kind:P% or Action=Latency:D"}},
		{name: "unknown kind", args: []string{"-fault", "DescribeEvents=Throttled"}, wantErrors: []string{`unknown kind "Throttled"; kinds: Latency, ServiceUnavailable,`}},
		{name: "share of a kind without one", args: []string{"-fault", "DescribeEvents=HTML:10%"},
			wantErrors: []string{"HTML:10%: only Throttling.User, ServiceUnavailable and Truncated take a share of requests; use HTML:N"}},
		{name: "share above 100%", args: []string{"-fault", "DescribeEvents=Truncated:101%"}, wantErrors: []string{"Truncated:101%: want a share above 0% and up to 100%"}},
		{name: "shares above 100%", args: []string{"-fault", "DescribeEvents=Truncated:60%", "-fault", "DescribeEvents=Throttling.User:50%"},
			wantErrors: []string{"DescribeEvents's shares add up to more than 100%"}},
		{name: "share twice", args: []string{"-fault", "DescribeEvents=Truncated:10%", "-fault", "DescribeEvents=Truncated:20%"},
			wantErrors: []string{"DescribeEvents has a share of Truncated already"}},
		{name: "two kinds on the next requests", args: []string{"-fault", "DescribeEvents=HTML:1", "-fault", "DescribeEvents=Empty200"},
			wantErrors: []string{"DescribeEvents fails with HTML already: one Kind or Kind:N per action"}},
		{name: "bad count", args: []string{"-fault", "DescribeEvents=HTML:0"}, wantErrors: []string{"HTML:0: want a number of requests, 1 or more"}},
		{name: "bad latency", args: []string{"-fault", "DescribeEvents=Latency:2"}, wantErrors: []string{`latency "2": want a positive Go duration`}},
		{name: "latency twice", args: []string{"-fault", "DescribeEvents=Latency:1s", "-fault", "DescribeEvents=Latency:2s"},
			wantErrors: []string{"DescribeEvents has a latency already"}},
		{name: "negative qps", args: []string{"-qps", "-1"}, wantErrors: []string{"-qps and -burst must not be negative"}},
		{name: "qps for an unknown action", args: []string{"-qps-action", "Describe=1"}, wantErrors: []string{`unknown action "Describe"`}},
		{name: "qps of zero", args: []string{"-qps-action", "DescribeEvents=0"}, wantErrors: []string{"want Action=N with N a positive number"}},
		{name: "unknown reading", args: []string{"-reading", "page-cap=5"},
			wantErrors: []string{`invalid value "page-cap=5" for flag -reading: unknown reading "page-cap"; readings: empty-items,`}},
		{name: "reading without a value", args: []string{"-reading", "empty-items"},
			wantErrors: []string{"want name=value, such as empty-items=empty"}},
		{name: "bad reading value", args: []string{"-reading", "empty-items=[]"},
			wantErrors: []string{`reading empty-items (Readings.EmptyItems) "[]": valid values are absent, empty, null`}},
		{name: "bad page cap", args: []string{"-reading", "dsc-page-cap=200"},
			wantErrors: []string{`reading dsc-page-cap (Readings.DSCPageCap) "200": valid values are 1 to 100`}},
		{name: "positional argument", args: []string{"examples/fakecloud/fixtures"},
			wantErrors: []string{`unexpected argument "examples/fakecloud/fixtures": every setting is a flag`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var out bytes.Buffer
			got, err := parseArgs(tt.args, &out)
			if len(tt.wantErrors) > 0 {
				if err == nil {
					t.Fatalf("no error, want %q", tt.wantErrors)
				}
				for _, want := range tt.wantErrors {
					if !strings.Contains(out.String(), want) {
						t.Errorf("output\n%s\nlacks %q", out.String(), want)
					}
				}
				return
			}
			if err != nil {
				t.Fatalf("%v\n%s", err, out.String())
			}
			want := tt.want
			if want.listen == "" {
				want.listen = "127.0.0.1:0"
			}
			if want.limits == nil {
				want.limits = map[string]fakecloud.FlowControl{}
			}
			if want.faults == nil {
				want.faults = map[string]fakecloud.Fault{}
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("got  %+v\nwant %+v", got, want)
			}
		})
	}
}

// -h is the documentation: every flag, the fixture format, the relative
// time syntax and fields, and every fault kind.
func TestParseArgs_help(t *testing.T) {
	t.Parallel()
	var out bytes.Buffer
	if _, err := parseArgs([]string{"-h"}, &out); !errors.Is(err, flag.ErrHelp) {
		t.Fatalf("-h: %v, want flag.ErrHelp", err)
	}
	want := []string{"-listen ADDR", "-fixtures DIR", "-deny Action", "-fault Action=Kind", "-qps N", "-qps-action Action=N", "-burst B",
		"examples/fakecloud/README.md", `"now-30m"`, `"ThreatEventDetail": {...}`, `"Event": {"Id": 1, ...}`}
	want = append(append(want, fakecloud.RelativeTimeFields()...), fakecloud.FailKinds()...)
	want = append(want, "-reading name=value", "empty-items=absent (default) | empty | null", "unknown-event=absent (default) | empty | null",
		"waf-total-count=matching (default) | page", "dsc-page-cap=1 to 100 (0 for 50), default 50",
		"foreign-instance=refused (default) | quiet", "dsc-time-unit=ms (default) | s")
	for _, r := range fakecloud.ReadingFlags() {
		want = append(want, r.Doc)
	}
	for _, w := range want {
		if !strings.Contains(out.String(), w) {
			t.Errorf("-h lacks %q:\n%s", w, out.String())
		}
	}
	if code := run(t.Context(), []string{"-h"}, &bytes.Buffer{}, &bytes.Buffer{}); code != 0 {
		t.Errorf("-h exits %d, want 0", code)
	}
	if code := run(t.Context(), []string{"-nope"}, &bytes.Buffer{}, &bytes.Buffer{}); code != 2 {
		t.Errorf("an unknown flag exits %d, want 2", code)
	}
}
