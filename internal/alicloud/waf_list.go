package alicloud

import (
	"context"
	"fmt"
	"strconv"
)

const (
	// WAFThreatEventsAction is the API action that lists WAF security events.
	WAFThreatEventsAction = "DescribeThreatEvent"
	// WAFThreatEventsRAMAction is the RAM permission WAFThreatEventsAction needs.
	WAFThreatEventsRAMAction = "yundun-waf:DescribeThreatEvent"
	// WAFThreatEventsMaxPageSize is the largest page DescribeThreatEvent serves.
	WAFThreatEventsMaxPageSize = 200
)

// ThreatEventsInput selects WAF security events.
type ThreatEventsInput struct {
	InstanceID      string
	StartTime       int64 // Unix milliseconds
	EndTime         int64 // Unix milliseconds
	DomainName      string
	RegionID        string // empty: derived from the client region
	ResourceGroupID string
	MaxResults      int // 0: all
	PageSize        int // 0: WAFThreatEventsMaxPageSize
}

// ThreatEventSummary is one item of DescribeThreatEvent's ThreatEvents.
type ThreatEventSummary struct {
	EventID     *string
	EventLevel  *string
	EventSrc    *string
	EventTag    *string
	EventTarget *string
	BlockRate   *string
	EndTime     *int64 // Unix milliseconds
}

// ThreatEventList is every page of a DescribeThreatEvent query.
type ThreatEventList struct {
	RegionID   string
	TotalCount *int64
	Events     []ThreatEventSummary
	Pages      int
	Warnings   []DecodeWarning
}

// DescribeThreatEvents pages through DescribeThreatEvent until it has every
// event in the range, or MaxResults of them.
func (c *Client) DescribeThreatEvents(ctx context.Context, in ThreatEventsInput) (*ThreatEventList, error) {
	region := in.RegionID
	if region == "" {
		region = c.WAFRegion()
	}
	endpoint := defaultWAFEndpoint(region)
	if c.wafEndpoint != nil {
		endpoint = *c.wafEndpoint
	}
	params := map[string]string{
		"InstanceId": in.InstanceID,
		"StartTime":  strconv.FormatInt(in.StartTime, 10),
		"EndTime":    strconv.FormatInt(in.EndTime, 10),
	}
	optional(params, "DomainName", in.DomainName)
	optional(params, "ResourceManagerResourceGroupId", in.ResourceGroupID)

	list := &ThreatEventList{RegionID: region, Events: []ThreatEventSummary{}}
	err := c.pages(ctx, pageQuery{
		rpc: rpcCall{
			product: wafProduct, version: wafVersion, action: WAFThreatEventsAction,
			region: region, endpoint: endpoint, params: params,
		},
		pageParam: "PageNumber", pageSize: pageSizeOr(in.PageSize, WAFThreatEventsMaxPageSize), maxResults: in.MaxResults,
		collected: func() int { return len(list.Events) },
		decode: func(root object) (total *int64, items int) {
			list.TotalCount = root.Int64("TotalCount")
			page := root.Objects("ThreatEvents")
			for _, e := range page {
				if in.MaxResults > 0 && len(list.Events) >= in.MaxResults {
					break
				}
				list.Events = append(list.Events, ThreatEventSummary{
					EventID: e.String("EventId"), EventLevel: e.String("EventLevel"), EventSrc: e.String("EventSrc"),
					EventTag: e.String("EventTag"), EventTarget: e.String("EventTarget"), BlockRate: e.String("BlockRate"),
					EndTime: e.UnixMillis("EndTime"),
				})
			}
			return list.TotalCount, len(page)
		},
		warnings: &list.Warnings,
		pages:    &list.Pages,
	})
	if err != nil {
		return nil, err
	}
	return list, nil
}

// pageQuery describes a paged list action.
type pageQuery struct {
	rpc        rpcCall
	pageParam  string // "PageNumber" or "CurrentPage"
	pageSize   int
	maxResults int
	collected  func() int
	// decode reads one page into the caller's list and returns the total
	// the API reports and how many items the page held.
	decode   func(root object) (total *int64, items int)
	warnings *[]DecodeWarning
	pages    *int
}

// maxPages bounds a listing whose API keeps answering full pages: no real
// query needs more, and a broken total must not loop forever.
const maxPages = 1000

// pages fetches page after page until the total is reached, a page comes
// back short, or maxResults items are collected.
func (c *Client) pages(ctx context.Context, q pageQuery) error {
	for page := 1; page <= maxPages; page++ {
		params := make(map[string]string, len(q.rpc.params)+2)
		for k, v := range q.rpc.params {
			params[k] = v
		}
		params[q.pageParam] = strconv.Itoa(page)
		params["PageSize"] = strconv.Itoa(q.pageSize)
		rpc := q.rpc
		rpc.params = params

		body, err := c.call(ctx, rpc)
		if err != nil {
			return err
		}
		root, err := decodeObject(body, q.warnings)
		if err != nil {
			return fmt.Errorf("%s answered page %d with an undecodable body: %w", rpc.action, page, err)
		}
		*q.pages = page
		total, items := q.decode(root)
		done := items < q.pageSize ||
			(total != nil && int64(q.collected()) >= *total) ||
			(q.maxResults > 0 && q.collected() >= q.maxResults)
		if done {
			return nil
		}
	}
	return fmt.Errorf("%s: stopped after %d pages; narrow the time range or set max_results", q.rpc.action, maxPages)
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
