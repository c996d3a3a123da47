package provider

import (
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/alisec/terraform-provider-alisec/internal/alicloud"
)

// listItems says where a list data source keeps the items of its action's
// item array: the API's array key, the list attribute, and the attribute
// each API field of an item feeds.
type listItems struct {
	apiKey string            // "ThreatEvents", "Items"
	attr   string            // "events"
	fields map[string]string // API field -> nested attribute
}

// wafListItems maps DescribeThreatEvent's ThreatEvents to events.
var wafListItems = listItems{apiKey: "ThreatEvents", attr: "events", fields: map[string]string{
	"EventId": "event_id", "EventLevel": "event_level", "EventSrc": "event_src", "EventTag": "event_tag",
	"EventTarget": "event_target", "BlockRate": "block_rate", "EndTime": "end_time",
}}

// dscListItems maps DescribeEvents' Items to events.
var dscListItems = listItems{apiKey: "Items", attr: "events", fields: map[string]string{
	"Id": "id", "AlertTime": "alert_time", "Backed": "backed", "DealDisplayName": "deal_display_name",
	"DealLoginName": "deal_login_name", "DealTime": "deal_time", "DealUserId": "deal_user_id",
	"DisplayName": "display_name", "EventTime": "event_time", "LoginName": "login_name",
	"ProductCode": "product_code", "Status": "status", "StatusName": "status_name",
	"SubTypeCode": "sub_type_code", "SubTypeName": "sub_type_name", "TargetProductCode": "target_product_code",
	"TypeCode": "type_code", "TypeName": "type_name", "UserId": "user_id", "WarnLevel": "warn_level",
}}

// fieldPaths points the decode warnings of list items at their attribute.
// The client names an item by its place in the whole listing
// ("ThreatEvents[203].EndTime"), which is its index in the list attribute
// (events[203].end_time). Warnings about the item array itself no longer
// exist: a malformed array or item fails the read.
func (l listItems) fieldPaths(warnings []alicloud.DecodeWarning) map[string]path.Path {
	paths := map[string]path.Path{}
	for _, w := range warnings {
		rest, ok := strings.CutPrefix(w.Field, l.apiKey+"[")
		if !ok {
			continue
		}
		index, field, ok := strings.Cut(rest, "].")
		if !ok {
			continue
		}
		i, err := strconv.Atoi(index)
		attr, known := l.fields[field]
		if err != nil || i < 0 || !known {
			continue
		}
		paths[w.Field] = path.Root(l.attr).AtListIndex(i).AtName(attr)
	}
	return paths
}
