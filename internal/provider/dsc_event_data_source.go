package provider

import (
	"context"
	"strconv"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/alisec/terraform-provider-alisec/internal/alicloud"
)

var _ datasource.DataSourceWithConfigure = (*dscEventDataSource)(nil)

// NewDSCEventDataSource returns the alisec_dsc_event data source.
func NewDSCEventDataSource() datasource.DataSource {
	return &dscEventDataSource{dataSource[dscEventModel]{
		target: dscEventTarget, schema: dscEventSchema, fetch: fetchDSCEvent,
	}}
}

type dscEventDataSource struct {
	dataSource[dscEventModel]
}

type dscEventModel struct {
	EventID          types.Number      `tfsdk:"event_id"` // whole: see dscEventSchema
	Lang             types.String      `tfsdk:"lang"`
	RegionID         types.String      `tfsdk:"region_id"`
	ID               types.String      `tfsdk:"id"`
	RequestID        types.String      `tfsdk:"request_id"`
	DisplayName      types.String      `tfsdk:"display_name"`
	LoginName        types.String      `tfsdk:"login_name"`
	UserID           types.Int64       `tfsdk:"user_id"`
	Status           types.Int64       `tfsdk:"status"`
	StatusName       types.String      `tfsdk:"status_name"`
	DealReason       types.String      `tfsdk:"deal_reason"`
	DealLoginName    types.String      `tfsdk:"deal_login_name"`
	DealDisplayName  types.String      `tfsdk:"deal_display_name"`
	DealUserID       types.Int64       `tfsdk:"deal_user_id"`
	DealTime         types.Int64       `tfsdk:"deal_time"`
	DealTimeRFC3339  types.String      `tfsdk:"deal_time_rfc3339"`
	EventTime        types.Int64       `tfsdk:"event_time"`
	EventTimeRFC3339 types.String      `tfsdk:"event_time_rfc3339"`
	AlertTime        types.Int64       `tfsdk:"alert_time"`
	AlertTimeRFC3339 types.String      `tfsdk:"alert_time_rfc3339"`
	TypeCode         types.String      `tfsdk:"type_code"`
	TypeName         types.String      `tfsdk:"type_name"`
	SubTypeCode      types.String      `tfsdk:"sub_type_code"`
	SubTypeName      types.String      `tfsdk:"sub_type_name"`
	ProductCode      types.String      `tfsdk:"product_code"`
	DataInstance     types.String      `tfsdk:"data_instance"`
	Backed           types.Bool        `tfsdk:"backed"`
	NewAlarm         types.Bool        `tfsdk:"new_alarm"`
	LogDetailJSON    types.String      `tfsdk:"log_detail_json"`
	HandleInfoList   []handleInfoModel `tfsdk:"handle_info_list"`
	Detail           *detailModel      `tfsdk:"detail"`
}

type handleInfoModel struct {
	ID                 types.Int64  `tfsdk:"id"`
	Status             types.Int64  `tfsdk:"status"`
	HandlerName        types.String `tfsdk:"handler_name"`
	HandlerType        types.String `tfsdk:"handler_type"`
	HandlerValue       types.Int64  `tfsdk:"handler_value"`
	CurrentValue       types.String `tfsdk:"current_value"`
	EnableTime         types.Int64  `tfsdk:"enable_time"`
	EnableTimeRFC3339  types.String `tfsdk:"enable_time_rfc3339"`
	DisableTime        types.Int64  `tfsdk:"disable_time"`
	DisableTimeRFC3339 types.String `tfsdk:"disable_time_rfc3339"`
}

type detailModel struct {
	Content      []contentModel      `tfsdk:"content"`
	Chart        []chartModel        `tfsdk:"chart"`
	ResourceInfo []resourceInfoModel `tfsdk:"resource_info"`
}

type contentModel struct {
	Label types.String `tfsdk:"label"`
	Value types.String `tfsdk:"value"`
	Name  types.String `tfsdk:"name"`
}

type resourceInfoModel struct {
	Label types.String `tfsdk:"label"`
	Value types.String `tfsdk:"value"`
}

type chartModel struct {
	Name     types.String    `tfsdk:"name"`
	Label    types.String    `tfsdk:"label"`
	Type     types.String    `tfsdk:"type"`
	ChatType types.Int64     `tfsdk:"chat_type"`
	XLabel   types.String    `tfsdk:"x_label"`
	YLabel   types.String    `tfsdk:"y_label"`
	ZLabel   types.String    `tfsdk:"z_label"`
	Data     *chartDataModel `tfsdk:"data"`
}

type chartDataModel struct {
	X []string `tfsdk:"x"`
	Y []string `tfsdk:"y"`
	Z []string `tfsdk:"z"`
}

var dscEventTarget = readTarget{
	name:   "dsc_event",
	action: alicloud.DSCEventAction,
}

func fetchDSCEvent(ctx context.Context, client *alicloud.Client, config dscEventModel, diags *diag.Diagnostics) (*dscEventModel, error) {
	id := eventIDValue(config.EventID)
	ctx = tflog.SetField(ctx, "event_id", id)
	event, err := client.DescribeEventDetail(ctx, alicloud.DSCEventInput{
		ID:       id,
		Lang:     config.Lang.ValueString(),
		RegionID: config.RegionID.ValueString(),
	})
	if err != nil {
		return nil, err
	}
	state := dscEventFromAPI(config, event)
	addDecodeWarnings(diags, event.Warnings, dscFieldPaths)
	return &state, nil
}

// eventIDValue is event_id as an int64 (0 when unset or unknown).
func eventIDValue(v types.Number) int64 {
	if n := wholeNumber(v); n != nil {
		return *n
	}
	return 0
}

// dscFieldPaths points decode warnings on top-level fields at their attribute.
var dscFieldPaths = func() map[string]path.Path {
	m := map[string]path.Path{}
	for api, attrName := range map[string]string{
		"Id": "id", "DisplayName": "display_name", "LoginName": "login_name", "UserId": "user_id", "Status": "status",
		"StatusName": "status_name", "DealReason": "deal_reason", "DealLoginName": "deal_login_name",
		"DealDisplayName": "deal_display_name", "DealUserId": "deal_user_id", "DealTime": "deal_time",
		"EventTime": "event_time", "AlertTime": "alert_time", "TypeCode": "type_code", "TypeName": "type_name",
		"SubTypeCode": "sub_type_code", "SubTypeName": "sub_type_name", "ProductCode": "product_code",
		"DataInstance": "data_instance", "Backed": "backed", "NewAlarm": "new_alarm", "LogDetail": "log_detail_json",
		"HandleInfoList": "handle_info_list", "Detail": "detail",
	} {
		m["Event."+api] = path.Root(attrName)
	}
	return m
}()

// dscEventFromAPI keeps the configured arguments and fills in everything the
// API answered.
func dscEventFromAPI(config dscEventModel, e *alicloud.DSCEvent) dscEventModel {
	m := config
	m.RegionID = types.StringValue(e.RegionID)
	m.ID = types.StringValue(strconv.FormatInt(eventIDValue(config.EventID), 10))
	m.RequestID = types.StringPointerValue(e.RequestID)
	m.DisplayName = types.StringPointerValue(e.DisplayName)
	m.LoginName = types.StringPointerValue(e.LoginName)
	m.UserID = types.Int64PointerValue(e.UserID)
	m.Status = types.Int64PointerValue(e.Status)
	m.StatusName = types.StringPointerValue(e.StatusName)
	m.DealReason = types.StringPointerValue(e.DealReason)
	m.DealLoginName = types.StringPointerValue(e.DealLoginName)
	m.DealDisplayName = types.StringPointerValue(e.DealDisplayName)
	m.DealUserID = types.Int64PointerValue(e.DealUserID)
	m.DealTime, m.DealTimeRFC3339 = unixMillis(e.DealTime)
	m.EventTime, m.EventTimeRFC3339 = unixMillis(e.EventTime)
	m.AlertTime, m.AlertTimeRFC3339 = unixMillis(e.AlertTime)
	m.TypeCode = types.StringPointerValue(e.TypeCode)
	m.TypeName = types.StringPointerValue(e.TypeName)
	m.SubTypeCode = types.StringPointerValue(e.SubTypeCode)
	m.SubTypeName = types.StringPointerValue(e.SubTypeName)
	m.ProductCode = types.StringPointerValue(e.ProductCode)
	m.DataInstance = types.StringPointerValue(e.DataInstance)
	m.Backed = types.BoolPointerValue(e.Backed)
	m.NewAlarm = types.BoolPointerValue(e.NewAlarm)
	m.LogDetailJSON = types.StringPointerValue(e.LogDetail)
	m.HandleInfoList = mapList(e.HandleInfoList, handleInfoFromAPI)
	m.Detail = detailFromAPI(e.Detail)
	return m
}

func handleInfoFromAPI(h alicloud.HandleInfo) handleInfoModel {
	m := handleInfoModel{
		ID:           types.Int64PointerValue(h.ID),
		Status:       types.Int64PointerValue(h.Status),
		HandlerName:  types.StringPointerValue(h.HandlerName),
		HandlerType:  types.StringPointerValue(h.HandlerType),
		HandlerValue: types.Int64PointerValue(h.HandlerValue),
		CurrentValue: types.StringPointerValue(h.CurrentValue),
	}
	m.EnableTime, m.EnableTimeRFC3339 = unixMillis(h.EnableTime)
	m.DisableTime, m.DisableTimeRFC3339 = unixMillis(h.DisableTime)
	return m
}

func detailFromAPI(d *alicloud.DSCEventDetail) *detailModel {
	if d == nil {
		return nil
	}
	return &detailModel{
		Content: mapList(d.Content, func(c alicloud.DSCContent) contentModel {
			return contentModel{Label: types.StringPointerValue(c.Label), Value: types.StringPointerValue(c.Value), Name: types.StringPointerValue(c.Name)}
		}),
		ResourceInfo: mapList(d.ResourceInfo, func(r alicloud.DSCResourceInfo) resourceInfoModel {
			return resourceInfoModel{Label: types.StringPointerValue(r.Label), Value: types.StringPointerValue(r.Value)}
		}),
		Chart: mapList(d.Chart, chartFromAPI),
	}
}

func chartFromAPI(c alicloud.DSCChart) chartModel {
	m := chartModel{
		Name:     types.StringPointerValue(c.Name),
		Label:    types.StringPointerValue(c.Label),
		Type:     types.StringPointerValue(c.Type),
		ChatType: types.Int64PointerValue(c.ChatType),
		XLabel:   types.StringPointerValue(c.XLabel),
		YLabel:   types.StringPointerValue(c.YLabel),
		ZLabel:   types.StringPointerValue(c.ZLabel),
	}
	if c.Data != nil {
		m.Data = &chartDataModel{X: c.Data.X, Y: c.Data.Y, Z: c.Data.Z}
	}
	return m
}
