package alicloud

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/alisec/terraform-provider-alisec/internal/products"
)

// WAFInstanceAction tells which WAF 3.0 instance the account has in a
// region; the WAF data sources check their instance_id with it.
const WAFInstanceAction = "DescribeInstance"

// WrongInstanceError says that an instance ID is not the account's WAF
// instance in the region asked. WAF 3.0 has at most one instance per
// account and region. Its event actions refuse such an instance with
// Waf.Instance.ValidFaild ("WAF instance check failed", the code its
// references document), or, as other references read them, answer it with
// no events; the DescribeInstance check before each read catches the
// second, so a mistyped ID or the wrong region never reads as a quiet day.
type WrongInstanceError struct {
	InstanceID string
	Region     string
	Actual     string // the account's instance in Region; "" when it has none
	// ActualUnknown is set when the account's instance in Region is not
	// known: the API refused InstanceID and DescribeInstance could not be
	// asked (RAM denied it).
	ActualUnknown bool
	// OtherRegion is the WAF region where InstanceID is the account's
	// instance, when the check found it there; "" otherwise.
	OtherRegion string
	// Refused is the event action's Waf.Instance.ValidFaild answer, when
	// the API refused the instance rather than the check before the read.
	Refused   *APIError
	RequestID string
}

// wafInstanceRefused is WAF 3.0's documented code for an instance that is
// not the caller's (sic: "ValidFaild"), HTTP 400 "WAF instance check failed".
const wafInstanceRefused = "Waf.Instance.ValidFaild"

func (e *WrongInstanceError) Error() string {
	msg := fmt.Sprintf("WAF instance %q is not in region %s; ", e.InstanceID, e.Region)
	if e.Refused != nil {
		msg = fmt.Sprintf("%s refused WAF instance %q in region %s (Code %s: %s); ",
			e.Refused.Action, e.InstanceID, e.Region, e.Refused.Code, strings.TrimSuffix(e.Refused.Message, "."))
	}
	switch {
	case e.ActualUnknown:
		msg += fmt.Sprintf("which instance this account has there is unknown, since %s could not be called", WAFInstanceAction)
	case e.Actual == "":
		msg += "this account has no WAF 3.0 instance there"
	case e.Actual == e.InstanceID:
		msg += fmt.Sprintf("%s names it as this account's instance there, so it may have expired or been released", WAFInstanceAction)
	default:
		msg += fmt.Sprintf("this account's WAF instance there is %q", e.Actual)
	}
	if e.OtherRegion != "" {
		msg += fmt.Sprintf(", and %q is its instance in %s", e.InstanceID, e.OtherRegion)
	}
	if e.Refused != nil {
		msg += fmt.Sprintf(" (RequestId %s)", e.Refused.RequestID)
	} else if e.RequestID != "" {
		msg += fmt.Sprintf(" (%s RequestId %s)", WAFInstanceAction, e.RequestID)
	}
	return msg
}

// refusedInstance turns a WAF event action's Waf.Instance.ValidFaild into a
// *WrongInstanceError naming the account's instance in the region, as far
// as DescribeInstance told it; other errors pass through.
func refusedInstance(c *Client, err error, region, resourceGroup, instanceID string) error {
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.Code != wafInstanceRefused {
		return err
	}
	wrong := &WrongInstanceError{InstanceID: instanceID, Region: region, Refused: apiErr, ActualUnknown: true}
	if inst := c.instances.known(region, resourceGroup); inst != nil && inst.unverified == nil {
		wrong.Actual, wrong.ActualUnknown = inst.id, false
	}
	return wrong
}

// InstanceNotVerified says that the instance could not be checked because
// the credentials may not call DescribeInstance; the read goes on.
type InstanceNotVerified struct{ Denied *APIError }

// wafInstance is what DescribeInstance said of one region, kept for the
// provider process: accounts do not gain or lose WAF instances mid-plan.
type wafInstance struct {
	id        string
	requestID string
	// unverified holds the RAM denial when the account could not be asked.
	unverified *InstanceNotVerified
}

// wafInstances remembers each region's answer.
type wafInstances struct {
	mu      sync.Mutex
	lookups map[string]*instanceLookup // by region and resource group
	warned  map[string]bool            // regions whose denial was already reported
}

// instanceLookup is one DescribeInstance call that every read of the
// region waits for; it is forgotten if it fails, so a later read asks again.
type instanceLookup struct {
	done chan struct{}
	inst *wafInstance
	err  error
}

// checkWAFInstance fails with *WrongInstanceError unless instanceID is the
// account's WAF instance in region. When RAM denies DescribeInstance it
// returns *InstanceNotVerified the first time for the region, nil after.
func (c *Client) checkWAFInstance(ctx context.Context, region, resourceGroup, instanceID string) (*InstanceNotVerified, error) {
	inst, err := c.wafInstanceIn(ctx, region, resourceGroup)
	if err != nil {
		return nil, err
	}
	if inst.unverified != nil {
		return c.instances.firstDenial(region, inst.unverified), nil
	}
	if inst.id == instanceID {
		return nil, nil
	}
	wrong := &WrongInstanceError{InstanceID: instanceID, Region: region, Actual: inst.id, RequestID: inst.requestID}
	for _, other := range products.WAF.Regions {
		if other == region {
			continue
		}
		if o, err := c.wafInstanceIn(ctx, other, resourceGroup); err == nil && o.id == instanceID {
			wrong.OtherRegion = other
		}
	}
	return nil, wrong
}

// wafInstanceIn asks DescribeInstance once per region and resource group
// for the provider process; concurrent reads wait for the one call.
func (c *Client) wafInstanceIn(ctx context.Context, region, resourceGroup string) (*wafInstance, error) {
	key := instanceKey(region, resourceGroup)
	for {
		c.instances.mu.Lock()
		l, ok := c.instances.lookups[key]
		if !ok {
			if c.instances.lookups == nil {
				c.instances.lookups = map[string]*instanceLookup{}
			}
			l = &instanceLookup{done: make(chan struct{})}
			c.instances.lookups[key] = l
		}
		c.instances.mu.Unlock()
		if !ok {
			l.inst, l.err = c.describeWAFInstance(ctx, region, resourceGroup)
			if l.err != nil {
				c.instances.mu.Lock()
				delete(c.instances.lookups, key)
				c.instances.mu.Unlock()
			}
			close(l.done)
		}
		select {
		case <-ctx.Done():
			return nil, contextError(ctx, c.wafRPC(WAFInstanceAction, region, nil), 0)
		case <-l.done:
		}
		// The call ran under another read's context, which ended: ask anew.
		if l.err != nil && stoppedByContext(l.err) && ctx.Err() == nil {
			continue
		}
		return l.inst, l.err
	}
}

// describeWAFInstance calls DescribeInstance. A RAM denial is an answer:
// the account cannot be asked, and the reads go on unverified.
func (c *Client) describeWAFInstance(ctx context.Context, region, resourceGroup string) (*wafInstance, error) {
	params := map[string]string{}
	optional(params, "ResourceManagerResourceGroupId", resourceGroup)
	rpc := c.wafRPC(WAFInstanceAction, region, params)
	body, err := c.call(ctx, rpc)
	var apiErr *APIError
	switch {
	case errors.As(err, &apiErr) && apiErr.IsPermissionDenied():
		return &wafInstance{unverified: &InstanceNotVerified{Denied: apiErr}}, nil
	case err != nil:
		return nil, err
	}
	inst, err := decodeWAFInstance(body)
	return inst, fromEndpoint(err, rpc)
}

// decodeWAFInstance reads DescribeInstance's answer. An account without an
// instance in the region gets an answer without InstanceId: the API page of
// DescribeDefenseResourceOwnerUid says an instance exists "if InstanceId in
// the response has a value".
func decodeWAFInstance(body []byte) (*wafInstance, error) {
	var warnings []DecodeWarning
	a, err := readAnswer(WAFInstanceAction, 0, body, &warnings)
	if err != nil {
		return nil, err
	}
	requestID := a.requestID()
	id := a.instanceID()
	if err := a.check(); err != nil {
		return nil, err
	}
	return &wafInstance{id: deref(id), requestID: deref(requestID)}, nil
}

// instanceKey names a region's lookup: DescribeInstance answers per region
// and resource group.
func instanceKey(region, resourceGroup string) string { return region + "|" + resourceGroup }

// known is what DescribeInstance answered for the region and resource
// group, or nil when it has not answered.
func (w *wafInstances) known(region, resourceGroup string) *wafInstance {
	w.mu.Lock()
	l, ok := w.lookups[instanceKey(region, resourceGroup)]
	w.mu.Unlock()
	if !ok {
		return nil
	}
	select {
	case <-l.done:
		return l.inst
	default:
		return nil
	}
}

// firstDenial reports a region's RAM denial once per provider process.
func (w *wafInstances) firstDenial(region string, unverified *InstanceNotVerified) *InstanceNotVerified {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.warned[region] {
		return nil
	}
	if w.warned == nil {
		w.warned = map[string]bool{}
	}
	w.warned[region] = true
	return unverified
}
