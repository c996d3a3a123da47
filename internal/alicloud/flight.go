package alicloud

import (
	"context"
	"fmt"
)

// call sends rpc once for all concurrent callers asking the same thing, and
// lets each caller stop waiting when its own context ends.
func (c *Client) call(ctx context.Context, rpc rpcCall) ([]byte, error) {
	result := c.flights.DoChan(rpc.key(), func() (any, error) { return c.do(ctx, rpc) })
	select {
	case <-ctx.Done():
		return nil, contextError(ctx, rpc, 0)
	case r := <-result:
		if r.Err != nil && ctx.Err() == nil && stoppedByContext(r.Err) {
			// The shared call ran under another caller's context, which
			// ended; this caller's has not, so it asks on its own.
			return c.do(ctx, rpc)
		}
		if r.Err != nil {
			return nil, r.Err
		}
		body, ok := r.Val.([]byte)
		if !ok {
			return nil, fmt.Errorf("%s: internal error: shared call returned %T", rpc.action, r.Val)
		}
		return body, nil
	}
}
