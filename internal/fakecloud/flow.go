package fakecloud

import (
	"math"
	"time"
)

// FlowControl limits how often one AccessKeyId may call one action, as the
// gateway's flow control does: a token bucket that starts full, holds Burst
// tokens and gains QPS tokens a second. A request takes a token; with none
// left it is answered Throttling.User (HTTP 400) at once, and neither takes
// nor adds anything. The zero FlowControl is no limit.
type FlowControl struct {
	// QPS is how many tokens a second the bucket gains. With QPS 0 and a
	// Burst, the bucket never refills: Burst requests, then throttling.
	QPS float64
	// Burst is the bucket's size; 0 means ceil(QPS), at least 1.
	Burst int
}

// AnyAction names, in SetFlowControl, the limit of every action that has
// none of its own.
const AnyAction = "*"

// flowEpsilon forgives a bucket a billionth of a token, so that a clock
// moved by 1/QPS, rounded to the nanosecond, refills a whole token.
const flowEpsilon = 1e-9

// BucketSize is how many requests the limit serves at once: Burst, or
// ceil(QPS) and at least 1 when Burst is 0.
func (fc FlowControl) BucketSize() int {
	if fc.Burst > 0 {
		return fc.Burst
	}
	return max(1, int(math.Ceil(min(fc.QPS, math.MaxInt32))))
}

func (fc FlowControl) size() float64 { return float64(fc.BucketSize()) }

// bucket is one AccessKeyId's tokens for one action, as they stood at at.
type bucket struct {
	fc     FlowControl // the limit the bucket was filled for
	tokens float64
	at     time.Time
}

type bucketKey struct{ accessKeyID, action string }

// SetFlowControl limits action, or with AnyAction every action without a
// limit of its own, per AccessKeyId. The zero FlowControl removes the
// setting: the action follows AnyAction's again, and AnyAction's removed
// leaves such actions unlimited. Negative values and NaN count as zero.
// Buckets whose limit changes start full.
func (s *Server) SetFlowControl(action string, fc FlowControl) {
	if math.IsNaN(fc.QPS) || fc.QPS < 0 {
		fc.QPS = 0
	}
	fc.Burst = max(0, fc.Burst)
	s.mu.Lock()
	defer s.mu.Unlock()
	if fc == (FlowControl{}) {
		delete(s.flow, action)
		return
	}
	s.flow[action] = fc
}

// Throttled counts the requests of action answered Throttling.User, by flow
// control or by a Fault.
func (s *Server) Throttled(action string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.throttled[action]
}

// takeToken takes a token from the key's bucket for action, and reports
// whether there was one; a request without one is counted as throttled.
func (s *Server) takeToken(accessKeyID, action string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	fc, ok := s.flow[action]
	if !ok {
		fc = s.flow[AnyAction]
	}
	if fc == (FlowControl{}) {
		return true
	}
	now := s.now()
	key := bucketKey{accessKeyID, action}
	b := s.buckets[key]
	if b == nil || b.fc != fc {
		b = &bucket{fc: fc, tokens: fc.size(), at: now}
		s.buckets[key] = b
	}
	// A clock moved back adds nothing; the bucket is only written when a
	// token is taken, so a throttled request changes nothing.
	elapsed := max(0, now.Sub(b.at).Seconds())
	tokens := min(fc.size(), b.tokens+elapsed*fc.QPS)
	if tokens < 1-flowEpsilon {
		s.throttled[action]++
		return false
	}
	b.tokens, b.at = max(0, tokens-1), now
	return true
}

func (s *Server) countThrottled(action string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.throttled[action]++
}
