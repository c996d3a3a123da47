package alicloud

import (
	"context"
	"fmt"
	"strconv"

	"github.com/alisec/terraform-provider-alisec/internal/products"
)

// DSCEventAction is the API action that reads one DSC event.
const DSCEventAction = "DescribeEventDetail"

// DSCEventInput identifies a Data Security Center anomalous activity.
type DSCEventInput struct {
	ID       int64
	Lang     string // "zh", "en" or empty for the API's default
	RegionID string // one of products.Sddp.Regions; empty: derived from the client region
}

// DSCEvent is DescribeEventDetail's Event, with the response's RequestId.
// Nil fields were absent or null; timestamps are Unix milliseconds.
type DSCEvent struct {
	RequestID       *string
	RegionID        string // the API region that was asked
	ID              *int64
	DisplayName     *string
	LoginName       *string
	UserID          *int64
	Status          *int64
	StatusName      *string
	DealReason      *string
	DealLoginName   *string
	DealDisplayName *string
	DealUserID      *int64
	DealTime        *int64
	EventTime       *int64
	AlertTime       *int64
	TypeCode        *string
	TypeName        *string
	SubTypeCode     *string
	SubTypeName     *string
	ProductCode     *string
	DataInstance    *string
	Backed          *bool
	NewAlarm        *bool
	LogDetail       *string
	// HandleInfoList is nil when absent or null, empty when [].
	HandleInfoList []HandleInfo
	Detail         *DSCEventDetail
	Warnings       []DecodeWarning
}

// HandleInfo is one entry of the handling history.
type HandleInfo struct {
	ID           *int64
	Status       *int64
	HandlerName  *string
	HandlerType  *string
	HandlerValue *int64 // minutes; nil means permanent
	CurrentValue *string
	EnableTime   *int64
	DisableTime  *int64
}

// DSCEventDetail is the event's Detail. Nil lists were absent or null.
type DSCEventDetail struct {
	Content      []DSCContent
	Chart        []DSCChart
	ResourceInfo []DSCResourceInfo
}

// DSCContent is one item of Detail.Content.
type DSCContent struct {
	Label *string
	Value *string
	Name  *string
}

// DSCResourceInfo is one item of Detail.ResourceInfo.
type DSCResourceInfo struct {
	Label *string
	Value *string
}

// DSCChart is one item of Detail.Chart.
type DSCChart struct {
	Name     *string
	Label    *string
	Type     *string
	ChatType *int64
	XLabel   *string
	YLabel   *string
	ZLabel   *string
	Data     *DSCChartData
}

// DSCChartData holds a chart's axes; items sent as numbers are their decimal text.
type DSCChartData struct {
	X []string
	Y []string
	Z []string
}

// sddpRPC is a Data Security Center call in region (the API region
// serving the client's region when empty).
func (c *Client) sddpRPC(action, region string, params map[string]string) rpcCall {
	return c.rpc(products.Sddp, action, region, params)
}

// DescribeEventDetail reads one Data Security Center event. A missing event
// is a *NotFoundError.
func (c *Client) DescribeEventDetail(ctx context.Context, in DSCEventInput) (*DSCEvent, error) {
	ctx, cancel := c.readContext(ctx)
	defer cancel()
	params := map[string]string{"Id": strconv.FormatInt(in.ID, 10)}
	optional(params, "Lang", in.Lang)
	rpc := c.sddpRPC(DSCEventAction, in.RegionID, params)
	body, err := c.call(ctx, rpc)
	what := fmt.Sprintf("Data Security Center event %d", in.ID)
	if err != nil {
		return nil, asNotFound(err, what)
	}
	event, err := DecodeEventDetail(body)
	if err != nil {
		return nil, fromEndpoint(err, rpc)
	}
	// An Event object without any identifying field is no event: the
	// answer for an unknown ID, as for WAF, is a success without one.
	if event.ID == nil && event.Status == nil && event.EventTime == nil && event.TypeCode == nil {
		return nil, &NotFoundError{What: what, RequestID: deref(event.RequestID)}
	}
	if event.ID != nil && *event.ID != in.ID {
		return nil, &UnexpectedAnswerError{Action: DSCEventAction, Endpoint: rpc.endpoint.String(), RequestID: deref(event.RequestID),
			Problem: fmt.Sprintf("Event.Id is %d, but event %d was asked for; reading it as event %d would report another event's fields", *event.ID, in.ID, in.ID)}
	}
	event.RegionID = rpc.region
	return event, nil
}

// DecodeEventDetail decodes a DescribeEventDetail response body. A body
// without RequestId, or whose Event is not an object, is an
// *UnexpectedAnswerError; an absent or null Event is an event without
// fields, which DescribeEventDetail reports as not found.
func DecodeEventDetail(body []byte) (*DSCEvent, error) {
	ev := &DSCEvent{}
	a, err := readAnswer(DSCEventAction, 0, body, &ev.Warnings)
	if err != nil {
		return nil, err
	}
	ev.RequestID = a.requestID()
	e := a.object("Event")
	if err := a.check(); err != nil {
		return nil, err
	}
	ev.ID = e.Int64("Id")
	ev.DisplayName = e.String("DisplayName")
	ev.LoginName = e.String("LoginName")
	ev.UserID = e.Int64("UserId")
	ev.Status = e.Int64("Status")
	ev.StatusName = e.String("StatusName")
	ev.DealReason = e.String("DealReason")
	ev.DealLoginName = e.String("DealLoginName")
	ev.DealDisplayName = e.String("DealDisplayName")
	ev.DealUserID = e.Int64("DealUserId")
	ev.DealTime = e.UnixMillis("DealTime")
	ev.EventTime = e.UnixMillis("EventTime")
	ev.AlertTime = e.UnixMillis("AlertTime")
	ev.TypeCode = e.String("TypeCode")
	ev.TypeName = e.String("TypeName")
	ev.SubTypeCode = e.String("SubTypeCode")
	ev.SubTypeName = e.String("SubTypeName")
	ev.ProductCode = e.String("ProductCode")
	ev.DataInstance = e.String("DataInstance")
	ev.Backed = e.Bool("Backed")
	ev.NewAlarm = e.Bool("NewAlarm")
	ev.LogDetail = e.String("LogDetail")
	ev.HandleInfoList = decodeList(e.Objects("HandleInfoList"), decodeHandleInfo)
	if detail, ok := e.Object("Detail"); ok {
		ev.Detail = decodeDetail(detail)
	}
	return ev, nil
}

func decodeHandleInfo(h object) HandleInfo {
	return HandleInfo{
		ID:           h.Int64("Id"),
		Status:       h.Int64("Status"),
		HandlerName:  h.String("HandlerName"),
		HandlerType:  h.String("HandlerType"),
		HandlerValue: h.Int64("HandlerValue"),
		CurrentValue: h.String("CurrentValue"),
		EnableTime:   h.UnixMillis("EnableTime"),
		DisableTime:  h.UnixMillis("DisableTime"),
	}
}

func decodeDetail(d object) *DSCEventDetail {
	return &DSCEventDetail{
		Content: decodeList(d.Objects("Content"), func(c object) DSCContent {
			return DSCContent{Label: c.String("Label"), Value: c.String("Value"), Name: c.String("Name")}
		}),
		ResourceInfo: decodeList(d.Objects("ResourceInfo"), func(r object) DSCResourceInfo {
			return DSCResourceInfo{Label: r.String("Label"), Value: r.String("Value")}
		}),
		Chart: decodeList(d.Objects("Chart"), decodeChart),
	}
}

func decodeChart(c object) DSCChart {
	chart := DSCChart{
		Name:     c.String("Name"),
		Label:    c.String("Label"),
		Type:     c.String("Type"),
		ChatType: c.Int64("ChatType"),
		XLabel:   c.String("XLabel"),
		YLabel:   c.String("YLabel"),
		ZLabel:   c.String("ZLabel"),
	}
	if data, ok := c.Object("Data"); ok {
		chart.Data = &DSCChartData{X: data.Strings("X"), Y: data.Strings("Y"), Z: data.Strings("Z")}
	}
	return chart
}
