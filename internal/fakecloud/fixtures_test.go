package fakecloud

import (
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// writeFixtures writes files (path under dir -> content) into a new
// directory and returns it.
func writeFixtures(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

const (
	wafFixtureNow = `{"RegionId": "cn-hangzhou", "InstanceId": "i1", "EventId": "e-now",
  "Response": {"RequestId": "R1", "ThreatEventDetail": {"EventLevel": "critical", "EndTime": "now-30m",
    "EventCondition": "{\"start_ts\": \"now-2h\", \"end_ts\": \"now-30m\"}"}}}`
	wafFixtureOld = `{"InstanceId": "i1", "EventId": "e-old",
  "Response": {"RequestId": "R2", "ThreatEventDetail": {"EventLevel": "low", "EndTime": "now-3h"}}}`
	dscFixtureNow = `{"Response": {"RequestId": "R3", "Event": {"Id": 7, "Status": 0, "WarnLevel": 3, "EventTime": "now-45m", "AlertTime": "now-44m"}}}`
)

// Relative times become the numbers the API sends, and the list actions
// filter on them.
func TestNewFromFixtureDir_relativeTimes(t *testing.T) {
	t.Parallel()
	dir := writeFixtures(t, map[string]string{
		"waf/now.json": wafFixtureNow, "waf/old.json": wafFixtureOld, "sddp/now.json": dscFixtureNow,
		"README.md": "not a fixture: only *.json files are read",
	})
	now := time.Now().Truncate(time.Second)
	s, err := NewFromFixtureDir(dir, now)
	if err != nil {
		t.Fatal(err)
	}
	ms := func(d time.Duration) string { return fmt.Sprint(now.Add(d).UnixMilli()) }

	p := wafParams(time.Now())
	p["InstanceId"], p["EventId"] = "i1", "e-now"
	detail := serve(t, s, rpcRequest{params: p})
	wantDetail := fmt.Sprintf(`{"RequestId":"R1","ThreatEventDetail":{"EndTime":%s,"EventCondition":"{\"end_ts\":%d,\"start_ts\":%d}","EventLevel":"critical"}}`,
		ms(-30*time.Minute), now.Add(-30*time.Minute).Unix(), now.Add(-2*time.Hour).Unix())
	if detail.raw != wantDetail {
		t.Errorf("detail\n%s\nwant\n%s", detail.raw, wantDetail)
	}

	lastHour := map[string]string{"InstanceId": "i1", "StartTime": ms(-time.Hour), "EndTime": ms(0)}
	if ids := wafListIDs(t, s, lastHour); ids != "[e-now]" {
		t.Errorf("DescribeThreatEvent over the last hour listed %s, want [e-now]", ids)
	}
	lastDay := map[string]string{"InstanceId": "i1", "StartTime": ms(-24 * time.Hour), "EndTime": ms(0)}
	if ids := wafListIDs(t, s, lastDay); ids != "[e-now e-old]" {
		t.Errorf("DescribeThreatEvent over the last day listed %s, want [e-now e-old]", ids)
	}

	list := serve(t, s, rpcRequest{params: listParams("DescribeEvents", "2019-01-03",
		map[string]string{"StartTime": ms(-time.Hour), "EndTime": ms(0), "Status": "0", "WarnLevel": "3"})})
	items, _ := list.body["Items"].([]any)
	if len(items) != 1 || !strings.Contains(list.raw, `"EventTime":`+ms(-45*time.Minute)) {
		t.Errorf("DescribeEvents over the last hour: %s, want event 7 at %s", list.raw, ms(-45*time.Minute))
	}
	earlier := serve(t, s, rpcRequest{params: listParams("DescribeEvents", "2019-01-03",
		map[string]string{"StartTime": ms(-3 * time.Hour), "EndTime": ms(-time.Hour)})})
	if !strings.Contains(earlier.raw, `"TotalCount":0`) {
		t.Errorf("DescribeEvents before the event listed it: %s", earlier.raw)
	}

	// Only the directory's events: none of the embedded ones.
	gotEvents := fmt.Sprint(s.Events())
	wantEvents := fmt.Sprint([]Event{
		{"waf", "cn-hangzhou", "i1", "e-now", now.Add(-30 * time.Minute).UTC()},
		{"waf", "cn-hangzhou", "i1", "e-old", now.Add(-3 * time.Hour).UTC()},
		{Product: "dsc", ID: "7", Time: now.Add(-45 * time.Minute).UTC()},
	})
	if gotEvents != wantEvents {
		t.Errorf("Events() = %s, want %s", gotEvents, wantEvents)
	}
	if instance := serve(t, s, rpcRequest{params: signedParams("DescribeInstance", "2021-10-01", time.Now())}); instance.str("InstanceId") != "i1" {
		t.Errorf("DescribeInstance: %s, want the fixtures' instance i1", instance.raw)
	}
}

func wafListIDs(t *testing.T, s *Server, extra map[string]string) string {
	t.Helper()
	resp := serve(t, s, rpcRequest{params: listParams("DescribeThreatEvent", "2021-10-01", extra)})
	var body struct {
		ThreatEvents []struct {
			EventID string `json:"EventId"`
		}
	}
	if resp.status != http.StatusOK || json.Unmarshal([]byte(resp.raw), &body) != nil {
		t.Fatalf("DescribeThreatEvent: HTTP %d %s", resp.status, resp.safeText())
	}
	ids := []string{}
	for _, e := range body.ThreatEvents {
		ids = append(ids, e.EventID)
	}
	return fmt.Sprint(ids)
}

// Every file that cannot be served is reported by name, with what is wrong.
func TestNewFromFixtureDir_errors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		files map[string]string
		want  []string // each in the error
	}{
		{"no fixture files", map[string]string{"notes.txt": "x"}, []string{"DIR holds no fixture files (*.json)"}},
		{"invalid JSON", map[string]string{"waf/a.json": "{\n  \"EventId\": \"e\",\n  oops\n}"},
			[]string{"DIR/waf/a.json: line 3, column 3: invalid character 'o'"}},
		{"not an object", map[string]string{"a.json": `[1, 2]`}, []string{"DIR/a.json: line 1, column 1: json: cannot unmarshal array"}},
		{"no Response", map[string]string{"a.json": `{"EventId": "e"}`}, []string{"DIR/a.json: no Response object: want a WAF event"}},
		{"unknown shape", map[string]string{"a.json": `{"Response": {"RequestId": "R", "Items": []}}`},
			[]string{"DIR/a.json: the Response holds neither ThreatEventDetail nor Event, or both"}},
		{"unknown key", map[string]string{"a.json": `{"InstanceId": "i", "EventId": "e", "Domian": "d", "Response": {"RequestId": "R", "ThreatEventDetail": {}}}`},
			[]string{`DIR/a.json: unknown key "Domian" at the top level of a WAF fixture: the known keys are RegionId, InstanceId, EventId, Domain, Response (keys are case-sensitive)`}},
		// Inside the event too: a misspelt field would be served as one the
		// API never sends, and the event would quietly lose its level.
		{"unknown key in a WAF event", map[string]string{"waf/a.json": `{"InstanceId": "i", "EventId": "e", "Response": {"RequestId": "R", "ThreatEventDetail": {"EventLevl": "critical", "EndTime": 1}}}`},
			[]string{`DIR/waf/a.json: unknown key "EventLevl" in Response.ThreatEventDetail: the known keys are EndTime, EventBlock, EventCnt, EventCondition, ` +
				`EventIntelligence, EventLevel, EventSrc, EventSrcCountry, EventSrcRegion, EventSuggest, EventTag, IsPersistent (keys are case-sensitive)`}},
		{"unknown keys in a DSC event, each named", map[string]string{"a.json": `{"Response": {"RequestId": "R", "Event": {"Id": 6, "warnLevel": 3, "Statuss": 0}}}`},
			[]string{`DIR/a.json: unknown key "Statuss" in Response.Event: the known keys are AlertTime, Backed, DataInstance,`,
				`DIR/a.json: unknown key "warnLevel" in Response.Event: the known keys are`, `UserId, WarnLevel (keys are case-sensitive)`}},
		{"unknown key in Response", map[string]string{"a.json": `{"Response": {"RequestId": "R", "Success": true, "Event": {"Id": 6}}}`},
			[]string{`DIR/a.json: unknown key "Success" in Response: the known keys are RequestId, Event (keys are case-sensitive)`}},
		{"unknown key at a DSC fixture's top", map[string]string{"a.json": `{"EventId": 6, "Response": {"RequestId": "R", "Event": {"Id": 6}}}`},
			[]string{`DIR/a.json: unknown key "EventId" at the top level of a DSC fixture: the known keys are Id, Response (keys are case-sensitive)`}},
		{"no RequestId", map[string]string{"a.json": `{"Response": {"Event": {"Id": 1}}}`}, []string{"DIR/a.json: the Response lacks RequestId"}},
		{"WAF without EventId", map[string]string{"a.json": `{"InstanceId": "i", "Response": {"RequestId": "R", "ThreatEventDetail": {}}}`},
			[]string{"DIR/a.json: a WAF event needs InstanceId and EventId"}},
		{"WAF region", map[string]string{"a.json": `{"RegionId": "eu-central-1", "InstanceId": "i", "EventId": "e", "Response": {"RequestId": "R", "ThreatEventDetail": {}}}`},
			[]string{`DIR/a.json: RegionId "eu-central-1"`}},
		{"WAF detail not an object", map[string]string{"a.json": `{"InstanceId": "i", "EventId": "e", "Response": {"RequestId": "R", "ThreatEventDetail": []}}`},
			[]string{"DIR/a.json: Response.ThreatEventDetail is not an object"}},
		{"DSC without Event.Id", map[string]string{"a.json": `{"Id": 5, "Response": {"RequestId": "R", "Event": {"Status": 0}}}`},
			[]string{`DIR/a.json: Response.Event.Id ""`}},
		{"DSC Id mismatch", map[string]string{"a.json": `{"Id": 5, "Response": {"RequestId": "R", "Event": {"Id": 6}}}`},
			[]string{"DIR/a.json: the Id 5 differs from Response.Event.Id 6"}},
		{"bad relative time", map[string]string{"a.json": `{"Response": {"RequestId": "R", "Event": {"Id": 6, "EventTime": "now-1d"}}}`},
			[]string{`DIR/a.json: Response.Event.EventTime: "now-1d" is not a relative time`}},
		{"event twice", map[string]string{
			"a.json": `{"Response": {"RequestId": "R", "Event": {"Id": 6}}}`,
			"b.json": `{"Id": "6", "Response": {"RequestId": "R", "Event": {"Id": 6}}}`,
		}, []string{"DIR/b.json: DSC event 6 is also in DIR/a.json"}},
		{"two instances in a region", map[string]string{
			"a.json": `{"InstanceId": "i1", "EventId": "e1", "Response": {"RequestId": "R", "ThreatEventDetail": {}}}`,
			"b.json": `{"InstanceId": "i2", "EventId": "e2", "Response": {"RequestId": "R", "ThreatEventDetail": {}}}`,
		}, []string{`DIR/b.json: InstanceId "i2", but DIR/a.json has "i1": a WAF 3.0 account has one instance in cn-hangzhou`}},
		{"every bad file", map[string]string{"a.json": `{`, "good.json": dscFixtureNow, "z/b.json": `{}`},
			[]string{"DIR/a.json: line 1, column 2: unexpected end of JSON input", "DIR/z/b.json: no Response object"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			dir := writeFixtures(t, tt.files)
			s, err := NewFromFixtureDir(dir, time.Now())
			if err == nil || s != nil {
				t.Fatalf("got a server, want an error")
			}
			for _, want := range tt.want {
				want = strings.ReplaceAll(filepath.FromSlash(want), "DIR", dir)
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error\n%v\nwant it to contain\n%s", err, want)
				}
			}
		})
	}
}

func TestNewFromFixtureDir_notADirectory(t *testing.T) {
	t.Parallel()
	dir := writeFixtures(t, map[string]string{"a.json": dscFixtureNow})
	for _, path := range []string{filepath.Join(dir, "a.json"), filepath.Join(dir, "missing")} {
		if _, err := NewFromFixtureDir(path, time.Now()); err == nil || !strings.Contains(err.Error(), path) {
			t.Errorf("NewFromFixtureDir(%s): %v, want an error naming it", path, err)
		}
	}
}
