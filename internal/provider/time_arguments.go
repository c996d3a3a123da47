package provider

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// Unix times in time arguments. A number below unixMillisFrom is seconds,
// one at or above it milliseconds, as the schema reads the API's timestamps
// (10^11 seconds is the year 5138; 10^11 milliseconds is March 1973).
// maxUnixMillis is 9999-12-31T23:59:59.999Z, the last instant RFC 3339 can
// write: anything larger is not milliseconds (microseconds, nanoseconds).
const (
	unixMillisFrom = 100_000_000_000
	maxUnixMillis  = 253_402_300_799_999
)

// timeArgumentForms names the forms parseTimeArgument reads, for
// descriptions and errors.
const timeArgumentForms = "an RFC 3339 time such as \"2026-01-02T15:04:05Z\", Unix seconds such as \"1767366245\" " +
	"or Unix milliseconds such as \"1767366245000\""

// parseTimeArgument reads a point in time given as RFC 3339, Unix seconds
// (`date +%s`) or Unix milliseconds (what the data sources' time outputs
// hold, so that they can be passed back).
func parseTimeArgument(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		if t.Unix() <= 0 {
			return time.Time{}, fmt.Errorf("expected %s, got %q: a time at or before 1970-01-01T00:00:00Z is not accepted, "+
				"since the list APIs take a Unix time and 0 would mean no bound", timeArgumentForms, s)
		}
		return t, nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	switch {
	case errors.Is(err, strconv.ErrRange):
		return time.Time{}, fmt.Errorf("expected %s, got %q, which is too large for a Unix time", timeArgumentForms, s)
	case err != nil:
		return time.Time{}, fmt.Errorf("expected %s, got %q", timeArgumentForms, s)
	case n <= 0:
		return time.Time{}, fmt.Errorf("expected %s, got %q: a Unix time at or before 1970 is not accepted, "+
			"since the list APIs would read 0 as no bound", timeArgumentForms, s)
	case n < unixMillisFrom:
		return time.Unix(n, 0), nil
	case n <= maxUnixMillis:
		return time.UnixMilli(n), nil
	default:
		return time.Time{}, fmt.Errorf("expected %s, got %q, which as milliseconds is after the year 9999: "+
			"give seconds or milliseconds, not microseconds or nanoseconds", timeArgumentForms, s)
	}
}

// notYetKnownAtValidate reports whether s is the zero time,
// 0001-01-01T00:00:00Z, or a time timeadd derived from it: Terraform 1.5
// gives plantimestamp() the zero time while it validates a configuration
// (later versions give an unknown value), so the docs' rolling window
// timeadd(plantimestamp(), "-24h") reads "0000-12-31T00:00:00Z" there. It
// is no time a user means, and at plan time it is the real one: the
// validators skip it, as they skip unknown values, and the read checks it.
// timeadd moves a time by at most the longest Go duration, about 292
// years, and writes a year before 0 with a minus sign.
func notYetKnownAtValidate(s string) bool {
	s = strings.TrimPrefix(strings.TrimSpace(s), "-")
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return false
	}
	d := t.Sub(time.Time{}) // saturates beyond the longest duration
	return d > math.MinInt64 && d < math.MaxInt64
}

func timeValidator() validator.String {
	return stringCheck{
		summary:     "Invalid Time",
		description: "value must be an RFC 3339 time, Unix seconds or Unix milliseconds",
		check: func(s string) error {
			if notYetKnownAtValidate(s) {
				return nil // checked by the read: see notYetKnownAtValidate
			}
			_, err := parseTimeArgument(s)
			return err
		},
	}
}

// validateTimeRange reports, at plan time, a range that ends before it starts.
func validateTimeRange(start, end types.String, diags *diag.Diagnostics) {
	if start.IsNull() || start.IsUnknown() || end.IsNull() || end.IsUnknown() ||
		notYetKnownAtValidate(start.ValueString()) || notYetKnownAtValidate(end.ValueString()) {
		return
	}
	s, errStart := parseTimeArgument(start.ValueString())
	e, errEnd := parseTimeArgument(end.ValueString())
	if errStart != nil || errEnd != nil {
		return // the attribute validators report these
	}
	const layout = "2006-01-02T15:04:05Z07:00"
	switch {
	case e.Equal(s):
		diags.AddAttributeError(path.Root("end_time"), "Invalid Time Range",
			fmt.Sprintf("end_time must be after start_time, got both %s, a range that holds no time. "+
				"Widen the range: move start_time earlier or end_time later.", s.UTC().Format(layout)))
	case e.Before(s):
		diags.AddAttributeError(path.Root("end_time"), "Invalid Time Range",
			fmt.Sprintf("end_time must be after start_time, got start_time %s and end_time %s. Swap them, or widen the range.",
				s.UTC().Format(layout), e.UTC().Format(layout)))
	}
}

// timeRange converts the configured range to Unix milliseconds; unset ends are 0.
func timeRange(start, end types.String, diags *diag.Diagnostics) (int64, int64) {
	millis := func(v types.String, name string) int64 {
		if v.IsNull() || v.ValueString() == "" {
			return 0
		}
		t, err := parseTimeArgument(v.ValueString())
		if err != nil {
			diags.AddAttributeError(path.Root(name), "Invalid Time", err.Error())
			return 0
		}
		return t.UnixMilli()
	}
	return millis(start, "start_time"), millis(end, "end_time")
}
