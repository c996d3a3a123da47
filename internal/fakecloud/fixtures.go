package fakecloud

import (
	"bytes"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
)

// fixtures holds the events every Server from New starts with: the API
// reference pages' own examples first.
//
//go:embed fixtures
var fixtures embed.FS

// A fixture file holds one event: the whole answer of the detail action,
// under "Response", as the API sends it (relative_times.go lists the one
// liberty allowed), beside what the request names. The list actions derive
// their items from these answers.
//
//	{"RegionId": "cn-hangzhou", "InstanceId": "waf_v2_public_cn-...", "EventId": "...", "Domain": "",
//	 "Response": {"RequestId": "...", "ThreatEventDetail": {...}}}   WAF DescribeThreatEventDetail
//	{"Id": 52234, "Response": {"RequestId": "...", "Event": {...}}}   DSC DescribeEventDetail
//
// RegionId defaults to cn-hangzhou and Domain to none. Id may be left
// out: Response.Event.Id, which the API always sends, is the event's ID.
type wafFixture struct {
	RegionID   string          `json:"RegionId"`
	InstanceID string          `json:"InstanceId"`
	EventID    string          `json:"EventId"`
	Domain     string          `json:"Domain"`
	Response   json.RawMessage `json:"Response"`
}

type dscFixture struct {
	ID       json.Number     `json:"Id"`
	Response json.RawMessage `json:"Response"`
}

// fixture is one file's event, checked, its relative times resolved.
type fixture struct {
	file string
	waf  *wafFixture // one of waf and dsc is set
	dsc  *dscFixture
}

// The keys a fixture may hold, at each level: the request's parameters
// beside Response, and the fields each detail action's answer documents
// (kept here, not taken from the client, which the fake must not share).
// A key outside them is a misspelling the fake would otherwise serve as a
// field the API never sends, and an event would silently lose the field.
var (
	wafFixtureKeys  = []string{"RegionId", "InstanceId", "EventId", "Domain", "Response"}
	dscFixtureKeys  = []string{"Id", "Response"}
	wafResponseKeys = []string{"RequestId", "ThreatEventDetail"}
	dscResponseKeys = []string{"RequestId", "Event"}
	// DescribeThreatEventDetail's ThreatEventDetail.
	wafDetailKeys = []string{
		"EndTime", "EventBlock", "EventCnt", "EventCondition", "EventIntelligence", "EventLevel", "EventSrc",
		"EventSrcCountry", "EventSrcRegion", "EventSuggest", "EventTag", "IsPersistent",
	}
	// DescribeEventDetail's Event, plus the fields only DescribeEvents
	// reports (WarnLevel, TargetProductCode), which its items take from here.
	dscEventKeys = []string{
		"AlertTime", "Backed", "DataInstance", "DealDisplayName", "DealLoginName", "DealReason", "DealTime", "DealUserId",
		"Detail", "DisplayName", "EventTime", "HandleInfoList", "Id", "LogDetail", "LoginName", "NewAlarm", "ProductCode",
		"Status", "StatusName", "SubTypeCode", "SubTypeName", "TargetProductCode", "TypeCode", "TypeName", "UserId", "WarnLevel",
	}
)

// checkKeys refuses the keys of the object raw, at where in the file, that
// are not in known: one error each, naming it and every known key.
func checkKeys(raw json.RawMessage, where string, known []string) []error {
	var obj map[string]json.RawMessage
	if json.Unmarshal(raw, &obj) != nil {
		return nil // not an object: the shape checks say so
	}
	var unknown []string
	for k := range obj {
		if !slices.Contains(known, k) {
			unknown = append(unknown, k)
		}
	}
	if len(unknown) == 0 {
		return nil
	}
	sort.Strings(unknown)
	errs := make([]error, 0, len(unknown))
	for _, k := range unknown {
		errs = append(errs, fmt.Errorf("unknown key %q %s: the known keys are %s (keys are case-sensitive)",
			k, where, strings.Join(known, ", ")))
	}
	return errs
}

const fixtureShapes = `want a WAF event {"RegionId", "InstanceId", "EventId", "Response": {"RequestId", "ThreatEventDetail": {...}}} ` +
	`or a DSC event {"Id", "Response": {"RequestId", "Event": {...}}}`

// NewFromFixtureDir returns a Server like New's that serves the events of
// the fixture files (*.json, in any subdirectory) under dir instead of the
// embedded ones. Relative times in them ("now-30m") are resolved against
// now, once. Every file that cannot be served is reported, by name; then
// no Server is returned.
func NewFromFixtureDir(dir string, now time.Time) (*Server, error) {
	info, err := os.Stat(dir)
	if err != nil {
		return nil, err
	}
	if !info.IsDir() {
		return nil, fmt.Errorf("%s is not a directory", dir)
	}
	s := newServer()
	if err := s.loadFixtures(os.DirFS(dir), dir, now); err != nil {
		return nil, err
	}
	return s, nil
}

// loadFixtures puts the events of fsys's fixture files, naming each file
// as dir joined with its path in messages. Nothing is put unless every
// file is good.
func (s *Server) loadFixtures(fsys fs.FS, dir string, now time.Time) error {
	var files []string
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && path.Ext(p) == ".json" {
			files = append(files, p) // WalkDir walks in lexical order
		}
		return err
	})
	if err != nil {
		return fmt.Errorf("%s: %w", dir, err)
	}
	if len(files) == 0 {
		return fmt.Errorf("%s holds no fixture files (*.json)", dir)
	}
	var loaded []fixture
	var errs []error
	for _, p := range files {
		name := filepath.Join(dir, filepath.FromSlash(p))
		data, err := fs.ReadFile(fsys, p)
		if err == nil {
			var f fixture
			if f, err = parseFixture(data, now); err == nil {
				f.file = name
				loaded = append(loaded, f)
			}
		}
		if joined, ok := err.(interface{ Unwrap() []error }); ok {
			for _, e := range joined.Unwrap() { // each on its own line, named
				errs = append(errs, fmt.Errorf("%s: %w", name, e))
			}
		} else if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", name, err))
		}
	}
	errs = append(errs, checkFixtureSet(loaded)...)
	if len(errs) > 0 {
		return errors.Join(errs...)
	}
	for _, f := range loaded {
		if f.waf != nil {
			s.putWAFEvent(f.waf.RegionID, f.waf.InstanceID, f.waf.EventID, f.waf.Domain, f.waf.Response, claimByFixture)
		} else {
			s.PutDSCEvent(f.dsc.ID.String(), f.dsc.Response)
		}
	}
	return nil
}

// parseFixture reads one file, tells WAF from DSC by the response's event
// object, checks what the server needs and resolves relative times.
func parseFixture(data []byte, now time.Time) (fixture, error) {
	var top map[string]json.RawMessage
	if err := json.Unmarshal(data, &top); err != nil {
		return fixture{}, jsonError(data, err)
	}
	var response map[string]json.RawMessage
	if err := json.Unmarshal(top["Response"], &response); err != nil || response == nil {
		return fixture{}, errors.New("no Response object: " + fixtureShapes)
	}
	detail, isWAF := response["ThreatEventDetail"]
	event, isDSC := response["Event"]
	if isWAF == isDSC {
		return fixture{}, errors.New("the Response holds neither ThreatEventDetail nor Event, or both: " + fixtureShapes)
	}
	var requestID string
	if json.Unmarshal(response["RequestId"], &requestID) != nil || requestID == "" {
		return fixture{}, errors.New("the Response lacks RequestId, which every answer carries (the provider refuses an answer without it)")
	}
	if isWAF {
		if errs := slices.Concat(checkKeys(data, "at the top level of a WAF fixture", wafFixtureKeys),
			checkKeys(top["Response"], "in Response", wafResponseKeys),
			checkKeys(detail, "in Response.ThreatEventDetail", wafDetailKeys)); len(errs) > 0 {
			return fixture{}, errors.Join(errs...)
		}
		return parseWAFFixture(data, detail, now)
	}
	if errs := slices.Concat(checkKeys(data, "at the top level of a DSC fixture", dscFixtureKeys),
		checkKeys(top["Response"], "in Response", dscResponseKeys),
		checkKeys(event, "in Response.Event", dscEventKeys)); len(errs) > 0 {
		return fixture{}, errors.Join(errs...)
	}
	return parseDSCFixture(data, event, now)
}

func parseWAFFixture(data, detail json.RawMessage, now time.Time) (fixture, error) {
	var f wafFixture
	if err := decodeStrict(data, &f); err != nil {
		return fixture{}, err
	}
	if !isObject(detail) {
		return fixture{}, errors.New("Response.ThreatEventDetail is not an object")
	}
	if f.RegionID == "" {
		f.RegionID = "cn-hangzhou"
	}
	switch {
	case !wafRegions[f.RegionID]:
		return fixture{}, fmt.Errorf("RegionId %q: WAF 3.0 serves cn-hangzhou and ap-southeast-1", f.RegionID)
	case f.InstanceID == "" || f.EventID == "":
		return fixture{}, errors.New("a WAF event needs InstanceId and EventId, the parameters of DescribeThreatEventDetail")
	}
	resolved, err := resolveRelativeTimes(f.Response, now)
	f.Response = resolved
	return fixture{waf: &f}, err
}

func parseDSCFixture(data, event json.RawMessage, now time.Time) (fixture, error) {
	var f dscFixture
	if err := decodeStrict(data, &f); err != nil {
		return fixture{}, err
	}
	var ev struct {
		ID json.Number `json:"Id"`
	}
	if !isObject(event) || json.Unmarshal(event, &ev) != nil {
		return fixture{}, errors.New("Response.Event is not an object, or its Id is not a number")
	}
	id, err := strconv.ParseInt(ev.ID.String(), 10, 64)
	if err != nil || id < 1 {
		return fixture{}, fmt.Errorf("Response.Event.Id %q: want the event's ID, a positive integer, which both DescribeEventDetail and DescribeEvents send", ev.ID)
	}
	if top, err := strconv.ParseInt(f.ID.String(), 10, 64); f.ID != "" && (err != nil || top != id) {
		return fixture{}, fmt.Errorf("the Id %s differs from Response.Event.Id %s", f.ID, ev.ID)
	}
	f.ID = json.Number(strconv.FormatInt(id, 10)) // as DescribeEventDetail's Id parameter spells it
	resolved, err := resolveRelativeTimes(f.Response, now)
	f.Response = resolved
	return fixture{dsc: &f}, err
}

// checkFixtureSet reports what no single file shows: an event given twice,
// and two WAF instances in one region, where an account has one.
func checkFixtureSet(loaded []fixture) []error {
	var errs []error
	seen := map[string]string{}       // event -> file
	instances := map[string]fixture{} // region -> first file there
	for _, f := range loaded {
		var key string
		if f.dsc != nil {
			key = "DSC event " + f.dsc.ID.String()
		} else {
			key = fmt.Sprintf("WAF event %s of %s in %s", f.waf.EventID, f.waf.InstanceID, f.waf.RegionID)
			first, ok := instances[f.waf.RegionID]
			switch {
			case !ok:
				instances[f.waf.RegionID] = f
			case first.waf.InstanceID != f.waf.InstanceID:
				errs = append(errs, fmt.Errorf("%s: InstanceId %q, but %s has %q: a WAF 3.0 account has one instance in %s",
					f.file, f.waf.InstanceID, first.file, first.waf.InstanceID, f.waf.RegionID))
			}
		}
		if other, dup := seen[key]; dup {
			errs = append(errs, fmt.Errorf("%s: %s is also in %s", f.file, key, other))
		}
		seen[key] = f.file
	}
	return errs
}

// decodeStrict decodes a fixture file, refusing keys it does not know.
func decodeStrict(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("%w (%s)", jsonError(data, err), fixtureShapes)
	}
	return nil
}

func isObject(raw json.RawMessage) bool {
	raw = bytes.TrimSpace(raw)
	return len(raw) > 0 && raw[0] == '{'
}

// jsonError places a decoding error at its line and column.
func jsonError(data []byte, err error) error {
	var offset int64
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syntax):
		offset = syntax.Offset
	case errors.As(err, &typ):
		offset = typ.Offset
	default:
		return err
	}
	// The offset is of the byte after the one at fault, or the end.
	if offset < int64(len(data)) {
		offset--
	}
	before := data[:min(max(offset, 0), int64(len(data)))]
	line := 1 + bytes.Count(before, []byte("\n"))
	column := len(before) - bytes.LastIndexByte(before, '\n')
	return fmt.Errorf("line %d, column %d: %w", line, column, err)
}

// Event is one event a Server serves, as cmd/fakecloud lists them.
type Event struct {
	Product    string // "waf" or "dsc"
	RegionID   string // WAF only
	InstanceID string // WAF only
	ID         string
	// Time is what the list actions filter on: WAF EndTime, DSC
	// EventTime; zero when the answer has none.
	Time time.Time
}

// Events lists the events the server serves, WAF first, each product's by
// region, instance and ID.
func (s *Server) Events() []Event {
	s.mu.Lock()
	defer s.mu.Unlock()
	var events []Event
	for key, raw := range s.wafEvents {
		detail, _ := jsonObject(raw)["ThreatEventDetail"].(map[string]any)
		events = append(events, Event{"waf", key.region, key.instance, key.event, unixMillisTime(millis(detail, "EndTime"))})
	}
	for id, raw := range s.dscEvents {
		ev, _ := jsonObject(raw)["Event"].(map[string]any)
		events = append(events, Event{Product: "dsc", ID: id, Time: unixMillisTime(millis(ev, "EventTime"))})
	}
	sort.Slice(events, func(i, j int) bool {
		a, b := events[i], events[j]
		if a.Product != b.Product {
			return a.Product > b.Product // "waf" first
		}
		if a.RegionID != b.RegionID || a.InstanceID != b.InstanceID {
			return a.RegionID+"/"+a.InstanceID < b.RegionID+"/"+b.InstanceID
		}
		if len(a.ID) != len(b.ID) && a.Product == "dsc" {
			return len(a.ID) < len(b.ID) // numeric order
		}
		return a.ID < b.ID
	})
	return events
}

func unixMillisTime(ms int64) time.Time {
	if ms <= 0 {
		return time.Time{}
	}
	return time.UnixMilli(ms).UTC()
}
