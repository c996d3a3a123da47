package provider

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/alisec/terraform-provider-alisec/internal/fakecloud"
)

// wafListBase is 2025-06-14T16:00:00Z, the seed event's EndTime.
const wafListBase = int64(1749916800000)

// putWAFListEvents stores n events of instance "i1" ending a minute apart
// after wafListBase, on two domains.
func putWAFListEvents(cloud testCloud, n int) {
	for i := range n {
		domain := "shop.example.com"
		if i%2 == 1 {
			domain = "api.example.com"
		}
		cloud.PutWAFEventForDomain("cn-hangzhou", "i1", fmt.Sprintf("ev-%04d", i), domain, []byte(fmt.Sprintf(
			`{"RequestId":"R","ThreatEventDetail":{"EventLevel":"%s","EventSrc":"192.0.2.%d","EventTag":"RandomVulnTest","EndTime":%d,"EventBlock":"3","EventCnt":"4"}}`,
			[]string{"low", "medium", "high", "critical"}[i%4], i%250, wafListBase+int64(i+1)*60_000)))
	}
}

func wafListConfig(cloud testCloud, args string) string {
	return cloud.providerConfig() + fmt.Sprintf(`
data "alisec_waf_threat_events" "test" {
  instance_id = "i1"
  %s
}
`, args)
}

func TestAccWAFThreatEventsDataSource_paging(t *testing.T) {
	cloud := newTestCloud(t)
	putWAFListEvents(cloud, 450)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: wafListConfig(cloud, `start_time = "2025-06-14T16:00:00Z"`+"\n"+`end_time = "2025-06-15T16:00:00Z"`),
			ConfigStateChecks: []statecheck.StateCheck{
				expectAttribute("data.alisec_waf_threat_events.test", "total_count", knownvalue.Int64Exact(450)),
				expectAttribute("data.alisec_waf_threat_events.test", "ids", knownvalue.ListSizeExact(450)),
				expectAttribute("data.alisec_waf_threat_events.test", "region_id", knownvalue.StringExact("cn-hangzhou")),
				expectAttribute("data.alisec_waf_threat_events.test", "truncated", knownvalue.Bool(false)),
				expectAttribute("data.alisec_waf_threat_events.test", "counts_by_level", knownvalue.MapExact(map[string]knownvalue.Check{
					"low": i64(113), "medium": i64(113), "high": i64(112), "critical": i64(112), "unknown": i64(0),
				})),
				statecheck.ExpectKnownValue("data.alisec_waf_threat_events.test", tfjsonpathIndex("events", 0), knownvalue.ObjectExact(map[string]knownvalue.Check{
					"event_id": str("ev-0449"), "event_level": str("medium"), "event_src": str("192.0.2.199"),
					"event_tag": str("RandomVulnTest"), "event_target": str("api.example.com-waf"), "block_rate": str("75%"),
					"end_time": i64(wafListBase + 450*60_000), "end_time_rfc3339": str("2025-06-14T23:30:00Z"),
				})),
				statecheck.ExpectKnownValue("data.alisec_waf_threat_events.test", tfjsonpathIndex("ids", 449), str("ev-0000")),
			},
		}},
	})
	// Terraform reads the data source several times in a test step; each read
	// needs three pages of at most 200.
	if got := cloud.Requests("DescribeThreatEvent"); got == 0 || got%3 != 0 {
		t.Errorf("450 events took %d requests, want a multiple of 3 pages", got)
	}
}

func TestAccWAFThreatEventsDataSource_filters(t *testing.T) {
	tests := []struct {
		name string
		args string
		want map[string]knownvalue.Check
	}{
		{
			name: "domain and Unix seconds",
			args: `start_time = "1749916800"` + "\n" + `end_time = "1749917100"` + "\n" + `domain_name = "api.example.com"`,
			want: map[string]knownvalue.Check{"total_count": i64(2), "ids": strs("ev-0003", "ev-0001")},
		},
		{
			name: "Unix milliseconds",
			args: `start_time = "1749917100000"` + "\n" + `end_time = "1749917400000"`,
			want: map[string]knownvalue.Check{
				"id": str("i1:1749917100000-1749917400000"), "total_count": i64(6),
				"ids": strs("ev-0009", "ev-0008", "ev-0007", "ev-0006", "ev-0005", "ev-0004"),
			},
		},
		{
			name: "max_results",
			args: `start_time = "2025-06-14T16:00:00Z"` + "\n" + `end_time = "2025-06-14T17:00:00Z"` + "\n" + `max_results = 2`,
			want: map[string]knownvalue.Check{"total_count": i64(10), "ids": strs("ev-0009", "ev-0008")},
		},
		{
			name: "empty range",
			args: `start_time = "2020-01-01T00:00:00Z"` + "\n" + `end_time = "2020-01-02T00:00:00Z"`,
			want: map[string]knownvalue.Check{
				"total_count": i64(0), "ids": knownvalue.ListExact([]knownvalue.Check{}), "events": knownvalue.ListExact([]knownvalue.Check{}),
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cloud := newTestCloud(t)
			putWAFListEvents(cloud, 10)
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{{
					Config:            wafListConfig(cloud, tt.args),
					ConfigStateChecks: expectAttributes("data.alisec_waf_threat_events.test", tt.want),
				}},
			})
		})
	}
}

func TestAccWAFThreatEventsDataSource_invalidArguments(t *testing.T) {
	tests := []struct {
		name    string
		args    string
		wantErr *regexp.Regexp
	}{
		{"reversed range", `start_time = "2025-06-15T00:00:00Z"` + "\n" + `end_time = "2025-06-14T00:00:00Z"`,
			errorPattern(`Invalid Time Range .* end_time must be after start_time .* Swap them`)},
		// Equal bounds, in two forms of one instant: nothing to swap.
		{"empty range", `start_time = "2025-06-14T00:00:00Z"` + "\n" + `end_time = "1749859200"`,
			errorPattern(`Invalid Time Range .* end_time must be after start_time, got both 2025-06-14T00:00:00Z, a range that holds no time. Widen the range: move start_time earlier or end_time later.`)},
		{"not a time", `start_time = "yesterday"` + "\n" + `end_time = "2025-06-14T00:00:00Z"`,
			errorPattern(`Invalid Time .* RFC 3339 .* Unix seconds .* "yesterday"`)},
		{"microseconds", `start_time = "1749916800000000"` + "\n" + `end_time = "2025-06-14T00:00:00Z"`,
			errorPattern(`Invalid Time .* "1749916800000000", which as milliseconds is after the year 9999`)},
		{"max_results zero", `start_time = "1"` + "\n" + `end_time = "2"` + "\n" + `max_results = 0`,
			errorPattern(`Invalid Max Results .* max_results: expected a whole number of at least 1, got 0.`)},
		{"max_results a fraction", `start_time = "1"` + "\n" + `end_time = "2"` + "\n" + `max_results = 2.5`,
			errorPattern(`Invalid Max Results .* got 2.5, which is not a whole number`)},
		{"region outside WAF", `start_time = "1"` + "\n" + `end_time = "2"` + "\n" + `region_id = "eu-central-1"`,
			errorPattern(`region_id value must be one of`)},
		// WAF matches the domain as a whole: each of these would list no event.
		{"domain_name a URL", `start_time = "1"` + "\n" + `end_time = "2"` + "\n" + `domain_name = "https://shop.example.com/"`,
			errorPattern(`Invalid Domain Name .* domain_name: expected a host name only, such as "shop.example.com", got "https://shop.example.com/": .* Write "shop.example.com"`)},
		{"domain_name with a path", `start_time = "1"` + "\n" + `end_time = "2"` + "\n" + `domain_name = "api.example.com/v1"`,
			errorPattern(`Invalid Domain Name .* got "api.example.com/v1": .* Write "api.example.com"`)},
		{"domain_name with a port", `start_time = "1"` + "\n" + `end_time = "2"` + "\n" + `domain_name = "Shop.Example.com:8443"`,
			errorPattern(`Invalid Domain Name .* got "Shop.Example.com:8443": .* Write "shop.example.com"`)},
		{"domain_name with spaces", `start_time = "1"` + "\n" + `end_time = "2"` + "\n" + `domain_name = " shop.example.com"`,
			errorPattern(`Invalid Domain Name .* got " shop.example.com": .* Write "shop.example.com"`)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cloud := newTestCloud(t)
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps:                    []resource.TestStep{{Config: wafListConfig(cloud, tt.args), ExpectError: tt.wantErr}},
			})
			if n := cloud.Requests("DescribeThreatEvent"); n != 0 {
				t.Errorf("invalid arguments reached the API: %d requests", n)
			}
		})
	}
}

// A domain name in another case lists the domain's events: it is sent
// lower-cased (the fake cloud, like WAF's stored domains, has it so, and
// matches it exactly), and the state keeps it as written.
func TestAccWAFThreatEventsDataSource_domainNameCase(t *testing.T) {
	cloud := newTestCloud(t)
	putWAFListEvents(cloud, 10)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: wafListConfig(cloud, `start_time = "1749916800"`+"\n"+`end_time = "1749917100"`+"\n"+`domain_name = "API.Example.com"`),
			ConfigStateChecks: expectAttributes("data.alisec_waf_threat_events.test", map[string]knownvalue.Check{
				"domain_name": str("API.Example.com"), "total_count": i64(2), "ids": strs("ev-0003", "ev-0001"),
			}),
		}},
	})
}

// The list's times are Unix milliseconds, and another list takes them back
// as its range as they are.
func TestAccWAFThreatEventsDataSource_timesPassedBack(t *testing.T) {
	cloud := newTestCloud(t)
	putWAFListEvents(cloud, 10)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: wafListConfig(cloud, `start_time = "2025-06-14T16:00:00Z"`+"\n"+`end_time = "2025-06-14T17:00:00Z"`) + `
data "alisec_waf_threat_events" "later" {
  instance_id = "i1"
  start_time  = data.alisec_waf_threat_events.test.events[5].end_time
  end_time    = data.alisec_waf_threat_events.test.events[0].end_time
}
`,
			ConfigStateChecks: expectAttributes("data.alisec_waf_threat_events.later", map[string]knownvalue.Check{
				"start_time": str("1749917100000"), "end_time": str("1749917400000"),
				"id": str("i1:1749917100000-1749917400000"), "total_count": i64(6),
				"ids": strs("ev-0009", "ev-0008", "ev-0007", "ev-0006", "ev-0005", "ev-0004"),
			}),
		}},
	})
}

// The list feeds the detail data source, one read per event. (count rather
// than for_each: the test framework's state shim rejects for_each keys; the
// examples use for_each and run through the CLI directly.)
func TestAccWAFThreatEventsDataSource_forEach(t *testing.T) {
	cloud := newTestCloud(t)
	putWAFListEvents(cloud, 4)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: wafListConfig(cloud, `start_time = "2025-06-14T16:00:00Z"`+"\n"+`end_time = "2025-06-14T17:00:00Z"`) + `
data "alisec_waf_threat_event" "each" {
  count       = length(data.alisec_waf_threat_events.test.ids)
  instance_id = "i1"
  event_id    = data.alisec_waf_threat_events.test.ids[count.index]
}

output "critical" {
  value = sort([for e in data.alisec_waf_threat_event.each : e.event_id if e.event_level == "critical"])
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownOutputValue("critical", strs("ev-0003")),
			},
		}},
	})
	if got := cloud.Requests("DescribeThreatEventDetail"); got == 0 || got%4 != 0 {
		t.Errorf("read %d details, want a multiple of the 4 listed events", got)
	}
}

// An answer without what DescribeThreatEvent always sends fails the read
// even though the instance has events; only TotalCount 0 with [] reads as
// zero events. A broken answer is not retried, so FailFirst: 1 fails a read.
func TestAccWAFThreatEventsDataSource_unexpectedAnswers(t *testing.T) {
	const summary, action = "Unexpected Answer .* alisec_waf_threat_events (DescribeThreatEvent):", "DescribeThreatEvent page 1"
	tests := []struct {
		name     string
		failWith string
		wantErr  *regexp.Regexp
	}{
		{"HTTP 200 with {}", "Empty200", unexpectedAnswerError(summary, action, "missing RequestId, TotalCount, ThreatEvents")},
		{"no RequestId", "MissingRequestId", unexpectedAnswerError(summary, action, "missing RequestId")},
		{"no TotalCount", "MissingTotalCount", unexpectedAnswerError(summary, action, "missing TotalCount")},
		{"no ThreatEvents", "MissingItems", unexpectedAnswerError(summary, action, "missing ThreatEvents")},
		{"null ThreatEvents", "NullItems", unexpectedAnswerError(summary, action, "missing ThreatEvents")},
		{"ThreatEvents a string", "MalformedItems", unexpectedAnswerError(summary, action, `ThreatEvents is the string "x", not an array`)},
		{"an event that is not an object", "NonObjectItem", unexpectedAnswerError(summary, action, "ThreatEvents[0] is the number 42, not an object")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cloud := newTestCloud(t)
			putWAFListEvents(cloud, 3)
			cloud.SetFault("DescribeThreatEvent", fakecloud.Fault{FailFirst: 1, FailWith: tt.failWith})
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{{
					Config:      wafListConfig(cloud, `start_time = "2025-06-14T16:00:00Z"`+"\n"+`end_time = "2025-06-14T17:00:00Z"`),
					ExpectError: tt.wantErr,
				}},
			})
		})
	}
	t.Run("TotalCount 0 with an empty array", func(t *testing.T) {
		cloud := newTestCloud(t)
		putWAFListEvents(cloud, 3)
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
			Steps: []resource.TestStep{{
				Config: wafListConfig(cloud, `start_time = "2020-01-01T00:00:00Z"`+"\n"+`end_time = "2020-01-02T00:00:00Z"`),
				ConfigStateChecks: expectAttributes("data.alisec_waf_threat_events.test", map[string]knownvalue.Check{
					"total_count": i64(0), "ids": knownvalue.ListExact([]knownvalue.Check{}), "events": knownvalue.ListExact([]knownvalue.Check{}),
				}),
			}},
		})
	})
}
