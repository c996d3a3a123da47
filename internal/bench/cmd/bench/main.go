// Command bench is `make bench`: it measures plan time against the lower
// bound the API sets, under latency, under per-action QPS limits and under
// throttling, the provider's cost per read, its memory, size and start,
// prints the figures as markdown tables and writes them to bench/results.md.
//
//	go run ./internal/bench/cmd/bench -terraform bin/terraform -out bench/results.md
//
// Run it from the module's root. Terraform also runs it as the launcher that
// measures the provider's peak RSS (see internal/bench/launcher.go).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"

	"github.com/alisec/terraform-provider-alisec/internal/bench"
)

func main() {
	if bench.IsLauncher() {
		os.Exit(bench.Launch())
	}
	o := bench.DefaultOptions()
	flag.StringVar(&o.Terraform, "terraform", o.Terraform, "Terraform CLI to run")
	flag.IntVar(&o.Runs, "runs", o.Runs, "plans per figure; the median is reported")
	flag.StringVar(&o.GoBenchtime, "benchtime", o.GoBenchtime, "go test -benchtime for the Go benchmarks")
	out := flag.String("out", "bench/results.md", "file the report is written to")
	strict := flag.Bool("strict", false, "fail when a target is missed, not only when reads fail")
	flag.Parse()
	o.Progress = os.Stderr

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	report, err := bench.Run(ctx, o)
	if err != nil && !errors.Is(err, bench.ErrFailedReads) {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
	md := report.Markdown()
	fmt.Print("\n" + md)
	if werr := write(*out, md); werr != nil {
		fmt.Fprintln(os.Stderr, "bench:", werr)
		os.Exit(1)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
	if missed := report.Missed(); len(missed) > 0 {
		fmt.Fprintf(os.Stderr, "bench: %d target(s) missed (see Targets)\n", len(missed))
		if *strict {
			os.Exit(1)
		}
	}
}

func write(file, content string) error {
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		return err
	}
	return os.WriteFile(file, []byte(content), 0o644)
}
