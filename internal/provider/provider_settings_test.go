package provider

import (
	"maps"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/alisec/terraform-provider-alisec/internal/alicloud"
)

// block is a configured provider block of the schema b with values; the
// attributes it does not name are null.
func block(b schema.SingleNestedBlock, values map[string]attr.Value) types.Object {
	attrTypes := map[string]attr.Type{}
	attrs := map[string]attr.Value{}
	for name, a := range b.Attributes {
		attrTypes[name] = a.GetType()
		attrs[name] = values[name]
		if attrs[name] == nil {
			attrs[name] = types.StringNull()
			if a.GetType() == types.Float64Type {
				attrs[name] = types.Float64Null()
			}
		}
	}
	return types.ObjectValueMust(attrTypes, attrs)
}

// endpoints is an endpoints block that sets one endpoint.
func endpoints(name, value string) types.Object {
	return block(endpointsBlock(), map[string]attr.Value{name: types.StringValue(value)})
}

func lookupFrom(env map[string]string) func(string) (string, bool) {
	return func(name string) (string, bool) {
		v, ok := env[name]
		return v, ok
	}
}

func TestResolveSettings_environmentFallbacks(t *testing.T) {
	tests := []struct {
		name   string
		config providerModel
		env    map[string]string
		want   alicloud.Config
	}{
		{
			name: "ALIBABA_CLOUD names",
			env: map[string]string{
				"ALIBABA_CLOUD_ACCESS_KEY_ID": "ak", "ALIBABA_CLOUD_ACCESS_KEY_SECRET": "sk",
				"ALIBABA_CLOUD_SECURITY_TOKEN": "tok", "ALIBABA_CLOUD_REGION": "cn-shanghai",
				"ALIBABA_CLOUD_PROFILE": "prof", "ALIBABA_CLOUD_ECS_METADATA": "role",
				"ALIBABA_CLOUD_CREDENTIALS_URI":      "http://127.0.0.1:1/c",
				"ALIBABA_CLOUD_ENDPOINT_WAF_OPENAPI": "waf.example", "ALIBABA_CLOUD_ENDPOINT_SDDP": "sddp.example",
				"ALIBABA_CLOUD_ENDPOINT_STS": "sts.example",
			},
			want: alicloud.Config{
				Region: "cn-shanghai",
				Credentials: alicloud.Credentials{AccessKey: "ak", SecretKey: "sk", SecurityToken: "tok",
					Profile: "prof", ECSRoleName: "role", CredentialsURI: "http://127.0.0.1:1/c"},
				Endpoints: alicloud.Endpoints{Products: map[string]string{"waf_openapi": "waf.example", "sddp": "sddp.example"}, STS: "sts.example"},
			},
		},
		{
			name: "every argument has its variable",
			env: map[string]string{
				"ALIBABA_CLOUD_MAX_RETRIES": "2", "ALIBABA_CLOUD_REQUEST_TIMEOUT": "45s",
				"ALIBABA_CLOUD_THROTTLING_TIMEOUT": "5m", "ALIBABA_CLOUD_SHARED_CREDENTIALS_FILE": "/etc/aliyun.json",
				"ALIBABA_CLOUD_RATE_LIMIT_WAF_OPENAPI": "2.5", "ALIBABA_CLOUD_RATE_LIMIT_SDDP": "8",
			},
			want: alicloud.Config{
				MaxRetries: 2, RequestTimeout: 45 * time.Second, ThrottlingTimeout: 5 * time.Minute,
				Credentials: alicloud.Credentials{SharedCredentialsFile: "/etc/aliyun.json"},
				RateLimits:  alicloud.RateLimits{"waf_openapi": 2.5, "sddp": 8},
			},
		},
		{
			name: "configured flow control wins over the environment",
			config: providerModel{
				ThrottlingTimeout: types.StringValue("10s"),
				RateLimits:        block(rateLimitsBlock(), map[string]attr.Value{"waf_openapi": types.Float64Value(1)}),
			},
			env: map[string]string{
				"ALIBABA_CLOUD_THROTTLING_TIMEOUT": "5m", "ALIBABA_CLOUD_RATE_LIMIT_WAF_OPENAPI": "7", "ALIBABA_CLOUD_RATE_LIMIT_SDDP": "3",
			},
			want: alicloud.Config{ThrottlingTimeout: 10 * time.Second, RateLimits: alicloud.RateLimits{"waf_openapi": 1, "sddp": 3}},
		},
		{
			name: "ALICLOUD names alone",
			env: map[string]string{
				"ALICLOUD_ACCESS_KEY": "ak2", "ALICLOUD_SECRET_KEY": "sk2", "ALICLOUD_SECURITY_TOKEN": "tok2",
				"ALICLOUD_REGION": "ap-southeast-1", "ALICLOUD_PROFILE": "prof2",
			},
			want: alicloud.Config{
				Region:      "ap-southeast-1",
				Credentials: alicloud.Credentials{AccessKey: "ak2", SecretKey: "sk2", SecurityToken: "tok2", Profile: "prof2"},
			},
		},
		{
			name: "ALIBABA_CLOUD wins over ALICLOUD",
			env: map[string]string{
				"ALIBABA_CLOUD_ACCESS_KEY_ID": "winner", "ALICLOUD_ACCESS_KEY": "loser",
				"ALIBABA_CLOUD_ACCESS_KEY_SECRET": "s-winner", "ALICLOUD_SECRET_KEY": "s-loser",
				"ALIBABA_CLOUD_REGION": "cn-beijing", "ALICLOUD_REGION": "cn-qingdao",
			},
			want: alicloud.Config{Region: "cn-beijing", Credentials: alicloud.Credentials{AccessKey: "winner", SecretKey: "s-winner"}},
		},
		{
			name: "an empty ALIBABA_CLOUD variable does not hide ALICLOUD",
			env:  map[string]string{"ALIBABA_CLOUD_ACCESS_KEY_ID": "", "ALICLOUD_ACCESS_KEY": "ak3"},
			want: alicloud.Config{Credentials: alicloud.Credentials{AccessKey: "ak3"}},
		},
		{
			name:   "configuration wins over the environment",
			config: providerModel{AccessKey: types.StringValue("from-config"), Region: types.StringValue("cn-hangzhou")},
			env:    map[string]string{"ALIBABA_CLOUD_ACCESS_KEY_ID": "from-env", "ALIBABA_CLOUD_REGION": "cn-beijing"},
			want:   alicloud.Config{Region: "cn-hangzhou", Credentials: alicloud.Credentials{AccessKey: "from-config"}},
		},
		{
			name: "OIDC from its three variables",
			env: map[string]string{
				"ALIBABA_CLOUD_OIDC_PROVIDER_ARN": "acs:ram::1:oidc-provider/p", "ALIBABA_CLOUD_OIDC_TOKEN_FILE": "/t",
				"ALIBABA_CLOUD_ROLE_ARN": "acs:ram::1:role/r",
			},
			want: alicloud.Config{Credentials: alicloud.Credentials{AssumeRoleWithOIDC: &alicloud.AssumeRoleWithOIDC{
				OIDCProviderARN: "acs:ram::1:oidc-provider/p", OIDCTokenFile: "/t", RoleARN: "acs:ram::1:role/r",
			}}},
		},
		{
			name: "a role ARN alone is not OIDC",
			env:  map[string]string{"ALIBABA_CLOUD_ROLE_ARN": "acs:ram::1:role/r"},
			want: alicloud.Config{},
		},
		{
			name:   "assume_role takes its ARN from the environment",
			config: providerModel{AssumeRole: &assumeRoleModel{SessionName: types.StringValue("tf"), SessionExpiration: types.Int64Value(900)}},
			env:    map[string]string{"ALIBABA_CLOUD_ROLE_ARN": "acs:ram::1:role/r"},
			want: alicloud.Config{Credentials: alicloud.Credentials{AssumeRole: &alicloud.AssumeRole{
				RoleARN: "acs:ram::1:role/r", SessionName: "tf", SessionExpiration: 900,
			}}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := resolveSettings(tt.config, lookupFrom(tt.env)).clientConfig("test")
			if tt.want.MaxRetries == 0 {
				tt.want.MaxRetries = alicloud.DefaultMaxRetries
			}
			if tt.want.RequestTimeout == 0 {
				tt.want.RequestTimeout = alicloud.DefaultRequestTimeout
			}
			if tt.want.ThrottlingTimeout == 0 {
				tt.want.ThrottlingTimeout = alicloud.DefaultThrottlingTimeout
			}
			tt.want.UserAgent = "terraform-provider-alisec/test"
			assertConfig(t, got, tt.want)
		})
	}
}

func assertConfig(t *testing.T, got, want alicloud.Config) {
	t.Helper()
	if got.Region != want.Region || !maps.Equal(got.Endpoints.Products, want.Endpoints.Products) || got.Endpoints.STS != want.Endpoints.STS ||
		got.MaxRetries != want.MaxRetries || got.RequestTimeout != want.RequestTimeout || got.ThrottlingTimeout != want.ThrottlingTimeout ||
		!maps.Equal(got.RateLimits, want.RateLimits) || got.UserAgent != want.UserAgent {
		t.Errorf("config = %+v, want %+v", redacted(got), redacted(want))
	}
	gc, wc := got.Credentials, want.Credentials
	if gc.AccessKey != wc.AccessKey || gc.SecretKey != wc.SecretKey || gc.SecurityToken != wc.SecurityToken ||
		gc.Profile != wc.Profile || gc.SharedCredentialsFile != wc.SharedCredentialsFile || gc.ECSRoleName != wc.ECSRoleName || gc.CredentialsURI != wc.CredentialsURI {
		t.Errorf("credentials differ: got access key %q profile %q ecs %q uri %q, want %q %q %q %q (secrets compared, not shown)",
			gc.AccessKey, gc.Profile, gc.ECSRoleName, gc.CredentialsURI, wc.AccessKey, wc.Profile, wc.ECSRoleName, wc.CredentialsURI)
	}
	if (gc.AssumeRole == nil) != (wc.AssumeRole == nil) || (gc.AssumeRole != nil && *gc.AssumeRole != *wc.AssumeRole) {
		t.Errorf("assume_role = %+v, want %+v", gc.AssumeRole, wc.AssumeRole)
	}
	if (gc.AssumeRoleWithOIDC == nil) != (wc.AssumeRoleWithOIDC == nil) ||
		(gc.AssumeRoleWithOIDC != nil && *gc.AssumeRoleWithOIDC != *wc.AssumeRoleWithOIDC) {
		t.Errorf("assume_role_with_oidc = %+v, want %+v", gc.AssumeRoleWithOIDC, wc.AssumeRoleWithOIDC)
	}
}

func redacted(c alicloud.Config) alicloud.Config {
	c.Credentials = alicloud.Credentials{}
	return c
}

func TestResolveSettings_retriesAndTimeout(t *testing.T) {
	config := providerModel{MaxRetries: types.Int64Value(0), RequestTimeout: types.StringValue("2m")}
	got := resolveSettings(config, lookupFrom(nil)).clientConfig("1.0.0")
	if got.MaxRetries != 0 || got.RequestTimeout != 2*time.Minute {
		t.Errorf("max_retries = %d, request_timeout = %s; want 0 and 2m", got.MaxRetries, got.RequestTimeout)
	}
}

func TestSettingsValidate_environmentValues(t *testing.T) {
	tests := []struct {
		name string
		env  map[string]string
		want string // "" for no error
	}{
		{"valid", map[string]string{"ALIBABA_CLOUD_ENDPOINT_SDDP": "http://127.0.0.1:9", "ALIBABA_CLOUD_REGION": "cn-hangzhou"}, ""},
		{"malformed endpoint", map[string]string{"ALIBABA_CLOUD_ENDPOINT_WAF_OPENAPI": "ht!tp://x"}, "environment variable ALIBABA_CLOUD_ENDPOINT_WAF_OPENAPI"},
		{"endpoint without host", map[string]string{"ALIBABA_CLOUD_ENDPOINT_SDDP": "http://"}, "environment variable ALIBABA_CLOUD_ENDPOINT_SDDP"},
		{"bad region", map[string]string{"ALICLOUD_REGION": "Hangzhou!"}, "environment variable ALICLOUD_REGION"},
		{"bad credentials URI", map[string]string{"ALIBABA_CLOUD_CREDENTIALS_URI": "file:///etc/passwd"}, "environment variable ALIBABA_CLOUD_CREDENTIALS_URI"},
		{"partial OIDC block", map[string]string{"ALIBABA_CLOUD_OIDC_TOKEN_FILE": "/t"}, ""},
		{"max retries not a number", map[string]string{"ALIBABA_CLOUD_MAX_RETRIES": "many"}, `environment variable ALIBABA_CLOUD_MAX_RETRIES: expected a whole number of retries, 0 or more, such as "5", got "many"`},
		{"negative max retries", map[string]string{"ALIBABA_CLOUD_MAX_RETRIES": "-1"}, "ALIBABA_CLOUD_MAX_RETRIES"},
		{"bad request timeout", map[string]string{"ALIBABA_CLOUD_REQUEST_TIMEOUT": "30"}, "environment variable ALIBABA_CLOUD_REQUEST_TIMEOUT"},
		{"bad throttling timeout", map[string]string{"ALIBABA_CLOUD_THROTTLING_TIMEOUT": "-5s"}, "environment variable ALIBABA_CLOUD_THROTTLING_TIMEOUT"},
		{"negative rate limit", map[string]string{"ALIBABA_CLOUD_RATE_LIMIT_SDDP": "-1"}, `ALIBABA_CLOUD_RATE_LIMIT_SDDP: expected calls per second, 0 (adaptive only) or 0.5 to 10000, got -1`},
		{"rate limit below the floor", map[string]string{"ALIBABA_CLOUD_RATE_LIMIT_SDDP": "0.01"}, "ALIBABA_CLOUD_RATE_LIMIT_SDDP"},
		{"rate limit not a number", map[string]string{"ALIBABA_CLOUD_RATE_LIMIT_WAF_OPENAPI": "fast"}, "ALIBABA_CLOUD_RATE_LIMIT_WAF_OPENAPI"},
		{"infinite rate limit", map[string]string{"ALIBABA_CLOUD_RATE_LIMIT_WAF_OPENAPI": "+Inf"}, "ALIBABA_CLOUD_RATE_LIMIT_WAF_OPENAPI"},
		{"zero rate limit is adaptive", map[string]string{"ALIBABA_CLOUD_RATE_LIMIT_SDDP": "0"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			diags := resolveSettings(providerModel{}, lookupFrom(tt.env)).validate()
			switch {
			case tt.want == "" && diags.HasError():
				t.Fatalf("unexpected error: %v", diags)
			case tt.want != "" && !diags.HasError():
				t.Fatalf("expected an error naming %q, got none", tt.want)
			case tt.want != "" && !strings.Contains(diags.Errors()[0].Detail(), tt.want):
				t.Fatalf("error detail %q does not name %q", diags.Errors()[0].Detail(), tt.want)
			}
		})
	}
}

func TestSettingsValidate_incompleteRoles(t *testing.T) {
	tests := []struct {
		name   string
		config providerModel
		want   string
	}{
		{"assume_role without ARN", providerModel{AssumeRole: &assumeRoleModel{}}, "Missing Role ARN"},
		{"OIDC block without token file", providerModel{AssumeRoleWithOIDC: &assumeRoleWithOIDCModel{
			OIDCProviderARN: types.StringValue("p"), RoleARN: types.StringValue("r"),
		}}, "Incomplete OIDC Role Configuration"},
		{"OIDC block with only a session name", providerModel{AssumeRoleWithOIDC: &assumeRoleWithOIDCModel{
			RoleSessionName: types.StringValue("terraform"),
		}}, "Incomplete OIDC Role Configuration"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			diags := resolveSettings(tt.config, lookupFrom(nil)).validate()
			if !diags.HasError() || diags.Errors()[0].Summary() != tt.want {
				t.Fatalf("diagnostics = %v, want summary %q", diags, tt.want)
			}
		})
	}
}

func TestWarnCleartextEndpoints(t *testing.T) {
	tests := []struct {
		name     string
		config   providerModel
		env      map[string]string
		wantWarn string // "" for none
	}{
		{"https", providerModel{Endpoints: endpoints("waf_openapi", "https://waf.example")}, nil, ""},
		{"bare host is https", providerModel{Endpoints: endpoints("sddp", "sddp.example")}, nil, ""},
		{"http on loopback", providerModel{Endpoints: endpoints("waf_openapi", "http://127.0.0.1:8080")}, nil, ""},
		{"http on localhost", providerModel{Endpoints: endpoints("sddp", "http://localhost:8080")}, nil, ""},
		{"http across a network", providerModel{Endpoints: endpoints("sddp", "http://10.0.0.5:8080")}, nil, "endpoints.sddp"},
		{"http from the environment", providerModel{}, map[string]string{"ALIBABA_CLOUD_ENDPOINT_WAF_OPENAPI": "http://proxy.corp:80"}, "ALIBABA_CLOUD_ENDPOINT_WAF_OPENAPI"},
		{"http STS becomes https", providerModel{Endpoints: endpoints("sts", "http://127.0.0.1:9")}, nil, "https://127.0.0.1:9 will be used"},
		{"STS host alone", providerModel{Endpoints: endpoints("sts", "sts.example")}, nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var diags diag.Diagnostics
			warnCleartextEndpoints(resolveSettings(tt.config, lookupFrom(tt.env)), &diags)
			if tt.wantWarn == "" {
				if len(diags) != 0 {
					t.Fatalf("unexpected diagnostics: %v", diags)
				}
				return
			}
			if len(diags.Warnings()) != 1 || diags.HasError() {
				t.Fatalf("want one warning, got %v", diags)
			}
			if w := diags.Warnings()[0]; !strings.Contains(w.Detail(), tt.wantWarn) {
				t.Fatalf("warning %q: %q does not name %q", w.Summary(), w.Detail(), tt.wantWarn)
			}
		})
	}
}

func TestUnknownAttributes(t *testing.T) {
	endpointsType := tftypes.Object{AttributeTypes: map[string]tftypes.Type{"waf_openapi": tftypes.String, "sddp": tftypes.String}}
	configType := tftypes.Object{AttributeTypes: map[string]tftypes.Type{
		"access_key": tftypes.String, "max_retries": tftypes.Number, "endpoints": endpointsType,
	}}
	config := func(accessKey, waf tftypes.Value) tftypes.Value {
		return tftypes.NewValue(configType, map[string]tftypes.Value{
			"access_key":  accessKey,
			"max_retries": tftypes.NewValue(tftypes.Number, nil),
			"endpoints": tftypes.NewValue(endpointsType, map[string]tftypes.Value{
				"waf_openapi": waf, "sddp": tftypes.NewValue(tftypes.String, "sddp.example"),
			}),
		})
	}
	unknown := tftypes.NewValue(tftypes.String, tftypes.UnknownValue)
	known := tftypes.NewValue(tftypes.String, "x")
	tests := []struct {
		name   string
		config tftypes.Value
		want   []string
	}{
		{"all known", config(known, known), nil},
		{"top-level argument", config(unknown, known), []string{"access_key"}},
		{"argument in a block", config(known, unknown), []string{"endpoints.waf_openapi"}},
		{"whole block", tftypes.NewValue(configType, map[string]tftypes.Value{
			"access_key": known, "max_retries": tftypes.NewValue(tftypes.Number, nil),
			"endpoints": tftypes.NewValue(endpointsType, tftypes.UnknownValue),
		}), []string{"endpoints"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := unknownAttributes(tt.config); !slices.Equal(got, tt.want) {
				t.Errorf("unknownAttributes = %v, want %v", got, tt.want)
			}
		})
	}
}

// TestProviderSchema_environmentVariablesDocumented holds the provider
// page's claim: every top-level argument, and those of endpoints and
// rate_limits, names its environment variable, and setting that variable
// changes the client's configuration.
func TestProviderSchema_environmentVariablesDocumented(t *testing.T) {
	s := providerSchema()
	envName := regexp.MustCompile("Environment: `([A-Z_]+)`")
	// A value each argument accepts, unlike its default.
	sample := map[string]string{
		"region": "cn-shanghai", "max_retries": "2", "request_timeout": "7s", "throttling_timeout": "9s", "read_timeout": "3m",
		"credentials_uri": "http://127.0.0.1:1/c", "waf_openapi": "http://127.0.0.1:2", "sddp": "http://127.0.0.1:3",
		"sts": "sts.example", "rate_limits.waf_openapi": "3", "rate_limits.sddp": "4",
	}
	base := resolveSettings(providerModel{}, lookupFrom(nil)).clientConfig("test")
	check := func(name, description string) {
		m := envName.FindStringSubmatch(description)
		if m == nil {
			t.Errorf("%s: the description names no environment variable", name)
			return
		}
		value, ok := sample[name]
		if !ok {
			value, ok = sample[name[strings.LastIndex(name, ".")+1:]]
		}
		if !ok {
			value = "value-of-" + name
		}
		got := resolveSettings(providerModel{}, lookupFrom(map[string]string{m[1]: value})).clientConfig("test")
		if reflect.DeepEqual(got, base) {
			t.Errorf("%s: setting %s=%q changes nothing", name, m[1], value)
		}
	}
	for name, attr := range s.Attributes {
		check(name, attr.GetMarkdownDescription())
	}
	for _, block := range []string{"endpoints", "rate_limits"} {
		nested, ok := s.Blocks[block].(schema.SingleNestedBlock)
		if !ok {
			t.Fatalf("%s is a %T, not a single nested block", block, s.Blocks[block])
		}
		for name, attr := range nested.Attributes {
			check(block+"."+name, attr.GetMarkdownDescription())
		}
	}
}
