package alicloud

import (
	"testing"
)

func TestParseEndpoint(t *testing.T) {
	t.Parallel()
	tests := []struct {
		raw     string
		want    Endpoint
		wantErr bool
	}{
		{raw: "wafopenapi.cn-hangzhou.aliyuncs.com", want: Endpoint{"https", "wafopenapi.cn-hangzhou.aliyuncs.com"}},
		{raw: "  sddp.cn-zhangjiakou.aliyuncs.com  ", want: Endpoint{"https", "sddp.cn-zhangjiakou.aliyuncs.com"}},
		{raw: "localhost:8080", want: Endpoint{"https", "localhost:8080"}},
		{raw: "127.0.0.1:8080", want: Endpoint{"https", "127.0.0.1:8080"}},
		{raw: "http://127.0.0.1:8080", want: Endpoint{"http", "127.0.0.1:8080"}},
		{raw: "http://127.0.0.1:8080/", want: Endpoint{"http", "127.0.0.1:8080"}},
		{raw: "https://waf.example.com", want: Endpoint{"https", "waf.example.com"}},
		{raw: "HTTPS://waf.example.com", want: Endpoint{"https", "waf.example.com"}},
		{raw: "http://[::1]:8080", want: Endpoint{"http", "[::1]:8080"}},
		{raw: "ht!tp://x", wantErr: true},
		{raw: "", wantErr: true},
		{raw: "   ", wantErr: true},
		{raw: "http://", wantErr: true},
		{raw: "https://:8080", wantErr: true},
		{raw: "ftp://h", wantErr: true},
		{raw: "http://h/path", wantErr: true},
		{raw: "http://user@h", wantErr: true},
		{raw: "http://user:pass@h", wantErr: true},
		{raw: "http://h?x=1", wantErr: true},
		{raw: "http://h#frag", wantErr: true},
		{raw: "h/path", wantErr: true},
		{raw: "http://h:port", wantErr: true},
		{raw: "http://bad host", wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.raw, func(t *testing.T) {
			t.Parallel()
			got, err := ParseEndpoint(tt.raw)
			if (err != nil) != tt.wantErr {
				t.Fatalf("ParseEndpoint(%q) = %+v, %v; want error: %v", tt.raw, got, err, tt.wantErr)
			}
			if err == nil && got != tt.want {
				t.Errorf("ParseEndpoint(%q) = %+v, want %+v", tt.raw, got, tt.want)
			}
			if err == nil && got.String() != tt.want.Scheme+"://"+tt.want.Host {
				t.Errorf("String() = %q", got.String())
			}
		})
	}
}

func TestEndpointIsLoopback(t *testing.T) {
	t.Parallel()
	tests := []struct {
		raw  string
		want bool
	}{
		{"http://127.0.0.1:8080", true},
		{"http://127.0.0.1", true},
		{"http://127.9.9.9:1", true},
		{"http://localhost:8080", true},
		{"http://LOCALHOST", true},
		{"http://[::1]:8080", true},
		{"http://[::1]", true},
		{"http://10.0.0.1:8080", false},
		{"http://192.168.1.1", false},
		{"http://example.com", false},
		{"http://localhost.example.com", false},
		{"http://[::2]", false},
	}
	for _, tt := range tests {
		t.Run(tt.raw, func(t *testing.T) {
			t.Parallel()
			ep, err := ParseEndpoint(tt.raw)
			if err != nil {
				t.Fatal(err)
			}
			if got := ep.IsLoopback(); got != tt.want {
				t.Errorf("IsLoopback(%+v) = %v, want %v", ep, got, tt.want)
			}
		})
	}
}

// TestClientEndpoints checks the region and endpoint a client built for a
// provider region calls each product at when no endpoint is configured.
func TestClientEndpoints(t *testing.T) {
	t.Parallel()
	tests := []struct {
		region     string
		wantWAF    string
		wantWAFReg string
		wantSddp   string
		wantSRegn  string
	}{
		{"", "https://wafopenapi.cn-hangzhou.aliyuncs.com", "cn-hangzhou", "https://sddp.cn-zhangjiakou.aliyuncs.com", "cn-zhangjiakou"},
		{"cn-hangzhou", "https://wafopenapi.cn-hangzhou.aliyuncs.com", "cn-hangzhou", "https://sddp.cn-zhangjiakou.aliyuncs.com", "cn-zhangjiakou"},
		{"cn-shanghai", "https://wafopenapi.cn-hangzhou.aliyuncs.com", "cn-hangzhou", "https://sddp.cn-zhangjiakou.aliyuncs.com", "cn-zhangjiakou"},
		{"cn-beijing", "https://wafopenapi.cn-hangzhou.aliyuncs.com", "cn-hangzhou", "https://sddp.cn-zhangjiakou.aliyuncs.com", "cn-zhangjiakou"},
		{"cn-zhangjiakou", "https://wafopenapi.cn-hangzhou.aliyuncs.com", "cn-hangzhou", "https://sddp.cn-zhangjiakou.aliyuncs.com", "cn-zhangjiakou"},
		{"cn-hongkong", "https://wafopenapi.ap-southeast-1.aliyuncs.com", "ap-southeast-1", "https://sddp-api.cn-hongkong.aliyuncs.com", "cn-hongkong"},
		{"ap-southeast-1", "https://wafopenapi.ap-southeast-1.aliyuncs.com", "ap-southeast-1", "https://sddp.ap-southeast-1.aliyuncs.com", "ap-southeast-1"},
		{"eu-central-1", "https://wafopenapi.ap-southeast-1.aliyuncs.com", "ap-southeast-1", "https://sddp.ap-southeast-1.aliyuncs.com", "ap-southeast-1"},
		{"us-east-1", "https://wafopenapi.ap-southeast-1.aliyuncs.com", "ap-southeast-1", "https://sddp.ap-southeast-1.aliyuncs.com", "ap-southeast-1"},
	}
	for _, tt := range tests {
		t.Run(tt.region, func(t *testing.T) {
			t.Parallel()
			c, err := New(Config{Region: tt.region, Credentials: defaultKeys()})
			if err != nil {
				t.Fatal(err)
			}
			waf := c.wafRPC(WAFThreatEventAction, "", nil)
			if got := waf.endpoint.String(); got != tt.wantWAF || waf.region != tt.wantWAFReg {
				t.Errorf("WAF at %q in %s, want %q in %s", got, waf.region, tt.wantWAF, tt.wantWAFReg)
			}
			sddp := c.sddpRPC(DSCEventAction, "", nil)
			if got := sddp.endpoint.String(); got != tt.wantSddp || sddp.region != tt.wantSRegn {
				t.Errorf("Sddp at %q in %s, want %q in %s", got, sddp.region, tt.wantSddp, tt.wantSRegn)
			}
		})
	}
}
