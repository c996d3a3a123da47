package alicloud

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	sdkerrors "github.com/aliyun/alibaba-cloud-sdk-go/sdk/errors"

	"github.com/alisec/terraform-provider-alisec/internal/fakecloud"
)

// profileSecret is the secret written into test profile files; it must
// never show up in an error.
const profileSecret = "profile-secret-Zq8r0123456789"

type stsSession struct {
	AccessKeyID     string `json:"AccessKeyId"`
	AccessKeySecret string `json:"AccessKeySecret"`
	SecurityToken   string `json:"SecurityToken"`
	Expiration      string `json:"Expiration"`
}

// fetchSession asks the fake cloud's credentials URI for a temporary key.
func fetchSession(t *testing.T, baseURL string) stsSession {
	t.Helper()
	resp, err := http.Get(baseURL + fakecloud.CredentialsURIPath)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var s stsSession
	if err := json.NewDecoder(resp.Body).Decode(&s); err != nil {
		t.Fatal(err)
	}
	if s.AccessKeyID == "" || s.AccessKeySecret == "" || s.SecurityToken == "" {
		t.Fatalf("the fake's credentials URI answered an incomplete session")
	}
	return s
}

// readBoth reads the WAF and the DSC page examples and returns both errors.
func readBoth(c *Client) []error {
	_, wafErr := readPageWAFEvent(context.Background(), c)
	_, dscErr := c.DescribeEventDetail(context.Background(), DSCEventInput{ID: pageDSCEvent})
	return []error{wafErr, dscErr}
}

func TestClient_missingCredentials(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		creds      Credentials
		wantReason string
	}{
		{"nothing", Credentials{}, "no access key, profile, role or credentials URI"},
		{"access key only", Credentials{AccessKey: fakecloud.DefaultAccessKeyID}, "the access key ID (access_key) is set but its secret (secret_key) is not"},
		{"secret key only", Credentials{SecretKey: profileSecret}, "the access key secret (secret_key) is set but its ID (access_key) is not"},
		{"security token only", Credentials{SecurityToken: profileSecret}, "no access key"},
		{"assume role without base credentials", Credentials{AssumeRole: &AssumeRole{RoleARN: "acs:ram::123:role/reader", SessionName: "s"}}, "no access key"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			cloud, srv := startFake(t)
			c := newTestClient(t, srv.URL, func(cfg *Config) { cfg.Credentials = tt.creds; cfg.MaxRetries = 5 })
			for _, err := range readBoth(c) {
				var missing *MissingCredentialsError
				if !errors.As(err, &missing) {
					t.Fatalf("error = %T %v, want *MissingCredentialsError", err, redact(fmt.Sprint(err), profileSecret))
				}
				if !errors.Is(err, ErrMissingCredentials) {
					t.Errorf("errors.Is(err, ErrMissingCredentials) = false")
				}
				if !strings.Contains(missing.Reason, tt.wantReason) {
					t.Errorf("Reason = %q, want it to contain %q", missing.Reason, tt.wantReason)
				}
				if strings.Contains(err.Error(), profileSecret) {
					t.Errorf("the error shows the secret")
				}
			}
			for _, action := range append(tableActions(), "AssumeRole") {
				if n := cloud.Requests(action); n != 0 {
					t.Errorf("%d %s requests reached the server, want none", n, action)
				}
			}
		})
	}
}

func TestClient_credentialsURI(t *testing.T) {
	t.Parallel()
	cloud, srv := startFake(t)
	c, err := New(Config{
		Credentials: Credentials{CredentialsURI: srv.URL + fakecloud.CredentialsURIPath},
		Endpoints:   allEndpoints(srv.URL),
	})
	if err != nil {
		t.Fatal(err)
	}
	if n := cloud.Requests(fakecloud.CredentialsURIPath); n != 0 {
		t.Fatalf("New fetched credentials %d times; it must make no network call", n)
	}
	for i, err := range readBoth(c) {
		if err != nil {
			t.Fatalf("read %d with credentials from the URI: %v", i, err)
		}
		if n := cloud.Requests(fakecloud.CredentialsURIPath); n != 1 {
			t.Errorf("after read %d the credentials URI was asked %d times, want 1 (cached)", i, n)
		}
	}
	if c.MaskedAccessKeyID() != "" {
		t.Errorf("MaskedAccessKeyID() = %q for credentials from a URI, want empty", c.MaskedAccessKeyID())
	}
}

// TestClient_credentialsURIFailures covers a credentials service that
// answers badly, including with the secret in a body the SDK quotes.
func TestClient_credentialsURIFailures(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		status int
		body   string
	}{
		{"server error", 500, `{"Code":"Failed","Message":"no role"}`},
		{"not JSON", 200, `<html>oops</html>`},
		{"no Expiration", 200, `{"AccessKeyId":"STS.abc","AccessKeySecret":"` + profileSecret + `","SecurityToken":"` + leakedToken + `"}`},
		{"bad Expiration", 200, `{"AccessKeyId":"STS.abc","AccessKeySecret":"` + profileSecret + `","SecurityToken":"` + leakedToken + `","Expiration":"tomorrow"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			cloud, srv := startFake(t)
			uri := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.WriteHeader(tt.status)
				_, _ = w.Write([]byte(tt.body))
			}))
			t.Cleanup(uri.Close)
			c := newTestClient(t, srv.URL, func(cfg *Config) {
				cfg.Credentials = Credentials{CredentialsURI: uri.URL}
				cfg.MaxRetries = 5
			})
			_, err := readPageWAFEvent(context.Background(), c)
			var ce *CredentialsError
			if !errors.As(err, &ce) {
				t.Fatalf("error = %T %s, want *CredentialsError", err, redact(fmt.Sprint(err), profileSecret, leakedToken))
			}
			for _, text := range []string{err.Error(), fmt.Sprint(ce.Err)} {
				if strings.Contains(text, profileSecret) || strings.Contains(text, leakedToken) {
					t.Errorf("the error shows a secret: %s", redact(text, profileSecret, leakedToken))
				}
			}
			if n := cloud.Requests(WAFThreatEventAction); n != 0 {
				t.Errorf("%d requests reached the API without credentials", n)
			}
		})
	}
}

func TestClient_staticSTSCredentials(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		edit     func(s *stsSession)
		wantCode string
	}{
		{name: "valid session"},
		{name: "token of another session", edit: func(s *stsSession) { s.SecurityToken = "sts-token-other" }, wantCode: "InvalidSecurityToken.MismatchWithAccessKey"},
		{name: "wrong secret", edit: func(s *stsSession) { s.AccessKeySecret = "wrong" }, wantCode: "SignatureDoesNotMatch"},
		{name: "no token", edit: func(s *stsSession) { s.SecurityToken = "" }, wantCode: "MissingParameter"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			cloud, srv := startFake(t)
			session := fetchSession(t, srv.URL)
			realToken := session.SecurityToken
			if tt.edit != nil {
				tt.edit(&session)
			}
			c := newTestClient(t, srv.URL, func(cfg *Config) {
				cfg.Credentials = Credentials{AccessKey: session.AccessKeyID, SecretKey: session.AccessKeySecret, SecurityToken: session.SecurityToken}
				cfg.MaxRetries = 3
			})
			_, err := readPageWAFEvent(context.Background(), c)
			if tt.wantCode == "" {
				if err != nil {
					t.Fatal(redact(err.Error(), session.AccessKeySecret, realToken))
				}
				return
			}
			apiErr := asAPIError(t, err)
			if apiErr.Code != tt.wantCode {
				t.Errorf("Code = %q, want %q", apiErr.Code, tt.wantCode)
			}
			if strings.Contains(err.Error(), realToken) {
				t.Errorf("the error shows the security token: %s", redact(err.Error(), realToken))
			}
			// The first call, the instance check, is refused.
			if n := cloud.Requests(WAFInstanceAction) + cloud.Requests(WAFThreatEventAction); n != 1 {
				t.Errorf("the fake saw %d requests, want 1 (never retried)", n)
			}
		})
	}
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
}

// cliConfigFile writes an Alibaba Cloud CLI config.json with profiles for
// the fake cloud and returns its path.
func cliConfigFile(t *testing.T, dir string, session stsSession) string {
	t.Helper()
	cfg := map[string]any{
		"current": "ak",
		"profiles": []map[string]any{
			{"name": "ak", "mode": "AK", "access_key_id": fakecloud.DefaultAccessKeyID, "access_key_secret": fakecloud.DefaultAccessKeySecret},
			{"name": "legacy", "access_key_id": fakecloud.DefaultAccessKeyID, "access_key_secret": fakecloud.DefaultAccessKeySecret},
			{"name": "sts", "mode": "StsToken", "access_key_id": session.AccessKeyID, "access_key_secret": session.AccessKeySecret, "sts_token": session.SecurityToken},
			{"name": "wrong-secret", "mode": "AK", "access_key_id": fakecloud.DefaultAccessKeyID, "access_key_secret": profileSecret},
			{"name": "odd-mode", "mode": "ChainableRamRoleArn", "access_key_id": "LTAI5tOdd", "access_key_secret": profileSecret},
			{"name": "empty-ak", "mode": "AK", "access_key_id": "", "access_key_secret": ""},
		},
	}
	data, err := json.Marshal(cfg)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "config.json")
	writeFile(t, path, string(data))
	return path
}

func TestClient_cliProfile(t *testing.T) {
	t.Parallel()
	tests := []struct {
		profile     string
		wantCode    string // an API error with this code
		wantMissing string // a MissingCredentialsError whose reason holds this
	}{
		{profile: "ak"},
		{profile: ""}, // the file's current profile
		{profile: "legacy"},
		{profile: "sts"},
		{profile: "wrong-secret", wantCode: "SignatureDoesNotMatch"},
		{profile: "odd-mode", wantMissing: `mode "ChainableRamRoleArn"`},
		{profile: "nope", wantMissing: `profile "nope" is not in`},
		{profile: "empty-ak", wantMissing: `profile "empty-ak" in`},
	}
	for _, tt := range tests {
		t.Run(tt.profile, func(t *testing.T) {
			t.Parallel()
			cloud, srv := startFake(t)
			session := fetchSession(t, srv.URL)
			path := cliConfigFile(t, t.TempDir(), session)
			c := newTestClient(t, srv.URL, func(cfg *Config) {
				cfg.Credentials = Credentials{Profile: tt.profile, SharedCredentialsFile: path}
			})
			secrets := []string{profileSecret, session.AccessKeySecret, session.SecurityToken, fakecloud.DefaultAccessKeySecret}
			for _, err := range readBoth(c) {
				shown := redact(fmt.Sprint(err), secrets...)
				switch {
				case tt.wantMissing != "":
					var missing *MissingCredentialsError
					if !errors.As(err, &missing) || !strings.Contains(missing.Reason, tt.wantMissing) {
						t.Fatalf("error = %s, want missing credentials with %q", shown, tt.wantMissing)
					}
					if !strings.Contains(missing.Reason, path) {
						t.Errorf("Reason %q does not name the file", shown)
					}
				case tt.wantCode != "":
					if apiErr := asAPIError(t, err); apiErr.Code != tt.wantCode {
						t.Errorf("Code = %q, want %q", apiErr.Code, tt.wantCode)
					}
				case err != nil:
					t.Fatalf("read with profile %q: %s", tt.profile, shown)
				}
				if shown != fmt.Sprint(err) {
					t.Errorf("the error shows a secret: %s", shown)
				}
			}
			if tt.wantMissing != "" && cloud.Requests(WAFThreatEventAction)+cloud.Requests(DSCEventAction) != 0 {
				t.Errorf("a request reached the server without credentials")
			}
		})
	}
}

// TestClient_cliProfileDefaultFile reads ~/.aliyun/config.json when no file
// is named. Not parallel: it sets HOME.
func TestClient_cliProfileDefaultFile(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("USERPROFILE", home)
	_, srv := startFake(t)
	cliConfigFile(t, filepath.Join(home, ".aliyun"), fetchSession(t, srv.URL))
	c := newTestClient(t, srv.URL, func(cfg *Config) { cfg.Credentials = Credentials{Profile: "sts"} })
	for _, err := range readBoth(c) {
		if err != nil {
			t.Fatalf("read with the default CLI config file: %v", err)
		}
	}
}

func TestClient_sharedCredentialsFileErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		content    *string // nil: no file; the path is a directory if dir
		dir        bool
		wantReason string
	}{
		{name: "no such file", wantReason: "cannot read the shared credentials file"},
		{name: "a directory", dir: true, wantReason: "cannot read the shared credentials file"},
		{name: "empty file", content: ptr(""), wantReason: "is not valid JSON"},
		{name: "truncated JSON", content: ptr(`{"current":"ak","profiles":[{"name":"ak","access_key_secret":"` + profileSecret), wantReason: "is not valid JSON"},
		{name: "wrong types", content: ptr(`{"current":"ak","profiles":[{"name":"ak","access_key_secret":"` + profileSecret + `","expired_seconds":"` + profileSecret + `"}]}`), wantReason: "is not valid JSON"},
		{name: "YAML", content: ptr("current: ak\naccess_key_secret: " + profileSecret + "\n"), wantReason: "is not valid JSON"},
		{name: "no profiles", content: ptr(`{"current":"ak"}`), wantReason: `profile "ak" is not in`},
		{name: "JSON null", content: ptr(`null`), wantReason: `profile "" is not in`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			cloud, srv := startFake(t)
			dir := t.TempDir()
			path := filepath.Join(dir, "config.json")
			switch {
			case tt.dir:
				if err := os.Mkdir(path, 0o700); err != nil {
					t.Fatal(err)
				}
			case tt.content != nil:
				writeFile(t, path, *tt.content)
			}
			c := newTestClient(t, srv.URL, func(cfg *Config) {
				cfg.Credentials = Credentials{SharedCredentialsFile: path}
				cfg.MaxRetries = 5
			})
			for _, err := range readBoth(c) {
				shown := redact(fmt.Sprint(err), profileSecret)
				var missing *MissingCredentialsError
				if !errors.As(err, &missing) || !errors.Is(err, ErrMissingCredentials) {
					t.Fatalf("error = %T %s, want *MissingCredentialsError", err, shown)
				}
				if !strings.Contains(missing.Reason, tt.wantReason) || !strings.Contains(missing.Reason, path) {
					t.Errorf("Reason = %q, want %q and the path", shown, tt.wantReason)
				}
				if strings.Contains(err.Error(), profileSecret) {
					t.Errorf("the error shows the secret from the file: %s", shown)
				}
			}
			if n := cloud.Requests(WAFThreatEventAction) + cloud.Requests(DSCEventAction); n != 0 {
				t.Errorf("%d requests reached the server", n)
			}
		})
	}
}

// TestNew_noNetwork builds clients for every credential source that would
// reach out and checks that none does so before the first read.
func TestNew_noNetwork(t *testing.T) {
	t.Parallel()
	cloud, srv := startFake(t)
	missingFile := filepath.Join(t.TempDir(), "absent.json")
	tests := []struct {
		name  string
		creds Credentials
	}{
		{"credentials URI", Credentials{CredentialsURI: srv.URL + fakecloud.CredentialsURIPath}},
		{"profile file that does not exist", Credentials{Profile: "p", SharedCredentialsFile: missingFile}},
		{"ECS role", Credentials{ECSRoleName: "role"}},
		{"assume role", Credentials{AccessKey: "a", SecretKey: "b", AssumeRole: &AssumeRole{RoleARN: "acs:ram::1:role/r", SessionName: "s"}}},
		{"assume role with OIDC", Credentials{AssumeRoleWithOIDC: &AssumeRoleWithOIDC{
			OIDCProviderARN: "acs:ram::1:oidc-provider/p", OIDCTokenFile: missingFile, RoleARN: "acs:ram::1:role/r", RoleSessionName: "s"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := New(Config{Credentials: tt.creds, Endpoints: Endpoints{Products: allEndpoints(srv.URL).Products, STS: srv.URL}}); err != nil {
				t.Fatalf("New: %v", err)
			}
		})
	}
	for _, path := range []string{fakecloud.CredentialsURIPath, "AssumeRole", "AssumeRoleWithOIDC"} {
		if n := cloud.Requests(path); n != 0 {
			t.Errorf("New made %d %s requests", n, path)
		}
	}

	// The first read then fetches the credentials exactly once.
	c := newTestClient(t, srv.URL, func(cfg *Config) {
		cfg.Credentials = Credentials{CredentialsURI: srv.URL + fakecloud.CredentialsURIPath}
	})
	if n := cloud.Requests(fakecloud.CredentialsURIPath); n != 0 {
		t.Fatalf("after New: %d credentials requests, want 0", n)
	}
	if _, err := readPageWAFEvent(context.Background(), c); err != nil {
		t.Fatal(err)
	}
	if n := cloud.Requests(fakecloud.CredentialsURIPath); n != 1 {
		t.Errorf("after the first read: %d credentials requests, want 1", n)
	}
}

func TestCredentialsSecrets(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		creds Credentials
		want  []string
	}{
		{"none", Credentials{}, nil},
		{"key pair", Credentials{AccessKey: "id", SecretKey: "s1"}, []string{"s1"}},
		{"STS", Credentials{AccessKey: "id", SecretKey: "s1", SecurityToken: "t1"}, []string{"s1", "t1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := tt.creds.Secrets(); fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("Secrets() has %d values, want %d", len(got), len(tt.want))
			}
		})
	}
}

// TestCredentialError checks that errors from the credential sources keep
// their meaning and never carry a secret the source answered with.
func TestCredentialError(t *testing.T) {
	t.Parallel()
	const secret = "uri-secret-0123456789abcdef"
	stsEcho := `{"RequestId":"R","Code":"SignatureDoesNotMatch","Message":"Specified signature is not matched with our calculation. server string to sign is:POST&%2F&AccessKeyId%3DSTS.x%26SecurityToken%3D` + leakedToken + `"}`
	tests := []struct {
		name        string
		err         error
		wantMissing bool
		wantText    []string
		secrets     []string
	}{
		{
			name:        "missing credentials pass through the SDK's wrapping",
			err:         fmt.Errorf("wrapped: %w", &MissingCredentialsError{Reason: "r"}),
			wantMissing: true,
		},
		{
			name:     "STS signature echo",
			err:      sdkerrors.NewServerError(400, stsEcho, "refresh session token failed"),
			wantText: []string{"SignatureDoesNotMatch", "Specified signature is not matched"},
			secrets:  []string{leakedToken},
		},
		{
			name: "credentials URI answer without Expiration",
			err: fmt.Errorf("refresh credentials from %s failed: %s", "http://127.0.0.1:1/credentials",
				`{"AccessKeyId":"STS.abc","AccessKeySecret":"`+secret+`","SecurityToken":"`+leakedToken+`"}`),
			wantText: []string{"http://127.0.0.1:1/credentials", "STS.abc"},
			secrets:  []string{secret, leakedToken},
		},
		{
			name:     "CLI style keys",
			err:      errors.New(`bad profile {"access_key_secret": "` + secret + `", "sts_token":"` + leakedToken + `"}`),
			wantText: []string{"bad profile"},
			secrets:  []string{secret, leakedToken},
		},
		{
			name:     "plain error is kept",
			err:      errors.New("dial tcp 100.100.100.200:80: i/o timeout"),
			wantText: []string{"dial tcp 100.100.100.200:80: i/o timeout"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := credentialError(tt.err)
			var missing *MissingCredentialsError
			if errors.As(got, &missing) != tt.wantMissing {
				t.Fatalf("credentialError(...) = %T, want MissingCredentialsError: %v", got, tt.wantMissing)
			}
			if tt.wantMissing {
				return
			}
			var ce *CredentialsError
			if !errors.As(got, &ce) {
				t.Fatalf("credentialError(...) = %T, want *CredentialsError", got)
			}
			// The provider prints both the error and its Err.
			for _, text := range []string{got.Error(), fmt.Sprint(ce.Err)} {
				shown := redact(text, tt.secrets...)
				for _, s := range tt.secrets {
					if strings.Contains(text, s) {
						t.Errorf("error text leaks a secret: %q", shown)
					}
				}
				for _, s := range tt.wantText {
					if !strings.Contains(text, s) {
						t.Errorf("error text %q does not contain %q", shown, s)
					}
				}
			}
		})
	}
}
