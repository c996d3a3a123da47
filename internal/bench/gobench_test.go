package bench

import (
	"reflect"
	"strings"
	"testing"
)

func TestParseGoBench(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		output    string
		want      []GoBenchmark
		wantError string
	}{
		{
			name: "two packages",
			output: `goos: linux
goarch: amd64
pkg: github.com/alisec/terraform-provider-alisec/internal/alicloud
cpu: Some CPU @ 2.00GHz
BenchmarkDecode/DescribeEventDetail-2   	   35065	     34204 ns/op	   16713 B/op	     268 allocs/op
PASS
ok  	github.com/alisec/terraform-provider-alisec/internal/alicloud	1.2s
goos: linux
pkg: github.com/alisec/terraform-provider-alisec/internal/provider
BenchmarkReadDataSource/alisec_dsc_event-16   	     783	   1682013 ns/op	  616504 B/op	    7108 allocs/op
PASS
`,
			want: []GoBenchmark{
				{Package: "alicloud", Name: "Decode/DescribeEventDetail", NsPerOp: 34204, BytesPerOp: 16713, AllocsPerOp: 268},
				{Package: "provider", Name: "ReadDataSource/alisec_dsc_event", NsPerOp: 1682013, BytesPerOp: 616504, AllocsPerOp: 7108},
			},
		},
		{
			name:   "without -benchmem, fractional ns, GOMAXPROCS 1 has no suffix",
			output: "pkg: example.com/m/p\nBenchmarkTiny 1000000000 0.2500 ns/op\n",
			want:   []GoBenchmark{{Package: "p", Name: "Tiny", NsPerOp: 0.25, BytesPerOp: -1, AllocsPerOp: -1}},
		},
		{
			name:   "extra metrics are ignored",
			output: "pkg: p\nBenchmarkX-2 10 100 ns/op 7.00 MB/s 3 B/op 1 allocs/op\n",
			want:   []GoBenchmark{{Package: "p", Name: "X", NsPerOp: 100, BytesPerOp: 3, AllocsPerOp: 1}},
		},
		{
			name:   "a name alone before a failure's log is not a result",
			output: "pkg: p\nBenchmarkBroken\n    bench_test.go:12: boom\n--- FAIL: BenchmarkBroken\n",
			want:   nil,
		},
		{name: "no ns/op", output: "pkg: p\nBenchmarkX-2 10 3 B/op\n", wantError: "no ns/op"},
		{name: "bad number", output: "pkg: p\nBenchmarkX-2 10 abc ns/op\n", wantError: `value "abc"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := ParseGoBench(strings.NewReader(tt.output))
			if tt.wantError != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantError) {
					t.Fatalf("error = %v, want one containing %q", err, tt.wantError)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("ParseGoBench =\n%+v\nwant\n%+v", got, tt.want)
			}
		})
	}
}
