package provider

import (
	"context"
	"math"
	"math/big"
	"reflect"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/alisec/terraform-provider-alisec/internal/alicloud"
)

// getConfig and setState replace the framework's Config.Get and State.Set
// for speed; these tests hold them to the framework's results, on every data
// source's schema and model.

// modelCase is a data source model and the schema it is mapped with.
type modelCase struct {
	name   string
	schema schema.Schema
	model  any // a pointer to a model
}

func TestSetStateMatchesFramework(t *testing.T) {
	t.Parallel()
	for _, tt := range stateCases(t) {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			typ := tt.schema.Type().TerraformType(ctx)
			want := tfsdk.State{Schema: tt.schema, Raw: tftypes.NewValue(typ, nil)}
			if diags := want.Set(ctx, tt.model); diags.HasError() {
				t.Fatalf("the framework cannot set this model: %v", diags)
			}
			got := tfsdk.State{Schema: tt.schema, Raw: tftypes.NewValue(typ, nil)}
			if diags := setState(ctx, &got, tt.model); diags.HasError() {
				t.Fatal(diags)
			}
			if !got.Raw.Equal(want.Raw) {
				t.Errorf("setState =\n%s\nthe framework's State.Set =\n%s", got.Raw, want.Raw)
			}
		})
	}
}

// stateCases are the models the data sources build: from the API pages'
// examples, with every attribute null, with lists empty, and with unknown
// and extreme values.
func stateCases(t *testing.T) []modelCase {
	wafBody := fixtureBody(t, "../fakecloud/fixtures/waf/page-example.json")
	detail, err := alicloud.DecodeThreatEventDetail(wafBody)
	if err != nil {
		t.Fatal(err)
	}
	detail.RegionID = "cn-hangzhou"
	wafConfig := wafThreatEventModel{InstanceID: types.StringValue("waf-1"), EventID: types.StringValue("e-1")}
	waf := wafThreatEventFromAPI(wafConfig, detail)
	wafEmptyLists := waf
	wafEmptyLists.EventIntelligence = []string{}
	wafEmptyLists.EventCondition = &eventConditionModel{RealClientIPs: []string{}}
	wafEmptyLists.EventSrc = types.StringUnknown()
	wafEmptyLists.IsPersistent = types.BoolUnknown()
	wafEmptyLists.EventCnt = types.Int64Value(math.MaxInt64)

	event, err := alicloud.DecodeEventDetail(fixtureBody(t, "../fakecloud/fixtures/sddp/page-example.json"))
	if err != nil {
		t.Fatal(err)
	}
	dsc := dscEventFromAPI(dscEventModel{EventID: types.NumberValue(big.NewFloat(52234)), Lang: types.StringValue("en")}, event)
	dscEmptyDetail := dsc
	dscEmptyDetail.HandleInfoList = []handleInfoModel{}
	dscEmptyDetail.Detail = &detailModel{Chart: []chartModel{{Data: &chartDataModel{X: []string{}}}}}

	wafList := wafThreatEventsModel{
		InstanceID: types.StringValue("waf-1"), StartTime: types.StringValue("1"), EndTime: types.StringValue("2"),
		MaxResults: types.NumberUnknown(), IDs: []string{"a", "b"}, Truncated: types.BoolValue(true),
		CountsByLevel: map[string]int64{"low": 0, "critical": 1 << 62, "unknown": -1},
		Events:        []wafThreatEventSummaryModel{{EventID: types.StringValue("a"), EndTime: types.Int64Value(1<<62 + 1)}, {}},
	}
	dscList := dscEventsModel{
		StartTime: types.StringValue("1"), EndTime: types.StringValue("2"), IDs: []string{}, CountsByLevel: map[string]int64{},
		Events: []dscEventSummaryModel{{ID: types.Int64Value(-7), Backed: types.BoolValue(false), StatusName: types.StringValue("")}},
	}
	return []modelCase{
		{"waf page example", wafThreatEventSchema(), &waf},
		{"waf nulls", wafThreatEventSchema(), &wafThreatEventModel{}},
		{"waf empty lists", wafThreatEventSchema(), &wafEmptyLists},
		{"dsc page example", dscEventSchema(), &dsc},
		{"dsc nulls", dscEventSchema(), &dscEventModel{}},
		{"dsc empty lists", dscEventSchema(), &dscEmptyDetail},
		{"waf list", wafThreatEventsSchema(), &wafList},
		{"waf list nulls", wafThreatEventsSchema(), &wafThreatEventsModel{}},
		{"dsc list", dscEventsSchema(), &dscList},
		{"dsc list nulls", dscEventsSchema(), &dscEventsModel{}},
	}
}

func TestGetConfigMatchesFramework(t *testing.T) {
	t.Parallel()
	unknown := tftypes.UnknownValue
	tests := []struct {
		name   string
		schema schema.Schema
		model  func() any // a new, empty model
		set    map[string]any
	}{
		{"waf required", wafThreatEventSchema(), func() any { return &wafThreatEventModel{} },
			map[string]any{"instance_id": "waf-1", "event_id": "e-1"}},
		{"waf all arguments", wafThreatEventSchema(), func() any { return &wafThreatEventModel{} },
			map[string]any{"instance_id": "waf-1", "event_id": "", "region_id": "cn-hangzhou", "resource_group_id": "rg-1"}},
		{"waf unknown", wafThreatEventSchema(), func() any { return &wafThreatEventModel{} },
			map[string]any{"instance_id": unknown, "event_id": unknown}},
		{"dsc", dscEventSchema(), func() any { return &dscEventModel{} },
			map[string]any{"event_id": 52234, "lang": "en"}},
		{"dsc large id", dscEventSchema(), func() any { return &dscEventModel{} },
			map[string]any{"event_id": new(big.Float).SetInt64(1<<62 + 1)}},
		{"dsc id beyond int64", dscEventSchema(), func() any { return &dscEventModel{} },
			map[string]any{"event_id": new(big.Float).SetFloat64(1e19)}},
		{"dsc fractional id", dscEventSchema(), func() any { return &dscEventModel{} },
			map[string]any{"event_id": 1.5}},
		{"dsc unknown", dscEventSchema(), func() any { return &dscEventModel{} },
			map[string]any{"event_id": unknown, "lang": unknown}},
		{"waf list", wafThreatEventsSchema(), func() any { return &wafThreatEventsModel{} },
			map[string]any{"instance_id": "waf-1", "start_time": "1", "end_time": unknown, "max_results": -1}},
		{"dsc list", dscEventsSchema(), func() any { return &dscEventsModel{} },
			map[string]any{"start_time": "1", "end_time": "2", "status": 0, "warn_level": unknown, "lang": "zh"}},
		{"computed values set", wafThreatEventsSchema(), func() any { return &wafThreatEventsModel{} },
			map[string]any{"ids": []tftypes.Value{tftypes.NewValue(tftypes.String, "a")}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			config := configWith(t, ctx, tt.schema, tt.set)
			want, got := tt.model(), tt.model()
			wantDiags := config.Get(ctx, want)
			gotDiags := getConfig(ctx, config, got)
			if !sameProblems(gotDiags, wantDiags) {
				t.Fatalf("getConfig diagnostics = %v, the framework's Config.Get = %v", gotDiags, wantDiags)
			}
			if !wantDiags.HasError() && !reflect.DeepEqual(got, want) {
				t.Errorf("getConfig =\n%+v\nthe framework's Config.Get =\n%+v", got, want)
			}
		})
	}
}

// sameProblems reports whether got and want are the same diagnostics, or
// errors on the same attributes with the same cause: the framework words a
// conversion error for one attribute (which getConfig asks it for) and for
// the whole configuration a little differently.
func sameProblems(got, want diag.Diagnostics) bool {
	if got.Equal(want) {
		return true
	}
	if len(got) != len(want) || got.ErrorsCount() != len(got) {
		return false
	}
	for i := range got {
		g, gotPath := got[i].(diag.DiagnosticWithPath)
		w, wantPath := want[i].(diag.DiagnosticWithPath)
		lines := strings.Split(strings.TrimSpace(w.Detail()), "\n")
		if !gotPath || !wantPath || !g.Path().Equal(w.Path()) || !strings.Contains(g.Detail(), lines[len(lines)-1]) {
			return false
		}
	}
	return true
}

// configWith is a configuration of s with the given attributes set and every
// other one null, as Terraform sends an unset argument.
func configWith(t *testing.T, ctx context.Context, s schema.Schema, set map[string]any) tfsdk.Config {
	t.Helper()
	typ := s.Type().TerraformType(ctx)
	obj, ok := typ.(tftypes.Object)
	if !ok {
		t.Fatalf("the schema's type is %s", typ)
	}
	values := map[string]tftypes.Value{}
	for name, v := range set {
		values[name] = tftypes.NewValue(obj.AttributeTypes[name], v)
	}
	return tfsdk.Config{Schema: s, Raw: objectWith(typ, values)}
}

// A model that does not fit its schema is a bug; it must be reported, not
// panic or write half a state.
func TestSetStateModelErrors(t *testing.T) {
	t.Parallel()
	s := schema.Schema{Attributes: map[string]schema.Attribute{
		"name": schema.StringAttribute{Computed: true},
		"tags": schema.ListAttribute{Computed: true, ElementType: types.StringType},
	}}
	type valid struct {
		Name       types.String `tfsdk:"name"`
		Tags       []string     `tfsdk:"tags"`
		Ignored    string       `tfsdk:"-"`
		unexported string
	}
	type untagged struct {
		Name     types.String `tfsdk:"name"`
		Tags     []string     `tfsdk:"tags"`
		Untagged string
	}
	type embedded struct {
		valid
	}
	type duplicate struct {
		Name  types.String `tfsdk:"name"`
		Tags  []string     `tfsdk:"tags"`
		Again types.String `tfsdk:"name"`
	}
	type missing struct {
		Name types.String `tfsdk:"name"`
	}
	type extra struct {
		Name  types.String `tfsdk:"name"`
		Tags  []string     `tfsdk:"tags"`
		Other types.String `tfsdk:"other"`
	}
	type wrongType struct {
		Name types.Int64 `tfsdk:"name"`
		Tags []string    `tfsdk:"tags"`
	}
	type wrongElement struct {
		Name types.String `tfsdk:"name"`
		Tags []int64      `tfsdk:"tags"`
	}
	type unsupported struct {
		Name types.String `tfsdk:"name"`
		Tags []float32    `tfsdk:"tags"`
	}
	type mapForList struct {
		Name types.String      `tfsdk:"name"`
		Tags map[string]string `tfsdk:"tags"`
	}
	type unexported struct {
		name types.String `tfsdk:"name"`
		Tags []string     `tfsdk:"tags"`
	}
	tests := []struct {
		name      string
		model     any
		wantError string
	}{
		{"valid", &valid{Name: types.StringValue("a"), Tags: []string{"x"}, Ignored: "i", unexported: "u"}, ""},
		{"untagged field", &untagged{}, "Untagged has no tfsdk tag"},
		{"embedded struct", &embedded{}, "embeds valid"},
		{"two fields for one attribute", &duplicate{}, `two fields for "name"`},
		{"not a pointer", valid{}, "not a pointer"},
		{"nil pointer", (*valid)(nil), "not a pointer"},
		{"attribute missing from the model", &missing{}, `no field for the attribute "tags"`},
		{"field missing from the schema", &extra{}, `field for "other", which the schema does not have`},
		{"wrong attribute type", &wrongType{Name: types.Int64Value(1)}, "name: a tftypes.String cannot hold a tftypes.Number"},
		{"wrong element type", &wrongElement{Tags: []int64{1}}, "tags: a tftypes.String cannot hold a tftypes.Number"},
		{"unsupported field type", &unsupported{Tags: []float32{1}}, "not a type a model may hold"},
		{"a map for a list", &mapForList{Tags: map[string]string{}}, "tags: a tftypes.List[tftypes.String] cannot hold the map map[string]string"},
		{"unexported field", &unexported{name: types.StringValue("a")}, "not exported"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			null := tftypes.NewValue(s.Type().TerraformType(ctx), nil)
			state := tfsdk.State{Schema: s, Raw: null}
			diags := setState(ctx, &state, tt.model)
			if tt.wantError == "" {
				if diags.HasError() || state.Raw.IsNull() {
					t.Fatalf("setState = %v, state %s", diags, state.Raw)
				}
				return
			}
			requireErrorMentioning(t, diags, tt.wantError)
			if !state.Raw.Equal(null) {
				t.Errorf("a failed setState changed the state to %s", state.Raw)
			}
		})
	}
}

func TestGetConfigModelErrors(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := schema.Schema{Attributes: map[string]schema.Attribute{
		"name":  schema.StringAttribute{Required: true},
		"count": schema.Int64Attribute{Optional: true},
	}}
	config := configWith(t, ctx, s, map[string]any{"name": "a", "count": 1.5})
	type model struct {
		Name  types.String `tfsdk:"name"`
		Count types.Int64  `tfsdk:"count"`
	}
	type other struct {
		Name  types.String `tfsdk:"name"`
		Other types.String `tfsdk:"other"`
	}
	type missing struct {
		Name types.String `tfsdk:"name"`
	}
	before := model{Name: types.StringValue("before"), Count: types.Int64Value(7)}
	tests := []struct {
		name      string
		model     any
		wantError string
	}{
		{"not a pointer", other{}, "not a pointer"},
		{"attribute missing from the configuration", &other{}, `no attribute "other"`},
		{"attribute missing from the model", &missing{}, "1 fields for the configuration's 2 attributes"},
		{"not a struct", new(string), "not a struct"},
		{"value the model cannot hold", &before, "is not an integer"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			requireErrorMentioning(t, getConfig(ctx, config, tt.model), tt.wantError)
		})
	}
	if before.Name.ValueString() != "before" || before.Count.ValueInt64() != 7 {
		t.Errorf("a failed getConfig changed the model to %+v", before)
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

// TestModels_everyDataSourceMaps walks the model of every data source the
// provider registers: each field is one the mapping supports, and an empty
// model sets a state of the data source's own schema.
func TestModels_everyDataSourceMaps(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	for _, factory := range New("test")().DataSources(ctx) {
		ds := factory()
		var meta datasource.MetadataResponse
		ds.Metadata(ctx, datasource.MetadataRequest{ProviderTypeName: "alisec"}, &meta)
		t.Run(meta.TypeName, func(t *testing.T) {
			t.Parallel()
			withModel, ok := ds.(interface{ model() any })
			if !ok {
				t.Fatalf("%T does not embed dataSource: it repeats the shared steps", ds)
			}
			model := withModel.model()
			if err := checkModelType(reflect.TypeOf(model).Elem()); err != nil {
				t.Fatal(err)
			}
			var sresp datasource.SchemaResponse
			ds.Schema(ctx, datasource.SchemaRequest{}, &sresp)
			state := tfsdk.State{Schema: sresp.Schema, Raw: tftypes.NewValue(sresp.Schema.Type().TerraformType(ctx), nil)}
			if diags := setState(ctx, &state, model); diags.HasError() {
				t.Fatalf("an empty model does not fit the schema: %v", diags)
			}
		})
	}
}

func TestCheckModelType(t *testing.T) {
	t.Parallel()
	type nested struct {
		Name types.String `tfsdk:"name"`
	}
	tests := []struct {
		name  string
		model any
		want  string // "" for supported
	}{
		{"supported kinds", struct {
			A types.String       `tfsdk:"a"`
			B []nested           `tfsdk:"b"`
			C *nested            `tfsdk:"c"`
			D map[string]int64   `tfsdk:"d"`
			E []string           `tfsdk:"e"`
			F map[string][]int64 `tfsdk:"f"`
		}{}, ""},
		{"a framework list", struct {
			A types.List `tfsdk:"a"`
		}{}, "basetypes.ListValue is not a type a model may hold"},
		{"a framework float", struct {
			N *struct {
				F types.Float64 `tfsdk:"f"`
			} `tfsdk:"n"`
		}{}, "basetypes.Float64Value is not a type a model may hold"},
		{"a float", struct {
			F float64 `tfsdk:"f"`
		}{}, "float64 is not a type a model may hold"},
		{"a map with int keys", struct {
			M map[int]string `tfsdk:"m"`
		}{}, "map keys must be strings"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			err := checkModelType(reflect.TypeOf(tt.model))
			switch {
			case tt.want == "" && err != nil:
				t.Errorf("unexpected error: %v", err)
			case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
				t.Errorf("error = %v, want one saying %q", err, tt.want)
			}
		})
	}
}
