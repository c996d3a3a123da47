// Command fakecloud serves the Alibaba Cloud look-alike on a local address,
// for trying the provider, or one's own alert rules, end to end without a
// cloud account:
//
//	go run ./internal/fakecloud/cmd/fakecloud -listen 127.0.0.1:8642 -fixtures examples/fakecloud/fixtures
//
// It prints its URL, the access key pair it accepts and one event= line per
// event it serves, then serves until interrupted. examples/fakecloud/README.md
// is the recipe: a locally built provider through dev_overrides, pointed at
// the fake, planning any configuration. `fakecloud -h` documents every flag:
//
//	-listen ADDR        address to listen on (default 127.0.0.1:0, a free port)
//	-fixtures DIR       serve the events of DIR's *.json fixture files instead of
//	                    the two built-in API page examples; times in them may be
//	                    relative ("now-30m"), resolved at start
//	-deny Action        answer Action with Forbidden.RAM for the printed key (repeatable)
//	-fault Action=Kind  Action fails with Kind on every request; Kind:N on the next
//	                    N requests; Kind:P% on P percent of them; Latency:D delays
//	                    every answer (repeatable)
//	-qps N              every action: N requests a second per AccessKeyId (0 = unlimited)
//	-qps-action A=N     action A: N requests a second, instead of -qps (repeatable; N > 0)
//	-burst B            requests each limit serves at once (0 = ceil(N), at least 1)
//	-reading name=value answer as the reading says where Alibaba Cloud's references
//	                    leave the answer open (repeatable): empty-items, unknown-event,
//	                    waf-total-count, dsc-page-cap, foreign-instance, dsc-time-unit
//
// Flow control, as the real gateway's Throttling.User, is off by default;
// each limit is printed at start-up as a flow_control= line, each fault as
// a fault= line, each denied action as a deny= line, each reading not at
// its default as a reading line.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"syscall"
	"time"

	"github.com/alisec/terraform-provider-alisec/internal/fakecloud"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run is the command: it serves until ctx ends and returns the exit
// status, 2 for a bad command line and 1 when it cannot serve.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	c, err := parseArgs(args, stderr)
	switch {
	case errors.Is(err, flag.ErrHelp):
		return 0
	case err != nil:
		return 2
	}
	server, err := newServer(c, time.Now())
	if err != nil {
		fmt.Fprintln(stderr, "fakecloud:", err)
		return 1
	}
	cloud, err := server.Listen(c.listen)
	if err != nil {
		fmt.Fprintln(stderr, "fakecloud:", err)
		return 1
	}
	defer cloud.Close()
	printStartup(stdout, c, server, cloud.URL)
	<-ctx.Done()
	return 0
}

// newServer builds the server the flags describe; relative fixture times
// resolve against now.
func newServer(c config, now time.Time) (*fakecloud.Server, error) {
	server := fakecloud.New()
	if c.fixtures != "" {
		var err error
		if server, err = fakecloud.NewFromFixtureDir(c.fixtures, now); err != nil {
			return nil, fmt.Errorf("-fixtures:\n%w", err)
		}
	}
	if err := server.SetReadings(c.readings); err != nil {
		return nil, fmt.Errorf("-reading: %w", err)
	}
	for action, fc := range c.limits {
		server.SetFlowControl(action, fc)
	}
	for action, f := range c.faults {
		server.SetFault(action, f)
	}
	if len(c.deny) > 0 {
		server.AddAccount(fakecloud.Account{
			AccessKeyID: fakecloud.DefaultAccessKeyID, AccessKeySecret: fakecloud.DefaultAccessKeySecret, Denied: c.deny,
		})
	}
	return server, nil
}

// printStartup prints what a user or script needs, one key=value line each.
func printStartup(w io.Writer, c config, server *fakecloud.Server, url string) {
	fmt.Fprintf(w, "url=%s\n", url)
	fmt.Fprintf(w, "access_key=%s\n", fakecloud.DefaultAccessKeyID)
	fmt.Fprintf(w, "secret_key=%s\n", fakecloud.DefaultAccessKeySecret)
	if c.fixtures == "" {
		fmt.Fprintln(w, "fixtures=built-in")
	} else {
		fmt.Fprintf(w, "fixtures=%s\n", c.fixtures)
	}
	for _, e := range server.Events() {
		switch e.Product {
		case "waf":
			fmt.Fprintf(w, "event=waf region_id=%s instance_id=%s event_id=%s end_time=%s\n", e.RegionID, e.InstanceID, e.ID, rfc3339(e.Time))
		default:
			fmt.Fprintf(w, "event=dsc event_id=%s event_time=%s\n", e.ID, rfc3339(e.Time))
		}
	}
	printLimits(w, c.limits)
	for _, line := range c.faultLines {
		fmt.Fprintf(w, "fault=%s\n", line)
	}
	for _, action := range c.deny {
		fmt.Fprintf(w, "deny=%s Forbidden.RAM for %s\n", action, fakecloud.DefaultAccessKeyID)
	}
	// The readings in force, not the flags: a flag that names the default
	// changes nothing and prints nothing.
	for _, r := range server.Readings().NonDefault() {
		fmt.Fprintf(w, "reading %s\n", r)
	}
}

func rfc3339(t time.Time) string {
	if t.IsZero() {
		return "none"
	}
	return t.Format(time.RFC3339)
}

// printLimits prints one flow_control= line per limit, "*" (every other
// action) first, or flow_control=unlimited.
func printLimits(w io.Writer, limits map[string]fakecloud.FlowControl) {
	if len(limits) == 0 {
		fmt.Fprintln(w, "flow_control=unlimited")
		return
	}
	actions := make([]string, 0, len(limits))
	for action := range limits {
		actions = append(actions, action)
	}
	sort.Strings(actions) // "*" sorts before letters
	for _, action := range actions {
		fc := limits[action]
		fmt.Fprintf(w, "flow_control=%s qps=%g burst=%d per AccessKeyId\n", action, fc.QPS, fc.BucketSize())
	}
}
