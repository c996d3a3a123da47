package bench

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/alisec/terraform-provider-alisec/internal/alicloud"
	"github.com/alisec/terraform-provider-alisec/internal/fakecloud"
)

// Event is one event a plan reads, with the data source that reads it.
type Event struct {
	WAF bool   // alisec_waf_threat_event; otherwise alisec_dsc_event
	ID  string // WAF event ID, or DSC event number
}

// The WAF instance and region every benchmark WAF event belongs to.
const (
	benchInstance = "waf_v2_public_cn-bench0000"
	benchRegion   = "cn-hangzhou"
	firstDSCEvent = 100000
)

// Events are n different events, WAF and DSC in turn. Each is read once, so
// the client's singleflight merges no two reads.
func Events(n int) []Event {
	events := make([]Event, n)
	for i := range events {
		if i%2 == 0 {
			events[i] = Event{WAF: true, ID: fmt.Sprintf("bench%027d", i)}
		} else {
			events[i] = Event{ID: strconv.Itoa(firstDSCEvent + i)}
		}
	}
	return events
}

// PlanConfig is a configuration with one data source per event. Endpoints
// and keys come from the environment, so one file serves every fake cloud.
func PlanConfig(events []Event) string {
	var b strings.Builder
	b.WriteString(`terraform {
  required_providers {
    alisec = {
      source = "alisec/alisec"
    }
  }
}

provider "alisec" {
  region = "` + benchRegion + `"
}
`)
	for i, e := range events {
		if e.WAF {
			fmt.Fprintf(&b, "\ndata \"alisec_waf_threat_event\" \"e%05d\" {\n  instance_id = %q\n  event_id    = %q\n}\n", i, benchInstance, e.ID)
			continue
		}
		fmt.Fprintf(&b, "\ndata \"alisec_dsc_event\" \"e%05d\" {\n  event_id = %s\n  lang     = \"en\"\n}\n", i, e.ID)
	}
	return b.String()
}

// Cloud is a fake cloud serving a plan's events on a loopback port.
type Cloud struct {
	*fakecloud.Server
	*fakecloud.Listening // URL and Close
}

// StartCloud serves events with fault on both detail actions. Each plan
// gets its own cloud, so request counts and fault draws start afresh.
func StartCloud(events []Event, fault fakecloud.Fault) (*Cloud, error) {
	fake := fakecloud.New()
	for _, e := range events {
		if e.WAF {
			fake.PutWAFEvent(benchRegion, benchInstance, e.ID, wafResponse(e.ID))
		} else {
			fake.PutDSCEvent(e.ID, dscResponse(e.ID))
		}
	}
	fake.SetFault(alicloud.WAFThreatEventAction, fault)
	fake.SetFault(alicloud.DSCEventAction, fault)

	listening, err := fake.Listen("127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	return &Cloud{Server: fake, Listening: listening}, nil
}

// Reads counts the requests for the two detail actions: one per read, plus
// one per retry.
func (c *Cloud) Reads() int {
	return c.Requests(alicloud.WAFThreatEventAction) + c.Requests(alicloud.DSCEventAction)
}

// wafResponse is DescribeThreatEventDetail's answer for id, shaped as the
// API reference page's example.
func wafResponse(id string) []byte {
	return mustJSON(map[string]any{
		"RequestId": "BENCH-WAF-" + id,
		"ThreatEventDetail": map[string]any{
			"IsPersistent":      1,
			"EventLevel":        "high",
			"EventBlock":        "20",
			"EventCnt":          "20",
			"EndTime":           1749916800000,
			"EventIntelligence": `["CVE-2020-14882","DDoS Attack"]`,
			"EventSrcRegion":    "GB-ENG",
			"EventSrc":          "192.0.2.10",
			"EventSuggest":      "FixBug",
			"EventCondition":    `{"end_ts": 1766637714, "start_ts": 1764096746, "condition": {"real_client_ip": ["192.0.2.10", "192.0.2.11", "192.0.2.12"]}}`,
			"EventTag":          "MultipleDomainWebattack",
			"EventSrcCountry":   "GB",
		},
	})
}

// dscResponse is DescribeEventDetail's answer for id, shaped as the API
// reference page's example, nested lists included.
func dscResponse(id string) []byte {
	n, _ := strconv.ParseInt(id, 10, 64)
	return mustJSON(map[string]any{
		"RequestId": "BENCH-DSC-" + id,
		"Event": map[string]any{
			"Id":              n,
			"DisplayName":     "yundunsr",
			"Status":          0,
			"StatusName":      "Pending",
			"DealReason":      "Anomaly confirmed",
			"UserId":          0,
			"DealTime":        1611139155000,
			"DealLoginName":   "det1111",
			"DealDisplayName": "yundunsr",
			"DealUserId":      0,
			"EventTime":       1545829129000,
			"AlertTime":       1545829129000,
			"LoginName":       "det1111",
			"TypeCode":        "02",
			"TypeName":        "Anomalous data flow",
			"SubTypeCode":     "020008",
			"SubTypeName":     "Anomalous volume of downloaded data",
			"ProductCode":     "MaxCompute",
			"DataInstance":    "in-222***",
			"Backed":          false,
			"NewAlarm":        true,
			"LogDetail":       `{"client_ip": ["192.0.2.20"], "start_time": "2020-05-10 00:00:01", "end_time": "2020-05-10 00:21:22"}`,
			"HandleInfoList": []any{map[string]any{
				"Id":           11,
				"Status":       1,
				"HandlerName":  "Remove from the whitelist",
				"HandlerType":  "rds_security_ip",
				"HandlerValue": 10,
				"CurrentValue": "sddp-test2",
				"EnableTime":   1611139155000,
				"DisableTime":  1611139155000,
			}},
			"Detail": map[string]any{
				"Content": []any{map[string]any{"Label": "Anomaly description", "Value": "Access from an unusual terminal.", "Name": "daliaoyuncom"}},
				"Chart": []any{map[string]any{
					"Name":     "misskingm",
					"Label":    "Baseline behavior chart",
					"Type":     "1",
					"ChatType": 1,
					"XLabel":   "Number of days",
					"YLabel":   "Value",
					"ZLabel":   "chart description",
					"Data":     map[string]any{"X": []string{"[d1,d2,d3]"}, "Y": []string{"[1,2,3]"}, "Z": []string{"[5,7]"}},
				}},
				"ResourceInfo": []any{map[string]any{"Label": "Risk", "Value": "An attacker may have obtained the account."}},
			},
		},
	})
}

func mustJSON(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return b
}
