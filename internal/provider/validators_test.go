package provider

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// Every string validator's detail is whole sentences: it ends with a
// period, whatever its check's error ends with.
func TestStringValidators_detailEndsWithPeriod(t *testing.T) {
	tests := []struct {
		name  string
		v     validator.String
		value string
		want  string
	}{
		{"blank", notBlankValidator(), "  ", `event_id: expected a non-blank value, got "  ". Set it to the ID shown in the console or returned by the list API.`},
		{"endpoint", endpointValidator("wafopenapi.cn-hangzhou.aliyuncs.com"), "ht!tp://x", ""},
		{"credentials URI", urlValidator(), "ftp://x", `event_id: expected an http:// or https:// URL such as "http://127.0.0.1:8080/credentials", got "ftp://x".`},
		{"duration", durationValidator(), "soon", ""},
		{"region", regionIDValidator(), "Hangzhou", ""},
		{"type code", typeCodeValidator(), "2", ""},
		{"time", timeValidator(), "yesterday", ""},
		{"time before 1970", timeValidator(), "0", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := &validator.StringResponse{}
			tt.v.ValidateString(context.Background(), validator.StringRequest{
				Path: path.Root("event_id"), ConfigValue: types.StringValue(tt.value),
			}, resp)
			if resp.Diagnostics.ErrorsCount() != 1 {
				t.Fatalf("diagnostics = %v, want one error", resp.Diagnostics)
			}
			detail := resp.Diagnostics[0].Detail()
			if !strings.HasSuffix(detail, ".") || strings.HasSuffix(detail, "..") {
				t.Errorf("detail = %q, want it to end with one period", detail)
			}
			if tt.want != "" && detail != tt.want {
				t.Errorf("detail = %q,\nwant      %q", detail, tt.want)
			}
		})
	}
}
