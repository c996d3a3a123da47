package bench

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/alisec/terraform-provider-alisec/internal/alicloud"
	"github.com/alisec/terraform-provider-alisec/internal/fakecloud"
	"github.com/alisec/terraform-provider-alisec/internal/products"
)

// clientEndpoints points every product of the table at url.
func clientEndpoints(url string) alicloud.Endpoints {
	eps := alicloud.Endpoints{Products: make(map[string]string, len(products.All))}
	for _, p := range products.All {
		eps.Products[p.Key] = url
	}
	return eps
}

func TestEvents(t *testing.T) {
	t.Parallel()
	events := Events(7)
	seen := map[string]bool{}
	waf := 0
	for i, e := range events {
		if seen[e.ID] {
			t.Errorf("event %d repeats ID %s: singleflight would merge the reads", i, e.ID)
		}
		seen[e.ID] = true
		if e.WAF != (i%2 == 0) {
			t.Errorf("event %d: WAF = %v, want WAF and DSC in turn", i, e.WAF)
		}
		if e.WAF {
			waf++
		}
	}
	if len(events) != 7 || waf != 4 {
		t.Errorf("Events(7) = %d events, %d WAF; want 7 and 4", len(events), waf)
	}
}

// Every event the bench serves reads cleanly, with no decode warning that
// would add diagnostics to each read.
func TestStartCloud(t *testing.T) {
	t.Parallel()
	events := Events(4)
	cloud, err := StartCloud(events, fakecloud.Fault{Latency: time.Millisecond})
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
	for _, e := range events {
		var warnings []alicloud.DecodeWarning
		if e.WAF {
			d, err := client.DescribeThreatEventDetail(ctx, alicloud.ThreatEventInput{InstanceID: benchInstance, EventID: e.ID})
			if err != nil {
				t.Fatalf("WAF event %s: %v", e.ID, err)
			}
			warnings = d.Warnings
		} else {
			id, err := strconv.ParseInt(e.ID, 10, 64)
			if err != nil {
				t.Fatal(err)
			}
			d, err := client.DescribeEventDetail(ctx, alicloud.DSCEventInput{ID: id, Lang: "en"})
			if err != nil {
				t.Fatalf("DSC event %s: %v", e.ID, err)
			}
			if d.ID == nil || *d.ID != id || d.Detail == nil || len(d.HandleInfoList) != 1 {
				t.Errorf("DSC event %s: %+v", e.ID, d)
			}
			warnings = d.Warnings
		}
		if len(warnings) > 0 {
			t.Errorf("event %s: decode warnings %+v", e.ID, warnings)
		}
	}
	if got := cloud.Reads(); got != len(events) {
		t.Errorf("Reads() = %d, want %d", got, len(events))
	}
}
