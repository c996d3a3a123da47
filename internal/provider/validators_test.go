package provider

import (
	"strings"
	"testing"
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
