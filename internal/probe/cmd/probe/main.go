// Command probe is `make probe`: the read-only conformance probe. It asks
// the WAF 3.0 and Data Security Center APIs a fixed set of questions with
// the provider's environment variables and writes a Markdown report to
// paste into an issue; internal/probe/README.md describes it.
//
//	go run ./internal/probe/cmd/probe -out probe-report.md
package main

import (
	"context"
	"os"
	"os/signal"

	"github.com/alisec/terraform-provider-alisec/internal/probe"
)

// version is set by a release build: -ldflags "-X main.version=1.2.3".
var version = "dev"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := command().Run(ctx, os.Args[1:])
	stop()
	os.Exit(code)
}

// command is the probe wired to this process.
func command() probe.Command {
	return probe.Command{Lookup: os.LookupEnv, Stdout: os.Stdout, Stderr: os.Stderr, Version: version}
}
