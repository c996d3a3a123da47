package fakecloud

import (
	"encoding/json"
	"fmt"
	"net/http"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestDefaultReadings(t *testing.T) {
	t.Parallel()
	want := Readings{
		EmptyItems: ShapeAbsent, UnknownEvent: ShapeAbsent, WAFTotalCount: TotalMatching,
		DSCPageCap: 50, ForeignInstance: InstanceRefused, DSCTimeUnit: Milliseconds,
	}
	if got := DefaultReadings(); got != want {
		t.Errorf("DefaultReadings() = %+v, want %+v", got, want)
	}
	if got := New().Readings(); got != want {
		t.Errorf("a new server's Readings() = %+v, want the defaults", got)
	}
}

func TestSetReadings(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		in      Readings
		want    Readings // when no error
		wantErr []string // each in the error
		changes []string // NonDefault of the readings in force
	}{
		{name: "zero is the defaults", in: Readings{}, want: DefaultReadings()},
		{name: "every other reading",
			in: Readings{EmptyItems: ShapeNull, UnknownEvent: ShapeEmpty, WAFTotalCount: TotalOnPage,
				DSCPageCap: 100, ForeignInstance: InstanceQuiet, DSCTimeUnit: Seconds},
			want: Readings{EmptyItems: ShapeNull, UnknownEvent: ShapeEmpty, WAFTotalCount: TotalOnPage,
				DSCPageCap: 100, ForeignInstance: InstanceQuiet, DSCTimeUnit: Seconds},
			changes: []string{"empty-items=null", "unknown-event=empty", "waf-total-count=page",
				"dsc-page-cap=100", "foreign-instance=quiet", "dsc-time-unit=s"}},
		{name: "some fields, the rest default", in: Readings{EmptyItems: ShapeEmpty, DSCPageCap: 7},
			want:    func() Readings { r := DefaultReadings(); r.EmptyItems, r.DSCPageCap = ShapeEmpty, 7; return r }(),
			changes: []string{"empty-items=empty", "dsc-page-cap=7"}},
		{name: "defaults spelled out", in: DefaultReadings(), want: DefaultReadings()},

		{name: "unknown shape", in: Readings{EmptyItems: "[]"},
			wantErr: []string{`reading empty-items (Readings.EmptyItems) "[]": valid values are absent, empty, null`}},
		{name: "shape of the other case", in: Readings{UnknownEvent: "Absent"},
			wantErr: []string{`reading unknown-event (Readings.UnknownEvent) "Absent": valid values are absent, empty, null`}},
		{name: "total count", in: Readings{WAFTotalCount: "all"},
			wantErr: []string{`reading waf-total-count (Readings.WAFTotalCount) "all": valid values are matching, page`}},
		{name: "negative cap", in: Readings{DSCPageCap: -1},
			wantErr: []string{`reading dsc-page-cap (Readings.DSCPageCap) "-1": valid values are 1 to 100 (0 for 50)`}},
		{name: "cap above the largest page", in: Readings{DSCPageCap: 101}, wantErr: []string{`reading dsc-page-cap (Readings.DSCPageCap) "101"`}},
		{name: "foreign instance", in: Readings{ForeignInstance: "error"},
			wantErr: []string{`reading foreign-instance (Readings.ForeignInstance) "error": valid values are refused, quiet`}},
		{name: "time unit", in: Readings{DSCTimeUnit: "ns"},
			wantErr: []string{`reading dsc-time-unit (Readings.DSCTimeUnit) "ns": valid values are ms, s`}},
		{name: "every bad field named", in: Readings{EmptyItems: "x", DSCTimeUnit: "y"},
			wantErr: []string{`reading empty-items (Readings.EmptyItems) "x"`, `reading dsc-time-unit (Readings.DSCTimeUnit) "y"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := New()
			err := s.SetReadings(tt.in)
			if len(tt.wantErr) > 0 {
				if err == nil {
					t.Fatalf("no error, want %q", tt.wantErr)
				}
				for _, want := range tt.wantErr {
					if !strings.Contains(err.Error(), want) {
						t.Errorf("error %q lacks %q", err, want)
					}
				}
				if got := s.Readings(); got != DefaultReadings() {
					t.Errorf("a refused SetReadings changed the readings to %+v", got)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			got := s.Readings()
			if got != tt.want {
				t.Errorf("Readings() = %+v, want %+v", got, tt.want)
			}
			if !reflect.DeepEqual(got.NonDefault(), tt.changes) {
				t.Errorf("NonDefault() = %q, want %q", got.NonDefault(), tt.changes)
			}
		})
	}
}

func TestReadingsSet(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, value string
		want        func(r *Readings)
		wantErr     string
	}{
		{name: "empty-items", value: "empty", want: func(r *Readings) { r.EmptyItems = ShapeEmpty }},
		{name: "empty-items", value: "null", want: func(r *Readings) { r.EmptyItems = ShapeNull }},
		{name: "unknown-event", value: "empty", want: func(r *Readings) { r.UnknownEvent = ShapeEmpty }},
		{name: "waf-total-count", value: "page", want: func(r *Readings) { r.WAFTotalCount = TotalOnPage }},
		{name: "dsc-page-cap", value: "20", want: func(r *Readings) { r.DSCPageCap = 20 }},
		{name: "dsc-page-cap", value: "0", want: func(r *Readings) { r.DSCPageCap = 50 }},
		{name: "foreign-instance", value: "quiet", want: func(r *Readings) { r.ForeignInstance = InstanceQuiet }},
		{name: "dsc-time-unit", value: "s", want: func(r *Readings) { r.DSCTimeUnit = Seconds }},

		{name: "empty-items", value: "none", wantErr: `reading empty-items (Readings.EmptyItems) "none": valid values are absent, empty, null`},
		{name: "dsc-page-cap", value: "fifty", wantErr: `reading dsc-page-cap (Readings.DSCPageCap) "fifty"`},
		{name: "dsc-time-unit", value: "S", wantErr: `valid values are ms, s`},
		{name: "page-cap", value: "5", wantErr: `unknown reading "page-cap"; readings: empty-items, unknown-event, waf-total-count, dsc-page-cap, foreign-instance, dsc-time-unit`},
	}
	for _, tt := range tests {
		t.Run(tt.name+"="+tt.value, func(t *testing.T) {
			t.Parallel()
			var got Readings
			err := got.Set(tt.name, tt.value)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Errorf("error %v, want %q", err, tt.wantErr)
				}
				if got != (Readings{}) {
					t.Errorf("a refused Set changed the readings to %+v", got)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var want Readings
			tt.want(&want)
			if got != want {
				t.Errorf("got %+v, want %+v", got, want)
			}
		})
	}
}

// ReadingFlags names every field of Readings once, in order, with a
// default that DefaultReadings agrees with.
func TestReadingFlags(t *testing.T) {
	t.Parallel()
	flags := ReadingFlags()
	typ := reflect.TypeOf(Readings{})
	if len(flags) != typ.NumField() {
		t.Fatalf("%d reading flags for %d fields", len(flags), typ.NumField())
	}
	def := reflect.ValueOf(DefaultReadings())
	for i, f := range flags {
		if f.Field != typ.Field(i).Name {
			t.Errorf("flag %d %s sets %s, want field %s", i, f.Name, f.Field, typ.Field(i).Name)
		}
		if got := fmt.Sprint(def.Field(i).Interface()); got != f.Default {
			t.Errorf("%s: default %q, DefaultReadings has %q", f.Name, f.Default, got)
		}
		var r Readings
		if err := r.Set(f.Name, f.Default); err != nil || r.NonDefault() != nil {
			t.Errorf("%s=%s: %v, NonDefault %q", f.Name, f.Default, err, r.NonDefault())
		}
		if f.Doc == "" || len(f.Values) == 0 {
			t.Errorf("%s: no doc or values", f.Name)
		}
	}
}

// readingsServer serves the embedded fixtures under r, plus three WAF
// events of instance i1 in cn-hangzhou, ended one second apart in the
// range wafListParams asks for.
func readingsServer(t *testing.T, r Readings) *Server {
	t.Helper()
	s := New()
	if err := s.SetReadings(r); err != nil {
		t.Fatal(err)
	}
	for i := range 3 {
		s.PutWAFEvent("cn-hangzhou", "i1", fmt.Sprintf("e%d", i),
			[]byte(fmt.Sprintf(`{"RequestId":"R","ThreatEventDetail":{"EndTime":%d,"EventLevel":"low"}}`, 1749916800000+int64(i)*1000)))
	}
	return s
}

// rawBody decodes an answer's top-level keys, values undecoded.
func rawBody(t *testing.T, resp response) map[string]json.RawMessage {
	t.Helper()
	var body map[string]json.RawMessage
	if err := json.Unmarshal([]byte(resp.raw), &body); err != nil || resp.status != http.StatusOK {
		t.Fatalf("HTTP %d %s", resp.status, resp.safeText())
	}
	return body
}

// TestReadings_emptyItems: an empty page carries its items key as
// EmptyItems says, TotalCount and RequestId always; a page with items
// always carries the array.
func TestReadings_emptyItems(t *testing.T) {
	t.Parallel()
	pages := []struct {
		name     string
		params   map[string]string
		itemsKey string
		items    bool // the page holds items
	}{
		{"DescribeThreatEvent, no match", wafListParams(map[string]string{"StartTime": "1", "EndTime": "2"}), "ThreatEvents", false},
		{"DescribeThreatEvent, past the last page", wafListParams(map[string]string{"PageNumber": "9"}), "ThreatEvents", false},
		{"DescribeThreatEvent, a page of items", wafListParams(nil), "ThreatEvents", true},
		{"DescribeEvents, no match", listParams("DescribeEvents", "2019-01-03", map[string]string{"ProductCode": "RDS"}), "Items", false},
		{"DescribeEvents, past the last page", listParams("DescribeEvents", "2019-01-03", map[string]string{"CurrentPage": "9"}), "Items", false},
		{"DescribeEvents, a page of items", listParams("DescribeEvents", "2019-01-03", nil), "Items", true},
	}
	shapes := []struct {
		shape Shape
		want  string // the items key's raw value on an empty page; "" for absent
	}{
		{"", ""}, {ShapeAbsent, ""}, {ShapeEmpty, "[]"}, {ShapeNull, "null"},
	}
	for _, pg := range pages {
		for _, sh := range shapes {
			t.Run(fmt.Sprintf("%s, %q", pg.name, sh.shape), func(t *testing.T) {
				t.Parallel()
				s := readingsServer(t, Readings{EmptyItems: sh.shape})
				body := rawBody(t, serve(t, s, rpcRequest{params: pg.params}))
				if _, ok := body["TotalCount"]; !ok || len(body["RequestId"]) < 3 {
					t.Errorf("TotalCount or RequestId missing: %s", rawText(body))
				}
				got, present := body[pg.itemsKey]
				switch {
				case pg.items:
					if !strings.HasPrefix(string(got), "[{") {
						t.Errorf("%s = %s, want the items", pg.itemsKey, got)
					}
				case sh.want == "" && present:
					t.Errorf("%s = %s, want it absent", pg.itemsKey, got)
				case sh.want != "" && string(got) != sh.want:
					t.Errorf("%s = %q, want %s", pg.itemsKey, got, sh.want)
				}
			})
		}
	}
}

func rawText(body map[string]json.RawMessage) string {
	b, _ := json.Marshal(body)
	return string(b)
}

// TestReadings_unknownEvent: a detail action asked for an ID it does not
// know succeeds, its object as UnknownEvent says; a known ID is unchanged.
func TestReadings_unknownEvent(t *testing.T) {
	t.Parallel()
	unknownWAF := func() map[string]string {
		p := wafParams(time.Now())
		p["EventId"] = "nope"
		return p
	}
	details := []struct {
		name      string
		params    func() map[string]string
		objectKey string
		known     bool
	}{
		{"DescribeThreatEventDetail, unknown event", unknownWAF, "ThreatEventDetail", false},
		{"DescribeThreatEventDetail, the page example", func() map[string]string { return wafParams(time.Now()) }, "ThreatEventDetail", true},
		{"DescribeEventDetail, unknown ID", func() map[string]string { return dscParams(time.Now(), "5") }, "Event", false},
		{"DescribeEventDetail, the page example", func() map[string]string { return dscParams(time.Now(), "52234") }, "Event", true},
	}
	shapes := []struct {
		shape Shape
		want  string // the object key's raw value for an unknown ID; "" for absent
	}{
		{"", ""}, {ShapeAbsent, ""}, {ShapeEmpty, "{}"}, {ShapeNull, "null"},
	}
	for _, d := range details {
		for _, sh := range shapes {
			t.Run(fmt.Sprintf("%s, %q", d.name, sh.shape), func(t *testing.T) {
				t.Parallel()
				s := New()
				if err := s.SetReadings(Readings{UnknownEvent: sh.shape}); err != nil {
					t.Fatal(err)
				}
				resp := serve(t, s, rpcRequest{params: d.params()})
				body := rawBody(t, resp)
				got, present := body[d.objectKey]
				if d.known {
					var event map[string]any
					if json.Unmarshal(got, &event) != nil || len(event) == 0 {
						t.Errorf("%s = %s, want the event", d.objectKey, got)
					}
					return
				}
				if resp.str("RequestId") != resp.header.Get("x-acs-request-id") || len(body) > 2 {
					t.Errorf("want RequestId (the header's) and %s at most: %s", d.objectKey, resp.raw)
				}
				switch {
				case sh.want == "" && present:
					t.Errorf("%s = %s, want it absent", d.objectKey, got)
				case sh.want != "" && string(got) != sh.want:
					t.Errorf("%s = %q, want %s", d.objectKey, got, sh.want)
				}
			})
		}
	}
}

// dscServer serves n DSC events, IDs 1 to n, event n the latest, at
// 1749916800000 + ID seconds, under r.
func dscServer(t *testing.T, r Readings, n int) *Server {
	t.Helper()
	s := newServer()
	if err := s.SetReadings(r); err != nil {
		t.Fatal(err)
	}
	for id := 1; id <= n; id++ {
		s.PutDSCEvent(fmt.Sprint(id), []byte(fmt.Sprintf(`{"RequestId":"R","Event":{"Id":%d,"EventTime":%d}}`, id, 1749916800000+int64(id)*1000)))
	}
	return s
}

// dscPage is what the tests read of a DescribeEvents answer.
type dscPage struct {
	CurrentPage, PageSize, TotalCount int
	Items                             []struct {
		ID int `json:"Id"`
	}
}

func describeEvents(t *testing.T, s *Server, params map[string]string) dscPage {
	t.Helper()
	resp := serve(t, s, rpcRequest{params: listParams("DescribeEvents", "2019-01-03", params)})
	var pg dscPage
	if err := json.Unmarshal([]byte(resp.raw), &pg); err != nil || resp.status != http.StatusOK {
		t.Fatalf("HTTP %d %s", resp.status, resp.safeText())
	}
	return pg
}

// TestReadings_dscPageCap: DescribeEvents serves min(PageSize, cap) items
// a page, pages cut by that size, and echoes it in PageSize.
func TestReadings_dscPageCap(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		cap       int
		pageSize  string // "" leaves PageSize out
		wantSize  int
		wantSizes []int // items on pages 1, 2, ...; then one empty page
	}{
		{name: "default cap, asked the most", pageSize: "100", wantSize: 50, wantSizes: []int{50, 50, 20}},
		{name: "default cap, asked less", pageSize: "30", wantSize: 30, wantSizes: []int{30, 30, 30, 30}},
		{name: "default cap, PageSize left out", wantSize: 10, wantSizes: []int{10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10}},
		{name: "cap 100", cap: 100, pageSize: "100", wantSize: 100, wantSizes: []int{100, 20}},
		{name: "cap 7, PageSize left out", cap: 7, wantSize: 7, wantSizes: []int{7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 1}},
		{name: "cap 1", cap: 1, pageSize: "50", wantSize: 1, wantSizes: func() []int {
			sizes := make([]int, 120)
			for i := range sizes {
				sizes[i] = 1
			}
			return sizes
		}()},
	}
	const events = 120
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := dscServer(t, Readings{DSCPageCap: tt.cap}, events)
			var ids []int
			for n := 1; n <= len(tt.wantSizes)+1; n++ {
				params := map[string]string{"CurrentPage": fmt.Sprint(n)}
				if tt.pageSize != "" {
					params["PageSize"] = tt.pageSize
				}
				pg := describeEvents(t, s, params)
				want := 0
				if n <= len(tt.wantSizes) {
					want = tt.wantSizes[n-1]
				}
				if pg.CurrentPage != n || pg.PageSize != tt.wantSize || pg.TotalCount != events || len(pg.Items) != want {
					t.Fatalf("page %d: CurrentPage %d, PageSize %d, TotalCount %d, %d items; want %d, %d, %d, %d",
						n, pg.CurrentPage, pg.PageSize, pg.TotalCount, len(pg.Items), n, tt.wantSize, events, want)
				}
				for _, it := range pg.Items {
					ids = append(ids, it.ID)
				}
			}
			for i, id := range ids {
				if id != events-i {
					t.Fatalf("pages gave IDs %v, want %d down to 1, each once", ids, events)
				}
			}
			if len(ids) != events {
				t.Errorf("pages gave %d events, want %d", len(ids), events)
			}
		})
	}
}

// PageSize above 100 stays an error whatever the cap.
func TestReadings_dscPageCapKeepsTheLimit(t *testing.T) {
	t.Parallel()
	for _, c := range []int{0, 7, 100} {
		s := dscServer(t, Readings{DSCPageCap: c}, 3)
		serve(t, s, rpcRequest{params: listParams("DescribeEvents", "2019-01-03", map[string]string{"PageSize": "101"})}).
			checkError(t, http.StatusBadRequest, "InvalidParameter.PageSize")
	}
}

// TestReadings_wafTotalCount: TotalCount counts the matching events, or
// under TotalOnPage the items answered; the paging is the same.
func TestReadings_wafTotalCount(t *testing.T) {
	t.Parallel()
	tests := []struct {
		meaning   TotalCountMeaning
		page      string
		wantItems int
		wantTotal int
	}{
		{TotalMatching, "1", 2, 3},
		{TotalMatching, "2", 1, 3},
		{TotalMatching, "3", 0, 3},
		{"", "2", 1, 3},
		{TotalOnPage, "1", 2, 2},
		{TotalOnPage, "2", 1, 1},
		{TotalOnPage, "3", 0, 0},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%q page %s", tt.meaning, tt.page), func(t *testing.T) {
			t.Parallel()
			s := readingsServer(t, Readings{WAFTotalCount: tt.meaning})
			resp := serve(t, s, rpcRequest{params: wafListParams(map[string]string{"PageNumber": tt.page, "PageSize": "2"})})
			var body struct {
				TotalCount   *int
				ThreatEvents []struct {
					EventID string `json:"EventId"`
				}
			}
			if err := json.Unmarshal([]byte(resp.raw), &body); err != nil || resp.status != http.StatusOK || body.TotalCount == nil {
				t.Fatalf("HTTP %d %s", resp.status, resp.safeText())
			}
			if *body.TotalCount != tt.wantTotal || len(body.ThreatEvents) != tt.wantItems {
				t.Errorf("TotalCount %d with %d items, want %d with %d: %s", *body.TotalCount, len(body.ThreatEvents), tt.wantTotal, tt.wantItems, resp.raw)
			}
			if tt.page == "2" && (len(body.ThreatEvents) != 1 || body.ThreatEvents[0].EventID != "e0") {
				t.Errorf("page 2 is not the oldest event alone: %s", resp.raw)
			}
		})
	}
}

// TestReadings_dscTimeUnit: under Seconds DescribeEvents reads StartTime
// and EndTime as Unix seconds; values are validated either way.
func TestReadings_dscTimeUnit(t *testing.T) {
	t.Parallel()
	// Events 1 to 5 happen at 1749916801 to 1749916805 seconds.
	tests := []struct {
		unit       TimeUnit
		start, end string
		wantIDs    string
		wantCode   string
	}{
		{unit: Milliseconds, start: "1749916802000", end: "1749916804000", wantIDs: "[3 2]"},
		{unit: "", start: "1749916802000", end: "1749916804000", wantIDs: "[3 2]"},
		{unit: Milliseconds, start: "1749916802", end: "1749916804", wantIDs: "[]"}, // 1970: nothing
		{unit: Seconds, start: "1749916802", end: "1749916804", wantIDs: "[3 2]"},
		{unit: Seconds, start: "1749916802000", end: "1749916804000", wantIDs: "[]"}, // far future
		{unit: Seconds, start: "1749916804", wantIDs: "[5 4]"},
		{unit: Seconds, start: "later", end: "1749916804", wantCode: "InvalidParameter"},
		{unit: Seconds, start: "1749916804", end: "1749916802", wantCode: "InvalidParameter"},
		{unit: Seconds, start: "9223372036854775807", wantCode: "InvalidParameter"},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%q %s to %s", tt.unit, tt.start, tt.end), func(t *testing.T) {
			t.Parallel()
			s := dscServer(t, Readings{DSCTimeUnit: tt.unit, EmptyItems: ShapeEmpty}, 5)
			params := map[string]string{"StartTime": tt.start}
			if tt.end != "" {
				params["EndTime"] = tt.end
			}
			if tt.wantCode != "" {
				serve(t, s, rpcRequest{params: listParams("DescribeEvents", "2019-01-03", params)}).checkError(t, http.StatusBadRequest, tt.wantCode)
				return
			}
			var ids []int
			for _, it := range describeEvents(t, s, params).Items {
				ids = append(ids, it.ID)
			}
			if got := fmt.Sprint(append([]int{}, ids...)); got != tt.wantIDs {
				t.Errorf("IDs %s, want %s", got, tt.wantIDs)
			}
		})
	}
}
