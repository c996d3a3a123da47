package alicloud

import "strconv"

// optional sets the parameter name to value unless value is empty.
func optional(params map[string]string, name, value string) {
	if value != "" {
		params[name] = value
	}
}

// pageSizeOr is size, or limit where size is unset or above it.
func pageSizeOr(size, limit int) int {
	if size <= 0 || size > limit {
		return limit
	}
	return size
}

// optionalInt sets the parameter name to value unless value is nil.
func optionalInt(params map[string]string, name string, value *int64) {
	if value != nil {
		params[name] = strconv.FormatInt(*value, 10)
	}
}
