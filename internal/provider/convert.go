package provider

import (
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/alisec/terraform-provider-alisec/internal/alicloud"
)

// unixMillis maps a timestamp to its Int64 milliseconds and its RFC 3339
// twin; both are null when the API sent none.
func unixMillis(ms *int64) (types.Int64, types.String) {
	if ms == nil {
		return types.Int64Null(), types.StringNull()
	}
	return types.Int64Value(*ms), types.StringValue(time.UnixMilli(*ms).UTC().Format(time.RFC3339))
}

// mapList maps API items to list elements; nil (absent) stays nil, a null
// list.
func mapList[T, M any](items []T, toModel func(T) M) []M {
	if items == nil {
		return nil
	}
	out := make([]M, len(items))
	for i, item := range items {
		out[i] = toModel(item)
	}
	return out
}

// addDecodeWarnings reports fields the API sent in a shape the provider
// could not use. fieldPaths maps API fields to the attributes they feed.
func addDecodeWarnings(diags *diag.Diagnostics, warnings []alicloud.DecodeWarning, fieldPaths map[string]path.Path) {
	for _, w := range warnings {
		detail := fmt.Sprintf("The API's %s could not be used as documented: %s. The attribute is null; the rest of the event is read normally. "+
			"A rule on that attribute cannot see its value: check the event in the console, and report the answer's RequestId "+
			"(request_id) if the field keeps arriving in this shape.", w.Field, w.Detail)
		if p, ok := fieldPaths[w.Field]; ok {
			diags.AddAttributeWarning(p, "Unexpected API Value", detail)
			continue
		}
		diags.AddWarning("Unexpected API Value", detail)
	}
}

func orUnknown(s string) string {
	if s == "" {
		return "(none in the response)"
	}
	return s
}

func capitalize(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	if size == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[size:]
}

// sentence is s ending as a sentence does, with a period unless it already
// ends in one (or in a question or exclamation mark).
func sentence(s string) string {
	if s == "" || strings.HasSuffix(s, ".") || strings.HasSuffix(s, "?") || strings.HasSuffix(s, "!") {
		return s
	}
	return s + "."
}
