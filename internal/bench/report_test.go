package bench

import (
	"testing"
	"time"
)

func TestReportMarkdown(t *testing.T) {
	t.Parallel()
	r := Report{
		Title: "bench",
		About: []string{"taken today"},
		Tables: []Table{
			{Title: "One", Note: "A note.", Header: []string{"a", "b"}, Rows: [][]string{{"1", "x|y"}, {"2", ""}}},
			{Title: "Two", Header: []string{"c"}},
		},
		Checks: []Check{
			{Target: "ratio", Limit: "≤ 1.15", Measured: "1.02", Met: true},
			{Target: "allocs", Limit: "< 200", Measured: "3000", Met: false},
		},
	}
	want := "# bench\n\n" +
		"- taken today\n\n" +
		"## One\n\nA note.\n\n| a | b |\n| --- | --- |\n| 1 | x\\|y |\n| 2 |  |\n\n" +
		"## Two\n\n| c |\n| --- |\n\n" +
		"## Targets\n\n| target | limit | measured | met |\n| --- | --- | --- | --- |\n" +
		"| ratio | ≤ 1.15 | 1.02 | yes |\n| allocs | < 200 | 3000 | **no** |\n"
	if got := r.Markdown(); got != want {
		t.Errorf("Markdown() =\n%s\nwant\n%s", got, want)
	}
	if missed := r.Missed(); len(missed) != 1 || missed[0].Target != "allocs" {
		t.Errorf("Missed() = %+v, want the allocs check", missed)
	}
}

func TestFormats(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		got  string
		want string
	}{
		{name: "Seconds", got: Seconds(3421 * time.Millisecond), want: "3.42 s"},
		{name: "Millis", got: Millis(48 * time.Millisecond), want: "48 ms"},
		{name: "Millis below 10", got: Millis(1250 * time.Microsecond), want: "1.2 ms"},
		{name: "Millis zero", got: Millis(0), want: "0 ms"},
		{name: "Nanos ns", got: Nanos(250), want: "250 ns"},
		{name: "Nanos µs", got: Nanos(34204), want: "34 µs"},
		{name: "Nanos ms", got: Nanos(1682013), want: "1.68 ms"},
		{name: "RatioText", got: RatioText(1.0449), want: "1.04"},
		{name: "MiB", got: MiB(60 << 20), want: "60.0 MiB"},
		{name: "MB", got: MB(20_900_000), want: "20.9 MB"},
		{name: "Percent", got: Percent(25.0 / 325), want: "7.7%"},
		{name: "Percent zero", got: Percent(0), want: "0.0%"},
		{name: "Gap", got: Gap(142 * time.Millisecond), want: "142 ms"},
		{name: "Gap none", got: Gap(NoGap), want: "none"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s = %q, want %q", tt.name, tt.got, tt.want)
		}
	}
}
