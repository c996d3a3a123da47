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
	// echoesPageSize: the answer's PageSize is the page size served, which
	// may be smaller than the one asked (DescribeEvents).
	echoesPageSize bool
	// totalMayCountPage: the references disagree on whether TotalCount
	// counts every matching item or the items on the page answered
	// (DescribeThreatEvent), so a full page never ends the listing.
	totalMayCountPage bool
}

// maxPages bounds a listing whose API keeps answering full pages: no real
// query needs more, and a broken total must not loop forever.
const maxPages = 1000

// listing is every page of a list action, read.
type listing[T any] struct {
	items []T // in API order, never nil
	// total is the number of matching items as far as the pages tell:
	// TotalCount, or the items received where TotalCount counted fewer.
	total int64
	pages int
	// contradiction is set when the pages fit neither reading of
	// TotalCount: not the items matching, nor the items on each page.
	contradiction string
}

// listAll fetches page after page and returns the items in API order.
//
// Every page must carry RequestId and TotalCount (a count), and its item
// array must be an array of objects, or the whole read fails with an
// *UnexpectedAnswerError naming the page: a proxy's `{}` or a page cut
// short must never read as fewer events. The array may be absent or null
// where the page has no items to carry (the SDKs tag it omitempty): when
// TotalCount promises no items beyond those received, which is a quiet
// window's TotalCount 0 or the page after the last full one.
//
// A page shorter than the page size served ends the listing once the items
// received reach its TotalCount; before that point it is an error, not the
// end: the events changed between pages (paging by number then skips
// some), or the endpoint does not page as the action does. Either way
// events that exist may be missing, and a security check must not pass on
// a partial list; reading again gets a consistent one once the range stops
// changing. A full page ends the listing at TotalCount, unless TotalCount
// may count the page only (totalMayCountPage), where the next page is read
// until a short or empty one: one call more when the total is a multiple
// of the page size, and no event dropped under either reading. Listing
// also ends when maxResults items are kept and the pages already show
// whether more exist.
func listAll[T any](ctx context.Context, c *Client, q pageQuery, warnings *[]DecodeWarning, decode func(object) T) (*listing[T], error) {
	l := &listing[T]{items: []T{}}
	received := 0       // items the API sent, some of them beyond maxResults
	pageCounted := true // every page's TotalCount counted that page's items
	for l.pages = 1; l.pages <= maxPages; l.pages++ {
		page, total, served, err := fetchPage(ctx, c, q, l.pages, received, warnings)
		if err != nil {
			return nil, err
		}
		received += len(page.items)
		pageCounted = pageCounted && total == int64(len(page.items))
		for _, item := range page.items {
			if q.maxResults > 0 && len(l.items) >= q.maxResults {
				break
			}
			l.items = append(l.items, decode(item))
		}
		full := len(page.items) >= served
		// maxResults reached: the listing stops once the pages show
		// whether more exist, so that truncated tells the truth.
		capped := q.maxResults > 0 && len(l.items) >= q.maxResults &&
			(received > len(l.items) || int64(received) < total || !full || !q.totalMayCountPage)
		if !capped && !full && int64(received) < total {
			page.a.problemf("the page has %d of the %d items asked for, but TotalCount %d says %d more exist after the %d received; "+
				"the events changed while they were paged through (read again), or the endpoint does not page as %s does",
				len(page.items), served, total, total-int64(received), received, q.rpc.action)
			return nil, fromEndpoint(page.a.check(), page.rpc)
		}
		ended := !full || (!q.totalMayCountPage && int64(received) >= total)
		if ended || capped {
			l.total = max(total, int64(received))
			if ended && int64(received) > total && !pageCounted {
				l.contradiction = fmt.Sprintf("%d pages held %d items, but the last page's TotalCount is %d, "+
					"which counts neither every matching item nor the items on each page", l.pages, received, total)
			}
			return l, nil
		}
	}
	return nil, &TooManyPagesError{Action: q.rpc.action, Pages: maxPages}
}

// listPage is one page of a listing, its envelope read.
type listPage struct {
	a     *answer
	rpc   rpcCall
	items []object
}

// fetchPage asks for page number n and reads its envelope: the items, the
// page's TotalCount and the page size served.
func fetchPage(ctx context.Context, c *Client, q pageQuery, n, received int, warnings *[]DecodeWarning) (p listPage, total int64, served int, err error) {
	p.rpc = q.rpc
	p.rpc.params = make(map[string]string, len(q.rpc.params)+2)
	for k, v := range q.rpc.params {
		p.rpc.params[k] = v
	}
	p.rpc.params[q.pageParam] = strconv.Itoa(n)
	p.rpc.params["PageSize"] = strconv.Itoa(q.pageSize)

	body, err := c.call(ctx, p.rpc)
	if err != nil {
		return p, 0, 0, err
	}
	if p.a, err = readAnswer(p.rpc.action, n, body, warnings); err != nil {
		return p, 0, 0, fromEndpoint(err, p.rpc)
	}
	p.a.requestID()
	count := p.a.count("TotalCount")
	items, present := p.a.items(q.itemsKey, received)
	served = q.pageSize
	if q.echoesPageSize {
		served = p.a.servedPageSize(q.pageSize)
	}
	if !present && (count == nil || *count > int64(received)) {
		p.a.missing(q.itemsKey)
	}
	requireIDs(p.a, items, q, received)
	if err := p.a.check(); err != nil {
		return p, 0, 0, fromEndpoint(err, p.rpc)
	}
	p.items = items
	return p, *count, served, nil // count is set: check fails without it
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
