package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// The attribute types the mapping builds values with must be the schema's,
// or State.Set fails at read time; this catches a drift at test time.
func TestAttrTypesMatchSchemas(t *testing.T) {
	list := func(attrTypes map[string]attr.Type) attr.Type {
		return types.ListType{ElemType: types.ObjectType{AttrTypes: attrTypes}}
	}
	tests := []struct {
		name      string
		schema    schema.Schema
		attribute string
		want      attr.Type
	}{
		{"event_condition", wafThreatEventSchema(), "event_condition", types.ObjectType{AttrTypes: eventConditionAttrTypes()}},
		{"handle_info_list", dscEventSchema(), "handle_info_list", list(handleInfoAttrTypes())},
		{"detail", dscEventSchema(), "detail", types.ObjectType{AttrTypes: detailAttrTypes()}},
		{"waf events", wafThreatEventsSchema(), "events", list(wafThreatEventSummaryAttrTypes())},
		{"dsc events", dscEventsSchema(), "events", list(dscEventSummaryAttrTypes())},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.schema.Attributes[tt.attribute].GetType()
			if !got.Equal(tt.want) {
				t.Errorf("schema type of %s is\n%s\nthe mapping builds\n%s", tt.attribute, got, tt.want)
			}
		})
	}
}
