package provider

import (
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

func dscEventSchema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "Reads one Data Security Center (DSC, API `Sddp` 2019-01-03) anomalous activity with `DescribeEventDetail`, " +
			"with its handling history and detail charts. Needs the RAM action `yundun-sddp:DescribeEventDetail`. " +
			"Timestamps are Unix milliseconds with an RFC 3339 (UTC) twin; values the API did not send are null.",
		Attributes: map[string]schema.Attribute{
			// A Number, read into the model's Int64: the validator, not the
			// framework, then answers a fraction such as 1.5.
			"event_id": schema.NumberAttribute{
				Required:            true,
				MarkdownDescription: "Unique ID of the anomalous activity (`Id`), as returned by `DescribeEvents`: a whole number, at least 1.",
				Validators: []validator.Number{wholeNumberValidator{
					summary: "Invalid Event ID", min: 1,
					fix: "Use the activity's Id as alisec_dsc_events (ids) or DescribeEvents returns it.",
				}},
			},
			"lang": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Language of the answer's text: `zh` (Chinese) or `en` (English). Unset: not sent, and the API's default applies.",
				Validators:          []validator.String{stringvalidator.OneOf("zh", "en")},
			},
			"region_id":          dscRegionIDAttribute(),
			"id":                 computedString("The event ID as a string."),
			"request_id":         computedString("ID of the API request that read the event (`RequestId`), for support tickets."),
			"display_name":       computedString("Display name of the account that performed the operation (`DisplayName`)."),
			"login_name":         computedString("Name of the account that performed the operation (`LoginName`)."),
			"user_id":            computedInt64("ID of the account that performed the operation (`UserId`); exact beyond 2^53."),
			"status":             computedInt64("Handling status (`Status`): `0` unhandled, `1` confirmed, `2` dismissed."),
			"status_name":        computedString("Name of the handling status (`StatusName`), such as `Pending`."),
			"deal_reason":        computedString("Reason given when the event was handled (`DealReason`)."),
			"deal_login_name":    computedString("Logon name of the account that handled the event (`DealLoginName`)."),
			"deal_display_name":  computedString("Display name of the account that handled the event (`DealDisplayName`)."),
			"deal_user_id":       computedInt64("ID of the account that handled the event (`DealUserId`); exact beyond 2^53."),
			"deal_time":          computedInt64("When the event was handled (`DealTime`), Unix milliseconds."),
			"deal_time_rfc3339":  computedString("`deal_time` in RFC 3339, UTC."),
			"event_time":         computedInt64("When the anomalous activity occurred (`EventTime`), Unix milliseconds."),
			"event_time_rfc3339": computedString("`event_time` in RFC 3339, UTC (`2018-12-26T12:58:49Z`)."),
			"alert_time":         computedInt64("When the alert was raised (`AlertTime`), Unix milliseconds."),
			"alert_time_rfc3339": computedString("`alert_time` in RFC 3339, UTC."),
			"type_code":          computedString("Code of the activity type (`TypeCode`): `01` anomalous permission access, `02` anomalous data flow, `03` anomalous data operation."),
			"type_name":          computedString("Name of the activity type (`TypeName`), matching `type_code`: anomalous permission access (`01`), anomalous data flow (`02`) or anomalous data operation (`03`)."),
			"sub_type_code":      computedString("Code of the activity subtype (`SubTypeCode`), such as `020008`."),
			"sub_type_name":      computedString("Name of the activity subtype (`SubTypeName`), such as \"Anomalous volume of downloaded data\"."),
			"product_code":       computedString("Product in which the activity was detected (`ProductCode`): `MaxCompute`, `OSS`, `ADS`, `OTS`, `RDS` and others."),
			"data_instance":      computedString("Asset instance in which the activity occurred (`DataInstance`)."),
			"backed":             computedBool("Whether enhanced detection found the activity (`Backed`)."),
			"new_alarm":          computedBool("Whether the alert is of the new version (`NewAlarm`); only new alerts carry `chat_type`, `name` and `z_label` in their charts."),
			"log_detail_json":    computedString("Alert log details (`LogDetail`), verbatim JSON. Its shape is undocumented: read it with `jsondecode`, such as `jsondecode(log_detail_json).client_ip`."),
			"handle_info_list": schema.ListNestedAttribute{
				Computed:            true,
				MarkdownDescription: "Handling history (`HandleInfoList`), in API order. Null if the API sent none.",
				NestedObject:        schema.NestedAttributeObject{Attributes: handleInfoAttributes()},
			},
			"detail": schema.SingleNestedAttribute{
				Computed:            true,
				MarkdownDescription: "Details of the activity (`Detail`). Null if the API sent none.",
				Attributes: map[string]schema.Attribute{
					"content": schema.ListNestedAttribute{
						Computed:            true,
						MarkdownDescription: "Description of the activity (`Content`).",
						NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
							"label": computedString("Title of the item (`Label`)."),
							"value": computedString("Text of the item (`Value`)."),
							"name":  computedString("Name of the activity (`Name`)."),
						}},
					},
					"resource_info": schema.ListNestedAttribute{
						Computed:            true,
						MarkdownDescription: "Where the activity came from (`ResourceInfo`).",
						NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
							"label": computedString("Title of the source (`Label`), such as `Risk`."),
							"value": computedString("Description of the source (`Value`)."),
						}},
					},
					"chart": schema.ListNestedAttribute{
						Computed:            true,
						MarkdownDescription: "Baseline behaviour profiles of the activity (`Chart`).",
						NestedObject:        schema.NestedAttributeObject{Attributes: chartAttributes()},
					},
				},
			},
		},
	}
}

func handleInfoAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"id":                   computedInt64("ID of the handling action (`Id`)."),
		"status":               computedInt64("Status of the handling action (`Status`): `0` disabled, `1` enabled, `-1` disabling failed, `-2` enabling failed."),
		"handler_name":         computedString("Handling method (`HandlerName`), such as \"Remove from the whitelist\"."),
		"handler_type":         computedString("Handling type (`HandlerType`), such as `rds_security_ip`."),
		"handler_value":        computedInt64("Duration of the handling action in minutes (`HandlerValue`); null means permanent."),
		"current_value":        computedString("Account that handled the event (`CurrentValue`)."),
		"enable_time":          computedInt64("When the handling action was enabled (`EnableTime`), Unix milliseconds."),
		"enable_time_rfc3339":  computedString("`enable_time` in RFC 3339, UTC."),
		"disable_time":         computedInt64("When the handling action was disabled (`DisableTime`), Unix milliseconds."),
		"disable_time_rfc3339": computedString("`disable_time` in RFC 3339, UTC."),
	}
}

func chartAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"name":      computedString("Title of the chart (`Name`); only new alerts (`new_alarm`) carry it."),
		"label":     computedString("Name of the baseline behaviour profile (`Label`)."),
		"type":      computedString("Chart type (`Type`): `1` column chart, `2` line chart."),
		"chat_type": computedInt64("Chart type (`ChatType`, so spelled by the API): `1` column chart, `2` line chart; only new alerts carry it."),
		"x_label":   computedString("Label of the x-axis (`XLabel`)."),
		"y_label":   computedString("Label of the y-axis (`YLabel`)."),
		"z_label":   computedString("Label of the z-axis (`ZLabel`); only new alerts carry it."),
		"data": schema.SingleNestedAttribute{
			Computed:            true,
			MarkdownDescription: "Data items of the chart (`Data`). Items the API sends as JSON numbers become their decimal text (`2.5` is `\"2.5\"`).",
			Attributes: map[string]schema.Attribute{
				"x": computedStrings("Values on the x-axis (`X`)."),
				"y": computedStrings("Values on the y-axis (`Y`)."),
				"z": computedStrings("Values on the z-axis (`Z`)."),
			},
		},
	}
}
