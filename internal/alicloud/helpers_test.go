package alicloud

import (
	"context"
	"errors"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/alisec/terraform-provider-alisec/internal/fakecloud"
	"github.com/alisec/terraform-provider-alisec/internal/products"
)

// The events the fake cloud serves from the API pages' own examples.
const (
	pageWAFInstance = "waf_v2_public_cn-lbj0xxxx"
	pageWAFEvent    = "1661131a028f72a976703f4a4082ad87"
	pageDSCEvent    = 52234
)

// startFake starts a fake cloud on a loopback server closed when t ends.
func startFake(t testing.TB) (*fakecloud.Server, *httptest.Server) {
	t.Helper()
	cloud := fakecloud.New()
	srv := httptest.NewServer(cloud)
	t.Cleanup(srv.Close)
	return cloud, srv
}

// defaultKeys are the fake cloud's built-in, public demo keys.
func defaultKeys() Credentials {
	return Credentials{AccessKey: fakecloud.DefaultAccessKeyID, SecretKey: fakecloud.DefaultAccessKeySecret}
}

// newTestClient builds a client for url with the fake's default keys, no
// retries and no back-off wait; edit adjusts the configuration first.
func newTestClient(t testing.TB, url string, edit func(*Config)) *Client {
	t.Helper()
	cfg := Config{
		Credentials:    defaultKeys(),
		Endpoints:      allEndpoints(url),
		RequestTimeout: 5 * time.Second,
	}
	if edit != nil {
		edit(&cfg)
	}
	c, err := New(cfg)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	clock := newFakeClock()
	c.now, c.sleep = clock.Now, clock.Sleep
	return c
}

// fakeClock is a clock whose Sleep returns at once, having moved the time
// on by the duration slept.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func newFakeClock() *fakeClock {
	return &fakeClock{now: time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC)}
}

func (f *fakeClock) Now() time.Time {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.now
}

// Sleep moves the clock on by d unless ctx has ended.
func (f *fakeClock) Sleep(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	f.Advance(d)
	return nil
}

func (f *fakeClock) Advance(d time.Duration) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.now = f.now.Add(d)
}

func readPageWAFEvent(ctx context.Context, c *Client) (*ThreatEventDetail, error) {
	return c.DescribeThreatEventDetail(ctx, ThreatEventInput{InstanceID: pageWAFInstance, EventID: pageWAFEvent})
}

func ptr[T any](v T) *T { return &v }

// allEndpoints points every product of the table at url.
func allEndpoints(url string) Endpoints {
	eps := Endpoints{Products: map[string]string{}}
	for _, p := range products.All {
		eps.Products[p.Key] = url
	}
	return eps
}

// tableActions are the actions of every product of the table.
func tableActions() []string {
	var actions []string
	for _, p := range products.All {
		for _, a := range p.Actions {
			actions = append(actions, a.Name)
		}
	}
	return actions
}

// redact hides secrets in text that a failing test is about to print.
func redact(text string, secrets ...string) string {
	for _, s := range secrets {
		if s != "" {
			text = strings.ReplaceAll(text, s, "<redacted>")
		}
	}
	return text
}

// asAPIError fails the test unless err is an *APIError.
func asAPIError(t *testing.T, err error) *APIError {
	t.Helper()
	var apiErr *APIError
	if !errors.As(err, &apiErr) {
		t.Fatalf("error %T %v is not an *APIError", err, err)
	}
	return apiErr
}

func warningFields(ws []DecodeWarning) []string {
	out := make([]string, 0, len(ws))
	for _, w := range ws {
		out = append(out, w.Field)
	}
	return out
}
