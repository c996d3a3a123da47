package alicloud

import (
	"context"
	"testing"
)

// The client's share of one read, which `make bench` reports beside the
// provider's: signing, the HTTP exchange with a zero-latency fake cloud in
// this process (whose own work is counted too), and decoding.

// benchCalls are the two detail actions with the page example each reads.
var benchCalls = []struct {
	name    string
	fixture string
	call    func(context.Context, *Client) error
	decode  func([]byte) error
	rpc     func(*Client) rpcCall
}{
	{
		name:    WAFThreatEventAction,
		fixture: "../fakecloud/fixtures/waf/page-example.json",
		call: func(ctx context.Context, c *Client) error {
			_, err := readPageWAFEvent(ctx, c)
			return err
		},
		decode: func(body []byte) error {
			_, err := DecodeThreatEventDetail(body)
			return err
		},
		rpc: func(c *Client) rpcCall {
			return c.wafRPC(WAFThreatEventAction, "", map[string]string{"InstanceId": pageWAFInstance, "EventId": pageWAFEvent})
		},
	},
	{
		name:    DSCEventAction,
		fixture: "../fakecloud/fixtures/sddp/page-example.json",
		call: func(ctx context.Context, c *Client) error {
			_, err := c.DescribeEventDetail(ctx, DSCEventInput{ID: pageDSCEvent, Lang: "en"})
			return err
		},
		decode: func(body []byte) error {
			_, err := DecodeEventDetail(body)
			return err
		},
		rpc: func(c *Client) rpcCall {
			return c.sddpRPC(DSCEventAction, "", map[string]string{"Id": "52234", "Lang": "en"})
		},
	},
}

// BenchmarkDescribe is one read through the client: sign, send to the
// fake cloud over a kept-alive loopback connection, check and decode.
func BenchmarkDescribe(b *testing.B) {
	for _, bc := range benchCalls {
		b.Run(bc.name, func(b *testing.B) {
			_, srv := startFake(b)
			c := newTestClient(b, srv.URL, nil)
			ctx := context.Background()
			b.ReportAllocs()
			for b.Loop() {
				if err := bc.call(ctx, c); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkSign is the SDK's part of a request: resolving the static keys
// and signing, up to an *http.Request ready to send.
func BenchmarkSign(b *testing.B) {
	for _, bc := range benchCalls {
		b.Run(bc.name, func(b *testing.B) {
			c := newTestClient(b, "http://127.0.0.1:1", nil)
			rpc := bc.rpc(c)
			ctx := context.Background()
			b.ReportAllocs()
			for b.Loop() {
				if _, err := c.signedRequest(ctx, rpc); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkDecode is the decoding of an answer already received.
func BenchmarkDecode(b *testing.B) {
	for _, bc := range benchCalls {
		b.Run(bc.name, func(b *testing.B) {
			body := fixtureResponse(b, bc.fixture)
			b.ReportAllocs()
			for b.Loop() {
				if err := bc.decode(body); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
