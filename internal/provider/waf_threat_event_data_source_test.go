package provider

import (
	"fmt"
	"regexp"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/alisec/terraform-provider-alisec/internal/fakecloud"
)

const (
	seedWAFInstance = "waf_v2_public_cn-lbj0xxxx"
	seedWAFEvent    = "1661131a028f72a976703f4a4082ad87"
)

func wafConfig(cloud testCloud, args string) string {
	return cloud.providerConfig() + fmt.Sprintf(`
data "alisec_waf_threat_event" "test" {
  %s
}
`, args)
}

func seedWAFArgs() string {
	return fmt.Sprintf("instance_id = %q\n  event_id = %q", seedWAFInstance, seedWAFEvent)
}

// seedWAFValues is every attribute of the API page's example event.
func seedWAFValues() map[string]knownvalue.Check {
	return map[string]knownvalue.Check{
		"instance_id":             knownvalue.StringExact(seedWAFInstance),
		"event_id":                knownvalue.StringExact(seedWAFEvent),
		"region_id":               knownvalue.StringExact("cn-hangzhou"),
		"resource_group_id":       knownvalue.Null(),
		"id":                      knownvalue.StringExact(seedWAFInstance + ":" + seedWAFEvent),
		"request_id":              knownvalue.StringExact("D7861F61-5B61-46CE-A47C-6B1****"),
		"event_level":             knownvalue.StringExact("high"),
		"event_tag":               knownvalue.StringExact("MultipleDomainWebattack"),
		"event_suggest":           knownvalue.StringExact("FixBug"),
		"event_src":               knownvalue.StringExact("XX.XX.XX.XX"),
		"event_src_region":        knownvalue.StringExact("GB-ENG"),
		"event_src_country":       knownvalue.StringExact("GB"),
		"event_block":             knownvalue.Int64Exact(20),
		"event_cnt":               knownvalue.Int64Exact(20),
		"is_persistent":           knownvalue.Bool(true),
		"end_time":                knownvalue.Int64Exact(1749916800000),
		"end_time_rfc3339":        knownvalue.StringExact("2025-06-14T16:00:00Z"),
		"event_intelligence_json": knownvalue.StringExact(`["CVE-2020-14882","DDoS Attack"]`),
		"event_intelligence": knownvalue.ListExact([]knownvalue.Check{
			knownvalue.StringExact("CVE-2020-14882"), knownvalue.StringExact("DDoS Attack"),
		}),
		"event_condition_json": knownvalue.StringExact(`{"end_ts": 1766637714, "start_ts": 1764096746, "condition": {"real_client_ip": ["78.153.140.179", "78.153.140.203", "78.153.140.177", "78.153.140.178", "78.153.140.151"]}}`),
		"event_condition": knownvalue.ObjectExact(map[string]knownvalue.Check{
			"start_time":         knownvalue.Int64Exact(1764096746000),
			"start_time_rfc3339": knownvalue.StringExact("2025-11-25T18:52:26Z"),
			"end_time":           knownvalue.Int64Exact(1766637714000),
			"end_time_rfc3339":   knownvalue.StringExact("2025-12-25T04:41:54Z"),
			"real_client_ips": knownvalue.ListExact([]knownvalue.Check{
				knownvalue.StringExact("78.153.140.179"), knownvalue.StringExact("78.153.140.203"),
				knownvalue.StringExact("78.153.140.177"), knownvalue.StringExact("78.153.140.178"),
				knownvalue.StringExact("78.153.140.151"),
			}),
		}),
	}
}

func TestAccWAFThreatEventDataSource_basic(t *testing.T) {
	cloud := newTestCloud(t)
	values := seedWAFValues()
	requireAllAttributes(t, wafThreatEventSchema(), values)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:            wafConfig(cloud, seedWAFArgs()),
			ConfigStateChecks: expectAttributes("data.alisec_waf_threat_event.test", values),
		}},
	})
}

func TestAccWAFThreatEventDataSource_regionAndResourceGroup(t *testing.T) {
	cloud := newTestCloud(t)
	body := []byte(`{"RequestId":"R-SG","ThreatEventDetail":{"EventLevel":"low"}}`)
	cloud.PutWAFEvent("ap-southeast-1", "waf-intl", "ev-sg", body)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				// eu-central-1 is served by the WAF API outside the Chinese mainland.
				Config: cloud.providerConfig(`region = "eu-central-1"`) + `
data "alisec_waf_threat_event" "test" {
  instance_id       = "waf-intl"
  event_id          = "ev-sg"
  resource_group_id = "rg-aekzhks66"
}`,
				ConfigStateChecks: []statecheck.StateCheck{
					expectAttribute("data.alisec_waf_threat_event.test", "region_id", knownvalue.StringExact("ap-southeast-1")),
					expectAttribute("data.alisec_waf_threat_event.test", "resource_group_id", knownvalue.StringExact("rg-aekzhks66")),
					expectAttribute("data.alisec_waf_threat_event.test", "event_level", knownvalue.StringExact("low")),
				},
			},
			{
				Config: cloud.providerConfig(`region = "eu-central-1"`) + `
data "alisec_waf_threat_event" "test" {
  instance_id = "waf-intl"
  event_id    = "ev-sg"
  region_id   = "cn-hangzhou"
}`,
				ExpectError: errorPattern(`WAF Instance Not In Region .* WAF instance "waf-intl" is not in region cn-hangzhou; this account's WAF instance there is "waf_v2_public_cn-lbj0xxxx", and "waf-intl" is its instance in ap-southeast-1 .* Set region_id = "ap-southeast-1"`),
			},
		},
	})
}

func TestAccWAFThreatEventDataSource_invalidArguments(t *testing.T) {
	tests := []struct {
		name    string
		args    string
		wantErr *regexp.Regexp
	}{
		{"blank instance_id", `instance_id = "  "` + "\n" + `event_id = "e1"`, errorPattern(`Blank Value .* instance_id: expected a non-blank value, got "  ". Set it to the ID shown in the console or returned by the list API.`)},
		{"blank event_id", `instance_id = "i1"` + "\n" + `event_id = ""`, errorPattern(`Blank Value .* event_id`)},
		{"region outside WAF", `instance_id = "i1"` + "\n" + `event_id = "e1"` + "\n" + `region_id = "cn-shanghai"`,
			regexp.MustCompile(`(?s)region_id.*cn-hangzhou.*ap-southeast-1.*cn-shanghai`)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cloud := newTestCloud(t)
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{{
					Config:      wafConfig(cloud, tt.args),
					ExpectError: tt.wantErr,
				}},
			})
			if n := cloud.Requests("DescribeThreatEventDetail"); n != 0 {
				t.Errorf("invalid arguments reached the API: %d requests", n)
			}
		})
	}
}

func TestAccWAFThreatEventDataSource_apiErrors(t *testing.T) {
	tests := []struct {
		name    string
		setup   func(testCloud)
		args    string
		wantErr *regexp.Regexp
	}{
		{
			name:    "event not found",
			args:    `instance_id = "waf_v2_public_cn-lbj0xxxx"` + "\n" + `event_id = "no-such-event"`,
			wantErr: errorPattern(`Event Not Found .* alisec_waf_threat_event (DescribeThreatEventDetail): WAF threat event "no-such-event" of instance "waf_v2_public_cn-lbj0xxxx" in cn-hangzhou was not found`),
		},
		{
			name: "permission denied names the RAM action",
			setup: func(c testCloud) {
				c.AddAccount(fakecloud.Account{AccessKeyID: fakecloud.DefaultAccessKeyID, AccessKeySecret: fakecloud.DefaultAccessKeySecret, Denied: []string{"DescribeThreatEventDetail"}})
			},
			args:    seedWAFArgs(),
			wantErr: regexp.MustCompile(`(?s)Missing RAM Permission.*Forbidden\.RAM.*RequestId: [0-9a-f-]{36}.*yundun-waf:DescribeThreatEventDetail`),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cloud := newTestCloud(t)
			if tt.setup != nil {
				tt.setup(cloud)
			}
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps:                    []resource.TestStep{{Config: wafConfig(cloud, tt.args), ExpectError: tt.wantErr}},
			})
		})
	}
}

// The API documents some fields loosely; each variant decodes by SCHEMA.md's rules.
func TestAccWAFThreatEventDataSource_wireVariants(t *testing.T) {
	tests := []struct {
		name   string
		detail string
		want   map[string]knownvalue.Check
	}{
		{
			name:   "seconds, numbers for strings, no IsPersistent",
			detail: `{"EventLevel":"critical","EndTime":1749916800,"EventBlock":7,"EventCnt":"9"}`,
			want: map[string]knownvalue.Check{
				"end_time": knownvalue.Int64Exact(1749916800000), "end_time_rfc3339": knownvalue.StringExact("2025-06-14T16:00:00Z"),
				"event_block": knownvalue.Int64Exact(7), "event_cnt": knownvalue.Int64Exact(9), "is_persistent": knownvalue.Null(),
				"event_intelligence": knownvalue.Null(), "event_condition": knownvalue.Null(),
			},
		},
		{
			name:   "empty JSON strings",
			detail: `{"EventLevel":"low","IsPersistent":0,"EndTime":0,"EventIntelligence":"[]","EventCondition":"{}"}`,
			want: map[string]knownvalue.Check{
				"is_persistent": knownvalue.Bool(false), "end_time": knownvalue.Null(), "end_time_rfc3339": knownvalue.Null(),
				"event_intelligence": knownvalue.ListExact([]knownvalue.Check{}),
				"event_condition": knownvalue.ObjectExact(map[string]knownvalue.Check{
					"start_time": knownvalue.Null(), "start_time_rfc3339": knownvalue.Null(),
					"end_time": knownvalue.Null(), "end_time_rfc3339": knownvalue.Null(), "real_client_ips": knownvalue.Null(),
				}),
			},
		},
		{
			name:   "malformed JSON strings keep the raw text",
			detail: `{"EventLevel":"low","EventIntelligence":"[\"CVE-1\",","EventCondition":"not json"}`,
			want: map[string]knownvalue.Check{
				"event_intelligence_json": knownvalue.StringExact(`["CVE-1",`), "event_intelligence": knownvalue.Null(),
				"event_condition_json": knownvalue.StringExact("not json"), "event_condition": knownvalue.Null(),
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cloud := newTestCloud(t)
			cloud.PutWAFEvent("cn-hangzhou", "i1", "e1", []byte(`{"RequestId":"R1","ThreatEventDetail":`+tt.detail+`}`))
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{{
					Config:            wafConfig(cloud, `instance_id = "i1"`+"\n"+`event_id = "e1"`),
					ConfigStateChecks: expectAttributes("data.alisec_waf_threat_event.test", tt.want),
				}},
			})
		})
	}
}

// A value known only after apply defers the read to apply instead of failing the plan.
func TestAccWAFThreatEventDataSource_unknownAtPlan(t *testing.T) {
	cloud := newTestCloud(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: cloud.providerConfig() + fmt.Sprintf(`
resource "terraform_data" "event" {
  input = %q
}

data "alisec_waf_threat_event" "test" {
  instance_id = %q
  event_id    = terraform_data.event.output
}`, seedWAFEvent, seedWAFInstance),
			ConfigStateChecks: []statecheck.StateCheck{
				expectAttribute("data.alisec_waf_threat_event.test", "event_level", knownvalue.StringExact("high")),
			},
		}},
	})
}

// The provider rides out throttling and short outages, and explains the
// faults it cannot ride out.
func TestAccWAFThreatEventDataSource_faults(t *testing.T) {
	tests := []struct {
		name     string
		fault    fakecloud.Fault
		provider string
		wantErr  *regexp.Regexp
	}{
		{name: "503 burst", fault: fakecloud.Fault{FailFirst: 3, FailWith: "ServiceUnavailable"}, provider: "max_retries = 4"},
		{name: "internal errors", fault: fakecloud.Fault{FailFirst: 2, FailWith: "InternalError"}, provider: "max_retries = 4"},
		{
			name: "permanent 5xx", fault: fakecloud.Fault{ServerErrorRate: 1}, provider: "max_retries = 1",
			wantErr: errorPattern(`API Unavailable .* HTTP 503 .* "ServiceUnavailable" .* RequestId: .* after all retries`),
		},
		{
			name: "latency beyond request_timeout", fault: fakecloud.Fault{Latency: 2 * time.Second},
			provider: "max_retries = 0\n  request_timeout = \"300ms\"",
			wantErr:  errorPattern(`Endpoint Timed Out .* no answer from http://127.0.0.1: .* request_timeout (300ms) .* raise request_timeout only if the service is known to be slow`),
		},
		{
			name: "error body with a numeric Code", fault: fakecloud.Fault{FailFirst: 1, FailWith: "NonStringCode"}, provider: "max_retries = 0",
			wantErr: errorPattern(`API Unavailable .* HTTP 500 with Code "500": internal error`),
		},
		{
			name: "HTML error page", fault: fakecloud.Fault{FailFirst: 1, FailWith: "HTML"}, provider: "max_retries = 0",
			wantErr: errorPattern(`API Unavailable .* HTTP 502 .* not the documented JSON error body .* 502 Bad Gateway`),
		},
		{
			name: "truncated answer", fault: fakecloud.Fault{FailFirst: 1, FailWith: "Truncated"}, provider: "max_retries = 0",
			wantErr: errorPattern(`Incomplete Answer .* no answer from .* not complete JSON`),
		},
		{name: "truncated answer retried", fault: fakecloud.Fault{FailFirst: 2, FailWith: "Truncated"}, provider: "max_retries = 3"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cloud := newTestCloud(t)
			cloud.SetFault("DescribeThreatEventDetail", tt.fault)
			step := resource.TestStep{Config: cloud.providerConfig(tt.provider) + seedWAFDataSource, ExpectError: tt.wantErr}
			if tt.wantErr == nil {
				step.ConfigStateChecks = []statecheck.StateCheck{
					expectAttribute("data.alisec_waf_threat_event.test", "event_level", knownvalue.StringExact("high")),
				}
			}
			resource.ParallelTest(t, resource.TestCase{ProtoV6ProviderFactories: testAccProtoV6ProviderFactories, Steps: []resource.TestStep{step}})
		})
	}
}

// With 30% of calls throttled, every one of many reads still succeeds.
func TestAccWAFThreatEventDataSource_throttled(t *testing.T) {
	const events = 20
	cloud := newTestCloud(t)
	for i := range events {
		cloud.PutWAFEvent("cn-hangzhou", "i1", fmt.Sprintf("e%d", i), []byte(fmt.Sprintf(`{"RequestId":"R%d","ThreatEventDetail":{"EventCnt":"%d"}}`, i, i)))
	}
	cloud.SetFault("DescribeThreatEventDetail", fakecloud.Fault{ThrottleRate: 0.3})
	checks := make([]statecheck.StateCheck, 0, events)
	for i := range events {
		checks = append(checks, expectAttribute(fmt.Sprintf("data.alisec_waf_threat_event.test[%d]", i), "event_cnt", knownvalue.Int64Exact(int64(i))))
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: cloud.providerConfig("max_retries = 10") + fmt.Sprintf(`
data "alisec_waf_threat_event" "test" {
  count       = %d
  instance_id = "i1"
  event_id    = "e${count.index}"
}`, events),
			ConfigStateChecks: checks,
		}},
	})
	if got := cloud.Requests("DescribeThreatEventDetail"); got <= events {
		t.Errorf("the fake cloud saw %d requests for %d reads; the throttling fault did not fire", got, events)
	}
}

// An answer without RequestId, or whose ThreatEventDetail is not an object,
// fails the read with what was wrong; beside a RequestId, an absent, null
// or empty ThreatEventDetail, WAF's answer for an unknown event, reads as
// not found. A broken answer is not retried, so FailFirst: 1 fails a read.
func TestAccWAFThreatEventDataSource_unexpectedAnswers(t *testing.T) {
	const summary = "Unexpected Answer .* alisec_waf_threat_event (DescribeThreatEventDetail):"
	tests := []struct {
		name     string
		failWith string // a fake cloud fault, or
		put      string // the answer stored for the seed event
		wantErr  *regexp.Regexp
	}{
		{name: "HTTP 200 with {}", failWith: "Empty200",
			wantErr: unexpectedAnswerError(summary, "DescribeThreatEventDetail", "missing RequestId, ThreatEventDetail")},
		// Beside a RequestId, a success without the object is an unknown event.
		{name: "only RequestId", failWith: "RequestIdOnly",
			wantErr: errorPattern(`Event Not Found .* WAF threat event "` + seedWAFEvent + `" .* was not found (RequestId`)},
		{name: "an event without RequestId", failWith: "MissingRequestId",
			wantErr: unexpectedAnswerError(summary, "DescribeThreatEventDetail", "missing RequestId")},
		{name: "null ThreatEventDetail is not found", put: `{"RequestId":"R-NULL","ThreatEventDetail":null}`,
			wantErr: errorPattern(`Event Not Found .* WAF threat event "` + seedWAFEvent + `" .* was not found (RequestId R-NULL)`)},
		{name: "no ThreatEventDetail, no RequestId", put: `{"Detail":{}}`,
			wantErr: unexpectedAnswerError(summary, "DescribeThreatEventDetail", "missing RequestId, ThreatEventDetail")},
		{name: "ThreatEventDetail a string", put: `{"RequestId":"R","ThreatEventDetail":"high"}`,
			wantErr: unexpectedAnswerError(summary, "DescribeThreatEventDetail", `ThreatEventDetail is the string "high", not an object`)},
		{name: "empty ThreatEventDetail is not found", put: `{"RequestId":"R-EMPTY","ThreatEventDetail":{}}`,
			wantErr: errorPattern(`Event Not Found .* WAF threat event "` + seedWAFEvent + `" .* was not found (RequestId R-EMPTY)`)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cloud := newTestCloud(t)
			if tt.failWith != "" {
				cloud.SetFault("DescribeThreatEventDetail", fakecloud.Fault{FailFirst: 1, FailWith: tt.failWith})
			}
			if tt.put != "" {
				cloud.PutWAFEvent("cn-hangzhou", seedWAFInstance, seedWAFEvent, []byte(tt.put))
			}
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps:                    []resource.TestStep{{Config: cloud.providerConfig() + seedWAFDataSource, ExpectError: tt.wantErr}},
			})
		})
	}
}
