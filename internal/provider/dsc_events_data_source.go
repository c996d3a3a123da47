package provider

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/alisec/terraform-provider-alisec/internal/alicloud"
)

var (
	_ datasource.DataSourceWithConfigure      = (*dscEventsDataSource)(nil)
	_ datasource.DataSourceWithValidateConfig = (*dscEventsDataSource)(nil)
)

// NewDSCEventsDataSource returns the alisec_dsc_events data source.
func NewDSCEventsDataSource() datasource.DataSource {
	return &dscEventsDataSource{dataSource[dscEventsModel]{
		target: dscEventsTarget, schema: dscEventsSchema, fetch: fetchDSCEvents,
	}}
}

type dscEventsDataSource struct {
	dataSource[dscEventsModel]
}

type dscEventsModel struct {
	StartTime     types.String           `tfsdk:"start_time"`
	EndTime       types.String           `tfsdk:"end_time"`
	Status        types.Number           `tfsdk:"status"` // whole: see optionalWholeNumber
	TypeCode      types.String           `tfsdk:"type_code"`
	SubTypeCode   types.String           `tfsdk:"sub_type_code"`
	ProductCode   types.String           `tfsdk:"product_code"`
	WarnLevel     types.Number           `tfsdk:"warn_level"`
	UserName      types.String           `tfsdk:"user_name"`
	InstanceName  types.String           `tfsdk:"instance_name"`
	Lang          types.String           `tfsdk:"lang"`
	RegionID      types.String           `tfsdk:"region_id"`
	MaxResults    types.Number           `tfsdk:"max_results"`
	ID            types.String           `tfsdk:"id"`
	TotalCount    types.Int64            `tfsdk:"total_count"`
	Truncated     types.Bool             `tfsdk:"truncated"`
	CountsByLevel map[string]int64       `tfsdk:"counts_by_level"`
	IDs           []string               `tfsdk:"ids"`
	Events        []dscEventSummaryModel `tfsdk:"events"`
}

type dscEventSummaryModel struct {
	ID                types.Int64  `tfsdk:"id"`
	AlertTime         types.Int64  `tfsdk:"alert_time"`
	AlertTimeRFC3339  types.String `tfsdk:"alert_time_rfc3339"`
	Backed            types.Bool   `tfsdk:"backed"`
	DealDisplayName   types.String `tfsdk:"deal_display_name"`
	DealLoginName     types.String `tfsdk:"deal_login_name"`
	DealTime          types.Int64  `tfsdk:"deal_time"`
	DealTimeRFC3339   types.String `tfsdk:"deal_time_rfc3339"`
	DealUserID        types.Int64  `tfsdk:"deal_user_id"`
	DisplayName       types.String `tfsdk:"display_name"`
	EventTime         types.Int64  `tfsdk:"event_time"`
	EventTimeRFC3339  types.String `tfsdk:"event_time_rfc3339"`
	LoginName         types.String `tfsdk:"login_name"`
	ProductCode       types.String `tfsdk:"product_code"`
	Status            types.Int64  `tfsdk:"status"`
	StatusName        types.String `tfsdk:"status_name"`
	SubTypeCode       types.String `tfsdk:"sub_type_code"`
	SubTypeName       types.String `tfsdk:"sub_type_name"`
	TargetProductCode types.String `tfsdk:"target_product_code"`
	TypeCode          types.String `tfsdk:"type_code"`
	TypeName          types.String `tfsdk:"type_name"`
	UserID            types.Int64  `tfsdk:"user_id"`
	WarnLevel         types.Int64  `tfsdk:"warn_level"`
}

var dscEventsTarget = readTarget{
	name:   "dsc_events",
	action: alicloud.DSCEventsAction,
}

func (d *dscEventsDataSource) ValidateConfig(ctx context.Context, req datasource.ValidateConfigRequest, resp *datasource.ValidateConfigResponse) {
	var config dscEventsModel
	resp.Diagnostics.Append(getConfig(ctx, req.Config, &config)...)
	validateTimeRange(config.StartTime, config.EndTime, &resp.Diagnostics)
}

func fetchDSCEvents(ctx context.Context, client *alicloud.Client, config dscEventsModel, diags *diag.Diagnostics) (*dscEventsModel, error) {
	start, end := timeRange(config.StartTime, config.EndTime, diags)
	if diags.HasError() {
		return nil, nil
	}
	list, err := client.DescribeEvents(ctx, alicloud.DSCEventsInput{
		StartTime:    start,
		EndTime:      end,
		Status:       wholeNumber(config.Status),
		TypeCode:     config.TypeCode.ValueString(),
		SubTypeCode:  config.SubTypeCode.ValueString(),
		ProductCode:  config.ProductCode.ValueString(),
		WarnLevel:    wholeNumber(config.WarnLevel),
		UserName:     config.UserName.ValueString(),
		InstanceName: config.InstanceName.ValueString(),
		Lang:         config.Lang.ValueString(),
		RegionID:     config.RegionID.ValueString(),
		MaxResults:   maxResults(config.MaxResults),
	})
	if err != nil {
		return nil, err
	}
	state := config
	state.RegionID = types.StringValue(list.RegionID)
	state.ID = types.StringValue(fmt.Sprintf("%d-%d", start, end))
	state.TotalCount = types.Int64PointerValue(list.TotalCount)
	ids := make([]string, 0, len(list.Events))
	for _, e := range list.Events {
		if e.ID != nil {
			ids = append(ids, strconv.FormatInt(*e.ID, 10))
		}
	}
	state.IDs = ids
	state.Events = mapList(list.Events, dscEventSummaryFromAPI)
	state.Truncated = types.BoolValue(truncated(state.TotalCount, len(state.Events)))
	state.CountsByLevel = countByLevel(state.Events, dscLevels, dscEventLevel)
	addQuietWindowWarnings(diags, start, end, len(state.Events), time.Now())
	addDecodeWarnings(diags, list.Warnings, dscListItems.fieldPaths(list.Warnings))
	return &state, nil
}

func dscEventSummaryFromAPI(e alicloud.DSCEventSummary) dscEventSummaryModel {
	m := dscEventSummaryModel{
		ID:                types.Int64PointerValue(e.ID),
		Backed:            types.BoolPointerValue(e.Backed),
		DealDisplayName:   types.StringPointerValue(e.DealDisplayName),
		DealLoginName:     types.StringPointerValue(e.DealLoginName),
		DealUserID:        types.Int64PointerValue(e.DealUserID),
		DisplayName:       types.StringPointerValue(e.DisplayName),
		LoginName:         types.StringPointerValue(e.LoginName),
		ProductCode:       types.StringPointerValue(e.ProductCode),
		Status:            types.Int64PointerValue(e.Status),
		StatusName:        types.StringPointerValue(e.StatusName),
		SubTypeCode:       types.StringPointerValue(e.SubTypeCode),
		SubTypeName:       types.StringPointerValue(e.SubTypeName),
		TargetProductCode: types.StringPointerValue(e.TargetProductCode),
		TypeCode:          types.StringPointerValue(e.TypeCode),
		TypeName:          types.StringPointerValue(e.TypeName),
		UserID:            types.Int64PointerValue(e.UserID),
		WarnLevel:         types.Int64PointerValue(e.WarnLevel),
	}
	m.AlertTime, m.AlertTimeRFC3339 = unixMillis(e.AlertTime)
	m.DealTime, m.DealTimeRFC3339 = unixMillis(e.DealTime)
	m.EventTime, m.EventTimeRFC3339 = unixMillis(e.EventTime)
	return m
}

func dscEventsSchema() schema.Schema {
	optionalString := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{Optional: true, MarkdownDescription: desc}
	}
	optionalTime := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{Optional: true, MarkdownDescription: desc, Validators: []validator.String{timeValidator()}}
	}
	return schema.Schema{
		MarkdownDescription: "Lists Data Security Center anomalous activities with `DescribeEvents` (Sddp 2019-01-03), paging through all " +
			"results itself. Needs the RAM action `yundun-sddp:DescribeEvents`. Only the list fields are read: feed `ids` to " +
			"`alisec_dsc_event` with `for_each` for the details. Unset filters are not sent.",
		Attributes: map[string]schema.Attribute{
			"start_time": optionalTime("Start of the time range, sent as `StartTime` in Unix milliseconds. RFC 3339 (`2026-01-02T15:04:05Z`), " +
				"Unix seconds (`\"1767366245\"`) or Unix milliseconds (`\"1767366245000\"`, the unit of `events[*].event_time`, which can be passed back); " +
				"a number below 100000000000 is seconds. The API reference describes it as the time the anomalous activity occurred, the start " +
				"of the detection; it names no field, so whether the range is compared with `event_time` or `alert_time` is not documented, nor " +
				"whether the bounds are inclusive. Unset: not sent. " + windowInFutureNote),
			"end_time": optionalTime("End of the time range, after `start_time`, sent as `EndTime` in Unix milliseconds: the same forms as " +
				"`start_time`. The API reference calls it the time the detection of the activity ended; whether an activity at exactly this " +
				"time is listed is not documented. Unset: not sent. " + windowBeforeRetentionNote),
			"status": optionalWholeNumber("Only activities in this handling status: `0` unhandled, `1` confirmed, `2` dismissed.",
				wholeNumberValidator{summary: "Invalid Status", min: 0, max: 2, fix: "Write 0 (unhandled), 1 (confirmed) or 2 (dismissed)."}),
			"type_code": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "Only this activity type (`TypeCode`): `01` anomalous permission access, `02` anomalous data flow, " +
					"`03` anomalous data operation. Checked at plan time: the API matches the text exactly, so `2` would match nothing.",
				Validators: []validator.String{typeCodeValidator()},
			},
			"sub_type_code": optionalString("Only this activity subtype (`SubTypeCode`), such as `020008`."),
			"product_code": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "Only activities in this product (`ProductCode`): `MaxCompute`, `OSS`, `ADS`, `OTS`, `RDS` and others. " +
					"The API matches the code exactly, so a value that differs from one of these only in case (`oss`, `maxcompute`) is an " +
					"error at plan time: it is known to match no activity, and an alert or CI gate would take the empty list for \"no " +
					"activity\", a false all-clear.",
				Validators: []validator.String{productCodeValidator()},
			},
			"warn_level": optionalWholeNumber("Only activities of this risk level (`WarnLevel`): `1` low, `2` medium, `3` high.",
				wholeNumberValidator{summary: "Invalid Warn Level", min: 1, max: 3, fix: "Write 1 (low), 2 (medium) or 3 (high)."}),
			"user_name":     optionalString("Only activities of this RAM user name (`UserName`)."),
			"instance_name": optionalString("Only activities in this data asset instance (`InstanceName`)."),
			"lang": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Language of the answer's text: `zh` or `en` (sent as `zh_cn` / `en_us`). Unset: the API's default.",
				Validators:          []validator.String{stringvalidator.OneOf("zh", "en")},
			},
			"region_id": dscRegionIDAttribute(),
			"max_results": maxResultsAttribute("Stop after this many activities: the first ones in the order the API sends them, which its " +
				"reference does not document (so which activities are kept is the API's choice). Default: all of them. `total_count` counts " +
				"them all either way."),
			"id":          computedString("`<start ms>-<end ms>` of the range asked (0 for an open end)."),
			"total_count": computedInt64("Number of matching activities (`TotalCount`), even when `max_results` returns fewer."),
			"truncated":   truncatedAttribute(),
			"counts_by_level": countsByLevelAttribute("`low`, `medium` and `high` for `warn_level` 1, 2 and 3 " +
				"(the names `provider::alisec::severity_rank` gives them)"),
			"ids": computedStrings("IDs of the returned activities as strings, in the order the API sent them (undocumented): the `event_id`s for `alisec_dsc_event`."),
			"events": schema.ListNestedAttribute{
				Computed:            true,
				MarkdownDescription: "The activities (`Items`), in the order the API sent them; its reference documents no order.",
				NestedObject:        schema.NestedAttributeObject{Attributes: dscEventSummaryAttributes()},
			},
		},
	}
}

func dscEventSummaryAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"id":                  computedInt64("Unique ID of the activity (`Id`)."),
		"alert_time":          computedInt64("When the alert was raised (`AlertTime`), Unix milliseconds."),
		"alert_time_rfc3339":  computedString("`alert_time` in RFC 3339, UTC."),
		"backed":              computedBool("Whether enhanced detection found the activity (`Backed`)."),
		"deal_display_name":   computedString("Display name of the account that handled the activity (`DealDisplayName`)."),
		"deal_login_name":     computedString("Logon name of the account that handled the activity (`DealLoginName`)."),
		"deal_time":           computedInt64("When the activity was handled (`DealTime`), Unix milliseconds."),
		"deal_time_rfc3339":   computedString("`deal_time` in RFC 3339, UTC."),
		"deal_user_id":        computedInt64("ID of the account that handled the activity (`DealUserId`)."),
		"display_name":        computedString("Display name of the account that performed the operation (`DisplayName`)."),
		"event_time":          computedInt64("When the activity occurred (`EventTime`), Unix milliseconds."),
		"event_time_rfc3339":  computedString("`event_time` in RFC 3339, UTC."),
		"login_name":          computedString("Name of the account that performed the operation (`LoginName`)."),
		"product_code":        computedString("Product in which the activity was detected (`ProductCode`)."),
		"status":              computedInt64("Handling status (`Status`): `0` unhandled, `1` confirmed, `2` dismissed."),
		"status_name":         computedString("Name of the handling status (`StatusName`)."),
		"sub_type_code":       computedString("Code of the activity subtype (`SubTypeCode`)."),
		"sub_type_name":       computedString("Name of the activity subtype (`SubTypeName`)."),
		"target_product_code": computedString("Destination product of an anomalous data flow (`TargetProductCode`)."),
		"type_code":           computedString("Code of the activity type (`TypeCode`): `01`, `02` or `03`."),
		"type_name":           computedString("Name of the activity type (`TypeName`)."),
		"user_id":             computedInt64("ID of the account that performed the operation (`UserId`)."),
		"warn_level":          computedInt64("Risk level (`WarnLevel`): `1` low, `2` medium, `3` high."),
	}
}
