package fakecloud

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"
)

// Fixture files may give an event's times relative to when they are
// loaded, as a string in place of the number the API sends:
//
//	"now"        the moment the fixtures are loaded
//	"now-30m"    30 minutes before it
//	"now+1h30m"  an hour and a half after it
//
// After "now-" or "now+" comes a Go duration (time.ParseDuration): units
// ns, us, ms, s, m, h, fractions allowed ("1.5h"), no days ("48h"). No
// spaces. Each becomes the number the API sends in that field: Unix
// milliseconds, or Unix seconds inside EventCondition. Only the fields of
// relativeTimeFields and eventConditionTimes take them; a relative time
// anywhere else is an error, since the server would send it as a string.

// timeUnit is how the API sends a time field.
type timeUnit int

const (
	unixMillis timeUnit = iota + 1
	unixSeconds
)

// relativeTimeFields are the time fields of each response, by path from
// the response's top ("[]" is every element of an array).
var relativeTimeFields = map[string]timeUnit{
	"ThreatEventDetail.EndTime":          unixMillis,
	"Event.EventTime":                    unixMillis,
	"Event.AlertTime":                    unixMillis,
	"Event.DealTime":                     unixMillis,
	"Event.HandleInfoList[].EnableTime":  unixMillis,
	"Event.HandleInfoList[].DisableTime": unixMillis,
}

// eventConditionField is a string holding a JSON object, whose
// eventConditionTimes are Unix seconds.
const eventConditionField = "ThreatEventDetail.EventCondition"

var eventConditionTimes = []string{"end_ts", "start_ts"}

// RelativeTimeFields lists where fixtures may hold relative times, for
// messages and documentation.
func RelativeTimeFields() []string {
	fields := make([]string, 0, len(relativeTimeFields)+len(eventConditionTimes))
	for f := range relativeTimeFields {
		fields = append(fields, f)
	}
	for _, k := range eventConditionTimes {
		fields = append(fields, eventConditionField+"."+k)
	}
	sort.Strings(fields)
	return fields
}

// parseRelativeTime reads "now", "now-D" or "now+D". ok is false when s
// does not start with "now"; err is set when it does but is not one.
func parseRelativeTime(s string, now time.Time) (t time.Time, ok bool, err error) {
	rest, ok := strings.CutPrefix(s, "now")
	if !ok {
		return time.Time{}, false, nil
	}
	if rest == "" {
		return now, true, nil
	}
	sign, d := rest[0], rest[1:]
	if sign != '-' && sign != '+' || d == "" || d[0] == '-' || d[0] == '+' {
		return time.Time{}, true, fmt.Errorf("%q is not a relative time: want now, now-D or now+D with D a Go duration such as 30m or 1h30m", s)
	}
	dur, err := time.ParseDuration(d)
	if err != nil {
		return time.Time{}, true, fmt.Errorf("%q is not a relative time: %q is not a Go duration (such as 30m, 1h30m or 48h; units ns, us, ms, s, m, h)", s, d)
	}
	if sign == '-' {
		dur = -dur
	}
	return now.Add(dur), true, nil
}

// resolveRelativeTimes replaces the relative times of a stored response
// with numbers. A response without any is returned as is, byte for byte;
// one with some is re-encoded, its keys sorted.
func resolveRelativeTimes(response json.RawMessage, now time.Time) (json.RawMessage, error) {
	var v any
	if err := decodeExact(response, &v); err != nil {
		return nil, err
	}
	r := resolver{now: now}
	v = r.walk(v, "", "Response")
	if r.err != nil || !r.changed {
		return response, r.err
	}
	return encodeJSON(v)
}

type resolver struct {
	now     time.Time
	changed bool
	err     error // the first problem met
}

// walk resolves v, found at pattern (indexes as "[]") and shown as at.
func (r *resolver) walk(v any, pattern, at string) any {
	switch v := v.(type) {
	case map[string]any:
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		sort.Strings(keys) // the first error is the same on every load
		for _, k := range keys {
			v[k] = r.walk(v[k], strings.TrimPrefix(pattern+"."+k, "."), at+"."+k)
		}
	case []any:
		for i := range v {
			v[i] = r.walk(v[i], pattern+"[]", fmt.Sprintf("%s[%d]", at, i))
		}
	case string:
		if pattern == eventConditionField {
			return r.eventCondition(v, at)
		}
		return r.timeString(v, at, relativeTimeFields[pattern])
	}
	return v
}

// timeString resolves s if it is a relative time in a field of unit; with
// unit 0 (not a time field) a relative time is an error.
func (r *resolver) timeString(s, at string, unit timeUnit) any {
	t, ok, err := parseRelativeTime(s, r.now)
	switch {
	case !ok || (unit == 0 && err != nil): // text that merely starts with "now"
		return s
	case unit == 0:
		r.fail(fmt.Errorf("%s: %q: relative times are only resolved in %s", at, s, strings.Join(RelativeTimeFields(), ", ")))
		return s
	case err != nil:
		r.fail(fmt.Errorf("%s: %w", at, err))
		return s
	}
	r.changed = true
	if unit == unixSeconds {
		return json.Number(fmt.Sprint(t.Unix()))
	}
	return json.Number(fmt.Sprint(t.UnixMilli()))
}

// eventCondition resolves start_ts and end_ts inside the EventCondition
// string. A string that is not a JSON object is left as it is: the API
// can send one, and the provider must cope.
func (r *resolver) eventCondition(s, at string) any {
	var cond map[string]any
	if decodeExact([]byte(s), &cond) != nil || cond == nil {
		return s
	}
	changed := r.changed
	r.changed = false
	for _, k := range eventConditionTimes {
		if str, isString := cond[k].(string); isString {
			cond[k] = r.timeString(str, at+"."+k, unixSeconds)
		}
	}
	if !r.changed {
		r.changed = changed
		return s
	}
	out, err := encodeJSON(cond)
	if err != nil {
		r.fail(fmt.Errorf("%s: %w", at, err))
		return s
	}
	return string(out)
}

func (r *resolver) fail(err error) {
	if r.err == nil {
		r.err = err
	}
}

// decodeExact decodes JSON keeping numbers as written.
func decodeExact(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	return dec.Decode(v)
}

// encodeJSON encodes v compactly, without escaping <, > and &.
func encodeJSON(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}
