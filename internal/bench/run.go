package bench

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/alisec/terraform-provider-alisec/internal/fakecloud"
)

// Options says what to measure and with what.
type Options struct {
	Terraform    string        // the Terraform CLI
	ModuleDir    string        // the provider's module: built, and its Go benchmarks run, from here
	Runs         int           // plans per figure; the median is reported
	Latency      time.Duration // injected API latency
	Sizes        []int         // plan sizes of the latency scenario
	RSSSize      int           // plan size whose provider peak RSS is measured
	ThrottleN    int           // plan size of the throttling scenario
	ThrottleRate float64       // share of Throttling.User answers
	FlowN        int           // detail reads of the flow-control scenarios, half per action
	FlowQPS      []float64     // the fake's limits per action, one scenario each
	FlowBurst    int           // the fake's bucket size per action; 0: one second's calls, as the gateway's per-second limits
	ListN        int           // events in each list of the list scenario, at FlowQPS[0]
	PersistentN  int           // reads of the scenario where every call is throttled
	PersistentTO time.Duration // its throttling_timeout
	StartRuns    int           // provider starts timed; the median is reported
	GoBenchtime  string        // go test -benchtime; empty for its default
	GoBenchPkgs  []string      // packages whose benchmarks are run
	Progress     io.Writer     // one line per step
}

// DefaultOptions are the scenarios of `make bench`.
func DefaultOptions() Options {
	return Options{
		Terraform:    "bin/terraform",
		ModuleDir:    ".",
		Runs:         3,
		Latency:      50 * time.Millisecond,
		Sizes:        []int{10, 100, 500},
		RSSSize:      500,
		ThrottleN:    200,
		ThrottleRate: 0.2,
		FlowN:        300,
		FlowQPS:      []float64{10, 5},
		FlowBurst:    0,
		ListN:        5000,
		PersistentN:  Parallelism,
		PersistentTO: 15 * time.Second,
		StartRuns:    5,
		GoBenchPkgs:  []string{"./internal/alicloud", "./internal/provider"},
		Progress:     io.Discard,
	}
}

// ErrFailedReads is returned, with the report, when a plan of the
// throttling scenario failed: the provider gave up on a read.
var ErrFailedReads = errors.New("reads failed under throttling")

// LatencyResult is one plan size of the latency scenario (or of the
// throttling one, with Retries and Failed).
type LatencyResult struct {
	N       int
	T0      time.Duration // median plan time with no latency
	T       time.Duration // median plan time with the fault
	Ideal   time.Duration
	Ratio   float64
	Reads   int // requests for the detail actions in the last faulty plan
	Retries int // median over runs of requests minus N
	Failed  int // faulty plans that failed
}

// UsageResult is a plan run through the launcher, which records what the
// provider's processes used.
type UsageResult struct {
	N        int
	Latency  time.Duration
	Plan     PlanTimes
	Provider ProviderUsage
}

// Results is everything a run measured.
type Results struct {
	TerraformVersion string
	Latency          []LatencyResult
	Throttle         LatencyResult
	Flow             []FlowResult // detail reads at each of FlowQPS, then the lists
	Persistent       PersistentResult
	Usage            []UsageResult // plans run through the launcher
	GoBenchmarks     []GoBenchmark
	BinarySize       int64
	StartTime        time.Duration
}

// Run measures every scenario, in the same run, and reports them.
func Run(ctx context.Context, o Options) (Report, error) {
	r, err := newRunner(o)
	if err != nil {
		return Report{}, err
	}
	defer os.RemoveAll(r.tmp)
	res, err := r.measure(ctx)
	if err != nil && !errors.Is(err, ErrFailedReads) {
		return Report{}, err
	}
	return NewReport(o, res, time.Now()), err
}

type runner struct {
	o          Options
	tmp        string
	provider   string    // the release build
	tf         Terraform // runs it directly
	tfLaunched Terraform // runs it through the launcher
}

func newRunner(o Options) (*runner, error) {
	cli, err := filepath.Abs(o.Terraform)
	if err != nil {
		return nil, err
	}
	if _, err := os.Stat(cli); err != nil {
		return nil, fmt.Errorf("no Terraform CLI at %s (run `make bin/terraform`): %w", cli, err)
	}
	o.Terraform = cli
	tmp, err := os.MkdirTemp("", "alisec-bench-")
	if err != nil {
		return nil, err
	}
	return &runner{o: o, tmp: tmp}, nil
}

func (r *runner) logf(format string, args ...any) {
	fmt.Fprintf(r.o.Progress, "==> "+format+"\n", args...)
}

func (r *runner) measure(ctx context.Context) (Results, error) {
	var res Results
	var err error
	if err = r.setUp(ctx); err != nil {
		return res, err
	}
	if res.TerraformVersion, err = terraformVersion(ctx, r.o.Terraform); err != nil {
		return res, err
	}
	for _, n := range r.o.Sizes {
		lr, err := r.latencyScenario(ctx, n, fakecloud.Fault{Latency: r.o.Latency})
		if err != nil {
			return res, err
		}
		res.Latency = append(res.Latency, lr)
	}
	res.Throttle, err = r.latencyScenario(ctx, r.o.ThrottleN, fakecloud.Fault{Latency: r.o.Latency, ThrottleRate: r.o.ThrottleRate})
	if err != nil {
		return res, err
	}
	if err = r.flowScenarios(ctx, &res); err != nil {
		return res, err
	}
	for _, latency := range []time.Duration{0, r.o.Latency} {
		u, err := r.usage(ctx, r.o.RSSSize, latency)
		if err != nil {
			return res, err
		}
		res.Usage = append(res.Usage, u)
	}
	if res.GoBenchmarks, err = r.goBenchmarks(ctx); err != nil {
		return res, err
	}
	if res.BinarySize, res.StartTime, err = r.binary(ctx); err != nil {
		return res, err
	}
	if res.Throttle.Failed > 0 {
		return res, fmt.Errorf("%w: %d of %d plans of %d reads", ErrFailedReads, res.Throttle.Failed, r.o.Runs, res.Throttle.N)
	}
	return res, nil
}

// setUp builds the provider as a release is built, and writes the CLI
// configurations that run it directly or through the launcher.
func (r *runner) setUp(ctx context.Context) error {
	direct, launch := filepath.Join(r.tmp, "provider"), filepath.Join(r.tmp, "launcher")
	for _, dir := range []string{direct, launch} {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
	}
	r.provider = filepath.Join(direct, "terraform-provider-alisec")
	r.logf("building the provider (-trimpath -ldflags \"-s -w\")")
	build := exec.CommandContext(ctx, "go", "build", "-trimpath", "-ldflags", "-s -w", "-o", r.provider, ".")
	build.Dir = r.o.ModuleDir
	if out, err := build.CombinedOutput(); err != nil {
		return fmt.Errorf("building the provider: %w\n%s", err, out)
	}
	self, err := os.Executable()
	if err != nil {
		return err
	}
	if err := copyFile(self, filepath.Join(launch, "terraform-provider-alisec")); err != nil {
		return err
	}
	r.tf = Terraform{CLI: r.o.Terraform, CLIConfig: filepath.Join(r.tmp, "direct.tfrc")}
	r.tfLaunched = Terraform{CLI: r.o.Terraform, CLIConfig: filepath.Join(r.tmp, "launcher.tfrc"),
		Env: []string{envLaunchProvider + "=" + r.provider}}
	if err := WriteCLIConfig(r.tf.CLIConfig, direct); err != nil {
		return err
	}
	return WriteCLIConfig(r.tfLaunched.CLIConfig, launch)
}

// latencyScenario plans n reads Runs times with no fault and with fault,
// alternately, so that both see the same machine.
func (r *runner) latencyScenario(ctx context.Context, n int, fault fakecloud.Fault) (LatencyResult, error) {
	res := LatencyResult{N: n}
	var t0s, ts []time.Duration
	var retries []int
	for run := 1; run <= r.o.Runs; run++ {
		t0, reads, err := r.plan(ctx, r.tf, n, fakecloud.Fault{})
		if err != nil {
			return res, err
		}
		if reads != n {
			return res, fmt.Errorf("a plan of %d reads sent %d requests with no fault", n, reads)
		}
		t0s = append(t0s, t0.Wall)
		t, reads, err := r.plan(ctx, r.tf, n, fault)
		if err != nil {
			if fault.ThrottleRate == 0 {
				return res, err
			}
			res.Failed++
			fmt.Fprintln(r.o.Progress, err)
		}
		ts = append(ts, t.Wall)
		retries = append(retries, reads-n)
		res.Reads = reads
		r.logf("N=%d run %d: %s with no latency, %s with %s", n, run, Seconds(t0.Wall), Seconds(t.Wall), describeFault(fault))
	}
	res.T0, res.T = Median(t0s), Median(ts)
	res.Ideal = IdealPlan(res.T0, n, Parallelism, fault.Latency)
	res.Ratio = Ratio(res.T, res.Ideal)
	res.Retries = medianInt(retries)
	return res, nil
}

// plan runs one plan of n reads against a new fake cloud with fault, and
// returns its wall time and the requests the cloud saw for the reads.
func (r *runner) plan(ctx context.Context, tf Terraform, n int, fault fakecloud.Fault) (PlanTimes, int, error) {
	dir, err := r.configDir(n)
	if err != nil {
		return PlanTimes{}, 0, err
	}
	cloud, err := StartCloud(Events(n), fault)
	if err != nil {
		return PlanTimes{}, 0, err
	}
	defer cloud.Close()
	times, err := tf.Plan(ctx, dir, cloud.URL)
	return times, cloud.Reads(), err
}

// configDir writes the configuration of n reads once.
func (r *runner) configDir(n int) (string, error) {
	return r.writeConfig(fmt.Sprintf("plan-%d", n), PlanConfig(Events(n)))
}

// usage plans n reads with latency through the launcher, which records the
// provider processes' peak RSS and CPU time.
func (r *runner) usage(ctx context.Context, n int, latency time.Duration) (UsageResult, error) {
	res := UsageResult{N: n, Latency: latency}
	record := filepath.Join(r.tmp, "usage")
	if err := os.RemoveAll(record); err != nil {
		return res, err
	}
	tf := r.tfLaunched
	// A new slice, so that r.tfLaunched keeps no record file of its own.
	tf.Env = append(slices.Clip(tf.Env), envLaunchRSSFile+"="+record)
	var err error
	if res.Plan, _, err = r.plan(ctx, tf, n, fakecloud.Fault{Latency: latency}); err != nil {
		return res, err
	}
	if res.Provider, err = ReadProviderUsage(record); err != nil {
		return res, fmt.Errorf("reading the launcher's record: %w", err)
	}
	r.logf("N=%d with %s through the launcher: %s; Terraform CPU %s, provider CPU %s in %d processes, peak RSS %s",
		n, Millis(latency), Seconds(res.Plan.Wall), Seconds(res.Plan.CPU), Seconds(res.Provider.CPU), res.Provider.Processes, MiB(res.Provider.PeakRSS))
	return res, nil
}

// goBenchmarks runs the provider's Go benchmarks.
func (r *runner) goBenchmarks(ctx context.Context) ([]GoBenchmark, error) {
	args := []string{"test", "-run", "^$", "-bench", ".", "-benchmem", "-count", "1"}
	if r.o.GoBenchtime != "" {
		args = append(args, "-benchtime", r.o.GoBenchtime)
	}
	args = append(args, r.o.GoBenchPkgs...)
	r.logf("go %s", strings.Join(args, " "))
	cmd := exec.CommandContext(ctx, "go", args...)
	cmd.Dir = r.o.ModuleDir
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = io.MultiWriter(&stdout, r.o.Progress), &stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("go test -bench: %w\n%s%s", err, tail(stdout.String(), 20), stderr.String())
	}
	benchmarks, err := ParseGoBench(&stdout)
	if err != nil {
		return nil, err
	}
	if len(benchmarks) == 0 {
		return nil, fmt.Errorf("go test -bench printed no results:\n%s", stdout.String())
	}
	return benchmarks, nil
}

// binary measures the release build's size and its start.
func (r *runner) binary(ctx context.Context) (int64, time.Duration, error) {
	info, err := os.Stat(r.provider)
	if err != nil {
		return 0, 0, err
	}
	var starts []time.Duration
	for range r.o.StartRuns {
		d, err := StartTime(ctx, r.provider)
		if err != nil {
			return 0, 0, err
		}
		starts = append(starts, d)
	}
	r.logf("binary %s, start to first answer %s (median of %d)", MB(info.Size()), Millis(Median(starts)), len(starts))
	return info.Size(), Median(starts), nil
}

func terraformVersion(ctx context.Context, cli string) (string, error) {
	cmd := exec.CommandContext(ctx, cli, "version")
	cmd.Env = append(cleanEnv(os.Environ()), "CHECKPOINT_DISABLE=1")
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("%s version: %w", cli, err)
	}
	first, _, _ := strings.Cut(string(out), "\n")
	return strings.TrimSpace(first), nil
}

func describeFault(f fakecloud.Fault) string {
	s := Millis(f.Latency)
	if f.ThrottleRate > 0 {
		s += fmt.Sprintf(" and %.0f%% throttling", f.ThrottleRate*100)
	}
	return s
}

func medianInt(xs []int) int {
	ds := make([]time.Duration, len(xs))
	for i, x := range xs {
		ds[i] = time.Duration(x)
	}
	return int(Median(ds))
}

func copyFile(from, to string) error {
	data, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	return os.WriteFile(to, data, 0o755)
}

// machine describes where the figures were taken.
func machine() string {
	return fmt.Sprintf("%s, %s/%s, %d CPUs", runtime.Version(), runtime.GOOS, runtime.GOARCH, runtime.NumCPU())
}
