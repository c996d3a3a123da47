package provider

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/alisec/terraform-provider-alisec/internal/alicloud"
	"github.com/alisec/terraform-provider-alisec/internal/fakecloud"
)

func TestListItemsFieldPaths(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		items listItems
		field string
		want  *path.Path // nil: the warning is not pointed at an attribute
	}{
		{"WAF item field", wafListItems, "ThreatEvents[203].EndTime", ptrTo(path.Root("events").AtListIndex(203).AtName("end_time"))},
		{"DSC item field", dscListItems, "Items[0].DealUserId", ptrTo(path.Root("events").AtListIndex(0).AtName("deal_user_id"))},
		{"field the schema lacks", wafListItems, "ThreatEvents[1].Unknown", nil},
		{"another action's array", wafListItems, "Items[1].Id", nil},
		{"a whole item", wafListItems, "ThreatEvents[1]", nil},
		{"not an index", wafListItems, "ThreatEvents[x].EndTime", nil},
		{"negative index", dscListItems, "Items[-1].Id", nil},
		{"envelope field", dscListItems, "TotalCount", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			warnings := []alicloud.DecodeWarning{{Field: tt.field, Detail: "expected an integer"}}
			var diags diag.Diagnostics
			addDecodeWarnings(&diags, warnings, tt.items.fieldPaths(warnings))
			if len(diags) != 1 || diags.HasError() {
				t.Fatalf("diagnostics = %v, want one warning", diags)
			}
			withPath, hasPath := diags[0].(diag.DiagnosticWithPath)
			switch {
			case tt.want == nil && hasPath:
				t.Errorf("warning points at %s, want no attribute", withPath.Path())
			case tt.want != nil && (!hasPath || !withPath.Path().Equal(*tt.want)):
				t.Errorf("warning %v does not point at %s", diags[0], *tt.want)
			}
		})
	}
}

func ptrTo[T any](v T) *T { return &v }

// TestFieldPathsMatchSchemaAndClient holds each field-path map to both
// ends of its contract: every path is an attribute of the data source's
// schema, every API field is one the client reads (a value of the wrong
// type warns at exactly that field), and, for list items, every nested
// attribute but the _rfc3339 twins has a field pointing at it.
func TestFieldPathsMatchSchemaAndClient(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	decodeWAF := func(t *testing.T, key, value string) []alicloud.DecodeWarning {
		api := strings.TrimPrefix(key, "ThreatEventDetail.")
		d, err := alicloud.DecodeThreatEventDetail([]byte(`{"RequestId":"R","ThreatEventDetail":{"` + api + `":` + value + `}}`))
		if err != nil {
			t.Fatal(err)
		}
		return d.Warnings
	}
	decodeDSC := func(t *testing.T, key, value string) []alicloud.DecodeWarning {
		api := strings.TrimPrefix(key, "Event.")
		e, err := alicloud.DecodeEventDetail([]byte(`{"RequestId":"R","Event":{"` + api + `":` + value + `}}`))
		if err != nil {
			t.Fatal(err)
		}
		return e.Warnings
	}
	tests := []struct {
		name   string
		schema schema.Schema
		paths  map[string]path.Path
		decode func(t *testing.T, key, value string) []alicloud.DecodeWarning
		items  *listItems
	}{
		{"alisec_waf_threat_event", wafThreatEventSchema(), wafFieldPaths, decodeWAF, nil},
		{"alisec_dsc_event", dscEventSchema(), dscFieldPaths, decodeDSC, nil},
		{"alisec_waf_threat_events", wafThreatEventsSchema(), listPaths(wafListItems), listDecoder(alicloud.WAFThreatEventsAction, "EventId"), &wafListItems},
		{"alisec_dsc_events", dscEventsSchema(), listPaths(dscListItems), listDecoder(alicloud.DSCEventsAction, "Id"), &dscListItems},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			for key, p := range tt.paths {
				if _, diags := tt.schema.AttributeAtPath(ctx, p); diags.HasError() {
					t.Errorf("%s points at %s, which the schema lacks", key, p)
				}
				warned := false
				for _, wrong := range []string{`{}`, `[]`} {
					warned = warned || slices.Contains(fieldsOf(tt.decode(t, key, wrong)), key)
				}
				if !warned {
					t.Errorf("%s: the client does not read this field, or warns elsewhere", key)
				}
			}
			if tt.items == nil {
				return
			}
			nested, ok := tt.schema.Attributes[tt.items.attr].(schema.ListNestedAttribute)
			if !ok {
				t.Fatalf("%s is not a list of objects", tt.items.attr)
			}
			for attr := range nested.NestedObject.Attributes {
				if !strings.HasSuffix(attr, "_rfc3339") && !slices.Contains(valuesOf(tt.items.fields), attr) {
					t.Errorf("%s.%s has no API field pointing at it", tt.items.attr, attr)
				}
			}
		})
	}
}

// listPaths is items' map as the paths of the first item's warnings.
func listPaths(items listItems) map[string]path.Path {
	warnings := make([]alicloud.DecodeWarning, 0, len(items.fields))
	for field := range items.fields {
		warnings = append(warnings, alicloud.DecodeWarning{Field: items.apiKey + "[0]." + field})
	}
	return items.fieldPaths(warnings)
}

// listDecoder lists through the client from a server whose one item has
// the field named by key ("Items[0].Id") set to value, beside an ID. The
// ID itself is read strictly: an item whose ID is malformed fails the
// list, which is reported here as a warning on that field, since the
// client does read it.
func listDecoder(action, idKey string) func(t *testing.T, key, value string) []alicloud.DecodeWarning {
	return func(t *testing.T, key, value string) []alicloud.DecodeWarning {
		t.Helper()
		arrayKey, field, _ := strings.Cut(key, "[0].")
		item := `{"` + idKey + `":"1","` + field + `":` + value + `}`
		if field == idKey {
			item = `{"` + field + `":` + value + `}`
		}
		// InstanceId answers the WAF list's instance check, made first.
		body := `{"RequestId":"R","InstanceId":"i","TotalCount":1,"` + arrayKey + `":[` + item + `]}`
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { _, _ = w.Write([]byte(body)) }))
		defer srv.Close()
		c, err := alicloud.New(alicloud.Config{
			Credentials: alicloud.Credentials{AccessKey: fakecloud.DefaultAccessKeyID, SecretKey: fakecloud.DefaultAccessKeySecret},
			Endpoints:   clientEndpoints(srv.URL),
		})
		if err != nil {
			t.Fatal(err)
		}
		var warnings []alicloud.DecodeWarning
		switch action {
		case alicloud.WAFThreatEventsAction:
			var l *alicloud.ThreatEventList
			if l, err = c.DescribeThreatEvents(context.Background(), alicloud.ThreatEventsInput{InstanceID: "i", StartTime: 1, EndTime: 2}); err == nil {
				warnings = l.Warnings
			}
		default:
			var l *alicloud.DSCEventList
			if l, err = c.DescribeEvents(context.Background(), alicloud.DSCEventsInput{}); err == nil {
				warnings = l.Warnings
			}
		}
		var unexpected *alicloud.UnexpectedAnswerError
		switch {
		case field == idKey && errors.As(err, &unexpected) && strings.Contains(unexpected.Problem, "has no "+idKey):
			return []alicloud.DecodeWarning{{Field: key}}
		case err != nil:
			t.Fatal(err)
		}
		return warnings
	}
}

func fieldsOf(warnings []alicloud.DecodeWarning) []string {
	out := make([]string, 0, len(warnings))
	for _, w := range warnings {
		out = append(out, w.Field)
	}
	return out
}

func valuesOf(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for _, v := range m {
		out = append(out, v)
	}
	return out
}
