package provider

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

type testModel struct {
	Name  types.String `tfsdk:"name"`
	Count types.Int64  `tfsdk:"count"`
	Tags  types.List   `tfsdk:"tags"`
	// Neither is an attribute: untagged, and tagged "-".
	Untagged string
	Ignored  string `tfsdk:"-"`
}

func testModelAttrTypes() map[string]attr.Type {
	return map[string]attr.Type{"name": types.StringType, "count": types.Int64Type, "tags": types.ListType{ElemType: types.StringType}}
}

type notAModel struct {
	Name string `tfsdk:"name"`
}

func TestObjectFrom(t *testing.T) {
	t.Parallel()
	full := testModel{Name: types.StringValue("a"), Count: types.Int64Value(2), Tags: stringList([]string{"x"})}
	tests := []struct {
		name      string
		attrTypes map[string]attr.Type
		model     any
		want      map[string]attr.Value
		wantError string
	}{
		{name: "struct", attrTypes: testModelAttrTypes(), model: full,
			want: map[string]attr.Value{"name": full.Name, "count": full.Count, "tags": full.Tags}},
		{name: "pointer", attrTypes: testModelAttrTypes(), model: &full,
			want: map[string]attr.Value{"name": full.Name, "count": full.Count, "tags": full.Tags}},
		{name: "null fields", attrTypes: testModelAttrTypes(),
			model: testModel{Name: types.StringNull(), Count: types.Int64Unknown(), Tags: types.ListNull(types.StringType)},
			want:  map[string]attr.Value{"name": types.StringNull(), "count": types.Int64Unknown(), "tags": types.ListNull(types.StringType)}},
		{name: "attribute missing from the model", model: full,
			attrTypes: map[string]attr.Type{"name": types.StringType, "count": types.Int64Type, "tags": types.ListType{ElemType: types.StringType}, "other": types.StringType},
			wantError: "other"},
		{name: "wrong attribute type", model: full,
			attrTypes: map[string]attr.Type{"name": types.BoolType, "count": types.Int64Type, "tags": types.ListType{ElemType: types.StringType}},
			wantError: "name"},
		{name: "not a model", attrTypes: map[string]attr.Type{"name": types.StringType}, model: notAModel{Name: "a"},
			wantError: "not an exported attr.Value"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			obj, diags := objectFrom(tt.attrTypes, tt.model)
			if tt.wantError != "" {
				requireErrorMentioning(t, diags, tt.wantError)
				return
			}
			if diags.HasError() {
				t.Fatal(diags)
			}
			want := types.ObjectValueMust(tt.attrTypes, tt.want)
			if !obj.Equal(want) {
				t.Errorf("objectFrom = %s, want %s", obj, want)
			}
		})
	}
}

func TestModelFrom(t *testing.T) {
	t.Parallel()
	obj := types.ObjectValueMust(testModelAttrTypes(), map[string]attr.Value{
		"name": types.StringValue("a"), "count": types.Int64Null(), "tags": types.ListUnknown(types.StringType),
	})
	var got testModel
	if diags := modelFrom(obj, &got); diags.HasError() {
		t.Fatal(diags)
	}
	if !got.Name.Equal(types.StringValue("a")) || !got.Count.IsNull() || !got.Tags.IsUnknown() {
		t.Errorf("modelFrom = %+v", got)
	}

	tests := []struct {
		name      string
		obj       types.Object
		model     any
		wantError string
	}{
		{name: "not a pointer", obj: obj, model: testModel{}, wantError: "not a pointer"},
		{name: "nil pointer", obj: obj, model: (*testModel)(nil), wantError: "not a pointer"},
		{name: "attribute missing from the object", model: &testModel{},
			obj:       types.ObjectValueMust(map[string]attr.Type{"name": types.StringType}, map[string]attr.Value{"name": types.StringValue("a")}),
			wantError: `no attribute "count"`},
		{name: "wrong value type", model: &testModel{},
			obj: types.ObjectValueMust(map[string]attr.Type{"name": types.BoolType, "count": types.Int64Type, "tags": types.ListType{ElemType: types.StringType}},
				map[string]attr.Value{"name": types.BoolValue(true), "count": types.Int64Null(), "tags": types.ListNull(types.StringType)}),
			wantError: `attribute "name" is a basetypes.BoolValue`},
		{name: "not a model", obj: obj, model: &notAModel{}, wantError: "not an exported attr.Value"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			requireErrorMentioning(t, modelFrom(tt.obj, tt.model), tt.wantError)
		})
	}
}

// getConfig and setState round-trip a model through the framework's
// configuration and state, as a Read does.
func TestGetConfigSetState(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := schema.Schema{Attributes: map[string]schema.Attribute{
		"name":  schema.StringAttribute{Required: true},
		"count": schema.Int64Attribute{Computed: true},
		"tags":  schema.ListAttribute{Computed: true, ElementType: types.StringType},
	}}
	typ := s.Type().TerraformType(ctx)
	config := tfsdk.Config{Schema: s, Raw: tftypes.NewValue(typ, map[string]tftypes.Value{
		"name":  tftypes.NewValue(tftypes.String, "a"),
		"count": tftypes.NewValue(tftypes.Number, nil),
		"tags":  tftypes.NewValue(tftypes.List{ElementType: tftypes.String}, nil),
	})}
	var m testModel
	if diags := getConfig(ctx, config, &m); diags.HasError() {
		t.Fatal(diags)
	}
	if m.Name.ValueString() != "a" || !m.Count.IsNull() {
		t.Fatalf("getConfig = %+v", m)
	}
	m.Count = types.Int64Value(3)
	m.Tags = stringList([]string{"x", "y"})
	state := tfsdk.State{Schema: s, Raw: tftypes.NewValue(typ, nil)}
	if diags := setState(ctx, &state, &m); diags.HasError() {
		t.Fatal(diags)
	}
	var back types.Object
	if diags := state.Get(ctx, &back); diags.HasError() {
		t.Fatal(diags)
	}
	want := types.ObjectValueMust(testModelAttrTypes(), map[string]attr.Value{"name": m.Name, "count": m.Count, "tags": m.Tags})
	if !back.Equal(want) {
		t.Errorf("state holds %s, want %s", back, want)
	}
}

func requireErrorMentioning(t *testing.T, diags diag.Diagnostics, want string) {
	t.Helper()
	if !diags.HasError() {
		t.Fatalf("no error, want one mentioning %q", want)
	}
	for _, d := range diags.Errors() {
		if strings.Contains(d.Detail(), want) {
			return
		}
	}
	t.Errorf("errors %v do not mention %q", diags, want)
}
