package probe

import (
	"context"
	"crypto/tls"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/alisec/terraform-provider-alisec/internal/fakecloud"
)

func TestProbe_command(t *testing.T) {
	t.Parallel()
	_, srv := seededCloud(t, fakecloud.Readings{}, false)
	_, secondsSrv := seededCloud(t, fakecloud.Readings{DSCTimeUnit: fakecloud.Seconds}, false)
	closed := httptest.NewServer(nil)
	closed.Close()
	without := func(env map[string]string, names ...string) map[string]string {
		for _, n := range names {
			delete(env, n)
		}
		return env
	}
	tests := []struct {
		name       string
		env        map[string]string
		args       []string
		wantExit   int
		wantStdout string // in standard output; "" for none at all
		wantStderr string
	}{
		{"holds", fakeEnv(srv.URL), nil, ExitHolds, "| [D4 DSC time unit](#d4-dsc-time-unit) | milliseconds", "every assumption holds"},
		{"breaks", fakeEnv(secondsSrv.URL), nil, ExitBreaks, "| **BREAKS** |", "BREAKS: D4"},
		{"-region", fakeEnv(srv.URL), []string{"-region", "ap-southeast-1"}, ExitHolds, "region ap-southeast-1,", ""},
		{"-window", fakeEnv(srv.URL), []string{"-window", "30m30s"}, ExitHolds, "milliseconds (30 event(s)", ""},
		{"-h", fakeEnv(srv.URL), []string{"-h"}, ExitHolds, "", "Exit status: 0"},
		{"unknown flag", fakeEnv(srv.URL), []string{"-bogus"}, ExitCannotRun, "", "flag provided but not defined"},
		{"bad -window", fakeEnv(srv.URL), []string{"-window", "-1h"}, ExitCannotRun, "", "not positive"},
		{"stray argument", fakeEnv(srv.URL), []string{"now"}, ExitCannotRun, "", "unexpected arguments"},
		{"bad environment", map[string]string{"ALIBABA_CLOUD_REGION": "Hangzhou"}, nil, ExitCannotRun, "", "Invalid Region"},
		{"no credentials", without(fakeEnv(srv.URL), "ALIBABA_CLOUD_ACCESS_KEY_ID", "ALIBABA_CLOUD_ACCESS_KEY_SECRET"), nil,
			ExitCannotRun, "**The probe could not run:** no usable credentials", "could not run"},
		{"refused credentials", func() map[string]string {
			env := fakeEnv(srv.URL)
			env["ALIBABA_CLOUD_ACCESS_KEY_SECRET"] = "wrong-secret"
			return env
		}(), nil, ExitCannotRun, "the credentials were refused", "could not run"},
		{"no answer", fakeEnv(closed.URL), nil, ExitCannotRun, "no call got an answer", "could not run"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			code, stdout, stderr := runCommand(t, Command{Lookup: lookupIn(tt.env)}, tt.args...)
			if code != tt.wantExit {
				t.Errorf("exit status %d, want %d; stderr %q", code, tt.wantExit, stderr)
			}
			if tt.wantStdout == "" && stdout != "" || !strings.Contains(stdout, tt.wantStdout) {
				t.Errorf("stdout lacks %q:\n%s", tt.wantStdout, stdout)
			}
			if !strings.Contains(stderr, tt.wantStderr) {
				t.Errorf("stderr lacks %q: %q", tt.wantStderr, stderr)
			}
		})
	}
}

func TestProbe_commandOut(t *testing.T) {
	t.Parallel()
	_, srv := seededCloud(t, fakecloud.Readings{}, false)
	out := filepath.Join(t.TempDir(), "probe-report.md")
	code, stdout, _ := runCommand(t, Command{Lookup: lookupIn(fakeEnv(srv.URL))}, "-out", out)
	text, err := os.ReadFile(out)
	if code != ExitHolds || err != nil || stdout != "" || !strings.HasPrefix(string(text), "# alisec conformance probe report") {
		t.Fatalf("exit %d, stdout %q, file %q (%v)", code, stdout, text, err)
	}
	code, _, stderr := runCommand(t, Command{Lookup: lookupIn(fakeEnv(srv.URL))}, "-out", filepath.Join(out, "not-a-dir", "r.md"))
	if code != ExitCannotRun || !strings.Contains(stderr, "r.md") {
		t.Errorf("an unwritable -out: exit %d, stderr %q", code, stderr)
	}
}

// TestProbe_noSecretsInReport runs the probe with keys of its own and a
// security token, and finds none of them in what it prints.
func TestProbe_noSecretsInReport(t *testing.T) {
	t.Parallel()
	const keyID, secret = "LTAI5tProbeKnownKey0042", "probe-known-secret-0042"
	cloud, srv := seededCloud(t, fakecloud.Readings{}, false)
	cloud.AddAccount(fakecloud.Account{AccessKeyID: keyID, AccessKeySecret: secret})
	env := fakeEnv(srv.URL)
	env["ALIBABA_CLOUD_ACCESS_KEY_ID"], env["ALIBABA_CLOUD_ACCESS_KEY_SECRET"] = keyID, secret
	for _, tt := range []struct {
		name string
		edit func(map[string]string)
	}{
		{"a run that holds", func(map[string]string) {}},
		{"a refused token", func(env map[string]string) { env["ALIBABA_CLOUD_SECURITY_TOKEN"] = "probe-known-token-0042" }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			e := map[string]string{}
			for k, v := range env {
				e[k] = v
			}
			tt.edit(e)
			_, stdout, stderr := runCommand(t, Command{Lookup: lookupIn(e)})
			for _, s := range []string{keyID, secret, "probe-known-token-0042", "Signature="} {
				if strings.Contains(stdout+stderr, s) {
					t.Errorf("the output holds %q", s)
				}
			}
			if !strings.Contains(stdout, "## D5") {
				t.Errorf("no full report:\n%s", stdout)
			}
		})
	}
}

// TestProbe_hongKongEndpoint runs D5 in cn-hongkong without an override,
// the public hosts routed to a fake cloud, sddp-api.cn-hongkong resolving
// or not.
func TestProbe_hongKongEndpoint(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name        string
		unreachable string
		want        want
		wantExit    int
	}{
		{"both hosts answer", "", want{Holds, "sddp-api.cn-hongkong.aliyuncs.com answered; sddp.ap-southeast-1.aliyuncs.com answered"}, ExitHolds},
		{"only the fallback answers", "sddp-api.cn-hongkong.aliyuncs.com",
			want{Breaks, "sddp-api.cn-hongkong.aliyuncs.com did not answer; sddp.ap-southeast-1.aliyuncs.com answered"}, ExitBreaks},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			cloud := fakecloud.New()
			srv := httptest.NewTLSServer(cloud)
			t.Cleanup(srv.Close)
			env := map[string]string{
				"ALIBABA_CLOUD_ACCESS_KEY_ID": fakecloud.DefaultAccessKeyID, "ALIBABA_CLOUD_ACCESS_KEY_SECRET": fakecloud.DefaultAccessKeySecret,
				"ALIBABA_CLOUD_MAX_RETRIES": "0",
			}
			cmd := Command{Lookup: lookupIn(env), HTTPClient: routedClient(srv, tt.unreachable)}
			code, stdout, _ := runCommand(t, cmd, "-region", "cn-hongkong")
			if !strings.Contains(stdout, "| [D5 DSC endpoint](#d5-dsc-endpoint) | "+tt.want.reading+" | "+verdictText(tt.want.verdict)+" |") {
				t.Errorf("D5 is not %q, %s:\n%s", tt.want.reading, tt.want.verdict, stdout)
			}
			if code != tt.wantExit {
				t.Errorf("exit status %d, want %d", code, tt.wantExit)
			}
		})
	}
}

// routedClient sends every host's requests to srv, as if the public
// endpoints were the fake cloud, except unreachable's, which does not
// resolve.
func routedClient(srv *httptest.Server, unreachable string) *http.Client {
	transport := &http.Transport{
		// The fake's certificate is not for the public host names.
		TLSClientConfig: &tls.Config{InsecureSkipVerify: true},
		DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			if host, _, _ := net.SplitHostPort(addr); host == unreachable {
				return nil, &net.DNSError{Err: "no such host", Name: host, IsNotFound: true}
			}
			var d net.Dialer
			return d.DialContext(ctx, network, srv.Listener.Addr().String())
		},
	}
	return &http.Client{Transport: transport}
}
