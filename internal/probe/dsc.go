package probe

import (
	"context"
	"fmt"
	"strconv"

	"github.com/alisec/terraform-provider-alisec/internal/alicloud"
	"github.com/alisec/terraform-provider-alisec/internal/products"
)

// unknownDSCEvent is an event ID far above any account's.
const unknownDSCEvent = "999999999999"

// dscAskedPageSize is the largest PageSize DescribeEvents documents, which
// D3 asks for to see what is served.
const dscAskedPageSize = 100

// dscFallbackHost is where Alibaba's own Terraform provider falls back to
// for Sddp in cn-hongkong.
const dscFallbackHost = "sddp.ap-southeast-1.aliyuncs.com"

var dscQuietQuestion = question{
	id: "D1", title: "DSC quiet window",
	question: "On a DescribeEvents page of a window without events, is Items absent, null or []?",
	assumes:  "All three mean no events, given a RequestId and TotalCount 0, as for W1.",
	run: func(ctx context.Context, p *prober, f *Finding) {
		params := with(quietWindow(p.now).millis(), "CurrentPage", "1", "PageSize", "10")
		ans := p.ask(ctx, f, request{product: products.Sddp, action: alicloud.DSCEventsAction, params: params})
		quietPage(ans, products.Sddp.RAMAction(alicloud.DSCEventsAction), "Items").set(f)
	},
}

var dscUnknownQuestion = question{
	id: "D2", title: "DSC unknown event",
	question: "What does DescribeEventDetail answer for an Id that no event has?",
	assumes: "A success whose Event is absent, null or {}, or an error code the client maps to not found. " +
		"An Event whose Id is not the one asked fails the read.",
	run: func(ctx context.Context, p *prober, f *Finding) {
		ans := p.ask(ctx, f, request{product: products.Sddp, action: alicloud.DSCEventAction, params: map[string]string{"Id": unknownDSCEvent}})
		dscUnknownReading(ans).set(f)
	},
}

// dscUnknownReading is unknownDetail, and an Event of another Id breaks.
func dscUnknownReading(ans *alicloud.RawAnswer) outcome {
	o := unknownDetail(ans, products.Sddp.RAMAction(alicloud.DSCEventAction), "Event")
	if ans == nil || ans.HTTPStatus != 200 {
		return o
	}
	event, _ := parseBody(ans.Body)["Event"].(map[string]any)
	id, ok := body(event).text("Id")
	switch {
	case !ok:
		return o
	case id != unknownDSCEvent:
		return outcome{"Event with Id " + hashed(id), Breaks, "an Event of another Id: the provider would show another event"}
	}
	return outcome{"Event with the Id asked", Inconclusive, "an event has this Id after all; the unknown-event answer was not seen"}
}

var dscPageSizeQuestion = question{
	id: "D3", title: "DSC page size",
	question: fmt.Sprintf("Asked for PageSize %d, how many items does a DescribeEvents page hold, and which PageSize does it echo?", dscAskedPageSize),
	assumes: "A page holds min(TotalCount, the PageSize echoed or asked). The provider asks 50, as Alibaba's own provider does, " +
		"and follows the echoed PageSize. A refusal of 100 is handled; a silent cap below the echo is not.",
	run: func(ctx context.Context, p *prober, f *Finding) {
		w := window{p.now.Add(-p.opts.Window), p.now}
		params := with(w.millis(), "CurrentPage", "1", "PageSize", strconv.Itoa(dscAskedPageSize))
		ans := p.ask(ctx, f, request{product: products.Sddp, action: alicloud.DSCEventsAction, params: params})
		pageSizeReading(ans).set(f)
	},
}

func pageSizeReading(ans *alicloud.RawAnswer) outcome {
	if ans != nil && ans.HTTPStatus == 400 && ans.Code != "" && !(&alicloud.APIError{Code: ans.Code}).IsPermissionDenied() {
		return outcome{fmt.Sprintf("PageSize %d refused (Code %s)", dscAskedPageSize, ans.Code), Handled, "the provider asks 50"}
	}
	total, items, o, ok := listCounts(ans, products.Sddp.RAMAction(alicloud.DSCEventsAction), "Items")
	if !ok {
		return o
	}
	limit, echo := int64(dscAskedPageSize), "no PageSize echoed"
	if n, echoed := parseBody(ans.Body).count("PageSize"); echoed {
		limit, echo = n, fmt.Sprintf("PageSize %d echoed", n)
	}
	want := min(total, limit)
	seen := fmt.Sprintf("%s, %d item(s), TotalCount %d", echo, items, total)
	switch {
	case int64(items) < want:
		return outcome{seen, Breaks, fmt.Sprintf("a silent cap: %d items where %d were due", items, want)}
	case int64(items) > want:
		return outcome{seen, Breaks, "more items than the page size echoed"}
	case total <= 50 && limit >= total:
		return outcome{seen, Inconclusive, "50 events or fewer in the window: a cap above them cannot show; the echo is reported"}
	}
	return outcome{seen, Holds, "the page follows its echoed size"}
}

var dscTimeUnitQuestion = question{
	id: "D4", title: "DSC time unit",
	question: "Does DescribeEvents read StartTime and EndTime in milliseconds or in seconds?",
	assumes:  "Milliseconds, as every DSC source says. The same window is asked in both units, a page of 1 each.",
	run:      askTimeUnit,
}

func askTimeUnit(ctx context.Context, p *prober, f *Finding) {
	w := window{p.now.Add(-p.opts.Window), p.now}
	count := func(params map[string]string) (int64, outcome, bool) {
		params = with(params, "CurrentPage", "1", "PageSize", "1")
		ans := p.ask(ctx, f, request{product: products.Sddp, action: alicloud.DSCEventsAction, params: params})
		total, _, o, ok := listCounts(ans, products.Sddp.RAMAction(alicloud.DSCEventsAction), "Items")
		return total, o, ok
	}
	ms, o, ok := count(w.millis())
	if !ok {
		o.set(f)
		return
	}
	s, o, ok := count(w.seconds())
	if !ok {
		o.set(f)
		return
	}
	timeUnitReading(ms, s).set(f)
}

func timeUnitReading(ms, s int64) outcome {
	seen := fmt.Sprintf("%d event(s) asked in milliseconds, %d in seconds", ms, s)
	switch {
	case ms > 0 && s == 0:
		return outcome{"milliseconds (" + seen + ")", Holds, "every DSC source's reading"}
	case s > 0 && ms == 0:
		return outcome{"seconds (" + seen + ")", Breaks, "the provider sends milliseconds: its DSC lists would find nothing"}
	case ms > 0 && ms == s:
		return outcome{"either accepted (" + seen + ")", Holds, "the API reads both units"}
	case ms == 0 && s == 0:
		return outcome{seen, Inconclusive, "no DSC event in the window: widen -window"}
	}
	return outcome{seen, Inconclusive, "both units found events, in different numbers"}
}

var dscEndpointQuestion = question{
	id: "D5", title: "DSC endpoint",
	question: "Which Data Security Center host answers for the provider region? In cn-hongkong, does " + dscFallbackHost + " answer as well?",
	assumes: "The Endpoints page's host of the region (sddp-api.cn-hongkong.aliyuncs.com in cn-hongkong); Alibaba's own provider falls back to " +
		dscFallbackHost + ". An endpoints.sddp override is used as configured.",
	run: askEndpoint,
}

func askEndpoint(ctx context.Context, p *prober, f *Finding) {
	region := products.Sddp.APIRegion(p.client.Region())
	ep, overridden := p.client.ProductEndpoint(products.Sddp, region)
	params := with(quietWindow(p.now).millis(), "CurrentPage", "1", "PageSize", "10")
	primary := p.ask(ctx, f, request{product: products.Sddp, action: alicloud.DSCEventsAction, params: params}) != nil
	if overridden || region != "cn-hongkong" {
		endpointReading(ep.Host, primary, overridden, nil).set(f)
		return
	}
	fallback := p.ask(ctx, f, request{product: products.Sddp, action: alicloud.DSCEventsAction, params: params, endpoint: dscFallbackHost}) != nil
	endpointReading(ep.Host, primary, false, &fallback).set(f)
}

// endpointReading judges D5: any HTTP answer, even an error, shows a host
// serves the API; fallback is nil when it was not tried.
func endpointReading(host string, primary, overridden bool, fallback *bool) outcome {
	answered := map[bool]string{true: "answered", false: "did not answer"}
	seen := host + " " + answered[primary]
	if overridden {
		seen += " (endpoints.sddp override; the fallback was not tried)"
	}
	if fallback != nil {
		seen += "; " + dscFallbackHost + " " + answered[*fallback]
	}
	switch {
	case primary:
		return outcome{seen, Holds, "the provider's host answers"}
	case fallback != nil && *fallback:
		return outcome{seen, Breaks, "only the fallback answers: set endpoints.sddp (ALIBABA_CLOUD_ENDPOINT_SDDP) to " + dscFallbackHost}
	}
	return outcome{seen, Inconclusive, "no host answered: check the network and run the probe again"}
}
