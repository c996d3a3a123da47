package alicloud

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/big"
	"strconv"
	"strings"
)

// DecodeWarning records a field whose value could not be used as documented.
// The field is left nil; the rest of the response is still returned.
type DecodeWarning struct {
	// Field is the API path, e.g. "ThreatEventDetail.EventCondition". List
	// items are named by their place in the whole listing, not in their
	// page: "ThreatEvents[203].EndTime" is the list's item 203.
	Field  string
	Detail string
}

// secondsThreshold separates Unix seconds from Unix milliseconds: as
// milliseconds it is March 1973, as seconds the year 5138.
const secondsThreshold = 100_000_000_000

// object is one decoded JSON object whose fields are read leniently: each
// accessor returns nil for an absent or null field, converts the documented
// type confusions (numbers sent as strings and back) and records anything
// else it cannot use as a warning rather than failing the whole response.
type object struct {
	path   string
	fields map[string]any
	warn   *[]DecodeWarning
}

// decodeObject parses body with json.Number, so integers above 2^53 survive.
func decodeObject(body []byte, warnings *[]DecodeWarning) (object, error) {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var fields map[string]any
	if err := dec.Decode(&fields); err != nil {
		return object{}, err
	}
	if dec.More() {
		return object{}, fmt.Errorf("unexpected data after the JSON object")
	}
	if fields == nil {
		return object{}, fmt.Errorf("the body is JSON null, not an object")
	}
	return object{fields: fields, warn: warnings}, nil
}

func (o object) fieldPath(key string) string {
	if o.path == "" {
		return key
	}
	return o.path + "." + key
}

func (o object) warnf(key, format string, args ...any) {
	if o.warn != nil {
		*o.warn = append(*o.warn, DecodeWarning{Field: o.fieldPath(key), Detail: fmt.Sprintf(format, args...)})
	}
}

func (o object) get(key string) (any, bool) {
	v, ok := o.fields[key]
	return v, ok && v != nil
}

// hasValue reports whether key holds a non-empty string or a number: a
// value that can identify something.
func (o object) hasValue(key string) bool {
	v, _ := o.get(key)
	switch t := v.(type) {
	case string:
		return strings.TrimSpace(t) != ""
	case json.Number:
		return true
	}
	return false
}

// String reads a string; a number or boolean becomes its JSON text.
func (o object) String(key string) *string {
	v, ok := o.get(key)
	if !ok {
		return nil
	}
	switch t := v.(type) {
	case string:
		return &t
	case json.Number:
		s := t.String()
		return &s
	case bool:
		s := strconv.FormatBool(t)
		return &s
	}
	o.warnf(key, "expected a string, got %s", describe(v))
	return nil
}

// Int64 reads an integer sent as a JSON number or as a decimal string.
func (o object) Int64(key string) *int64 {
	v, ok := o.get(key)
	if !ok {
		return nil
	}
	text, isText := integerText(v)
	switch {
	case !isText:
		o.warnf(key, "expected an integer, got %s", describe(v))
		return nil
	case text == "":
		return nil
	}
	n, err := parseInt64(text)
	if err != nil {
		o.warnf(key, "expected an integer, got %q", text)
		return nil
	}
	return &n
}

// integerText is an integer's text as the API sends it, a JSON number or a
// decimal string (trimmed); isText is false for any other JSON value.
func integerText(v any) (text string, isText bool) {
	switch t := v.(type) {
	case json.Number:
		return t.String(), true
	case string:
		return strings.TrimSpace(t), true
	}
	return "", false
}

// parseInt64 parses exact integers of any size int64 holds, including
// integral values written with a fraction or exponent ("20.0", "1e3").
// The fallback parses with 256 bits of mantissa rather than a float64, which
// would round "9007199254740993.0" to ...992 and "4503599627370496.5" to an
// integer.
func parseInt64(text string) (int64, error) {
	if n, err := strconv.ParseInt(text, 10, 64); err == nil {
		return n, nil
	}
	f, _, err := big.ParseFloat(text, 10, 256, big.ToNearestEven)
	if err != nil || f.IsInf() || !f.IsInt() {
		return 0, fmt.Errorf("not an exact integer: %q", text)
	}
	n, acc := f.Int64()
	if acc != big.Exact {
		return 0, fmt.Errorf("not an exact integer: %q", text)
	}
	return n, nil
}

// UnixMillis reads a Unix timestamp in seconds or milliseconds and returns
// milliseconds; 0 means "never" and is nil.
func (o object) UnixMillis(key string) *int64 {
	n := o.Int64(key)
	if n == nil || *n == 0 {
		return nil
	}
	ms := toMillis(*n)
	return &ms
}

func toMillis(n int64) int64 {
	if n > -secondsThreshold && n < secondsThreshold {
		return n * 1000
	}
	return n
}

// Bool reads a boolean sent as true/false, 0/1 or their string forms.
func (o object) Bool(key string) *bool {
	v, ok := o.get(key)
	if !ok {
		return nil
	}
	var b bool
	switch t := v.(type) {
	case bool:
		b = t
	case json.Number:
		switch t.String() {
		case "0":
			b = false
		case "1":
			b = true
		default:
			o.warnf(key, "expected 0 or 1, got %s", t)
			return nil
		}
	case string:
		parsed, err := strconv.ParseBool(strings.TrimSpace(t))
		if err != nil {
			o.warnf(key, "expected a boolean, got %q", t)
			return nil
		}
		b = parsed
	default:
		o.warnf(key, "expected a boolean, got %s", describe(v))
		return nil
	}
	return &b
}

// Object reads a nested object; ok is false when it is absent or null.
func (o object) Object(key string) (object, bool) {
	v, ok := o.get(key)
	if !ok {
		return object{}, false
	}
	m, isMap := v.(map[string]any)
	if !isMap {
		o.warnf(key, "expected an object, got %s", describe(v))
		return object{}, false
	}
	return object{path: o.fieldPath(key), fields: m, warn: o.warn}, true
}

// Objects reads an array of objects. Absent or null is nil; [] is an empty,
// non-nil slice. Elements that are not objects are skipped with a warning.
func (o object) Objects(key string) []object {
	items, ok := o.array(key)
	if !ok {
		return nil
	}
	out := make([]object, 0, len(items))
	for i, item := range items {
		m, isMap := item.(map[string]any)
		if !isMap {
			o.warnf(fmt.Sprintf("%s[%d]", key, i), "expected an object, got %s", describe(item))
			continue
		}
		out = append(out, object{path: fmt.Sprintf("%s[%d]", o.fieldPath(key), i), fields: m, warn: o.warn})
	}
	return out
}

// Strings reads an array whose items are documented as strings; items of
// other types become their JSON text ("2.5" for 2.5).
func (o object) Strings(key string) []string {
	items, ok := o.array(key)
	if !ok {
		return nil
	}
	out := make([]string, 0, len(items))
	for _, item := range items {
		out = append(out, jsonText(item))
	}
	return out
}

func (o object) array(key string) ([]any, bool) {
	v, ok := o.get(key)
	if !ok {
		return nil, false
	}
	items, isArray := v.([]any)
	if !isArray {
		o.warnf(key, "expected an array, got %s", describe(v))
		return nil, false
	}
	return items, true
}

// jsonText renders a decoded JSON value as text: strings as they are,
// anything else as compact JSON.
func jsonText(v any) string {
	switch t := v.(type) {
	case string:
		return t
	case json.Number:
		return t.String()
	}
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}

func describe(v any) string {
	switch t := v.(type) {
	case nil:
		return "null"
	case string:
		return fmt.Sprintf("the string %q", t)
	case json.Number:
		return "the number " + t.String()
	case bool:
		return "the boolean " + strconv.FormatBool(t)
	case []any:
		return "an array"
	case map[string]any:
		return "an object"
	}
	return fmt.Sprintf("%T", v)
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// decodeList keeps nil (absent) apart from empty ([]).
func decodeList[T any](items []object, decode func(object) T) []T {
	if items == nil {
		return nil
	}
	out := make([]T, 0, len(items))
	for _, item := range items {
		out = append(out, decode(item))
	}
	return out
}

// decodeEmbedded parses a string field that carries JSON, warning (and
// returning the zero value) when it is malformed.
func decodeEmbedded[T any](o object, key string, raw *string, parse func(string) (T, error)) T {
	var zero T
	if raw == nil {
		return zero
	}
	v, err := parse(*raw)
	if err != nil {
		o.warnf(key, "the value is not the documented JSON (%v); only the raw text is kept", err)
		return zero
	}
	return v
}
