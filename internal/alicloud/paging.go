package alicloud

import (
	"context"
	"fmt"
	"strconv"
)

// pageQuery describes a paged list action.
type pageQuery struct {
	rpc        rpcCall
	pageParam  string // "PageNumber" or "CurrentPage"
	itemsKey   string // the array of items in each page
	idKey      string // the field every item is identified by
	pageSize   int
	maxResults int // 0: all
}

// maxPages bounds a listing whose API keeps answering full pages: no real
// query needs more, and a broken total must not loop forever.
const maxPages = 1000

// listAll fetches page after page and returns the items in API order,
// never nil, with the last page's TotalCount.
//
// Every page must carry RequestId, TotalCount (a count) and the item array
// (an array of objects), or the whole read fails with an
// *UnexpectedAnswerError naming the page: a proxy's `{}` or a page cut
// short must never read as fewer events. The reference pages document
// TotalCount as an integer and ThreatEvents / Items as array<object> and
// show them on every answer; they print no empty result, and a matchless
// query answers TotalCount 0 with [] like any other page. So [] is an
// empty page, while an absent or null array is a broken one, even beside
// TotalCount 0: zero events are reported only when the API said TotalCount
// 0 and sent [].
//
// Listing ends when maxResults items are kept, or when the items received
// reach the page's TotalCount. A page shorter than the page size before
// that point is an error, not the end: the events changed between pages
// (paging by number then skips some), or the endpoint does not page as the
// action does. Either way events that exist may be missing, and a security
// check must not pass on a partial list; reading again gets a consistent
// one once the range stops changing. Events that arrive while paging
// (TotalCount grows) only push older ones onto later pages, which are still
// read; TotalCount shrinking below what was received ends the listing.
func listAll[T any](ctx context.Context, c *Client, q pageQuery, warnings *[]DecodeWarning, decode func(object) T) (items []T, total *int64, pages int, err error) {
	items = []T{}
	received := 0 // items the API sent, some of them beyond maxResults
	for pages = 1; pages <= maxPages; pages++ {
		rpc := q.rpc
		rpc.params = make(map[string]string, len(q.rpc.params)+2)
		for k, v := range q.rpc.params {
			rpc.params[k] = v
		}
		rpc.params[q.pageParam] = strconv.Itoa(pages)
		rpc.params["PageSize"] = strconv.Itoa(q.pageSize)

		body, err := c.call(ctx, rpc)
		if err != nil {
			return nil, nil, pages, err
		}
		a, err := readAnswer(rpc.action, pages, body, warnings)
		if err != nil {
			return nil, nil, pages, fromEndpoint(err, rpc)
		}
		a.requestID()
		total = a.count("TotalCount")
		page := a.items(q.itemsKey, received)
		requireIDs(a, page, q, received)
		if err := a.check(); err != nil {
			return nil, nil, pages, fromEndpoint(err, rpc)
		}
		received += len(page)
		for _, item := range page {
			if q.maxResults > 0 && len(items) >= q.maxResults {
				break
			}
			items = append(items, decode(item))
		}
		switch {
		case q.maxResults > 0 && len(items) >= q.maxResults, int64(received) >= *total:
			return items, total, pages, nil
		case len(page) < q.pageSize:
			a.problemf("the page has %d of the %d items asked for, but TotalCount %d says %d more exist after the %d received; "+
				"the events changed while they were paged through (read again), or the endpoint does not page as %s does",
				len(page), q.pageSize, *total, *total-int64(received), received, rpc.action)
			return nil, nil, pages, fromEndpoint(a.check(), rpc)
		}
	}
	return nil, nil, maxPages, &TooManyPagesError{Action: q.rpc.action, Pages: maxPages}
}

// requireIDs fails a page with an item that has no ID: the ID is what a
// rule reads the event by, so an item without one would drop out of every
// check unseen.
func requireIDs(a *answer, page []object, q pageQuery, offset int) {
	for i, item := range page {
		if !item.hasValue(q.idKey) {
			a.problemf("%s[%d] has no %s, so it could not be read or checked", q.itemsKey, offset+i, q.idKey)
		}
	}
}

// TooManyPagesError stops a listing whose API keeps answering full pages.
type TooManyPagesError struct {
	Action string
	Pages  int
}

func (e *TooManyPagesError) Error() string {
	return fmt.Sprintf("%s answered %d full pages and still had more", e.Action, e.Pages)
}

func optional(params map[string]string, name, value string) {
	if value != "" {
		params[name] = value
	}
}

func pageSizeOr(size, limit int) int {
	if size <= 0 || size > limit {
		return limit
	}
	return size
}

func optionalInt(params map[string]string, name string, value *int64) {
	if value != nil {
		params[name] = strconv.FormatInt(*value, 10)
	}
}
