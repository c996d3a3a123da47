package provider

import (
	"strings"
	"testing"
	"time"
)

func TestParseTimeArgument(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    time.Time
		wantErr string // a part of the error; "" means no error
	}{
		{name: "RFC 3339, UTC", in: "2026-01-02T15:04:05Z", want: time.Date(2026, 1, 2, 15, 4, 5, 0, time.UTC)},
		{name: "RFC 3339, offset", in: "2026-01-02T23:04:05+08:00", want: time.Date(2026, 1, 2, 15, 4, 5, 0, time.UTC)},
		{name: "RFC 3339, milliseconds", in: "2026-01-02T15:04:05.250Z", want: time.Date(2026, 1, 2, 15, 4, 5, 250e6, time.UTC)},
		{name: "Unix seconds", in: "1767366245", want: time.Date(2026, 1, 2, 15, 4, 5, 0, time.UTC)},
		{name: "Unix seconds, surrounding space", in: " 1767366245\n", want: time.Date(2026, 1, 2, 15, 4, 5, 0, time.UTC)},
		{name: "Unix milliseconds, as outputs give them", in: "1767366245250", want: time.Date(2026, 1, 2, 15, 4, 5, 250e6, time.UTC)},
		{name: "zero, which the APIs read as no bound", in: "0", wantErr: `got "0": a Unix time at or before 1970 is not accepted, since the list APIs would read 0 as no bound`},
		{name: "RFC 3339 at 1970", in: "1970-01-01T00:00:00Z", wantErr: `a time at or before 1970-01-01T00:00:00Z is not accepted`},
		{name: "RFC 3339 before 1970", in: "1969-12-31T23:59:59Z", wantErr: `a time at or before 1970-01-01T00:00:00Z is not accepted`},
		{name: "one second", in: "1", want: time.Unix(1, 0)},
		{name: "last value read as seconds", in: "99999999999", want: time.Unix(99999999999, 0)},
		{name: "first value read as milliseconds", in: "100000000000", want: time.UnixMilli(100000000000)},
		{name: "last millisecond of 9999", in: "253402300799999", want: time.Date(9999, 12, 31, 23, 59, 59, 999e6, time.UTC)},
		{name: "microseconds", in: "1767366245250000", wantErr: `got "1767366245250000", which as milliseconds is after the year 9999`},
		{name: "beyond int64", in: "99999999999999999999", wantErr: `got "99999999999999999999", which is too large for a Unix time`},
		{name: "negative", in: "-1", wantErr: `got "-1": a Unix time at or before 1970 is not accepted`},
		{name: "fractional seconds", in: "1767366245.5", wantErr: `Unix milliseconds such as "1767366245000", got "1767366245.5"`},
		{name: "words", in: "yesterday", wantErr: `expected an RFC 3339 time such as "2026-01-02T15:04:05Z", Unix seconds such as "1767366245" or Unix milliseconds such as "1767366245000", got "yesterday"`},
		{name: "empty", in: "", wantErr: `got ""`},
		{name: "date only", in: "2026-01-02", wantErr: `got "2026-01-02"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseTimeArgument(tt.in)
			switch {
			case tt.wantErr == "" && err != nil:
				t.Fatalf("parseTimeArgument(%q): %v", tt.in, err)
			case tt.wantErr == "" && !got.Equal(tt.want):
				t.Errorf("parseTimeArgument(%q) = %s, want %s", tt.in, got.UTC().Format(time.RFC3339Nano), tt.want.UTC().Format(time.RFC3339Nano))
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Errorf("parseTimeArgument(%q) = %v, %v; want an error containing %q", tt.in, got, err, tt.wantErr)
			}
		})
	}
}

// TestNotYetKnownAtValidate: Terraform 1.5's plantimestamp() at validate,
// and what timeadd makes of it, are skipped there; real times, and forms
// that are not RFC 3339, are checked.
func TestNotYetKnownAtValidate(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"0001-01-01T00:00:00Z", true},  // plantimestamp()
		{"0000-12-31T00:00:00Z", true},  // timeadd(plantimestamp(), "-24h")
		{"-0002-12-31T00:00:00Z", true}, // timeadd(plantimestamp(), "-17568h")
		{"0001-01-01T01:00:00Z", true},  // timeadd(plantimestamp(), "1h")
		{"0293-04-10T00:00:00Z", true},  // the longest duration after it
		{"0300-01-01T00:00:00Z", false}, // further than any timeadd
		{"1969-12-31T23:59:59Z", false}, // a mistake, refused at validate
		{"2026-01-02T15:04:05Z", false}, // a real time
		{"0", false},                    // Unix seconds
		{"yesterday", false},
	}
	for _, tt := range tests {
		if got := notYetKnownAtValidate(tt.in); got != tt.want {
			t.Errorf("notYetKnownAtValidate(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}
