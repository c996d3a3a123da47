package fakecloud

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

func TestParseRelativeTime(t *testing.T) {
	t.Parallel()
	now := time.Date(2025, 6, 14, 16, 0, 0, 0, time.UTC)
	tests := []struct {
		in      string
		want    time.Time
		ok      bool   // starts with "now"
		wantErr string // "" when it parses
	}{
		{"now", now, true, ""},
		{"now-30m", now.Add(-30 * time.Minute), true, ""},
		{"now+1h", now.Add(time.Hour), true, ""},
		{"now-1h30m", now.Add(-90 * time.Minute), true, ""},
		{"now-1.5h", now.Add(-90 * time.Minute), true, ""},
		{"now-48h", now.Add(-48 * time.Hour), true, ""},
		{"now-250ms", now.Add(-250 * time.Millisecond), true, ""},
		{"now-0s", now, true, ""},
		{"1749916800000", time.Time{}, false, ""},
		{"yesterday", time.Time{}, false, ""},
		{"", time.Time{}, false, ""},
		{"now-", time.Time{}, true, "not a relative time"},
		{"now+", time.Time{}, true, "not a relative time"},
		{"now--5m", time.Time{}, true, "not a relative time"},
		{"now+-5m", time.Time{}, true, "not a relative time"},
		{"now - 5m", time.Time{}, true, "not a relative time"},
		{"now-2d", time.Time{}, true, `"2d" is not a Go duration`},
		{"now-30", time.Time{}, true, `"30" is not a Go duration`},
		{"nowish", time.Time{}, true, "not a relative time"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			t.Parallel()
			got, ok, err := parseRelativeTime(tt.in, now)
			if ok != tt.ok {
				t.Fatalf("ok = %v, want %v", ok, tt.ok)
			}
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error %v, want one containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil || !got.Equal(tt.want) {
				t.Fatalf("got %v, %v; want %v", got, err, tt.want)
			}
		})
	}
}

func TestResolveRelativeTimes(t *testing.T) {
	t.Parallel()
	now := time.Date(2025, 6, 14, 16, 0, 0, 0, time.UTC) // 1749916800 s
	tests := []struct {
		name    string
		in      string
		want    string // compact JSON; "" with wantErr
		wantErr string
	}{
		{
			name: "WAF end time, milliseconds",
			in:   `{"RequestId":"R","ThreatEventDetail":{"EndTime":"now-30m","EventCnt":"20"}}`,
			want: `{"RequestId":"R","ThreatEventDetail":{"EndTime":1749915000000,"EventCnt":"20"}}`,
		},
		{
			name: "WAF event condition, seconds inside the string",
			in:   `{"RequestId":"R","ThreatEventDetail":{"EventCondition":"{\"start_ts\": \"now-2h\", \"end_ts\": \"now\", \"condition\": {\"real_client_ip\": [\"203.0.113.7\"]}}"}}`,
			want: `{"RequestId":"R","ThreatEventDetail":{"EventCondition":"{\"condition\":{\"real_client_ip\":[\"203.0.113.7\"]},\"end_ts\":1749916800,\"start_ts\":1749909600}"}}`,
		},
		{
			name: "DSC times and handling times, milliseconds",
			in:   `{"RequestId":"R","Event":{"Id":1,"EventTime":"now-45m","AlertTime":"now-44m","DealTime":"now+1h","HandleInfoList":[{"EnableTime":"now-1s","DisableTime":1611139155000}]}}`,
			want: `{"Event":{"AlertTime":1749914160000,"DealTime":1749920400000,"EventTime":1749914100000,"HandleInfoList":[{"DisableTime":1611139155000,"EnableTime":1749916799000}],"Id":1},"RequestId":"R"}`,
		},
		{
			name: "text that starts with now, outside time fields",
			in:   `{"RequestId":"R","Event":{"Id":1,"DealReason":"nowhere near","EventTime":"now"}}`,
			want: `{"Event":{"DealReason":"nowhere near","EventTime":1749916800000,"Id":1},"RequestId":"R"}`,
		},
		{
			name:    "relative time outside time fields",
			in:      `{"RequestId":"R","ThreatEventDetail":{"EventLevel":"now-1h"}}`,
			wantErr: `Response.ThreatEventDetail.EventLevel: "now-1h": relative times are only resolved in`,
		},
		{
			name:    "misspelt time field",
			in:      `{"RequestId":"R","Event":{"Id":1,"EventTIme":"now-1h"}}`,
			wantErr: `Response.Event.EventTIme`,
		},
		{
			name:    "bad relative time in a time field",
			in:      `{"RequestId":"R","Event":{"Id":1,"HandleInfoList":[{},{"EnableTime":"now-1 hour"}]}}`,
			wantErr: `Response.Event.HandleInfoList[1].EnableTime: "now-1 hour" is not a relative time: "1 hour" is not a Go duration`,
		},
		{
			name:    "bad relative time in the event condition",
			in:      `{"RequestId":"R","ThreatEventDetail":{"EventCondition":"{\"start_ts\":\"now-1d\"}"}}`,
			wantErr: `Response.ThreatEventDetail.EventCondition.start_ts: "now-1d"`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := resolveRelativeTimes(json.RawMessage(tt.in), now)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error %v, want one containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

// A response without relative times is served byte for byte, keys in the
// file's order, numbers as written.
func TestResolveRelativeTimes_verbatim(t *testing.T) {
	t.Parallel()
	in := `{"RequestId": "R", "ThreatEventDetail": {"EventLevel": "high", "EndTime": 1749916800000, "EventCondition": "{\"end_ts\": 1766637714}", "Big": 9007199254740993}}`
	got, err := resolveRelativeTimes(json.RawMessage(in), time.Now())
	if err != nil || string(got) != in {
		t.Fatalf("got %s, %v; want the input unchanged", got, err)
	}
}
