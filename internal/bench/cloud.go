package bench

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"time"

	"github.com/alisec/terraform-provider-alisec/internal/alicloud"
	"github.com/alisec/terraform-provider-alisec/internal/fakecloud"
)

// Event is one event a plan reads, with the data source that reads it.
type Event struct {
	WAF bool   // alisec_waf_threat_event; otherwise alisec_dsc_event
	ID  string // WAF event ID, or DSC event number
}

// The WAF instance and region every benchmark WAF event belongs to, and
// the times every event carries: the list scenario's windows are built
// around them.
const (
	benchInstance = "waf_v2_public_cn-bench0000"
	benchRegion   = "cn-hangzhou"
	firstDSCEvent = 100000
	wafEndTime    = 1749916800000 // Unix ms, 2025-06-14 16:00 UTC
	dscEventTime  = 1545829129000 // Unix ms, 2018-12-26 12:58 UTC, as the API reference's example
	// listDSCEventTime is the time of the list scenario's DSC events.
	listDSCEventTime = 1735732800000 // Unix ms, 2025-01-01 12:00 UTC
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

// Cloud is a fake cloud serving a plan's events on a loopback port. It
// records when each request arrived, for the flow-control scenarios.
type Cloud struct {
	*fakecloud.Server
	URL string // the base URL to put in the provider's endpoints
	srv *http.Server
	rec *recorder
}

// StartCloud serves events with fault on the detail and list actions. Each
// plan gets its own cloud, so request counts, fault draws and flow-control
// buckets start afresh.
func StartCloud(events []Event, fault fakecloud.Fault) (*Cloud, error) {
	fake := fakecloud.New()
	for _, e := range events {
		if e.WAF {
			fake.PutWAFEvent(benchRegion, benchInstance, e.ID, wafResponse(e.ID))
		} else {
			fake.PutDSCEvent(e.ID, dscResponse(e.ID))
		}
	}
	return serve(fake, fault)
}

// StartListCloud serves n WAF events and n DSC events for the list
// scenario. The fake builds each page from every event it holds, so these
// hold only what the list actions report: with the detail answers, the
// fake's own decoding would take longer than the pacing it is there to
// show. The DSC events carry listDSCEventTime, which no fixture has.
func StartListCloud(n int, fault fakecloud.Fault) (*Cloud, error) {
	fake := fakecloud.New()
	for _, e := range Events(2 * n) {
		if e.WAF {
			fake.PutWAFEvent(benchRegion, benchInstance, e.ID, wafListResponse(e.ID))
		} else {
			fake.PutDSCEvent(e.ID, dscListResponse(e.ID))
		}
	}
	return serve(fake, fault)
}

// serve serves fake with fault on the detail and list actions.
func serve(fake *fakecloud.Server, fault fakecloud.Fault) (*Cloud, error) {
	for _, action := range []string{alicloud.WAFThreatEventAction, alicloud.DSCEventAction, alicloud.WAFThreatEventsAction, alicloud.DSCEventsAction} {
		fake.SetFault(action, fault)
	}

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	rec := &recorder{next: fake}
	c := &Cloud{Server: fake, URL: "http://" + ln.Addr().String(), rec: rec,
		srv: &http.Server{Handler: rec, ReadHeaderTimeout: 10 * time.Second}}
	go func() { _ = c.srv.Serve(ln) }()
	return c, nil
}

// Close stops accepting requests and waits up to five seconds for those
// in flight.
func (c *Cloud) Close() {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_ = c.srv.Shutdown(ctx)
}

// Arrivals are the requests the cloud has answered, in order of arrival.
func (c *Cloud) Arrivals() []Arrival { return c.rec.arrivals() }

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
			"EndTime":           wafEndTime,
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

// wafListResponse is a DescribeThreatEventDetail answer with only what
// DescribeThreatEvent lists.
func wafListResponse(id string) []byte {
	return mustJSON(map[string]any{
		"RequestId": "BENCH-WAF-" + id,
		"ThreatEventDetail": map[string]any{
			"EventLevel": "high", "EventSrc": "192.0.2.10", "EventTag": "MultipleDomainWebattack",
			"EndTime": wafEndTime, "EventBlock": "20", "EventCnt": "20",
		},
	})
}

// dscListResponse is a DescribeEventDetail answer with only what
// DescribeEvents lists.
func dscListResponse(id string) []byte {
	n, _ := strconv.ParseInt(id, 10, 64)
	return mustJSON(map[string]any{
		"RequestId": "BENCH-DSC-" + id,
		"Event": map[string]any{
			"Id": n, "AlertTime": listDSCEventTime, "EventTime": listDSCEventTime, "Backed": false,
			"DisplayName": "yundunsr", "LoginName": "det1111", "UserId": 0,
			"DealDisplayName": "yundunsr", "DealLoginName": "det1111", "DealTime": 1611139155000, "DealUserId": 0,
			"ProductCode": "MaxCompute", "TargetProductCode": "MaxCompute", "Status": 0, "StatusName": "Pending",
			"TypeCode": "02", "TypeName": "Anomalous data flow", "SubTypeCode": "020008",
			"SubTypeName": "Anomalous volume of downloaded data", "WarnLevel": 3,
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
			"EventTime":       dscEventTime,
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
