package alicloud

import (
	"context"
	"strconv"
)

const (
	// DSCEventsAction is the API action that lists DSC anomalous activities.
	DSCEventsAction = "DescribeEvents"
	// DSCEventsPageSize is the page size the client asks DescribeEvents
	// for: Alibaba's own Terraform provider pages Sddp lists by 50, and no
	// reference says DescribeEvents serves more. The answer's PageSize says
	// what was served, and paging follows it.
	DSCEventsPageSize = 50
)

// DSCEventsInput filters Data Security Center anomalous activities. Zero
// values are not sent.
type DSCEventsInput struct {
	StartTime    int64 // Unix milliseconds
	EndTime      int64 // Unix milliseconds
	Status       *int64
	TypeCode     string
	SubTypeCode  string
	ProductCode  string
	WarnLevel    *int64
	UserName     string
	InstanceName string
	Lang         string // "zh" or "en"; sent as the zh_cn / en_us this action expects
	RegionID     string // one of products.Sddp.Regions; empty: derived from the client region
	MaxResults   int    // 0: all
	PageSize     int    // 0: DSCEventsPageSize
}

// DSCEventSummary is one item of DescribeEvents' Items.
type DSCEventSummary struct {
	ID                *int64
	AlertTime         *int64
	Backed            *bool
	DealDisplayName   *string
	DealLoginName     *string
	DealTime          *int64
	DealUserID        *int64
	DisplayName       *string
	EventTime         *int64
	LoginName         *string
	ProductCode       *string
	Status            *int64
	StatusName        *string
	SubTypeCode       *string
	SubTypeName       *string
	TargetProductCode *string
	TypeCode          *string
	TypeName          *string
	UserID            *int64
	WarnLevel         *int64
}

// DSCEventList is every page of a DescribeEvents query.
type DSCEventList struct {
	RegionID   string // the API region that was asked
	TotalCount *int64 // the last page's TotalCount (or the events received, if more); never nil when the read succeeds
	Events     []DSCEventSummary
	Pages      int
	Warnings   []DecodeWarning
}

// describeEventsLang maps the languages DescribeEventDetail takes to the
// names DescribeEvents takes for them.
var describeEventsLang = map[string]string{"zh": "zh_cn", "en": "en_us"}

// DescribeEvents pages through DescribeEvents until it has every matching
// event, or MaxResults of them.
func (c *Client) DescribeEvents(ctx context.Context, in DSCEventsInput) (*DSCEventList, error) {
	ctx, cancel := c.readContext(ctx)
	defer cancel()
	params := map[string]string{}
	if in.StartTime != 0 {
		params["StartTime"] = strconv.FormatInt(in.StartTime, 10)
	}
	if in.EndTime != 0 {
		params["EndTime"] = strconv.FormatInt(in.EndTime, 10)
	}
	optionalInt(params, "Status", in.Status)
	optionalInt(params, "WarnLevel", in.WarnLevel)
	optional(params, "TypeCode", in.TypeCode)
	optional(params, "SubTypeCode", in.SubTypeCode)
	optional(params, "ProductCode", in.ProductCode)
	optional(params, "UserName", in.UserName)
	optional(params, "InstanceName", in.InstanceName)
	optional(params, "Lang", describeEventsLang[in.Lang])

	rpc := c.sddpRPC(DSCEventsAction, in.RegionID, params)
	list := &DSCEventList{RegionID: rpc.region}
	page := pageQuery{
		rpc:       rpc,
		pageParam: "CurrentPage", itemsKey: "Items", idKey: "Id",
		pageSize: pageSizeOr(in.PageSize, DSCEventsPageSize), maxResults: in.MaxResults,
		echoesPageSize: true,
	}
	events, err := listAll(ctx, c, page, &list.Warnings, decodeDSCEventSummary)
	if err != nil {
		return nil, err
	}
	list.Events, list.TotalCount, list.Pages = events.items, &events.total, events.pages
	return list, nil
}

func decodeDSCEventSummary(e object) DSCEventSummary {
	return DSCEventSummary{
		ID:                e.Int64("Id"),
		AlertTime:         e.UnixMillis("AlertTime"),
		Backed:            e.Bool("Backed"),
		DealDisplayName:   e.String("DealDisplayName"),
		DealLoginName:     e.String("DealLoginName"),
		DealTime:          e.UnixMillis("DealTime"),
		DealUserID:        e.Int64("DealUserId"),
		DisplayName:       e.String("DisplayName"),
		EventTime:         e.UnixMillis("EventTime"),
		LoginName:         e.String("LoginName"),
		ProductCode:       e.String("ProductCode"),
		Status:            e.Int64("Status"),
		StatusName:        e.String("StatusName"),
		SubTypeCode:       e.String("SubTypeCode"),
		SubTypeName:       e.String("SubTypeName"),
		TargetProductCode: e.String("TargetProductCode"),
		TypeCode:          e.String("TypeCode"),
		TypeName:          e.String("TypeName"),
		UserID:            e.Int64("UserId"),
		WarnLevel:         e.Int64("WarnLevel"),
	}
}
