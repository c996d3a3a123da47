package provider

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// TestCheckDomainName: a host name passes in any case; a URL, a path, a
// port or spaces are refused, naming the host to write where there is one.
func TestCheckDomainName(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in    string
		write string // the host the error names; "" means accepted
	}{
		{"shop.example.com", ""},
		{"Shop.Example.COM", ""},
		{"*.example.com", ""},
		{"localhost", ""},
		{"xn--bcher-kva.example", ""},
		{"https://shop.example.com/", "shop.example.com"},
		{"http://Shop.Example.com:8080/cart?id=1#top", "shop.example.com"},
		{"shop.example.com/cart", "shop.example.com"},
		{"shop.example.com:443", "shop.example.com"},
		{" shop.example.com ", "shop.example.com"},
		{"shop.example.com.", "shop.example.com"},
		{"https://user@shop.example.com", "shop.example.com"},
		{"shop example.com", "-"},
		{"-shop.example.com", "-"},
		{"shop..example.com", "-"},
		{"   ", "-"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			t.Parallel()
			err := checkDomainName(tt.in)
			switch {
			case tt.write == "" && err != nil:
				t.Errorf("checkDomainName(%q) = %v, want it accepted", tt.in, err)
			case tt.write == "":
			case err == nil:
				t.Errorf("checkDomainName(%q) accepted it, want an error", tt.in)
			case tt.write == "-" && !strings.HasSuffix(err.Error(), "Write the domain as WAF protects it"):
				t.Errorf("checkDomainName(%q) = %v, want no host suggested", tt.in, err)
			case tt.write != "-" && !strings.HasSuffix(err.Error(), "Write \""+tt.write+"\""):
				t.Errorf("checkDomainName(%q) = %v, want it to say Write %q", tt.in, err, tt.write)
			}
		})
	}
}

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
