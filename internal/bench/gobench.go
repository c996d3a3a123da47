package bench

import (
	"bufio"
	"fmt"
	"io"
	"path"
	"regexp"
	"strconv"
	"strings"
)

// GoBenchmark is one result line of `go test -bench -benchmem`.
type GoBenchmark struct {
	Package     string // last element of the import path: "provider"
	Name        string // without "Benchmark" and the GOMAXPROCS suffix: "ReadDataSource/alisec_dsc_event"
	NsPerOp     float64
	BytesPerOp  float64
	AllocsPerOp float64
}

// procsSuffix is the -GOMAXPROCS suffix go test adds to names.
var procsSuffix = regexp.MustCompile(`-\d+$`)

// ParseGoBench reads the output of `go test -bench . -benchmem` for one or
// more packages. Lines other than results (goos, PASS, ok ...) are skipped;
// a result without ns/op is an error, since it means the format changed.
func ParseGoBench(r io.Reader) ([]GoBenchmark, error) {
	var out []GoBenchmark
	pkg := ""
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if p, ok := strings.CutPrefix(line, "pkg: "); ok {
			pkg = path.Base(strings.TrimSpace(p))
			continue
		}
		if !strings.HasPrefix(line, "Benchmark") {
			continue
		}
		b, err := parseBenchLine(line)
		if err != nil {
			return nil, err
		}
		if b == nil {
			continue
		}
		b.Package = pkg
		out = append(out, *b)
	}
	return out, sc.Err()
}

// isCount reports whether s is an iteration count.
func isCount(s string) bool {
	_, err := strconv.ParseInt(s, 10, 64)
	return err == nil
}

// parseBenchLine parses "BenchmarkX-2  1000  123 ns/op  45 B/op  6 allocs/op".
// A "Benchmark..." line that is not a result (a name printed alone before a
// failure's log) gives nil.
func parseBenchLine(line string) (*GoBenchmark, error) {
	fields := strings.Fields(line)
	if len(fields) < 4 || !isCount(fields[1]) {
		return nil, nil
	}
	name := strings.TrimPrefix(procsSuffix.ReplaceAllString(fields[0], ""), "Benchmark")
	b := &GoBenchmark{Name: name, NsPerOp: -1, BytesPerOp: -1, AllocsPerOp: -1}
	for i := 2; i+1 < len(fields); i += 2 {
		v, err := strconv.ParseFloat(fields[i], 64)
		if err != nil {
			return nil, fmt.Errorf("benchmark %s: value %q: %w", name, fields[i], err)
		}
		switch fields[i+1] {
		case "ns/op":
			b.NsPerOp = v
		case "B/op":
			b.BytesPerOp = v
		case "allocs/op":
			b.AllocsPerOp = v
		}
	}
	if b.NsPerOp < 0 {
		return nil, fmt.Errorf("benchmark %s: no ns/op in %q", name, line)
	}
	return b, nil
}
