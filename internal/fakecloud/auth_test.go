package fakecloud

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// The example of the Alibaba Cloud RPC signature documentation.
const (
	docStringToSign = "GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML" +
		"%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf" +
		"%26SignatureVersion%3D1.0%26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26"
	docSecret    = "testsecret"
	docSignature = "OLeaidS1JvxuMvnyHOwuJ+uX5qY="
)

func docParams() url.Values {
	return url.Values{
		"AccessKeyId":      {"testid"},
		"Action":           {"DescribeRegions"},
		"Format":           {"XML"},
		"SignatureMethod":  {"HMAC-SHA1"},
		"SignatureNonce":   {"3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf"},
		"SignatureVersion": {"1.0"},
		"Timestamp":        {"2016-02-23T12:46:24Z"},
		"Version":          {"2014-05-26"},
	}
}

func TestSignatureDocumentedExample(t *testing.T) {
	t.Parallel()
	params := docParams()
	tests := []struct {
		name string
		got  string
		want string
	}{
		{"rpcStringToSign", rpcStringToSign(http.MethodGet, params), docStringToSign},
		{"signV1", signV1(docStringToSign, docSecret), docSignature},
		{"signV1 of rpcStringToSign", signV1(rpcStringToSign(http.MethodGet, params), docSecret), docSignature},
		{"Signature is not signed", func() string {
			p := docParams()
			p.Set("Signature", docSignature)
			return rpcStringToSign(http.MethodGet, p)
		}(), docStringToSign},
		// The test's own implementation agrees with the documentation too.
		{"test signer", testSign(testStringToSign(http.MethodGet, map[string]string{
			"AccessKeyId": "testid", "Action": "DescribeRegions", "Format": "XML", "SignatureMethod": "HMAC-SHA1",
			"SignatureNonce": "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf", "SignatureVersion": "1.0",
			"Timestamp": "2016-02-23T12:46:24Z", "Version": "2014-05-26",
		}), docSecret), docSignature},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if tt.got != tt.want {
				t.Errorf("got  %s\nwant %s", tt.got, tt.want)
			}
		})
	}
}

func TestPercentEncode(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"", ""},
		{"abcXYZ019", "abcXYZ019"},
		{"-_.~", "-_.~"},
		{"a b", "a%20b"},
		{"*", "%2A"},
		{"+", "%2B"},
		{"/", "%2F"},
		{":", "%3A"},
		{"=&", "%3D%26"},
		{"%", "%25"},
		{"é", "%C3%A9"},
		{"中", "%E4%B8%AD"},
		{"2016-02-23T12:46:24Z", "2016-02-23T12%3A46%3A24Z"},
		{`{"a":[1]}`, "%7B%22a%22%3A%5B1%5D%7D"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			t.Parallel()
			if got := percentEncode(tt.in); got != tt.want {
				t.Errorf("percentEncode(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
	t.Run("every byte", func(t *testing.T) {
		t.Parallel()
		for b := 0; b < 256; b++ {
			s := string([]byte{byte(b)})
			if got, want := percentEncode(s), rfc3986(s); got != want {
				t.Errorf("percentEncode(%q) = %q, want %q", s, got, want)
			}
		}
	})
}

// TestAuthenticate sends hand-signed requests and checks how the gateway
// look-alike answers each fault in them.
func TestAuthenticate(t *testing.T) {
	t.Parallel()
	now := time.Now()
	tests := []struct {
		name       string
		req        func() rpcRequest
		wantStatus int
		wantCode   string // "" means success
		wantInMsg  string
	}{
		{
			name:       "valid GET",
			req:        func() rpcRequest { return rpcRequest{params: wafParams(now)} },
			wantStatus: http.StatusOK,
		},
		{
			name:       "valid POST with the parameters in the query",
			req:        func() rpcRequest { return rpcRequest{method: http.MethodPost, params: wafParams(now)} },
			wantStatus: http.StatusOK,
		},
		{
			name:       "valid POST with the parameters in a form body",
			req:        func() rpcRequest { return rpcRequest{method: http.MethodPost, params: wafParams(now), body: true} },
			wantStatus: http.StatusOK,
		},
		{
			name: "valid with characters that need encoding",
			req: func() rpcRequest {
				p := wafParams(now)
				p["ResourceManagerResourceGroupId"] = "rg 1*~/é+&="
				p["SignatureType"] = ""
				return rpcRequest{params: p}
			},
			wantStatus: http.StatusOK,
		},
		{
			name:       "wrong secret",
			req:        func() rpcRequest { return rpcRequest{params: wafParams(now), secret: "wrong"} },
			wantStatus: 400, wantCode: "SignatureDoesNotMatch", wantInMsg: "server string to sign is:GET&%2F&",
		},
		{
			name: "signed as GET, sent as POST",
			req: func() rpcRequest {
				return rpcRequest{method: http.MethodPost, params: withSignature(wafParams(now), http.MethodGet)}
			},
			wantStatus: 400, wantCode: "SignatureDoesNotMatch",
		},
		{
			name: "parameter changed after signing",
			req: func() rpcRequest {
				p := withSignature(wafParams(now), http.MethodGet)
				p["EventId"] = "another"
				return rpcRequest{params: p}
			},
			wantStatus: 400, wantCode: "SignatureDoesNotMatch",
		},
		{
			name: "unknown access key",
			req: func() rpcRequest {
				p := wafParams(now)
				p["AccessKeyId"] = "LTAI5tNobody"
				return rpcRequest{params: p}
			},
			wantStatus: 404, wantCode: "InvalidAccessKeyId.NotFound",
		},
		{
			name: "unsupported signature method",
			req: func() rpcRequest {
				p := wafParams(now)
				p["SignatureMethod"] = "HMAC-SHA256"
				return rpcRequest{params: p}
			},
			wantStatus: 400, wantCode: "InvalidParameter.SignatureMethod",
		},
		{
			name: "unsupported signature version",
			req: func() rpcRequest {
				p := wafParams(now)
				p["SignatureVersion"] = "2.0"
				return rpcRequest{params: p}
			},
			wantStatus: 400, wantCode: "InvalidParameter.SignatureVersion",
		},
		{
			name:       "timestamp 20 minutes old",
			req:        func() rpcRequest { return rpcRequest{params: wafParams(now.Add(-20 * time.Minute))} },
			wantStatus: 400, wantCode: "InvalidTimeStamp.Expired",
		},
		{
			name:       "timestamp 20 minutes ahead",
			req:        func() rpcRequest { return rpcRequest{params: wafParams(now.Add(20 * time.Minute))} },
			wantStatus: 400, wantCode: "InvalidTimeStamp.Expired",
		},
		{
			name:       "timestamp 10 minutes old",
			req:        func() rpcRequest { return rpcRequest{params: wafParams(now.Add(-10 * time.Minute))} },
			wantStatus: http.StatusOK,
		},
		{
			name: "timestamp not ISO 8601 UTC",
			req: func() rpcRequest {
				p := wafParams(now)
				p["Timestamp"] = now.Format(time.RFC1123)
				return rpcRequest{params: p}
			},
			wantStatus: 400, wantCode: "InvalidTimeStamp.Format",
		},
		{
			name: "unknown action",
			req: func() rpcRequest {
				p := wafParams(now)
				p["Action"] = "DescribeEverything"
				return rpcRequest{params: p}
			},
			wantStatus: 404, wantCode: "InvalidAction.NotFound", wantInMsg: "DescribeEverything",
		},
		{
			name: "wrong version",
			req: func() rpcRequest {
				p := wafParams(now)
				p["Version"] = "2019-09-10"
				return rpcRequest{params: p}
			},
			wantStatus: 400, wantCode: "InvalidVersion", wantInMsg: "2019-09-10",
		},
		{
			name: "missing EventId",
			req: func() rpcRequest {
				p := wafParams(now)
				delete(p, "EventId")
				return rpcRequest{params: p}
			},
			wantStatus: 400, wantCode: "MissingParameter", wantInMsg: `"EventId"`,
		},
		{
			name: "blank InstanceId",
			req: func() rpcRequest {
				p := wafParams(now)
				p["InstanceId"] = "  "
				return rpcRequest{params: p}
			},
			wantStatus: 400, wantCode: "MissingParameter", wantInMsg: `"InstanceId"`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			resp := serve(t, New(), tt.req())
			if tt.wantCode == "" {
				if resp.status != tt.wantStatus || resp.str("RequestId") == "" {
					t.Fatalf("got HTTP %d %s, want %d", resp.status, resp.raw, tt.wantStatus)
				}
				return
			}
			resp.checkError(t, tt.wantStatus, tt.wantCode)
			if !strings.Contains(resp.str("Message"), tt.wantInMsg) {
				t.Errorf("Message %q does not contain %q", resp.str("Message"), tt.wantInMsg)
			}
		})
	}
}

// withSignature signs params for method and keeps the signature in them.
func withSignature(params map[string]string, method string) map[string]string {
	params["Signature"] = testSign(testStringToSign(method, params), DefaultAccessKeySecret)
	return params
}

func TestAuthenticate_missingCommonParameters(t *testing.T) {
	t.Parallel()
	names := []string{"Action", "Version", "Format", "AccessKeyId", "SignatureMethod",
		"SignatureVersion", "SignatureNonce", "Timestamp", "Signature"}
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			s := New()
			resp := serve(t, s, rpcRequest{params: wafParams(time.Now()), omit: []string{name}})
			resp.checkError(t, http.StatusBadRequest, "MissingParameter")
			if !strings.Contains(resp.str("Message"), `"`+name+`"`) {
				t.Errorf("Message %q does not name %s", resp.str("Message"), name)
			}
		})
	}
}

func TestAuthenticate_nonces(t *testing.T) {
	t.Parallel()
	s, clk := newClockedServer()
	params := wafParams(clk.Now())
	if resp := serve(t, s, rpcRequest{params: params}); resp.status != http.StatusOK {
		t.Fatalf("first use: HTTP %d %s", resp.status, resp.safeText())
	}
	serve(t, s, rpcRequest{params: params}).checkError(t, http.StatusBadRequest, "SignatureNonceUsed")

	// A rejected request does not burn its nonce.
	fresh := wafParams(clk.Now())
	serve(t, s, rpcRequest{params: fresh, secret: "wrong"}).checkError(t, http.StatusBadRequest, "SignatureDoesNotMatch")
	if resp := serve(t, s, rpcRequest{params: fresh}); resp.status != http.StatusOK {
		t.Fatalf("nonce of a rejected request: HTTP %d %s", resp.status, resp.safeText())
	}

	// Past the skew window the nonce is forgotten: a new request with a
	// fresh timestamp may use it again.
	clk.Add(16 * time.Minute)
	again := wafParams(clk.Now())
	again["SignatureNonce"] = params["SignatureNonce"]
	if resp := serve(t, s, rpcRequest{params: again}); resp.status != http.StatusOK {
		t.Fatalf("nonce reuse after the window: HTTP %d %s", resp.status, resp.safeText())
	}
}

// Old nonces are swept at most once per window, so a nonce that expired
// since the last sweep is still in memory: it must count as forgotten.
func TestAuthenticate_nonceExpiresBetweenSweeps(t *testing.T) {
	t.Parallel()
	s, clk := newClockedServer()
	accept := func(params map[string]string) {
		t.Helper()
		if resp := serve(t, s, rpcRequest{params: params}); resp.status != http.StatusOK {
			t.Fatalf("HTTP %d %s", resp.status, resp.safeText())
		}
	}
	accept(wafParams(clk.Now())) // sweeps, at 0 min
	clk.Add(14 * time.Minute)
	reused := wafParams(clk.Now())
	accept(reused) // too soon to sweep
	clk.Add(2 * time.Minute)
	accept(wafParams(clk.Now())) // sweeps, at 16 min: the nonce of 14 min stays
	clk.Add(14 * time.Minute)
	again := wafParams(clk.Now()) // 30 min: 16 after its first use, 14 after the last sweep
	again["SignatureNonce"] = reused["SignatureNonce"]
	accept(again)
}

func TestAuthenticate_clock(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		offset   time.Duration
		wantCode string
	}{
		{"now", 0, ""},
		{"14 minutes old", -14 * time.Minute, ""},
		{"14 minutes ahead", 14 * time.Minute, ""},
		{"16 minutes old", -16 * time.Minute, "InvalidTimeStamp.Expired"},
		{"20 minutes old", -20 * time.Minute, "InvalidTimeStamp.Expired"},
		{"16 minutes ahead", 16 * time.Minute, "InvalidTimeStamp.Expired"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s, clk := newClockedServer()
			resp := serve(t, s, rpcRequest{params: wafParams(clk.Now().Add(tt.offset))})
			if tt.wantCode == "" {
				if resp.status != http.StatusOK {
					t.Fatalf("HTTP %d %s", resp.status, resp.safeText())
				}
				return
			}
			resp.checkError(t, http.StatusBadRequest, tt.wantCode)
		})
	}
}

// TestAssumeRole checks that a session from AssumeRole authenticates with
// its own secret and token only.
func TestAssumeRole(t *testing.T) {
	t.Parallel()
	s, clk := newClockedServer()
	assume := signedParams("AssumeRole", "2015-04-01", clk.Now())
	assume["RoleArn"] = "acs:ram::123456789012:role/reader"
	assume["RoleSessionName"] = "test"
	assume["DurationSeconds"] = "900"
	resp := serve(t, s, rpcRequest{method: http.MethodPost, params: assume, body: true})
	if resp.status != http.StatusOK {
		t.Fatalf("AssumeRole: HTTP %d %s", resp.status, resp.safeText())
	}
	creds, _ := resp.body["Credentials"].(map[string]any)
	id, _ := creds["AccessKeyId"].(string)
	secret, _ := creds["AccessKeySecret"].(string)
	token, _ := creds["SecurityToken"].(string)
	expiration, _ := creds["Expiration"].(string)
	if !strings.HasPrefix(id, "STS.") || secret == "" || token == "" {
		t.Fatalf("AssumeRole answered incomplete credentials (id %q)", id)
	}
	if exp, err := time.Parse("2006-01-02T15:04:05Z", expiration); err != nil || !exp.Equal(clk.Now().Add(900*time.Second)) {
		t.Errorf("Expiration = %q, want 900 s after now", expiration)
	}
	user, _ := resp.body["AssumedRoleUser"].(map[string]any)
	if arn, _ := user["Arn"].(string); arn != "acs:ram::123456789012:role/reader/test" {
		t.Errorf("AssumedRoleUser.Arn = %q", arn)
	}

	tests := []struct {
		name     string
		token    string // "-" sends none
		secret   string
		later    time.Duration
		wantCode string
	}{
		{name: "matching token", token: token, secret: secret},
		{name: "no token", token: "-", secret: secret, wantCode: "MissingParameter"},
		{name: "another token", token: "sts-token-other", secret: secret, wantCode: "InvalidSecurityToken.MismatchWithAccessKey"},
		{name: "long-term secret", token: token, secret: DefaultAccessKeySecret, wantCode: "SignatureDoesNotMatch"},
		{name: "expired", token: token, secret: secret, later: 901 * time.Second, wantCode: "InvalidSecurityToken.Expired"},
	}
	// Not parallel: the last case moves the shared clock.
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clk.Add(tt.later)
			p := wafParams(clk.Now())
			p["AccessKeyId"] = id
			if tt.token != "-" {
				p["SecurityToken"] = tt.token
			}
			resp := serve(t, s, rpcRequest{params: p, secret: tt.secret})
			if tt.wantCode == "" {
				if resp.status != http.StatusOK {
					t.Fatalf("HTTP %d %s", resp.status, resp.str("Code"))
				}
				return
			}
			resp.checkError(t, http.StatusBadRequest, tt.wantCode)
			if strings.Contains(resp.raw, secret) {
				t.Errorf("the error body shows the session secret")
			}
		})
	}
}

func TestAssumeRole_parameters(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		edit     func(p map[string]string)
		wantCode string
		wantMsg  string
	}{
		{name: "default duration", edit: func(p map[string]string) { delete(p, "DurationSeconds") }},
		{name: "longest duration", edit: func(p map[string]string) { p["DurationSeconds"] = "43200" }},
		{name: "too short", edit: func(p map[string]string) { p["DurationSeconds"] = "899" }, wantCode: "InvalidParameter", wantMsg: "DurationSeconds"},
		{name: "too long", edit: func(p map[string]string) { p["DurationSeconds"] = "43201" }, wantCode: "InvalidParameter", wantMsg: "DurationSeconds"},
		{name: "not a number", edit: func(p map[string]string) { p["DurationSeconds"] = "an hour" }, wantCode: "InvalidParameter", wantMsg: "DurationSeconds"},
		{name: "no role", edit: func(p map[string]string) { delete(p, "RoleArn") }, wantCode: "MissingParameter", wantMsg: "RoleArn"},
		{name: "no session name", edit: func(p map[string]string) { delete(p, "RoleSessionName") }, wantCode: "MissingParameter", wantMsg: "RoleSessionName"},
		{name: "wrong version", edit: func(p map[string]string) { p["Version"] = "2021-10-01" }, wantCode: "InvalidVersion", wantMsg: "2021-10-01"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			p := signedParams("AssumeRole", "2015-04-01", time.Now())
			p["RoleArn"] = "acs:ram::1:role/r"
			p["RoleSessionName"] = "s"
			p["DurationSeconds"] = "3600"
			tt.edit(p)
			resp := serve(t, New(), rpcRequest{method: http.MethodPost, params: p})
			if tt.wantCode == "" {
				if resp.status != http.StatusOK {
					t.Fatalf("HTTP %d %s", resp.status, resp.safeText())
				}
				return
			}
			resp.checkError(t, http.StatusBadRequest, tt.wantCode)
			if !strings.Contains(resp.str("Message"), tt.wantMsg) {
				t.Errorf("Message %q does not name %s", resp.str("Message"), tt.wantMsg)
			}
		})
	}
}
