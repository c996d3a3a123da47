package provider

import (
	"math"
	"runtime/debug"
	"testing"
)

// Not parallel: the collector's settings are the whole test process's.
func TestTuneGC(t *testing.T) {
	const untouchedPercent, untouchedLimit = 77, math.MaxInt64
	tests := []struct {
		name      string
		env       map[string]string
		wantGC    int
		wantLimit int64
	}{
		{name: "neither set", wantGC: GCPercent, wantLimit: GCMemoryLimit},
		{name: "GOGC set by the user", env: map[string]string{"GOGC": "150"}, wantGC: untouchedPercent, wantLimit: untouchedLimit},
		{name: "GOMEMLIMIT set by the user", env: map[string]string{"GOMEMLIMIT": "1GiB"}, wantGC: untouchedPercent, wantLimit: untouchedLimit},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			previousGC := debug.SetGCPercent(untouchedPercent)
			previousLimit := debug.SetMemoryLimit(untouchedLimit)
			t.Cleanup(func() {
				debug.SetGCPercent(previousGC)
				debug.SetMemoryLimit(previousLimit)
			})
			TuneGC(func(name string) string { return tt.env[name] })
			if got := debug.SetGCPercent(untouchedPercent); got != tt.wantGC {
				t.Errorf("GC percent = %d, want %d", got, tt.wantGC)
			}
			if got := debug.SetMemoryLimit(untouchedLimit); got != tt.wantLimit {
				t.Errorf("memory limit = %d, want %d", got, tt.wantLimit)
			}
		})
	}
}
