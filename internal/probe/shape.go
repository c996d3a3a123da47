package probe

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// The JSON types of a top-level key, and "absent" for a key left out.
const (
	typeAbsent  = "absent"
	typeNull    = "null"
	typeArray   = "array"
	typeObject  = "object"
	typeString  = "string"
	typeNumber  = "number"
	typeBoolean = "boolean"
)

// countKeys are the keys whose values the report shows: paging counts,
// which are the point of several questions and identify no one.
var countKeys = map[string]bool{"TotalCount": true, "PageSize": true, "CurrentPage": true, "PageNumber": true}

// KeyShape is one top-level key of an answer as the report shows it.
type KeyShape struct {
	Key  string
	Type string
	// Len is an array's length; -1 for other types.
	Len int
	// Value is shown for counts and, hashed, for IDs; else empty.
	Value string
}

// body is a success answer's top-level object, numbers kept exact.
type body map[string]any

// parseBody decodes a success answer; an answer that is not a JSON object
// is nil.
func parseBody(raw []byte) body {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var b map[string]any
	if dec.Decode(&b) != nil {
		return nil
	}
	return b
}

// kind is key's JSON type, or typeAbsent.
func (b body) kind(key string) string {
	v, ok := b[key]
	if !ok {
		return typeAbsent
	}
	return jsonType(v)
}

func jsonType(v any) string {
	switch v.(type) {
	case nil:
		return typeNull
	case []any:
		return typeArray
	case map[string]any:
		return typeObject
	case string:
		return typeString
	case json.Number:
		return typeNumber
	case bool:
		return typeBoolean
	}
	return fmt.Sprintf("%T", v)
}

// length is the length of the array or object under key; 0 otherwise.
func (b body) length(key string) int {
	switch v := b[key].(type) {
	case []any:
		return len(v)
	case map[string]any:
		return len(v)
	}
	return 0
}

// count reads a non-negative integer sent as a number or a decimal string,
// as the client accepts both.
func (b body) count(key string) (int64, bool) {
	var text string
	switch v := b[key].(type) {
	case json.Number:
		text = v.String()
	case string:
		text = v
	default:
		return 0, false
	}
	n, err := strconv.ParseInt(text, 10, 64)
	return n, err == nil && n >= 0
}

// text is key's value as text when it is a string or a number.
func (b body) text(key string) (string, bool) {
	switch v := b[key].(type) {
	case string:
		return v, true
	case json.Number:
		return v.String(), true
	}
	return "", false
}

// shapes lists b's top-level keys, sorted, with their values redacted.
func (b body) shapes() []KeyShape {
	keys := make([]string, 0, len(b))
	for k := range b {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := make([]KeyShape, 0, len(keys))
	for _, k := range keys {
		s := KeyShape{Key: k, Type: b.kind(k), Len: -1}
		if s.Type == typeArray {
			s.Len = b.length(k)
		}
		s.Value = shownValue(k, b[k])
		out = append(out, s)
	}
	return out
}

// shownValue is what the report may show of a value: counts as they are,
// IDs hashed, nothing else.
func shownValue(key string, v any) string {
	switch v := v.(type) {
	case json.Number:
		if countKeys[key] {
			return v.String()
		}
	case string:
		if countKeys[key] {
			return strconv.Quote(v)
		}
		if isIDKey(key) {
			return hashed(v)
		}
	}
	return ""
}

// isIDKey reports whether a key names an identifier: RequestId,
// InstanceId, EventId, Id; not RegionId, which the request shows anyway.
func isIDKey(key string) bool {
	return key == "Id" || strings.HasSuffix(key, "Id") && key != "RegionId"
}

// hashed stands for an identifier: the first 8 hex characters of its
// SHA-256, enough to tell two apart in one report and to recognise one the
// reader knows, without disclosing it.
func hashed(id string) string {
	if id == "" {
		return `""`
	}
	sum := sha256.Sum256([]byte(id))
	return "#" + hex.EncodeToString(sum[:])[:8]
}

var (
	ipv4 = regexp.MustCompile(`\b\d{1,3}(?:\.\d{1,3}){3}\b`)
	// ipv6 needs two colons at least, which times (12:30) do not have
	// unless they carry seconds; masking one of those is harmless.
	ipv6 = regexp.MustCompile(`(?i)\b(?:[0-9a-f]{0,4}:){2,7}[0-9a-f]{0,4}\b`)
)

// maskAddresses hides IP addresses in free text from the API: a message
// may quote the caller's address or a client's.
func maskAddresses(text string) string {
	text = ipv4.ReplaceAllString(text, "x.x.x.x")
	return ipv6.ReplaceAllString(text, "x:x::x")
}
