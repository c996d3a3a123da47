package fakecloud

import (
	"net/http"
	"net/url"
)

// A WAF 3.0 account has at most one instance per region. The region's
// instance is, first to last: the one SetWAFInstance named (perhaps none);
// else the instance of the first event PutWAFEvent put in the region; else
// the instance of the embedded fixtures' first event there. So the fixtures
// give cn-hangzhou waf_v2_public_cn-lbj0xxxx, a test that puts its own
// events gets its own instance, and ap-southeast-1 has none until then.
//
// DescribeThreatEvent and DescribeThreatEventDetail check the instance as
// the ForeignInstance reading says: by default they refuse an InstanceId
// that is not the region's instance (with none, every InstanceId) with
// Waf.Instance.ValidFaild, the code WAF 3.0's error list documents for a
// failed instance check; InstanceQuiet answers as for no events instead.
// DescribeInstance takes no InstanceId and checks nothing.

// claim ranks who named a region's instance; a higher rank replaces a lower.
type claim int

const (
	claimByFixture claim = iota + 1
	claimByPut
	claimBySet
)

type wafInstance struct {
	id string // "" when the account has none in the region
	by claim
}

// SetWAFInstance makes instanceID the account's WAF instance in region, or
// with "" leaves the region without one, whatever events were put there.
func (s *Server) SetWAFInstance(region, instanceID string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.instances[region] = wafInstance{instanceID, claimBySet}
}

// claimWAFInstance makes instanceID the region's instance unless a claim
// ranked as high already named one. The caller holds s.mu.
func (s *Server) claimWAFInstance(region, instanceID string, by claim) {
	if cur, ok := s.instances[region]; !ok || by > cur.by {
		s.instances[region] = wafInstance{instanceID, by}
	}
}

// The instance DescribeInstance reports: the page example's fields, bought
// on 2024-01-01 and paid up to 2100, so it never expires in a test.
const (
	wafInstanceStart = 1704067200000 // 2024-01-01T00:00:00Z, ms
	wafInstanceEnd   = 4102444800000 // 2100-01-01T00:00:00Z, ms
)

// wafInstanceDetails is part of the page example's Details: what the
// edition supports and its quotas.
var wafInstanceDetails = map[string]any{
	"Gslb": true, "Ipv6": true, "ExclusiveIp": true, "LogService": true,
	"BackendMaxCount": 20, "CnameResourceMaxCount": 1000, "DefenseObjectMaxCount": 0,
	"DefenseGroupMaxCount": 100, "DefenseObjectInGroupMaxCount": 100, "DefenseObjectInTemplateMaxCount": 100,
	"BaseWafGroup": true, "BaseWafGroupRuleTemplateMaxCount": 20, "BaseWafGroupRuleInTemplateMaxCount": 100,
	"Whitelist": true, "WhitelistTemplateMaxCount": 20, "WhitelistRuleInTemplateMaxCount": 100,
	"WhitelistRuleCondition": "URL", "WhitelistLogical": "contain",
	"IpBlacklist": true, "IpBlacklistTemplateMaxCount": 20, "IpBlacklistRuleInTemplateMaxCount": 100,
}

// describeInstance answers WAF 3.0 DescribeInstance (2021-10-01), whose
// parameters are RegionId and ResourceManagerResourceGroupId, both
// optional; the fake ignores the resource group. Without an instance in
// the region the answer is a success holding only RequestId: the API pages
// tell callers to check whether InstanceId has a value, and the alicloud
// Terraform provider reads a missing InstanceId as "not found".
func (s *Server) describeInstance(params url.Values, requestID string) ([]byte, *apiError) {
	region, e := wafRegion(params)
	if e != nil {
		return nil, e
	}
	s.mu.Lock()
	instance := s.instances[region].id
	s.mu.Unlock()
	if instance == "" {
		return marshal(map[string]any{"RequestId": requestID})
	}
	return marshal(map[string]any{
		"RequestId":  requestID,
		"InstanceId": instance,
		"RegionId":   region,
		"Edition":    "default_version",
		"Status":     1, // 1 normal, 2 expired, 3 released
		"PayType":    "PREPAY",
		"InDebt":     "0", // a string on the wire
		"StartTime":  wafInstanceStart,
		"EndTime":    wafInstanceEnd,
		"Details":    wafInstanceDetails,
	})
}

// errInstanceCheck is WAF 3.0's documented answer to an instance check that
// fails; "ValidFaild" is spelled as Alibaba spells it.
func errInstanceCheck() *apiError {
	return &apiError{http.StatusBadRequest, "Waf.Instance.ValidFaild", "WAF instance check failed."}
}

// checkWAFInstance answers an event action's InstanceId that is not the
// account's instance in region with errInstanceCheck, unless the
// ForeignInstance reading is quiet; then the action goes on and finds no
// event of it.
func (s *Server) checkWAFInstance(region, instanceID string) *apiError {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.readings.ForeignInstance == InstanceQuiet || instanceID == s.instances[region].id && instanceID != "" {
		return nil
	}
	return errInstanceCheck()
}
