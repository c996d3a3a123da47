package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/alisec/terraform-provider-alisec/internal/alicloud"
	"github.com/alisec/terraform-provider-alisec/internal/products"
)

var _ datasource.DataSourceWithConfigure = (*wafThreatEventDataSource)(nil)

// NewWAFThreatEventDataSource returns the alisec_waf_threat_event data source.
func NewWAFThreatEventDataSource() datasource.DataSource {
	return &wafThreatEventDataSource{dataSource[wafThreatEventModel]{
		target: wafThreatEventTarget, schema: wafThreatEventSchema, fetch: fetchWAFThreatEvent,
	}}
}

type wafThreatEventDataSource struct {
	dataSource[wafThreatEventModel]
}

type wafThreatEventModel struct {
	InstanceID            types.String         `tfsdk:"instance_id"`
	EventID               types.String         `tfsdk:"event_id"`
	RegionID              types.String         `tfsdk:"region_id"`
	ResourceGroupID       types.String         `tfsdk:"resource_group_id"`
	ID                    types.String         `tfsdk:"id"`
	RequestID             types.String         `tfsdk:"request_id"`
	EventLevel            types.String         `tfsdk:"event_level"`
	EventTag              types.String         `tfsdk:"event_tag"`
	EventSuggest          types.String         `tfsdk:"event_suggest"`
	EventSrc              types.String         `tfsdk:"event_src"`
	EventSrcRegion        types.String         `tfsdk:"event_src_region"`
	EventSrcCountry       types.String         `tfsdk:"event_src_country"`
	EventBlock            types.Int64          `tfsdk:"event_block"`
	EventCnt              types.Int64          `tfsdk:"event_cnt"`
	IsPersistent          types.Bool           `tfsdk:"is_persistent"`
	EndTime               types.Int64          `tfsdk:"end_time"`
	EndTimeRFC3339        types.String         `tfsdk:"end_time_rfc3339"`
	EventIntelligenceJSON types.String         `tfsdk:"event_intelligence_json"`
	EventIntelligence     []string             `tfsdk:"event_intelligence"`
	EventConditionJSON    types.String         `tfsdk:"event_condition_json"`
	EventCondition        *eventConditionModel `tfsdk:"event_condition"`
}

type eventConditionModel struct {
	StartTime        types.Int64  `tfsdk:"start_time"`
	StartTimeRFC3339 types.String `tfsdk:"start_time_rfc3339"`
	EndTime          types.Int64  `tfsdk:"end_time"`
	EndTimeRFC3339   types.String `tfsdk:"end_time_rfc3339"`
	RealClientIPs    []string     `tfsdk:"real_client_ips"`
}

var wafThreatEventTarget = readTarget{
	name:   "waf_threat_event",
	action: alicloud.WAFThreatEventAction,
}

func fetchWAFThreatEvent(ctx context.Context, client *alicloud.Client, config wafThreatEventModel, diags *diag.Diagnostics) (*wafThreatEventModel, error) {
	ctx = tflog.SetField(ctx, "event_id", config.EventID.ValueString())
	detail, err := client.DescribeThreatEventDetail(ctx, alicloud.ThreatEventInput{
		InstanceID:      config.InstanceID.ValueString(),
		EventID:         config.EventID.ValueString(),
		RegionID:        config.RegionID.ValueString(),
		ResourceGroupID: config.ResourceGroupID.ValueString(),
	})
	if err != nil {
		return nil, err
	}
	state := wafThreatEventFromAPI(config, detail)
	addDecodeWarnings(diags, detail.Warnings, wafFieldPaths)
	addInstanceNotVerified(diags, detail.InstanceNotVerified)
	return &state, nil
}

// wafFieldPaths points decode warnings at the attribute they affect.
var wafFieldPaths = map[string]path.Path{
	"ThreatEventDetail.EventLevel":        path.Root("event_level"),
	"ThreatEventDetail.EventTag":          path.Root("event_tag"),
	"ThreatEventDetail.EventSuggest":      path.Root("event_suggest"),
	"ThreatEventDetail.EventSrc":          path.Root("event_src"),
	"ThreatEventDetail.EventSrcRegion":    path.Root("event_src_region"),
	"ThreatEventDetail.EventSrcCountry":   path.Root("event_src_country"),
	"ThreatEventDetail.EventBlock":        path.Root("event_block"),
	"ThreatEventDetail.EventCnt":          path.Root("event_cnt"),
	"ThreatEventDetail.IsPersistent":      path.Root("is_persistent"),
	"ThreatEventDetail.EndTime":           path.Root("end_time"),
	"ThreatEventDetail.EventIntelligence": path.Root("event_intelligence"),
	"ThreatEventDetail.EventCondition":    path.Root("event_condition"),
}

// wafThreatEventFromAPI keeps the configured arguments and fills in
// everything the API answered.
func wafThreatEventFromAPI(config wafThreatEventModel, d *alicloud.ThreatEventDetail) wafThreatEventModel {
	m := config
	m.RegionID = types.StringValue(d.RegionID)
	m.ID = types.StringValue(config.InstanceID.ValueString() + ":" + config.EventID.ValueString())
	m.RequestID = types.StringPointerValue(d.RequestID)
	m.EventLevel = types.StringPointerValue(d.EventLevel)
	m.EventTag = types.StringPointerValue(d.EventTag)
	m.EventSuggest = types.StringPointerValue(d.EventSuggest)
	m.EventSrc = types.StringPointerValue(d.EventSrc)
	m.EventSrcRegion = types.StringPointerValue(d.EventSrcRegion)
	m.EventSrcCountry = types.StringPointerValue(d.EventSrcCountry)
	m.EventBlock = types.Int64PointerValue(d.EventBlock)
	m.EventCnt = types.Int64PointerValue(d.EventCnt)
	m.IsPersistent = types.BoolPointerValue(d.IsPersistent)
	m.EndTime, m.EndTimeRFC3339 = unixMillis(d.EndTime)
	m.EventIntelligenceJSON = types.StringPointerValue(d.EventIntelligence)
	m.EventIntelligence = d.EventIntelligenceList
	m.EventConditionJSON = types.StringPointerValue(d.EventCondition)
	if c := d.EventConditionParsed; c != nil {
		m.EventCondition = &eventConditionModel{RealClientIPs: c.RealClientIPs}
		m.EventCondition.StartTime, m.EventCondition.StartTimeRFC3339 = unixMillis(c.StartTime)
		m.EventCondition.EndTime, m.EventCondition.EndTimeRFC3339 = unixMillis(c.EndTime)
	}
	return m
}

func wafThreatEventSchema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "Reads one Web Application Firewall 3.0 security event with `DescribeThreatEventDetail` " +
			"(API version 2021-10-01). Needs the RAM action `yundun-waf:DescribeThreatEventDetail`, and `yundun-waf:DescribeInstance` to check first that `instance_id` is the account's " +
			"WAF instance in the region: WAF answers an unknown instance with no event rather than an error (without that permission the read goes on, with a warning). " +
			"Timestamps are Unix milliseconds with an RFC 3339 (UTC) twin; values the API did not send are null.",
		Attributes: map[string]schema.Attribute{
			"instance_id": schema.StringAttribute{
				Required:            true,
				MarkdownDescription: "ID of the WAF instance (`waf_v2_public_cn-...`), as returned by `DescribeInstance`.",
				Validators:          []validator.String{notBlankValidator()},
			},
			"event_id": schema.StringAttribute{
				Required:            true,
				MarkdownDescription: "ID of the security event, as shown in the WAF console or returned by `DescribeThreatEvent`.",
				Validators:          []validator.String{notBlankValidator()},
			},
			"region_id": schema.StringAttribute{
				Optional: true, Computed: true,
				MarkdownDescription: "Region of the WAF instance: `cn-hangzhou` (Chinese mainland) or `ap-southeast-1` (outside the Chinese mainland). " +
					"Default: the provider `region` if it is one of them, else `cn-hangzhou` for `cn-*` regions other than `cn-hongkong`, and `ap-southeast-1` for the rest.",
				Validators: []validator.String{stringvalidator.OneOf(products.WAF.Regions...)},
			},
			"resource_group_id": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "ID of the Alibaba Cloud resource group of the instance (`rg-...`), sent as `ResourceManagerResourceGroupId`.",
			},
			"id":          computedString("`<instance_id>:<event_id>`."),
			"request_id":  computedString("ID of the API request that read the event (`RequestId`), for support tickets."),
			"event_level": computedString("Severity of the event (`EventLevel`): `critical`, `high`, `medium` or `low`."),
			"event_tag": computedString("Name of the event (`EventTag`): `MultipleDomainDirscan` (directory and file scan of several domains), " +
				"`SingleDomainDirscan` (of one domain), `MultipleDomainWebscan` (web vulnerability scan of several domains), " +
				"`SingleDomainWebscan` (of one domain), `MultipleDomainWebattack` (web vulnerability attack on several domains), " +
				"`SingleDomainWebattack` (on one domain), `SingleURLWebattack` (on one URL), `SingleURLSqlattack` (SQL injection on one URL), " +
				"`SingleURLXssattack` (cross-site scripting on one URL), `WebshellUpload` (attempt to upload a backdoor) or " +
				"`RandomVulnTest` (random vulnerability probe)."),
			"event_suggest": computedString("Suggested response (`EventSuggest`): `ProtectInterface` (the target looks like a management address: " +
				"restrict it with custom access rules), `BlockArea` (block the source region if it is not one you serve), " +
				"`SwitchBlock` (the rule is in Alert mode: switch it to Block), `FixBug` (check the target for vulnerabilities and fix them), " +
				"`SwitchStrict` (switch protection rules and scan protection to a stricter mode), `ProtectFile` (protect sensitive files and paths), " +
				"`BlockIP` (the source IP is highly malicious: blacklist it) or `KeepConcerned` (no threat found: keep monitoring)."),
			"event_src":         computedString("A source IP address of the attack (`EventSrc`); an event may have several, the API returns one."),
			"event_src_region":  computedString("Region of the source IP address (`EventSrcRegion`), such as `GB-ENG`."),
			"event_src_country": computedString("Country of the source IP address (`EventSrcCountry`), such as `GB`."),
			"event_block": schema.Int64Attribute{Computed: true,
				MarkdownDescription: "Number of blocked attacks (`EventBlock`, sent by the API as a string)."},
			"event_cnt": schema.Int64Attribute{Computed: true,
				MarkdownDescription: "Total number of attacks (`EventCnt`, sent by the API as a string)."},
			"is_persistent": schema.BoolAttribute{Computed: true,
				MarkdownDescription: "Whether the attack is persistent (`IsPersistent`: 1 is `true`, 0 is `false`)."},
			"end_time": schema.Int64Attribute{Computed: true,
				MarkdownDescription: "Time of the most recent attack (`EndTime`), Unix milliseconds. The API documents seconds but sends milliseconds; both are accepted."},
			"end_time_rfc3339":        computedString("`end_time` in RFC 3339, UTC (`2025-06-14T16:00:00Z`)."),
			"event_intelligence_json": computedString("Threat intelligence of the event (`EventIntelligence`), verbatim: a JSON array as a string."),
			"event_intelligence": schema.ListAttribute{Computed: true, ElementType: types.StringType,
				MarkdownDescription: "`event_intelligence_json` decoded, such as `[\"CVE-2020-14882\", \"DDoS Attack\"]`. Null, with a warning, if that JSON is malformed."},
			"event_condition_json": computedString("Log filter of the event (`EventCondition`), verbatim: a JSON object as a string. " +
				"Keys not decoded into `event_condition` are reachable with `jsondecode`."),
			"event_condition": schema.SingleNestedAttribute{
				Computed:            true,
				MarkdownDescription: "`event_condition_json` decoded. Null, with a warning, if that JSON is malformed.",
				Attributes: map[string]schema.Attribute{
					"start_time": schema.Int64Attribute{Computed: true,
						MarkdownDescription: "Start of the log window (`start_ts`, sent in seconds), Unix milliseconds."},
					"start_time_rfc3339": computedString("`start_time` in RFC 3339, UTC."),
					"end_time": schema.Int64Attribute{Computed: true,
						MarkdownDescription: "End of the log window (`end_ts`, sent in seconds), Unix milliseconds."},
					"end_time_rfc3339": computedString("`end_time` in RFC 3339, UTC."),
					"real_client_ips": schema.ListAttribute{Computed: true, ElementType: types.StringType,
						MarkdownDescription: "Client IP addresses of the attack (`condition.real_client_ip`)."},
				},
			},
		},
	}
}
