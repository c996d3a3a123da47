package main

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/alisec/terraform-provider-alisec/internal/probe"
)

// TestProbe_main holds main's wiring: the process's environment and
// streams, and the exit statuses of its flags.
func TestProbe_main(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		args       []string
		wantExit   int
		wantStderr string
	}{
		{"help", []string{"-h"}, probe.ExitHolds, "Usage: probe [-out report.md] [-window 168h] [-region REGION]"},
		{"unknown flag", []string{"-bogus"}, probe.ExitCannotRun, "flag provided but not defined: -bogus"},
		{"bad window", []string{"-window", "soon"}, probe.ExitCannotRun, "invalid value \"soon\" for flag -window"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			cmd := command()
			if cmd.Lookup == nil || cmd.Stdout == nil || cmd.Version != version {
				t.Fatalf("command() is not wired to the process: %+v", cmd)
			}
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			if code := cmd.Run(context.Background(), tt.args); code != tt.wantExit {
				t.Errorf("exit status %d, want %d", code, tt.wantExit)
			}
			if !strings.Contains(stderr.String(), tt.wantStderr) {
				t.Errorf("stderr lacks %q: %q", tt.wantStderr, stderr.String())
			}
		})
	}
}
