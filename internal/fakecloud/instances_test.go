package fakecloud

import (
	"cmp"
	"encoding/json"
	"fmt"
	"net/http"
	"sort"
	"strings"
	"testing"
	"time"
)

const pageWAFInstance = "waf_v2_public_cn-lbj0xxxx"

// instanceParams is a valid DescribeInstance call; "" leaves RegionId out.
func instanceParams(now time.Time, region string) map[string]string {
	p := signedParams("DescribeInstance", "2021-10-01", now)
	if region != "" {
		p["RegionId"] = region
	}
	return p
}

func TestDescribeInstance(t *testing.T) {
	t.Parallel()
	event := []byte(`{"RequestId":"R1","ThreatEventDetail":{"EventLevel":"low"}}`)
	tests := []struct {
		name   string
		setup  func(s *Server)
		region string
		edit   func(p map[string]string)
		want   string // the InstanceId answered; "" for none
	}{
		{name: "fixtures' instance", region: "cn-hangzhou", want: pageWAFInstance},
		{name: "region defaults to cn-hangzhou", want: pageWAFInstance},
		{name: "resource group accepted", region: "cn-hangzhou", want: pageWAFInstance,
			edit: func(p map[string]string) { p["ResourceManagerResourceGroupId"] = "rg-acfm0000" }},
		{name: "no fixtures, no instance", region: "ap-southeast-1"},
		{name: "set in an empty region", region: "ap-southeast-1", want: "waf_v2_public_intl-1",
			setup: func(s *Server) { s.SetWAFInstance("ap-southeast-1", "waf_v2_public_intl-1") }},
		{name: "set replaces the fixtures'", region: "cn-hangzhou", want: "waf_v2_public_cn-2",
			setup: func(s *Server) { s.SetWAFInstance("cn-hangzhou", "waf_v2_public_cn-2") }},
		{name: "set to none", region: "cn-hangzhou",
			setup: func(s *Server) { s.SetWAFInstance("cn-hangzhou", "") }},
		{name: "the last set wins", region: "cn-hangzhou", want: "waf-b",
			setup: func(s *Server) {
				s.SetWAFInstance("cn-hangzhou", "waf-a")
				s.SetWAFInstance("cn-hangzhou", "")
				s.SetWAFInstance("cn-hangzhou", "waf-b")
			}},
		{name: "a put event's instance beats the fixtures'", region: "cn-hangzhou", want: "i-1",
			setup: func(s *Server) { s.PutWAFEvent("cn-hangzhou", "i-1", "e-1", event) }},
		{name: "the first put instance stays", region: "ap-southeast-1", want: "i-1",
			setup: func(s *Server) {
				s.PutWAFEvent("ap-southeast-1", "i-1", "e-1", event)
				s.PutWAFEvent("ap-southeast-1", "i-1", "e-2", event)
				s.PutWAFEventForDomain("ap-southeast-1", "i-2", "e-3", "a.example.com", event)
			}},
		{name: "a put leaves the other region alone", region: "cn-hangzhou", want: pageWAFInstance,
			setup: func(s *Server) { s.PutWAFEvent("ap-southeast-1", "i-1", "e-1", event) }},
		{name: "set beats a later put", region: "ap-southeast-1", want: "waf-set",
			setup: func(s *Server) {
				s.SetWAFInstance("ap-southeast-1", "waf-set")
				s.PutWAFEvent("ap-southeast-1", "i-1", "e-1", event)
			}},
		{name: "set to none beats a later put", region: "ap-southeast-1",
			setup: func(s *Server) {
				s.SetWAFInstance("ap-southeast-1", "")
				s.PutWAFEvent("ap-southeast-1", "i-1", "e-1", event)
			}},
		{name: "set beats an earlier put", region: "ap-southeast-1", want: "waf-set",
			setup: func(s *Server) {
				s.PutWAFEvent("ap-southeast-1", "i-1", "e-1", event)
				s.SetWAFInstance("ap-southeast-1", "waf-set")
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := New()
			if tt.setup != nil {
				tt.setup(s)
			}
			p := instanceParams(time.Now(), tt.region)
			if tt.edit != nil {
				tt.edit(p)
			}
			resp := serve(t, s, rpcRequest{method: http.MethodPost, params: p})
			if resp.status != http.StatusOK {
				t.Fatalf("HTTP %d %s", resp.status, resp.safeText())
			}
			if resp.str("RequestId") == "" || resp.str("RequestId") != resp.header.Get("x-acs-request-id") {
				t.Errorf("RequestId %q, header %q", resp.str("RequestId"), resp.header.Get("x-acs-request-id"))
			}
			if tt.want == "" {
				if len(resp.body) != 1 {
					t.Errorf("no instance, but the answer holds more than RequestId: %s", resp.raw)
				}
				return
			}
			checkInstance(t, resp, tt.want, cmp.Or(tt.region, "cn-hangzhou"))
		})
	}
}

// checkInstance asserts an instance's answer field by field, with the
// types of the WAF 3.0 SDK's DescribeInstanceResponseBody.
func checkInstance(t *testing.T, resp response, instanceID, region string) {
	t.Helper()
	var body struct {
		RequestID  string         `json:"RequestId"`
		InstanceID string         `json:"InstanceId"`
		RegionID   string         `json:"RegionId"`
		Edition    string         `json:"Edition"`
		Status     int            `json:"Status"`
		PayType    string         `json:"PayType"`
		InDebt     string         `json:"InDebt"`
		StartTime  int64          `json:"StartTime"`
		EndTime    int64          `json:"EndTime"`
		Details    map[string]any `json:"Details"`
	}
	dec := json.NewDecoder(strings.NewReader(resp.raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&body); err != nil {
		t.Fatalf("%v: %s", err, resp.raw)
	}
	if body.InstanceID != instanceID || body.RegionID != region {
		t.Errorf("InstanceId %q in %q, want %q in %q", body.InstanceID, body.RegionID, instanceID, region)
	}
	if body.Edition == "" || body.Status != 1 || body.InDebt != "0" || (body.PayType != "PREPAY" && body.PayType != "POSTPAY") {
		t.Errorf("Edition %q, Status %d, InDebt %q, PayType %q", body.Edition, body.Status, body.InDebt, body.PayType)
	}
	// Milliseconds, bought in the past, paid well into the future.
	if now := time.Now().UnixMilli(); body.StartTime < 1e12 || body.StartTime > now || body.EndTime < now+365*24*3600*1000 {
		t.Errorf("StartTime %d, EndTime %d: want ms, before and long after now", body.StartTime, body.EndTime)
	}
	if len(body.Details) == 0 {
		t.Error("no Details")
	}
}

func TestDescribeInstance_rejected(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		edit   func(p map[string]string)
		status int
		code   string
	}{
		{"region WAF does not serve", func(p map[string]string) { p["RegionId"] = "cn-shanghai" }, http.StatusBadRequest, "InvalidRegionId"},
		{"WAF 2.0 version", func(p map[string]string) { p["Version"] = "2019-09-10" }, http.StatusBadRequest, "InvalidVersion"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			p := instanceParams(time.Now(), "cn-hangzhou")
			tt.edit(p)
			serve(t, New(), rpcRequest{params: p}).checkError(t, tt.status, tt.code)
		})
	}
}

// TestFixtures_oneWAFInstancePerRegion checks that the embedded WAF
// fixtures agree with an account that has one instance per region, and
// that DescribeInstance answers it.
func TestFixtures_oneWAFInstancePerRegion(t *testing.T) {
	t.Parallel()
	entries, err := fixtures.ReadDir("fixtures/waf")
	if err != nil {
		t.Fatal(err)
	}
	instances := map[string]string{}
	for _, e := range entries {
		data, err := fixtures.ReadFile("fixtures/waf/" + e.Name())
		if err != nil {
			t.Fatal(err)
		}
		var f wafFixture
		if err := json.Unmarshal(data, &f); err != nil {
			t.Fatalf("%s: %v", e.Name(), err)
		}
		if prev, ok := instances[f.RegionID]; ok && prev != f.InstanceID {
			t.Errorf("%s: instance %q in %s, where other fixtures have %q", e.Name(), f.InstanceID, f.RegionID, prev)
		}
		instances[f.RegionID] = f.InstanceID
	}
	if instances["cn-hangzhou"] != pageWAFInstance {
		t.Errorf("cn-hangzhou fixtures' instance %q, want the page example's %q", instances["cn-hangzhou"], pageWAFInstance)
	}
	s := New()
	regions := make([]string, 0, len(wafRegions))
	for r := range wafRegions {
		regions = append(regions, r)
	}
	sort.Strings(regions)
	for _, region := range regions {
		resp := serve(t, s, rpcRequest{params: instanceParams(time.Now(), region)})
		if got := resp.str("InstanceId"); got != instances[region] {
			t.Errorf("%s: DescribeInstance says %q, fixtures %q", region, got, instances[region])
		}
	}
}

// TestWAFEvents_otherInstance pins what the event actions answer for an
// instance that is not the account's in the region: Waf.Instance.ValidFaild
// by default, or under InstanceQuiet what they answer for no events.
func TestWAFEvents_otherInstance(t *testing.T) {
	t.Parallel()
	detail := func(edit func(p map[string]string)) func() map[string]string {
		return func() map[string]string {
			p := wafParams(time.Now())
			edit(p)
			return p
		}
	}
	list := func(edit func(p map[string]string)) func() map[string]string {
		return func() map[string]string {
			p := signedParams("DescribeThreatEvent", "2021-10-01", time.Now())
			p["InstanceId"], p["StartTime"], p["EndTime"] = pageWAFInstance, "0", "4102444800000"
			edit(p)
			return p
		}
	}
	tests := []struct {
		name   string
		setup  func(s *Server)
		params func() map[string]string
		mine   bool   // the instance is the account's: answered under either reading
		quiet  string // under InstanceQuiet: "detail" (RequestId alone) or "list" (an empty page)
	}{
		{name: "detail, another instance", quiet: "detail",
			params: detail(func(p map[string]string) { p["InstanceId"] = "waf_v2_public_cn-not-mine" })},
		{name: "detail, the account's instance asked in the other region", quiet: "detail",
			params: detail(func(p map[string]string) { p["RegionId"] = "ap-southeast-1" })},
		// Quiet serves events stored under a foreign instance, as the fake
		// did before readings.
		{name: "detail, region without an instance", quiet: "event",
			setup:  func(s *Server) { s.SetWAFInstance("cn-hangzhou", "") },
			params: detail(func(map[string]string) {})},
		{name: "detail, an event put under a second instance", quiet: "event",
			setup: func(s *Server) {
				s.SetWAFInstance("cn-hangzhou", pageWAFInstance)
				s.PutWAFEvent("cn-hangzhou", "waf-second", "e-2", []byte(`{"RequestId":"R","ThreatEventDetail":{"EventLevel":"low"}}`))
			},
			params: detail(func(p map[string]string) { p["InstanceId"], p["EventId"] = "waf-second", "e-2" })},
		{name: "detail, the account's instance", mine: true, params: detail(func(map[string]string) {})},
		{name: "list, another instance", quiet: "list",
			params: list(func(p map[string]string) { p["InstanceId"] = "waf_v2_public_cn-not-mine" })},
		{name: "list, the account's instance asked in the other region", quiet: "list",
			params: list(func(p map[string]string) { p["RegionId"] = "ap-southeast-1" })},
		{name: "list, the account's instance", mine: true, params: list(func(map[string]string) {})},
	}
	for _, tt := range tests {
		for _, reading := range []ForeignInstance{"", InstanceRefused, InstanceQuiet} {
			t.Run(fmt.Sprintf("%s, %q", tt.name, reading), func(t *testing.T) {
				t.Parallel()
				s := New()
				if err := s.SetReadings(Readings{ForeignInstance: reading}); err != nil {
					t.Fatal(err)
				}
				if tt.setup != nil {
					tt.setup(s)
				}
				resp := serve(t, s, rpcRequest{params: tt.params()})
				switch {
				case tt.mine:
					if resp.status != http.StatusOK || len(resp.body) < 2 {
						t.Errorf("the account's instance: HTTP %d %s", resp.status, resp.safeText())
					}
				case reading != InstanceQuiet:
					resp.checkError(t, http.StatusBadRequest, "Waf.Instance.ValidFaild")
					if resp.str("Message") != "WAF instance check failed." {
						t.Errorf("Message %q", resp.str("Message"))
					}
				case tt.quiet == "detail":
					checkRequestIDOnly(t, resp)
				case tt.quiet == "event":
					if detail, _ := resp.body["ThreatEventDetail"].(map[string]any); len(detail) == 0 {
						t.Errorf("want the event stored: %s", resp.safeText())
					}
				default:
					if _, ok := resp.body["ThreatEvents"]; ok || resp.status != http.StatusOK || resp.body["TotalCount"] != float64(0) {
						t.Errorf("want an empty page: HTTP %d %s", resp.status, resp.safeText())
					}
				}
			})
		}
	}
}

// The instance check holds for DescribeThreatEvent's parameters: a bad one
// is refused as such first.
func TestWAFEvents_otherInstanceAfterParameters(t *testing.T) {
	t.Parallel()
	p := wafListParams(map[string]string{"InstanceId": "waf-not-mine", "PageSize": "201"})
	serve(t, New(), rpcRequest{params: p}).checkError(t, http.StatusBadRequest, "InvalidParameter.PageSize")
}
