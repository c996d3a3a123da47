package provider

import (
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/alisec/terraform-provider-alisec/internal/fakecloud"
)

func dscConfig(cloud testCloud, args string) string {
	return cloud.providerConfig() + fmt.Sprintf(`
data "alisec_dsc_event" "test" {
  %s
}
`, args)
}

// seedLogDetail is the page example's LogDetail string, read from the
// fixture so that the test compares it byte for byte.
func seedLogDetail(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile("../fakecloud/fixtures/sddp/page-example.json")
	if err != nil {
		t.Fatal(err)
	}
	var fixture struct {
		Response struct{ Event struct{ LogDetail string } }
	}
	if err := json.Unmarshal(data, &fixture); err != nil {
		t.Fatal(err)
	}
	if fixture.Response.Event.LogDetail == "" {
		t.Fatal("the fixture has no LogDetail")
	}
	return fixture.Response.Event.LogDetail
}

func str(s string) knownvalue.Check { return knownvalue.StringExact(s) }
func i64(n int64) knownvalue.Check  { return knownvalue.Int64Exact(n) }
func strs(items ...string) knownvalue.Check {
	checks := make([]knownvalue.Check, 0, len(items))
	for _, s := range items {
		checks = append(checks, str(s))
	}
	return knownvalue.ListExact(checks)
}

// seedDSCValues is every attribute of the API page's example event.
func seedDSCValues(logDetail string) map[string]knownvalue.Check {
	return map[string]knownvalue.Check{
		"event_id": i64(52234), "lang": str("en"), "region_id": str("cn-zhangjiakou"), "id": str("52234"),
		"request_id":   str("69FB3C1-F4C9-42DF-9B72-7077A8989C13"),
		"display_name": str("yundunsr"), "login_name": str("det1111"), "user_id": i64(0),
		"status": i64(0), "status_name": str("Pending"), "deal_reason": str("Anomaly confirmed\n"),
		"deal_login_name": str("det1111"), "deal_display_name": str("yundunsr"), "deal_user_id": i64(0),
		"deal_time": i64(1611139155000), "deal_time_rfc3339": str("2021-01-20T10:39:15Z"),
		"event_time": i64(1545829129000), "event_time_rfc3339": str("2018-12-26T12:58:49Z"),
		"alert_time": i64(1545829129000), "alert_time_rfc3339": str("2018-12-26T12:58:49Z"),
		"type_code": str("02"), "type_name": str("Anomalous data flow\n"),
		"sub_type_code": str("020008"), "sub_type_name": str("Anomalous volume of downloaded data\n"),
		"product_code": str("MaxCompute"), "data_instance": str("in-222***"),
		"backed": knownvalue.Bool(false), "new_alarm": knownvalue.Bool(true),
		"log_detail_json": str(logDetail),
		"handle_info_list": knownvalue.ListExact([]knownvalue.Check{knownvalue.ObjectExact(map[string]knownvalue.Check{
			"id": i64(11), "status": i64(1), "handler_name": str("Remove from the whitelist\n"),
			"handler_type": str("rds_security_ip"), "handler_value": i64(10), "current_value": str("sddp-test2"),
			"enable_time": i64(1611139155000), "enable_time_rfc3339": str("2021-01-20T10:39:15Z"),
			"disable_time": i64(1611139155000), "disable_time_rfc3339": str("2021-01-20T10:39:15Z"),
		})}),
		"detail": knownvalue.ObjectExact(map[string]knownvalue.Check{
			"content": knownvalue.ListExact([]knownvalue.Check{knownvalue.ObjectExact(map[string]knownvalue.Check{
				"label": str("Anomaly description\n"),
				"value": str("The account was used to access OSS from an unusual terminal whose IP address is 1.2.3.4 from 00:06:45 on September 9, 2019 to 00:57:37 on September 9, 2019."),
				"name":  str("daliaoyuncom"),
			})}),
			"chart": knownvalue.ListExact([]knownvalue.Check{knownvalue.ObjectExact(map[string]knownvalue.Check{
				"name": str("misskingm"), "label": str("Baseline behavior chart\n"), "type": str("1"), "chat_type": i64(1),
				"x_label": str("Number of days\n"), "y_label": str("Value"), "z_label": str("chart description"),
				"data": knownvalue.ObjectExact(map[string]knownvalue.Check{
					"x": strs("[test1,test2,...]"), "y": strs("[1,2,3,...]"), "z": strs("[5,7,...]"),
				}),
			})}),
			"resource_info": knownvalue.ListExact([]knownvalue.Check{knownvalue.ObjectExact(map[string]knownvalue.Check{
				"label": str("Risk"),
				"value": str("Based on the record of authentication by using an unusual terminal, an attacker may have obtained the access permission of the account, or an employee accessed data from a personal terminal."),
			})}),
		}),
	}
}

func TestAccDSCEventDataSource_basic(t *testing.T) {
	cloud := newTestCloud(t)
	values := seedDSCValues(seedLogDetail(t))
	requireAllAttributes(t, dscEventSchema(), values)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:            dscConfig(cloud, "event_id = 52234\n  lang = \"en\""),
			ConfigStateChecks: expectAttributes("data.alisec_dsc_event.test", values),
		}},
	})
}

func TestAccDSCEventDataSource_wireVariants(t *testing.T) {
	emptyDetail := knownvalue.ObjectExact(map[string]knownvalue.Check{
		"content": knownvalue.ListExact([]knownvalue.Check{}), "chart": knownvalue.ListExact([]knownvalue.Check{}),
		"resource_info": knownvalue.ListExact([]knownvalue.Check{}),
	})
	tests := []struct {
		name  string
		event string
		want  map[string]knownvalue.Check
	}{
		{
			name: "IDs beyond 2^53 stay exact",
			event: `{"Id":9007199254740993,"UserId":9007199254740993,"DealUserId":"9223372036854775807",
				"HandleInfoList":[{"Id":9007199254740995,"Status":-2}]}`,
			want: map[string]knownvalue.Check{
				"user_id": i64(9007199254740993), "deal_user_id": i64(9223372036854775807),
				"handle_info_list": knownvalue.ListExact([]knownvalue.Check{knownvalue.ObjectExact(map[string]knownvalue.Check{
					"id": i64(9007199254740995), "status": i64(-2), "handler_name": knownvalue.Null(), "handler_type": knownvalue.Null(),
					"handler_value": knownvalue.Null(), "current_value": knownvalue.Null(),
					"enable_time": knownvalue.Null(), "enable_time_rfc3339": knownvalue.Null(),
					"disable_time": knownvalue.Null(), "disable_time_rfc3339": knownvalue.Null(),
				})}),
				"detail": knownvalue.Null(),
			},
		},
		{
			name: "chart numbers become strings",
			event: `{"Id":7,"Status":"1","NewAlarm":false,"EventTime":1545829129,
				"Detail":{"Chart":[{"Type":2,"Data":{"X":["mon",2],"Y":[2.5,1e3,-7],"Z":null}}]}}`,
			want: map[string]knownvalue.Check{
				"status": i64(1), "new_alarm": knownvalue.Bool(false),
				"event_time": i64(1545829129000), "event_time_rfc3339": str("2018-12-26T12:58:49Z"),
				"handle_info_list": knownvalue.Null(),
				"detail": knownvalue.ObjectExact(map[string]knownvalue.Check{
					"content": knownvalue.Null(), "resource_info": knownvalue.Null(),
					"chart": knownvalue.ListExact([]knownvalue.Check{knownvalue.ObjectExact(map[string]knownvalue.Check{
						"name": knownvalue.Null(), "label": knownvalue.Null(), "type": str("2"), "chat_type": knownvalue.Null(),
						"x_label": knownvalue.Null(), "y_label": knownvalue.Null(), "z_label": knownvalue.Null(),
						"data": knownvalue.ObjectExact(map[string]knownvalue.Check{
							"x": strs("mon", "2"), "y": strs("2.5", "1e3", "-7"), "z": knownvalue.Null(),
						}),
					})}),
				}),
			},
		},
		{
			name:  "empty lists stay empty, null handling history is null",
			event: `{"Id":8,"Status":2,"HandleInfoList":null,"Detail":{"Content":[],"Chart":[],"ResourceInfo":[]}}`,
			want: map[string]knownvalue.Check{
				"handle_info_list": knownvalue.Null(), "detail": emptyDetail,
				"deal_time": knownvalue.Null(), "deal_time_rfc3339": knownvalue.Null(), "log_detail_json": knownvalue.Null(),
			},
		},
		{
			name:  "empty handling history",
			event: `{"Id":9,"Status":0,"HandleInfoList":[]}`,
			want:  map[string]knownvalue.Check{"handle_info_list": knownvalue.ListExact([]knownvalue.Check{}), "backed": knownvalue.Null()},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cloud := newTestCloud(t)
			// Each event is stored, and asked for, under its own Id.
			id := regexp.MustCompile(`^\{"Id":(\d+)`).FindStringSubmatch(tt.event)[1]
			cloud.PutDSCEvent(id, []byte(`{"RequestId":"R77","Event":`+tt.event+`}`))
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{{
					Config:            dscConfig(cloud, "event_id = "+id),
					ConfigStateChecks: expectAttributes("data.alisec_dsc_event.test", tt.want),
				}},
			})
		})
	}
}

func TestAccDSCEventDataSource_invalidArguments(t *testing.T) {
	tests := []struct {
		name    string
		args    string
		wantErr *regexp.Regexp
	}{
		{"event_id below 1", "event_id = 0", errorPattern(`Invalid Event ID .* event_id: expected a whole number of at least 1, got 0. Use the activity's Id`)},
		{"negative event_id", "event_id = -5", errorPattern(`Invalid Event ID .* event_id: expected a whole number of at least 1, got -5.`)},
		// Terraform's number type lets a fraction through: a plain argument
		// error, not "always an error in the provider".
		{"fractional event_id", "event_id = 1.5", errorPattern(`Invalid Event ID .* event_id: expected a whole number of at least 1, got 1.5, which is not a whole number. ` +
			`Use the activity's Id as alisec_dsc_events (ids) or DescribeEvents returns it.`)},
		{"event_id beyond int64", "event_id = 18446744073709551616", errorPattern(`Invalid Event ID .* got 18446744073709551616, which is larger than any 64-bit integer.`)},
		{"lang outside zh and en", "event_id = 1\n  lang = \"fr\"", errorPattern(`lang value must be one of: ["zh" "en"], got: "fr"`)},
		{"region_id a WAF region", "event_id = 1\n  region_id = \"cn-hangzhou\"",
			errorPattern(`region_id value must be one of: ["cn-zhangjiakou" "cn-hongkong" "ap-southeast-1"], got: "cn-hangzhou"`)},
		{"region_id a provider region DSC is not served from", "event_id = 1\n  region_id = \"eu-central-1\"",
			errorPattern(`region_id value must be one of: ["cn-zhangjiakou" "cn-hongkong" "ap-southeast-1"], got: "eu-central-1"`)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cloud := newTestCloud(t)
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps:                    []resource.TestStep{{Config: dscConfig(cloud, tt.args), ExpectError: tt.wantErr}},
			})
			if n := cloud.Requests("DescribeEventDetail"); n != 0 {
				t.Errorf("invalid arguments reached the API: %d requests", n)
			}
		})
	}
}

// dscRegionCases are the region_id cases of both DSC data sources: the
// provider region, the region_id lines and the region read and sent.
var dscRegionCases = []struct {
	name           string
	providerRegion string
	args           string
	want           string
}{
	{"default from the default region", "", "", "cn-zhangjiakou"},
	{"default from a mainland region", "cn-shanghai", "", "cn-zhangjiakou"},
	{"default from Hong Kong", "cn-hongkong", "", "cn-hongkong"},
	{"default from elsewhere", "eu-central-1", "", "ap-southeast-1"},
	{"Singapore from Hong Kong", "cn-hongkong", `region_id = "ap-southeast-1"`, "ap-southeast-1"},
	{"Hong Kong from the mainland", "cn-beijing", `region_id = "cn-hongkong"`, "cn-hongkong"},
	{"Zhangjiakou from elsewhere", "us-east-1", `region_id = "cn-zhangjiakou"`, "cn-zhangjiakou"},
}

// providerRegion is the provider's region line, if any.
func providerRegion(region string) string {
	if region == "" {
		return ""
	}
	return fmt.Sprintf("region = %q", region)
}

func TestAccDSCEventDataSource_regionID(t *testing.T) {
	for _, tt := range dscRegionCases {
		t.Run(tt.name, func(t *testing.T) {
			cloud := newTestCloud(t)
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{{
					Config: cloud.providerConfig(providerRegion(tt.providerRegion)) + fmt.Sprintf(`
data "alisec_dsc_event" "test" {
  event_id = 52234
  %s
}
`, tt.args),
					ConfigStateChecks: []statecheck.StateCheck{
						expectAttribute("data.alisec_dsc_event.test", "region_id", str(tt.want)),
						expectAttribute("data.alisec_dsc_event.test", "request_id", str("69FB3C1-F4C9-42DF-9B72-7077A8989C13")),
					},
				}},
			})
			if got := cloud.RegionIDs("DescribeEventDetail"); !slices.Equal(got, []string{tt.want}) {
				t.Errorf("RegionId sent = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestAccDSCEventDataSource_apiErrors(t *testing.T) {
	tests := []struct {
		name    string
		setup   func(testCloud)
		wantErr *regexp.Regexp
	}{
		{
			name:    "event not found",
			wantErr: errorPattern(`Event Not Found .* alisec_dsc_event (DescribeEventDetail): Data Security Center event 404404 was not found (RequestId`),
		},
		{
			name: "empty answer is not found",
			setup: func(c testCloud) {
				c.PutDSCEvent("404404", []byte(`{"RequestId":"R-EMPTY","Event":{}}`))
			},
			wantErr: errorPattern(`Data Security Center event 404404 was not found (RequestId R-EMPTY)`),
		},
		{
			name: "permission denied names the RAM action",
			setup: func(c testCloud) {
				c.AddAccount(fakecloud.Account{AccessKeyID: fakecloud.DefaultAccessKeyID, AccessKeySecret: fakecloud.DefaultAccessKeySecret, Denied: []string{"DescribeEventDetail"}})
			},
			wantErr: errorPattern(`Missing RAM Permission .* alisec_dsc_event (DescribeEventDetail): .* Code "Forbidden.RAM": .* RequestId: .* access key LTAI****mo01 from .* Grant the RAM action "yundun-sddp:DescribeEventDetail"`),
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
				Steps:                    []resource.TestStep{{Config: dscConfig(cloud, "event_id = 404404"), ExpectError: tt.wantErr}},
			})
		})
	}
}

// An answer without RequestId or without an Event object fails the read
// with what was missing, where it used to read as not found. A broken
// answer is not retried, so FailFirst: 1 fails a read.
func TestAccDSCEventDataSource_unexpectedAnswers(t *testing.T) {
	const summary = "Unexpected Answer .* alisec_dsc_event (DescribeEventDetail):"
	tests := []struct {
		name     string
		failWith string // a fake cloud fault, or
		put      string // the answer stored for the seed event
		wantErr  *regexp.Regexp
	}{
		{name: "HTTP 200 with {}", failWith: "Empty200",
			wantErr: unexpectedAnswerError(summary, "DescribeEventDetail", "missing RequestId, Event")},
		// Beside a RequestId, a success without the Event is an unknown event.
		{name: "only RequestId", failWith: "RequestIdOnly",
			wantErr: errorPattern(`Event Not Found .* Data Security Center event 52234 was not found (RequestId`)},
		{name: "an event without RequestId", failWith: "MissingRequestId",
			wantErr: unexpectedAnswerError(summary, "DescribeEventDetail", "missing RequestId")},
		{name: "null Event", put: `{"RequestId":"R-NULL","Event":null}`,
			wantErr: errorPattern(`Event Not Found .* Data Security Center event 52234 was not found (RequestId R-NULL)`)},
		{name: "no Event, no RequestId", put: `{"Event2":{}}`,
			wantErr: unexpectedAnswerError(summary, "DescribeEventDetail", "missing RequestId, Event")},
		{name: "Event an array", put: `{"RequestId":"R","Event":[{"Id":52234}]}`,
			wantErr: unexpectedAnswerError(summary, "DescribeEventDetail", "Event is an array, not an object")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cloud := newTestCloud(t)
			if tt.failWith != "" {
				cloud.SetFault("DescribeEventDetail", fakecloud.Fault{FailFirst: 1, FailWith: tt.failWith})
			}
			if tt.put != "" {
				cloud.PutDSCEvent("52234", []byte(tt.put))
			}
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps:                    []resource.TestStep{{Config: dscConfig(cloud, "event_id = 52234"), ExpectError: tt.wantErr}},
			})
		})
	}
}
