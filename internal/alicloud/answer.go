package alicloud

import (
	"errors"
	"fmt"
	"strings"
)

// UnexpectedAnswerError is a successful (HTTP 2xx) answer that lacks what
// its action always sends, or sends it in another shape: no RequestId, no
// TotalCount or item array on a list page, no event object in a detail
// answer. Such an answer never reads as "no events": a security check that
// took a proxy's `{}` for an empty list would pass when it must not.
type UnexpectedAnswerError struct {
	Action    string
	Endpoint  string // scheme://host the answer came from
	RequestID string // the answer's RequestId; empty when it had none
	Page      int    // 1-based page of a list action; 0 for a single answer
	// Missing names the top-level fields that were absent or null.
	Missing []string
	// Problem says what else is wrong; empty when only fields are missing.
	Problem string
}

func (e *UnexpectedAnswerError) Error() string {
	var b strings.Builder
	b.WriteString(e.Action)
	if e.Page > 0 {
		fmt.Fprintf(&b, " page %d", e.Page)
	}
	b.WriteString(": unexpected answer")
	if e.Endpoint != "" {
		fmt.Fprintf(&b, " from %s", e.Endpoint)
	}
	if e.RequestID != "" {
		fmt.Fprintf(&b, " (RequestId %s)", e.RequestID)
	}
	var what []string
	if len(e.Missing) > 0 {
		what = append(what, "missing "+strings.Join(e.Missing, ", "))
	}
	if e.Problem != "" {
		what = append(what, e.Problem)
	}
	fmt.Fprintf(&b, ": %s. The read fails rather than take this for \"no events\"; "+
		"a proxy or a wrong endpoint (the provider's endpoints block, ALIBABA_CLOUD_ENDPOINT_*) is the usual cause",
		strings.Join(what, "; "))
	return b.String()
}

// answer reads the envelope of a 2xx answer strictly: each top-level field
// the action always sends must be there and of its documented kind, and
// whatever is not is collected into one *UnexpectedAnswerError. Fields
// inside an event stay lenient (object's accessors: a warning and a nil
// field), as SCHEMA.md has it.
type answer struct {
	root     object
	err      UnexpectedAnswerError
	problems []string
}

// readAnswer decodes body, whose top level must be a JSON object.
func readAnswer(action string, page int, body []byte, warnings *[]DecodeWarning) (*answer, error) {
	root, err := decodeObject(body, warnings)
	if err != nil {
		return nil, &UnexpectedAnswerError{Action: action, Page: page,
			Problem: fmt.Sprintf("the body is not a JSON object (%v): %s", err, snippet(body))}
	}
	return &answer{root: root, err: UnexpectedAnswerError{Action: action, Page: page}}, nil
}

func (a *answer) missing(key string) { a.err.Missing = append(a.err.Missing, key) }

func (a *answer) problemf(format string, args ...any) {
	a.problems = append(a.problems, fmt.Sprintf(format, args...))
}

// requestID reads RequestId, which every answer carries: a non-empty string.
func (a *answer) requestID() *string {
	v, ok := a.root.get("RequestId")
	s, isString := v.(string)
	switch {
	case !ok || (isString && strings.TrimSpace(s) == ""):
		a.missing("RequestId")
		return nil
	case !isString:
		a.problemf("RequestId is %s, not a string", describe(v))
		return nil
	}
	a.err.RequestID = s
	return &s
}

// instanceID reads DescribeInstance's InstanceId: a string, absent when the
// account has no instance in the region. Anything else is a malformed
// answer, not "no instance".
func (a *answer) instanceID() *string {
	v, ok := a.root.get("InstanceId")
	if !ok {
		return nil
	}
	s, isString := v.(string)
	if !isString {
		a.problemf("InstanceId is %s, not a string", describe(v))
		return nil
	}
	return &s
}

// count reads a list's TotalCount: a non-negative integer, sent as a JSON
// number or (as SCHEMA.md allows for every integer) a decimal string.
func (a *answer) count(key string) *int64 {
	v, ok := a.root.get(key)
	if !ok {
		a.missing(key)
		return nil
	}
	n, ok := countValue(v)
	if !ok {
		a.problemf("%s is %s, not a count", key, describe(v))
		return nil
	}
	return &n
}

// countValue reads a non-negative integer sent as a JSON number or, as
// SCHEMA.md allows for every integer, a decimal string.
func countValue(v any) (int64, bool) {
	text, _ := integerText(v)
	n, err := parseInt64(text)
	return n, text != "" && err == nil && n >= 0
}

// items reads a list page's item array, in which every item is an object.
// present is false when the array is absent or null, which the caller
// judges against TotalCount: the SDKs tag every array omitempty, so the
// real API may leave an empty page's array out. Items are named by their
// place in the whole listing, offset being the number of items on earlier
// pages, so a decode warning on page 2 names ThreatEvents[203], which is
// events[203].
func (a *answer) items(key string, offset int) (items []object, present bool) {
	v, ok := a.root.get(key)
	if !ok {
		return nil, false
	}
	list, isArray := v.([]any)
	if !isArray {
		a.problemf("%s is %s, not an array", key, describe(v))
		return nil, true
	}
	out := make([]object, 0, len(list))
	bad := 0
	for i, item := range list {
		m, isMap := item.(map[string]any)
		if !isMap {
			if bad == 0 {
				a.problemf("%s[%d] is %s, not an object", key, i, describe(item))
			}
			bad++
			continue
		}
		out = append(out, object{path: fmt.Sprintf("%s[%d]", key, offset+i), fields: m, warn: a.root.warn})
	}
	if bad > 1 {
		a.problemf("%d of the %d items are not objects", bad, len(list))
	}
	return out, true
}

// servedPageSize reads the PageSize a list answer echoes: the page size
// the API actually served, which may be smaller than the one asked. It is
// asked when the echo is absent, null, zero or larger; an echo that is not
// a count is a malformed answer.
func (a *answer) servedPageSize(asked int) int {
	v, ok := a.root.get("PageSize")
	if !ok {
		return asked
	}
	n, ok := countValue(v)
	if !ok {
		a.problemf("PageSize is %s, not a page size", describe(v))
		return asked
	}
	if n == 0 || n > int64(asked) {
		return asked
	}
	return int(n)
}

// object reads the event object of a detail answer, after requestID.
// Beside a RequestId, absent or null reads as {}, an event without fields,
// which the caller reports as not found: that is how WAF 3.0 answers an
// unknown event (Alibaba's own Terraform provider reads it so), and the
// SDKs tag the object omitempty. Without a RequestId it is missing, and
// anything but an object is malformed.
func (a *answer) object(key string) object {
	v, ok := a.root.get(key)
	if !ok {
		if a.err.RequestID == "" {
			a.missing(key)
		}
		return object{path: key, fields: map[string]any{}, warn: a.root.warn}
	}
	m, isMap := v.(map[string]any)
	if !isMap {
		a.problemf("%s is %s, not an object", key, describe(v))
		return object{}
	}
	return object{path: key, fields: m, warn: a.root.warn}
}

// check returns the *UnexpectedAnswerError for everything found missing or
// malformed so far, or nil when the envelope is whole.
func (a *answer) check() error {
	if len(a.err.Missing) == 0 && len(a.problems) == 0 {
		return nil
	}
	e := a.err
	e.Problem = strings.Join(a.problems, "; ")
	return &e
}

// fromEndpoint completes an *UnexpectedAnswerError with the endpoint that
// sent the answer; other errors pass through.
func fromEndpoint(err error, rpc rpcCall) error {
	var e *UnexpectedAnswerError
	if errors.As(err, &e) {
		e.Endpoint = rpc.endpoint.String()
	}
	return err
}
