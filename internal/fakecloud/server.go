// Package fakecloud is an Alibaba Cloud look-alike for tests and the demo.
// It serves the RPC OpenAPI actions the provider calls, verifies signature
// V1 (HMAC-SHA1), timestamps and nonces the way the real gateway does, and
// answers from JSON fixtures with the real wire format and error bodies.
// SetFlowControl limits each AccessKeyId's calls of each action as the
// gateway's flow control does (Throttling.User); SetFault injects failures.
//
// Where Alibaba Cloud's references (SDKs, API metadata and pages, Alibaba's
// own Terraform provider) leave an answer open, the server gives the one
// they suggest, and SetReadings picks another they allow: an empty page's
// item array and an unknown event's object left out, [] / {} or null; what
// DescribeThreatEvent's TotalCount counts; DescribeEvents' page cap and time
// unit; Waf.Instance.ValidFaild or silence for an instance not the
// account's. Readings documents each.
//
// It deliberately shares no code with internal/alicloud: a misunderstanding
// of the protocol held by both would otherwise pass every test.
package fakecloud

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io/fs"
	mathrand "math/rand/v2"
	"net/http"
	"slices"
	"sync"
	"time"
)

// The account every new Server knows. Not a secret: it only opens the fake.
const (
	DefaultAccessKeyID     = "LTAI5tFakeCloudDemo01"
	DefaultAccessKeySecret = "fakecloud-demo-secret-do-not-use"
)

// Account is an access key pair the server accepts.
type Account struct {
	AccessKeyID     string
	AccessKeySecret string
	// Denied lists actions answered with Forbidden.RAM for this key.
	Denied []string
}

// Fault makes an action misbehave. Rates are shares of requests, 0 to 1.
type Fault struct {
	Latency         time.Duration // added before answering
	ThrottleRate    float64       // Throttling.User, HTTP 400
	ServerErrorRate float64       // ServiceUnavailable, HTTP 503
	MalformedRate   float64       // HTTP 200 with the body cut in half
	// FailFirst answers the next FailFirst requests with FailWith, which is
	// an error code ("Throttling.User", "ServiceUnavailable", "InternalError")
	// or one of the broken bodies "NonStringCode", "HTML", "HTML200",
	// "HTML404", "HTML407", "Truncated" (see writeBroken);
	// empty means "ServiceUnavailable".
	FailFirst int
	FailWith  string
}

// Server is an http.Handler that plays Alibaba Cloud. Its methods are safe
// for concurrent use.
type Server struct {
	mu        sync.Mutex
	accounts  map[string]Account
	sessions  map[string]stsSession // temporary AccessKeyId -> session
	wafEvents map[wafKey]json.RawMessage
	wafDomain map[wafKey]string
	instances map[string]wafInstance // the account's WAF instance per region
	dscEvents map[string]json.RawMessage
	faults    map[string]*Fault
	flow      map[string]FlowControl
	buckets   map[bucketKey]*bucket
	throttled map[string]int
	nonces    map[string]time.Time
	requests  map[string]int
	regionIDs map[string][]string // the RegionIds each action was called with, in order of first use
	rng       *mathrand.Rand
	now       func() time.Time
	readings  Readings // defaults filled in

	// noncesSwept is when nonces last lost its expired entries.
	noncesSwept time.Time
}

type wafKey struct{ region, instance, event string }

type stsSession struct {
	secret  string
	token   string
	expires time.Time
}

// New returns a Server that knows DefaultAccessKeyID and serves the embedded
// fixtures. Fault rates draw from a fixed seed, so a run is repeatable.
func New() *Server {
	s := newServer()
	embedded, err := fs.Sub(fixtures, "fixtures")
	if err == nil {
		err = s.loadFixtures(embedded, "fixtures", s.now())
	}
	if err != nil {
		panic(fmt.Sprintf("fakecloud: embedded fixtures are broken: %v", err))
	}
	return s
}

// newServer returns a Server that knows DefaultAccessKeyID and no event.
func newServer() *Server {
	s := &Server{
		accounts:  map[string]Account{},
		sessions:  map[string]stsSession{},
		wafEvents: map[wafKey]json.RawMessage{},
		wafDomain: map[wafKey]string{},
		instances: map[string]wafInstance{},
		dscEvents: map[string]json.RawMessage{},
		faults:    map[string]*Fault{},
		flow:      map[string]FlowControl{},
		buckets:   map[bucketKey]*bucket{},
		throttled: map[string]int{},
		nonces:    map[string]time.Time{},
		requests:  map[string]int{},
		regionIDs: map[string][]string{},
		rng:       mathrand.New(mathrand.NewPCG(1, 2)),
		now:       time.Now,
		readings:  DefaultReadings(),
	}
	s.AddAccount(Account{AccessKeyID: DefaultAccessKeyID, AccessKeySecret: DefaultAccessKeySecret})
	return s
}

// AddAccount lets the server accept another access key pair.
func (s *Server) AddAccount(a Account) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.accounts[a.AccessKeyID] = a
}

// PutWAFEvent serves response, verbatim, for DescribeThreatEventDetail of
// the event in that region and instance; DescribeThreatEvent lists it. The
// first instance put in a region becomes the account's instance there,
// unless SetWAFInstance named one.
func (s *Server) PutWAFEvent(region, instanceID, eventID string, response []byte) {
	s.PutWAFEventForDomain(region, instanceID, eventID, "", response)
}

// PutWAFEventForDomain is PutWAFEvent for an event against a protected
// domain, which DescribeThreatEvent filters on and reports as its target.
func (s *Server) PutWAFEventForDomain(region, instanceID, eventID, domain string, response []byte) {
	s.putWAFEvent(region, instanceID, eventID, domain, response, claimByPut)
}

func (s *Server) putWAFEvent(region, instanceID, eventID, domain string, response []byte, by claim) {
	s.mu.Lock()
	defer s.mu.Unlock()
	key := wafKey{region, instanceID, eventID}
	s.wafEvents[key] = append(json.RawMessage(nil), response...)
	s.wafDomain[key] = domain
	s.claimWAFInstance(region, instanceID, by)
}

// PutDSCEvent serves response, verbatim, for DescribeEventDetail of id.
func (s *Server) PutDSCEvent(id string, response []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.dscEvents[id] = append(json.RawMessage(nil), response...)
}

// SetFault makes action misbehave as f says; the zero Fault heals it.
func (s *Server) SetFault(action string, f Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults[action] = &f
}

// Requests counts the requests that named action, accepted or not.
func (s *Server) Requests(action string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.requests[action]
}

// CredentialsURIPath serves temporary credentials the way a credentials_uri
// service does: GET it for an STS key pair and token the server accepts.
const CredentialsURIPath = "/credentials"

// ServeHTTP answers one RPC request, or a credentials URI request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	requestID := newRequestID()
	w.Header().Set("x-acs-request-id", requestID)
	if r.URL.Path == CredentialsURIPath {
		s.count(CredentialsURIPath, "")
		body, _ := json.Marshal(s.newSession(time.Hour))
		writeJSON(w, http.StatusOK, body)
		return
	}
	if err := r.ParseForm(); err != nil {
		writeError(w, requestID, errInvalidParameter("the request's parameters cannot be parsed"))
		return
	}
	params := r.Form
	action := params.Get("Action")
	s.count(action, params.Get("RegionId"))

	if apiErr := s.authenticate(r.Method, params); apiErr != nil {
		writeError(w, requestID, apiErr)
		return
	}
	route, apiErr := findRoute(params)
	if apiErr == nil {
		apiErr = s.authorize(params.Get("AccessKeyId"), action)
	}
	if apiErr == nil {
		apiErr = requireParams(params, route.required...)
	}
	if apiErr != nil {
		writeError(w, requestID, apiErr)
		return
	}
	if !s.takeToken(params.Get("AccessKeyId"), action) {
		writeError(w, requestID, errThrottled())
		return
	}
	if s.injectFault(w, r, requestID, action) {
		return
	}
	body, apiErr := route.handle(s, params, requestID)
	if apiErr != nil {
		writeError(w, requestID, apiErr)
		return
	}
	writeJSON(w, http.StatusOK, body)
}

func (s *Server) count(action, regionID string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests[action]++
	if !slices.Contains(s.regionIDs[action], regionID) {
		s.regionIDs[action] = append(s.regionIDs[action], regionID)
	}
}

// RegionIDs lists the RegionIds that requests naming action were sent
// with, accepted or not, each once, in order of first use; "" stands for
// none.
func (s *Server) RegionIDs(action string) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.regionIDs[action])
}

func (s *Server) authorize(accessKeyID, action string) *apiError {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, denied := range s.accounts[accessKeyID].Denied {
		if denied == action {
			return errForbiddenRAM(action)
		}
	}
	return nil
}

func newRequestID() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	h := hex.EncodeToString(b)
	return fmt.Sprintf("%s-%s-%s-%s-%s", h[0:8], h[8:12], h[12:16], h[16:20], h[20:32])
}

func writeJSON(w http.ResponseWriter, status int, body []byte) {
	w.Header().Set("Content-Type", "application/json;charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(body)
}
