package alicloud

import (
	"context"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"os"
	"strings"
	"syscall"
	"testing"
)

// leakedToken stands for a security token the gateway echoes back in its
// string to sign.
const leakedToken = "CAIS-secret-security-token-0123456789"

func TestDecodeAPIError(t *testing.T) {
	t.Parallel()
	echo := `Specified signature is not matched with our calculation. server string to sign is:POST&%2F&AccessKeyId%3DSTS.x%26SecurityToken%3D` + leakedToken
	tests := []struct {
		name          string
		status        int
		body          string
		want          APIError // Action, Endpoint and HTTPStatus are checked apart
		wantInMessage []string
		notInMessage  []string
	}{
		{
			name:   "documented body",
			status: 400,
			body:   `{"RequestId":"R1","HostId":"waf.aliyuncs.com","Code":"InvalidParameter","Message":"bad id","Recommend":"https://api.aliyun.com/troubleshoot?q=InvalidParameter"}`,
			want: APIError{
				RequestID: "R1", HostID: "waf.aliyuncs.com", Code: "InvalidParameter",
				Message: "bad id", Recommend: "https://api.aliyun.com/troubleshoot?q=InvalidParameter",
			},
		},
		{
			name:   "numeric Code",
			status: 500,
			body:   `{"RequestId":"R2","Code":500,"Message":"internal error"}`,
			want:   APIError{RequestID: "R2", Code: "500", Message: "internal error"},
		},
		{
			name:   "object Code and numeric Message",
			status: 500,
			body:   `{"Code":{"a": [1, 2]},"Message":42,"RequestId":null}`,
			want:   APIError{Code: `{"a":[1,2]}`, Message: "42"},
		},
		{
			name:   "boolean Code",
			status: 500,
			body:   `{"Code":true}`,
			want:   APIError{Code: "true"},
		},
		{
			name:   "JSON null body",
			status: 500,
			body:   `null`,
			want:   APIError{},
		},
		{
			name:          "HTML body",
			status:        502,
			body:          `<html><head><title>502 Bad Gateway</title></head><body>502 Bad Gateway</body></html>`,
			wantInMessage: []string{"not the documented JSON error body", "502 Bad Gateway"},
		},
		{
			name:          "truncated JSON",
			status:        500,
			body:          `{"RequestId":"R3","Code":"Intern`,
			wantInMessage: []string{"not the documented JSON error body", `RequestId`},
		},
		{
			name:          "array body",
			status:        500,
			body:          `[1,2]`,
			wantInMessage: []string{"not the documented JSON error body"},
		},
		{
			name:          "empty body",
			status:        503,
			body:          ``,
			wantInMessage: []string{"(empty body)"},
		},
		{
			name:          "blank body",
			status:        503,
			body:          " \r\n ",
			wantInMessage: []string{"(empty body)"},
		},
		{
			name:          "non-UTF-8 body",
			status:        500,
			body:          "\xff\xfe\x00garbage",
			wantInMessage: []string{"bytes of non-UTF-8 data"},
		},
		{
			name:          "long body is cut",
			status:        500,
			body:          "<html>" + strings.Repeat("é", 400),
			wantInMessage: []string{`..."`},
		},
		{
			name:   "signature echo is cut",
			status: 400,
			body:   fmt.Sprintf(`{"RequestId":"R4","Code":"SignatureDoesNotMatch","Message":%q}`, echo),
			want: APIError{
				RequestID: "R4", Code: "SignatureDoesNotMatch",
				Message: "Specified signature is not matched with our calculation.",
			},
			notInMessage: []string{leakedToken, "server string to sign is"},
		},
		{
			name:          "signature echo in a truncated body is cut",
			status:        400,
			body:          `{"RequestId":"R5","Code":"SignatureDoesNotMatch","Message":"` + echo,
			wantInMessage: []string{"not the documented JSON error body", "Specified signature is not matched"},
			notInMessage:  []string{leakedToken, "server string to sign is"},
		},
		{
			name:          "signature echo in a non-JSON body is cut",
			status:        400,
			body:          "Error: " + echo,
			wantInMessage: []string{"not the documented JSON error body", "Specified signature is not matched"},
			notInMessage:  []string{leakedToken, "server string to sign is"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := decodeAPIError("DescribeX", "https://x.aliyuncs.com", tt.status, []byte(tt.body))
			if got.Action != "DescribeX" || got.Endpoint != "https://x.aliyuncs.com" || got.HTTPStatus != tt.status {
				t.Errorf("Action, Endpoint, HTTPStatus = %q, %q, %d", got.Action, got.Endpoint, got.HTTPStatus)
			}
			msg := redact(got.Message, leakedToken)
			if len(tt.wantInMessage) == 0 && got.Message != tt.want.Message {
				t.Errorf("Message = %q, want %q", msg, tt.want.Message)
			}
			if got.Code != tt.want.Code || got.RequestID != tt.want.RequestID || got.HostID != tt.want.HostID || got.Recommend != tt.want.Recommend {
				t.Errorf("got %+v, want %+v", *got, tt.want)
			}
			for _, s := range tt.wantInMessage {
				if !strings.Contains(got.Message, s) {
					t.Errorf("Message %q does not contain %q", msg, s)
				}
			}
			for _, s := range tt.notInMessage {
				if strings.Contains(got.Message, s) || strings.Contains(got.Error(), s) {
					t.Errorf("Message %q contains %q", msg, redact(s, leakedToken))
				}
			}
			if len(got.Message) > 300 {
				t.Errorf("Message is %d bytes long; a snippet should be short", len(got.Message))
			}
		})
	}
}

func TestAPIErrorError(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		err  APIError
		want string
	}{
		{"full", APIError{Action: "DescribeX", HTTPStatus: 400, Code: "InvalidParameter", Message: "bad", RequestID: "R"},
			"DescribeX failed: HTTP 400, Code InvalidParameter: bad (RequestId R)"},
		{"status only", APIError{Action: "DescribeX", HTTPStatus: 502}, "DescribeX failed: HTTP 502"},
		{"no request ID", APIError{Action: "DescribeX", HTTPStatus: 503, Code: "ServiceUnavailable"},
			"DescribeX failed: HTTP 503, Code ServiceUnavailable"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := tt.err.Error(); got != tt.want {
				t.Errorf("Error() = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestAPIErrorClassification(t *testing.T) {
	t.Parallel()
	tests := []struct {
		code           string
		wantPermission bool
		wantCredential bool
	}{
		{"Forbidden.RAM", true, false},
		{"Forbidden.RAM.Whatever", true, false},
		{"NoPermission", true, false},
		{"Forbidden", true, false},
		{"Forbidden.NoPermission", true, false},
		{"Forbidden.AccessDenied", true, false},
		{"SignatureDoesNotMatch", false, true},
		{"IncompleteSignature", false, true},
		{"InvalidAccessKeyId.NotFound", false, true},
		{"InvalidAccessKeyId.Inactive", false, true},
		{"InvalidAccessKeyId", false, true},
		{"InvalidSecurityToken.Expired", false, true},
		{"InvalidSecurityToken.Malformed", false, true},
		{"InvalidSecurityToken.MismatchWithAccessKey", false, true},
		{"Throttling.User", false, false},
		{"InvalidParameter", false, false},
		{"", false, false},
	}
	for _, tt := range tests {
		t.Run(tt.code, func(t *testing.T) {
			t.Parallel()
			e := &APIError{Code: tt.code}
			if got := e.IsPermissionDenied(); got != tt.wantPermission {
				t.Errorf("IsPermissionDenied() = %v, want %v", got, tt.wantPermission)
			}
			if got := e.IsCredentialError(); got != tt.wantCredential {
				t.Errorf("IsCredentialError() = %v, want %v", got, tt.wantCredential)
			}
		})
	}
}

func TestErrorTypes(t *testing.T) {
	t.Parallel()
	cause := &APIError{Action: "DescribeX", Code: "EventNotExist", HTTPStatus: 400, RequestID: "R"}
	tests := []struct {
		name      string
		err       error
		wantText  string
		wantIs    error
		wantCause bool
	}{
		{"not found with cause", &NotFoundError{What: "event 5", RequestID: "R", Cause: cause}, "event 5 was not found (RequestId R)", nil, true},
		{"not found without request ID", &NotFoundError{What: "event 5"}, "event 5 was not found", nil, false},
		{"transport", &TransportError{Action: "DescribeX", Endpoint: "https://h", Attempts: 3, Err: context.DeadlineExceeded},
			"DescribeX: no answer from https://h after 3 attempt(s): context deadline exceeded", context.DeadlineExceeded, false},
		{"missing credentials", &MissingCredentialsError{Reason: "nothing is set"},
			"no Alibaba Cloud credentials are configured: nothing is set", ErrMissingCredentials, false},
		{"credentials", &CredentialsError{Err: context.Canceled}, "obtaining Alibaba Cloud credentials: context canceled", context.Canceled, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := tt.err.Error(); got != tt.wantText {
				t.Errorf("Error() = %q, want %q", got, tt.wantText)
			}
			if tt.wantIs != nil && !errors.Is(tt.err, tt.wantIs) {
				t.Errorf("errors.Is(%v, %v) = false", tt.err, tt.wantIs)
			}
			var apiErr *APIError
			if got := errors.As(tt.err, &apiErr); got != tt.wantCause {
				t.Errorf("errors.As(*APIError) = %v, want %v", got, tt.wantCause)
			}
			if tt.wantCause && apiErr != cause {
				t.Errorf("unwrapped %v, want the cause", apiErr)
			}
		})
	}
}

func TestAsNotFound(t *testing.T) {
	t.Parallel()
	plain := errors.New("boom")
	tests := []struct {
		name string
		err  error
		want bool
	}{
		{"listed code", &APIError{Code: "EventNotExist", HTTPStatus: 400}, true},
		{"listed code, wrapped", fmt.Errorf("reading: %w", &APIError{Code: "EventNotExist", HTTPStatus: 400}), true},
		{"a 404 of another kind is not a missing event", &APIError{Code: "InvalidAction.NotFound", HTTPStatus: 404}, false},
		{"unknown access key is not a missing event", &APIError{Code: "InvalidAccessKeyId.NotFound", HTTPStatus: 404}, false},
		{"other API error", &APIError{Code: "InvalidParameter", HTTPStatus: 400}, false},
		{"not an API error", plain, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := asNotFound(tt.err, "event 5")
			var nf *NotFoundError
			if errors.As(got, &nf) != tt.want {
				t.Fatalf("asNotFound(%v) = %v, want NotFoundError: %v", tt.err, got, tt.want)
			}
			if !tt.want && got != tt.err {
				t.Errorf("asNotFound changed %v into %v", tt.err, got)
			}
		})
	}
}

// TestSnippet_redactsSignedURLs: a proxy or portal page that quotes the
// signed request URL must not carry the token or signature into an error.
func TestSnippet_redactsSignedURLs(t *testing.T) {
	t.Parallel()
	const token = "CAIS-token-in-a-proxy-page"
	body := []byte(`<html>Blocked: https://sddp.example/?AccessKeyId=STS.NTest0001&Action=DescribeEvents&SecurityToken=` + token +
		`&Signature=abc%2Bdef&Version=2019-01-03 {"AccessKeySecret":"s3cret"}</html>`)
	got := snippet(body)
	for _, secret := range []string{token, "STS.NTest0001", "abc%2Bdef", "s3cret"} {
		if strings.Contains(got, secret) {
			t.Errorf("snippet %s keeps %q", got, secret)
		}
	}
	if !strings.Contains(got, "SecurityToken=<redacted>") || !strings.Contains(got, "Action=DescribeEvents") {
		t.Errorf("snippet %s does not show the redacted URL", got)
	}
}

func TestTransportError_cause(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		err  error
		want TransportCause
	}{
		{"attempt timed out", fmt.Errorf("no complete answer: %w", ErrAttemptTimedOut), CauseTimeout},
		{"answer cut short", fmt.Errorf("%w: {\"Req", errIncompleteAnswer), CauseIncomplete},
		{"a page, not the API's answer", fmt.Errorf("%w (HTTP 200): \"<html>\"", errNotAPIAnswer), CauseNotAPI},
		{"read cancelled", fmt.Errorf("stopped: %w", context.Canceled), CauseStopped},
		{"read timeout", fmt.Errorf("stopped: %w", ErrReadTimedOut), CauseReadTimeout},
		{"read deadline", fmt.Errorf("stopped: %w", context.DeadlineExceeded), CauseStopped},
		{"refused", &net.OpError{Op: "dial", Err: os.NewSyscallError("connect", syscall.ECONNREFUSED)}, CauseRefused},
		{"no such host", &net.DNSError{Err: "no such host", Name: "sddp.example", IsNotFound: true}, CauseUnknownHost},
		{"DNS server failure", &net.DNSError{Err: "server misbehaving", Name: "sddp.example", IsTemporary: true}, CauseNetwork},
		{"untrusted certificate", x509.UnknownAuthorityError{}, CauseTLS},
		{"reset", &net.OpError{Op: "read", Err: os.NewSyscallError("read", syscall.ECONNRESET)}, CauseNetwork},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			te := &TransportError{Action: "A", Err: tt.err}
			if got := te.Cause(); got != tt.want {
				t.Errorf("Cause() = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestTransportError_message(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		err  TransportError
		want string
	}{
		{"after attempts", TransportError{Action: "A", Endpoint: "https://h", Attempts: 3, Err: errors.New("reset")},
			"A: no answer from https://h after 3 attempt(s): reset"},
		{"stopped before an answer", TransportError{Action: "A", Endpoint: "https://h", Err: context.Canceled},
			"A: stopped waiting for https://h: context canceled"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.err.Error(); got != tt.want {
				t.Errorf("Error() = %q, want %q", got, tt.want)
			}
		})
	}
}
