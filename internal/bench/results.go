package bench

import (
	"fmt"
	"strings"
	"time"
)

// The targets of the issue that asked for this benchmark.
const (
	TargetLatencyRatio = 1.15             // latency scenario, at every plan size
	TargetReadTime     = time.Millisecond // provider time per read
	TargetReadAllocs   = 200              // allocations per read
	TargetPeakRSS      = 100 << 20        // bytes, provider process
	TargetBinarySize   = 40e6             // bytes, release build
)

// readBenchmark names the Go benchmark that is one whole read in the
// provider: its results are held to the read targets.
const readBenchmark = "ReadDataSource/"

// NewReport lays out res as the report's tables and checks it against the
// targets.
func NewReport(o Options, res Results, now time.Time) Report {
	r := Report{
		Title: "alisec provider benchmark",
		About: []string{
			"taken " + now.UTC().Format("2006-01-02 15:04 MST") + " on " + machine(),
			res.TerraformVersion + ", `-parallelism=" + fmt.Sprint(Parallelism) + "`, plans timed " + fmt.Sprint(o.Runs) + " times each, medians shown",
			"`make bench` wrote this file; the timings are noisy, the ratios are the figures to compare (both sides of each come from the same run)",
		},
	}
	r.Tables = append(r.Tables, latencyTable(o, res.Latency), flowTable(o, res.Flow), persistentTable(o, res.Persistent),
		throttleTable(o, res.Throttle), goBenchTable(res.GoBenchmarks), processTable(res), binaryTable(o, res))
	r.Checks = checks(o, res)
	return r
}

func latencyTable(o Options, results []LatencyResult) Table {
	t := Table{
		Title: "1. Plan time against the API bound",
		Note: fmt.Sprintf("Wall time of `terraform plan` reading N data sources, half `alisec_waf_threat_event` and half "+
			"`alisec_dsc_event`, each a different event, with %s of latency injected into every API answer. "+
			"ideal = T0 + ceil(N/%d) × %s, where T0 is the same plan with no latency: Terraform's and the provider's fixed cost.",
			Millis(o.Latency), Parallelism, Millis(o.Latency)),
		Header: []string{"N", "T0 (0 ms)", "measured", "ideal", "ratio", "API requests"},
	}
	for _, lr := range results {
		t.Rows = append(t.Rows, []string{fmt.Sprint(lr.N), Seconds(lr.T0), Seconds(lr.T), Seconds(lr.Ideal), RatioText(lr.Ratio), fmt.Sprint(lr.Reads)})
	}
	return t
}

func throttleTable(o Options, lr LatencyResult) Table {
	return Table{
		Title: "3. Random throttling",
		Note: fmt.Sprintf("As table 1, with %.0f%% of the answers `Throttling.User` (HTTP 400) after the %s latency, drawn "+
			"at random whatever the rate: throttling that the provider's own pace does not cause, as when other "+
			"tools use up the quota. The provider cannot tell it from a full quota: each throttled answer cuts the "+
			"action's pace to 0.7 × what it was sending, and the pace grows back while calls succeed. The plan is "+
			"therefore far slower than the ideal, and no ratio is held to a target; every read must succeed within "+
			"throttling_timeout (60 s by default). retries = requests the fake cloud saw − N (median of the runs).",
			o.ThrottleRate*100, Millis(o.Latency)),
		Header: []string{"N", "T0 (0 ms)", "measured", "ideal", "ratio", "retries", "failed plans"},
		Rows: [][]string{{fmt.Sprint(lr.N), Seconds(lr.T0), Seconds(lr.T), Seconds(lr.Ideal), RatioText(lr.Ratio),
			fmt.Sprint(lr.Retries), fmt.Sprintf("%d of %d", lr.Failed, o.Runs)}},
	}
}

func goBenchTable(benchmarks []GoBenchmark) Table {
	t := Table{
		Title: "4. Provider cost per read",
		Note: "`go test -bench . -benchmem` on a zero-latency loopback server, at Go's default GC settings. " +
			"`provider ReadDataSource` is one whole read as Terraform asks for it, minus gRPC: msgpack config in, sign, " +
			"HTTP, decode, map, msgpack state out (its server answers at once with a canned body); the targets apply to " +
			"it. `provider Read` is the provider's own part of it, the data source's Read method: configuration, " +
			"request, decoding, mapping; the rest is the framework's. `provider DecodeAndMap` is the provider's work on " +
			"a body already received. `alicloud Describe` is the client alone against the full fake cloud, whose own " +
			"work (signature check, routing) is in the figures; `Sign` and `Decode` are its two halves.",
		Header: []string{"package", "benchmark", "time/op", "B/op", "allocs/op"},
	}
	for _, b := range benchmarks {
		t.Rows = append(t.Rows, []string{b.Package, b.Name, Nanos(b.NsPerOp), fmt.Sprintf("%.0f", b.BytesPerOp), fmt.Sprintf("%.0f", b.AllocsPerOp)})
	}
	return t
}

func processTable(res Results) Table {
	t := Table{
		Title: "4b. Provider process",
		Note: "Plans of the latency scenario run once more through a launcher that Terraform starts in the provider's " +
			"place: it records the kernel's ru_maxrss and CPU time of each provider process (Terraform starts the " +
			"provider more than once per plan: for its schemas, to validate, to plan). Terraform CPU is the CLI's own, the " +
			"provider's taken out. Per data source, the provider validates it twice and reads it once.",
		Header: []string{"N", "latency", "wall", "Terraform CPU", "provider CPU", "provider CPU per data source", "provider processes", "peak RSS"},
	}
	for _, u := range res.Usage {
		t.Rows = append(t.Rows, []string{fmt.Sprint(u.N), Millis(u.Latency), Seconds(u.Plan.Wall),
			Seconds(max(0, u.Plan.CPU-u.Provider.CPU)), Seconds(u.Provider.CPU), Millis(perItem(u.Provider.CPU, u.N)),
			fmt.Sprint(u.Provider.Processes), MiB(u.Provider.PeakRSS)})
	}
	return t
}

func perItem(d time.Duration, n int) time.Duration {
	if n <= 0 {
		return 0
	}
	return d / time.Duration(n)
}

func binaryTable(o Options, res Results) Table {
	return Table{
		Title: "5. Binary",
		Note: fmt.Sprintf("The release build (`go build -trimpath -ldflags \"-s -w\"`). Start time is from starting the "+
			"process, as Terraform does (go-plugin, automatic mutual TLS), to its answer to GetProviderSchema, "+
			"Terraform's first call; median of %d starts.", o.StartRuns),
		Header: []string{"size", "start to first answer"},
		Rows:   [][]string{{MB(res.BinarySize), Millis(res.StartTime)}},
	}
}

func checks(o Options, res Results) []Check {
	var cs []Check
	for _, lr := range res.Latency {
		cs = append(cs, Check{
			Target: fmt.Sprintf("plan ratio, N = %d, %s", lr.N, Millis(o.Latency)), Limit: fmt.Sprintf("≤ %.2f", TargetLatencyRatio),
			Measured: RatioText(lr.Ratio), Met: lr.Ratio <= TargetLatencyRatio,
		})
	}
	cs = append(cs, flowChecks(res)...)
	th := res.Throttle
	cs = append(cs, Check{Target: fmt.Sprintf("failed plans, N = %d, %.0f%% throttled at random", th.N, o.ThrottleRate*100),
		Limit: "0", Measured: fmt.Sprint(th.Failed), Met: th.Failed == 0})
	for _, b := range res.GoBenchmarks {
		name, ok := strings.CutPrefix(b.Name, readBenchmark)
		if !ok || b.Package != "provider" {
			continue
		}
		cs = append(cs,
			Check{Target: "time per read, " + name, Limit: "< " + Nanos(float64(TargetReadTime)), Measured: Nanos(b.NsPerOp), Met: b.NsPerOp < float64(TargetReadTime)},
			Check{Target: "allocations per read, " + name, Limit: fmt.Sprintf("< %d", TargetReadAllocs), Measured: fmt.Sprintf("%.0f", b.AllocsPerOp), Met: b.AllocsPerOp < TargetReadAllocs},
		)
	}
	if n := len(res.Usage); n > 0 {
		u := res.Usage[n-1]
		cs = append(cs, Check{Target: fmt.Sprintf("provider peak RSS, N = %d, %s", u.N, Millis(u.Latency)), Limit: "< " + MiB(TargetPeakRSS),
			Measured: MiB(u.Provider.PeakRSS), Met: u.Provider.PeakRSS < TargetPeakRSS})
	}
	cs = append(cs, Check{Target: "release binary size", Limit: "< " + MB(TargetBinarySize), Measured: MB(res.BinarySize),
		Met: res.BinarySize < TargetBinarySize})
	return cs
}
