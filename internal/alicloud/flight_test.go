package alicloud

import (
	"context"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/alisec/terraform-provider-alisec/internal/fakecloud"
)

func TestClient_concurrentIdenticalReadsShareOneCall(t *testing.T) {
	tests := []struct {
		name         string
		ids          []int64
		wantRequests int
	}{
		{"same event ten times", []int64{52234, 52234, 52234, 52234, 52234, 52234, 52234, 52234, 52234, 52234}, 1},
		{"different events", []int64{52234, 52235}, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cloud := fakecloud.New()
			cloud.PutDSCEvent("52235", []byte(`{"RequestId":"R","Event":{"Id":52235,"Status":0}}`))
			cloud.SetFault("DescribeEventDetail", fakecloud.Fault{Latency: 150 * time.Millisecond})
			srv := httptest.NewServer(cloud)
			t.Cleanup(srv.Close)
			client, err := New(Config{
				Credentials: Credentials{AccessKey: fakecloud.DefaultAccessKeyID, SecretKey: fakecloud.DefaultAccessKeySecret},
				Endpoints:   Endpoints{Products: map[string]string{"sddp": srv.URL}},
			})
			if err != nil {
				t.Fatal(err)
			}
			var wg sync.WaitGroup
			errs := make(chan error, len(tt.ids))
			for _, id := range tt.ids {
				wg.Add(1)
				go func() {
					defer wg.Done()
					event, err := client.DescribeEventDetail(context.Background(), DSCEventInput{ID: id})
					if err == nil && (event.ID == nil || *event.ID != id) {
						t.Errorf("read event %d, got %v", id, event.ID)
					}
					errs <- err
				}()
			}
			wg.Wait()
			close(errs)
			for err := range errs {
				if err != nil {
					t.Fatal(err)
				}
			}
			if got := cloud.Requests("DescribeEventDetail"); got != tt.wantRequests {
				t.Errorf("the fake cloud saw %d requests, want %d", got, tt.wantRequests)
			}
		})
	}
}
