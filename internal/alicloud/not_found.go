package alicloud

import "errors"

// guessedNotFoundCodes are error codes read as "no such event". No
// reference documents any of them: the API pages list no error code for an
// unknown event, and Alibaba's own Terraform provider reads WAF 3.0's
// answer to one as a success without the object. They are kept because an
// unknown event is the one meaning they could have; a code not listed
// stays an API error, which fails the read all the same.
var guessedNotFoundCodes = []string{
	"EventNotExist", "Event.NotFound", "EventNotFound", "InvalidEventId.NotFound",
	"InstanceNotExist", "Waf.Instance.NotFound",
}

// NotFoundCodes lists the error codes the client reads as "no such
// event", for the conformance probe to tell a known answer from a new one.
func NotFoundCodes() []string {
	return append([]string(nil), guessedNotFoundCodes...)
}

// asNotFound turns the guessed "no such event" codes into a *NotFoundError.
func asNotFound(err error, what string) error {
	var apiErr *APIError
	if !errors.As(err, &apiErr) {
		return err
	}
	for _, code := range guessedNotFoundCodes {
		if apiErr.Code == code {
			return &NotFoundError{What: what, RequestID: apiErr.RequestID, Cause: apiErr}
		}
	}
	return err
}
