package provider

import (
	"context"
	"fmt"
	"math"
	"math/big"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/alisec/terraform-provider-alisec/internal/alicloud"
)

// stringCheck is a string validator built from one check function. Null and
// unknown values are left alone: Required and deferral handle them.
type stringCheck struct {
	summary     string
	description string
	check       func(string) error
}

var _ validator.String = stringCheck{}

func (v stringCheck) Description(context.Context) string         { return v.description }
func (v stringCheck) MarkdownDescription(context.Context) string { return v.description }

func (v stringCheck) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if err := v.check(req.ConfigValue.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, v.summary, sentence(fmt.Sprintf("%s: %s", req.Path, err)))
	}
}

func notBlankValidator() validator.String {
	return stringCheck{
		summary:     "Blank Value",
		description: "value must contain a non-space character",
		check: func(s string) error {
			if strings.TrimSpace(s) == "" {
				return fmt.Errorf("expected a non-blank value, got %q. Set it to the ID shown in the console or returned by the list API", s)
			}
			return nil
		},
	}
}

// endpointValidator checks an endpoint, giving example, the default host
// of the endpoint's own product, as the form a host name takes.
func endpointValidator(example string) validator.String {
	return stringCheck{
		summary:     "Invalid Endpoint",
		description: "value must be a host name or an http(s) URL without path",
		check:       endpointCheck(example),
	}
}

// endpointCheck is the check of an endpoint whose default host is example.
func endpointCheck(example string) func(string) error {
	return func(s string) error {
		if _, err := alicloud.ParseEndpoint(s); err != nil {
			return fmt.Errorf("expected a host name such as %q or a URL such as \"http://127.0.0.1:8080\", got %q (%v)", example, s, err)
		}
		return nil
	}
}

func urlValidator() validator.String {
	return stringCheck{
		summary:     "Invalid Credentials URI",
		description: "value must be an http(s) URL",
		check:       checkURL,
	}
}

func checkURL(s string) error {
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("expected an http:// or https:// URL such as \"http://127.0.0.1:8080/credentials\", got %q", s)
	}
	return nil
}

func durationValidator() validator.String {
	return stringCheck{
		summary:     "Invalid Duration",
		description: "value must be a positive Go duration such as 30s or 2m",
		check:       checkDuration,
	}
}

func checkDuration(s string) error {
	d, err := time.ParseDuration(s)
	if err != nil || d <= 0 {
		return fmt.Errorf("expected a positive duration such as \"30s\" or \"2m\", got %q", s)
	}
	return nil
}

// checkRetries checks max_retries as its environment variable gives it.
func checkRetries(s string) error {
	if n, err := strconv.Atoi(s); err != nil || n < 0 {
		return fmt.Errorf("expected a whole number of retries, 0 or more, such as \"5\", got %q", s)
	}
	return nil
}

// checkRateLimit checks a rate_limits value as its environment variable
// gives it.
func checkRateLimit(s string) error {
	r, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsInf(r, 0) || math.IsNaN(r) {
		return fmt.Errorf("expected calls per second, 0 (adaptive only) or %g to %g, such as \"10\" or \"2.5\", got %q",
			alicloud.MinRate, alicloud.MaxRate, s)
	}
	return checkRate(r)
}

// checkRate keeps a rate the client can pace: a call every two seconds at
// the slowest, as its own adaptive floor; far beyond any per-user limit
// Alibaba Cloud documents at the fastest.
func checkRate(r float64) error {
	if r != 0 && (r < alicloud.MinRate || r > alicloud.MaxRate) {
		return fmt.Errorf("expected calls per second, 0 (adaptive only) or %g to %g, got %g", alicloud.MinRate, alicloud.MaxRate, r)
	}
	return nil
}

// rateLimitValidator checks a rate_limits value in the configuration.
type rateLimitValidator struct{}

var _ validator.Float64 = rateLimitValidator{}

func (rateLimitValidator) Description(context.Context) string {
	return fmt.Sprintf("value must be 0 or %g to %g calls per second", alicloud.MinRate, alicloud.MaxRate)
}

func (v rateLimitValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (rateLimitValidator) ValidateFloat64(_ context.Context, req validator.Float64Request, resp *validator.Float64Response) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if err := checkRate(req.ConfigValue.ValueFloat64()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid Rate Limit", fmt.Sprintf("%s: %s. Set a rate the account's quota allows, or 0.", req.Path, err))
	}
}

var regionIDPattern = regexp.MustCompile(`^[a-z]{2}(-[a-z0-9]+)+$`)

func regionIDValidator() validator.String {
	return stringCheck{
		summary:     "Invalid Region",
		description: "value must be an Alibaba Cloud region ID such as cn-hangzhou",
		check:       checkRegion,
	}
}

func checkRegion(s string) error {
	if !regionIDPattern.MatchString(s) {
		return fmt.Errorf("expected a region ID such as \"cn-hangzhou\" or \"ap-southeast-1\", got %q", s)
	}
	return nil
}

// dscTypeCodes are the activity types DescribeEvents filters on.
var dscTypeCodes = []string{"01", "02", "03"}

// typeCodeValidator accepts the two-digit activity types, and says which
// one a number such as "2" meant: the API matches the text exactly, so "2"
// would match no activity at all.
func typeCodeValidator() validator.String {
	return stringCheck{
		summary:     "Invalid Activity Type",
		description: `value must be "01", "02" or "03"`,
		check: func(s string) error {
			if slices.Contains(dscTypeCodes, s) {
				return nil
			}
			hint := ""
			if n, err := strconv.Atoi(strings.TrimSpace(s)); err == nil && n >= 1 && n <= 3 {
				hint = fmt.Sprintf(" Did you mean %q? The codes have two digits", fmt.Sprintf("%02d", n))
			}
			return fmt.Errorf(`expected "01" (anomalous permission access), "02" (anomalous data flow) or "03" (anomalous data operation), got %q: `+
				"any other value matches no activity and would read as none.%s", s, hint)
		},
	}
}

// dscProductCodes are the products the API pages name; others exist, so a
// value outside them is allowed.
var dscProductCodes = []string{"MaxCompute", "OSS", "ADS", "OTS", "RDS"}

// productCodeValidator refuses a value that differs from a known product
// only in case: the API matches the code exactly, so "oss" is known to match
// no activity, and a sweep would read the empty list as "no activity".
func productCodeValidator() validator.String {
	return stringCheck{
		summary:     "Product Code Differs In Case",
		description: "value must be spelt as the API spells the product, such as MaxCompute",
		check:       checkProductCode,
	}
}

func checkProductCode(s string) error {
	for _, known := range dscProductCodes {
		if s != known && strings.EqualFold(s, known) {
			return fmt.Errorf("expected %q, got %q. The API matches product codes exactly, so %q would match no activity, and an "+
				"alert or CI gate would read the empty list as \"no activity\". Write %q", known, s, s, known)
		}
	}
	return nil
}

// hostNamePattern is a DNS host name: dot-separated labels of letters,
// digits, hyphens and underscores, not starting or ending with a hyphen,
// with an optional leading "*." for a wildcard domain WAF protects. Case is
// free here: the data source sends the name lower-cased.
var hostNamePattern = regexp.MustCompile(`^(\*\.)?([A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?\.)*[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?$`)

// domainNameValidator accepts a host name only. WAF matches DomainName as
// a whole, so a URL, a path, a port or spaces match no event and the list
// reads as empty: each is refused, naming the host to write instead.
func domainNameValidator() validator.String {
	return stringCheck{
		summary:     "Invalid Domain Name",
		description: "value must be a host name only, such as shop.example.com: no scheme, path, port or spaces",
		check:       checkDomainName,
	}
}

func checkDomainName(s string) error {
	if s == "" || (len(s) <= 253 && hostNamePattern.MatchString(s)) {
		return nil
	}
	const expected = "expected a host name only, such as \"shop.example.com\", got %q: WAF matches the protected domain name as a whole, " +
		"so a URL, a path, a port or spaces would match no event, and an alert or CI gate would read the empty list as \"no events\""
	if host := hostOf(s); host != "" && len(host) <= 253 && hostNamePattern.MatchString(host) {
		return fmt.Errorf(expected+". Write %q", s, host)
	}
	return fmt.Errorf(expected+". Write the domain as WAF protects it", s)
}

// hostOf is the host name in s, a URL or a host with a path, port or
// surrounding spaces, lower-cased: what domain_name should say.
func hostOf(s string) string {
	h := strings.TrimSpace(s)
	if _, rest, ok := strings.Cut(h, "://"); ok {
		h = rest
	}
	if i := strings.IndexAny(h, "/?#"); i >= 0 {
		h = h[:i]
	}
	if i := strings.LastIndex(h, "@"); i >= 0 {
		h = h[i+1:]
	}
	if i := strings.LastIndex(h, ":"); i >= 0 {
		h = h[:i]
	}
	return strings.ToLower(strings.TrimSuffix(h, "."))
}

// wholeNumberValidator checks a number argument the model reads as an
// int64. Terraform's number type lets 1.5 through, and the framework's
// Int64 type would stop it with "This is always an error in the provider",
// so such an argument is declared a Number, checked here.
type wholeNumberValidator struct {
	summary  string
	min, max int64  // max 0: no upper bound
	fix      string // what to write instead, a sentence
}

var _ validator.Number = wholeNumberValidator{}

func (v wholeNumberValidator) Description(context.Context) string {
	return "value must be " + v.expected()
}

// expected names the values allowed: "a whole number of at least 1", or
// "a whole number from 0 to 2".
func (v wholeNumberValidator) expected() string {
	if v.max == 0 {
		return fmt.Sprintf("a whole number of at least %d", v.min)
	}
	return fmt.Sprintf("a whole number from %d to %d", v.min, v.max)
}

func (v wholeNumberValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (v wholeNumberValidator) ValidateNumber(_ context.Context, req validator.NumberRequest, resp *validator.NumberResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	f := req.ConfigValue.ValueBigFloat()
	got := f.Text('g', -1)
	if f.IsInt() {
		got = f.Text('f', 0) // every digit of a large whole number
	}
	var problem string
	if n, acc := f.Int64(); !f.IsInt() {
		problem = fmt.Sprintf("got %s, which is not a whole number", got)
	} else if acc != big.Exact {
		problem = fmt.Sprintf("got %s, which is larger than any 64-bit integer", got)
	} else if n < v.min || (v.max != 0 && n > v.max) {
		problem = fmt.Sprintf("got %s", got)
	} else {
		return
	}
	resp.Diagnostics.AddAttributeError(req.Path, v.summary,
		fmt.Sprintf("%s: expected %s, %s. %s", req.Path, v.expected(), problem, v.fix))
}
