package bench

import (
	"testing"
	"time"
)

func TestIdealPlan(t *testing.T) {
	t.Parallel()
	const ms = time.Millisecond
	tests := []struct {
		name        string
		t0          time.Duration
		n           int
		parallelism int
		latency     time.Duration
		want        time.Duration
	}{
		{name: "one round", t0: 1000 * ms, n: 10, parallelism: 10, latency: 50 * ms, want: 1050 * ms},
		{name: "a partial round counts whole", t0: 1000 * ms, n: 11, parallelism: 10, latency: 50 * ms, want: 1100 * ms},
		{name: "500 reads", t0: 2000 * ms, n: 500, parallelism: 10, latency: 50 * ms, want: 4500 * ms},
		{name: "fewer reads than parallelism", t0: 300 * ms, n: 3, parallelism: 10, latency: 50 * ms, want: 350 * ms},
		{name: "serial", t0: 0, n: 4, parallelism: 1, latency: 50 * ms, want: 200 * ms},
		{name: "no latency", t0: 700 * ms, n: 500, parallelism: 10, latency: 0, want: 700 * ms},
		{name: "no reads", t0: 700 * ms, n: 0, parallelism: 10, latency: 50 * ms, want: 700 * ms},
		{name: "no parallelism is no bound", t0: 700 * ms, n: 10, parallelism: 0, latency: 50 * ms, want: 700 * ms},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := IdealPlan(tt.t0, tt.n, tt.parallelism, tt.latency); got != tt.want {
				t.Errorf("IdealPlan(%s, %d, %d, %s) = %s, want %s", tt.t0, tt.n, tt.parallelism, tt.latency, got, tt.want)
			}
		})
	}
}

func TestRatio(t *testing.T) {
	t.Parallel()
	tests := []struct {
		measured, ideal time.Duration
		want            float64
	}{
		{measured: 4500 * time.Millisecond, ideal: 4500 * time.Millisecond, want: 1},
		{measured: 5175 * time.Millisecond, ideal: 4500 * time.Millisecond, want: 1.15},
		{measured: 2 * time.Second, ideal: 4 * time.Second, want: 0.5},
		{measured: time.Second, ideal: 0, want: 0},
	}
	for _, tt := range tests {
		if got := Ratio(tt.measured, tt.ideal); got < tt.want-1e-9 || got > tt.want+1e-9 {
			t.Errorf("Ratio(%s, %s) = %v, want %v", tt.measured, tt.ideal, got, tt.want)
		}
	}
}

func TestMedian(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		ds   []time.Duration
		want time.Duration
	}{
		{name: "none", ds: nil, want: 0},
		{name: "one", ds: []time.Duration{3}, want: 3},
		{name: "odd, unsorted", ds: []time.Duration{9, 1, 5}, want: 5},
		{name: "even: mean of the middles", ds: []time.Duration{4, 1, 10, 2}, want: 3},
		{name: "one outlier does not move it", ds: []time.Duration{100, 101, 5000}, want: 101},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			in := append([]time.Duration(nil), tt.ds...)
			if got := Median(tt.ds); got != tt.want {
				t.Errorf("Median(%v) = %v, want %v", tt.ds, got, tt.want)
			}
			for i := range in {
				if in[i] != tt.ds[i] {
					t.Fatalf("Median reordered its argument: %v", tt.ds)
				}
			}
		})
	}
}
