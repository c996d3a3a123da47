package fakecloud

import (
	"encoding/json"
	"fmt"
	"net/http"
	"testing"
	"time"
)

func listParams(action, version string, extra map[string]string) map[string]string {
	p := signedParams(action, version, time.Now())
	for k, v := range extra {
		p[k] = v
	}
	return p
}

func wafListParams(extra map[string]string) map[string]string {
	base := map[string]string{"RegionId": "cn-hangzhou", "InstanceId": "i1", "StartTime": "1749916800000", "EndTime": "1749920400000"}
	for k, v := range extra {
		base[k] = v
	}
	return listParams("DescribeThreatEvent", "2021-10-01", base)
}

func TestDescribeThreatEvent_refusesBadParameters(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		params map[string]string
		code   string
	}{
		{"reversed range", wafListParams(map[string]string{"StartTime": "1749920400000", "EndTime": "1749916800000"}), "InvalidParameter"},
		{"page too large", wafListParams(map[string]string{"PageSize": "201"}), "InvalidParameter.PageSize"},
		{"page zero", wafListParams(map[string]string{"PageNumber": "0"}), "InvalidParameter"},
		{"not a time", wafListParams(map[string]string{"StartTime": "yesterday"}), "InvalidParameter"},
		{"region outside WAF", wafListParams(map[string]string{"RegionId": "eu-central-1"}), "InvalidRegionId"},
		{"no instance", listParams("DescribeThreatEvent", "2021-10-01", map[string]string{"StartTime": "1", "EndTime": "2"}), "MissingParameter"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			serve(t, New(), rpcRequest{params: tt.params}).checkError(t, http.StatusBadRequest, tt.code)
		})
	}
}

// Pages cut one sorted list: no item repeats or goes missing between pages.
func TestDescribeThreatEvent_paging(t *testing.T) {
	t.Parallel()
	s := New()
	for i := range 7 {
		s.PutWAFEventForDomain("cn-hangzhou", "i1", fmt.Sprintf("e%d", i), "shop.example",
			[]byte(fmt.Sprintf(`{"ThreatEventDetail":{"EndTime":%d,"EventBlock":"1","EventCnt":"2"}}`, 1749916800000+int64(i)*1000)))
	}
	var got []string
	for pageNumber := 1; pageNumber <= 3; pageNumber++ {
		resp := serve(t, s, rpcRequest{params: wafListParams(map[string]string{"PageNumber": fmt.Sprint(pageNumber), "PageSize": "3"})})
		var body struct {
			TotalCount   int
			ThreatEvents []struct {
				EventID                string `json:"EventId"`
				BlockRate, EventTarget string
			}
		}
		if err := json.Unmarshal([]byte(resp.raw), &body); err != nil || body.TotalCount != 7 {
			t.Fatalf("page %d: %s", pageNumber, resp.safeText())
		}
		for _, e := range body.ThreatEvents {
			if e.BlockRate != "50%" || e.EventTarget != "shop.example-waf" {
				t.Errorf("item %+v lacks its derived fields", e)
			}
			got = append(got, e.EventID)
		}
	}
	if fmt.Sprint(got) != "[e6 e5 e4 e3 e2 e1 e0]" {
		t.Errorf("pages gave %v, want every event once, latest first", got)
	}
}

func TestDescribeEvents_refusesBadParameters(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		params map[string]string
		code   string
	}{
		{"lang of the detail action", map[string]string{"Lang": "en"}, "InvalidParameter"},
		{"page too large", map[string]string{"PageSize": "101"}, "InvalidParameter.PageSize"},
		{"reversed range", map[string]string{"StartTime": "2000", "EndTime": "1000"}, "InvalidParameter"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			serve(t, New(), rpcRequest{params: listParams("DescribeEvents", "2019-01-03", tt.params)}).checkError(t, http.StatusBadRequest, tt.code)
		})
	}
}
