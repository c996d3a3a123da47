package alicloud

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/auth/credentials"

	"github.com/alisec/terraform-provider-alisec/internal/fakecloud"
)

// panickingProvider fails the way the SDK's STS providers do when STS
// answers an error whose Code is not a string.
type panickingProvider struct{}

func (panickingProvider) GetCredentials() (*credentials.Credentials, error) {
	panic("interface conversion: interface {} is float64, not string")
}

func (panickingProvider) GetProviderName() string { return "panicking" }

func TestClient_signingPanicBecomesAnError(t *testing.T) {
	t.Parallel()
	cloud, srv := startFake(t)
	c := newTestClient(t, srv.URL, nil)
	signer, err := sdk.NewClientWithOptions("cn-hangzhou", sdk.NewConfig(), panickingProvider{})
	if err != nil {
		t.Fatal(err)
	}
	c.signer = signer
	_, err = c.DescribeEventDetail(context.Background(), DSCEventInput{ID: 52234})
	var credsErr *CredentialsError
	if !errors.As(err, &credsErr) || !strings.Contains(err.Error(), "SDK failed while obtaining credentials") {
		t.Fatalf("error = %v, want a *CredentialsError about the SDK", err)
	}
	if n := cloud.Requests(DSCEventAction); n != 0 {
		t.Errorf("an unsigned request reached the server: %d", n)
	}
}

// blockingProvider holds its caller until release is closed, as an STS or
// ECS metadata call that hangs does.
type blockingProvider struct {
	entered chan struct{}
	release chan struct{}
}

func (p blockingProvider) GetCredentials() (*credentials.Credentials, error) {
	p.entered <- struct{}{}
	<-p.release
	return &credentials.Credentials{AccessKeyId: "k", AccessKeySecret: "s"}, nil
}

func (blockingProvider) GetProviderName() string { return "blocking" }

// A read waiting behind another read's credential refresh stops waiting
// when its own context ends.
func TestClient_waitForCredentialsHonoursContext(t *testing.T) {
	t.Parallel()
	_, srv := startFake(t)
	c := newTestClient(t, srv.URL, nil)
	p := blockingProvider{entered: make(chan struct{}, 1), release: make(chan struct{})}
	signer, err := sdk.NewClientWithOptions("cn-hangzhou", sdk.NewConfig(), p)
	if err != nil {
		t.Fatal(err)
	}
	c.signer = signer
	go func() { _, _ = c.DescribeEventDetail(context.Background(), DSCEventInput{ID: 1}) }()
	<-p.entered
	t.Cleanup(func() { close(p.release) })

	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		_, err := c.DescribeEventDetail(ctx, DSCEventInput{ID: 2})
		done <- err
	}()
	cancel()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("error = %v, want one caused by the cancellation", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("the cancelled read kept waiting for another read's credentials")
	}
}

// TestClient_concurrentReads shares one client between goroutines reading
// different events; run with -race.
func TestClient_concurrentReads(t *testing.T) {
	t.Parallel()
	cloud, srv := startFake(t)
	const n = 16
	for i := range n {
		cloud.PutDSCEvent(fmt.Sprint(1000+i), []byte(fmt.Sprintf(`{"RequestId":"R%d","Event":{"Id":%d}}`, i, 1000+i)))
	}
	c := newTestClient(t, srv.URL, func(cfg *Config) {
		cfg.Credentials = Credentials{CredentialsURI: srv.URL + fakecloud.CredentialsURIPath}
	})
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			e, err := c.DescribeEventDetail(context.Background(), DSCEventInput{ID: int64(1000 + i)})
			if err != nil {
				t.Errorf("event %d: %v", 1000+i, err)
				return
			}
			if e.ID == nil || *e.ID != int64(1000+i) {
				t.Errorf("event %d: got ID %v", 1000+i, deref64(e.ID))
			}
		}()
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := readPageWAFEvent(context.Background(), c); err != nil {
				t.Errorf("WAF read: %v", err)
			}
		}()
	}
	wg.Wait()
	if got := cloud.Requests(fakecloud.CredentialsURIPath); got != 1 {
		t.Errorf("credentials were fetched %d times, want once", got)
	}
}

// recordingTransport answers every request with body, and records them
// all but the WAF instance checks, which it answers itself: it shows what
// the client puts on the wire for the real endpoints without any network.
type recordingTransport struct {
	mu       sync.Mutex
	requests []*http.Request
	body     string
}

func (rt *recordingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.Body != nil {
		_, _ = io.Copy(io.Discard, r.Body)
		_ = r.Body.Close()
	}
	body := rt.body
	if r.URL.Query().Get("Action") == WAFInstanceAction {
		// The instance check before a WAF read: i-1 is the account's.
		body = `{"RequestId":"R-instance","InstanceId":"i-1"}`
	} else {
		rt.mu.Lock()
		rt.requests = append(rt.requests, r)
		rt.mu.Unlock()
	}
	return &http.Response{
		StatusCode: http.StatusOK,
		Header:     http.Header{"Content-Type": {"application/json"}},
		Body:       io.NopCloser(strings.NewReader(body)),
		Request:    r,
	}, nil
}

func TestClient_wireRequests(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		region     string
		read       func(c *Client) error
		wantURL    string // scheme and host
		wantParams map[string]string
		absent     []string
	}{
		{
			name:   "WAF, mainland region",
			region: "cn-shanghai",
			read: func(c *Client) error {
				_, err := c.DescribeThreatEventDetail(context.Background(), ThreatEventInput{InstanceID: "i-1", EventID: "e-1"})
				return err
			},
			wantURL: "https://wafopenapi.cn-hangzhou.aliyuncs.com",
			wantParams: map[string]string{"Action": "DescribeThreatEventDetail", "Version": "2021-10-01", "RegionId": "cn-hangzhou",
				"InstanceId": "i-1", "EventId": "e-1", "Format": "JSON", "SignatureMethod": "HMAC-SHA1", "SignatureVersion": "1.0",
				"AccessKeyId": fakecloud.DefaultAccessKeyID},
			absent: []string{"ResourceManagerResourceGroupId", "SecurityToken"},
		},
		{
			name:   "WAF, explicit region and resource group",
			region: "cn-shanghai",
			read: func(c *Client) error {
				_, err := c.DescribeThreatEventDetail(context.Background(), ThreatEventInput{InstanceID: "i-1", EventID: "e-1",
					RegionID: "ap-southeast-1", ResourceGroupID: "rg-1"})
				return err
			},
			wantURL:    "https://wafopenapi.ap-southeast-1.aliyuncs.com",
			wantParams: map[string]string{"RegionId": "ap-southeast-1", "ResourceManagerResourceGroupId": "rg-1"},
		},
		{
			name:   "Sddp, mainland region",
			region: "cn-beijing",
			read: func(c *Client) error {
				_, err := c.DescribeEventDetail(context.Background(), DSCEventInput{ID: 9007199254740993})
				return err
			},
			wantURL:    "https://sddp.cn-zhangjiakou.aliyuncs.com",
			wantParams: map[string]string{"Action": "DescribeEventDetail", "Version": "2019-01-03", "RegionId": "cn-zhangjiakou", "Id": "9007199254740993"},
			absent:     []string{"Lang"},
		},
		{
			name:   "Sddp, Hong Kong, English",
			region: "cn-hongkong",
			read: func(c *Client) error {
				_, err := c.DescribeEventDetail(context.Background(), DSCEventInput{ID: 1, Lang: "en"})
				return err
			},
			wantURL:    "https://sddp-api.cn-hongkong.aliyuncs.com",
			wantParams: map[string]string{"RegionId": "cn-hongkong", "Lang": "en"},
		},
		{
			name:   "Sddp, elsewhere",
			region: "eu-central-1",
			read: func(c *Client) error {
				_, err := c.DescribeEventDetail(context.Background(), DSCEventInput{ID: 1})
				return err
			},
			wantURL:    "https://sddp.ap-southeast-1.aliyuncs.com",
			wantParams: map[string]string{"RegionId": "ap-southeast-1"},
		},
		{
			name:   "Sddp, Hong Kong, explicit Singapore",
			region: "cn-hongkong",
			read: func(c *Client) error {
				_, err := c.DescribeEventDetail(context.Background(), DSCEventInput{ID: 1, RegionID: "ap-southeast-1"})
				return err
			},
			wantURL:    "https://sddp.ap-southeast-1.aliyuncs.com",
			wantParams: map[string]string{"RegionId": "ap-southeast-1"},
		},
		{
			name:   "Sddp list, elsewhere, explicit Hong Kong",
			region: "eu-central-1",
			read: func(c *Client) error {
				_, err := c.DescribeEvents(context.Background(), DSCEventsInput{RegionID: "cn-hongkong"})
				return err
			},
			wantURL:    "https://sddp-api.cn-hongkong.aliyuncs.com",
			wantParams: map[string]string{"Action": "DescribeEvents", "RegionId": "cn-hongkong", "CurrentPage": "1"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			rt := &recordingTransport{body: `{"RequestId":"R","ThreatEventDetail":{"EventLevel":"low"},"Event":{"Status":0},"TotalCount":0,"Items":[]}`}
			c, err := New(Config{Region: tt.region, Credentials: defaultKeys(), HTTPClient: &http.Client{Transport: rt},
				UserAgent: "terraform-provider-alisec/test"})
			if err != nil {
				t.Fatal(err)
			}
			if err := tt.read(c); err != nil {
				t.Fatal(err)
			}
			if len(rt.requests) != 1 {
				t.Fatalf("sent %d requests, want 1", len(rt.requests))
			}
			if ua := rt.requests[0].Header.Get("User-Agent"); !strings.HasPrefix(ua, "terraform-provider-alisec/test AlibabaCloud (") {
				t.Errorf("User-Agent = %q, want the provider's name and version before the SDK's", ua)
			}
			r := rt.requests[0]
			if got := r.URL.Scheme + "://" + r.URL.Host; got != tt.wantURL {
				t.Errorf("sent to %s, want %s", got, tt.wantURL)
			}
			q := r.URL.Query()
			for k, v := range tt.wantParams {
				if got := q.Get(k); got != v {
					t.Errorf("parameter %s = %q, want %q", k, got, v)
				}
			}
			for _, k := range tt.absent {
				if q.Has(k) {
					t.Errorf("parameter %s is sent, want it absent", k)
				}
			}
			for _, k := range []string{"Signature", "SignatureNonce", "Timestamp"} {
				if q.Get(k) == "" {
					t.Errorf("parameter %s is missing", k)
				}
			}
		})
	}
}
