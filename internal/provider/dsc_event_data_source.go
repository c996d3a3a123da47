package provider

import (
	"context"
	"strconv"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/alisec/terraform-provider-alisec/internal/alicloud"
)

var _ datasource.DataSourceWithConfigure = (*dscEventDataSource)(nil)

// NewDSCEventDataSource returns the alisec_dsc_event data source.
func NewDSCEventDataSource() datasource.DataSource { return &dscEventDataSource{} }

type dscEventDataSource struct {
	data *providerData
}

type dscEventModel struct {
	EventID          types.Int64  `tfsdk:"event_id"`
	Lang             types.String `tfsdk:"lang"`
	ID               types.String `tfsdk:"id"`
	RequestID        types.String `tfsdk:"request_id"`
	DisplayName      types.String `tfsdk:"display_name"`
	LoginName        types.String `tfsdk:"login_name"`
	UserID           types.Int64  `tfsdk:"user_id"`
	Status           types.Int64  `tfsdk:"status"`
	StatusName       types.String `tfsdk:"status_name"`
	DealReason       types.String `tfsdk:"deal_reason"`
	DealLoginName    types.String `tfsdk:"deal_login_name"`
	DealDisplayName  types.String `tfsdk:"deal_display_name"`
	DealUserID       types.Int64  `tfsdk:"deal_user_id"`
	DealTime         types.Int64  `tfsdk:"deal_time"`
	DealTimeRFC3339  types.String `tfsdk:"deal_time_rfc3339"`
	EventTime        types.Int64  `tfsdk:"event_time"`
	EventTimeRFC3339 types.String `tfsdk:"event_time_rfc3339"`
	AlertTime        types.Int64  `tfsdk:"alert_time"`
	AlertTimeRFC3339 types.String `tfsdk:"alert_time_rfc3339"`
	TypeCode         types.String `tfsdk:"type_code"`
	TypeName         types.String `tfsdk:"type_name"`
	SubTypeCode      types.String `tfsdk:"sub_type_code"`
	SubTypeName      types.String `tfsdk:"sub_type_name"`
	ProductCode      types.String `tfsdk:"product_code"`
	DataInstance     types.String `tfsdk:"data_instance"`
	Backed           types.Bool   `tfsdk:"backed"`
	NewAlarm         types.Bool   `tfsdk:"new_alarm"`
	LogDetailJSON    types.String `tfsdk:"log_detail_json"`
	HandleInfoList   types.List   `tfsdk:"handle_info_list"`
	Detail           types.Object `tfsdk:"detail"`
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

func handleInfoAttrTypes() map[string]attr.Type {
	return map[string]attr.Type{
		"id": types.Int64Type, "status": types.Int64Type, "handler_name": types.StringType,
		"handler_type": types.StringType, "handler_value": types.Int64Type, "current_value": types.StringType,
		"enable_time": types.Int64Type, "enable_time_rfc3339": types.StringType,
		"disable_time": types.Int64Type, "disable_time_rfc3339": types.StringType,
	}
}

type detailModel struct {
	Content      types.List `tfsdk:"content"`
	Chart        types.List `tfsdk:"chart"`
	ResourceInfo types.List `tfsdk:"resource_info"`
}

func detailAttrTypes() map[string]attr.Type {
	return map[string]attr.Type{
		"content":       types.ListType{ElemType: types.ObjectType{AttrTypes: contentAttrTypes()}},
		"chart":         types.ListType{ElemType: types.ObjectType{AttrTypes: chartAttrTypes()}},
		"resource_info": types.ListType{ElemType: types.ObjectType{AttrTypes: resourceInfoAttrTypes()}},
	}
}

type contentModel struct {
	Label types.String `tfsdk:"label"`
	Value types.String `tfsdk:"value"`
	Name  types.String `tfsdk:"name"`
}

func contentAttrTypes() map[string]attr.Type {
	return map[string]attr.Type{"label": types.StringType, "value": types.StringType, "name": types.StringType}
}

type resourceInfoModel struct {
	Label types.String `tfsdk:"label"`
	Value types.String `tfsdk:"value"`
}

func resourceInfoAttrTypes() map[string]attr.Type {
	return map[string]attr.Type{"label": types.StringType, "value": types.StringType}
}

type chartModel struct {
	Name     types.String `tfsdk:"name"`
	Label    types.String `tfsdk:"label"`
	Type     types.String `tfsdk:"type"`
	ChatType types.Int64  `tfsdk:"chat_type"`
	XLabel   types.String `tfsdk:"x_label"`
	YLabel   types.String `tfsdk:"y_label"`
	ZLabel   types.String `tfsdk:"z_label"`
	Data     types.Object `tfsdk:"data"`
}

func chartAttrTypes() map[string]attr.Type {
	return map[string]attr.Type{
		"name": types.StringType, "label": types.StringType, "type": types.StringType, "chat_type": types.Int64Type,
		"x_label": types.StringType, "y_label": types.StringType, "z_label": types.StringType,
		"data": types.ObjectType{AttrTypes: chartDataAttrTypes()},
	}
}

func chartDataAttrTypes() map[string]attr.Type {
	list := types.ListType{ElemType: types.StringType}
	return map[string]attr.Type{"x": list, "y": list, "z": list}
}

var dscEventTarget = readTarget{
	summary:   "Error Reading DSC Event",
	action:    alicloud.DSCEventAction,
	ramAction: alicloud.DSCEventRAMAction,
}

func (d *dscEventDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_dsc_event"
}

func (d *dscEventDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *dscEventDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = dscEventSchema()
}

func (d *dscEventDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var config dscEventModel
	resp.Diagnostics.Append(getConfig(ctx, req.Config, &config)...)
	client := clientFrom(d.data, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx = tflog.SetField(ctx, "event_id", config.EventID.ValueInt64())

	event, err := client.DescribeEventDetail(ctx, alicloud.DSCEventInput{
		ID:   config.EventID.ValueInt64(),
		Lang: config.Lang.ValueString(),
	})
	if err != nil {
		addReadError(&resp.Diagnostics, dscEventTarget, err)
		return
	}
	state := dscEventFromAPI(config, event, &resp.Diagnostics)
	addDecodeWarnings(&resp.Diagnostics, event.Warnings, dscFieldPaths)
	resp.Diagnostics.Append(setState(ctx, &resp.State, &state)...)
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
func dscEventFromAPI(config dscEventModel, e *alicloud.DSCEvent, diags *diag.Diagnostics) dscEventModel {
	m := config
	m.ID = types.StringValue(strconv.FormatInt(config.EventID.ValueInt64(), 10))
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
	m.HandleInfoList = objectList(handleInfoAttrTypes(), e.HandleInfoList, handleInfoFromAPI, diags)
	m.Detail = detailFromAPI(e.Detail, diags)
	return m
}

func handleInfoFromAPI(h alicloud.HandleInfo) any {
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

func detailFromAPI(d *alicloud.DSCEventDetail, diags *diag.Diagnostics) types.Object {
	if d == nil {
		return types.ObjectNull(detailAttrTypes())
	}
	m := detailModel{
		Content: objectList(contentAttrTypes(), d.Content, func(c alicloud.DSCContent) any {
			return contentModel{Label: types.StringPointerValue(c.Label), Value: types.StringPointerValue(c.Value), Name: types.StringPointerValue(c.Name)}
		}, diags),
		ResourceInfo: objectList(resourceInfoAttrTypes(), d.ResourceInfo, func(r alicloud.DSCResourceInfo) any {
			return resourceInfoModel{Label: types.StringPointerValue(r.Label), Value: types.StringPointerValue(r.Value)}
		}, diags),
		Chart: objectList(chartAttrTypes(), d.Chart, func(c alicloud.DSCChart) any {
			return chartFromAPI(c, diags)
		}, diags),
	}
	obj, objDiags := objectFrom(detailAttrTypes(), m)
	diags.Append(objDiags...)
	return obj
}

func chartFromAPI(c alicloud.DSCChart, diags *diag.Diagnostics) chartModel {
	m := chartModel{
		Name:     types.StringPointerValue(c.Name),
		Label:    types.StringPointerValue(c.Label),
		Type:     types.StringPointerValue(c.Type),
		ChatType: types.Int64PointerValue(c.ChatType),
		XLabel:   types.StringPointerValue(c.XLabel),
		YLabel:   types.StringPointerValue(c.YLabel),
		ZLabel:   types.StringPointerValue(c.ZLabel),
		Data:     types.ObjectNull(chartDataAttrTypes()),
	}
	if c.Data != nil {
		data, d := types.ObjectValue(chartDataAttrTypes(), map[string]attr.Value{
			"x": stringList(c.Data.X), "y": stringList(c.Data.Y), "z": stringList(c.Data.Z),
		})
		diags.Append(d...)
		m.Data = data
	}
	return m
}
