package provider

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/alisec/terraform-provider-alisec/internal/alicloud"
	"github.com/alisec/terraform-provider-alisec/internal/products"
)

// ramAction is the RAM action an API action needs, from the products
// table: the target's own, or that of a call its read makes first (a WAF
// read's instance check).
func ramAction(action string) string {
	p, ok := products.OfAction(action)
	if !ok {
		return "(unknown: " + action + " is not in the products table)"
	}
	return p.RAMAction(action)
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

// addReadError turns a client error into one diagnostic whose summary names
// the cause, so that CI and on-call see it in the first line, and whose
// detail names the data source, what failed and how to fix it. It never
// includes a secret: the client's errors carry none.
func addReadError(diags *diag.Diagnostics, t readTarget, creds credentialSource, err error) {
	summary, detail := describeReadError(t, creds, err)
	diags.AddError(summary, fmt.Sprintf("%s (%s): %s", t.typeName(), t.action, detail))
}

func describeReadError(t readTarget, creds credentialSource, err error) (summary, detail string) {
	var (
		missing    *alicloud.MissingCredentialsError
		credErr    *alicloud.CredentialsError
		throttled  *alicloud.ThrottledError
		wrong      *alicloud.WrongInstanceError
		notFound   *alicloud.NotFoundError
		unexpected *alicloud.UnexpectedAnswerError
		tooMany    *alicloud.TooManyPagesError
		apiErr     *alicloud.APIError
		transport  *alicloud.TransportError
	)
	switch {
	case errors.As(err, &missing):
		return "Missing Alibaba Cloud Credentials", fmt.Sprintf("the provider needs credentials to call %s, but %s.\n\n%s",
			t.action, missing.Reason, creds.missingFix())
	case errors.As(err, &credErr):
		return "Credential Source Failed", fmt.Sprintf("could not obtain credentials from %s: %v.\n\n%s",
			creds.describe, credErr.Err, creds.sourceFix())
	case errors.As(err, &throttled):
		return "API Throttled", throttledDetail(throttled)
	case errors.As(err, &wrong):
		return "WAF Instance Not In Region", wrongInstanceDetail(wrong)
	case errors.As(err, &notFound):
		return "Event Not Found", notFoundDetail(notFound)
	case errors.As(err, &unexpected):
		return "Unexpected Answer", capitalize(unexpected.Error()) + "."
	case errors.As(err, &tooMany):
		return "Too Many Pages", fmt.Sprintf("%s: no listing here needs that many, so the read stopped rather than loop. "+
			"Narrow the time range, filter more (the data source's filter arguments), or set max_results.", capitalize(tooMany.Error()))
	case errors.As(err, &apiErr):
		return apiErrorSummary(apiErr), apiErrorDetail(creds, apiErr)
	case errors.As(err, &transport):
		return transportError(transport)
	}
	return "Unexpected Error", fmt.Sprintf("%s failed: %v.", t.action, err)
}

// throttledDetail says how long the read tried and what to change; the
// client's pacing has already slowed the action as far as it could.
func throttledDetail(e *alicloud.ThrottledError) string {
	return fmt.Sprintf("%s.\n\n"+
		"Alibaba Cloud limits each API action per account, across all its RAM users and tools. Other tools may be using this "+
		"account's quota. Lower the parallelism (terraform plan -parallelism=2), set rate_limits in the provider block below the "+
		"account's limit for this API, or give the read more time with throttling_timeout (now %s).",
		capitalize(e.Error()), e.Budget)
}

func wrongInstanceDetail(e *alicloud.WrongInstanceError) string {
	fix := "Check instance_id against the WAF console or DescribeInstance."
	switch {
	case e.OtherRegion != "":
		fix = fmt.Sprintf("Set region_id = %q, or a provider region served from there.", e.OtherRegion)
	case e.ActualUnknown:
		fix += fmt.Sprintf(" Granting the RAM action %q lets the provider name the account's instance.", ramAction(alicloud.WAFInstanceAction))
	}
	why := "its event APIs may answer an unknown instance with no events, so the read stops here instead of reporting none"
	if e.Refused != nil {
		why = "the API refused the instance"
	}
	return fmt.Sprintf("%s. WAF 3.0 has at most one instance per account and region (%s for the Chinese mainland, %s outside it), "+
		"and %s. %s", capitalize(e.Error()), products.WAFRegionChineseMainland, products.WAFRegionOutsideMainland, why, fix)
}

// addTotalCountContradiction warns that a WAF listing's pages fit neither
// reading of TotalCount. Every page was read to a short or empty one, so
// no event was dropped; total_count may be wrong.
func addTotalCountContradiction(diags *diag.Diagnostics, contradiction string) {
	if contradiction == "" {
		return
	}
	diags.AddAttributeWarning(path.Root("total_count"), "Inconsistent Total Count", fmt.Sprintf(
		"%s: %s. Every page was read until a short or empty one, so events is complete as far as the API pages it, "+
			"but total_count may not be the number of matching events. If this repeats, run make probe (docs/guides/api-conformance.md) "+
			"and attach its report to an issue.", alicloud.WAFThreatEventsAction, capitalize(contradiction)))
}

func notFoundDetail(e *alicloud.NotFoundError) string {
	detail := fmt.Sprintf("%s: the API answered, but has no such event.", capitalize(e.Error()))
	if c := e.Cause; c != nil {
		detail += fmt.Sprintf(" API error %s", c.Code)
		if c.Message != "" {
			detail += ": " + strings.TrimSuffix(c.Message, ".")
		}
		detail += "."
	}
	return detail + " Check the IDs and the region, and that the event has not expired from the console."
}

// apiErrorSummary names the cause of an error answer.
func apiErrorSummary(e *alicloud.APIError) string {
	switch {
	case e.HTTPStatus == http.StatusProxyAuthRequired:
		return "Proxy Authentication Required"
	case e.NotJSON && e.HTTPStatus == http.StatusNotFound:
		return "Wrong Endpoint"
	case e.NotJSON && e.HTTPStatus < 500:
		return "Not An API Answer"
	case e.IsPermissionDenied():
		return "Missing RAM Permission"
	case e.IsCredentialError():
		return "Invalid Credentials"
	case strings.HasPrefix(e.Code, "InvalidTimeStamp"):
		return "Clock Skew"
	case e.Code == "InvalidAction.NotFound" || e.Code == "InvalidVersion":
		return "Wrong Endpoint"
	case e.HTTPStatus >= 500:
		return "API Unavailable"
	case strings.HasPrefix(e.Code, "Missing") || strings.HasPrefix(e.Code, "Invalid"):
		return "Invalid Argument"
	}
	return "API Error"
}

func apiErrorDetail(creds credentialSource, e *alicloud.APIError) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s answered HTTP %d", e.Action, e.HTTPStatus)
	if e.Code != "" {
		fmt.Fprintf(&b, " with Code %q", e.Code)
	}
	if e.Message != "" {
		fmt.Fprintf(&b, ": %s", e.Message)
	}
	fmt.Fprintf(&b, "\nRequestId: %s", orUnknown(e.RequestID))
	fmt.Fprintf(&b, "\n\n%s", apiErrorFix(creds, e))
	if e.Recommend != "" {
		fmt.Fprintf(&b, "\nDiagnosis: %s", e.Recommend)
	}
	return b.String()
}

// apiErrorFix says what the user can change for each kind of error code.
func apiErrorFix(creds credentialSource, e *alicloud.APIError) string {
	switch {
	case e.HTTPStatus == http.StatusProxyAuthRequired:
		return "A proxy between here and the endpoint asks for credentials, so the request never reached Alibaba Cloud, and was not retried. " +
			"Give the proxy's user and password in HTTPS_PROXY (HTTP_PROXY for an http:// endpoint) as http://user:password@proxy:port, " +
			"or list the endpoint's host in NO_PROXY if it should be reached directly."
	case e.NotJSON && e.HTTPStatus == http.StatusNotFound:
		return fmt.Sprintf("%s answered with a web page, not an Alibaba Cloud API error: nothing serves the API there, so the read was not retried. "+
			"Check the endpoints block and the ALIBABA_CLOUD_ENDPOINT_* variables (a host name such as %q, or a scheme and host with no path), "+
			"and any proxy in HTTPS_PROXY.", e.Endpoint, exampleEndpoint(e.Action))
	case e.NotJSON && e.HTTPStatus < 500:
		return notAPIAnswerFix
	case e.IsPermissionDenied():
		return fmt.Sprintf("The credentials in use (%s) lack a RAM permission. Grant the RAM action %q, in a policy "+
			"attached to the RAM user or role the provider authenticates as.", creds.describe, ramAction(e.Action))
	case e.IsCredentialError():
		return creds.rejectedFix(e)
	case strings.HasPrefix(e.Code, "InvalidTimeStamp"):
		return "The request's timestamp was refused: synchronise this machine's clock (NTP)."
	case e.Code == "InvalidAction.NotFound" || e.Code == "InvalidVersion":
		return fmt.Sprintf("The endpoint %s does not serve %s: check the endpoints block and the ALIBABA_CLOUD_ENDPOINT_* variables.", e.Endpoint, e.Action)
	case e.HTTPStatus >= 500:
		return "The service failed on its side after all retries: try again later, or raise max_retries."
	case strings.HasPrefix(e.Code, "Missing") || strings.HasPrefix(e.Code, "Invalid"):
		return "The API refused a parameter: check the data source's arguments against the error message."
	}
	return "The provider has no advice for this error code: the message above says what the API refused. " +
		"The API Error row of the Troubleshooting section of the provider's README says where to look next."
}

// exampleEndpoint is the public endpoint of action's product in its first
// API region, to show what an endpoint looks like.
func exampleEndpoint(action string) string {
	p, ok := products.OfAction(action)
	if !ok || len(p.Regions) == 0 {
		return "wafopenapi.cn-hangzhou.aliyuncs.com"
	}
	return p.Endpoint(p.Regions[0])
}

// notAPIAnswerFix is the advice for a page where the API's answer should be.
const notAPIAnswerFix = "Something other than the Alibaba Cloud API answered: a captive portal (a network's sign-in page), a proxy or " +
	"firewall, or a web server at a wrong endpoint. The same page would come back, so the read was not retried. Sign in to the " +
	"network, check proxies (HTTPS_PROXY, HTTP_PROXY, NO_PROXY), and check the endpoints block and the ALIBABA_CLOUD_ENDPOINT_* variables."

// transportCauses names each cause of a failed exchange and says what to
// do about it; a cause missing here is a network failure.
var transportCauses = map[alicloud.TransportCause]struct{ summary, fix string }{
	alicloud.CauseRefused: {summary: "Endpoint Unreachable", fix: "Nothing accepts connections there, so the read was not retried. Check the endpoints block and the " +
		"ALIBABA_CLOUD_ENDPOINT_* variables, and that any proxy or local fake cloud they name is running."},
	alicloud.CauseUnknownHost: {summary: "Endpoint Unreachable", fix: "The host name does not resolve. Check region and the endpoints block for typos, and this machine's DNS."},
	alicloud.CauseTLS: {summary: "Endpoint Unreachable", fix: "The endpoint's certificate is not trusted. Check for a TLS-intercepting proxy " +
		"(add its CA to this machine's trust store) or a wrong endpoint."},
	alicloud.CauseNetwork: {summary: "Endpoint Unreachable", fix: "The connection failed after all retries. Check the network path to the endpoint, " +
		"or raise max_retries if it is flaky."},
	alicloud.CauseTimeout: {summary: "Endpoint Timed Out", fix: "No complete answer came within request_timeout (the attempts are counted above; an " +
		"endpoint that hangs is tried twice at most, and once two attempts in a row have timed out there, every other read of the plan " +
		"to it fails at once). Check proxies and firewalls between here and the endpoint; raise request_timeout " +
		"only if the service is known to be slow from here."},
	alicloud.CauseReadTimeout: {summary: "Read Timed Out", fix: "Raise read_timeout (ALIBABA_CLOUD_READ_TIMEOUT) if this read is expected to take that long, " +
		"such as a list of many pages."},
	alicloud.CauseStopped: {summary: "Read Cancelled", fix: "Terraform stopped the read (Ctrl-C, or its own deadline)."},
	alicloud.CauseNotAPI:  {summary: "Not An API Answer", fix: notAPIAnswerFix},
	alicloud.CauseIncomplete: {summary: "Incomplete Answer", fix: "Every answer was cut short, after all retries: a connection dropped mid-answer, " +
		"or a proxy in between answers for the endpoint. Check proxies (HTTPS_PROXY) and the endpoints block."},
}

// transportError names why no answer came, with advice that fits it.
func transportError(e *alicloud.TransportError) (summary, detail string) {
	cause, ok := transportCauses[e.Cause()]
	if !ok {
		cause = transportCauses[alicloud.CauseNetwork]
	}
	return cause.summary, capitalize(e.Error()) + ".\n\n" + cause.fix
}

// addInstanceNotVerified warns that the WAF instance could not be checked;
// the client reports it once per region and provider process.
func addInstanceNotVerified(diags *diag.Diagnostics, v *alicloud.InstanceNotVerified) {
	if v == nil || v.Denied == nil {
		return
	}
	diags.AddWarning("WAF Instance Not Verified", fmt.Sprintf(
		"The credentials in use may not call %s (Code %q, RequestId %s), so the provider could not check that instance_id is "+
			"this account's WAF instance in the region. A mistyped instance or the wrong region reads as no events. "+
			"Grant the RAM action %q to have every WAF read checked.",
		alicloud.WAFInstanceAction, v.Denied.Code, orUnknown(v.Denied.RequestID), ramAction(alicloud.WAFInstanceAction)))
}
