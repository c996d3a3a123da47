package alicloud

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/alisec/terraform-provider-alisec/internal/fakecloud"
)

func TestClient_wafInstanceCheck(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		instances map[string]string // region -> the account's instance there
		in        ThreatEventInput
		wantErr   string // "" reads the event
	}{
		{"the account's instance", nil, ThreatEventInput{InstanceID: pageWAFInstance, EventID: pageWAFEvent}, ""},
		{"a mistyped instance", nil, ThreatEventInput{InstanceID: "waf_v2_public_cn-lbj0xxxy", EventID: pageWAFEvent},
			`WAF instance "waf_v2_public_cn-lbj0xxxy" is not in region cn-hangzhou; this account's WAF instance there is "waf_v2_public_cn-lbj0xxxx" (DescribeInstance RequestId `},
		{"no instance in the region", map[string]string{"cn-hangzhou": ""}, ThreatEventInput{InstanceID: pageWAFInstance, EventID: pageWAFEvent},
			`WAF instance "waf_v2_public_cn-lbj0xxxx" is not in region cn-hangzhou; this account has no WAF 3.0 instance there (DescribeInstance`},
		{"the right instance in the other region", map[string]string{"ap-southeast-1": "waf_v3_intl"},
			ThreatEventInput{InstanceID: pageWAFInstance, EventID: pageWAFEvent, RegionID: "ap-southeast-1"},
			`WAF instance "waf_v2_public_cn-lbj0xxxx" is not in region ap-southeast-1; this account's WAF instance there is "waf_v3_intl", and "waf_v2_public_cn-lbj0xxxx" is its instance in cn-hangzhou`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			cloud, srv := startFake(t)
			for region, id := range tt.instances {
				cloud.SetWAFInstance(region, id)
			}
			c := newTestClient(t, srv.URL, nil)
			_, err := c.DescribeThreatEventDetail(context.Background(), tt.in)
			if tt.wantErr == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			var wrong *WrongInstanceError
			if !errors.As(err, &wrong) || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("error = %T %v, want a *WrongInstanceError saying %q", err, err, tt.wantErr)
			}
			if n := cloud.Requests(WAFThreatEventAction); n != 0 {
				t.Errorf("the event was read %d times after the instance check failed", n)
			}
		})
	}
}

// TestClient_wafInstanceCheckedOnce: a plan of many reads asks
// DescribeInstance once per region, however many reads run at once.
func TestClient_wafInstanceCheckedOnce(t *testing.T) {
	t.Parallel()
	cloud, srv := startFake(t)
	c := newTestClient(t, srv.URL, nil)
	var wg sync.WaitGroup
	for range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := readPageWAFEvent(context.Background(), c); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if _, err := c.DescribeThreatEvents(context.Background(), ThreatEventsInput{InstanceID: pageWAFInstance, StartTime: 1, EndTime: 2}); err != nil {
		t.Fatal(err)
	}
	if n := cloud.Requests(WAFInstanceAction); n != 1 {
		t.Errorf("DescribeInstance was called %d times, want once", n)
	}
}

// TestClient_wafInstanceCheckDenied: credentials that may not call
// DescribeInstance read on, and the first read says the instance was not
// verified.
func TestClient_wafInstanceCheckDenied(t *testing.T) {
	t.Parallel()
	cloud, srv := startFake(t)
	keys := Credentials{AccessKey: "LTAI5tNoDescribeInstance", SecretKey: "no-describe-instance-secret"}
	cloud.AddAccount(fakecloud.Account{AccessKeyID: keys.AccessKey, AccessKeySecret: keys.SecretKey, Denied: []string{WAFInstanceAction}})
	c := newTestClient(t, srv.URL, func(cfg *Config) { cfg.Credentials = keys })

	first, err := readPageWAFEvent(context.Background(), c)
	if err != nil {
		t.Fatal(err)
	}
	if first.InstanceNotVerified == nil || first.InstanceNotVerified.Denied.Code != "Forbidden.RAM" {
		t.Fatalf("InstanceNotVerified = %+v, want the RAM denial", first.InstanceNotVerified)
	}
	list, err := c.DescribeThreatEvents(context.Background(), ThreatEventsInput{InstanceID: pageWAFInstance, StartTime: 1, EndTime: 2})
	if err != nil {
		t.Fatal(err)
	}
	if list.InstanceNotVerified != nil {
		t.Errorf("the denial was reported again: %+v", list.InstanceNotVerified)
	}
	if n := cloud.Requests(WAFInstanceAction); n != 1 {
		t.Errorf("DescribeInstance was asked %d times after RAM denied it, want once", n)
	}
}

func TestClient_wafInstanceCheckFailsClosed(t *testing.T) {
	t.Parallel()
	cloud, srv := startFake(t)
	cloud.SetFault(WAFInstanceAction, fakecloud.Fault{FailFirst: 1, FailWith: "Empty200"})
	c := newTestClient(t, srv.URL, nil)
	_, err := readPageWAFEvent(context.Background(), c)
	var unexpected *UnexpectedAnswerError
	if !errors.As(err, &unexpected) || unexpected.Action != WAFInstanceAction {
		t.Fatalf("error = %T %v, want an *UnexpectedAnswerError of DescribeInstance", err, err)
	}
}

// WAF 3.0's event actions refuse an instance that is not the caller's with
// Waf.Instance.ValidFaild (HTTP 400). Each action reports it as the wrong
// instance, naming the account's instance as far as DescribeInstance told.
func TestClient_wafInstanceRefused(t *testing.T) {
	t.Parallel()
	const refusal = `{"RequestId":"R-refused","HostId":"wafopenapi.cn-hangzhou.aliyuncs.com","Code":"Waf.Instance.ValidFaild","Message":"WAF instance check failed."}`
	reads := map[string]func(c *Client) error{
		WAFThreatEventAction: func(c *Client) error {
			_, err := c.DescribeThreatEventDetail(context.Background(), ThreatEventInput{InstanceID: "i1", EventID: "e"})
			return err
		},
		WAFThreatEventsAction: func(c *Client) error {
			_, err := c.DescribeThreatEvents(context.Background(), ThreatEventsInput{InstanceID: "i1", StartTime: 1, EndTime: 2})
			return err
		},
	}
	tests := []struct {
		name     string
		instance string // DescribeInstance's answer; "" is a RAM denial
		want     string
	}{
		{"the check could not ask", "",
			`refused WAF instance "i1" in region cn-hangzhou (Code Waf.Instance.ValidFaild: WAF instance check failed); which instance this account has there is unknown, since DescribeInstance could not be called (RequestId R-refused)`},
		{"the check named the same instance", `{"RequestId":"R-i","InstanceId":"i1"}`,
			`refused WAF instance "i1" in region cn-hangzhou (Code Waf.Instance.ValidFaild: WAF instance check failed); DescribeInstance names it as this account's instance there, so it may have expired or been released (RequestId R-refused)`},
	}
	for action, read := range reads {
		for _, tt := range tests {
			t.Run(action+"/"+tt.name, func(t *testing.T) {
				t.Parallel()
				srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
					_ = r.ParseForm()
					switch {
					case r.Form.Get("Action") != WAFInstanceAction:
						w.WriteHeader(http.StatusBadRequest)
						_, _ = w.Write([]byte(refusal))
					case tt.instance == "":
						w.WriteHeader(http.StatusForbidden)
						_, _ = w.Write([]byte(`{"RequestId":"R-i","Code":"Forbidden.RAM","Message":"denied"}`))
					default:
						_, _ = w.Write([]byte(tt.instance))
					}
				}))
				t.Cleanup(srv.Close)
				err := read(newTestClient(t, srv.URL, nil))
				var wrong *WrongInstanceError
				if !errors.As(err, &wrong) || wrong.Refused == nil || wrong.Refused.Action != action {
					t.Fatalf("error = %T %v, want a *WrongInstanceError from %s's refusal", err, err, action)
				}
				if want := action + " " + tt.want; wrong.Error() != want {
					t.Errorf("message\n%s\nwant\n%s", wrong.Error(), want)
				}
			})
		}
	}
}
