package provider

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/alisec/terraform-provider-alisec/internal/fakecloud"
)

// apiReadings are the fake cloud's answers where Alibaba Cloud's references
// allow more than one (docs/guides/api-conformance.md). Between them they
// give every value of every reading the provider must accept.
var apiReadings = []struct {
	name     string
	readings fakecloud.Readings
	// refusesForeignInstance: WAF event actions answer an instance that is
	// not the account's with Waf.Instance.ValidFaild, not with no events.
	refusesForeignInstance bool
}{
	{name: "as the references suggest", readings: fakecloud.DefaultReadings(), refusesForeignInstance: true},
	{name: "every other reading", readings: fakecloud.Readings{
		EmptyItems: fakecloud.ShapeEmpty, UnknownEvent: fakecloud.ShapeEmpty, WAFTotalCount: fakecloud.TotalOnPage,
		DSCPageCap: 20, ForeignInstance: fakecloud.InstanceQuiet,
	}},
	{name: "nulls", readings: fakecloud.Readings{EmptyItems: fakecloud.ShapeNull, UnknownEvent: fakecloud.ShapeNull}, refusesForeignInstance: true},
}

// readingsCloud is a fake cloud answering in readings, with 400 WAF events
// of the account's instance (two full pages of 200) and 120 DSC events in
// 2025-06-14T16:00:00Z to 2025-06-15T16:00:00Z, and a second key pair that
// RAM denies DescribeInstance.
func readingsCloud(t *testing.T, readings fakecloud.Readings) testCloud {
	t.Helper()
	cloud := newTestCloud(t)
	if err := cloud.SetReadings(readings); err != nil {
		t.Fatal(err)
	}
	putWAFListEvents(cloud, 400)
	for i := range 120 {
		id := 7000 + i
		cloud.PutDSCEvent(fmt.Sprint(id), []byte(fmt.Sprintf(
			`{"RequestId":"R","Event":{"Id":%d,"Status":0,"EventTime":%d,"WarnLevel":%d,"TypeCode":"01"}}`,
			id, wafListBase+int64(i+1)*60_000, 1+i%3)))
	}
	cloud.AddAccount(fakecloud.Account{AccessKeyID: deniedInstanceKey, AccessKeySecret: deniedInstanceKey + "-secret", Denied: []string{"DescribeInstance"}})
	return cloud
}

const deniedInstanceKey = "LTAI5tNoDescribeInstance"

const readingsWindow = `
  start_time = "2025-06-14T16:00:00Z"
  end_time   = "2025-06-15T16:00:00Z"`

// quietWindow is a day without events.
const quietWindow = `
  start_time = "2025-06-10T00:00:00Z"
  end_time   = "2025-06-11T00:00:00Z"`

// TestAccAPIReadings reads quiet windows, long lists, unknown events and a
// foreign WAF instance under each reading: every answer a reference allows
// reads as what it means, and an answer no reading allows still fails.
func TestAccAPIReadings(t *testing.T) {
	for _, r := range apiReadings {
		t.Run(r.name, func(t *testing.T) {
			cloud := readingsCloud(t, r.readings)
			lists := cloud.providerConfig() + `
data "alisec_waf_threat_events" "all" {
  instance_id = "i1"` + readingsWindow + `
}
data "alisec_waf_threat_events" "first_page" {
  instance_id = "i1"
  max_results = 200` + readingsWindow + `
}
data "alisec_waf_threat_events" "quiet" {
  instance_id = "i1"` + quietWindow + `
}
data "alisec_dsc_events" "all" {` + readingsWindow + `
}
data "alisec_dsc_events" "quiet" {` + quietWindow + `
}
`
			listChecks := []statecheck.StateCheck{
				expectAttribute("data.alisec_waf_threat_events.all", "total_count", i64(400)),
				expectAttribute("data.alisec_waf_threat_events.all", "ids", knownvalue.ListSizeExact(400)),
				expectAttribute("data.alisec_waf_threat_events.all", "truncated", knownvalue.Bool(false)),
				expectAttribute("data.alisec_waf_threat_events.first_page", "ids", knownvalue.ListSizeExact(200)),
				expectAttribute("data.alisec_waf_threat_events.first_page", "truncated", knownvalue.Bool(true)),
				expectAttribute("data.alisec_waf_threat_events.quiet", "total_count", i64(0)),
				expectAttribute("data.alisec_waf_threat_events.quiet", "events", knownvalue.ListExact([]knownvalue.Check{})),
				expectAttribute("data.alisec_dsc_events.all", "total_count", i64(120)),
				expectAttribute("data.alisec_dsc_events.all", "ids", knownvalue.ListSizeExact(120)),
				expectAttribute("data.alisec_dsc_events.all", "counts_by_level", knownvalue.MapExact(map[string]knownvalue.Check{
					"low": i64(40), "medium": i64(40), "high": i64(40), "unknown": i64(0),
				})),
				expectAttribute("data.alisec_dsc_events.quiet", "total_count", i64(0)),
				expectAttribute("data.alisec_dsc_events.quiet", "events", knownvalue.ListExact([]knownvalue.Check{})),
			}
			foreignInstance := `
data "alisec_waf_threat_events" "foreign" {
  instance_id = "waf_v2_public_cn-foreign00"` + readingsWindow + `
}
`
			// Without DescribeInstance, only the API can tell the instance is
			// not the account's: refused, it is an error; quiet, it reads as
			// no events beside the warning that the instance was not checked.
			unchecked := resource.TestStep{
				Config: deniedInstanceConfig(cloud) + foreignInstance,
				ConfigStateChecks: []statecheck.StateCheck{
					expectAttribute("data.alisec_waf_threat_events.foreign", "total_count", i64(0)),
				},
			}
			if r.refusesForeignInstance {
				unchecked = resource.TestStep{
					Config: deniedInstanceConfig(cloud) + foreignInstance,
					ExpectError: errorPattern(`WAF Instance Not In Region .* DescribeThreatEvent refused WAF instance "waf_v2_public_cn-foreign00" ` +
						`in region cn-hangzhou (Code Waf.Instance.ValidFaild: WAF instance check failed); which instance this account has there is unknown`),
				}
			}
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{
					{Config: lists, ConfigStateChecks: listChecks},
					{
						Config: cloud.providerConfig() + `
data "alisec_waf_threat_event" "unknown" {
  instance_id = "i1"
  event_id    = "0000000000000000000000000000dead"
}
`,
						ExpectError: errorPattern(`Event Not Found .* WAF threat event "0000000000000000000000000000dead" of instance "i1" in cn-hangzhou was not found (RequestId`),
					},
					{
						Config: cloud.providerConfig() + `
data "alisec_dsc_event" "unknown" {
  event_id = 424242
}
`,
						ExpectError: errorPattern(`Event Not Found .* Data Security Center event 424242 was not found (RequestId`),
					},
					{
						Config:      cloud.providerConfig() + foreignInstance,
						ExpectError: errorPattern(`WAF Instance Not In Region .* "waf_v2_public_cn-foreign00" is not in region cn-hangzhou; this account's WAF instance there is "i1"`),
					},
					unchecked,
					{
						// What no reading allows still fails: a TotalCount
						// promising events beside no array at all.
						PreConfig: func() { cloud.SetFault("DescribeEvents", fakecloud.Fault{FailFirst: 1, FailWith: "MissingItems"}) },
						Config:    lists,
						ExpectError: unexpectedAnswerError("Unexpected Answer .* alisec_dsc_events (DescribeEvents):", "DescribeEvents page 1",
							"missing Items"),
					},
				},
			})
		})
	}
}

// deniedInstanceConfig is a provider block whose keys RAM denies
// DescribeInstance, so that no WAF read can check its instance first.
func deniedInstanceConfig(cloud testCloud) string {
	return fmt.Sprintf(`
provider "alisec" {
  access_key = %q
  secret_key = %q
  %s
}
`, deniedInstanceKey, deniedInstanceKey+"-secret", endpointsConfig(cloud.URL))
}

// A DSC detail answer for another event than the one asked fails the read,
// naming both: read as the event asked, it would report another's fields.
func TestAccDSCEventDataSource_answerForAnotherEvent(t *testing.T) {
	cloud := newTestCloud(t)
	cloud.PutDSCEvent("77", []byte(`{"RequestId":"R-other","Event":{"Id":78,"Status":0,"WarnLevel":3}}`))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: cloud.providerConfig() + `
data "alisec_dsc_event" "test" {
  event_id = 77
}
`,
			ExpectError: errorPattern(`Unexpected Answer .* (RequestId R-other): Event.Id is 78, but event 77 was asked for`),
		}},
	})
}
