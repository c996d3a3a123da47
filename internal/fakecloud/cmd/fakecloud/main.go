// Command fakecloud serves the Alibaba Cloud look-alike on a local address,
// for trying the provider by hand:
//
//	go run ./internal/fakecloud/cmd/fakecloud -listen 127.0.0.1:0
//
// It prints its URL and the access key pair it accepts, then serves until
// interrupted.
//
// Flow control, as the real gateway's Throttling.User, is off by default:
//
//	-qps N             every action: N requests a second per AccessKeyId (0 = unlimited)
//	-qps-action A=N    action A: N requests a second, instead of -qps (repeatable; N > 0)
//	-burst B           requests each limit serves at once (0 = ceil(N), at least 1)
//
// Each limit is printed at start-up as a flow_control= line.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"sort"
	"strconv"
	"strings"
	"syscall"

	"github.com/alisec/terraform-provider-alisec/internal/fakecloud"
)

func main() {
	listen := flag.String("listen", "127.0.0.1:0", "address to listen on")
	qps := flag.Float64("qps", 0, "requests a second each AccessKeyId may make to each action; 0 is unlimited")
	burst := flag.Int("burst", 0, "requests each limit serves at once; 0 is ceil(qps), at least 1")
	perAction := map[string]float64{}
	flag.Func("qps-action", "`Action=N`: N requests a second for that action, instead of -qps (repeatable)", func(v string) error {
		action, n, err := parseActionQPS(v)
		if err == nil {
			perAction[action] = n
		}
		return err
	})
	flag.Parse()
	if *qps < 0 || *burst < 0 {
		fmt.Fprintln(os.Stderr, "fakecloud: -qps and -burst must not be negative")
		os.Exit(2)
	}
	limits := map[string]fakecloud.FlowControl{}
	if *qps > 0 {
		limits[fakecloud.AnyAction] = fakecloud.FlowControl{QPS: *qps, Burst: *burst}
	}
	for action, n := range perAction {
		limits[action] = fakecloud.FlowControl{QPS: n, Burst: *burst}
	}
	if err := run(*listen, limits); err != nil {
		fmt.Fprintln(os.Stderr, "fakecloud:", err)
		os.Exit(1)
	}
}

func parseActionQPS(v string) (string, float64, error) {
	action, n, ok := strings.Cut(v, "=")
	qps, err := strconv.ParseFloat(n, 64)
	if !ok || action == "" || err != nil || qps <= 0 {
		return "", 0, errors.New("want Action=N with N a positive number of requests a second")
	}
	return action, qps, nil
}

func run(listen string, limits map[string]fakecloud.FlowControl) error {
	server := fakecloud.New()
	for action, fc := range limits {
		server.SetFlowControl(action, fc)
	}
	cloud, err := server.Listen(listen)
	if err != nil {
		return err
	}
	defer cloud.Close()
	fmt.Printf("url=%s\n", cloud.URL)
	fmt.Printf("access_key=%s\n", fakecloud.DefaultAccessKeyID)
	fmt.Printf("secret_key=%s\n", fakecloud.DefaultAccessKeySecret)
	printLimits(limits)

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	<-ctx.Done()
	return nil
}

// printLimits prints one flow_control= line per limit, "*" (every other
// action) first, or flow_control=unlimited.
func printLimits(limits map[string]fakecloud.FlowControl) {
	if len(limits) == 0 {
		fmt.Println("flow_control=unlimited")
		return
	}
	actions := make([]string, 0, len(limits))
	for action := range limits {
		actions = append(actions, action)
	}
	sort.Strings(actions) // "*" sorts before letters
	for _, action := range actions {
		fc := limits[action]
		fmt.Printf("flow_control=%s qps=%g burst=%d per AccessKeyId\n", action, fc.QPS, fc.BucketSize())
	}
}
