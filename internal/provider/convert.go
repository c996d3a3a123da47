package provider

import (
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/alisec/terraform-provider-alisec/internal/alicloud"
)

// unixMillis maps a timestamp to its Int64 milliseconds and its RFC 3339
// twin; both are null when the API sent none.
func unixMillis(ms *int64) (types.Int64, types.String) {
	if ms == nil {
		return types.Int64Null(), types.StringNull()
	}
	return types.Int64Value(*ms), types.StringValue(time.UnixMilli(*ms).UTC().Format(time.RFC3339))
}

// mapList maps API items to list elements; nil (absent) stays nil, a null
// list.
func mapList[T, M any](items []T, toModel func(T) M) []M {
	if items == nil {
		return nil
	}
	out := make([]M, len(items))
	for i, item := range items {
		out[i] = toModel(item)
	}
	return out
}

// addDecodeWarnings reports fields the API sent in a shape the provider
// could not use. fieldPaths maps API fields to the attributes they feed.
func addDecodeWarnings(diags *diag.Diagnostics, warnings []alicloud.DecodeWarning, fieldPaths map[string]path.Path) {
	for _, w := range warnings {
		detail := fmt.Sprintf("The API's %s could not be used as documented: %s. The attribute is null; the rest of the event is read normally.", w.Field, w.Detail)
		if p, ok := fieldPaths[w.Field]; ok {
			diags.AddAttributeWarning(p, "Unexpected API Value", detail)
			continue
		}
		diags.AddWarning("Unexpected API Value", detail)
	}
}

// readTarget names what a data source reads, for its error messages.
type readTarget struct {
	summary   string // "Error Reading WAF Threat Event"
	action    string // API action
	ramAction string // RAM action to grant
}

// credentialSources lists every way to configure credentials.
const credentialSources = `Provide credentials in one of these ways:
  - access_key and secret_key (plus security_token for STS keys) in the provider block, or
    ALIBABA_CLOUD_ACCESS_KEY_ID / ALIBABA_CLOUD_ACCESS_KEY_SECRET / ALIBABA_CLOUD_SECURITY_TOKEN
    (or ALICLOUD_ACCESS_KEY / ALICLOUD_SECRET_KEY / ALICLOUD_SECURITY_TOKEN);
  - profile (ALIBABA_CLOUD_PROFILE) and shared_credentials_file, naming an Alibaba Cloud CLI profile;
  - assume_role_with_oidc, or ALIBABA_CLOUD_OIDC_PROVIDER_ARN, ALIBABA_CLOUD_OIDC_TOKEN_FILE and ALIBABA_CLOUD_ROLE_ARN;
  - ecs_role_name (ALIBABA_CLOUD_ECS_METADATA) on an ECS instance with a RAM role;
  - credentials_uri (ALIBABA_CLOUD_CREDENTIALS_URI).
An assume_role block can be added to any of them.`

// addReadError turns a client error into one diagnostic that says what
// failed and how to fix it. It never includes a secret: the client's errors
// carry none.
func addReadError(diags *diag.Diagnostics, t readTarget, err error) {
	var (
		missing   *alicloud.MissingCredentialsError
		creds     *alicloud.CredentialsError
		notFound  *alicloud.NotFoundError
		apiErr    *alicloud.APIError
		transport *alicloud.TransportError
		throttled *alicloud.ThrottledError
	)
	switch {
	case errors.As(err, &throttled):
		diags.AddError("API Throttled", throttledDetail(t, throttled))
	case errors.As(err, &missing):
		diags.AddError("Missing Alibaba Cloud Credentials",
			fmt.Sprintf("The alisec provider needs credentials to call %s, but %s.\n\n%s", t.action, missing.Reason, credentialSources))
	case errors.As(err, &creds):
		diags.AddError(t.summary, fmt.Sprintf("Could not obtain credentials for %s from the configured source: %v.\n\n"+
			"Check the profile, role ARN, OIDC token file, ECS role or credentials URI the provider is configured with.", t.action, creds.Err))
	case errors.As(err, &notFound):
		detail := fmt.Sprintf("%s: the API answered, but has no such event.", capitalize(notFound.Error()))
		if c := notFound.Cause; c != nil {
			detail += fmt.Sprintf(" API error %s", c.Code)
			if c.Message != "" {
				detail += ": " + strings.TrimSuffix(c.Message, ".")
			}
			detail += "."
		}
		diags.AddError(t.summary, detail+" Check the IDs and the region, and that the event has not expired from the console.")
	case errors.As(err, &apiErr):
		diags.AddError(t.summary, apiErrorDetail(t, apiErr))
	case errors.As(err, &transport):
		diags.AddError(t.summary, fmt.Sprintf("%s.\n\nCheck that the endpoint is reachable from here (network, proxy, endpoints block), "+
			"or raise request_timeout or max_retries if the service is slow.", capitalize(transport.Error())))
	default:
		diags.AddError(t.summary, fmt.Sprintf("%s failed: %v.", t.action, err))
	}
}

// throttledDetail says how long the read tried and what to change; the
// client's pacing has already slowed the action as far as it could.
func throttledDetail(t readTarget, e *alicloud.ThrottledError) string {
	return fmt.Sprintf("%s: %s.\n\n"+
		"Alibaba Cloud limits each API action per account, across all its RAM users and tools. Other tools may be using this "+
		"account's quota. Lower the parallelism (terraform plan -parallelism=2), set rate_limits in the provider block below the "+
		"account's limit for this API, or give the read more time with throttling_timeout (now %s).",
		t.summary, capitalize(e.Error()), e.Budget)
}

func apiErrorDetail(t readTarget, e *alicloud.APIError) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s answered HTTP %d", t.action, e.HTTPStatus)
	if e.Code != "" {
		fmt.Fprintf(&b, " with Code %q", e.Code)
	}
	if e.Message != "" {
		fmt.Fprintf(&b, ": %s", e.Message)
	}
	fmt.Fprintf(&b, "\nRequestId: %s", orUnknown(e.RequestID))
	fmt.Fprintf(&b, "\n\n%s", apiErrorFix(t, e))
	if e.Recommend != "" {
		fmt.Fprintf(&b, "\nDiagnosis: %s", e.Recommend)
	}
	return b.String()
}

// apiErrorFix says what the user can change for each kind of error code.
func apiErrorFix(t readTarget, e *alicloud.APIError) string {
	switch {
	case e.IsPermissionDenied():
		return fmt.Sprintf("The credentials in use lack a RAM permission. Grant the RAM action %q, in a policy "+
			"attached to the RAM user or role the provider authenticates as.", t.ramAction)
	case e.Code == "SignatureDoesNotMatch" || e.Code == "IncompleteSignature":
		return "The signature was rejected: check secret_key (ALIBABA_CLOUD_ACCESS_KEY_SECRET); it must be the secret of the access_key in use."
	case strings.HasPrefix(e.Code, "InvalidAccessKeyId"):
		return "The access key ID is unknown or disabled: check access_key (ALIBABA_CLOUD_ACCESS_KEY_ID) and that the key is active in the RAM console."
	case strings.HasPrefix(e.Code, "InvalidSecurityToken"):
		return "The STS security token is expired or does not belong to the access key: refresh security_token together with its access key."
	case strings.HasPrefix(e.Code, "InvalidTimeStamp"):
		return "The request's timestamp was refused: synchronise this machine's clock (NTP)."
	case e.HTTPStatus >= 500:
		return "The service failed on its side after all retries: try again later, or raise max_retries."
	case strings.HasPrefix(e.Code, "Missing") || strings.HasPrefix(e.Code, "Invalid"):
		return "The API refused a parameter: check the data source's arguments against the error message."
	}
	return "See the Troubleshooting section of the provider's README for this error code."
}

func orUnknown(s string) string {
	if s == "" {
		return "(none in the response)"
	}
	return s
}

func capitalize(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	if size == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[size:]
}
