package fakecloud

import (
	"math"
	"net/http"
	"sync"
	"testing"
	"time"
)

// perToken is how far to move the clock for one token at qps: 1/qps,
// rounded up to the nanosecond.
func perToken(qps float64) time.Duration {
	return time.Duration(math.Ceil(float64(time.Second) / qps))
}

// checkThrottled asserts the gateway's flow control answer, whole.
func checkThrottled(t *testing.T, resp response) {
	t.Helper()
	resp.checkError(t, http.StatusBadRequest, "Throttling.User")
	if got := resp.str("Message"); got != "Request was denied due to user flow control." {
		t.Errorf("Message = %q", got)
	}
	if got := resp.str("HostId"); got != "fakecloud.aliyuncs.com" {
		t.Errorf("HostId = %q", got)
	}
}

func TestFlowControl_burstThenThrottled(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		fc        FlowControl
		wantBurst int
		refills   bool
	}{
		{"burst from QPS", FlowControl{QPS: 2}, 2, true},
		{"fractional QPS rounds the burst up", FlowControl{QPS: 2.5}, 3, true},
		{"slow QPS still allows one", FlowControl{QPS: 0.5}, 1, true},
		{"explicit burst", FlowControl{QPS: 3, Burst: 5}, 5, true},
		{"burst below QPS", FlowControl{QPS: 10, Burst: 1}, 1, true},
		{"burst without refill", FlowControl{Burst: 2}, 2, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s, clk := newClockedServer()
			s.SetFlowControl("DescribeThreatEventDetail", tt.fc)
			send := func() response { return serve(t, s, rpcRequest{params: wafParams(clk.Now())}) }
			for i := range tt.wantBurst {
				if resp := send(); resp.status != http.StatusOK {
					t.Fatalf("request %d of the burst: HTTP %d %s", i+1, resp.status, resp.safeText())
				}
			}
			checkThrottled(t, send())
			checkThrottled(t, send())

			// A token comes back 1/QPS later, one only.
			if tt.refills {
				clk.Add(perToken(tt.fc.QPS) - time.Millisecond)
				checkThrottled(t, send())
				clk.Add(time.Millisecond)
				if resp := send(); resp.status != http.StatusOK {
					t.Fatalf("after 1/QPS: HTTP %d %s", resp.status, resp.safeText())
				}
				checkThrottled(t, send())
			}
			// However long the wait, the bucket holds no more than Burst.
			clk.Add(time.Hour)
			served := 0
			for range tt.wantBurst + 3 {
				if outcome(send()) == "ok" {
					served++
				}
			}
			want := tt.wantBurst
			if !tt.refills {
				want = 0
			}
			if served != want {
				t.Errorf("after an hour: %d served, want %d", served, want)
			}

			total := s.Requests("DescribeThreatEventDetail")
			if got, want := s.Throttled("DescribeThreatEventDetail"), total-tt.wantBurst-want-boolInt(tt.refills); got != want {
				t.Errorf("Throttled = %d of %d requests, want %d", got, total, want)
			}
		})
	}
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// TestFlowControl_buckets checks that each AccessKeyId and each action has
// a bucket of its own, and which setting an action follows.
func TestFlowControl_buckets(t *testing.T) {
	t.Parallel()
	const otherKey, otherSecret = "LTAI5tFakeCloudOther02", "other-secret"
	tests := []struct {
		name  string
		setup func(s *Server)
		// want is the outcome of each request in turn: "waf" and "dsc" by
		// the default key, "waf-other" by another key.
		send []string
		want []string
	}{
		{
			name:  "keys have separate buckets",
			setup: func(s *Server) { s.SetFlowControl("DescribeThreatEventDetail", FlowControl{QPS: 1}) },
			send:  []string{"waf", "waf", "waf-other", "waf-other", "waf"},
			want:  []string{"ok", "throttled", "ok", "throttled", "throttled"},
		},
		{
			name:  "actions have separate buckets under one default",
			setup: func(s *Server) { s.SetFlowControl(AnyAction, FlowControl{QPS: 1}) },
			send:  []string{"waf", "waf", "dsc", "dsc"},
			want:  []string{"ok", "throttled", "ok", "throttled"},
		},
		{
			name:  "a limit on one action leaves the others alone",
			setup: func(s *Server) { s.SetFlowControl("DescribeThreatEventDetail", FlowControl{QPS: 1}) },
			send:  []string{"waf", "dsc", "dsc", "dsc", "waf"},
			want:  []string{"ok", "ok", "ok", "ok", "throttled"},
		},
		{
			name: "an action's own limit overrides the default",
			setup: func(s *Server) {
				s.SetFlowControl(AnyAction, FlowControl{QPS: 1})
				s.SetFlowControl("DescribeEventDetail", FlowControl{QPS: 1, Burst: 3})
			},
			send: []string{"dsc", "dsc", "dsc", "dsc", "waf", "waf"},
			want: []string{"ok", "ok", "ok", "throttled", "ok", "throttled"},
		},
		{
			name: "the zero FlowControl removes a limit",
			setup: func(s *Server) {
				s.SetFlowControl("DescribeThreatEventDetail", FlowControl{QPS: 1})
				s.SetFlowControl("DescribeThreatEventDetail", FlowControl{})
			},
			send: []string{"waf", "waf", "waf", "waf"},
			want: []string{"ok", "ok", "ok", "ok"},
		},
		{
			name: "removing an action's limit falls back to the default",
			setup: func(s *Server) {
				s.SetFlowControl(AnyAction, FlowControl{QPS: 1})
				s.SetFlowControl("DescribeThreatEventDetail", FlowControl{QPS: 5})
				s.SetFlowControl("DescribeThreatEventDetail", FlowControl{})
			},
			send: []string{"waf", "waf"},
			want: []string{"ok", "throttled"},
		},
		{
			name: "removing the default",
			setup: func(s *Server) {
				s.SetFlowControl(AnyAction, FlowControl{QPS: 1})
				s.SetFlowControl(AnyAction, FlowControl{})
			},
			send: []string{"waf", "waf", "dsc", "dsc"},
			want: []string{"ok", "ok", "ok", "ok"},
		},
		{
			name:  "negative values are no limit",
			setup: func(s *Server) { s.SetFlowControl(AnyAction, FlowControl{QPS: -1, Burst: -1}) },
			send:  []string{"waf", "waf", "waf"},
			want:  []string{"ok", "ok", "ok"},
		},
		{
			name:  "NaN is no QPS",
			setup: func(s *Server) { s.SetFlowControl(AnyAction, FlowControl{QPS: math.NaN(), Burst: 1}) },
			send:  []string{"waf", "waf", "waf"},
			want:  []string{"ok", "throttled", "throttled"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s, clk := newClockedServer()
			s.AddAccount(Account{AccessKeyID: otherKey, AccessKeySecret: otherSecret})
			tt.setup(s)
			for i, what := range tt.send {
				var req rpcRequest
				switch what {
				case "waf":
					req = rpcRequest{params: wafParams(clk.Now())}
				case "dsc":
					req = rpcRequest{params: dscParams(clk.Now(), "52234")}
				case "waf-other":
					req = rpcRequest{params: wafParams(clk.Now()), secret: otherSecret}
					req.params["AccessKeyId"] = otherKey
				}
				resp := serve(t, s, req)
				got := outcome(resp)
				if got == `"Throttling.User"` {
					got = "throttled"
				}
				if got != tt.want[i] {
					t.Fatalf("request %d (%s): %s (HTTP %d %.120s), want %s", i+1, what, got, resp.status, resp.safeText(), tt.want[i])
				}
			}
		})
	}
}

// TestFlowControl_onlyAcceptedRequestsTakeTokens checks that requests the
// gateway rejects before flow control take no token.
func TestFlowControl_onlyAcceptedRequestsTakeTokens(t *testing.T) {
	t.Parallel()
	s, clk := newClockedServer()
	s.AddAccount(Account{AccessKeyID: "LTAI5tFakeCloudDenied3", AccessKeySecret: "denied-secret", Denied: []string{"DescribeThreatEventDetail"}})
	s.SetFlowControl(AnyAction, FlowControl{QPS: 1})

	rejected := []struct {
		name   string
		req    func() rpcRequest
		status int
		code   string
	}{
		{"wrong secret", func() rpcRequest { return rpcRequest{params: wafParams(clk.Now()), secret: "wrong"} }, http.StatusBadRequest, "SignatureDoesNotMatch"},
		{"unknown key", func() rpcRequest {
			r := rpcRequest{params: wafParams(clk.Now())}
			r.params["AccessKeyId"] = "LTAI5tNobody"
			return r
		}, http.StatusNotFound, "InvalidAccessKeyId.NotFound"},
		{"stale timestamp", func() rpcRequest { return rpcRequest{params: wafParams(clk.Now().Add(-time.Hour))} }, http.StatusBadRequest, "InvalidTimeStamp.Expired"},
		{"unknown action", func() rpcRequest {
			r := rpcRequest{params: wafParams(clk.Now())}
			r.params["Action"] = "Nope"
			return r
		}, http.StatusNotFound, "InvalidAction.NotFound"},
		{"missing parameter", func() rpcRequest {
			r := rpcRequest{params: wafParams(clk.Now())}
			delete(r.params, "EventId")
			return r
		}, http.StatusBadRequest, "MissingParameter"},
	}
	for range 3 {
		for _, r := range rejected {
			serve(t, s, r.req()).checkError(t, r.status, r.code)
		}
	}
	// The denied key's own bucket is untouched too: Forbidden.RAM comes first.
	for range 3 {
		req := rpcRequest{params: wafParams(clk.Now()), secret: "denied-secret"}
		req.params["AccessKeyId"] = "LTAI5tFakeCloudDenied3"
		serve(t, s, req).checkError(t, http.StatusForbidden, "Forbidden.RAM")
	}

	if resp := serve(t, s, rpcRequest{params: wafParams(clk.Now())}); resp.status != http.StatusOK {
		t.Fatalf("first accepted request: HTTP %d %s", resp.status, resp.safeText())
	}
	checkThrottled(t, serve(t, s, rpcRequest{params: wafParams(clk.Now())}))
	if got := s.Throttled("DescribeThreatEventDetail"); got != 1 {
		t.Errorf("Throttled = %d, want 1", got)
	}
}

// TestFlowControl_concurrent sends requests from many goroutines while the
// clock moves: no more than Burst + QPS*elapsed are served, every other
// one is throttled, and Throttled counts exactly those.
func TestFlowControl_concurrent(t *testing.T) {
	t.Parallel()
	const (
		qps, burst  = 5.0, 3
		workers, n  = 8, 40
		steps, step = 20, 100 * time.Millisecond
	)
	s, clk := newClockedServer()
	s.SetFlowControl("DescribeEventDetail", FlowControl{QPS: qps, Burst: burst})
	start := clk.Now()

	var mu sync.Mutex
	counts := map[string]int{}
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for range n {
				got := outcome(serve(t, s, rpcRequest{params: dscParams(start, "52234")}))
				mu.Lock()
				counts[got]++
				mu.Unlock()
			}
		})
	}
	wg.Go(func() {
		for range steps {
			clk.Add(step)
		}
	})
	wg.Wait()

	elapsed := clk.Now().Sub(start).Seconds()
	if limit := burst + int(qps*elapsed); counts["ok"] > limit || counts["ok"] < burst {
		t.Errorf("%d served over %.1fs, want %d to %d", counts["ok"], elapsed, burst, limit)
	}
	if counts["ok"]+counts[`"Throttling.User"`] != workers*n {
		t.Errorf("unexpected outcomes: %v", counts)
	}
	if got := s.Throttled("DescribeEventDetail"); got != counts[`"Throttling.User"`] {
		t.Errorf("Throttled = %d, want %d", got, counts[`"Throttling.User"`])
	}
}

// TestThrottled_countsFaults checks that Throttled also counts the
// Throttling.User answers a Fault injects, and nothing else.
func TestThrottled_countsFaults(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		fault Fault
		want  int
	}{
		{"FailFirst throttling", Fault{FailFirst: 3, FailWith: "Throttling.User"}, 3},
		{"FailFirst other errors", Fault{FailFirst: 3, FailWith: "InternalError"}, 0},
		{"always throttled", Fault{ThrottleRate: 1}, 5},
		{"always unavailable", Fault{ServerErrorRate: 1}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := New()
			s.SetFault("DescribeEventDetail", tt.fault)
			for range 5 {
				serve(t, s, rpcRequest{params: dscParams(time.Now(), "52234")})
			}
			if got := s.Throttled("DescribeEventDetail"); got != tt.want {
				t.Errorf("Throttled = %d, want %d", got, tt.want)
			}
		})
	}
}
