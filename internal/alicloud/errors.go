package alicloud

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"regexp"
	"strings"
	"syscall"
	"unicode/utf8"
)

// ErrMissingCredentials is returned by every call when no way of
// authenticating was configured.
var ErrMissingCredentials = errors.New("no Alibaba Cloud credentials are configured")

// APIError is an error answered by an Alibaba Cloud RPC endpoint.
type APIError struct {
	Action     string
	Endpoint   string
	Code       string
	Message    string
	RequestID  string
	HostID     string
	Recommend  string
	HTTPStatus int
	// NotJSON says that the body is not the documented JSON error body: a
	// gateway's, a proxy's or a web server's page; Message quotes its start.
	NotJSON bool
	// AccessKeyID is the access key ID the request was signed with,
	// masked, so that a credential error can say which key was refused.
	AccessKeyID string
}

func (e *APIError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s failed: HTTP %d", e.Action, e.HTTPStatus)
	if e.Code != "" {
		fmt.Fprintf(&b, ", Code %s", e.Code)
	}
	if e.Message != "" {
		fmt.Fprintf(&b, ": %s", e.Message)
	}
	if e.RequestID != "" {
		fmt.Fprintf(&b, " (RequestId %s)", e.RequestID)
	}
	return b.String()
}

// IsPermissionDenied reports whether the caller lacks a RAM permission.
func (e *APIError) IsPermissionDenied() bool {
	switch e.Code {
	case "Forbidden.RAM", "NoPermission", "Forbidden", "Forbidden.NoPermission", "Forbidden.AccessDenied":
		return true
	}
	return strings.HasPrefix(e.Code, "Forbidden.RAM")
}

// IsCredentialError reports whether the access key or its signature was rejected.
func (e *APIError) IsCredentialError() bool {
	switch e.Code {
	case "SignatureDoesNotMatch", "IncompleteSignature", "InvalidAccessKeyId.NotFound",
		"InvalidAccessKeyId.Inactive", "InvalidAccessKeyId", "InvalidSecurityToken.Expired",
		"InvalidSecurityToken.Malformed", "InvalidSecurityToken.MismatchWithAccessKey":
		return true
	}
	return false
}

// NotFoundError says that the API answered, but the event it was asked for
// does not exist or is not visible to the caller.
type NotFoundError struct {
	What      string
	RequestID string
	Cause     *APIError
}

func (e *NotFoundError) Error() string {
	if e.RequestID == "" {
		return e.What + " was not found"
	}
	return fmt.Sprintf("%s was not found (RequestId %s)", e.What, e.RequestID)
}

func (e *NotFoundError) Unwrap() error {
	if e.Cause == nil {
		return nil
	}
	return e.Cause
}

// TransportError is a failure to get any answer from an endpoint: a refused
// or reset connection, a timeout, a body cut short; or a success answer
// that is not the API's (CauseNotAPI).
type TransportError struct {
	Action   string
	Endpoint string
	Attempts int
	Err      error
}

func (e *TransportError) Error() string {
	var open *EndpointTimedOutError
	if e.Attempts == 0 && errors.As(e.Err, &open) {
		return fmt.Sprintf("%s: not sent to %s: %v", e.Action, e.Endpoint, e.Err)
	}
	if errors.Is(e.Err, errNotAPIAnswer) {
		return fmt.Sprintf("%s: %s did not answer as the API does: %v", e.Action, e.Endpoint, e.Err)
	}
	if e.Attempts == 0 {
		return fmt.Sprintf("%s: stopped waiting for %s: %v", e.Action, e.Endpoint, e.Err)
	}
	return fmt.Sprintf("%s: no answer from %s after %d attempt(s): %v", e.Action, e.Endpoint, e.Attempts, e.Err)
}

func (e *TransportError) Unwrap() error { return e.Err }

// TransportCause sorts transport failures by what the user can do.
type TransportCause string

// The causes of a TransportError.
const (
	CauseReadTimeout TransportCause = "read timeout" // the read ran past ReadTimeout
	CauseStopped     TransportCause = "stopped"      // the read's context ended: Ctrl-C or Terraform's own deadline
	CauseTimeout     TransportCause = "timeout"      // connected or trying, but no answer in time
	CauseRefused     TransportCause = "refused"      // nothing listens at the endpoint
	CauseUnknownHost TransportCause = "unknown host" // the endpoint's host name does not resolve
	CauseIncomplete  TransportCause = "incomplete"   // an answer cut short: a dropped connection or a proxy
	CauseNotAPI      TransportCause = "not the API"  // a success answer that is no JSON: a captive portal, a proxy, a web server
	CauseTLS         TransportCause = "tls"          // the endpoint's certificate is not trusted
	CauseNetwork     TransportCause = "network"      // anything else: reset, dropped, cut short
)

// Cause says why no answer came.
func (e *TransportError) Cause() TransportCause {
	var (
		dns              *net.DNSError
		unknownAuthority x509.UnknownAuthorityError
		hostname         x509.HostnameError
		invalid          x509.CertificateInvalidError
		verification     *tls.CertificateVerificationError
		netErr           net.Error
	)
	switch {
	case errors.Is(e.Err, ErrReadTimedOut):
		return CauseReadTimeout
	case errors.Is(e.Err, context.Canceled), errors.Is(e.Err, context.DeadlineExceeded) && !errors.Is(e.Err, ErrAttemptTimedOut):
		return CauseStopped
	case errors.Is(e.Err, ErrAttemptTimedOut), errors.As(e.Err, &netErr) && netErr.Timeout():
		return CauseTimeout
	case errors.Is(e.Err, syscall.ECONNREFUSED):
		return CauseRefused
	case errors.Is(e.Err, errIncompleteAnswer):
		return CauseIncomplete
	case errors.Is(e.Err, errNotAPIAnswer):
		return CauseNotAPI
	case errors.As(e.Err, &dns) && dns.IsNotFound:
		return CauseUnknownHost
	case errors.As(e.Err, &unknownAuthority), errors.As(e.Err, &hostname), errors.As(e.Err, &invalid), errors.As(e.Err, &verification):
		return CauseTLS
	}
	return CauseNetwork
}

// errorBody is the documented error shape. Code is raw because some gateways
// answer a number there, which makes the SDK's own decoder panic.
type errorBody struct {
	RequestID json.RawMessage `json:"RequestId"`
	HostID    json.RawMessage `json:"HostId"`
	Code      json.RawMessage `json:"Code"`
	Message   json.RawMessage `json:"Message"`
	Recommend json.RawMessage `json:"Recommend"`
}

// signatureEcho starts the part of a SignatureDoesNotMatch message in which
// the service echoes its string to sign; that string may hold a security
// token, so it is cut off before the message goes anywhere.
const signatureEcho = "server string to sign is"

// decodeAPIError turns any non-2xx answer into an *APIError, whatever its body.
func decodeAPIError(action, endpoint string, status int, body []byte) *APIError {
	apiErr := &APIError{Action: action, Endpoint: endpoint, HTTPStatus: status}
	var eb errorBody
	if err := json.Unmarshal(body, &eb); err != nil {
		// A body cut short can still hold the echo, token included.
		apiErr.Message = "the response is not the documented JSON error body: " + snippet([]byte(withoutSignatureEcho(string(body))))
		apiErr.NotJSON = true
		return apiErr
	}
	apiErr.Code = rawText(eb.Code)
	apiErr.Message = withoutSignatureEcho(rawText(eb.Message))
	apiErr.RequestID = rawText(eb.RequestID)
	apiErr.HostID = rawText(eb.HostID)
	apiErr.Recommend = rawText(eb.Recommend)
	return apiErr
}

// withoutSignatureEcho cuts text before the service's echo of its string to sign.
func withoutSignatureEcho(text string) string {
	if i := strings.Index(text, signatureEcho); i >= 0 {
		return strings.TrimSpace(text[:i])
	}
	return text
}

// secretJSONValue matches a JSON string value under a key that names a
// secret, as credential services, STS and CLI config files spell them.
var secretJSONValue = regexp.MustCompile(`(?i)("(?:AccessKeySecret|SecurityToken|BearerToken|access_key_secret|sts_token)"\s*:\s*)"(?:[^"\\]|\\.)*"?`)

// secretQueryValue matches the signed parameters of a request URL that the
// SDK's STS and credential clients quote in their errors.
var secretQueryValue = regexp.MustCompile(`(?i)\b(SecurityToken|Signature|AccessKeyId|BearerToken)=[^&\s"']*`)

// redactCredentialError hides the secrets a credential source's answer may
// have put into err: the SDK quotes whole response bodies in its errors
// (a credentials URI answer without Expiration, an STS SignatureDoesNotMatch
// echoing the caller's security token).
func redactCredentialError(err error) error {
	text := err.Error()
	redacted := secretJSONValue.ReplaceAllString(withoutSignatureEcho(text), `${1}"<redacted>"`)
	redacted = secretQueryValue.ReplaceAllString(redacted, `${1}=<redacted>`)
	if redacted == text {
		return err
	}
	return errors.New(redacted)
}

// rawText renders a JSON value of any type as text: strings unquoted, null
// as empty, anything else as its compact JSON.
func rawText(raw json.RawMessage) string {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return ""
	}
	var s string
	if err := json.Unmarshal(raw, &s); err == nil {
		return s
	}
	var compact bytes.Buffer
	if err := json.Compact(&compact, raw); err != nil {
		return string(raw)
	}
	return compact.String()
}

// snippet shows the start of a body that could not be decoded, enough to
// recognise an HTML error page or a truncated answer.
//
// A proxy's or captive portal's page may quote the signed request URL, whose
// query holds the AccessKeyId, the SecurityToken and the Signature: they are
// redacted before anything is cut.
func snippet(body []byte) string {
	const limit = 200
	text := strings.TrimSpace(string(body))
	text = secretQueryValue.ReplaceAllString(text, `${1}=<redacted>`)
	text = secretJSONValue.ReplaceAllString(text, `${1}"<redacted>"`)
	if text == "" {
		return "(empty body)"
	}
	if !utf8.ValidString(text) {
		return fmt.Sprintf("(%d bytes of non-UTF-8 data)", len(body))
	}
	if len(text) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(text[cut]) {
			cut--
		}
		text = text[:cut] + "..."
	}
	return fmt.Sprintf("%q", text)
}
