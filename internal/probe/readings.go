package probe

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/alisec/terraform-provider-alisec/internal/alicloud"
)

// outcome is a question's reading and verdict.
type outcome struct {
	reading string
	verdict Verdict
	why     string
}

func (o outcome) set(f *Finding) { f.Reading, f.Verdict, f.Why = o.reading, o.verdict, o.why }

// noAnswer is the outcome of a call that got no answer at all.
var noAnswer = outcome{"no answer", Inconclusive, "the call got no answer (see the request); run the probe again"}

// failedCall is the outcome of an error answer that says nothing about the
// question (a RAM denial, throttling, an outage), or ok=false when the
// error is the question's answer.
func failedCall(ramAction string, ans *alicloud.RawAnswer) (outcome, bool) {
	apiErr := &alicloud.APIError{Code: ans.Code}
	switch {
	case apiErr.IsPermissionDenied():
		return outcome{"Code " + ans.Code, Inconclusive, "RAM denies the call: grant " + ramAction + " and run the probe again"}, true
	case strings.HasPrefix(ans.Code, "Throttling"), ans.HTTPStatus >= 500:
		return outcome{"Code " + ans.Code, Inconclusive, "the API was busy or failing; run the probe again later"}, true
	}
	return outcome{}, false
}

// quietPage reads a list page of a window without events: the provider
// takes the items array absent, null or [] for none, given a RequestId and
// TotalCount 0; the SDKs tag the arrays omitempty, so absent is the
// reading it was built on.
func quietPage(ans *alicloud.RawAnswer, ramAction, itemsKey string) outcome {
	if ans == nil {
		return noAnswer
	}
	if o, ok := failedCall(ramAction, ans); ok {
		return o
	}
	b := parseBody(ans.Body)
	if ans.HTTPStatus != 200 || b == nil {
		return outcome{"Code " + ans.Code, Breaks, "an error answer to a plain query of a quiet window: the provider's lists fail on it"}
	}
	total, ok := b.count("TotalCount")
	switch {
	case b.kind("RequestId") != typeString:
		return outcome{"RequestId " + b.kind("RequestId"), Breaks, "the provider takes a success without RequestId for a proxy's page and fails the read"}
	case !ok:
		return outcome{"TotalCount " + b.kind("TotalCount"), Breaks, "without a TotalCount the provider cannot tell an empty page from a broken one"}
	case total > 0:
		return outcome{fmt.Sprintf("TotalCount %d", total), Inconclusive, "the window was not quiet after all; the empty page was not seen"}
	}
	reading := itemsKey + " " + shapeName(b, itemsKey)
	switch b.kind(itemsKey) {
	case typeAbsent:
		return outcome{reading, Holds, "the SDKs' omitempty reading"}
	case typeNull:
		return outcome{reading, Handled, "the provider reads null as no items"}
	case typeArray:
		if b.length(itemsKey) == 0 {
			return outcome{reading, Handled, "the provider reads [] as no items"}
		}
		return outcome{reading, Breaks, "items on a page whose TotalCount is 0"}
	}
	return outcome{reading, Breaks, "the items are not an array"}
}

// shapeName says how a key came: absent, null, [] or {}, or its type.
func shapeName(b body, key string) string {
	switch k := b.kind(key); {
	case k == typeArray && b.length(key) == 0:
		return "[]"
	case k == typeObject && b.length(key) == 0:
		return "{}"
	case k == typeArray:
		return fmt.Sprintf("array of %d", b.length(key))
	default:
		return k
	}
}

// unknownDetail reads a detail action's answer for an ID no event has: a
// success without the object is what Alibaba's own provider expects (it
// reads it as not found); null and {} read the same; an error whose code
// the client maps to not found is handled too.
func unknownDetail(ans *alicloud.RawAnswer, ramAction, objectKey string) outcome {
	if ans == nil {
		return noAnswer
	}
	if o, ok := failedCall(ramAction, ans); ok {
		return o
	}
	if ans.HTTPStatus != 200 {
		if slices.Contains(alicloud.NotFoundCodes(), ans.Code) {
			return outcome{"Code " + ans.Code, Handled, "the client maps this code to not found"}
		}
		return outcome{"Code " + ans.Code, Breaks, "a code the client does not map to not found: an unknown event fails the read instead of reading as not found"}
	}
	b := parseBody(ans.Body)
	reading := objectKey + " " + shapeName(b, objectKey)
	switch {
	case b.kind("RequestId") != typeString:
		return outcome{reading + ", RequestId " + b.kind("RequestId"), Breaks, "the provider takes a success without RequestId for a proxy's page"}
	case b.kind(objectKey) == typeAbsent:
		return outcome{reading, Holds, "Alibaba's own provider's reading: a success without the object is not found"}
	case b.kind(objectKey) == typeNull, b.kind(objectKey) == typeObject && b.length(objectKey) == 0:
		return outcome{reading, Handled, "the provider reads it as not found"}
	}
	return outcome{reading, Breaks, "an unknown ID came back with content: the provider would show it as an event"}
}

// window is a time range in milliseconds, and the same in seconds for D4.
type window struct{ start, end time.Time }

// quietWindow is one second, a day before now: no account has a security
// event in every second, and a day ago is inside every retention.
func quietWindow(now time.Time) window {
	start := now.Add(-24 * time.Hour).Truncate(time.Second)
	return window{start, start.Add(time.Second)}
}

func (w window) millis() map[string]string {
	return map[string]string{
		"StartTime": strconv.FormatInt(w.start.UnixMilli(), 10),
		"EndTime":   strconv.FormatInt(w.end.UnixMilli(), 10),
	}
}

func (w window) seconds() map[string]string {
	return map[string]string{
		"StartTime": strconv.FormatInt(w.start.Unix(), 10),
		"EndTime":   strconv.FormatInt(w.end.Unix(), 10),
	}
}

// with adds params to a copy of base.
func with(base map[string]string, kv ...string) map[string]string {
	out := make(map[string]string, len(base)+len(kv)/2)
	for k, v := range base {
		out[k] = v
	}
	for i := 0; i+1 < len(kv); i += 2 {
		out[kv[i]] = kv[i+1]
	}
	return out
}
