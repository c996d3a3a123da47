// Package probe is the read-only conformance probe: a fixed set of about a
// dozen paced calls that settle how the real WAF 3.0 and Data Security
// Center APIs answer where Alibaba Cloud's references disagree, reported
// as Markdown that a user pastes into an issue. Each question says what
// the provider assumes, what came back and whether the provider handles
// it; the tests run it against the fake cloud under each reading.
package probe

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"net/url"
	"sort"
	"strings"
	"time"

	"github.com/alisec/terraform-provider-alisec/internal/alicloud"
	"github.com/alisec/terraform-provider-alisec/internal/products"
)

// Verdict says whether the provider copes with what a question observed.
type Verdict string

// The verdicts.
const (
	Holds        Verdict = "holds"                  // the reading the provider was built on
	Handled      Verdict = "other reading, handled" // another reading the references allow, which the provider handles
	Breaks       Verdict = "BREAKS"                 // a reading the provider does not handle
	Inconclusive Verdict = "inconclusive"           // the account's data cannot tell
	Skipped      Verdict = "skipped"                // not asked, and why
)

// DefaultWindow is how far back the questions that need events look.
const DefaultWindow = 7 * 24 * time.Hour

// Exit statuses of a run.
const (
	ExitHolds     = 0 // every assumption holds, or the answer could not tell
	ExitBreaks    = 1 // an assumption breaks
	ExitCannotRun = 2 // no credentials, or no answer at all
)

// Options tune a run; zero values take the defaults.
type Options struct {
	Window  time.Duration    // DefaultWindow when 0
	Version string           // the provider version, for the footer
	Now     func() time.Time // time.Now when nil
	// EventID makes the random 32-hex event ID of W3; crypto/rand when nil.
	EventID func() string
	// Secrets are scrubbed from the report, should any ever reach it.
	Secrets []string
}

// Param is one request parameter as reported.
type Param struct{ Name, Value string }

// Exchange is one call and its answer, as the report shows them.
type Exchange struct {
	Action    string
	Host      string
	Params    []Param // sorted; the account's IDs hashed
	Answered  bool    // an HTTP answer came
	NoAnswer  string  // why none came
	Status    int
	Code      string
	Message   string // IP addresses masked
	RequestID string // hashed
	Keys      []KeyShape
}

// Finding is one question's section of the report.
type Finding struct {
	ID        string // W0 ... D5
	Title     string
	Question  string
	Assumes   string
	Exchanges []Exchange
	Reading   string // what was observed, in a few words
	Verdict   Verdict
	Why       string
}

// Report is a whole run.
type Report struct {
	Findings  []Finding
	Version   string
	Region    string
	Hosts     []string
	Time      time.Time
	CannotRun string // why the probe could not run; empty when it ran
	secrets   []string
}

// ExitCode is the run's exit status.
func (r *Report) ExitCode() int {
	if r.CannotRun != "" {
		return ExitCannotRun
	}
	for _, f := range r.Findings {
		if f.Verdict == Breaks {
			return ExitBreaks
		}
	}
	return ExitHolds
}

// Finding returns the finding of a question by its ID.
func (r *Report) Finding(id string) (Finding, bool) {
	for _, f := range r.Findings {
		if f.ID == id {
			return f, true
		}
	}
	return Finding{}, false
}

// prober is one run's state.
type prober struct {
	client   *alicloud.Client
	opts     Options
	now      time.Time
	hosts    map[string]bool
	answered bool
	// stop is why the run cannot go on: credentials missing or refused.
	stop string
	// instance is the account's WAF instance in the provider region's WAF
	// region; "" when it has none or W0 could not tell.
	instance string
	// accountIDs are hashed wherever they would be shown.
	accountIDs []string
}

// Run asks every question in turn through client, whose limiter paces the
// calls, and returns the report.
func Run(ctx context.Context, client *alicloud.Client, opts Options) *Report {
	if opts.Window <= 0 {
		opts.Window = DefaultWindow
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.EventID == nil {
		opts.EventID = randomEventID
	}
	p := &prober{client: client, opts: opts, now: opts.Now().UTC(), hosts: map[string]bool{}}
	r := &Report{Version: opts.Version, Region: client.Region(), Time: p.now, secrets: opts.Secrets}
	for _, q := range questions {
		if p.stop != "" {
			r.Findings = append(r.Findings, skippedFinding(q, "the probe stopped: "+p.stop))
			continue
		}
		r.Findings = append(r.Findings, q.ask(ctx, p))
	}
	switch {
	case p.stop != "":
		r.CannotRun = p.stop
	case !p.answered:
		r.CannotRun = "no call got an answer from Alibaba Cloud"
	}
	for h := range p.hosts {
		r.Hosts = append(r.Hosts, h)
	}
	sort.Strings(r.Hosts)
	return r
}

// question is one section of the report and how to ask it.
type question struct {
	id, title, question, assumes string
	run                          func(ctx context.Context, p *prober, f *Finding)
}

func (q question) finding() Finding {
	return Finding{ID: q.id, Title: q.title, Question: q.question, Assumes: q.assumes}
}

func (q question) ask(ctx context.Context, p *prober) Finding {
	f := q.finding()
	q.run(ctx, p, &f)
	return f
}

func skippedFinding(q question, why string) Finding {
	f := q.finding()
	f.Reading, f.Verdict, f.Why = "not asked", Skipped, why
	return f
}

// questions are asked in this order: W0 finds the instance W1 to W4 use.
var questions = []question{wafInstanceQuestion, wafQuietQuestion, wafTotalQuestion, wafUnknownQuestion, wafForeignQuestion,
	dscQuietQuestion, dscUnknownQuestion, dscPageSizeQuestion, dscTimeUnitQuestion, dscEndpointQuestion}

// request is one call a question makes.
type request struct {
	product  products.Product
	action   string
	region   string // "" for the API region serving the client's region
	params   map[string]string
	endpoint string // "" for the client's endpoint
}

// ask makes one call and records it on f. The answer is nil when none
// came; a refused or missing credential stops the run.
func (p *prober) ask(ctx context.Context, f *Finding, req request) *alicloud.RawAnswer {
	var (
		ans *alicloud.RawAnswer
		err error
	)
	if req.endpoint == "" {
		ans, err = p.client.Raw(ctx, req.product, req.action, req.region, req.params)
	} else {
		ans, err = p.client.RawAt(ctx, req.endpoint, req.product, req.action, req.region, req.params)
	}
	ex := Exchange{Action: req.action, Params: p.shownParams(req)}
	ex.Host = p.hostOf(req)
	if err != nil {
		ex.NoAnswer = p.redactIDs(err.Error())
		if isCredentialFailure(err) {
			p.stop = "no usable credentials: " + ex.NoAnswer
		}
		f.Exchanges = append(f.Exchanges, ex)
		return nil
	}
	p.answered = true
	ex.Answered, ex.Status, ex.Code = true, ans.HTTPStatus, ans.Code
	ex.Message, ex.RequestID = p.redactIDs(maskAddresses(ans.Message)), hashed(ans.RequestID)
	if ans.RequestID == "" {
		ex.RequestID = ""
	}
	if b := parseBody(ans.Body); b != nil {
		ex.Keys = b.shapes()
	}
	if (&alicloud.APIError{Code: ans.Code}).IsCredentialError() {
		p.stop = "the credentials were refused: Code " + ans.Code
	}
	f.Exchanges = append(f.Exchanges, ex)
	return ans
}

// hostOf is the host a request goes to, recorded for the footer.
func (p *prober) hostOf(req request) string {
	raw := req.endpoint
	if raw == "" {
		ep, _ := p.client.ProductEndpoint(req.product, req.region)
		raw = ep.String()
	}
	host := raw
	if u, err := url.Parse(raw); err == nil && u.Host != "" {
		host = u.Host
	}
	p.hosts[host] = true
	return host
}

// shownParams are the request's parameters with the region, sorted, and
// the account's own IDs hashed; the probe's made-up IDs stay readable.
func (p *prober) shownParams(req request) []Param {
	region := req.region
	if region == "" {
		region = req.product.APIRegion(p.client.Region())
	}
	out := []Param{{"RegionId", region}}
	for name, value := range req.params {
		out = append(out, Param{name, p.redactIDs(value)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// redactIDs replaces the account's IDs in text with their hashes.
func (p *prober) redactIDs(text string) string {
	for _, id := range p.accountIDs {
		text = strings.ReplaceAll(text, id, hashed(id))
	}
	return text
}

// isCredentialFailure reports whether err says no credentials could be had.
func isCredentialFailure(err error) bool {
	var credErr *alicloud.CredentialsError
	return errors.Is(err, alicloud.ErrMissingCredentials) || errors.As(err, &credErr)
}

// randomEventID is 32 random hex characters, the form of a WAF event ID,
// which no event has.
func randomEventID() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b) // crypto/rand.Read never fails
	return hex.EncodeToString(b)
}
