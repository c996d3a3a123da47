package provider

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/alisec/terraform-provider-alisec/internal/alicloud"
	"github.com/alisec/terraform-provider-alisec/internal/products"
)

// envLookup reads the process environment; tests pass their own.
var envLookup = os.LookupEnv

// setting is one resolved value and where it came from, so that an error
// can point at the attribute or the environment variable to fix.
type setting struct {
	value  string
	attr   path.Path // set when the value came from the configuration
	envVar string    // set when it came from the environment
}

// origin says where the value was set, for a sentence.
func (s setting) origin() string {
	if s.envVar != "" {
		return "environment variable " + s.envVar
	}
	return "the provider's " + s.attr.String() + " argument"
}

func (s setting) source() string {
	if s.envVar != "" {
		return "environment variable " + s.envVar
	}
	return s.attr.String()
}

// settings is the provider configuration after environment fallbacks.
type settings struct {
	accessKey, secretKey, securityToken    setting
	region, profile, sharedCredentialsFile setting
	ecsRoleName, credentialsURI            setting
	maxRetries, requestTimeout             setting
	throttlingTimeout, readTimeout         setting
	// endpoints and rateLimits hold each product's, by its Key.
	endpoints, rateLimits map[string]setting
	stsEndpoint           setting
	assumeRole            *alicloud.AssumeRole
	assumeRoleWithOIDC    *alicloud.AssumeRoleWithOIDC
}

// int64Text and float64Text give a number argument as text, the form its
// environment variable has, so that both are picked and checked alike.
func int64Text(v types.Int64) types.String {
	if v.IsNull() || v.IsUnknown() {
		return types.StringNull()
	}
	return types.StringValue(strconv.FormatInt(v.ValueInt64(), 10))
}

func float64Text(v types.Float64) types.String {
	if v.IsNull() || v.IsUnknown() {
		return types.StringNull()
	}
	return types.StringValue(strconv.FormatFloat(v.ValueFloat64(), 'g', -1, 64))
}

// pick returns the configured value of attr, else the first environment
// variable that is set and not empty. Earlier names win, so the
// ALIBABA_CLOUD_* name is listed before its ALICLOUD_* twin.
func pick(v types.String, attr path.Path, lookup func(string) (string, bool), envVars ...string) setting {
	if s := v.ValueString(); s != "" {
		return setting{value: s, attr: attr}
	}
	for _, name := range envVars {
		if s, ok := lookup(name); ok && s != "" {
			return setting{value: s, envVar: name}
		}
	}
	return setting{}
}

func resolveSettings(c providerModel, lookup func(string) (string, bool)) settings {
	root := path.Root
	s := settings{
		accessKey:             pick(c.AccessKey, root("access_key"), lookup, "ALIBABA_CLOUD_ACCESS_KEY_ID", "ALICLOUD_ACCESS_KEY"),
		secretKey:             pick(c.SecretKey, root("secret_key"), lookup, "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "ALICLOUD_SECRET_KEY"),
		securityToken:         pick(c.SecurityToken, root("security_token"), lookup, "ALIBABA_CLOUD_SECURITY_TOKEN", "ALICLOUD_SECURITY_TOKEN"),
		region:                pick(c.Region, root("region"), lookup, "ALIBABA_CLOUD_REGION", "ALICLOUD_REGION"),
		profile:               pick(c.Profile, root("profile"), lookup, "ALIBABA_CLOUD_PROFILE", "ALICLOUD_PROFILE"),
		sharedCredentialsFile: pick(c.SharedCredentialsFile, root("shared_credentials_file"), lookup, "ALIBABA_CLOUD_SHARED_CREDENTIALS_FILE", "ALICLOUD_SHARED_CREDENTIALS_FILE"),
		ecsRoleName:           pick(c.ECSRoleName, root("ecs_role_name"), lookup, "ALIBABA_CLOUD_ECS_METADATA"),
		credentialsURI:        pick(c.CredentialsURI, root("credentials_uri"), lookup, "ALIBABA_CLOUD_CREDENTIALS_URI"),
		maxRetries:            pick(int64Text(c.MaxRetries), root("max_retries"), lookup, "ALIBABA_CLOUD_MAX_RETRIES"),
		requestTimeout:        pick(c.RequestTimeout, root("request_timeout"), lookup, "ALIBABA_CLOUD_REQUEST_TIMEOUT"),
		throttlingTimeout:     pick(c.ThrottlingTimeout, root("throttling_timeout"), lookup, "ALIBABA_CLOUD_THROTTLING_TIMEOUT"),
		readTimeout:           pick(c.ReadTimeout, root("read_timeout"), lookup, "ALIBABA_CLOUD_READ_TIMEOUT"),
	}
	s.endpoints, s.rateLimits = map[string]setting{}, map[string]setting{}
	for _, p := range products.All {
		s.endpoints[p.Key] = pick(blockText(c.Endpoints, p.Key), root("endpoints").AtName(p.Key), lookup, p.EndpointEnv)
		s.rateLimits[p.Key] = pick(blockText(c.RateLimits, p.Key), root("rate_limits").AtName(p.Key), lookup, p.RateLimitEnv)
	}
	s.stsEndpoint = pick(blockText(c.Endpoints, "sts"), root("endpoints").AtName("sts"), lookup, "ALIBABA_CLOUD_ENDPOINT_STS")
	if a := c.AssumeRole; a != nil {
		s.assumeRole = &alicloud.AssumeRole{
			RoleARN:           pick(a.RoleARN, root("assume_role").AtName("role_arn"), lookup, "ALIBABA_CLOUD_ROLE_ARN").value,
			SessionName:       a.SessionName.ValueString(),
			Policy:            a.Policy.ValueString(),
			ExternalID:        a.ExternalID.ValueString(),
			SessionExpiration: int(a.SessionExpiration.ValueInt64()),
		}
	}
	s.assumeRoleWithOIDC = resolveOIDC(c.AssumeRoleWithOIDC, lookup)
	return s
}

// resolveOIDC uses the block if present, else the three environment
// variables that ACK RRSA and CI workload identity set, if all are there.
func resolveOIDC(o *assumeRoleWithOIDCModel, lookup func(string) (string, bool)) *alicloud.AssumeRoleWithOIDC {
	at := path.Root("assume_role_with_oidc").AtName
	blockGiven := o != nil
	if o == nil {
		o = &assumeRoleWithOIDCModel{}
	}
	out := &alicloud.AssumeRoleWithOIDC{
		OIDCProviderARN:   pick(o.OIDCProviderARN, at("oidc_provider_arn"), lookup, "ALIBABA_CLOUD_OIDC_PROVIDER_ARN").value,
		OIDCTokenFile:     pick(o.OIDCTokenFile, at("oidc_token_file"), lookup, "ALIBABA_CLOUD_OIDC_TOKEN_FILE").value,
		RoleARN:           pick(o.RoleARN, at("role_arn"), lookup, "ALIBABA_CLOUD_ROLE_ARN").value,
		RoleSessionName:   o.RoleSessionName.ValueString(),
		Policy:            o.Policy.ValueString(),
		SessionExpiration: int(o.SessionExpiration.ValueInt64()),
	}
	envComplete := out.OIDCProviderARN != "" && out.OIDCTokenFile != "" && out.RoleARN != ""
	if !blockGiven && !envComplete {
		return nil
	}
	return out
}

// validate checks what the schema validators cannot: values that came from
// the environment, and combinations.
func (s settings) validate() diag.Diagnostics {
	var diags diag.Diagnostics
	check := func(st setting, summary string, fn func(string) error) {
		if st.value == "" {
			return
		}
		if err := fn(st.value); err != nil {
			addSettingError(&diags, st, summary, err)
		}
	}
	check(s.region, "Invalid Region", checkRegion)
	check(s.requestTimeout, "Invalid Duration", checkDuration)
	check(s.throttlingTimeout, "Invalid Duration", checkDuration)
	check(s.readTimeout, "Invalid Duration", checkDuration)
	s.checkTimeouts(&diags)
	check(s.maxRetries, "Invalid Number", checkRetries)
	check(s.credentialsURI, "Invalid Credentials URI", checkURL)
	for _, p := range products.All {
		check(s.rateLimits[p.Key], "Invalid Rate Limit", checkRateLimit)
		check(s.endpoints[p.Key], "Invalid Endpoint", endpointCheck(exampleHost(p)))
	}
	check(s.stsEndpoint, "Invalid Endpoint", endpointCheck(stsExampleHost))
	if s.assumeRole != nil && s.assumeRole.RoleARN == "" {
		diags.AddAttributeError(path.Root("assume_role").AtName("role_arn"), "Missing Role ARN",
			"The assume_role block needs the ARN of the role to assume, got none. Set role_arn (acs:ram::<account>:role/<name>) or ALIBABA_CLOUD_ROLE_ARN, or remove the block.")
	}
	if o := s.assumeRoleWithOIDC; o != nil && (o.OIDCProviderARN == "" || o.OIDCTokenFile == "" || o.RoleARN == "") {
		diags.AddAttributeError(path.Root("assume_role_with_oidc"), "Incomplete OIDC Role Configuration",
			"assume_role_with_oidc needs oidc_provider_arn, oidc_token_file and role_arn (or ALIBABA_CLOUD_OIDC_PROVIDER_ARN, "+
				"ALIBABA_CLOUD_OIDC_TOKEN_FILE and ALIBABA_CLOUD_ROLE_ARN); at least one is missing. Set all three.")
	}
	return diags
}

// checkTimeouts fails when a read would be cut off before its throttled
// retries or a single attempt could end: read_timeout bounds them all.
func (s settings) checkTimeouts(diags *diag.Diagnostics) {
	read := parseDuration(s.readTimeout.value, alicloud.DefaultReadTimeout)
	for _, inner := range []struct {
		name string
		st   setting
		def  time.Duration
	}{
		{"throttling_timeout", s.throttlingTimeout, alicloud.DefaultThrottlingTimeout},
		{"request_timeout", s.requestTimeout, alicloud.DefaultRequestTimeout},
	} {
		d := parseDuration(inner.st.value, inner.def)
		if d < read {
			continue
		}
		at := s.readTimeout
		if at.value == "" {
			at = inner.st
		}
		addSettingError(diags, at, "Conflicting Timeouts", fmt.Errorf(
			"read_timeout (%s) bounds each read, all its attempts and waits included, so it must be longer than %s (%s). "+
				"Raise read_timeout (ALIBABA_CLOUD_READ_TIMEOUT) or lower %s", read, inner.name, d, inner.name))
	}
}

func addSettingError(diags *diag.Diagnostics, st setting, summary string, err error) {
	detail := fmt.Sprintf("%s: %s", st.source(), err)
	if st.envVar != "" {
		diags.AddError(summary, detail+". Correct or unset the environment variable.")
		return
	}
	diags.AddAttributeError(st.attr, summary, detail)
}

// warnCleartextEndpoints warns when signed requests would cross a network
// unencrypted: the signature does not hide the access key ID or the event.
func warnCleartextEndpoints(s settings, diags *diag.Diagnostics) {
	for _, p := range products.All {
		st := s.endpoints[p.Key]
		ep, err := alicloud.ParseEndpoint(st.value)
		if err != nil || ep.Scheme != "http" || ep.IsLoopback() {
			continue
		}
		summary, detail := "Unencrypted Endpoint", fmt.Sprintf(
			"%s is %q: requests, the access key ID and security tokens travel to it in clear text. Use an https:// URL unless this host is on a network you trust.",
			st.source(), st.value)
		addSettingWarning(diags, st, summary, detail)
	}
	if ep, err := alicloud.ParseEndpoint(s.stsEndpoint.value); err == nil && ep.Scheme == "http" {
		addSettingWarning(diags, s.stsEndpoint, "STS Endpoint Uses HTTPS",
			fmt.Sprintf("%s is %q, but the Alibaba Cloud SDK always reaches STS over HTTPS: https://%s will be used. Write the host name alone to silence this warning.",
				s.stsEndpoint.source(), s.stsEndpoint.value, ep.Host))
	}
}

func addSettingWarning(diags *diag.Diagnostics, st setting, summary, detail string) {
	if st.envVar != "" {
		diags.AddWarning(summary, detail)
		return
	}
	diags.AddAttributeWarning(st.attr, summary, detail)
}

func (s settings) clientConfig(version string) alicloud.Config {
	maxRetries := alicloud.DefaultMaxRetries
	if n, err := strconv.Atoi(s.maxRetries.value); err == nil {
		maxRetries = n
	}
	return alicloud.Config{
		Region: s.region.value,
		Credentials: alicloud.Credentials{
			AccessKey:             strings.TrimSpace(s.accessKey.value),
			SecretKey:             s.secretKey.value,
			SecurityToken:         s.securityToken.value,
			Profile:               s.profile.value,
			SharedCredentialsFile: s.sharedCredentialsFile.value,
			ECSRoleName:           s.ecsRoleName.value,
			CredentialsURI:        s.credentialsURI.value,
			AssumeRole:            s.assumeRole,
			AssumeRoleWithOIDC:    s.assumeRoleWithOIDC,
		},
		Endpoints:         s.clientEndpoints(),
		RateLimits:        s.clientRateLimits(),
		MaxRetries:        maxRetries,
		RequestTimeout:    parseDuration(s.requestTimeout.value, alicloud.DefaultRequestTimeout),
		ThrottlingTimeout: parseDuration(s.throttlingTimeout.value, alicloud.DefaultThrottlingTimeout),
		ReadTimeout:       parseDuration(s.readTimeout.value, alicloud.DefaultReadTimeout),
		UserAgent:         "terraform-provider-alisec/" + version,
	}
}

// clientEndpoints are the configured endpoint overrides, by product Key.
func (s settings) clientEndpoints() alicloud.Endpoints {
	eps := alicloud.Endpoints{Products: map[string]string{}, STS: s.stsEndpoint.value}
	for key, st := range s.endpoints {
		if st.value != "" {
			eps.Products[key] = st.value
		}
	}
	return eps
}

// clientRateLimits are the configured rate caps, by product Key.
func (s settings) clientRateLimits() alicloud.RateLimits {
	limits := alicloud.RateLimits{}
	for key, st := range s.rateLimits {
		if r := parseRate(st.value); r > 0 {
			limits[key] = r
		}
	}
	return limits
}

// blockText is the named attribute of an optional block, as the text pick
// compares and checks; null when the block or the attribute is.
func blockText(block types.Object, name string) types.String {
	if block.IsNull() || block.IsUnknown() {
		return types.StringNull()
	}
	switch v := block.Attributes()[name].(type) {
	case types.String:
		return v
	case types.Float64:
		return float64Text(v)
	}
	return types.StringNull()
}

// parseDuration reads a checked duration; unset is def.
func parseDuration(text string, def time.Duration) time.Duration {
	d, err := time.ParseDuration(text)
	if err != nil || d <= 0 {
		return def
	}
	return d
}

// parseRate reads a checked rate limit; unset is 0, adaptive only.
func parseRate(text string) float64 {
	r, err := strconv.ParseFloat(text, 64)
	if err != nil || r < 0 {
		return 0
	}
	return r
}
