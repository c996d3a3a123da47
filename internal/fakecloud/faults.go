package fakecloud

import (
	"net/http"
	"sort"
	"time"
)

// failCodes are the FailWith kinds answered with an API error or a body no
// gateway should send; brokenAnswers holds the others.
var failCodes = []string{"ServiceUnavailable", "InternalError", "Throttling.User", "NonStringCode", "HTML", "HTML200", "HTML404", "HTML407", "Truncated"}

// htmlPages are the HTML pages that stand between a client and the API, by
// FailWith kind: what a gateway, a captive portal, a web server at a wrong
// address and a proxy that wants credentials answer.
var htmlPages = map[string]struct {
	status int
	header map[string]string
	body   string
}{
	"HTML": {http.StatusBadGateway, nil, "<html><head><title>502 Bad Gateway</title></head><body>502 Bad Gateway</body></html>"},
	"HTML200": {http.StatusOK, nil, "<!DOCTYPE html><html><head><title>Sign in to Guest Wi-Fi</title></head>" +
		"<body><form action=\"/login\">Accept the terms to continue</form></body></html>"},
	"HTML404": {http.StatusNotFound, nil, "<html><head><title>404 Not Found</title></head><body><center><h1>404 Not Found</h1></center><hr><center>nginx</center></body></html>"},
	"HTML407": {http.StatusProxyAuthRequired, map[string]string{"Proxy-Authenticate": `Basic realm="proxy"`},
		"<html><head><title>407 Proxy Authentication Required</title></head><body>Cache Access Denied: authentication required</body></html>"},
}

// FailKinds lists every kind Fault.FailWith takes: the error codes and broken
// bodies writeBroken knows, then the HTTP 200 answers of brokenAnswers,
// sorted. writeBroken answers any other value as ServiceUnavailable.
func FailKinds() []string {
	broken := make([]string, 0, len(brokenAnswers))
	for kind := range brokenAnswers {
		broken = append(broken, kind)
	}
	sort.Strings(broken)
	return append(append([]string(nil), failCodes...), broken...)
}

// injectFault answers the request itself when the action's fault says so.
// It reports whether it did.
func (s *Server) injectFault(w http.ResponseWriter, r *http.Request, requestID, action string) bool {
	s.mu.Lock()
	f := s.faults[action]
	var failWith string
	var failNow bool
	var roll float64
	if f != nil {
		if f.FailFirst > 0 {
			f.FailFirst--
			failNow, failWith = true, f.FailWith
		}
		roll = s.rng.Float64()
	}
	s.mu.Unlock()
	if f == nil {
		return false
	}
	if f.Latency > 0 {
		// A client that gives up stops the wait, as a real connection would.
		select {
		case <-time.After(f.Latency):
		case <-r.Context().Done():
			return true
		}
	}
	if failNow {
		if failWith == "Throttling.User" {
			s.countThrottled(action)
		}
		// An empty FailWith fails as writeBroken's default, ServiceUnavailable.
		writeBroken(w, requestID, failWith)
		return true
	}
	switch {
	case roll < f.ThrottleRate:
		s.countThrottled(action)
		writeError(w, requestID, errThrottled())
	case roll < f.ThrottleRate+f.ServerErrorRate:
		writeError(w, requestID, errServiceUnavailable())
	case roll < f.ThrottleRate+f.ServerErrorRate+f.MalformedRate:
		writeBroken(w, requestID, "Truncated")
	default:
		return false
	}
	return true
}

// writeBroken answers with an error code, or with one of the broken bodies
// real gateways are seen to send: "NonStringCode", "HTML" (a gateway's 502
// page), "HTML200" (a captive portal's sign-in page), "HTML404" (a web
// server's page: a wrong endpoint), "HTML407" (a proxy that wants
// credentials), "Truncated", or
// one of the HTTP 200 answers without what the action always sends that
// brokenAnswers lists ("Empty200", "MissingItems", ...).
func writeBroken(w http.ResponseWriter, requestID, kind string) {
	if body, ok := brokenAnswer(requestID, kind); ok {
		writeJSON(w, http.StatusOK, body)
		return
	}
	switch kind {
	case "NonStringCode":
		writeJSON(w, http.StatusInternalServerError, []byte(`{"RequestId":"`+requestID+`","Code":500,"Message":"internal error"}`))
	case "HTML", "HTML200", "HTML404", "HTML407":
		page := htmlPages[kind]
		for name, value := range page.header {
			w.Header().Set(name, value)
		}
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(page.status)
		_, _ = w.Write([]byte(page.body))
	case "Truncated":
		writeJSON(w, http.StatusOK, []byte(`{"RequestId":"`+requestID+`","ThreatEventDetail":{"EventLevel":"hi`))
	case "Throttling.User":
		writeError(w, requestID, errThrottled())
	case "InternalError":
		writeError(w, requestID, errInternal())
	default:
		writeError(w, requestID, errServiceUnavailable())
	}
}
