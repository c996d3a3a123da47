package fakecloud

import (
	"encoding/json"
	"fmt"
	"net/http"
)

// apiError is an error the way Alibaba Cloud's gateway reports it.
type apiError struct {
	status  int
	code    string
	message string
}

type errorBody struct {
	RequestID string `json:"RequestId"`
	HostID    string `json:"HostId"`
	Code      string `json:"Code"`
	Message   string `json:"Message"`
	Recommend string `json:"Recommend"`
}

func writeError(w http.ResponseWriter, requestID string, e *apiError) {
	body, _ := json.Marshal(errorBody{
		RequestID: requestID,
		HostID:    "fakecloud.aliyuncs.com",
		Code:      e.code,
		Message:   e.message,
		Recommend: fmt.Sprintf("https://api.aliyun.com/troubleshoot?q=%s&product=fakecloud", e.code),
	})
	writeJSON(w, e.status, body)
}

func errMissingParameter(name string) *apiError {
	return &apiError{http.StatusBadRequest, "MissingParameter",
		fmt.Sprintf("The input parameter \"%s\" that is mandatory for processing this request is not supplied.", name)}
}

func errInvalidParameter(detail string) *apiError {
	return &apiError{http.StatusBadRequest, "InvalidParameter", "The specified parameter is invalid: " + detail}
}

func errAccessKeyNotFound() *apiError {
	return &apiError{http.StatusNotFound, "InvalidAccessKeyId.NotFound", "Specified access key is not found."}
}

func errSignature(stringToSign string) *apiError {
	return &apiError{http.StatusBadRequest, "SignatureDoesNotMatch",
		"Specified signature is not matched with our calculation. server string to sign is:" + stringToSign}
}

func errForbiddenRAM(action string) *apiError {
	return &apiError{http.StatusForbidden, "Forbidden.RAM",
		fmt.Sprintf("User not authorized to operate on the specified resource, or this API doesn't support RAM. Action: %s", action)}
}

func errThrottled() *apiError {
	return &apiError{http.StatusBadRequest, "Throttling.User", "Request was denied due to user flow control."}
}

func errServiceUnavailable() *apiError {
	return &apiError{http.StatusServiceUnavailable, "ServiceUnavailable", "The request has failed due to a temporary failure of the server."}
}

func errInternal() *apiError {
	return &apiError{http.StatusInternalServerError, "InternalError", "The request processing has failed due to some unknown error, exception or failure."}
}
