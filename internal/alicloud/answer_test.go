package alicloud

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/alisec/terraform-provider-alisec/internal/fakecloud"
	"github.com/alisec/terraform-provider-alisec/internal/products"
)

// checkUnexpected fails the test unless err is an *UnexpectedAnswerError
// missing exactly wantMissing, whose Problem contains wantProblem, and whose
// message names each missing field and the usual cause.
func checkUnexpected(t *testing.T, err error, wantMissing []string, wantProblem string) *UnexpectedAnswerError {
	t.Helper()
	var ua *UnexpectedAnswerError
	if !errors.As(err, &ua) {
		t.Fatalf("error = %T %v, want *UnexpectedAnswerError", err, err)
	}
	if !slices.Equal(ua.Missing, wantMissing) {
		t.Errorf("Missing = %q, want %q", ua.Missing, wantMissing)
	}
	if !strings.Contains(ua.Problem, wantProblem) || (wantProblem == "") != (ua.Problem == "") {
		t.Errorf("Problem = %q, want it to contain %q", ua.Problem, wantProblem)
	}
	msg := ua.Error()
	for _, field := range wantMissing {
		if !strings.Contains(msg, field) {
			t.Errorf("message %q does not name %s", msg, field)
		}
	}
	if !strings.Contains(msg, "a proxy or a wrong endpoint") || !strings.Contains(msg, `"no events"`) {
		t.Errorf("message %q does not give the usual cause", msg)
	}
	return ua
}

func TestUnexpectedAnswerError_message(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		err  UnexpectedAnswerError
		want string
	}{
		{
			name: "list page",
			err: UnexpectedAnswerError{Action: "DescribeThreatEvent", Endpoint: "https://wafopenapi.cn-hangzhou.aliyuncs.com",
				RequestID: "R-1", Page: 2, Missing: []string{"TotalCount"}, Problem: `ThreatEvents is the string "x", not an array`},
			want: `DescribeThreatEvent page 2: unexpected answer from https://wafopenapi.cn-hangzhou.aliyuncs.com (RequestId R-1): ` +
				`missing TotalCount; ThreatEvents is the string "x", not an array. The read fails rather than take this for "no events"; ` +
				`a proxy or a wrong endpoint (the provider's endpoints block, ALIBABA_CLOUD_ENDPOINT_*) is the usual cause`,
		},
		{
			name: "detail without a request ID",
			err:  UnexpectedAnswerError{Action: "DescribeEventDetail", Endpoint: "http://127.0.0.1:8080", Missing: []string{"RequestId", "Event"}},
			want: `DescribeEventDetail: unexpected answer from http://127.0.0.1:8080: missing RequestId, Event. ` +
				`The read fails rather than take this for "no events"; ` +
				`a proxy or a wrong endpoint (the provider's endpoints block, ALIBABA_CLOUD_ENDPOINT_*) is the usual cause`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := tt.err.Error(); got != tt.want {
				t.Errorf("Error() =\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

// pagedServer answers page n (PageNumber or CurrentPage) with pages[n-1],
// a request without a page number with pages[0], and {} past the last
// page; it counts the requests for pages. DescribeInstance answers that
// the account's WAF instance is i1.
func pagedServer(t *testing.T, pages ...string) (*httptest.Server, *atomic.Int32) {
	t.Helper()
	var requests atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_ = r.ParseForm()
		if r.Form.Get("Action") == WAFInstanceAction {
			// The WAF list first checks that i1 is the account's instance.
			_, _ = w.Write([]byte(`{"RequestId":"R-instance","InstanceId":"i1"}`))
			return
		}
		requests.Add(1)
		n := 1
		if p := r.Form.Get("PageNumber") + r.Form.Get("CurrentPage"); p != "" {
			n, _ = strconv.Atoi(p)
		}
		w.Header().Set("Content-Type", "application/json")
		if n < 1 || n > len(pages) {
			_, _ = w.Write([]byte(`{}`))
			return
		}
		_, _ = w.Write([]byte(pages[n-1]))
	}))
	t.Cleanup(srv.Close)
	return srv, &requests
}

// listActions runs one list action against url and returns its event count,
// TotalCount, pages and warnings.
type listRun func(c *Client, pageSize, maxResults int) (events int, total *int64, pages int, warnings []DecodeWarning, err error)

var listActions = []struct {
	action   string
	itemsKey string
	idKey    string
	run      listRun
}{
	{WAFThreatEventsAction, "ThreatEvents", "EventId", func(c *Client, pageSize, maxResults int) (int, *int64, int, []DecodeWarning, error) {
		l, err := c.DescribeThreatEvents(context.Background(), ThreatEventsInput{InstanceID: "i1", StartTime: 1, EndTime: 2, PageSize: pageSize, MaxResults: maxResults})
		if err != nil {
			return 0, nil, 0, nil, err
		}
		return len(l.Events), l.TotalCount, l.Pages, l.Warnings, nil
	}},
	{DSCEventsAction, "Items", "Id", func(c *Client, pageSize, maxResults int) (int, *int64, int, []DecodeWarning, error) {
		l, err := c.DescribeEvents(context.Background(), DSCEventsInput{PageSize: pageSize, MaxResults: maxResults})
		if err != nil {
			return 0, nil, 0, nil, err
		}
		return len(l.Events), l.TotalCount, l.Pages, l.Warnings, nil
	}},
}

// TestListAll_strictAnswers: a list page must carry RequestId, TotalCount
// and its item array, every item an object; otherwise the read fails with
// the page named, and never yields zero events. ITEMS stands for the
// action's item array key.
func TestListAll_strictAnswers(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name        string
		body        string
		wantEvents  int // when the answer is whole
		wantMissing []string
		wantProblem string // a part of Problem
	}{
		{name: "empty object", body: `{}`, wantMissing: []string{"RequestId", "TotalCount", "ITEMS"}},
		{name: "only RequestId", body: `{"RequestId":"R"}`, wantMissing: []string{"TotalCount", "ITEMS"}},
		{name: "no RequestId", body: `{"TotalCount":0,"ITEMS":[]}`, wantMissing: []string{"RequestId"}},
		{name: "empty RequestId", body: `{"RequestId":"","TotalCount":0,"ITEMS":[]}`, wantMissing: []string{"RequestId"}},
		{name: "RequestId an object", body: `{"RequestId":{},"TotalCount":0,"ITEMS":[]}`, wantProblem: "RequestId is an object, not a string"},
		{name: "no TotalCount", body: `{"RequestId":"R","ITEMS":[]}`, wantMissing: []string{"TotalCount"}},
		{name: "null TotalCount", body: `{"RequestId":"R","TotalCount":null,"ITEMS":[]}`, wantMissing: []string{"TotalCount"}},
		{name: "TotalCount a word", body: `{"RequestId":"R","TotalCount":"many","ITEMS":[]}`, wantProblem: `TotalCount is the string "many", not a count`},
		{name: "TotalCount negative", body: `{"RequestId":"R","TotalCount":-1,"ITEMS":[]}`, wantProblem: "TotalCount is the number -1, not a count"},
		{name: "TotalCount a fraction", body: `{"RequestId":"R","TotalCount":2.5,"ITEMS":[]}`, wantProblem: "TotalCount is the number 2.5"},
		{name: "TotalCount a boolean", body: `{"RequestId":"R","TotalCount":false,"ITEMS":[]}`, wantProblem: "TotalCount is the boolean false"},
		// The SDKs tag the item array omitempty: a quiet window may leave it out.
		{name: "no item array, TotalCount 0", body: `{"RequestId":"R","TotalCount":0}`, wantEvents: 0},
		{name: "null item array, TotalCount 0", body: `{"RequestId":"R","TotalCount":0,"ITEMS":null}`, wantEvents: 0},
		{name: "no item array under a non-zero TotalCount", body: `{"RequestId":"R","TotalCount":3}`, wantMissing: []string{"ITEMS"}},
		{name: "null item array under a non-zero TotalCount", body: `{"RequestId":"R","TotalCount":1,"ITEMS":null}`, wantMissing: []string{"ITEMS"}},
		{name: "item array a string", body: `{"RequestId":"R","TotalCount":1,"ITEMS":"x"}`, wantProblem: `ITEMS is the string "x", not an array`},
		{name: "item array an object", body: `{"RequestId":"R","TotalCount":1,"ITEMS":{"a":1}}`, wantProblem: "ITEMS is an object, not an array"},
		{name: "an item is a number", body: `{"RequestId":"R","TotalCount":2,"ITEMS":[{},42]}`, wantProblem: "ITEMS[1] is the number 42, not an object"},
		{name: "several items are not objects", body: `{"RequestId":"R","TotalCount":3,"ITEMS":[null,"a",{}]}`, wantProblem: "2 of the 3 items are not objects"},
		{name: "everything wrong at once", body: `{"TotalCount":"x","ITEMS":7}`, wantMissing: []string{"RequestId"}, wantProblem: `TotalCount is the string "x", not a count; ITEMS is the number 7`},
		{name: "not an object", body: `[]`, wantProblem: "the body is not a JSON object"},
		{name: "zero events, said so", body: `{"RequestId":"R","TotalCount":0,"ITEMS":[]}`, wantEvents: 0},
		{name: "TotalCount as a decimal string", body: `{"RequestId":"R","TotalCount":"2","ITEMS":[{"ID":"1"},{"ID":2}]}`, wantEvents: 2},
		{name: "unknown fields are ignored", body: `{"RequestId":"R","TotalCount":1,"ITEMS":[{"ID":"1","New":1}],"PageSize":20,"Extra":{}}`, wantEvents: 1},
		{name: "an event without its ID", body: `{"RequestId":"R","TotalCount":2,"ITEMS":[{"ID":"1"},{"ID":" "}]}`, wantProblem: "ITEMS[1] has no ID, so it could not be read or checked"},
		{name: "an event with a null ID", body: `{"RequestId":"R","TotalCount":1,"ITEMS":[{"ID":null}]}`, wantProblem: "ITEMS[0] has no ID"},
	}
	for _, list := range listActions {
		for _, tt := range tests {
			t.Run(list.action+"/"+tt.name, func(t *testing.T) {
				t.Parallel()
				srv, requests := pagedServer(t, strings.NewReplacer("ITEMS", list.itemsKey, `"ID"`, `"`+list.idKey+`"`).Replace(tt.body))
				c := newTestClient(t, srv.URL, nil)
				events, total, _, _, err := list.run(c, 0, 0)
				if tt.wantMissing == nil && tt.wantProblem == "" {
					if err != nil {
						t.Fatal(err)
					}
					if events != tt.wantEvents || total == nil || *total != int64(tt.wantEvents) {
						t.Errorf("got %d events, TotalCount %v; want %d", events, total, tt.wantEvents)
					}
					return
				}
				var missing []string
				for _, m := range tt.wantMissing {
					missing = append(missing, strings.ReplaceAll(m, "ITEMS", list.itemsKey))
				}
				ua := checkUnexpected(t, err, missing, strings.NewReplacer("ITEMS", list.itemsKey, "has no ID", "has no "+list.idKey).Replace(tt.wantProblem))
				if ua.Action != list.action || ua.Page != 1 || ua.Endpoint != srv.URL {
					t.Errorf("error names action %q, page %d, endpoint %q; want %s, 1, %s", ua.Action, ua.Page, ua.Endpoint, list.action, srv.URL)
				}
				if !strings.Contains(ua.Error(), list.action+" page 1") || !strings.Contains(ua.Error(), srv.URL) {
					t.Errorf("message %q lacks the action, page or endpoint", ua.Error())
				}
				if got := requests.Load(); got != 1 {
					t.Errorf("%d requests, want 1: a broken answer is not retried", got)
				}
			})
		}
	}
}

// TestListAll_paging: listing ends at TotalCount or max_results; a broken
// page anywhere, or a page cut short before TotalCount is reached, fails
// the whole read instead of ending it early. Page size is 2. WAF's
// TotalCount may count only the page, so a full WAF page never ends the
// listing: wafRequests is its count where it differs.
func TestListAll_paging(t *testing.T) {
	t.Parallel()
	const (
		two   = `{"RequestId":"R","TotalCount":%d,"ITEMS":[{"ID":1},{"ID":2}]}`
		one   = `{"RequestId":"R","TotalCount":%d,"ITEMS":[{"ID":3}]}`
		empty = `{"RequestId":"R","TotalCount":%d,"ITEMS":[]}`
	)
	page := func(format string, total int) string { return strings.Replace(format, "%d", strconv.Itoa(total), 1) }
	tests := []struct {
		name         string
		pages        []string
		maxResults   int
		wantEvents   int
		wantRequests int32
		wafRequests  int32  // DescribeThreatEvent's requests, when not wantRequests
		wantErrPage  int    // an *UnexpectedAnswerError for this page
		wantProblem  string // a part of its Problem
	}{
		{name: "ends at TotalCount on a full page", pages: []string{page(two, 4), page(two, 4), page(empty, 4)}, wantEvents: 4, wantRequests: 2, wafRequests: 3},
		{name: "the page after the last full one leaves its array out", pages: []string{page(two, 2), `{"RequestId":"R","TotalCount":2}`},
			wantEvents: 2, wantRequests: 1, wafRequests: 2},
		{name: "max_results on a full page that may be the last", pages: []string{page(two, 2), page(one, 1)}, maxResults: 2,
			wantEvents: 2, wantRequests: 1, wafRequests: 2},
		{name: "ends at TotalCount on a short page", pages: []string{page(two, 3), page(one, 3)}, wantEvents: 3, wantRequests: 2},
		{name: "TotalCount grew while paging", pages: []string{page(two, 3), page(two, 5), page(one, 5)}, wantEvents: 5, wantRequests: 3},
		{name: "a missing array under a TotalCount not yet reached", pages: []string{page(two, 3), `{"RequestId":"R","TotalCount":3}`}, wantRequests: 2,
			wantErrPage: 2},
		{name: "TotalCount shrank to what was received", pages: []string{page(two, 5), page(one, 3)}, wantEvents: 3, wantRequests: 2},
		{name: "max_results ends before TotalCount", pages: []string{page(two, 500)}, maxResults: 1, wantEvents: 1, wantRequests: 1},
		{name: "max_results ends a short page without error", pages: []string{page(two, 500), page(one, 500)}, maxResults: 3, wantEvents: 3, wantRequests: 2},
		{
			name: "a broken second page fails the read", pages: []string{page(two, 5), `{}`}, wantRequests: 2,
			wantErrPage: 2,
		},
		{
			name: "a short page before TotalCount", pages: []string{page(two, 500), page(one, 500)}, wantRequests: 2,
			wantErrPage: 2, wantProblem: "the page has 1 of the 2 items asked for, but TotalCount 500 says 497 more exist after the 3 received",
		},
		{
			name: "an empty first page under a non-zero TotalCount", pages: []string{page(empty, 5)}, wantRequests: 1,
			wantErrPage: 1, wantProblem: "the page has 0 of the 2 items asked for, but TotalCount 5 says 5 more exist",
		},
		{
			name: "an empty page before TotalCount", pages: []string{page(two, 3), page(empty, 3)}, wantRequests: 2,
			wantErrPage: 2, wantProblem: "TotalCount 3 says 1 more exist",
		},
	}
	for _, list := range listActions {
		for _, tt := range tests {
			t.Run(list.action+"/"+tt.name, func(t *testing.T) {
				t.Parallel()
				pages := make([]string, len(tt.pages))
				for i, p := range tt.pages {
					pages[i] = strings.NewReplacer("ITEMS", list.itemsKey, `"ID"`, `"`+list.idKey+`"`).Replace(p)
				}
				srv, requests := pagedServer(t, pages...)
				c := newTestClient(t, srv.URL, nil)
				events, _, _, _, err := list.run(c, 2, tt.maxResults)
				wantRequests := tt.wantRequests
				if list.action == WAFThreatEventsAction && tt.wafRequests != 0 {
					wantRequests = tt.wafRequests
				}
				if got := requests.Load(); got != wantRequests {
					t.Errorf("%d requests, want %d", got, wantRequests)
				}
				if tt.wantErrPage == 0 {
					if err != nil {
						t.Fatal(err)
					}
					if events != tt.wantEvents {
						t.Errorf("got %d events, want %d", events, tt.wantEvents)
					}
					return
				}
				var ua *UnexpectedAnswerError
				if !errors.As(err, &ua) || ua.Page != tt.wantErrPage || !strings.Contains(ua.Problem, tt.wantProblem) {
					t.Fatalf("error = %v, want an unexpected answer on page %d: %q", err, tt.wantErrPage, tt.wantProblem)
				}
			})
		}
	}
}

// WAF's references disagree on what TotalCount counts: the SDK says every
// matching event, the API pages the entries returned. Both read every
// event, and pages that fit neither are reported. Page size is 2.
func TestDescribeThreatEvents_totalCountReadings(t *testing.T) {
	t.Parallel()
	page := func(total int, ids ...int) string {
		items := make([]string, 0, len(ids))
		for _, id := range ids {
			items = append(items, `{"EventId":"`+strconv.Itoa(id)+`"}`)
		}
		return `{"RequestId":"R","TotalCount":` + strconv.Itoa(total) + `,"ThreatEvents":[` + strings.Join(items, ",") + `]}`
	}
	tests := []struct {
		name              string
		pages             []string
		maxResults        int
		wantEvents        int
		wantTotal         int64
		wantRequests      int32
		wantContradiction string
	}{
		{name: "matching events", pages: []string{page(5, 1, 2), page(5, 3, 4), page(5, 5)}, wantEvents: 5, wantTotal: 5, wantRequests: 3},
		{name: "entries on each page", pages: []string{page(2, 1, 2), page(2, 3, 4), page(1, 5)}, wantEvents: 5, wantTotal: 5, wantRequests: 3},
		{name: "entries on each page, a multiple of the page size", pages: []string{page(2, 1, 2), page(2, 3, 4), `{"RequestId":"R","TotalCount":0}`},
			wantEvents: 4, wantTotal: 4, wantRequests: 3},
		{name: "entries on each page, max_results on a full page", pages: []string{page(2, 1, 2), page(2, 3, 4)}, maxResults: 2,
			wantEvents: 2, wantTotal: 4, wantRequests: 2},
		{name: "neither", pages: []string{page(1, 1, 2), page(1, 3)}, wantEvents: 3, wantTotal: 3, wantRequests: 2,
			wantContradiction: "2 pages held 3 items, but the last page's TotalCount is 1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv, requests := pagedServer(t, tt.pages...)
			c := newTestClient(t, srv.URL, nil)
			l, err := c.DescribeThreatEvents(context.Background(), ThreatEventsInput{InstanceID: "i1", StartTime: 1, EndTime: 2, PageSize: 2, MaxResults: tt.maxResults})
			if err != nil {
				t.Fatal(err)
			}
			if len(l.Events) != tt.wantEvents || *l.TotalCount != tt.wantTotal || requests.Load() != tt.wantRequests {
				t.Errorf("got %d events, TotalCount %d, %d requests; want %d, %d, %d",
					len(l.Events), *l.TotalCount, requests.Load(), tt.wantEvents, tt.wantTotal, tt.wantRequests)
			}
			if !strings.Contains(l.Contradiction, tt.wantContradiction) || (tt.wantContradiction == "") != (l.Contradiction == "") {
				t.Errorf("Contradiction = %q, want %q", l.Contradiction, tt.wantContradiction)
			}
		})
	}
}

// DescribeEvents echoes the page size it served; paging follows it, and a
// page short of the size served before TotalCount still fails the read.
func TestDescribeEvents_echoedPageSize(t *testing.T) {
	t.Parallel()
	page := func(size int, ids ...int) string {
		items := make([]string, 0, len(ids))
		for _, id := range ids {
			items = append(items, `{"Id":`+strconv.Itoa(id)+`}`)
		}
		return `{"RequestId":"R","TotalCount":5,"PageSize":` + strconv.Itoa(size) + `,"Items":[` + strings.Join(items, ",") + `]}`
	}
	tests := []struct {
		name         string
		pages        []string
		wantEvents   int
		wantRequests int32
		wantProblem  string
	}{
		{name: "served two of the four asked", pages: []string{page(2, 1, 2), page(2, 3, 4), page(2, 5)}, wantEvents: 5, wantRequests: 3},
		{name: "served what was asked", pages: []string{page(4, 1, 2, 3, 4), page(4, 5)}, wantEvents: 5, wantRequests: 2},
		{name: "an echo above the size asked is the size asked", pages: []string{page(100, 1, 2, 3, 4), page(100, 5)}, wantEvents: 5, wantRequests: 2},
		{name: "short of the size served", pages: []string{page(2, 1)}, wantRequests: 1, wantProblem: "the page has 1 of the 2 items asked for"},
		{name: "an echo that is not a size", pages: []string{strings.Replace(page(2, 1, 2), `"PageSize":2`, `"PageSize":"two"`, 1)},
			wantRequests: 1, wantProblem: `PageSize is the string "two", not a page size`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv, requests := pagedServer(t, tt.pages...)
			c := newTestClient(t, srv.URL, nil)
			l, err := c.DescribeEvents(context.Background(), DSCEventsInput{PageSize: 4})
			if got := requests.Load(); got != tt.wantRequests {
				t.Errorf("%d requests, want %d", got, tt.wantRequests)
			}
			if tt.wantProblem != "" {
				_ = checkUnexpected(t, err, nil, tt.wantProblem)
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(l.Events) != tt.wantEvents {
				t.Errorf("got %d events, want %d", len(l.Events), tt.wantEvents)
			}
		})
	}
}

// A field of the wrong type inside an item stays a warning, named by the
// item's place in the whole listing, not in its page.
func TestListAll_itemWarningsNameTheirPlace(t *testing.T) {
	t.Parallel()
	for _, list := range listActions {
		t.Run(list.action, func(t *testing.T) {
			t.Parallel()
			key := list.itemsKey
			srv, _ := pagedServer(t,
				`{"RequestId":"R","TotalCount":3,"`+key+`":[{"`+list.idKey+`":"1","EndTime":"soon"},{"`+list.idKey+`":"2"}]}`,
				`{"RequestId":"R","TotalCount":3,"`+key+`":[{"`+list.idKey+`":"3","EventTime":"later","EndTime":"later"}]}`)
			c := newTestClient(t, srv.URL, nil)
			events, _, _, warnings, err := list.run(c, 2, 0)
			if err != nil || events != 3 {
				t.Fatalf("got %d events, error %v; want 3 events", events, err)
			}
			want := map[string][]string{
				"ThreatEvents": {"ThreatEvents[0].EndTime", "ThreatEvents[2].EndTime"},
				"Items":        {"Items[2].EventTime"},
			}[key]
			if got := warningFields(warnings); !slices.Equal(got, want) {
				t.Errorf("warning fields = %q, want %q", got, want)
			}
		})
	}
}

// TestDetail_strictAnswers: a detail answer must carry RequestId. Beside
// it, an absent, null or empty event object is an unknown event
// (NotFound); a non-object one is an unexpected answer. EVENT stands for the
// action's event key.
func TestDetail_strictAnswers(t *testing.T) {
	t.Parallel()
	actions := []struct {
		action   string
		eventKey string
		event    string // a small valid event
		read     func(c *Client) error
	}{
		{WAFThreatEventAction, "ThreatEventDetail", `{"EventLevel":"low","EventBlock":"many"}`, func(c *Client) error {
			_, err := c.DescribeThreatEventDetail(context.Background(), ThreatEventInput{InstanceID: "i1", EventID: "e"})
			return err
		}},
		{DSCEventAction, "Event", `{"Id":1,"Status":"many"}`, func(c *Client) error {
			_, err := c.DescribeEventDetail(context.Background(), DSCEventInput{ID: 1})
			return err
		}},
	}
	tests := []struct {
		name         string
		body         string
		wantNotFound bool
		wantMissing  []string
		wantProblem  string
	}{
		{name: "empty object", body: `{}`, wantMissing: []string{"RequestId", "EVENT"}},
		// Beside a RequestId, a success without the object is an unknown event.
		{name: "no event object: not found", body: `{"RequestId":"R"}`, wantNotFound: true},
		{name: "null event object: not found", body: `{"RequestId":"R","EVENT":null}`, wantNotFound: true},
		{name: "no event object, no RequestId", body: `{"Other":1}`, wantMissing: []string{"RequestId", "EVENT"}},
		{name: "event a string", body: `{"RequestId":"R","EVENT":"x"}`, wantProblem: `EVENT is the string "x", not an object`},
		{name: "event an array", body: `{"RequestId":"R","EVENT":[{}]}`, wantProblem: "EVENT is an array, not an object"},
		{name: "no RequestId", body: `{"EVENT":VALID}`, wantMissing: []string{"RequestId"}},
		{name: "RequestId a number", body: `{"RequestId":7,"EVENT":VALID}`, wantProblem: "RequestId is the number 7, not a string"},
		{name: "not an object", body: `"R"`, wantProblem: "the body is not a JSON object"},
		{name: "empty event object: not found", body: `{"RequestId":"R","EVENT":{}}`, wantNotFound: true},
		{name: "a bad field inside the event is only a warning", body: `{"RequestId":"R","EVENT":VALID}`},
	}
	for _, a := range actions {
		for _, tt := range tests {
			t.Run(a.action+"/"+tt.name, func(t *testing.T) {
				t.Parallel()
				body := strings.ReplaceAll(strings.ReplaceAll(tt.body, "EVENT", a.eventKey), "VALID", a.event)
				srv, requests := pagedServer(t, body)
				c := newTestClient(t, srv.URL, nil)
				err := a.read(c)
				switch {
				case tt.wantNotFound:
					var nf *NotFoundError
					if !errors.As(err, &nf) || nf.RequestID != "R" {
						t.Fatalf("error = %T %v, want *NotFoundError with RequestId R", err, err)
					}
				case tt.wantMissing == nil && tt.wantProblem == "":
					if err != nil {
						t.Fatal(err)
					}
				default:
					var missing []string
					for _, m := range tt.wantMissing {
						missing = append(missing, strings.ReplaceAll(m, "EVENT", a.eventKey))
					}
					ua := checkUnexpected(t, err, missing, strings.ReplaceAll(tt.wantProblem, "EVENT", a.eventKey))
					if ua.Action != a.action || ua.Page != 0 || ua.Endpoint != srv.URL {
						t.Errorf("error names action %q, page %d, endpoint %q; want %s, 0, %s", ua.Action, ua.Page, ua.Endpoint, a.action, srv.URL)
					}
					if got := requests.Load(); got != 1 {
						t.Errorf("%d requests, want 1: a broken answer is not retried", got)
					}
				}
			})
		}
	}
}

// The fake cloud's broken-answer faults reach every action as unexpected
// answers, after one request even with retries allowed; the kinds that
// leave only a detail answer's object out read there as an unknown event,
// never as an event.
func TestClient_brokenAnswerFaults(t *testing.T) {
	t.Parallel()
	// The read of each action of the products table; detail is set for an
	// action that answers one event's object.
	type brokenRead struct {
		read   func(c *Client) error
		detail bool
	}
	reads := map[string]*brokenRead{
		WAFThreatEventAction: {read: func(c *Client) error { _, err := readPageWAFEvent(context.Background(), c); return err }, detail: true},
		DSCEventAction: {read: func(c *Client) error {
			_, err := c.DescribeEventDetail(context.Background(), DSCEventInput{ID: pageDSCEvent})
			return err
		}, detail: true},
		WAFThreatEventsAction: {read: func(c *Client) error {
			_, err := c.DescribeThreatEvents(context.Background(), ThreatEventsInput{InstanceID: pageWAFInstance, StartTime: 1, EndTime: 2})
			return err
		}},
		DSCEventsAction: {read: func(c *Client) error { _, err := c.DescribeEvents(context.Background(), DSCEventsInput{}); return err }},
		// Not read on its own: the WAF reads ask it first, and the broken
		// answers carry none of its keys, so those with a RequestId read there
		// as an account without an instance (waf_instance_test.go, "no instance
		// in the region").
		WAFInstanceAction: nil,
	}
	var actions []string
	for _, p := range products.All {
		for _, a := range p.Actions {
			r, ok := reads[a.Name]
			if !ok {
				t.Errorf("%s %s has no read here: its broken answers go untested", p.Title, a.Name)
			}
			if r != nil {
				actions = append(actions, a.Name)
			}
		}
	}
	for _, kind := range []string{"Empty200", "RequestIdOnly", "MissingRequestId", "MissingTotalCount", "MissingItems", "NullItems", "MalformedItems", "NonObjectItem"} {
		for _, action := range actions {
			read, isDetail := reads[action].read, reads[action].detail
			t.Run(kind+"/"+action, func(t *testing.T) {
				t.Parallel()
				cloud, srv := startFake(t)
				cloud.SetFault(action, fakecloud.Fault{FailFirst: 1, FailWith: kind})
				c := newTestClient(t, srv.URL, func(cfg *Config) { cfg.MaxRetries = 3 })
				err := read(c)
				var (
					ua *UnexpectedAnswerError
					nf *NotFoundError
				)
				switch {
				case isDetail && !fakecloud.BrokenForDetails(kind):
					if !errors.As(err, &nf) {
						t.Fatalf("error = %T %v, want a *NotFoundError: a success without the event object", err, err)
					}
				case !errors.As(err, &ua) || ua.Action != action:
					t.Fatalf("error = %T %v, want an unexpected %s answer", err, err, action)
				}
				if got := cloud.Requests(action); got != 1 {
					t.Errorf("the fake cloud saw %d requests, want 1", got)
				}
				if err := read(c); err != nil {
					t.Errorf("after the fault: %v", err)
				}
			})
		}
	}
}
