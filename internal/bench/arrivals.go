package bench

import (
	"net/http"
	"slices"
	"sync"
	"time"
)

// Arrival is one request the fake cloud answered.
type Arrival struct {
	Action string
	Call   string    // the event the request asked for ("" for a list page): one read's attempts share it
	At     time.Time // when the request arrived
	Done   time.Time // when its answer was written
	Status int       // HTTP status of the answer
}

// recorder wraps the fake cloud's handler and notes every request.
type recorder struct {
	next http.Handler
	mu   sync.Mutex
	log  []Arrival
}

func (rec *recorder) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	a := Arrival{At: time.Now()}
	// The fake parses the form again; net/http keeps what was parsed.
	if err := r.ParseForm(); err == nil {
		a.Action = r.Form.Get("Action")
		a.Call = r.Form.Get("EventId") + r.Form.Get("Id") // WAF detail, DSC detail
	}
	sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
	rec.next.ServeHTTP(sw, r)
	a.Done, a.Status = time.Now(), sw.status
	rec.mu.Lock()
	defer rec.mu.Unlock()
	rec.log = append(rec.log, a)
}

// arrivals is the log sorted by arrival: requests are logged as they end.
func (rec *recorder) arrivals() []Arrival {
	rec.mu.Lock()
	out := slices.Clone(rec.log)
	rec.mu.Unlock()
	slices.SortStableFunc(out, func(a, b Arrival) int { return a.At.Compare(b.At) })
	return out
}

type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(status int) {
	w.status = status
	w.ResponseWriter.WriteHeader(status)
}

// Spacing is how the attempts of throttled reads were spread over time.
type Spacing struct {
	Attempts int // requests
	// LongestRetry is the longest time, over the reads, from a read's
	// first answer to its last attempt: what the throttling budget bounds.
	LongestRetry time.Duration
	// MinGapRead is the smallest gap between two attempts of one read.
	MinGapRead time.Duration
	// MinGapAction is the smallest gap between two retries of one action,
	// whichever reads they belong to: retries are the attempts that arrive
	// after the action's first answer, once the client has heard from the
	// API. The first attempts of concurrent reads go out together when the
	// action has no documented limit, so they are left out.
	MinGapAction time.Duration
}

// NoGap is what Spacing reports for a gap that has no two requests to
// measure.
const NoGap = time.Duration(-1)

// MeasureSpacing measures the spacing of arrivals, which are in order of
// arrival.
func MeasureSpacing(arrivals []Arrival) Spacing {
	s := Spacing{Attempts: len(arrivals), MinGapRead: NoGap, MinGapAction: NoGap}
	reads := map[[2]string][]Arrival{}
	actions := map[string][]Arrival{}
	for _, a := range arrivals {
		key := [2]string{a.Action, a.Call}
		reads[key] = append(reads[key], a)
		actions[a.Action] = append(actions[a.Action], a)
	}
	for _, attempts := range reads {
		s.LongestRetry = max(s.LongestRetry, attempts[len(attempts)-1].At.Sub(attempts[0].Done))
		s.MinGapRead = minGap(s.MinGapRead, attempts)
	}
	for _, all := range actions {
		first := all[0].Done
		for _, a := range all {
			if a.Done.Before(first) {
				first = a.Done
			}
		}
		var retries []Arrival
		for _, a := range all {
			if a.At.After(first) {
				retries = append(retries, a)
			}
		}
		s.MinGapAction = minGap(s.MinGapAction, retries)
	}
	return s
}

// minGap is the smaller of gap and the smallest gap between two
// consecutive arrivals; NoGap counts as none.
func minGap(gap time.Duration, arrivals []Arrival) time.Duration {
	for i := 1; i < len(arrivals); i++ {
		d := arrivals[i].At.Sub(arrivals[i-1].At)
		if gap == NoGap || d < gap {
			gap = d
		}
	}
	return gap
}
