package fakecloud

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/alisec/terraform-provider-alisec/internal/products"
)

// outcome classifies one answer of the fake.
func outcome(r response) string {
	switch {
	case r.status == http.StatusOK && json.Valid([]byte(r.safeText())):
		return "ok"
	case strings.HasPrefix(r.header.Get("Content-Type"), "text/html"):
		return "html"
	case r.status == http.StatusOK:
		return "truncated"
	}
	var body map[string]json.RawMessage
	if err := json.Unmarshal([]byte(r.safeText()), &body); err != nil {
		return "undecodable"
	}
	return string(body["Code"]) // JSON text: "\"Throttling.User\"" or 500
}

func TestFault_failFirst(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		failWith   string
		wantStatus int
		want       string
	}{
		{"throttling", "Throttling.User", 400, `"Throttling.User"`},
		{"unavailable", "ServiceUnavailable", 503, `"ServiceUnavailable"`},
		{"internal error", "InternalError", 500, `"InternalError"`},
		{"numeric code", "NonStringCode", 500, `500`},
		{"HTML page", "HTML", 502, "html"},
		{"captive portal", "HTML200", 200, "html"},
		{"web server page", "HTML404", 404, "html"},
		{"proxy authentication", "HTML407", 407, "html"},
		{"truncated body", "Truncated", 200, "truncated"},
		{"FailWith empty", "", 503, `"ServiceUnavailable"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := New()
			s.SetFault("DescribeThreatEventDetail", Fault{FailFirst: 3, FailWith: tt.failWith})
			for i := range 5 {
				resp := serve(t, s, rpcRequest{params: wafParams(time.Now())})
				want, wantStatus := tt.want, tt.wantStatus
				if i >= 3 {
					want, wantStatus = "ok", http.StatusOK
				}
				if got := outcome(resp); got != want || resp.status != wantStatus {
					t.Fatalf("request %d: HTTP %d %s (%.120s), want HTTP %d %s", i+1, resp.status, got, resp.raw, wantStatus, want)
				}
				if i < 3 && resp.header.Get("x-acs-request-id") == "" {
					t.Errorf("request %d: no x-acs-request-id", i+1)
				}
				if i < 3 && !strings.HasPrefix(tt.failWith, "HTML") && !strings.Contains(resp.raw, resp.header.Get("x-acs-request-id")) {
					t.Errorf("request %d: the body does not carry the request ID", i+1)
				}
			}
			if got := s.Requests("DescribeThreatEventDetail"); got != 5 {
				t.Errorf("Requests = %d, want 5", got)
			}
		})
	}
}

// TestFault_scope checks what a fault applies to: its own action, and only
// requests that passed authentication.
func TestFault_scope(t *testing.T) {
	t.Parallel()
	s := New()
	s.SetFault("DescribeThreatEventDetail", Fault{FailFirst: 1, FailWith: "Throttling.User"})

	// Another action is not affected.
	if resp := serve(t, s, rpcRequest{params: dscParams(time.Now(), "52234")}); resp.status != http.StatusOK {
		t.Fatalf("DescribeEventDetail: HTTP %d %s", resp.status, resp.safeText())
	}
	// A request the gateway rejects does not use up the fault.
	serve(t, s, rpcRequest{params: wafParams(time.Now()), secret: "wrong"}).checkError(t, http.StatusBadRequest, "SignatureDoesNotMatch")
	p := wafParams(time.Now())
	delete(p, "EventId")
	serve(t, s, rpcRequest{params: p}).checkError(t, http.StatusBadRequest, "MissingParameter")
	serve(t, s, rpcRequest{params: wafParams(time.Now())}).checkError(t, http.StatusBadRequest, "Throttling.User")
	if resp := serve(t, s, rpcRequest{params: wafParams(time.Now())}); resp.status != http.StatusOK {
		t.Fatalf("after the fault: HTTP %d %s", resp.status, resp.safeText())
	}
}

func TestFault_rates(t *testing.T) {
	t.Parallel()
	const n = 400
	tests := []struct {
		name  string
		fault Fault
		// want maps an outcome to the range of its count.
		want map[string][2]int
	}{
		{"always throttled", Fault{ThrottleRate: 1}, map[string][2]int{`"Throttling.User"`: {n, n}}},
		{"always unavailable", Fault{ServerErrorRate: 1}, map[string][2]int{`"ServiceUnavailable"`: {n, n}}},
		{"always malformed", Fault{MalformedRate: 1}, map[string][2]int{"truncated": {n, n}}},
		{"healed", Fault{}, map[string][2]int{"ok": {n, n}}},
		{"half throttled", Fault{ThrottleRate: 0.5}, map[string][2]int{`"Throttling.User"`: {150, 250}, "ok": {150, 250}}},
		{"mixed", Fault{ThrottleRate: 0.25, ServerErrorRate: 0.25, MalformedRate: 0.25}, map[string][2]int{
			`"Throttling.User"`: {60, 140}, `"ServiceUnavailable"`: {60, 140}, "truncated": {60, 140}, "ok": {60, 140},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := New()
			s.SetFault("DescribeEventDetail", tt.fault)
			counts := map[string]int{}
			for range n {
				counts[outcome(serve(t, s, rpcRequest{params: dscParams(time.Now(), "52234")}))]++
			}
			total := 0
			for key, r := range tt.want {
				if counts[key] < r[0] || counts[key] > r[1] {
					t.Errorf("%s: %d of %d, want %d to %d (all: %v)", key, counts[key], n, r[0], r[1], counts)
				}
				total += counts[key]
			}
			if total != n {
				t.Errorf("unexpected outcomes: %v", counts)
			}
		})
	}
}

func TestFault_heal(t *testing.T) {
	t.Parallel()
	s := New()
	s.SetFault("DescribeThreatEventDetail", Fault{ServerErrorRate: 1})
	serve(t, s, rpcRequest{params: wafParams(time.Now())}).checkError(t, http.StatusServiceUnavailable, "ServiceUnavailable")
	s.SetFault("DescribeThreatEventDetail", Fault{})
	if resp := serve(t, s, rpcRequest{params: wafParams(time.Now())}); resp.status != http.StatusOK {
		t.Fatalf("after healing: HTTP %d %s", resp.status, resp.safeText())
	}
}

func TestFault_latency(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		fault Fault
		want  string
	}{
		{"slow success", Fault{Latency: 40 * time.Millisecond}, "ok"},
		{"slow failure", Fault{Latency: 40 * time.Millisecond, FailFirst: 1, FailWith: "InternalError"}, `"InternalError"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := New()
			s.SetFault("DescribeThreatEventDetail", tt.fault)
			start := time.Now()
			resp := serve(t, s, rpcRequest{params: wafParams(time.Now())})
			if elapsed := time.Since(start); elapsed < tt.fault.Latency {
				t.Errorf("answered after %s, want at least %s", elapsed, tt.fault.Latency)
			}
			if got := outcome(resp); got != tt.want {
				t.Errorf("outcome %s, want %s", got, tt.want)
			}
		})
	}
}

// A client that gives up ends the injected wait, as a dropped connection
// would: the handler returns without answering instead of sleeping on.
func TestFault_latencyEndsWithTheRequest(t *testing.T) {
	t.Parallel()
	s := New()
	s.SetFault("DescribeThreatEventDetail", Fault{Latency: time.Hour})
	ctx, cancel := context.WithCancel(context.Background())
	req := rpcRequest{params: wafParams(time.Now())}.build(t).WithContext(ctx)
	rec := httptest.NewRecorder()
	done := make(chan struct{})
	go func() {
		s.ServeHTTP(rec, req)
		close(done)
	}()
	cancel()
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		t.Fatal("the handler kept waiting after the request was cancelled")
	}
	if rec.Body.Len() != 0 {
		t.Errorf("a cancelled request got an answer: %q", rec.Body.String())
	}
}

// The answers without what the action always sends are HTTP 200 with valid
// JSON, for every action, and carry the request's ID unless they are about
// its absence.
func TestFault_brokenAnswers(t *testing.T) {
	t.Parallel()
	tests := []struct {
		failWith string
		want     string // the body, with R for the request's ID
	}{
		{"Empty200", `{}`},
		{"RequestIdOnly", `{"RequestId":"R"}`},
		{"MissingRequestId", `{"TotalCount":0,"ThreatEvents":[],"Items":[],"ThreatEventDetail":{"EventLevel":"low"},"Event":{"Id":1,"Status":0}}`},
		{"MissingTotalCount", `{"RequestId":"R","ThreatEvents":[],"Items":[]}`},
		{"MissingItems", `{"RequestId":"R","TotalCount":3}`},
		{"NullItems", `{"RequestId":"R","TotalCount":3,"ThreatEvents":null,"Items":null}`},
		{"MalformedItems", `{"RequestId":"R","TotalCount":1,"ThreatEvents":"x","Items":"x","ThreatEventDetail":"x","Event":"x"}`},
		{"NonObjectItem", `{"RequestId":"R","TotalCount":1,"ThreatEvents":[42],"Items":[42],"ThreatEventDetail":[42],"Event":[42]}`},
	}
	// A valid call of each action of the products table.
	calls := map[string]func() map[string]string{
		"DescribeThreatEventDetail": func() map[string]string { return wafParams(time.Now()) },
		"DescribeEventDetail":       func() map[string]string { return dscParams(time.Now(), "52234") },
		"DescribeThreatEvent": func() map[string]string {
			return wafListParams(map[string]string{"InstanceId": pageWAFInstance, "StartTime": "0", "EndTime": "4102444800000"})
		},
		"DescribeEvents":   func() map[string]string { return listParams("DescribeEvents", "2019-01-03", nil) },
		"DescribeInstance": func() map[string]string { return instanceParams(time.Now(), "cn-hangzhou") },
	}
	var actions []string
	for _, p := range products.All {
		for _, a := range p.Actions {
			if _, ok := calls[a.Name]; !ok {
				t.Errorf("%s %s has no call here: its broken answers go untested", p.Title, a.Name)
				continue
			}
			actions = append(actions, a.Name)
		}
	}
	for _, tt := range tests {
		for _, action := range actions {
			params := calls[action]
			t.Run(tt.failWith+"/"+action, func(t *testing.T) {
				t.Parallel()
				s := New()
				s.SetFault(action, Fault{FailFirst: 1, FailWith: tt.failWith})
				resp := serve(t, s, rpcRequest{params: params()})
				id := resp.header.Get("x-acs-request-id")
				want := strings.ReplaceAll(tt.want, `"R"`, `"`+id+`"`)
				if resp.status != http.StatusOK || !jsonEqual(resp.raw, want) {
					t.Fatalf("HTTP %d %s, want HTTP 200 %s", resp.status, resp.safeText(), want)
				}
				if got := serve(t, s, rpcRequest{params: params()}); outcome(got) != "ok" || jsonEqual(got.raw, want) {
					t.Errorf("the fault outlived FailFirst: HTTP %d %.120s", got.status, got.safeText())
				}
			})
		}
	}
	if _, ok := brokenAnswer("R", "ServiceUnavailable"); ok {
		t.Error("an error code is not a broken answer")
	}
}

func jsonEqual(a, b string) bool {
	var va, vb any
	return json.Unmarshal([]byte(a), &va) == nil && json.Unmarshal([]byte(b), &vb) == nil && reflect.DeepEqual(va, vb)
}

// FailKinds lists what writeBroken knows: no kind but ServiceUnavailable
// falls through to its default, and no kind is listed twice.
func TestFailKinds(t *testing.T) {
	t.Parallel()
	answer := func(kind string) string {
		rec := httptest.NewRecorder()
		writeBroken(rec, "R", kind)
		return fmt.Sprint(rec.Code, rec.Body.String())
	}
	fallback := answer("NoSuchKind")
	seen := map[string]bool{}
	for _, kind := range FailKinds() {
		if seen[kind] {
			t.Errorf("%s listed twice", kind)
		}
		seen[kind] = true
		if got := answer(kind); (got == fallback) != (kind == "ServiceUnavailable") {
			t.Errorf("%s: answered %s", kind, got)
		}
	}
	if len(seen) != len(failCodes)+len(brokenAnswers) {
		t.Errorf("FailKinds() = %v", FailKinds())
	}
}
