package fakecloud

import (
	"crypto/hmac"
	"crypto/sha1"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// The tests sign requests with their own implementation of signature V1,
// written from the documentation rather than from auth.go.

// rfc3986 percent-encodes every byte but the unreserved characters.
func rfc3986(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'A' <= c && c <= 'Z', 'a' <= c && c <= 'z', '0' <= c && c <= '9', c == '-', c == '_', c == '.', c == '~':
			b.WriteByte(c)
		default:
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}

// testStringToSign is METHOD&%2F&encode(sorted k=v pairs joined by &).
func testStringToSign(method string, params map[string]string) string {
	keys := make([]string, 0, len(params))
	for k := range params {
		if k != "Signature" {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	pairs := make([]string, 0, len(keys))
	for _, k := range keys {
		pairs = append(pairs, rfc3986(k)+"="+rfc3986(params[k]))
	}
	return method + "&" + rfc3986("/") + "&" + rfc3986(strings.Join(pairs, "&"))
}

func testSign(stringToSign, secret string) string {
	mac := hmac.New(sha1.New, []byte(secret+"&"))
	mac.Write([]byte(stringToSign))
	return base64.StdEncoding.EncodeToString(mac.Sum(nil))
}

var nonceCounter atomic.Int64

func nextNonce() string {
	return fmt.Sprintf("nonce-%d-%d", time.Now().UnixNano(), nonceCounter.Add(1))
}

// rpcRequest is one hand-built RPC call.
type rpcRequest struct {
	method string // GET or POST; GET when empty
	params map[string]string
	secret string
	// omit lists parameters to leave out after signing; "Signature" leaves
	// the request unsigned.
	omit []string
	// body sends the parameters as a form body (POST only).
	body bool
}

// signedParams are the parameters every signed request carries.
func signedParams(action, version string, now time.Time) map[string]string {
	return map[string]string{
		"Action":           action,
		"Version":          version,
		"Format":           "JSON",
		"AccessKeyId":      DefaultAccessKeyID,
		"SignatureMethod":  "HMAC-SHA1",
		"SignatureVersion": "1.0",
		"SignatureNonce":   nextNonce(),
		"Timestamp":        now.UTC().Format("2006-01-02T15:04:05Z"),
	}
}

// wafParams is a valid DescribeThreatEventDetail call for the page example.
func wafParams(now time.Time) map[string]string {
	p := signedParams("DescribeThreatEventDetail", "2021-10-01", now)
	p["RegionId"] = "cn-hangzhou"
	p["InstanceId"] = "waf_v2_public_cn-lbj0xxxx"
	p["EventId"] = "1661131a028f72a976703f4a4082ad87"
	return p
}

// dscParams is a valid DescribeEventDetail call for event id.
func dscParams(now time.Time, id string) map[string]string {
	p := signedParams("DescribeEventDetail", "2019-01-03", now)
	p["RegionId"] = "cn-zhangjiakou"
	p["Id"] = id
	return p
}

func (r rpcRequest) build(t *testing.T) *http.Request {
	t.Helper()
	method := r.method
	if method == "" {
		method = http.MethodGet
	}
	params := map[string]string{}
	for k, v := range r.params {
		params[k] = v
	}
	secret := r.secret
	if secret == "" {
		secret = DefaultAccessKeySecret
	}
	if _, preset := params["Signature"]; !preset {
		params["Signature"] = testSign(testStringToSign(method, params), secret)
	}
	for _, k := range r.omit {
		delete(params, k)
	}
	values := url.Values{}
	for k, v := range params {
		values.Set(k, v)
	}
	if r.body {
		req := httptest.NewRequest(method, "/", strings.NewReader(values.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		return req
	}
	return httptest.NewRequest(method, "/?"+values.Encode(), nil)
}

// response is a decoded answer of the fake.
type response struct {
	status int
	header http.Header
	raw    string
	body   map[string]any
}

func serve(t *testing.T, h http.Handler, r rpcRequest) response {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, r.build(t))
	return decodeResponse(rec)
}

func decodeResponse(rec *httptest.ResponseRecorder) response {
	resp := response{status: rec.Code, header: rec.Header(), raw: rec.Body.String()}
	_ = json.Unmarshal(rec.Body.Bytes(), &resp.body)
	return resp
}

// safeText is the body for failure messages, cut before the signature echo,
// whose string to sign may hold a session's security token.
func (r response) safeText() string {
	if i := strings.Index(r.raw, "server string to sign is"); i >= 0 {
		return r.raw[:i] + "..."
	}
	return r.raw
}

func (r response) str(key string) string {
	s, _ := r.body[key].(string)
	return s
}

// checkError asserts the documented error body with this status and code.
func (r response) checkError(t *testing.T, status int, code string) {
	t.Helper()
	if r.status != status || r.str("Code") != code {
		t.Fatalf("got HTTP %d %q (%s), want HTTP %d %s", r.status, r.str("Code"), r.safeText(), status, code)
	}
	for _, key := range []string{"RequestId", "HostId", "Code", "Message", "Recommend"} {
		if r.str(key) == "" {
			t.Errorf("error body lacks %s: %s", key, r.raw)
		}
	}
	if got := r.header.Get("x-acs-request-id"); got != r.str("RequestId") {
		t.Errorf("x-acs-request-id %q differs from RequestId %q", got, r.str("RequestId"))
	}
	if !strings.HasPrefix(r.header.Get("Content-Type"), "application/json") {
		t.Errorf("Content-Type = %q, want JSON", r.header.Get("Content-Type"))
	}
	if !strings.Contains(r.str("Recommend"), code) {
		t.Errorf("Recommend %q does not name the code", r.str("Recommend"))
	}
}

// clock is a settable time source for the server's now.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// newClockedServer returns a server whose clock the test moves.
func newClockedServer() (*Server, *clock) {
	s := New()
	c := &clock{t: time.Date(2025, 6, 14, 16, 0, 0, 0, time.UTC)}
	s.now = c.Now
	return s, c
}

// checkRequestIDOnly asserts a success that holds RequestId alone, the
// request's, as the header says.
func checkRequestIDOnly(t *testing.T, r response) {
	t.Helper()
	if r.status != http.StatusOK || len(r.body) != 1 {
		t.Errorf("HTTP %d %s, want HTTP 200 with RequestId alone", r.status, r.safeText())
	}
	if r.str("RequestId") == "" || r.str("RequestId") != r.header.Get("x-acs-request-id") {
		t.Errorf("RequestId %q, header %q", r.str("RequestId"), r.header.Get("x-acs-request-id"))
	}
}
