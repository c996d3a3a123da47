package bench

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestReadProviderUsage(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		record    string
		want      ProviderUsage
		wantError string
	}{
		{name: "one process", record: "1024 1500\n", want: ProviderUsage{PeakRSS: 1 << 20, CPU: 1500 * time.Microsecond, Processes: 1}},
		{name: "the largest peak, the sum of CPU", record: "30000 40000\n61440 1200000\n20000 1000\n",
			want: ProviderUsage{PeakRSS: 61440 << 10, CPU: 1241 * time.Millisecond, Processes: 3}},
		{name: "garbage", record: "1024\n", wantError: "line"},
		{name: "empty", record: "", wantError: "line"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			file := filepath.Join(t.TempDir(), "usage")
			if err := os.WriteFile(file, []byte(tt.record), 0o600); err != nil {
				t.Fatal(err)
			}
			got, err := ReadProviderUsage(file)
			if tt.wantError != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantError) {
					t.Fatalf("error = %v, want one containing %q", err, tt.wantError)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("ReadProviderUsage = %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestReadProviderUsage_noRecord(t *testing.T) {
	t.Parallel()
	if _, err := ReadProviderUsage(filepath.Join(t.TempDir(), "missing")); err == nil {
		t.Fatal("no error for a missing record: a plan that never started the launcher would go unnoticed")
	}
}
