package alicloud

import "errors"

// asNotFound turns the API's "no such thing" codes into a *NotFoundError.
func asNotFound(err error, what string, codes ...string) error {
	var apiErr *APIError
	if !errors.As(err, &apiErr) {
		return err
	}
	for _, code := range codes {
		if apiErr.Code == code {
			return &NotFoundError{What: what, RequestID: apiErr.RequestID, Cause: apiErr}
		}
	}
	return err
}
