package fakecloud

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/alisec/terraform-provider-alisec/internal/products"
)

type route struct {
	version  string
	required []string
	handle   func(s *Server, params url.Values, requestID string) ([]byte, *apiError)
}

// routes maps each served action to its API version, from the products
// table that the client reads too, and its handler.
var routes = map[string]route{
	"DescribeThreatEventDetail": {version: products.WAF.APIVersion, required: []string{"InstanceId", "EventId"}, handle: (*Server).describeThreatEventDetail},
	"DescribeEventDetail":       {version: products.Sddp.APIVersion, required: []string{"Id"}, handle: (*Server).describeEventDetail},
	"DescribeThreatEvent":       {version: products.WAF.APIVersion, required: []string{"InstanceId", "StartTime", "EndTime"}, handle: (*Server).describeThreatEvent},
	"DescribeEvents":            {version: products.Sddp.APIVersion, handle: (*Server).describeEvents},
	"DescribeInstance":          {version: products.WAF.APIVersion, handle: (*Server).describeInstance},
	"AssumeRole":                {version: "2015-04-01", required: []string{"RoleArn", "RoleSessionName"}, handle: (*Server).assumeRole},
}

// Actions lists the actions the server answers, sorted: the names SetFault,
// SetFlowControl and Account.Denied take.
func Actions() []string {
	actions := make([]string, 0, len(routes))
	for action := range routes {
		actions = append(actions, action)
	}
	sort.Strings(actions)
	return actions
}

func findRoute(params url.Values) (route, *apiError) {
	action := params.Get("Action")
	r, ok := routes[action]
	if !ok {
		return route{}, &apiError{http.StatusNotFound, "InvalidAction.NotFound", fmt.Sprintf("Specified api %q is not found, please check your url and method.", action)}
	}
	if params.Get("Version") != r.version {
		return route{}, &apiError{http.StatusBadRequest, "InvalidVersion", fmt.Sprintf("Specified parameter Version %q is not valid for %s.", params.Get("Version"), action)}
	}
	return r, nil
}

// wafRegions are the regions WAF 3.0's OpenAPI serves.
var wafRegions = func() map[string]bool {
	m := map[string]bool{}
	for _, r := range products.WAF.Regions {
		m[r] = true
	}
	return m
}()

// wafRegion reads a WAF action's RegionId: cn-hangzhou when absent, and
// InvalidRegionId outside WAF's two regions.
func wafRegion(params url.Values) (string, *apiError) {
	region := params.Get("RegionId")
	if region == "" {
		region = "cn-hangzhou"
	}
	if !wafRegions[region] {
		return "", &apiError{http.StatusBadRequest, "InvalidRegionId", fmt.Sprintf("The specified region %q is not supported by WAF. Valid values: %s.", region, strings.Join(products.WAF.Regions, ", "))}
	}
	return region, nil
}

func (s *Server) describeThreatEventDetail(params url.Values, requestID string) ([]byte, *apiError) {
	region, e := wafRegion(params)
	if e != nil {
		return nil, e
	}
	if e := s.checkWAFInstance(region, params.Get("InstanceId")); e != nil {
		return nil, e
	}
	s.mu.Lock()
	body, ok := s.wafEvents[wafKey{region, params.Get("InstanceId"), params.Get("EventId")}]
	s.mu.Unlock()
	if !ok {
		return s.Readings().unknownEvent(requestID, "ThreatEventDetail")
	}
	return body, nil
}

func (s *Server) describeEventDetail(params url.Values, requestID string) ([]byte, *apiError) {
	id := params.Get("Id")
	if n, err := strconv.ParseInt(id, 10, 64); err != nil || n < 1 {
		return nil, errInvalidParameter(fmt.Sprintf("Id must be a positive integer, got %q", id))
	}
	if lang := params.Get("Lang"); lang != "" && lang != "zh" && lang != "en" {
		return nil, errInvalidParameter(fmt.Sprintf("Lang must be zh or en, got %q", lang))
	}
	s.mu.Lock()
	body, ok := s.dscEvents[id]
	s.mu.Unlock()
	if !ok {
		return s.Readings().unknownEvent(requestID, "Event")
	}
	return body, nil
}

func (s *Server) assumeRole(params url.Values, requestID string) ([]byte, *apiError) {
	duration := 3600
	if d := params.Get("DurationSeconds"); d != "" {
		n, err := strconv.Atoi(d)
		if err != nil || n < 900 || n > 43200 {
			return nil, errInvalidParameter(fmt.Sprintf("DurationSeconds must be 900 to 43200, got %q", d))
		}
		duration = n
	}
	creds := s.newSession(time.Duration(duration) * time.Second)
	return marshal(map[string]any{
		"RequestId": requestID,
		"AssumedRoleUser": map[string]string{
			"Arn":           params.Get("RoleArn") + "/" + params.Get("RoleSessionName"),
			"AssumedRoleId": "3" + newRequestID()[:17] + ":" + params.Get("RoleSessionName"),
		},
		"Credentials": creds,
	})
}

func marshal(v any) ([]byte, *apiError) {
	body, err := json.Marshal(v)
	if err != nil {
		return nil, errInternal()
	}
	return body, nil
}

// sessionCredentials is how STS and credentials URIs hand out temporary keys.
type sessionCredentials struct {
	Code            string `json:"Code,omitempty"`
	AccessKeyID     string `json:"AccessKeyId"`
	AccessKeySecret string `json:"AccessKeySecret"`
	SecurityToken   string `json:"SecurityToken"`
	Expiration      string `json:"Expiration"`
}

// newSession issues a temporary key pair and token valid for d.
func (s *Server) newSession(d time.Duration) sessionCredentials {
	id := "STS.Fake" + newRequestID()[:8]
	session := stsSession{secret: "sts-secret-" + newRequestID(), token: "sts-token-" + newRequestID()}
	s.mu.Lock()
	session.expires = s.now().Add(d).UTC()
	s.sessions[id] = session
	s.mu.Unlock()
	return sessionCredentials{
		Code: "Success", AccessKeyID: id, AccessKeySecret: session.secret,
		SecurityToken: session.token, Expiration: session.expires.Format("2006-01-02T15:04:05Z"),
	}
}
