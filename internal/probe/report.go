package probe

import (
	"fmt"
	"strings"
	"time"
)

// Markdown renders the report: a summary table, one section per question,
// and a footer. It never holds a secret: the client's answers carry none,
// IDs are hashed, and the secrets given in Options are scrubbed anyway.
func (r *Report) Markdown() string {
	var b strings.Builder
	b.WriteString("# alisec conformance probe report\n\n")
	r.writeSummary(&b)
	for _, f := range r.Findings {
		writeFinding(&b, f)
	}
	r.writeFooter(&b)
	text := b.String()
	for _, s := range r.secrets {
		if s != "" {
			text = strings.ReplaceAll(text, s, "<redacted>")
		}
	}
	return text
}

func (r *Report) writeSummary(b *strings.Builder) {
	switch code := r.ExitCode(); code {
	case ExitCannotRun:
		fmt.Fprintf(b, "**The probe could not run:** %s.\n\n", r.CannotRun)
	case ExitBreaks:
		b.WriteString("**An assumption of the provider breaks** (exit status 1): see the questions marked BREAKS.\n\n")
	default:
		b.WriteString("**Every assumption holds, or the answers could not tell** (exit status 0).\n\n")
	}
	b.WriteString("| Question | Observed reading | Verdict |\n|---|---|---|\n")
	for _, f := range r.Findings {
		fmt.Fprintf(b, "| [%s %s](#%s) | %s | %s |\n", f.ID, f.Title, anchor(f), cell(f.Reading), verdictText(f.Verdict))
	}
	b.WriteString("\n")
}

// anchor is the heading's anchor as GitHub makes it.
func anchor(f Finding) string {
	return strings.ToLower(strings.ReplaceAll(f.ID+" "+f.Title, " ", "-"))
}

func verdictText(v Verdict) string {
	if v == Breaks {
		return "**BREAKS**"
	}
	return string(v)
}

// cell keeps text inside one table cell.
func cell(text string) string {
	return strings.NewReplacer("|", `\|`, "\n", " ").Replace(text)
}

func writeFinding(b *strings.Builder, f Finding) {
	fmt.Fprintf(b, "## %s %s\n\n", f.ID, f.Title)
	fmt.Fprintf(b, "- **Question:** %s\n", f.Question)
	fmt.Fprintf(b, "- **The provider assumes:** %s\n", f.Assumes)
	fmt.Fprintf(b, "- **Observed:** %s\n", f.Reading)
	fmt.Fprintf(b, "- **Verdict:** %s", verdictText(f.Verdict))
	if f.Why != "" {
		fmt.Fprintf(b, " (%s)", f.Why)
	}
	b.WriteString("\n\n")
	for i, ex := range f.Exchanges {
		writeExchange(b, i+1, ex)
	}
}

func writeExchange(b *strings.Builder, n int, ex Exchange) {
	params := make([]string, len(ex.Params))
	for i, p := range ex.Params {
		params[i] = p.Name + "=" + p.Value
	}
	fmt.Fprintf(b, "Request %d: `%s` at `%s`, `%s`\n\n", n, ex.Action, ex.Host, strings.Join(params, " "))
	if !ex.Answered {
		fmt.Fprintf(b, "- no answer: %s\n\n", ex.NoAnswer)
		return
	}
	fmt.Fprintf(b, "- HTTP %d, Code %s, RequestId %s\n", ex.Status, orDash(ex.Code), orDash(ex.RequestID))
	if ex.Message != "" {
		fmt.Fprintf(b, "- Message: %q\n", ex.Message)
	}
	if len(ex.Keys) == 0 {
		b.WriteString("\n")
		return
	}
	b.WriteString("\n| key | type | length | value |\n|---|---|---|---|\n")
	for _, k := range ex.Keys {
		length := ""
		if k.Len >= 0 {
			length = fmt.Sprint(k.Len)
		}
		value := k.Value
		if value == "" {
			value = "(redacted)"
		}
		fmt.Fprintf(b, "| %s | %s | %s | %s |\n", k.Key, k.Type, length, cell(value))
	}
	b.WriteString("\n")
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return "`" + s + "`"
}

func (r *Report) writeFooter(b *strings.Builder) {
	version := r.Version
	if version == "" {
		version = "dev"
	}
	b.WriteString("---\n\n")
	fmt.Fprintf(b, "Provider version %s, region %s, endpoints %s, %s.\n\n", version, r.Region,
		strings.Join(r.Hosts, ", "), r.Time.UTC().Format(time.RFC3339))
	b.WriteString("Paste this report into an issue of terraform-provider-alisec. IDs and RequestIds are shown as the first 8 hex digits " +
		"of their SHA-256, other values of the answers are left out, and IP addresses are masked.\n")
}
