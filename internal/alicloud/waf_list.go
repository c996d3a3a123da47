package alicloud

import (
	"context"
	"strconv"
)

const (
	// WAFThreatEventsAction is the API action that lists WAF security events.
	WAFThreatEventsAction = "DescribeThreatEvent"
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
	RegionID string
	// TotalCount is the number of matching events as far as the pages
	// tell: the last page's TotalCount, or the events received where that
	// counted only its own page. Never nil when the read succeeds.
	TotalCount *int64
	Events     []ThreatEventSummary
	Pages      int
	Warnings   []DecodeWarning
	// Contradiction is set when the pages fit neither reading of
	// TotalCount (every matching event, or the events on the page).
	Contradiction string
	// InstanceNotVerified is set when the instance could not be checked.
	InstanceNotVerified *InstanceNotVerified
}

// DescribeThreatEvents pages through DescribeThreatEvent until it has every
// event in the range, or MaxResults of them.
func (c *Client) DescribeThreatEvents(ctx context.Context, in ThreatEventsInput) (*ThreatEventList, error) {
	ctx, cancel := c.readContext(ctx)
	defer cancel()
	params := map[string]string{
		"InstanceId": in.InstanceID,
		"StartTime":  strconv.FormatInt(in.StartTime, 10),
		"EndTime":    strconv.FormatInt(in.EndTime, 10),
	}
	optional(params, "DomainName", in.DomainName)
	optional(params, "ResourceManagerResourceGroupId", in.ResourceGroupID)
	rpc := c.wafRPC(WAFThreatEventsAction, in.RegionID, params)

	list := &ThreatEventList{RegionID: rpc.region}
	var err error
	if list.InstanceNotVerified, err = c.checkWAFInstance(ctx, rpc.region, in.ResourceGroupID, in.InstanceID); err != nil {
		return nil, err
	}
	page := pageQuery{
		rpc: rpc, pageParam: "PageNumber", itemsKey: "ThreatEvents", idKey: "EventId",
		pageSize: pageSizeOr(in.PageSize, WAFThreatEventsMaxPageSize), maxResults: in.MaxResults,
		totalMayCountPage: true,
	}
	events, err := listAll(ctx, c, page, &list.Warnings, func(e object) ThreatEventSummary {
		return ThreatEventSummary{
			EventID: e.String("EventId"), EventLevel: e.String("EventLevel"), EventSrc: e.String("EventSrc"),
			EventTag: e.String("EventTag"), EventTarget: e.String("EventTarget"), BlockRate: e.String("BlockRate"),
			EndTime: e.UnixMillis("EndTime"),
		}
	})
	if err != nil {
		return nil, refusedInstance(c, err, rpc.region, in.ResourceGroupID, in.InstanceID)
	}
	list.Events, list.TotalCount, list.Pages, list.Contradiction = events.items, &events.total, events.pages, events.contradiction
	return list, nil
}
