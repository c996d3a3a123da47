package provider

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/alisec/terraform-provider-alisec/internal/alicloud"
	"github.com/alisec/terraform-provider-alisec/internal/products"
)

var (
	_ datasource.DataSourceWithConfigure      = (*wafThreatEventsDataSource)(nil)
	_ datasource.DataSourceWithValidateConfig = (*wafThreatEventsDataSource)(nil)
)

// NewWAFThreatEventsDataSource returns the alisec_waf_threat_events data source.
func NewWAFThreatEventsDataSource() datasource.DataSource {
	return &wafThreatEventsDataSource{dataSource[wafThreatEventsModel]{
		target: wafThreatEventsTarget, schema: wafThreatEventsSchema, fetch: fetchWAFThreatEvents,
	}}
}

type wafThreatEventsDataSource struct {
	dataSource[wafThreatEventsModel]
}

type wafThreatEventsModel struct {
	InstanceID      types.String                 `tfsdk:"instance_id"`
	StartTime       types.String                 `tfsdk:"start_time"`
	EndTime         types.String                 `tfsdk:"end_time"`
	DomainName      types.String                 `tfsdk:"domain_name"`
	RegionID        types.String                 `tfsdk:"region_id"`
	ResourceGroupID types.String                 `tfsdk:"resource_group_id"`
	MaxResults      types.Number                 `tfsdk:"max_results"` // whole: see maxResultsAttribute
	ID              types.String                 `tfsdk:"id"`
	TotalCount      types.Int64                  `tfsdk:"total_count"`
	Truncated       types.Bool                   `tfsdk:"truncated"`
	CountsByLevel   map[string]int64             `tfsdk:"counts_by_level"`
	IDs             []string                     `tfsdk:"ids"`
	Events          []wafThreatEventSummaryModel `tfsdk:"events"`
}

type wafThreatEventSummaryModel struct {
	EventID        types.String `tfsdk:"event_id"`
	EventLevel     types.String `tfsdk:"event_level"`
	EventSrc       types.String `tfsdk:"event_src"`
	EventTag       types.String `tfsdk:"event_tag"`
	EventTarget    types.String `tfsdk:"event_target"`
	BlockRate      types.String `tfsdk:"block_rate"`
	EndTime        types.Int64  `tfsdk:"end_time"`
	EndTimeRFC3339 types.String `tfsdk:"end_time_rfc3339"`
}

var wafThreatEventsTarget = readTarget{
	name:   "waf_threat_events",
	action: alicloud.WAFThreatEventsAction,
}

func (d *wafThreatEventsDataSource) ValidateConfig(ctx context.Context, req datasource.ValidateConfigRequest, resp *datasource.ValidateConfigResponse) {
	var config wafThreatEventsModel
	resp.Diagnostics.Append(getConfig(ctx, req.Config, &config)...)
	validateTimeRange(config.StartTime, config.EndTime, &resp.Diagnostics)
}

func fetchWAFThreatEvents(ctx context.Context, client *alicloud.Client, config wafThreatEventsModel, diags *diag.Diagnostics) (*wafThreatEventsModel, error) {
	start, end := timeRange(config.StartTime, config.EndTime, diags)
	if diags.HasError() {
		return nil, nil
	}
	list, err := client.DescribeThreatEvents(ctx, alicloud.ThreatEventsInput{
		InstanceID:      config.InstanceID.ValueString(),
		StartTime:       start,
		EndTime:         end,
		DomainName:      strings.ToLower(config.DomainName.ValueString()),
		RegionID:        config.RegionID.ValueString(),
		ResourceGroupID: config.ResourceGroupID.ValueString(),
		MaxResults:      maxResults(config.MaxResults),
	})
	if err != nil {
		return nil, err
	}
	state := config
	state.RegionID = types.StringValue(list.RegionID)
	state.ID = types.StringValue(fmt.Sprintf("%s:%d-%d", config.InstanceID.ValueString(), start, end))
	state.TotalCount = types.Int64PointerValue(list.TotalCount)
	ids := make([]string, 0, len(list.Events))
	for _, e := range list.Events {
		if e.EventID != nil && *e.EventID != "" {
			ids = append(ids, *e.EventID)
		}
	}
	state.IDs = ids
	state.Events = mapList(list.Events, wafThreatEventSummaryFromAPI)
	state.Truncated = types.BoolValue(truncated(state.TotalCount, len(state.Events)))
	state.CountsByLevel = countByLevel(state.Events, wafLevels, wafEventLevel)
	addQuietWindowWarnings(diags, start, end, len(state.Events), time.Now())
	addDecodeWarnings(diags, list.Warnings, wafListItems.fieldPaths(list.Warnings))
	addInstanceNotVerified(diags, list.InstanceNotVerified)
	addTotalCountContradiction(diags, list.Contradiction)
	return &state, nil
}

func wafThreatEventSummaryFromAPI(e alicloud.ThreatEventSummary) wafThreatEventSummaryModel {
	m := wafThreatEventSummaryModel{
		EventID:     types.StringPointerValue(e.EventID),
		EventLevel:  types.StringPointerValue(e.EventLevel),
		EventSrc:    types.StringPointerValue(e.EventSrc),
		EventTag:    types.StringPointerValue(e.EventTag),
		EventTarget: types.StringPointerValue(e.EventTarget),
		BlockRate:   types.StringPointerValue(e.BlockRate),
	}
	m.EndTime, m.EndTimeRFC3339 = unixMillis(e.EndTime)
	return m
}

func wafThreatEventsSchema() schema.Schema {
	timeArg := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{Required: true, MarkdownDescription: desc, Validators: []validator.String{timeValidator()}}
	}
	return schema.Schema{
		MarkdownDescription: "Lists the WAF 3.0 security events of an instance in a time range with `DescribeThreatEvent` " +
			"(API version 2021-10-01), paging through all results itself. Needs the RAM action `yundun-waf:DescribeThreatEvent`, and `yundun-waf:DescribeInstance` to check first that `instance_id` is the account's " +
			"WAF instance in the region, since WAF lists an unknown instance as having no events (without that permission the read goes on, with a warning). " +
			"Only the list fields are read: feed `ids` to `alisec_waf_threat_event` with `for_each` for the details.",
		Attributes: map[string]schema.Attribute{
			"instance_id": schema.StringAttribute{
				Required:            true,
				MarkdownDescription: "ID of the WAF instance (`waf_v2_public_cn-...`).",
				Validators:          []validator.String{notBlankValidator()},
			},
			"start_time": timeArg("Start of the time range, sent as `StartTime` in Unix milliseconds. RFC 3339 (`2026-01-02T15:04:05Z`), " +
				"Unix seconds (`\"1767366245\"`) or Unix milliseconds (`\"1767366245000\"`, the unit of `events[*].end_time`, which can be passed back); " +
				"a number below 100000000000 is seconds. The API reference calls it the start of the time range to query: it does not say which " +
				"time of an event the range is compared with (the only time a listed event carries is `EndTime`, its last attack), nor whether " +
				"the bounds are inclusive. " + windowInFutureNote),
			"end_time": timeArg("End of the time range, after `start_time`, sent as `EndTime` in Unix milliseconds: the same forms as " +
				"`start_time`. `plantimestamp()` gives \"now\". Whether an event at exactly this time is listed is not documented. " +
				windowBeforeRetentionNote),
			"domain_name": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "Only events of this protected domain name (`DomainName`): a host name only, such as `shop.example.com` " +
					"(a wildcard domain, `*.example.com`, as WAF protects it). A URL (`https://shop.example.com/`), a path, a port or spaces " +
					"are refused at plan time, naming the host to write: WAF matches the name as a whole, so they would match no event and " +
					"the list would read as empty. Whether WAF compares it without regard to case is not documented (its reference says " +
					"only \"the domain name to query\"); DNS names are case-insensitive and WAF keeps protected domains as they were " +
					"added, normally lower case, so the name is sent lower-cased (`Shop.Example.com` asks for `shop.example.com`), while " +
					"`domain_name` keeps the value as written.",
				Validators: []validator.String{domainNameValidator()},
			},
			"region_id": schema.StringAttribute{
				Optional: true, Computed: true,
				MarkdownDescription: "Region of the WAF instance: `cn-hangzhou` or `ap-southeast-1`. Default: derived from the provider `region` as in `alisec_waf_threat_event`.",
				Validators:          []validator.String{stringvalidator.OneOf(products.WAF.Regions...)},
			},
			"resource_group_id": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "ID of the resource group of the instance, sent as `ResourceManagerResourceGroupId`.",
			},
			"max_results": maxResultsAttribute("Stop after this many events: the first ones in the order the API sends them, which its " +
				"reference does not document (so which events are kept is the API's choice). Default: all of them. `total_count` counts them " +
				"all either way."),
			"id": computedString("`<instance_id>:<start ms>-<end ms>`."),
			"total_count": computedInt64("Number of events in the range (`TotalCount`), even when `max_results` returns fewer. WAF's " +
				"references disagree on what `TotalCount` counts (the SDK: every matching event; the API pages: the entries returned), so " +
				"every page is read until a short or empty one, and where `TotalCount` counted only its page, this is the events received " +
				"(with `max_results`, at least that many)."),
			"truncated": truncatedAttribute(),
			"counts_by_level": countsByLevelAttribute("`low`, `medium`, `high` and `critical`, from `event_level` " +
				"(compared without regard to case)"),
			"ids": computedStrings("IDs of the returned events, in the order the API sent them (undocumented): the `event_id`s for `alisec_waf_threat_event`."),
			"events": schema.ListNestedAttribute{
				Computed:            true,
				MarkdownDescription: "The events (`ThreatEvents`), in the order the API sent them; its reference documents no order.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"event_id":         computedString("ID of the event (`EventId`)."),
					"event_level":      computedString("Severity (`EventLevel`): `critical`, `high`, `medium` or `low`."),
					"event_src":        computedString("A source IP address of the attack (`EventSrc`)."),
					"event_tag":        computedString("Name of the event (`EventTag`); see `alisec_waf_threat_event` for the values."),
					"event_target":     computedString("A protected object the attack targeted (`EventTarget`)."),
					"block_rate":       computedString("Share of the attack requests WAF blocked (`BlockRate`), as the API writes it (`100%`)."),
					"end_time":         computedInt64("Time of the most recent attack (`EndTime`), Unix milliseconds."),
					"end_time_rfc3339": computedString("`end_time` in RFC 3339, UTC."),
				}},
			},
		},
	}
}
