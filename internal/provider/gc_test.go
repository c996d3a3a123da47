package provider

import (
	"runtime/debug"
	"testing"
)

// Not parallel: the collector's target is the whole test process's.
func TestTuneGC(t *testing.T) {
	tests := []struct {
		name string
		gogc string
		want int
	}{
		{name: "GOGC unset", gogc: "", want: GCPercent},
		{name: "GOGC set by the user", gogc: "150", want: 77},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			previous := debug.SetGCPercent(77)
			t.Cleanup(func() { debug.SetGCPercent(previous) })
			TuneGC(func(name string) string {
				if name == "GOGC" {
					return tt.gogc
				}
				return ""
			})
			if got := debug.SetGCPercent(77); got != tt.want {
				t.Errorf("GC percent = %d, want %d", got, tt.want)
			}
		})
	}
}
