package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/alisec/terraform-provider-alisec/internal/fakecloud"
)

// config is what the flags ask for.
type config struct {
	listen   string
	fixtures string // "" serves the embedded API page examples
	limits   map[string]fakecloud.FlowControl
	faults   map[string]fakecloud.Fault
	// faultLines say what each -fault does, in the order given.
	faultLines []string
	deny       []string
	// readings are the answers -reading picked where the references
	// leave them open; zero fields are the defaults.
	readings fakecloud.Readings
}

const usageHead = `Usage: fakecloud [flags]

Serves the Alibaba Cloud look-alike of internal/fakecloud on a local address:
WAF 3.0 DescribeThreatEventDetail, DescribeThreatEvent and DescribeInstance,
Data Security Center DescribeEventDetail and DescribeEvents, STS AssumeRole,
with signature V1 checks and the API's wire format and error bodies. It prints
url=, access_key= and secret_key= (for the provider's endpoints and keys), one
event= line per event served and a line per setting, then serves until
interrupted. Recipe: examples/fakecloud/README.md.

Flags:
`

// usageTail documents fixture files and fault kinds; %s are the time
// fields and the kinds.
const usageTail = `
Fixture files (-fixtures) hold one event each, the whole answer of the detail
action as the API sends it, beside the parameters that name it:
  {"RegionId": "cn-hangzhou", "InstanceId": "...", "EventId": "...", "Domain": "...",
   "Response": {"RequestId": "...", "ThreatEventDetail": {...}}}      WAF event
  {"Id": 1, "Response": {"RequestId": "...", "Event": {"Id": 1, ...}}}   DSC event
RegionId (default cn-hangzhou), Domain and Id may be left out. The list actions
derive their items from these answers and filter on EndTime and EventTime.
Times may be relative, resolved once when the fake starts: "now", "now-30m",
"now+1h30m" (now, then - or + and a Go duration: ns, us, ms, s, m, h; no days,
write 48h). They become Unix milliseconds, or Unix seconds inside
EventCondition, in these fields and nowhere else:
  %s

Fault kinds (-fault Action=Kind): error answers and broken bodies, then HTTP 200
answers without what the action always sends (internal/fakecloud/faults.go and
broken_answers.go describe each):
  %s
Only Throttling.User, ServiceUnavailable and Truncated take Kind:P%%.

Readings (-reading name=value): where Alibaba Cloud's references leave an
answer open, the fake gives by default the one they suggest; a reading picks
another they allow (examples/fakecloud/README.md says why each default):
%s`

// parseArgs reads the command line; -h prints the usage and returns
// flag.ErrHelp. Errors are printed to output as well as returned.
func parseArgs(args []string, output io.Writer) (config, error) {
	c := config{limits: map[string]fakecloud.FlowControl{}, faults: map[string]fakecloud.Fault{}}
	fs := flag.NewFlagSet("fakecloud", flag.ContinueOnError)
	fs.SetOutput(output)
	fs.Usage = func() {
		fmt.Fprint(output, usageHead)
		fs.PrintDefaults()
		fmt.Fprintf(output, usageTail, strings.Join(fakecloud.RelativeTimeFields(), "\n  "),
			strings.Join(wrap(fakecloud.FailKinds(), 76), "\n  "), readingsUsage())
	}
	fs.StringVar(&c.listen, "listen", "127.0.0.1:0", "listen on `ADDR` (host:port); port 0 picks a free one")
	fs.StringVar(&c.fixtures, "fixtures", "", "serve the events of `DIR`'s *.json fixture files (subdirectories too) instead\nof the two built-in API page examples; format and relative times below")
	fs.Func("deny", "answer `Action` with Forbidden.RAM (HTTP 403) for the printed access key (repeatable)", func(v string) error {
		if err := checkAction(v); err != nil {
			return err
		}
		if !slices.Contains(c.deny, v) {
			c.deny = append(c.deny, v)
		}
		return nil
	})
	fs.Func("fault", "`Action=Kind`: Action fails with Kind on every request (repeatable).\n"+
		"Action=Kind:N: on the next N requests, then it heals.\n"+
		"Action=Kind:P%: on P percent of requests, drawn from a fixed seed.\n"+
		"Action=Latency:D: every answer waits the Go duration D first.", c.addFault)
	fs.Func("reading", "`name=value`: answer as the reading says where the references leave the\n"+
		"answer open (repeatable); names, values and defaults below", c.setReading)
	qps := fs.Float64("qps", 0, "`N` requests a second each AccessKeyId may make to each action; 0 is unlimited")
	burst := fs.Int("burst", 0, "`B` requests each limit serves at once; 0 is ceil(N), at least 1")
	perAction := map[string]float64{}
	fs.Func("qps-action", "`Action=N`: N requests a second for Action, instead of -qps (repeatable)", func(v string) error {
		action, n, err := parseActionQPS(v)
		if err == nil {
			perAction[action] = n
		}
		return err
	})
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	fail := func(err error) (config, error) {
		fmt.Fprintln(output, "fakecloud:", err)
		return c, err
	}
	if fs.NArg() > 0 {
		return fail(fmt.Errorf("unexpected argument %q: every setting is a flag (-h lists them)", fs.Arg(0)))
	}
	if *qps < 0 || *burst < 0 {
		return fail(errors.New("-qps and -burst must not be negative"))
	}
	if *qps > 0 {
		c.limits[fakecloud.AnyAction] = fakecloud.FlowControl{QPS: *qps, Burst: *burst}
	}
	for action, n := range perAction {
		c.limits[action] = fakecloud.FlowControl{QPS: n, Burst: *burst}
	}
	return c, nil
}

func checkAction(action string) error {
	if !slices.Contains(fakecloud.Actions(), action) {
		return fmt.Errorf("unknown action %q; the fake serves %s", action, strings.Join(fakecloud.Actions(), ", "))
	}
	return nil
}

func parseActionQPS(v string) (string, float64, error) {
	action, n, ok := strings.Cut(v, "=")
	qps, err := strconv.ParseFloat(n, 64)
	if !ok || action == "" || err != nil || qps <= 0 {
		return "", 0, errors.New("want Action=N with N a positive number of requests a second")
	}
	return action, qps, checkAction(action)
}

// addFault reads one -fault value into c.faults, combining it with the
// action's earlier ones.
func (c *config) addFault(v string) error {
	action, spec, ok := strings.Cut(v, "=")
	if !ok || spec == "" {
		return errors.New("want Action=Kind, Action=Kind:N, Action=Kind:P% or Action=Latency:D")
	}
	if err := checkAction(action); err != nil {
		return err
	}
	kind, arg, hasArg := strings.Cut(spec, ":")
	f := c.faults[action]
	var what string
	switch {
	case kind == "Latency":
		d, err := time.ParseDuration(arg)
		if err != nil || d <= 0 {
			return fmt.Errorf("latency %q: want a positive Go duration, such as Latency:500ms or Latency:2s", arg)
		}
		if f.Latency != 0 {
			return fmt.Errorf("%s has a latency already", action)
		}
		f.Latency, what = d, "answers after "+d.String()
	case !slices.Contains(fakecloud.FailKinds(), kind):
		return fmt.Errorf("unknown kind %q; kinds: Latency, %s", kind, strings.Join(fakecloud.FailKinds(), ", "))
	case strings.HasSuffix(arg, "%"):
		p, err := strconv.ParseFloat(strings.TrimSuffix(arg, "%"), 64)
		rate := rateOf(&f, kind)
		switch {
		case err != nil || !(p > 0 && p <= 100):
			return fmt.Errorf("%s:%s: want a share above 0%% and up to 100%%", kind, arg)
		case rate == nil:
			return fmt.Errorf("%s:%s: only Throttling.User, ServiceUnavailable and Truncated take a share of requests; use %s:N", kind, arg, kind)
		case *rate != 0:
			return fmt.Errorf("%s has a share of %s already", action, kind)
		}
		*rate = p / 100
		if f.ThrottleRate+f.ServerErrorRate+f.MalformedRate > 1+1e-9 {
			return fmt.Errorf("%s's shares add up to more than 100%%", action)
		}
		what = fmt.Sprintf("%s on %g%% of requests", kind, p)
	default:
		n := math.MaxInt
		what = kind + " on every request"
		if hasArg {
			var err error
			if n, err = strconv.Atoi(arg); err != nil || n < 1 {
				return fmt.Errorf("%s:%s: want a number of requests, 1 or more", kind, arg)
			}
			what = fmt.Sprintf("%s on the next %d requests", kind, n)
			if n == 1 {
				what = kind + " on the next request"
			}
		}
		if f.FailFirst != 0 {
			return fmt.Errorf("%s fails with %s already: one Kind or Kind:N per action", action, f.FailWith)
		}
		f.FailFirst, f.FailWith = n, kind
	}
	c.faults[action] = f
	c.faultLines = append(c.faultLines, action+" "+what)
	return nil
}

// setReading reads one -reading value into c.readings.
func (c *config) setReading(v string) error {
	name, value, ok := strings.Cut(v, "=")
	if !ok {
		return errors.New("want name=value, such as empty-items=empty")
	}
	return c.readings.Set(name, value)
}

// readingsUsage documents each reading: its name and values, the default
// first and marked, then what it decides.
func readingsUsage() string {
	var b strings.Builder
	for _, r := range fakecloud.ReadingFlags() {
		values := make([]string, len(r.Values))
		for i, v := range r.Values {
			values[i] = v
			if v == r.Default {
				values[i] += " (default)"
			}
		}
		if len(r.Values) == 1 && r.Values[0] != r.Default {
			values[0] += ", default " + r.Default
		}
		fmt.Fprintf(&b, "  %s=%s\n      %s\n", r.Name, strings.Join(values, " | "), r.Doc)
	}
	return b.String()
}

// rateOf is the Fault field giving kind a share of requests, or nil.
func rateOf(f *fakecloud.Fault, kind string) *float64 {
	switch kind {
	case "Throttling.User":
		return &f.ThrottleRate
	case "ServiceUnavailable":
		return &f.ServerErrorRate
	case "Truncated":
		return &f.MalformedRate
	}
	return nil
}

// wrap joins words with ", " into lines of at most width characters.
func wrap(words []string, width int) []string {
	var lines []string
	line := ""
	for i, w := range words {
		if i < len(words)-1 {
			w += ","
		}
		switch {
		case line == "":
			line = w
		case len(line)+1+len(w) > width:
			lines, line = append(lines, line), w
		default:
			line += " " + w
		}
	}
	return append(lines, line)
}
