package provider

import (
	"fmt"
	"regexp"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/alisec/terraform-provider-alisec/internal/fakecloud"
)

// dscListBase is 2023-11-14T22:13:20Z; the seed event (2018) is older.
const dscListBase = int64(1700000000000)

// putDSCListEvents stores n events occurring a second apart after
// dscListBase, with filter fields that cycle.
func putDSCListEvents(cloud testCloud, n int) {
	for i := range n {
		cloud.PutDSCEvent(fmt.Sprint(1000+i), []byte(fmt.Sprintf(`{"RequestId":"R","Event":{
			"Id":%d,"Status":%d,"StatusName":"s%d","EventTime":%d,"AlertTime":%d,"TypeCode":"0%d","SubTypeCode":"0%d000%d",
			"ProductCode":"%s","WarnLevel":%d,"LoginName":"user%d","DataInstance":"inst%d","UserId":9007199254740993,
			"Backed":false,"TargetProductCode":"RDS","TypeName":"t","SubTypeName":"st","DisplayName":"d","DealLoginName":"dl",
			"DealDisplayName":"dd","DealUserId":7,"DealTime":%d}}`,
			1000+i, i%3, i%3, dscListBase+int64(i)*1000, dscListBase+int64(i)*1000, 1+i%3, 1+i%3, i%2,
			[]string{"OSS", "RDS"}[i%2], 1+i%3, i%4, i%5, dscListBase+int64(i)*1000+500)))
	}
}

func dscListConfig(cloud testCloud, args string) string {
	return cloud.providerConfig() + fmt.Sprintf(`
data "alisec_dsc_events" "test" {
  start_time = "2023-11-14T22:13:20Z"
  %s
}
`, args)
}

func TestAccDSCEventsDataSource_pagingAndFields(t *testing.T) {
	cloud := newTestCloud(t)
	putDSCListEvents(cloud, 230)
	values := map[string]knownvalue.Check{
		"total_count": i64(230),
		"ids":         knownvalue.ListSizeExact(230),
		"truncated":   knownvalue.Bool(false),
		"counts_by_level": knownvalue.MapExact(map[string]knownvalue.Check{
			"low": i64(77), "medium": i64(77), "high": i64(76), "unknown": i64(0),
		}),
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: dscListConfig(cloud, ""),
			ConfigStateChecks: append(expectAttributes("data.alisec_dsc_events.test", values),
				statecheck.ExpectKnownValue("data.alisec_dsc_events.test", tfjsonpathIndex("ids", 229), str("1000")),
				statecheck.ExpectKnownValue("data.alisec_dsc_events.test", tfjsonpathIndex("events", 0), knownvalue.ObjectExact(map[string]knownvalue.Check{
					"id": i64(1229), "status": i64(1), "status_name": str("s1"),
					"event_time": i64(dscListBase + 229000), "event_time_rfc3339": str("2023-11-14T22:17:09Z"),
					"alert_time": i64(dscListBase + 229000), "alert_time_rfc3339": str("2023-11-14T22:17:09Z"),
					"deal_time": i64(dscListBase + 229500), "deal_time_rfc3339": str("2023-11-14T22:17:09Z"),
					"type_code": str("02"), "sub_type_code": str("020001"), "product_code": str("RDS"), "warn_level": i64(2),
					"login_name": str("user1"), "user_id": i64(9007199254740993), "backed": knownvalue.Bool(false),
					"target_product_code": str("RDS"), "type_name": str("t"), "sub_type_name": str("st"), "display_name": str("d"),
					"deal_login_name": str("dl"), "deal_display_name": str("dd"), "deal_user_id": i64(7),
				})),
			),
		}},
	})
}

func TestAccDSCEventsDataSource_filters(t *testing.T) {
	tests := []struct {
		name    string
		args    string
		wantIDs []string
	}{
		{"status", "status = 0", []string{"1009", "1006", "1003", "1000"}},
		{"type_code", `type_code = "02"`, []string{"1010", "1007", "1004", "1001"}},
		{"sub_type_code", `sub_type_code = "010000"`, []string{"1006", "1000"}},
		{"product_code", `product_code = "OSS"`, []string{"1010", "1008", "1006", "1004", "1002", "1000"}},
		{"warn_level", "warn_level = 3", []string{"1008", "1005", "1002"}},
		{"user_name", `user_name = "user3"`, []string{"1007", "1003"}},
		{"instance_name", `instance_name = "inst4"`, []string{"1009", "1004"}},
		{"end_time", `end_time = "1700000002"`, []string{"1001", "1000"}},
		{"end_time in milliseconds", `end_time = "1700000002000"`, []string{"1001", "1000"}},
		{"lang and max_results", "lang = \"en\"\n  max_results = 2", []string{"1010", "1009"}},
		{"nothing matches", `product_code = "OTS"`, []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cloud := newTestCloud(t)
			putDSCListEvents(cloud, 11)
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{{
					Config: dscListConfig(cloud, tt.args),
					ConfigStateChecks: []statecheck.StateCheck{
						expectAttribute("data.alisec_dsc_events.test", "ids", strs(tt.wantIDs...)),
					},
				}},
			})
		})
	}
}

func TestAccDSCEventsDataSource_regionID(t *testing.T) {
	for _, tt := range dscRegionCases {
		t.Run(tt.name, func(t *testing.T) {
			cloud := newTestCloud(t)
			putDSCListEvents(cloud, 3)
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{{
					Config: cloud.providerConfig(providerRegion(tt.providerRegion)) + fmt.Sprintf(`
data "alisec_dsc_events" "test" {
  start_time = "2023-11-14T22:13:20Z"
  %s
}
`, tt.args),
					ConfigStateChecks: []statecheck.StateCheck{
						expectAttribute("data.alisec_dsc_events.test", "region_id", str(tt.want)),
						expectAttribute("data.alisec_dsc_events.test", "ids", strs("1002", "1001", "1000")),
					},
				}},
			})
			if got := cloud.RegionIDs("DescribeEvents"); !slices.Equal(got, []string{tt.want}) {
				t.Errorf("RegionId sent = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestAccDSCEventsDataSource_invalidArguments(t *testing.T) {
	tests := []struct {
		name    string
		args    string
		wantErr *regexp.Regexp
	}{
		{"reversed range", `end_time = "2023-11-14T00:00:00Z"`, errorPattern(`Invalid Time Range`)},
		{"status outside 0 to 2", "status = 3", errorPattern(`Invalid Status .* status: expected a whole number from 0 to 2, got 3. Write 0 (unhandled), 1 (confirmed) or 2 (dismissed).`)},
		// The framework's Int64 type answered a fraction with "This is always an error in the provider".
		{"status a fraction", "status = 0.5", errorPattern(`Invalid Status .* status: expected a whole number from 0 to 2, got 0.5, which is not a whole number.`)},
		{"warn_level outside 1 to 3", "warn_level = 0", errorPattern(`Invalid Warn Level .* warn_level: expected a whole number from 1 to 3, got 0.`)},
		{"warn_level a fraction", "warn_level = 2.5", errorPattern(`Invalid Warn Level .* got 2.5, which is not a whole number`)},
		{"max_results a fraction", "max_results = 1.5", errorPattern(`Invalid Max Results .* max_results: expected a whole number of at least 1, got 1.5, which is not a whole number`)},
		{"lang", `lang = "en_us"`, errorPattern(`lang value must be one of: ["zh" "en"], got: "en_us"`)},
		{"region_id a WAF region", `region_id = "cn-hangzhou"`,
			errorPattern(`region_id value must be one of: ["cn-zhangjiakou" "cn-hongkong" "ap-southeast-1"], got: "cn-hangzhou"`)},
		{"end_time not a time", `end_time = "tomorrow"`, errorPattern(`Invalid Time .* "tomorrow"`)},
		{"type_code without its leading zero", `type_code = "2"`, errorPattern(`Invalid Activity Type .* got "2": any other value matches no activity .* Did you mean "02"?`)},
		{"type_code a name", `type_code = "data flow"`, errorPattern(`Invalid Activity Type .* expected "01" .* "02" .* "03" .* got "data flow"`)},
		// The API matches product codes exactly: a case slip would read as
		// no activity, so it is refused before any request.
		{"product_code in lower case", `product_code = "oss"`, errorPattern(
			`Product Code Differs In Case .* product_code: expected "OSS", got "oss". The API matches product codes exactly, so "oss" would match no activity .* Write "OSS"`)},
		{"product_code in another case", `product_code = "maxCompute"`, errorPattern(
			`Product Code Differs In Case .* expected "MaxCompute", got "maxCompute"`)},
		{"end_time negative", `end_time = "-1700000002000"`, errorPattern(`Invalid Time .* "-1700000002000": a Unix time at or before 1970 is not accepted`)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cloud := newTestCloud(t)
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps:                    []resource.TestStep{{Config: dscListConfig(cloud, tt.args), ExpectError: tt.wantErr}},
			})
			if n := cloud.Requests("DescribeEvents"); n != 0 {
				t.Errorf("invalid arguments reached the API: %d requests", n)
			}
		})
	}
}

// An answer without what DescribeEvents always sends fails the read even
// though there are events; only TotalCount 0 with [] reads as zero events.
// A broken answer is not retried, so FailFirst: 1 fails a read.
func TestAccDSCEventsDataSource_unexpectedAnswers(t *testing.T) {
	const summary, action = "Unexpected Answer .* alisec_dsc_events (DescribeEvents):", "DescribeEvents page 1"
	tests := []struct {
		name     string
		failWith string
		wantErr  *regexp.Regexp
	}{
		{"HTTP 200 with {}", "Empty200", unexpectedAnswerError(summary, action, "missing RequestId, TotalCount, Items")},
		{"no RequestId", "MissingRequestId", unexpectedAnswerError(summary, action, "missing RequestId")},
		{"no TotalCount", "MissingTotalCount", unexpectedAnswerError(summary, action, "missing TotalCount")},
		{"no Items", "MissingItems", unexpectedAnswerError(summary, action, "missing Items")},
		{"null Items", "NullItems", unexpectedAnswerError(summary, action, "missing Items")},
		{"Items a string", "MalformedItems", unexpectedAnswerError(summary, action, `Items is the string "x", not an array`)},
		{"an event that is not an object", "NonObjectItem", unexpectedAnswerError(summary, action, "Items[0] is the number 42, not an object")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cloud := newTestCloud(t)
			putDSCListEvents(cloud, 3)
			cloud.SetFault("DescribeEvents", fakecloud.Fault{FailFirst: 1, FailWith: tt.failWith})
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps:                    []resource.TestStep{{Config: dscListConfig(cloud, ""), ExpectError: tt.wantErr}},
			})
		})
	}
	t.Run("TotalCount 0 with an empty array", func(t *testing.T) {
		cloud := newTestCloud(t)
		putDSCListEvents(cloud, 3)
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
			Steps: []resource.TestStep{{
				Config: dscListConfig(cloud, `product_code = "OTS"`),
				ConfigStateChecks: expectAttributes("data.alisec_dsc_events.test", map[string]knownvalue.Check{
					"total_count": i64(0), "ids": knownvalue.ListExact([]knownvalue.Check{}), "events": knownvalue.ListExact([]knownvalue.Check{}),
				}),
			}},
		})
	})
}
