package alicloud

import (
	"context"
	"errors"
	"fmt"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/alisec/terraform-provider-alisec/internal/fakecloud"
	"github.com/alisec/terraform-provider-alisec/internal/products"
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
				Endpoints:   Endpoints{Products: map[string]string{products.Sddp.Key: srv.URL}},
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

// TestClient_mergedReadOutlivesAnotherCaller checks that a read merged into
// another caller's identical read is not failed by that caller's
// cancellation: each caller stops only when its own context ends.
func TestClient_mergedReadOutlivesAnotherCaller(t *testing.T) {
	t.Parallel()
	cloud, srv := startFake(t)
	cloud.SetFault(DSCEventAction, fakecloud.Fault{Latency: 60 * time.Millisecond})
	c := newTestClient(t, srv.URL, nil)

	first, cancelFirst := context.WithCancel(context.Background())
	defer cancelFirst()
	firstErr := make(chan error, 1)
	go func() {
		_, err := c.DescribeEventDetail(first, DSCEventInput{ID: pageDSCEvent})
		firstErr <- err
	}()
	// Wait until the first read is on the wire, then merge a second into it.
	for deadline := time.Now().Add(2 * time.Second); cloud.Requests(DSCEventAction) == 0; {
		if time.Now().After(deadline) {
			t.Fatal("the first read never reached the server")
		}
		time.Sleep(time.Millisecond)
	}
	secondErr := make(chan error, 1)
	go func() {
		e, err := c.DescribeEventDetail(context.Background(), DSCEventInput{ID: pageDSCEvent})
		if err == nil && (e.ID == nil || *e.ID != pageDSCEvent) {
			err = fmt.Errorf("read event %v", deref64(e.ID))
		}
		secondErr <- err
	}()
	time.Sleep(10 * time.Millisecond)
	cancelFirst()

	if err := <-firstErr; !errors.Is(err, context.Canceled) {
		t.Errorf("first read: %v, want its own cancellation", err)
	}
	if err := <-secondErr; err != nil {
		t.Errorf("second read failed because the first was cancelled: %v", err)
	}
}
