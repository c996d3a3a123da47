package alicloud

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/alisec/terraform-provider-alisec/internal/products"
)

// WAFThreatEventAction is the API action behind alisec_waf_threat_event.
const WAFThreatEventAction = "DescribeThreatEventDetail"

// ThreatEventInput identifies a WAF security event.
type ThreatEventInput struct {
	InstanceID      string
	EventID         string
	RegionID        string // cn-hangzhou or ap-southeast-1; empty: derived from the client region
	ResourceGroupID string
}

// ThreatEventDetail is DescribeThreatEventDetail's answer. Nil fields were
// absent or null in the response.
type ThreatEventDetail struct {
	RequestID         *string
	RegionID          string // the region that was asked
	EventLevel        *string
	EventTag          *string
	EventSuggest      *string
	EventSrc          *string
	EventSrcRegion    *string
	EventSrcCountry   *string
	EventBlock        *int64
	EventCnt          *int64
	IsPersistent      *bool
	EndTime           *int64 // Unix milliseconds
	EventIntelligence *string
	// EventIntelligenceList is EventIntelligence decoded; nil if absent or malformed.
	EventIntelligenceList []string
	EventCondition        *string
	// EventConditionParsed is EventCondition decoded; nil if absent or malformed.
	EventConditionParsed *EventCondition
	Warnings             []DecodeWarning
	// InstanceNotVerified is set when the instance could not be checked.
	InstanceNotVerified *InstanceNotVerified
}

// EventCondition is the documented part of EventCondition's JSON.
type EventCondition struct {
	StartTime     *int64 // Unix milliseconds, from start_ts (seconds)
	EndTime       *int64 // Unix milliseconds, from end_ts (seconds)
	RealClientIPs []string
}

// wafRPC is a WAF call in region (the API region serving the client's
// region when empty).
func (c *Client) wafRPC(action, region string, params map[string]string) rpcCall {
	return c.rpc(products.WAF, action, region, params)
}

// DescribeThreatEventDetail reads one WAF security event. A missing event is
// a *NotFoundError.
func (c *Client) DescribeThreatEventDetail(ctx context.Context, in ThreatEventInput) (*ThreatEventDetail, error) {
	ctx, cancel := c.readContext(ctx)
	defer cancel()
	params := map[string]string{"InstanceId": in.InstanceID, "EventId": in.EventID}
	optional(params, "ResourceManagerResourceGroupId", in.ResourceGroupID)
	rpc := c.wafRPC(WAFThreatEventAction, in.RegionID, params)
	region := rpc.region
	unverified, err := c.checkWAFInstance(ctx, region, in.ResourceGroupID, in.InstanceID)
	if err != nil {
		return nil, err
	}
	body, err := c.call(ctx, rpc)
	what := fmt.Sprintf("WAF threat event %q of instance %q in %s", in.EventID, in.InstanceID, region)
	if err != nil {
		return nil, refusedInstance(c, asNotFound(err, what), region, in.ResourceGroupID, in.InstanceID)
	}
	detail, err := DecodeThreatEventDetail(body)
	if err != nil {
		return nil, fromEndpoint(err, rpc)
	}
	detail.RegionID = region
	detail.InstanceNotVerified = unverified
	// WAF answers an unknown event with a success whose ThreatEventDetail
	// is absent or empty, not with an error code.
	if detail.isEmpty() {
		return nil, &NotFoundError{What: what, RequestID: deref(detail.RequestID)}
	}
	return detail, nil
}

// DecodeThreatEventDetail decodes a DescribeThreatEventDetail response body.
// A body without RequestId, or whose ThreatEventDetail is not an object, is
// an *UnexpectedAnswerError; an absent, null or empty ThreatEventDetail is
// an event without fields, which DescribeThreatEventDetail reports as not
// found.
func DecodeThreatEventDetail(body []byte) (*ThreatEventDetail, error) {
	d := &ThreatEventDetail{}
	a, err := readAnswer(WAFThreatEventAction, 0, body, &d.Warnings)
	if err != nil {
		return nil, err
	}
	d.RequestID = a.requestID()
	e := a.object("ThreatEventDetail")
	if err := a.check(); err != nil {
		return nil, err
	}
	d.EventLevel = e.String("EventLevel")
	d.EventTag = e.String("EventTag")
	d.EventSuggest = e.String("EventSuggest")
	d.EventSrc = e.String("EventSrc")
	d.EventSrcRegion = e.String("EventSrcRegion")
	d.EventSrcCountry = e.String("EventSrcCountry")
	d.EventBlock = e.Int64("EventBlock")
	d.EventCnt = e.Int64("EventCnt")
	d.IsPersistent = e.Bool("IsPersistent")
	d.EndTime = e.UnixMillis("EndTime")
	d.EventIntelligence = e.String("EventIntelligence")
	d.EventCondition = e.String("EventCondition")
	d.EventIntelligenceList = decodeEmbedded(e, "EventIntelligence", d.EventIntelligence, parseEventIntelligence)
	d.EventConditionParsed = decodeEmbedded(e, "EventCondition", d.EventCondition, parseEventCondition)
	return d, nil
}

func (d *ThreatEventDetail) isEmpty() bool {
	return d.EventLevel == nil && d.EventTag == nil && d.EventSuggest == nil && d.EventSrc == nil &&
		d.EventSrcRegion == nil && d.EventSrcCountry == nil && d.EventBlock == nil && d.EventCnt == nil &&
		d.IsPersistent == nil && d.EndTime == nil && d.EventIntelligence == nil && d.EventCondition == nil
}

// parseEventIntelligence decodes the JSON array of strings in EventIntelligence.
// An empty string is an empty list.
func parseEventIntelligence(raw string) ([]string, error) {
	if strings.TrimSpace(raw) == "" {
		return []string{}, nil
	}
	// Checked before wrapping: `["a"], "v": ["b"]` is not JSON, but would
	// be once wrapped in {"v": ...}.
	if !json.Valid([]byte(raw)) {
		return nil, fmt.Errorf("not valid JSON")
	}
	var warnings []DecodeWarning
	wrapped, err := decodeObject([]byte(`{"v":`+raw+`}`), &warnings)
	if err != nil {
		return nil, fmt.Errorf("not a JSON array")
	}
	if v, ok := wrapped.get("v"); !ok {
		return nil, nil
	} else if _, isArray := v.([]any); !isArray {
		return nil, fmt.Errorf("expected a JSON array, got %s", describe(v))
	}
	return wrapped.Strings("v"), nil
}

// parseEventCondition decodes the documented keys of EventCondition. Keys it
// does not name stay in the raw JSON. An empty string is an empty condition.
func parseEventCondition(raw string) (*EventCondition, error) {
	switch strings.TrimSpace(raw) {
	case "":
		return &EventCondition{}, nil
	case "null":
		return nil, nil
	}
	if !json.Valid([]byte(raw)) {
		return nil, fmt.Errorf("not valid JSON")
	}
	var warnings []DecodeWarning
	o, err := decodeObject([]byte(raw), &warnings)
	if err != nil {
		return nil, fmt.Errorf("expected a JSON object")
	}
	ec := &EventCondition{StartTime: o.UnixMillis("start_ts"), EndTime: o.UnixMillis("end_ts")}
	if cond, ok := o.Object("condition"); ok {
		ec.RealClientIPs = cond.Strings("real_client_ip")
	}
	if len(warnings) > 0 {
		return nil, fmt.Errorf("%s: %s", warnings[0].Field, warnings[0].Detail)
	}
	return ec, nil
}
