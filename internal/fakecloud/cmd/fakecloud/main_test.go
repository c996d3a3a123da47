package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha1"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"go/parser"
	"go/token"
	"io"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/alisec/terraform-provider-alisec/internal/fakecloud"
)

// sampleFixtures is the directory the recipe in examples/fakecloud uses.
const sampleFixtures = "../../../../examples/fakecloud/fixtures"

// The sample fixtures' events, as examples/fakecloud/README.md names them.
const (
	sampleInstance    = "waf_v2_public_cn-lbj0xxxx"
	sampleCriticalWAF = "5b3f8e1c2a9d4e7f8a6b0c1d2e3f4a5b" // now-30m
	sampleMediumWAF   = "0a1b2c3d4e5f60718293a4b5c6d7e8f9" // now-3h
	sampleHighDSC     = "90001"                            // now-45m, unhandled
	sampleLowDSC      = "90002"                            // now-5h, handled
)

// command is cmd/fakecloud running in-process.
type command struct {
	url    string
	stop   func() (code int, stdout []string, stderr string)
	output <-chan string
}

// startCommand runs the command with args until the test ends or stop is
// called, and waits for its url= line.
func startCommand(t *testing.T, args ...string) *command {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	stdoutR, stdoutW := io.Pipe()
	var stderr bytes.Buffer
	done := make(chan int, 1)
	go func() {
		code := run(ctx, args, stdoutW, &stderr)
		_ = stdoutW.Close()
		done <- code
	}()
	lines := make(chan string, 100)
	go func() {
		defer close(lines)
		sc := bufio.NewScanner(stdoutR)
		for sc.Scan() {
			lines <- sc.Text()
		}
	}()
	var seen []string
	c := &command{output: lines}
	for line := range lines {
		seen = append(seen, line)
		if u, ok := strings.CutPrefix(line, "url="); ok {
			c.url = u
			break
		}
	}
	stopped := false
	var code int
	c.stop = func() (int, []string, string) {
		if !stopped {
			stopped = true
			cancel()
			for line := range lines {
				seen = append(seen, line)
			}
			code = <-done
		}
		return code, seen, stderr.String()
	}
	t.Cleanup(func() { c.stop() })
	if c.url == "" {
		code, _, errText := c.stop()
		t.Fatalf("no url= line; exit %d, stderr:\n%s", code, errText)
	}
	return c
}

// call signs an RPC request with the fake's printed key pair, with its own
// signature V1 code, and decodes the JSON answer.
func (c *command) call(t *testing.T, action, version string, params map[string]string) (int, map[string]any, string) {
	t.Helper()
	p := map[string]string{
		"Action": action, "Version": version, "Format": "JSON", "AccessKeyId": fakecloud.DefaultAccessKeyID,
		"SignatureMethod": "HMAC-SHA1", "SignatureVersion": "1.0",
		"SignatureNonce": fmt.Sprintf("%s-%d", t.Name(), time.Now().UnixNano()),
		"Timestamp":      time.Now().UTC().Format("2006-01-02T15:04:05Z"),
	}
	for k, v := range params {
		p[k] = v
	}
	keys := make([]string, 0, len(p))
	for k := range p {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	pairs := make([]string, 0, len(keys))
	for _, k := range keys {
		pairs = append(pairs, percent(k)+"="+percent(p[k]))
	}
	mac := hmac.New(sha1.New, []byte(fakecloud.DefaultAccessKeySecret+"&"))
	mac.Write([]byte("GET&%2F&" + percent(strings.Join(pairs, "&"))))
	query := url.Values{"Signature": {base64.StdEncoding.EncodeToString(mac.Sum(nil))}}
	for k, v := range p {
		query.Set(k, v)
	}
	resp, err := http.Get(c.url + "/?" + query.Encode())
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	var body map[string]any
	_ = json.Unmarshal(raw, &body)
	return resp.StatusCode, body, string(raw)
}

// percent is RFC 3986 encoding: every byte but A-Z a-z 0-9 - _ . ~.
func percent(s string) string {
	var b strings.Builder
	for _, c := range []byte(s) {
		if 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || strings.IndexByte("-_.~", c) >= 0 {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}

// The recipe end to end: the command serves the sample fixtures, and the
// last hour holds their recent events only.
func TestRun_sampleFixtures(t *testing.T) {
	t.Parallel()
	c := startCommand(t, "-listen", "127.0.0.1:0", "-fixtures", sampleFixtures,
		"-deny", "DescribeInstance", "-fault", "DescribeEventDetail=HTML:1")
	now := time.Now()
	lastHour := map[string]string{
		"StartTime": fmt.Sprint(now.Add(-time.Hour).UnixMilli()),
		"EndTime":   fmt.Sprint(now.UnixMilli()),
	}

	status, body, raw := c.call(t, "DescribeThreatEvent", "2021-10-01",
		map[string]string{"RegionId": "cn-hangzhou", "InstanceId": sampleInstance, "StartTime": lastHour["StartTime"], "EndTime": lastHour["EndTime"]})
	events, _ := body["ThreatEvents"].([]any)
	first := map[string]any{}
	if len(events) > 0 {
		first, _ = events[0].(map[string]any)
	}
	if status != http.StatusOK || len(events) != 1 || first["EventId"] != sampleCriticalWAF || first["EventLevel"] != "critical" {
		t.Errorf("DescribeThreatEvent over the last hour: HTTP %d %s, want the critical sample event alone", status, raw)
	}

	status, body, raw = c.call(t, "DescribeEvents", "2019-01-03",
		map[string]string{"StartTime": lastHour["StartTime"], "EndTime": lastHour["EndTime"], "Status": "0"})
	items, _ := body["Items"].([]any)
	if status != http.StatusOK || len(items) != 1 || !strings.Contains(raw, `"Id":`+sampleHighDSC) || !strings.Contains(raw, `"WarnLevel":3`) {
		t.Errorf("DescribeEvents over the last hour: HTTP %d %s, want the high-risk sample event alone", status, raw)
	}

	if status, _, raw := c.call(t, "DescribeEventDetail", "2019-01-03", map[string]string{"Id": sampleHighDSC}); status != http.StatusBadGateway {
		t.Errorf("first DescribeEventDetail: HTTP %d %.100s, want the HTML fault's 502", status, raw)
	}
	if status, _, raw := c.call(t, "DescribeEventDetail", "2019-01-03", map[string]string{"Id": sampleHighDSC}); status != http.StatusOK || !strings.Contains(raw, `"Status":0`) {
		t.Errorf("second DescribeEventDetail: HTTP %d %.200s, want the event", status, raw)
	}
	if status, body, _ := c.call(t, "DescribeInstance", "2021-10-01", nil); status != http.StatusForbidden || body["Code"] != "Forbidden.RAM" {
		t.Errorf("denied DescribeInstance: HTTP %d %v, want 403 Forbidden.RAM", status, body)
	}

	code, stdout, stderr := c.stop()
	if code != 0 || stderr != "" {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	out := strings.Join(stdout, "\n")
	for _, want := range []string{
		"access_key=" + fakecloud.DefaultAccessKeyID,
		"secret_key=" + fakecloud.DefaultAccessKeySecret,
		"fixtures=" + sampleFixtures,
		"event=waf region_id=cn-hangzhou instance_id=" + sampleInstance + " event_id=" + sampleCriticalWAF + " end_time=",
		"event=waf region_id=cn-hangzhou instance_id=" + sampleInstance + " event_id=" + sampleMediumWAF + " end_time=",
		"event=dsc event_id=" + sampleHighDSC + " event_time=",
		"event=dsc event_id=" + sampleLowDSC + " event_time=",
		"flow_control=unlimited",
		"fault=DescribeEventDetail HTML on the next request",
		"deny=DescribeInstance Forbidden.RAM for " + fakecloud.DefaultAccessKeyID,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("start-up output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "\nreading ") {
		t.Errorf("the default readings printed a reading line:\n%s", out)
	}
}

// -reading changes the answers and prints a reading line for each reading
// not at its default; the defaults hold for the others.
func TestRun_readings(t *testing.T) {
	t.Parallel()
	c := startCommand(t, "-reading", "empty-items=empty", "-reading", "waf-total-count=page",
		"-reading", "dsc-page-cap=1", "-reading", "foreign-instance=refused", "-reading", "unknown-event=null")

	status, body, raw := c.call(t, "DescribeEvents", "2019-01-03", map[string]string{"ProductCode": "RDS"})
	if items, ok := body["Items"].([]any); status != http.StatusOK || !ok || len(items) != 0 {
		t.Errorf("DescribeEvents without a match: HTTP %d %s, want Items []", status, raw)
	}
	status, body, raw = c.call(t, "DescribeEvents", "2019-01-03", map[string]string{"PageSize": "10"})
	if items, _ := body["Items"].([]any); status != http.StatusOK || len(items) != 1 || body["PageSize"] != float64(1) {
		t.Errorf("DescribeEvents capped at 1: HTTP %d %s, want one item and PageSize 1", status, raw)
	}
	status, body, raw = c.call(t, "DescribeEventDetail", "2019-01-03", map[string]string{"Id": "5"})
	if event, ok := body["Event"]; status != http.StatusOK || !ok || event != nil {
		t.Errorf("DescribeEventDetail of an unknown ID: HTTP %d %s, want Event null", status, raw)
	}
	status, body, raw = c.call(t, "DescribeThreatEvent", "2021-10-01",
		map[string]string{"InstanceId": "waf-not-mine", "StartTime": "0", "EndTime": "4102444800000"})
	if status != http.StatusBadRequest || body["Code"] != "Waf.Instance.ValidFaild" {
		t.Errorf("DescribeThreatEvent of another instance: HTTP %d %s, want Waf.Instance.ValidFaild", status, raw)
	}
	status, body, raw = c.call(t, "DescribeThreatEvent", "2021-10-01",
		map[string]string{"InstanceId": sampleInstance, "StartTime": "0", "EndTime": "4102444800000", "PageNumber": "9"})
	if _, ok := body["ThreatEvents"].([]any); status != http.StatusOK || !ok || body["TotalCount"] != float64(0) {
		t.Errorf("DescribeThreatEvent past the end: HTTP %d %s, want [] and TotalCount 0", status, raw)
	}

	code, stdout, stderr := c.stop()
	if code != 0 || stderr != "" {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	var readings []string
	for _, line := range stdout {
		if strings.HasPrefix(line, "reading ") {
			readings = append(readings, line)
		}
	}
	want := []string{"reading empty-items=empty", "reading unknown-event=null", "reading waf-total-count=page", "reading dsc-page-cap=1"}
	if strings.Join(readings, "\n") != strings.Join(want, "\n") {
		t.Errorf("reading lines %q, want %q", readings, want)
	}
}

// Fixtures that cannot be served stop the command before it listens, with
// the file named.
func TestRun_badFixtures(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), []string{"-fixtures", dir}, &stdout, &stderr)
	if code != 1 || stdout.Len() != 0 || !strings.Contains(stderr.String(), dir+" holds no fixture files") {
		t.Errorf("exit %d, stdout %q, stderr %q; want 1 and the directory named", code, stdout.String(), stderr.String())
	}
}

// The package comment, shown by go doc, names every flag -h prints.
func TestPackageCommentNamesEveryFlag(t *testing.T) {
	t.Parallel()
	f, err := parser.ParseFile(token.NewFileSet(), "main.go", nil, parser.ParseComments|parser.PackageClauseOnly)
	if err != nil {
		t.Fatal(err)
	}
	doc := f.Doc.Text()
	var usage bytes.Buffer
	if _, err := parseArgs([]string{"-h"}, &usage); err == nil {
		t.Fatal("-h: no flag.ErrHelp")
	}
	for _, line := range strings.Split(usage.String(), "\n") {
		if name, ok := strings.CutPrefix(line, "  -"); ok {
			name, _, _ = strings.Cut(name, " ")
			if !strings.Contains(doc, "-"+name+" ") {
				t.Errorf("the package comment does not document -%s", name)
			}
		}
	}
}
