package probe

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/alisec/terraform-provider-alisec/internal/alicloud"
	"github.com/alisec/terraform-provider-alisec/internal/provider"
)

// Command is the probe's command line, with what it reads from the
// process given, so that tests run it in-process.
type Command struct {
	Lookup  func(string) (string, bool) // the environment
	Stdout  io.Writer
	Stderr  io.Writer
	Version string // the provider version, for the User-Agent and the footer
	// Now and HTTPClient are for tests; nil takes the real ones.
	Now        func() time.Time
	HTTPClient *http.Client
}

// usage is the text of -h.
const usage = `Usage: probe [-out report.md] [-window 168h] [-region REGION]

Makes about a dozen paced, read-only calls to the WAF 3.0 and Data Security
Center APIs with the provider's credentials (ALIBABA_CLOUD_ACCESS_KEY_ID,
ALIBABA_CLOUD_ACCESS_KEY_SECRET, ALIBABA_CLOUD_PROFILE, ...), region
(ALIBABA_CLOUD_REGION) and endpoints (ALIBABA_CLOUD_ENDPOINT_*), and writes a
Markdown report of how the APIs answered, to paste into an issue.

Exit status: 0 every assumption holds (or the answers could not tell),
1 an assumption breaks, 2 the probe could not run.

`

// Run parses args, probes and writes the report; it returns the exit status.
func (c Command) Run(ctx context.Context, args []string) int {
	fs := flag.NewFlagSet("probe", flag.ContinueOnError)
	fs.SetOutput(c.Stderr)
	fs.Usage = func() {
		fmt.Fprint(c.Stderr, usage)
		fs.PrintDefaults()
	}
	out := fs.String("out", "", "file the report is written to; standard output when empty")
	window := fs.Duration("window", DefaultWindow, "how far back W2, D3 and D4 look for events")
	region := fs.String("region", "", "provider region; ALIBABA_CLOUD_REGION (or cn-hangzhou) when empty")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return ExitHolds
		}
		return ExitCannotRun
	}
	if fs.NArg() > 0 || *window <= 0 {
		fmt.Fprintf(c.Stderr, "probe: unexpected arguments %q or a -window (%s) that is not positive\n", fs.Args(), *window)
		return ExitCannotRun
	}
	client, cfg, err := c.client(*region)
	if err != nil {
		fmt.Fprintf(c.Stderr, "probe: %v\n", err)
		return ExitCannotRun
	}
	report := Run(ctx, client, Options{Window: *window, Version: c.Version, Now: c.Now,
		Secrets: append(cfg.Credentials.Secrets(), cfg.Credentials.AccessKey)})
	if err := c.write(*out, report.Markdown()); err != nil {
		fmt.Fprintf(c.Stderr, "probe: %v\n", err)
		return ExitCannotRun
	}
	fmt.Fprintf(c.Stderr, "probe: %s (exit status %d)\n", summaryLine(report), report.ExitCode())
	return report.ExitCode()
}

// client builds the client exactly as the provider would from an empty
// provider block; -region stands in for ALIBABA_CLOUD_REGION.
func (c Command) client(region string) (*alicloud.Client, alicloud.Config, error) {
	lookup := c.Lookup
	if region != "" {
		lookup = func(name string) (string, bool) {
			if name == "ALIBABA_CLOUD_REGION" {
				return region, true
			}
			return c.Lookup(name)
		}
	}
	cfg, err := provider.ClientConfigFromEnvironment(lookup, c.Version)
	if err != nil {
		return nil, cfg, err
	}
	cfg.HTTPClient = c.HTTPClient
	client, err := alicloud.New(cfg)
	return client, cfg, err
}

func (c Command) write(path, text string) error {
	if path == "" {
		_, err := io.WriteString(c.Stdout, text)
		return err
	}
	return os.WriteFile(path, []byte(text), 0o644)
}

// summaryLine names the questions that break, or says none does.
func summaryLine(r *Report) string {
	if r.CannotRun != "" {
		return "could not run: " + r.CannotRun
	}
	var broken []string
	for _, f := range r.Findings {
		if f.Verdict == Breaks {
			broken = append(broken, f.ID)
		}
	}
	if len(broken) == 0 {
		return "every assumption holds or could not be told"
	}
	return "BREAKS: " + strings.Join(broken, ", ")
}
