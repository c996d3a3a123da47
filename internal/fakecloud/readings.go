package fakecloud

import (
	"fmt"
	"math"
	"net/url"
	"strconv"
	"strings"
)

// Alibaba Cloud's references (the SDKs, the API metadata and pages, and
// Alibaba's own Terraform provider) leave some answers open: what an empty
// page or an unknown event looks like, what TotalCount counts, how big a
// page is served. The fake gives, by default, the answer the references
// suggest, and Readings switches to the other answers they allow, so that
// the provider's tests can run under each.

// Shape is how an answer carries something it has none of.
type Shape string

// The shapes of nothing.
const (
	ShapeAbsent Shape = "absent" // the key is left out, as the SDKs' omitempty tags allow (default)
	ShapeEmpty  Shape = "empty"  // [] for an array, {} for an object
	ShapeNull   Shape = "null"   // JSON null
)

// TotalCountMeaning is what DescribeThreatEvent's TotalCount counts.
type TotalCountMeaning string

// The meanings of TotalCount.
const (
	TotalMatching TotalCountMeaning = "matching" // the SDK: all events that match the query (default)
	TotalOnPage   TotalCountMeaning = "page"     // the API pages' "entries returned": the items on this page
)

// ForeignInstance is how WAF event actions answer an InstanceId that is not
// the account's instance in the region.
type ForeignInstance string

// The answers to a foreign instance.
const (
	InstanceRefused ForeignInstance = "refused" // HTTP 400 Code "Waf.Instance.ValidFaild" (sic), Message "WAF instance check failed." (default)
	InstanceQuiet   ForeignInstance = "quiet"   // as for no events: an empty list page, an unknown-event detail
)

// TimeUnit is the unit DescribeEvents reads StartTime and EndTime in.
type TimeUnit string

// The time units.
const (
	Milliseconds TimeUnit = "ms" // every reference says so (default)
	// Seconds is a reading the provider does NOT support; it exists so that
	// the conformance probe's tests can show it is detected.
	Seconds TimeUnit = "s"
)

// defaultDSCPageCap is the page size Alibaba's own Terraform provider asks
// Sddp for: the largest the fake serves unless told otherwise.
const defaultDSCPageCap = 50

// maxDSCPageSize is the largest PageSize DescribeEvents accepts.
const maxDSCPageSize = 100

// Readings picks, for each answer Alibaba Cloud's references leave open,
// the one the server gives. Zero fields mean the default, which is
// DefaultReadings().
type Readings struct {
	EmptyItems      Shape             // list page without items: ThreatEvents / Items absent (default), [] or null
	UnknownEvent    Shape             // detail of an unknown ID: a success (HTTP 200, RequestId) whose ThreatEventDetail / Event is absent (default), {} or null
	WAFTotalCount   TotalCountMeaning // what DescribeThreatEvent's TotalCount counts
	DSCPageCap      int               // DescribeEvents serves at most this many items a page and echoes the size served in PageSize; 0 means 50
	ForeignInstance ForeignInstance   // how WAF event actions answer an instance that is not the account's
	DSCTimeUnit     TimeUnit          // the unit of DescribeEvents' StartTime and EndTime
}

// DefaultReadings returns the readings the references suggest, every field
// set.
func DefaultReadings() Readings {
	return Readings{
		EmptyItems:      ShapeAbsent,
		UnknownEvent:    ShapeAbsent,
		WAFTotalCount:   TotalMatching,
		DSCPageCap:      defaultDSCPageCap,
		ForeignInstance: InstanceRefused,
		DSCTimeUnit:     Milliseconds,
	}
}

// ReadingFlag describes one reading for a command line: the name Set
// takes, its values, its default and what it decides.
type ReadingFlag struct {
	Name    string
	Field   string   // the Readings field it sets
	Values  []string // the values Set takes; for dsc-page-cap, a range
	Default string
	Doc     string
}

// reading ties a ReadingFlag to its field of Readings.
type reading struct {
	ReadingFlag
	get func(r *Readings) string
	// set sets the field from value, reporting whether value is valid.
	set func(r *Readings, value string) bool
}

// invalid is the error for a value the reading does not take.
func (rd reading) invalid(value string) error {
	return fmt.Errorf("reading %s (Readings.%s) %q: valid values are %s", rd.Name, rd.Field, value, strings.Join(rd.Values, ", "))
}

// readings lists every reading, in the order of the Readings fields.
var readings = []reading{
	shapeReading("empty-items", "EmptyItems", "a list page without items: ThreatEvents / Items absent, [] or null",
		func(r *Readings) *Shape { return &r.EmptyItems }),
	shapeReading("unknown-event", "UnknownEvent", "the detail of an unknown ID: ThreatEventDetail / Event absent, {} or null",
		func(r *Readings) *Shape { return &r.UnknownEvent }),
	enumReading("waf-total-count", "WAFTotalCount", "DescribeThreatEvent's TotalCount: all matching events, or the page's items",
		[]TotalCountMeaning{TotalMatching, TotalOnPage}, func(r *Readings) *TotalCountMeaning { return &r.WAFTotalCount }),
	{
		ReadingFlag: ReadingFlag{Name: "dsc-page-cap", Field: "DSCPageCap",
			Values:  []string{fmt.Sprintf("1 to %d (0 for %d)", maxDSCPageSize, defaultDSCPageCap)},
			Default: strconv.Itoa(defaultDSCPageCap), Doc: "most items a DescribeEvents page holds; PageSize echoes the size served"},
		get: func(r *Readings) string { return strconv.Itoa(r.DSCPageCap) },
		set: setPageCap,
	},
	enumReading("foreign-instance", "ForeignInstance", "WAF event actions, another instance: Waf.Instance.ValidFaild, or no events",
		[]ForeignInstance{InstanceRefused, InstanceQuiet}, func(r *Readings) *ForeignInstance { return &r.ForeignInstance }),
	enumReading("dsc-time-unit", "DSCTimeUnit", "unit of DescribeEvents' StartTime and EndTime; the provider supports ms only",
		[]TimeUnit{Milliseconds, Seconds}, func(r *Readings) *TimeUnit { return &r.DSCTimeUnit }),
}

func shapeReading(name, fieldName, doc string, field func(r *Readings) *Shape) reading {
	return enumReading(name, fieldName, doc, []Shape{ShapeAbsent, ShapeEmpty, ShapeNull}, field)
}

// enumReading is a reading whose field takes one of values, the first the
// default; the empty value means the default too, as a zero field does.
func enumReading[T ~string](name, fieldName, doc string, values []T, field func(r *Readings) *T) reading {
	names := make([]string, len(values))
	for i, v := range values {
		names[i] = string(v)
	}
	return reading{
		ReadingFlag: ReadingFlag{Name: name, Field: fieldName, Values: names, Default: names[0], Doc: doc},
		get:         func(r *Readings) string { return string(*field(r)) },
		set: func(r *Readings, value string) bool {
			if value == "" {
				*field(r) = values[0]
				return true
			}
			for _, v := range values {
				if string(v) == value {
					*field(r) = v
					return true
				}
			}
			return false
		},
	}
}

// setPageCap reads the DSC page cap; 0 means the default. A cap above the
// largest PageSize accepted would never apply, so it is refused as a slip.
func setPageCap(r *Readings, value string) bool {
	n, err := strconv.Atoi(value)
	if err != nil || n < 0 || n > maxDSCPageSize {
		return false
	}
	if n == 0 {
		n = defaultDSCPageCap
	}
	r.DSCPageCap = n
	return true
}

// ReadingFlags lists the readings Set names, in the order of the Readings
// fields.
func ReadingFlags() []ReadingFlag {
	flags := make([]ReadingFlag, len(readings))
	for i, rd := range readings {
		flags[i] = rd.ReadingFlag
		flags[i].Values = append([]string(nil), rd.Values...)
	}
	return flags
}

// Set sets one field from its name and value text, for the command's
// flags; names: empty-items, unknown-event, waf-total-count, dsc-page-cap,
// foreign-instance, dsc-time-unit.
func (r *Readings) Set(name, value string) error {
	for _, rd := range readings {
		if rd.Name != name {
			continue
		}
		if !rd.set(r, value) {
			return rd.invalid(value)
		}
		return nil
	}
	names := make([]string, len(readings))
	for i, rd := range readings {
		names[i] = rd.Name
	}
	return fmt.Errorf("unknown reading %q; readings: %s", name, strings.Join(names, ", "))
}

// NonDefault lists, as name=value, each reading r sets to other than its
// default, in the order of the fields; zero fields are at their default.
func (r Readings) NonDefault() []string {
	def := DefaultReadings()
	var out []string
	for _, rd := range readings {
		v := rd.get(&r)
		var canonical Readings
		if rd.set(&canonical, v) {
			v = rd.get(&canonical) // "" and 0 are the default
		}
		if v != rd.get(&def) {
			out = append(out, rd.Name+"="+v)
		}
	}
	return out
}

// filled validates r and returns it with its zero fields set to their
// defaults.
func (r Readings) filled() (Readings, error) {
	out := r
	var errs []string
	for _, rd := range readings {
		value := rd.get(&r)
		if !rd.set(&out, value) {
			errs = append(errs, rd.invalid(value).Error())
		}
	}
	if len(errs) > 0 {
		return Readings{}, fmt.Errorf("fakecloud: %s", strings.Join(errs, "; "))
	}
	return out, nil
}

// SetReadings makes the server answer as r says; zero fields take the
// default. A field set to a value it does not take is an error naming the
// field, the value and the valid values, and changes nothing.
func (s *Server) SetReadings(r Readings) error {
	filled, err := r.filled()
	if err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.readings = filled
	return nil
}

// Readings returns the readings in force, defaults filled in.
func (s *Server) Readings() Readings {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.readings
}

// putNothing puts what the shape says for none into body under key: no
// key, empty (an empty array or object, as the caller gives), or null.
func putNothing(body map[string]any, key string, shape Shape, empty any) {
	switch shape {
	case ShapeEmpty:
		body[key] = empty
	case ShapeNull:
		body[key] = nil
	}
}

// putItems puts a list page's items into body under key. A page with items
// always carries the array; an empty page, of no match or past the end,
// carries what EmptyItems says: the SDKs tag the arrays omitempty, so
// nothing rules out any of the three.
func (r Readings) putItems(body map[string]any, key string, items []map[string]any) {
	if len(items) > 0 {
		body[key] = items
		return
	}
	putNothing(body, key, r.EmptyItems, []any{})
}

// unknownEvent answers a detail action asked for an event it does not
// know: a success, not an error (no reference documents an error code for
// it), whose object under key is what UnknownEvent says.
func (r Readings) unknownEvent(requestID, key string) ([]byte, *apiError) {
	body := map[string]any{"RequestId": requestID}
	putNothing(body, key, r.UnknownEvent, map[string]any{})
	return marshal(body)
}

// wafTotalCount is DescribeThreatEvent's TotalCount: the SDK documents the
// events matching the query, the API pages the entries returned.
func (r Readings) wafTotalCount(matching, onPage int) int {
	if r.WAFTotalCount == TotalOnPage {
		return onPage
	}
	return matching
}

// dscTimeParam reads DescribeEvents' StartTime or EndTime, validated as a
// millisecond parameter is, in Unix milliseconds: under Seconds the value
// sent counts seconds.
func (r Readings) dscTimeParam(params url.Values, name string) (ms int64, ok bool, e *apiError) {
	n, ok, e := millisParam(params, name)
	if e != nil || !ok || r.DSCTimeUnit != Seconds {
		return n, ok, e
	}
	if n > math.MaxInt64/1000 {
		return 0, false, errInvalidParameter(fmt.Sprintf("%s is out of range, got %q", name, params.Get(name)))
	}
	return n * 1000, true, nil
}
