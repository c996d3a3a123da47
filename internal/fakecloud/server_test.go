package fakecloud

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/alisec/terraform-provider-alisec/internal/products"
)

func TestDescribeThreatEventDetail(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		edit       func(p map[string]string)
		wantStatus int
		wantCode   string
		wantNone   bool // 200 with RequestId alone, as the default UnknownEvent reading says
		wantLevel  string
	}{
		{name: "page example", edit: func(map[string]string) {}, wantStatus: 200, wantLevel: "high"},
		{name: "region defaults to cn-hangzhou", edit: func(p map[string]string) { delete(p, "RegionId") }, wantStatus: 200, wantLevel: "high"},
		{name: "other WAF region", edit: func(p map[string]string) { p["RegionId"] = "ap-southeast-1" }, wantStatus: 400, wantCode: "Waf.Instance.ValidFaild"},
		{name: "unknown event", edit: func(p map[string]string) { p["EventId"] = "nope" }, wantStatus: 200, wantNone: true},
		{name: "unknown instance", edit: func(p map[string]string) { p["InstanceId"] = "waf-other" }, wantStatus: 400, wantCode: "Waf.Instance.ValidFaild"},
		{name: "region WAF does not serve", edit: func(p map[string]string) { p["RegionId"] = "cn-shanghai" }, wantStatus: 400, wantCode: "InvalidRegionId"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			p := wafParams(time.Now())
			tt.edit(p)
			resp := serve(t, New(), rpcRequest{params: p})
			if tt.wantCode != "" {
				resp.checkError(t, tt.wantStatus, tt.wantCode)
				return
			}
			if resp.status != tt.wantStatus {
				t.Fatalf("HTTP %d %s", resp.status, resp.safeText())
			}
			if tt.wantNone {
				checkRequestIDOnly(t, resp)
				return
			}
			detail, isObject := resp.body["ThreatEventDetail"].(map[string]any)
			if !isObject {
				t.Fatalf("no ThreatEventDetail object: %s", resp.safeText())
			}
			if detail["EventLevel"] != tt.wantLevel {
				t.Errorf("EventLevel = %v, want %s", detail["EventLevel"], tt.wantLevel)
			}
		})
	}
}

func TestDescribeEventDetail(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		id         string
		lang       string
		wantStatus int
		wantCode   string
		wantInMsg  string
		wantNone   bool // 200 with RequestId alone, as the default UnknownEvent reading says
	}{
		{name: "page example", id: "52234", wantStatus: 200},
		{name: "English", id: "52234", lang: "en", wantStatus: 200},
		{name: "Chinese", id: "52234", lang: "zh", wantStatus: 200},
		{name: "French", id: "52234", lang: "fr", wantStatus: 400, wantCode: "InvalidParameter", wantInMsg: `"fr"`},
		{name: "unknown event", id: "5", wantStatus: 200, wantNone: true},
		{name: "zero", id: "0", wantStatus: 400, wantCode: "InvalidParameter", wantInMsg: "positive"},
		{name: "negative", id: "-3", wantStatus: 400, wantCode: "InvalidParameter", wantInMsg: "positive"},
		{name: "not a number", id: "abc", wantStatus: 400, wantCode: "InvalidParameter", wantInMsg: `"abc"`},
		{name: "too large", id: "9223372036854775808", wantStatus: 400, wantCode: "InvalidParameter"},
		{name: "missing", id: "", wantStatus: 400, wantCode: "MissingParameter", wantInMsg: `"Id"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			p := dscParams(time.Now(), tt.id)
			if tt.id == "" {
				delete(p, "Id")
			}
			if tt.lang != "" {
				p["Lang"] = tt.lang
			}
			resp := serve(t, New(), rpcRequest{method: http.MethodPost, params: p})
			if tt.wantCode != "" {
				resp.checkError(t, tt.wantStatus, tt.wantCode)
				if !strings.Contains(resp.str("Message"), tt.wantInMsg) {
					t.Errorf("Message %q does not contain %q", resp.str("Message"), tt.wantInMsg)
				}
				return
			}
			if resp.status != tt.wantStatus {
				t.Fatalf("HTTP %d %s", resp.status, resp.safeText())
			}
			if tt.wantNone {
				checkRequestIDOnly(t, resp)
				return
			}
			event, _ := resp.body["Event"].(map[string]any)
			if resp.str("RequestId") != "69FB3C1-F4C9-42DF-9B72-7077A8989C13" || event["DisplayName"] != "yundunsr" {
				t.Errorf("not the page example: %.200s", resp.safeText())
			}
		})
	}
}

// TestFixtures checks the embedded fixtures: each is served verbatim, and
// the API pages' examples are among them.
func TestFixtures(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		dir      string
		params   func(f map[string]json.RawMessage) map[string]string
		wantSeen string // a fixture whose response holds this must exist
	}{
		{
			name: "waf",
			dir:  "fixtures/waf",
			params: func(f map[string]json.RawMessage) map[string]string {
				p := wafParams(time.Now())
				p["RegionId"], p["InstanceId"], p["EventId"] = unquote(f["RegionId"]), unquote(f["InstanceId"]), unquote(f["EventId"])
				return p
			},
			wantSeen: `"RequestId":"D7861F61-5B61-46CE-A47C-6B1****"`,
		},
		{
			name: "sddp",
			dir:  "fixtures/sddp",
			params: func(f map[string]json.RawMessage) map[string]string {
				return dscParams(time.Now(), string(f["Id"]))
			},
			wantSeen: `"RequestId":"69FB3C1-F4C9-42DF-9B72-7077A8989C13"`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			entries, err := fixtures.ReadDir(tt.dir)
			if err != nil || len(entries) == 0 {
				t.Fatalf("no fixtures in %s: %v", tt.dir, err)
			}
			s := New()
			seen := false
			for _, e := range entries {
				data, err := fixtures.ReadFile(tt.dir + "/" + e.Name())
				if err != nil {
					t.Fatal(err)
				}
				var f map[string]json.RawMessage
				if err := json.Unmarshal(data, &f); err != nil {
					t.Fatalf("%s: %v", e.Name(), err)
				}
				resp := serve(t, s, rpcRequest{params: tt.params(f)})
				if resp.status != http.StatusOK {
					t.Fatalf("%s: HTTP %d %s", e.Name(), resp.status, resp.safeText())
				}
				want := compact(t, f["Response"])
				if got := compact(t, json.RawMessage(resp.safeText())); got != want {
					t.Errorf("%s: served\n%s\nwant\n%s", e.Name(), got, want)
				}
				seen = seen || strings.Contains(want, tt.wantSeen)
			}
			if !seen {
				t.Errorf("no fixture in %s is the API page's example", tt.dir)
			}
		})
	}
}

func unquote(raw json.RawMessage) string {
	var s string
	_ = json.Unmarshal(raw, &s)
	return s
}

// compact re-encodes JSON, so that two texts of one value compare equal.
func compact(t *testing.T, raw json.RawMessage) string {
	t.Helper()
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		t.Fatalf("invalid JSON %.100s: %v", raw, err)
	}
	out, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

func TestPutEvents(t *testing.T) {
	t.Parallel()
	s := New()
	waf := []byte(`{"RequestId":"R1","ThreatEventDetail":{"EventLevel":"low"}}`)
	dsc := []byte(`{"RequestId":"R2","Event":{"Id":77}}`)
	s.PutWAFEvent("ap-southeast-1", "i-1", "e-1", waf)
	s.PutDSCEvent("77", dsc)
	// The server keeps its own copies.
	copy(waf, "XXXXXXXX")
	copy(dsc, "XXXXXXXX")

	tests := []struct {
		name   string
		params map[string]string
		want   string
	}{
		{
			name: "WAF",
			params: func() map[string]string {
				p := wafParams(time.Now())
				p["RegionId"], p["InstanceId"], p["EventId"] = "ap-southeast-1", "i-1", "e-1"
				return p
			}(),
			want: `{"RequestId":"R1","ThreatEventDetail":{"EventLevel":"low"}}`,
		},
		{name: "DSC", params: dscParams(time.Now(), "77"), want: `{"RequestId":"R2","Event":{"Id":77}}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := serve(t, s, rpcRequest{params: tt.params})
			if resp.status != http.StatusOK || resp.raw != tt.want {
				t.Errorf("HTTP %d %s, want %s", resp.status, resp.raw, tt.want)
			}
		})
	}
}

func TestRequests(t *testing.T) {
	t.Parallel()
	s := New()
	now := time.Now()
	send := []struct {
		req    rpcRequest
		action string
	}{
		{rpcRequest{params: wafParams(now)}, "DescribeThreatEventDetail"},
		{rpcRequest{params: wafParams(now), secret: "wrong"}, "DescribeThreatEventDetail"},
		{rpcRequest{params: wafParams(now), omit: []string{"Timestamp"}}, "DescribeThreatEventDetail"},
		{rpcRequest{params: dscParams(now, "5")}, "DescribeEventDetail"},
		{rpcRequest{params: func() map[string]string {
			p := wafParams(now)
			p["Action"] = "Nope"
			return p
		}()}, "Nope"},
	}
	for _, r := range send {
		serve(t, s, r.req)
	}
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, CredentialsURIPath, nil))

	tests := []struct {
		action string
		want   int
	}{
		{"DescribeThreatEventDetail", 3},
		{"DescribeEventDetail", 1},
		{"Nope", 1},
		{CredentialsURIPath, 1},
		{"AssumeRole", 0},
	}
	for _, tt := range tests {
		t.Run(tt.action, func(t *testing.T) {
			if got := s.Requests(tt.action); got != tt.want {
				t.Errorf("Requests(%q) = %d, want %d", tt.action, got, tt.want)
			}
		})
	}
}

func TestCredentialsURI(t *testing.T) {
	t.Parallel()
	s, clk := newClockedServer()
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, CredentialsURIPath, nil))
	resp := decodeResponse(rec)
	if resp.status != http.StatusOK || !strings.HasPrefix(resp.header.Get("Content-Type"), "application/json") {
		t.Fatalf("HTTP %d, Content-Type %q", resp.status, resp.header.Get("Content-Type"))
	}
	for _, key := range []string{"Code", "AccessKeyId", "AccessKeySecret", "SecurityToken", "Expiration"} {
		if resp.str(key) == "" {
			t.Errorf("the answer lacks %s", key)
		}
	}
	if resp.str("Code") != "Success" {
		t.Errorf("Code = %q, want Success", resp.str("Code"))
	}
	if exp, err := time.Parse("2006-01-02T15:04:05Z", resp.str("Expiration")); err != nil || !exp.Equal(clk.Now().Add(time.Hour)) {
		t.Errorf("Expiration = %q, want an hour from now", resp.str("Expiration"))
	}
	// Each GET is a new session.
	rec2 := httptest.NewRecorder()
	s.ServeHTTP(rec2, httptest.NewRequest(http.MethodGet, CredentialsURIPath, nil))
	if other := decodeResponse(rec2); other.str("AccessKeyId") == resp.str("AccessKeyId") || other.str("SecurityToken") == resp.str("SecurityToken") {
		t.Errorf("two GETs answered the same session")
	}
	// The session signs requests.
	p := wafParams(clk.Now())
	p["AccessKeyId"] = resp.str("AccessKeyId")
	p["SecurityToken"] = resp.str("SecurityToken")
	if r := serve(t, s, rpcRequest{params: p, secret: resp.str("AccessKeySecret")}); r.status != http.StatusOK {
		t.Errorf("a request signed with the session: HTTP %d %s", r.status, r.str("Code"))
	}
}

func TestAuthorize(t *testing.T) {
	t.Parallel()
	s := New()
	s.AddAccount(Account{AccessKeyID: "LTAI5tReader", AccessKeySecret: "reader-secret", Denied: []string{"DescribeEventDetail"}})
	tests := []struct {
		name     string
		params   map[string]string
		wantCode string
	}{
		{"denied action", func() map[string]string {
			p := dscParams(time.Now(), "52234")
			p["AccessKeyId"] = "LTAI5tReader"
			return p
		}(), "Forbidden.RAM"},
		{"allowed action", func() map[string]string {
			p := wafParams(time.Now())
			p["AccessKeyId"] = "LTAI5tReader"
			return p
		}(), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			resp := serve(t, s, rpcRequest{params: tt.params, secret: "reader-secret"})
			if tt.wantCode == "" {
				if resp.status != http.StatusOK {
					t.Fatalf("HTTP %d %s", resp.status, resp.safeText())
				}
				return
			}
			resp.checkError(t, http.StatusForbidden, tt.wantCode)
			if !strings.Contains(resp.str("Message"), "DescribeEventDetail") {
				t.Errorf("Message %q does not name the action", resp.str("Message"))
			}
		})
	}
}

func TestServer_badForm(t *testing.T) {
	t.Parallel()
	rec := httptest.NewRecorder()
	New().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/?Action=%zz", nil))
	decodeResponse(rec).checkError(t, http.StatusBadRequest, "InvalidParameter")
}

// TestServer_concurrent sends signed requests from many goroutines to one
// server over a loopback listener; run with -race.
func TestServer_concurrent(t *testing.T) {
	t.Parallel()
	s := New()
	s.SetFault("DescribeEventDetail", Fault{ThrottleRate: 0.3})
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	const n = 40
	var wg sync.WaitGroup
	var mu sync.Mutex
	statuses := map[int]int{}
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var r rpcRequest
			if i%2 == 0 {
				r = rpcRequest{params: wafParams(time.Now())}
			} else {
				r = rpcRequest{params: dscParams(time.Now(), "52234")}
			}
			req := r.build(t)
			resp, err := http.Get(srv.URL + "/?" + req.URL.RawQuery)
			if err != nil {
				t.Error(err)
				return
			}
			resp.Body.Close()
			mu.Lock()
			statuses[resp.StatusCode]++
			mu.Unlock()
		}()
	}
	wg.Wait()
	if s.Requests("DescribeThreatEventDetail") != n/2 || s.Requests("DescribeEventDetail") != n/2 {
		t.Errorf("counted %d and %d requests, want %d each", s.Requests("DescribeThreatEventDetail"), s.Requests("DescribeEventDetail"), n/2)
	}
	if statuses[200]+statuses[400] != n || statuses[200] < n/2 {
		t.Errorf("statuses = %v", statuses)
	}
}

// TestRoutes_everyProductAction: every action in the products table is
// served, at the table's API version, so a product added there is added
// here too.
func TestRoutes_everyProductAction(t *testing.T) {
	t.Parallel()
	for _, p := range products.All {
		for _, a := range p.Actions {
			r, ok := routes[a.Name]
			if !ok {
				t.Errorf("%s %s is in the products table but the fake cloud does not serve it", p.Title, a.Name)
				continue
			}
			if r.version != p.APIVersion {
				t.Errorf("%s is served at version %s, the table says %s", a.Name, r.version, p.APIVersion)
			}
		}
	}
}
