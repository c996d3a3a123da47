package alicloud

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"

	"github.com/alisec/terraform-provider-alisec/internal/fakecloud"
)

// putWAFEvents makes "i1" the account's WAF instance in cn-hangzhou and
// stores n events of it ending one second apart from 2025-06-14T16:00:00Z,
// newest first once listed.
func putWAFEvents(cloud *fakecloud.Server, n int) {
	cloud.SetWAFInstance("cn-hangzhou", "i1")
	for i := range n {
		cloud.PutWAFEvent("cn-hangzhou", "i1", fmt.Sprintf("e%03d", i),
			[]byte(fmt.Sprintf(`{"RequestId":"R","ThreatEventDetail":{"EventLevel":"low","EndTime":%d,"EventBlock":"1","EventCnt":"4"}}`, 1749916800000+int64(i)*1000)))
	}
}

func TestClient_DescribeThreatEvents_paging(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		stored     int
		pageSize   int
		maxResults int
		wantEvents int
		wantPages  int
	}{
		{"empty", 0, 5, 0, 0, 1},
		{"one partial page", 3, 5, 0, 3, 1},
		// A full page may be the last under either reading of TotalCount:
		// the next one, empty, says so.
		{"exactly one page", 5, 5, 0, 5, 2},
		{"several pages", 12, 5, 0, 12, 3},
		{"max_results stops early", 12, 5, 7, 7, 2},
		{"max_results beyond the total", 4, 5, 10, 4, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			cloud, srv := startFake(t)
			putWAFEvents(cloud, tt.stored)
			c := newTestClient(t, srv.URL, nil)
			list, err := c.DescribeThreatEvents(context.Background(), ThreatEventsInput{
				InstanceID: "i1", StartTime: 1749916800000, EndTime: 1749916800000 + 3600_000,
				PageSize: tt.pageSize, MaxResults: tt.maxResults,
			})
			if err != nil {
				t.Fatal(err)
			}
			if len(list.Events) != tt.wantEvents || list.Pages != tt.wantPages {
				t.Fatalf("got %d events in %d pages, want %d in %d", len(list.Events), list.Pages, tt.wantEvents, tt.wantPages)
			}
			if list.TotalCount == nil || *list.TotalCount != int64(tt.stored) {
				t.Errorf("TotalCount = %v, want %d", list.TotalCount, tt.stored)
			}
			if got := cloud.Requests(WAFThreatEventsAction); got != tt.wantPages {
				t.Errorf("the fake cloud saw %d requests, want %d", got, tt.wantPages)
			}
			for i, e := range list.Events {
				want := fmt.Sprintf("e%03d", tt.stored-1-i)
				if e.EventID == nil || *e.EventID != want {
					t.Fatalf("event %d is %v, want %s (newest first, no page repeated or skipped)", i, e.EventID, want)
				}
				if e.BlockRate == nil || *e.BlockRate != "25%" || e.EndTime == nil {
					t.Errorf("event %d lacks its list fields: %+v", i, e)
				}
			}
		})
	}
}

func TestClient_DescribeEvents_filtersAndPaging(t *testing.T) {
	t.Parallel()
	cloud, srv := startFake(t)
	for i := range 7 {
		cloud.PutDSCEvent(fmt.Sprint(100+i), []byte(fmt.Sprintf(
			`{"RequestId":"R","Event":{"Id":%d,"Status":%d,"EventTime":%d,"ProductCode":"OSS","WarnLevel":%d,"UserId":9007199254740993}}`,
			100+i, i%2, 1700000000000+int64(i)*1000, 1+i%3)))
	}
	c := newTestClient(t, srv.URL, nil)
	zero, three := int64(0), int64(3)
	tests := []struct {
		name    string
		in      DSCEventsInput
		wantIDs []int64
	}{
		// The fixtures' seed event occurred in 2018: a start time leaves it out.
		{"all, across pages", DSCEventsInput{StartTime: 1700000000000, PageSize: 3}, []int64{106, 105, 104, 103, 102, 101, 100}},
		{"unhandled only", DSCEventsInput{StartTime: 1700000000000, Status: &zero}, []int64{106, 104, 102, 100}},
		{"high risk only", DSCEventsInput{WarnLevel: &three}, []int64{105, 102}},
		{"time range", DSCEventsInput{StartTime: 1700000002000, EndTime: 1700000004000}, []int64{103, 102}},
		{"product without events", DSCEventsInput{ProductCode: "RDS"}, []int64{}},
		{"max results", DSCEventsInput{PageSize: 2, MaxResults: 3}, []int64{106, 105, 104}},
		{"language is sent as the action expects", DSCEventsInput{Lang: "en", MaxResults: 1}, []int64{106}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			list, err := c.DescribeEvents(context.Background(), tt.in)
			if err != nil {
				t.Fatal(err)
			}
			ids := []int64{}
			for _, e := range list.Events {
				ids = append(ids, *e.ID)
				if e.UserID == nil || *e.UserID != 9007199254740993 {
					t.Errorf("UserId lost precision: %v", e.UserID)
				}
			}
			if !slices.Equal(ids, tt.wantIDs) {
				t.Errorf("ids = %v, want %v", ids, tt.wantIDs)
			}
		})
	}
}

func TestClient_DescribeThreatEvents_apiErrors(t *testing.T) {
	t.Parallel()
	cloud, srv := startFake(t)
	cloud.SetWAFInstance("cn-hangzhou", "i1")
	c := newTestClient(t, srv.URL, nil)
	_, err := c.DescribeThreatEvents(context.Background(), ThreatEventsInput{InstanceID: "i1", StartTime: 2000, EndTime: 1000})
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.Code != "InvalidParameter" {
		t.Fatalf("a reversed range gave %v, want the API's InvalidParameter", err)
	}
}
