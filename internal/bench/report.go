package bench

import (
	"fmt"
	"strings"
	"time"
)

// Report is what `make bench` prints and writes to bench/results.md.
type Report struct {
	Title  string
	About  []string // one line each: when, where, what was measured
	Tables []Table
	Checks []Check
}

// Table is one section of the report.
type Table struct {
	Title  string
	Note   string // a paragraph under the title; empty for none
	Header []string
	Rows   [][]string
}

// Check is one of the targets the figures are held to.
type Check struct {
	Target   string
	Limit    string
	Measured string
	Met      bool
}

// Missed lists the checks that failed.
func (r Report) Missed() []Check {
	var missed []Check
	for _, c := range r.Checks {
		if !c.Met {
			missed = append(missed, c)
		}
	}
	return missed
}

// Markdown renders the report: the title, the about lines, each table, and
// the targets last, so that a reader sees at the end what to look at.
func (r Report) Markdown() string {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n", r.Title)
	for _, line := range r.About {
		fmt.Fprintf(&b, "- %s\n", line)
	}
	for _, t := range r.Tables {
		b.WriteString("\n")
		t.render(&b)
	}
	if len(r.Checks) > 0 {
		b.WriteString("\n")
		checksTable(r.Checks).render(&b)
	}
	return b.String()
}

func checksTable(checks []Check) Table {
	t := Table{Title: "Targets", Header: []string{"target", "limit", "measured", "met"}}
	for _, c := range checks {
		met := "yes"
		if !c.Met {
			met = "**no**"
		}
		t.Rows = append(t.Rows, []string{c.Target, c.Limit, c.Measured, met})
	}
	return t
}

func (t Table) render(b *strings.Builder) {
	fmt.Fprintf(b, "## %s\n\n", t.Title)
	if t.Note != "" {
		fmt.Fprintf(b, "%s\n\n", t.Note)
	}
	writeRow(b, t.Header)
	sep := make([]string, len(t.Header))
	for i := range sep {
		sep[i] = "---"
	}
	writeRow(b, sep)
	for _, row := range t.Rows {
		writeRow(b, row)
	}
}

// writeRow writes cells as one markdown table row; a "|" inside a cell
// would end it, so it is escaped.
func writeRow(b *strings.Builder, cells []string) {
	b.WriteString("|")
	for _, c := range cells {
		fmt.Fprintf(b, " %s |", strings.ReplaceAll(c, "|", `\|`))
	}
	b.WriteString("\n")
}

// Seconds formats a plan's wall time: "3.42 s".
func Seconds(d time.Duration) string {
	return fmt.Sprintf("%.2f s", d.Seconds())
}

// Millis formats a short time: "48 ms", "1.2 ms" below 10 ms, "0 ms".
func Millis(d time.Duration) string {
	ms := float64(d) / float64(time.Millisecond)
	if d == 0 {
		return "0 ms"
	}
	if ms < 10 {
		return fmt.Sprintf("%.1f ms", ms)
	}
	return fmt.Sprintf("%.0f ms", ms)
}

// Nanos formats a benchmark's ns/op in the unit that reads best.
func Nanos(ns float64) string {
	switch {
	case ns >= 1e6:
		return fmt.Sprintf("%.2f ms", ns/1e6)
	case ns >= 1e3:
		return fmt.Sprintf("%.0f µs", ns/1e3)
	}
	return fmt.Sprintf("%.0f ns", ns)
}

// RatioText formats a ratio to the ideal: "1.08".
func RatioText(r float64) string {
	return fmt.Sprintf("%.2f", r)
}

// MiB formats a byte count in binary megabytes: "23.4 MiB".
func MiB(bytes int64) string {
	return fmt.Sprintf("%.1f MiB", float64(bytes)/(1<<20))
}

// MB formats a byte count in decimal megabytes, as file sizes are quoted: "25.1 MB".
func MB(bytes int64) string {
	return fmt.Sprintf("%.1f MB", float64(bytes)/1e6)
}
