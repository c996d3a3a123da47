package bench

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/alisec/terraform-provider-alisec/internal/alicloud"
	"github.com/alisec/terraform-provider-alisec/internal/fakecloud"
)

// The list cloud serves every event, and nothing else, in ListConfig's
// windows, one page per page size; the cloud records each request.
func TestStartListCloud(t *testing.T) {
	t.Parallel()
	const n = 250
	cloud, err := StartListCloud(n, fakecloud.Fault{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(cloud.Close)
	client, err := alicloud.New(alicloud.Config{
		Region:      benchRegion,
		Credentials: alicloud.Credentials{AccessKey: fakecloud.DefaultAccessKeyID, SecretKey: fakecloud.DefaultAccessKeySecret},
		Endpoints:   clientEndpoints(cloud.URL),
	})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	const day = 24 * time.Hour
	waf, err := client.DescribeThreatEvents(ctx, alicloud.ThreatEventsInput{InstanceID: benchInstance,
		StartTime: wafEndTime - day.Milliseconds()/2, EndTime: wafEndTime + day.Milliseconds()/2})
	if err != nil {
		t.Fatal(err)
	}
	dsc, err := client.DescribeEvents(ctx, alicloud.DSCEventsInput{
		StartTime: listDSCEventTime - day.Milliseconds()/2, EndTime: listDSCEventTime + day.Milliseconds()/2})
	if err != nil {
		t.Fatal(err)
	}
	if len(waf.Events) != n || waf.Pages != Pages(n, wafPageSize) || len(waf.Warnings) > 0 {
		t.Errorf("WAF: %d events in %d pages, warnings %+v; want %d in %d", len(waf.Events), waf.Pages, waf.Warnings, n, Pages(n, wafPageSize))
	}
	if len(dsc.Events) != n || dsc.Pages != Pages(n, dscPageSize) || len(dsc.Warnings) > 0 {
		t.Errorf("DSC: %d events in %d pages, warnings %+v; want %d in %d", len(dsc.Events), dsc.Pages, dsc.Warnings, n, Pages(n, dscPageSize))
	}
	var arrivals []Arrival
	for _, a := range cloud.Arrivals() {
		if a.Action != alicloud.WAFInstanceAction { // the WAF list's instance check, once
			arrivals = append(arrivals, a)
		}
	}
	if len(arrivals) != waf.Pages+dsc.Pages {
		t.Fatalf("%d arrivals, want one per page", len(arrivals))
	}
	for _, a := range arrivals {
		if (a.Action != alicloud.WAFThreatEventsAction && a.Action != alicloud.DSCEventsAction) || a.Call != "" || a.Status != 200 || a.Done.Before(a.At) {
			t.Errorf("arrival %+v", a)
		}
	}
}

func TestErrorSummaries(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		out  string
		want []string
	}{
		{name: "none", out: "data.alisec_dsc_event.each[\"1\"]: Read complete after 0s\n\nNo changes.\n"},
		{
			name: "boxed, as Terraform prints them",
			out: "╷\n│ Error: API Throttled\n│ \n│   with data.alisec_dsc_event.each[\"100001\"],\n│ \n│ alisec_dsc_event (DescribeEventDetail): ...\n╵\n" +
				"╷\n│ Error: Missing RAM Permission\n╵\n",
			want: []string{"API Throttled", "Missing RAM Permission"},
		},
		{name: "without the box", out: "Error: Invalid provider configuration\n", want: []string{"Invalid provider configuration"}},
		{name: "a warning is not an error", out: "│ Warning: Provider development overrides are in effect\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := ErrorSummaries(tt.out); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("ErrorSummaries = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestMeasureSpacing(t *testing.T) {
	t.Parallel()
	t0 := time.Date(2025, 6, 14, 16, 0, 0, 0, time.UTC)
	ms := func(n int) time.Time { return t0.Add(time.Duration(n) * time.Millisecond) }
	at := func(action, call string, sent, answered int) Arrival {
		return Arrival{Action: action, Call: call, At: ms(sent), Done: ms(answered), Status: 400}
	}
	tests := []struct {
		name     string
		arrivals []Arrival
		want     Spacing
	}{
		{name: "nothing", want: Spacing{MinGapRead: NoGap, MinGapAction: NoGap}},
		{
			name: "first attempts together are no retries; retries of two reads interleave",
			arrivals: []Arrival{
				at("A", "1", 0, 50), at("A", "2", 1, 51), // sent at once, before any answer
				at("B", "9", 2, 52),
				at("A", "1", 200, 250), at("A", "2", 340, 390), at("A", "1", 900, 950),
				at("B", "9", 3000, 3050),
			},
			want: Spacing{
				Attempts:     7,
				LongestRetry: 2948 * time.Millisecond, // B/9: last sent at 3000, first answered at 52
				MinGapRead:   200 * time.Millisecond,  // A/1: 0 → 200
				MinGapAction: 140 * time.Millisecond,  // A retries: 200 → 340
			},
		},
		{
			name:     "one attempt each",
			arrivals: []Arrival{at("A", "1", 0, 50), at("A", "2", 10, 60)},
			want:     Spacing{Attempts: 2, MinGapRead: NoGap, MinGapAction: NoGap},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := MeasureSpacing(tt.arrivals); got != tt.want {
				t.Errorf("MeasureSpacing = %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestFlowBound(t *testing.T) {
	t.Parallel()
	tests := []struct {
		calls int
		qps   float64
		want  time.Duration
	}{
		{calls: 150, qps: 10, want: 15 * time.Second},
		{calls: 150, qps: 5, want: 30 * time.Second},
		{calls: 1, qps: 3, want: 333333333},
		{calls: 10, qps: 0, want: 0},
	}
	for _, tt := range tests {
		if got := FlowBound(tt.calls, tt.qps); got != tt.want {
			t.Errorf("FlowBound(%d, %g) = %s, want %s", tt.calls, tt.qps, got, tt.want)
		}
	}
	if got := InTurnBound(FlowResult{Calls: 150, QPS: 10}); got != 30*time.Second {
		t.Errorf("InTurnBound = %s, want 30s", got)
	}
	for _, tt := range []struct{ n, size, want int }{{5000, 200, 25}, {5000, 100, 50}, {5001, 100, 51}, {0, 100, 0}, {10, 0, 0}} {
		if got := Pages(tt.n, tt.size); got != tt.want {
			t.Errorf("Pages(%d, %d) = %d, want %d", tt.n, tt.size, got, tt.want)
		}
	}
}
