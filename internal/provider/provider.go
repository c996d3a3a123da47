// Package provider implements the alisec Terraform provider: its schema,
// and the mapping of internal/alicloud's answers onto Terraform values.
package provider

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/alisec/terraform-provider-alisec/internal/alicloud"
)

var (
	_ provider.Provider              = (*alisecProvider)(nil)
	_ provider.ProviderWithFunctions = (*alisecProvider)(nil)
)

// New returns a factory for the provider at the given version ("dev",
// "test" or a release number).
func New(version string) func() provider.Provider {
	return func() provider.Provider {
		return &alisecProvider{version: version}
	}
}

type alisecProvider struct {
	version string
}

// providerModel is the provider block.
type providerModel struct {
	AccessKey             types.String             `tfsdk:"access_key"`
	SecretKey             types.String             `tfsdk:"secret_key"`
	SecurityToken         types.String             `tfsdk:"security_token"`
	Region                types.String             `tfsdk:"region"`
	Profile               types.String             `tfsdk:"profile"`
	SharedCredentialsFile types.String             `tfsdk:"shared_credentials_file"`
	ECSRoleName           types.String             `tfsdk:"ecs_role_name"`
	CredentialsURI        types.String             `tfsdk:"credentials_uri"`
	MaxRetries            types.Int64              `tfsdk:"max_retries"`
	RequestTimeout        types.String             `tfsdk:"request_timeout"`
	ThrottlingTimeout     types.String             `tfsdk:"throttling_timeout"`
	ReadTimeout           types.String             `tfsdk:"read_timeout"`
	RateLimits            types.Object             `tfsdk:"rate_limits"`
	AssumeRole            *assumeRoleModel         `tfsdk:"assume_role"`
	AssumeRoleWithOIDC    *assumeRoleWithOIDCModel `tfsdk:"assume_role_with_oidc"`
	Endpoints             types.Object             `tfsdk:"endpoints"`
}

type assumeRoleModel struct {
	RoleARN           types.String `tfsdk:"role_arn"`
	SessionName       types.String `tfsdk:"session_name"`
	Policy            types.String `tfsdk:"policy"`
	SessionExpiration types.Int64  `tfsdk:"session_expiration"`
	ExternalID        types.String `tfsdk:"external_id"`
}

type assumeRoleWithOIDCModel struct {
	OIDCProviderARN   types.String `tfsdk:"oidc_provider_arn"`
	OIDCTokenFile     types.String `tfsdk:"oidc_token_file"`
	RoleARN           types.String `tfsdk:"role_arn"`
	RoleSessionName   types.String `tfsdk:"role_session_name"`
	Policy            types.String `tfsdk:"policy"`
	SessionExpiration types.Int64  `tfsdk:"session_expiration"`
}

// providerData is what every data source receives from Configure. Client is
// nil when the provider configuration held values unknown at plan time.
type providerData struct {
	client       *alicloud.Client
	credentials  credentialSource
	unknownPaths []string
}

func (p *alisecProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "alisec"
	resp.Version = p.version
}

func (p *alisecProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = providerSchema()
}

func (p *alisecProvider) DataSources(context.Context) []func() datasource.DataSource {
	return []func() datasource.DataSource{
		NewWAFThreatEventDataSource,
		NewWAFThreatEventsDataSource,
		NewDSCEventDataSource,
		NewDSCEventsDataSource,
	}
}

func (p *alisecProvider) Resources(context.Context) []func() resource.Resource { return nil }

// Functions are the provider-defined functions (Terraform 1.8 and later,
// OpenTofu 1.7 and later), called as provider::alisec::<name>(...).
func (p *alisecProvider) Functions(context.Context) []func() function.Function {
	return []func() function.Function{
		NewSeverityRankFunction,
		NewSeverityAtLeastFunction,
		NewEventAgeFunction,
		NewCIDRContainsAnyFunction,
	}
}

// Configure builds the one client every data source shares. It makes no
// network call: credentials are resolved on the first read.
func (p *alisecProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	if unknown := unknownAttributes(req.Config.Raw); len(unknown) > 0 {
		if req.ClientCapabilities.DeferralAllowed {
			resp.Deferred = &provider.Deferred{Reason: provider.DeferredReasonProviderConfigUnknown}
		}
		tflog.Debug(ctx, "provider configuration is not known yet", map[string]any{"unknown": unknown})
		resp.DataSourceData = &providerData{unknownPaths: unknown}
		return
	}
	var config providerModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}

	settings := resolveSettings(config, envLookup)
	resp.Diagnostics.Append(settings.validate()...)
	if resp.Diagnostics.HasError() {
		return
	}
	warnCleartextEndpoints(settings, &resp.Diagnostics)

	cfg := settings.clientConfig(p.version)
	// The client's log lines are the provider's only ones that could meet a
	// secret; masking them here covers every data source.
	secrets := cfg.Credentials.Secrets()
	cfg.Log = func(ctx context.Context, level alicloud.LogLevel, msg string, fields map[string]any) {
		ctx = maskSecrets(ctx, secrets)
		if level >= alicloud.LogInfo {
			tflog.Info(ctx, msg, fields)
			return
		}
		tflog.Debug(ctx, msg, fields)
	}
	client, err := alicloud.New(cfg)
	if err != nil {
		resp.Diagnostics.AddError("Invalid Provider Configuration",
			fmt.Sprintf("The alisec provider could not be set up: %s. Correct the provider block or the ALIBABA_CLOUD_* environment variables.", err))
		return
	}
	tflog.Debug(ctx, "configured alisec provider", map[string]any{
		"region": client.Region(), "access_key": client.MaskedAccessKeyID(),
		"max_retries": cfg.MaxRetries, "request_timeout": cfg.RequestTimeout.String(),
		"throttling_timeout": cfg.ThrottlingTimeout.String(), "read_timeout": cfg.ReadTimeout.String(),
		"rate_limits": cfg.RateLimits,
	})
	resp.DataSourceData = &providerData{client: client, credentials: settings.credentialSource(cfg.Credentials)}
}

// unknownAttributes lists the provider arguments that are unknown at plan
// time, such as a key read from a resource not created yet, walking the
// configuration itself so that no argument can be forgotten.
func unknownAttributes(config tftypes.Value) []string {
	var unknown []string
	_ = tftypes.Walk(config, func(p *tftypes.AttributePath, v tftypes.Value) (bool, error) {
		if v.IsKnown() {
			return true, nil
		}
		names := make([]string, 0, len(p.Steps()))
		for _, step := range p.Steps() {
			if name, ok := step.(tftypes.AttributeName); ok {
				names = append(names, string(name))
			}
		}
		unknown = append(unknown, strings.Join(names, "."))
		return false, nil
	})
	sort.Strings(unknown)
	return unknown
}

// clientFrom turns a data source's ProviderData into the shared client, or
// explains why there is none.
func clientFrom(data *providerData, diags *diag.Diagnostics) *alicloud.Client {
	if data == nil {
		diags.AddError("Unconfigured Provider",
			"The alisec provider was not configured before this data source was read. This is a bug in the provider; please report it.")
		return nil
	}
	if data.client == nil {
		diags.AddError("Provider Configuration Unknown at Plan Time",
			fmt.Sprintf("The alisec provider block uses values that are only known after apply (%s), so no event can be read during this plan. "+
				"Set them from variables or literals, or apply the resources they come from first (for example with -target).",
				strings.Join(data.unknownPaths, ", ")))
		return nil
	}
	return data.client
}

// providerDataFrom checks what the provider handed a data source. Nil means
// the provider is not configured yet, which happens during validation.
func providerDataFrom(raw any, diags *diag.Diagnostics) *providerData {
	if raw == nil {
		return nil
	}
	data, ok := raw.(*providerData)
	if !ok {
		diags.AddError("Unexpected Data Source Configure Type",
			fmt.Sprintf("Expected *provider.providerData, got %T. This is a bug in the provider; please report it.", raw))
		return nil
	}
	return data
}

// maskSecrets hides credentials from every log line written with the
// returned context: fields named like secrets, and the secret values
// themselves wherever they appear.
func maskSecrets(ctx context.Context, secrets []string) context.Context {
	ctx = tflog.MaskFieldValuesWithFieldKeys(ctx, "secret_key", "security_token", "Signature", "SecurityToken", "AccessKeySecret")
	if len(secrets) > 0 {
		ctx = tflog.MaskAllFieldValuesStrings(ctx, secrets...)
		ctx = tflog.MaskMessageStrings(ctx, secrets...)
	}
	return ctx
}
