package alicloud

import (
	"context"
	"net/http/httptest"
	"testing"

	"github.com/alisec/terraform-provider-alisec/internal/fakecloud"
)

func TestSmoke(t *testing.T) {
	srv := httptest.NewServer(fakecloud.New())
	defer srv.Close()
	c, err := New(Config{Credentials: Credentials{AccessKey: fakecloud.DefaultAccessKeyID, SecretKey: fakecloud.DefaultAccessKeySecret}, Endpoints: Endpoints{WAFOpenAPI: srv.URL, Sddp: srv.URL}})
	if err != nil {
		t.Fatal(err)
	}
	d, err := c.DescribeThreatEventDetail(context.Background(), ThreatEventInput{InstanceID: "waf_v2_public_cn-lbj0xxxx", EventID: "1661131a028f72a976703f4a4082ad87"})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%+v %v %+v", *d.EventLevel, *d.EndTime, d.EventConditionParsed)
	e, err := c.DescribeEventDetail(context.Background(), DSCEventInput{ID: 52234})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%v %+v", *e.ID, e.Detail.Chart[0].Data)
	_, err = c.DescribeEventDetail(context.Background(), DSCEventInput{ID: 5})
	t.Log(err)
}
