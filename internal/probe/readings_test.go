package probe

import (
	"strings"
	"testing"

	"github.com/alisec/terraform-provider-alisec/internal/alicloud"
)

// ok is a success answer with body.
func ok(body string) *alicloud.RawAnswer {
	return &alicloud.RawAnswer{HTTPStatus: 200, Body: []byte(body), RequestID: "R"}
}

// failed is an error answer.
func failed(status int, code string) *alicloud.RawAnswer {
	return &alicloud.RawAnswer{HTTPStatus: status, Code: code, RequestID: "R"}
}

func TestProbe_quietPage(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		ans  *alicloud.RawAnswer
		want Verdict
	}{
		{"absent", ok(`{"RequestId":"R","TotalCount":0}`), Holds},
		{"null", ok(`{"RequestId":"R","TotalCount":0,"Items":null}`), Handled},
		{"empty", ok(`{"RequestId":"R","TotalCount":"0","Items":[]}`), Handled},
		{"no TotalCount", ok(`{"RequestId":"R","Items":[]}`), Breaks},
		{"no RequestId", ok(`{"TotalCount":0}`), Breaks},
		{"items not an array", ok(`{"RequestId":"R","TotalCount":0,"Items":{}}`), Breaks},
		{"items with TotalCount 0", ok(`{"RequestId":"R","TotalCount":0,"Items":[{}]}`), Breaks},
		{"events after all", ok(`{"RequestId":"R","TotalCount":3,"Items":[{}]}`), Inconclusive},
		{"RAM denial", failed(403, "Forbidden.RAM"), Inconclusive},
		{"throttled", failed(400, "Throttling.User"), Inconclusive},
		{"an error", failed(400, "InvalidParameter"), Breaks},
		{"no answer", nil, Inconclusive},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := quietPage(tt.ans, "yundun-sddp:DescribeEvents", "Items"); got.verdict != tt.want {
				t.Errorf("%+v, want %s", got, tt.want)
			}
		})
	}
}

func TestProbe_unknownDetail(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		ans  *alicloud.RawAnswer
		want Verdict
	}{
		{"absent", ok(`{"RequestId":"R"}`), Holds},
		{"null", ok(`{"RequestId":"R","Event":null}`), Handled},
		{"empty", ok(`{"RequestId":"R","Event":{}}`), Handled},
		{"a code mapped to not found", failed(404, alicloud.NotFoundCodes()[0]), Handled},
		{"another code", failed(400, "Event.Gone"), Breaks},
		{"content", ok(`{"RequestId":"R","Event":{"Name":"x"}}`), Breaks},
		{"another Id", ok(`{"RequestId":"R","Event":{"Id":52234}}`), Breaks},
		{"the Id asked", ok(`{"RequestId":"R","Event":{"Id":999999999999}}`), Inconclusive},
		{"no RequestId", ok(`{}`), Breaks},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := dscUnknownReading(tt.ans); got.verdict != tt.want {
				t.Errorf("%+v, want %s", got, tt.want)
			}
		})
	}
}

func TestProbe_totalCountReading(t *testing.T) {
	t.Parallel()
	page2 := func(n int) func() (int, outcome, bool) {
		return func() (int, outcome, bool) { return n, outcome{}, true }
	}
	tests := []struct {
		name        string
		total       int64
		items, next int
		want        Verdict
		wantReading string
	}{
		{"matching", 7, 1, 0, Holds, "counts matching events"},
		{"the page", 1, 1, 1, Handled, "counts the page"},
		{"one event", 1, 1, 0, Inconclusive, "one event"},
		{"no event", 0, 0, 0, Inconclusive, "TotalCount 0"},
		{"neither", 3, 0, 0, Breaks, "TotalCount 3 with 0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := totalCountReading(tt.total, tt.items, page2(tt.next))
			if got.verdict != tt.want || !strings.Contains(got.reading, tt.wantReading) {
				t.Errorf("%+v, want %s with %q", got, tt.want, tt.wantReading)
			}
		})
	}
}

func TestProbe_pageSizeReading(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		ans  *alicloud.RawAnswer
		want Verdict
	}{
		{"full page of 100", ok(`{"RequestId":"R","TotalCount":250,"PageSize":100,"Items":[` + items(100) + `]}`), Holds},
		{"echoed cap", ok(`{"RequestId":"R","TotalCount":250,"PageSize":"20","Items":[` + items(20) + `]}`), Holds},
		{"no echo, all on the page", ok(`{"RequestId":"R","TotalCount":70,"Items":[` + items(70) + `]}`), Holds},
		{"100 refused", failed(400, "InvalidParameter.PageSize"), Handled},
		{"silent cap", ok(`{"RequestId":"R","TotalCount":250,"Items":[` + items(50) + `]}`), Breaks},
		{"cap below the echo", ok(`{"RequestId":"R","TotalCount":250,"PageSize":100,"Items":[` + items(50) + `]}`), Breaks},
		{"more than echoed", ok(`{"RequestId":"R","TotalCount":250,"PageSize":10,"Items":[` + items(50) + `]}`), Breaks},
		{"few events", ok(`{"RequestId":"R","TotalCount":30,"PageSize":100,"Items":[` + items(30) + `]}`), Inconclusive},
		{"few events, a smaller echo", ok(`{"RequestId":"R","TotalCount":30,"PageSize":20,"Items":[` + items(20) + `]}`), Holds},
		{"RAM denial", failed(400, "Forbidden.RAM"), Inconclusive},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := pageSizeReading(tt.ans); got.verdict != tt.want {
				t.Errorf("%+v, want %s", got, tt.want)
			}
		})
	}
}

func items(n int) string { return strings.TrimSuffix(strings.Repeat(`{},`, n), ",") }

func TestProbe_timeUnitReading(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		ms, s int64
		want  Verdict
	}{
		{"milliseconds", 12, 0, Holds},
		{"seconds", 0, 12, Breaks},
		{"either", 12, 12, Holds},
		{"no events", 0, 0, Inconclusive},
		{"both, differing", 12, 3, Inconclusive},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := timeUnitReading(tt.ms, tt.s); got.verdict != tt.want {
				t.Errorf("%+v, want %s", got, tt.want)
			}
		})
	}
}

func TestProbe_foreignAndInstanceReadings(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		got  func() outcome
		want Verdict
	}{
		{"foreign: documented code", func() outcome { return foreignReading(failed(400, "Waf.Instance.ValidFaild")) }, Holds},
		{"foreign: quiet", func() outcome { return foreignReading(ok(`{"RequestId":"R","TotalCount":0}`)) }, Handled},
		{"foreign: events", func() outcome { return foreignReading(ok(`{"RequestId":"R","TotalCount":4}`)) }, Breaks},
		{"foreign: another code", func() outcome { return foreignReading(failed(400, "InvalidParameter")) }, Breaks},
		{"instance: present", func() outcome { o, _ := instanceReading(ok(`{"RequestId":"R","InstanceId":"i"}`)); return o }, Holds},
		{"instance: absent", func() outcome { o, _ := instanceReading(ok(`{"RequestId":"R"}`)); return o }, Holds},
		{"instance: empty", func() outcome { o, _ := instanceReading(ok(`{"RequestId":"R","InstanceId":""}`)); return o }, Handled},
		{"instance: null", func() outcome { o, _ := instanceReading(ok(`{"RequestId":"R","InstanceId":null}`)); return o }, Breaks},
		{"instance: RAM denial", func() outcome { o, _ := instanceReading(failed(403, "Forbidden.RAM")); return o }, Inconclusive},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := tt.got(); got.verdict != tt.want {
				t.Errorf("%+v, want %s", got, tt.want)
			}
		})
	}
}

func TestProbe_endpointReading(t *testing.T) {
	t.Parallel()
	yes, no := true, false
	tests := []struct {
		name              string
		primary, override bool
		fallback          *bool
		want              Verdict
	}{
		{"answered", true, false, nil, Holds},
		{"both answered", true, false, &yes, Holds},
		{"only the fallback", false, false, &yes, Breaks},
		{"neither", false, false, &no, Inconclusive},
		{"override silent", false, true, nil, Inconclusive},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := endpointReading("sddp-api.cn-hongkong.aliyuncs.com", tt.primary, tt.override, tt.fallback); got.verdict != tt.want {
				t.Errorf("%+v, want %s", got, tt.want)
			}
		})
	}
}

func TestProbe_redaction(t *testing.T) {
	t.Parallel()
	shapes := parseBody([]byte(`{"RequestId":"abc","InstanceId":"i-1","RegionId":"cn-hangzhou","TotalCount":"3","PageSize":20,` +
		`"Items":[1,2],"Name":"secret name","Count":5}`)).shapes()
	want := map[string]KeyShape{
		"RequestId": {"RequestId", typeString, -1, hashed("abc")}, "InstanceId": {"InstanceId", typeString, -1, hashed("i-1")},
		"RegionId": {"RegionId", typeString, -1, ""}, "TotalCount": {"TotalCount", typeString, -1, `"3"`},
		"PageSize": {"PageSize", typeNumber, -1, "20"}, "Items": {"Items", typeArray, 2, ""},
		"Name": {"Name", typeString, -1, ""}, "Count": {"Count", typeNumber, -1, ""},
	}
	for _, s := range shapes {
		if s != want[s.Key] {
			t.Errorf("%+v, want %+v", s, want[s.Key])
		}
	}
	if len(hashed("x")) != 9 {
		t.Errorf("hashed(x) = %q, want # and 8 hex digits", hashed("x"))
	}
	masked := maskAddresses("from 203.0.113.7 and 2001:db8::1 at host a.example")
	if strings.Contains(masked, "203.0.113.7") || strings.Contains(masked, "2001:db8") || !strings.Contains(masked, "a.example") {
		t.Errorf("maskAddresses: %q", masked)
	}
}
