package probe

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/alisec/terraform-provider-alisec/internal/alicloud"
	"github.com/alisec/terraform-provider-alisec/internal/products"
)

// foreignInstance is a well-formed WAF 3.0 instance ID that is no
// account's.
const foreignInstance = "waf_v2_public_cn-probe000000"

var wafInstanceQuestion = question{
	id: "W0", title: "WAF instance",
	question: "Does DescribeInstance leave InstanceId out for a region where the account has no WAF 3.0 instance? Asked in both WAF regions.",
	assumes: "An account has at most one instance per region; a success without InstanceId means none (the DescribeInstance pages: " +
		"an instance exists \"if InstanceId in the response has a value\"). An empty InstanceId reads as none too. " +
		"The instance of the provider region's WAF region is used by W1 to W4.",
	run: askWAFInstance,
}

func askWAFInstance(ctx context.Context, p *prober, f *Finding) {
	home := products.WAF.APIRegion(p.client.Region())
	var readings []string
	worst := outcome{verdict: Holds, why: "InstanceId is a string where there is an instance, absent where there is none"}
	for _, region := range products.WAF.Regions {
		if p.stop != "" {
			break // refused credentials would be refused again
		}
		ans := p.ask(ctx, f, request{product: products.WAF, action: alicloud.WAFInstanceAction, region: region})
		o, id := instanceReading(ans)
		readings = append(readings, region+": "+o.reading)
		if region == home {
			p.instance = id
		}
		if id != "" {
			p.accountIDs = append(p.accountIDs, id)
		}
		worst = worse(worst, o)
	}
	// IDs learnt now are hashed in this finding's exchanges too.
	for i := range f.Exchanges {
		f.Exchanges[i].Message = p.redactIDs(f.Exchanges[i].Message)
	}
	worst.reading = strings.Join(readings, "; ")
	worst.set(f)
}

// instanceReading reads one DescribeInstance answer; id is the instance.
func instanceReading(ans *alicloud.RawAnswer) (o outcome, id string) {
	if ans == nil {
		return noAnswer, ""
	}
	if o, ok := failedCall(products.WAF.RAMAction(alicloud.WAFInstanceAction), ans); ok {
		return o, ""
	}
	b := parseBody(ans.Body)
	if ans.HTTPStatus != 200 || b == nil {
		return outcome{"Code " + ans.Code, Inconclusive, "DescribeInstance answered an error; the provider fails the WAF reads of that region on it"}, ""
	}
	switch b.kind("InstanceId") {
	case typeAbsent:
		return outcome{reading: "InstanceId absent (no instance)", verdict: Holds}, ""
	case typeString:
		id, _ = b.text("InstanceId")
		if id == "" {
			return outcome{"InstanceId \"\" (no instance)", Handled, "the provider reads an empty InstanceId as no instance"}, ""
		}
		return outcome{reading: "InstanceId present (" + hashed(id) + ")", verdict: Holds}, id
	}
	return outcome{"InstanceId " + b.kind("InstanceId"), Breaks, "the provider fails the instance check on an InstanceId that is not a string"}, ""
}

// worse keeps the outcome that matters more for the summary.
func worse(a, b outcome) outcome {
	rank := map[Verdict]int{Holds: 0, Skipped: 1, Handled: 2, Inconclusive: 3, Breaks: 4}
	if rank[b.verdict] > rank[a.verdict] {
		return b
	}
	return a
}

// needInstance skips a WAF question when W0 found no instance to ask about.
func needInstance(p *prober, f *Finding) bool {
	if p.instance != "" {
		return true
	}
	outcome{"not asked", Skipped, fmt.Sprintf("the account has no WAF 3.0 instance in %s (W0), or W0 could not tell",
		products.WAF.APIRegion(p.client.Region()))}.set(f)
	return false
}

var wafQuietQuestion = question{
	id: "W1", title: "WAF quiet window",
	question: "On a DescribeThreatEvent page of a window without events, is ThreatEvents absent, null or []?",
	assumes:  "All three mean no events, given a RequestId and TotalCount 0. A missing TotalCount, or items that are not an array, fail the read.",
	run: func(ctx context.Context, p *prober, f *Finding) {
		if !needInstance(p, f) {
			return
		}
		params := with(quietWindow(p.now).millis(), "InstanceId", p.instance, "PageNumber", "1", "PageSize", "10")
		ans := p.ask(ctx, f, request{product: products.WAF, action: alicloud.WAFThreatEventsAction, params: params})
		quietPage(ans, products.WAF.RAMAction(alicloud.WAFThreatEventsAction), "ThreatEvents").set(f)
	},
}

var wafTotalQuestion = question{
	id: "W2", title: "WAF TotalCount",
	question: "Does DescribeThreatEvent's TotalCount count every matching event, or the entries on the page?",
	assumes: "Matching events, as the SDK documents. Should it count the page (the API pages' \"entries returned\"), " +
		"the provider still pages on: a full page never ends a listing on TotalCount alone.",
	run: askWAFTotal,
}

func askWAFTotal(ctx context.Context, p *prober, f *Finding) {
	if !needInstance(p, f) {
		return
	}
	w := window{p.now.Add(-p.opts.Window), p.now}
	page := func(n int) (total int64, items int, o outcome, ok bool) {
		params := with(w.millis(), "InstanceId", p.instance, "PageNumber", strconv.Itoa(n), "PageSize", "1")
		ans := p.ask(ctx, f, request{product: products.WAF, action: alicloud.WAFThreatEventsAction, params: params})
		return listCounts(ans, products.WAF.RAMAction(alicloud.WAFThreatEventsAction), "ThreatEvents")
	}
	total, items, o, ok := page(1)
	if !ok {
		o.set(f)
		return
	}
	totalCountReading(total, items, func() (int, outcome, bool) {
		_, n, o, ok := page(2)
		return n, o, ok
	}).set(f)
}

// totalCountReading judges W2 from page 1 of size 1, asking page 2 when
// TotalCount cannot tell.
func totalCountReading(total int64, items int, page2 func() (int, outcome, bool)) outcome {
	seen := fmt.Sprintf("TotalCount %d with %d item(s) on a page of 1", total, items)
	switch {
	case total == 0 && items == 0:
		return outcome{seen, Inconclusive, "no WAF event in the window: widen -window"}
	case total > 1 && items == 1:
		return outcome{"counts matching events (" + seen + ")", Holds, "the SDK's reading"}
	case total != 1 || items != 1:
		return outcome{seen, Breaks, "neither reading gives this"}
	}
	n, o, ok := page2()
	switch {
	case !ok:
		return o
	case n > 0:
		return outcome{"counts the page (TotalCount 1, and page 2 holds an event)", Handled,
			"the API pages' reading: the provider pages on past a full page"}
	}
	return outcome{"one event in the window", Inconclusive, "a single event cannot tell the readings apart: widen -window"}
}

// listCounts reads a list page's TotalCount and number of items; ok=false
// with the outcome when the answer cannot say.
func listCounts(ans *alicloud.RawAnswer, ramAction, itemsKey string) (total int64, items int, o outcome, ok bool) {
	if ans == nil {
		return 0, 0, noAnswer, false
	}
	if o, failed := failedCall(ramAction, ans); failed {
		return 0, 0, o, false
	}
	b := parseBody(ans.Body)
	if ans.HTTPStatus != 200 || b == nil {
		return 0, 0, outcome{"Code " + ans.Code, Breaks, "an error answer to a plain list query"}, false
	}
	total, hasTotal := b.count("TotalCount")
	if !hasTotal {
		return 0, 0, outcome{"TotalCount " + b.kind("TotalCount"), Breaks, "the provider needs a TotalCount on every page"}, false
	}
	return total, b.length(itemsKey), outcome{}, true
}

var wafUnknownQuestion = question{
	id: "W3", title: "WAF unknown event",
	question: "What does DescribeThreatEventDetail answer for an EventId that no event has?",
	assumes: "A success whose ThreatEventDetail is absent, null or {} (Alibaba's own provider reads a success without the object as not found), " +
		"or an error code the client maps to not found; any other code fails the read.",
	run: func(ctx context.Context, p *prober, f *Finding) {
		if !needInstance(p, f) {
			return
		}
		params := map[string]string{"InstanceId": p.instance, "EventId": p.opts.EventID()}
		ans := p.ask(ctx, f, request{product: products.WAF, action: alicloud.WAFThreatEventAction, params: params})
		unknownDetail(ans, products.WAF.RAMAction(alicloud.WAFThreatEventAction), "ThreatEventDetail").set(f)
	},
}

var wafForeignQuestion = question{
	id: "W4", title: "WAF foreign instance",
	question: "How does DescribeThreatEvent answer an InstanceId that is not the account's?",
	assumes: "Waf.Instance.ValidFaild (sic), WAF 3.0's documented code for a failed instance check. A quiet success is handled too: " +
		"the provider checks the instance with DescribeInstance before it reads events.",
	run: askWAFForeign,
}

func askWAFForeign(ctx context.Context, p *prober, f *Finding) {
	if !needInstance(p, f) {
		return
	}
	params := with(quietWindow(p.now).millis(), "InstanceId", foreignInstance, "PageNumber", "1", "PageSize", "10")
	ans := p.ask(ctx, f, request{product: products.WAF, action: alicloud.WAFThreatEventsAction, params: params})
	foreignReading(ans).set(f)
}

func foreignReading(ans *alicloud.RawAnswer) outcome {
	if ans == nil {
		return noAnswer
	}
	if o, ok := failedCall(products.WAF.RAMAction(alicloud.WAFThreatEventsAction), ans); ok {
		return o
	}
	if ans.Code == "Waf.Instance.ValidFaild" {
		return outcome{"Code Waf.Instance.ValidFaild", Holds, "the documented code"}
	}
	b := parseBody(ans.Body)
	if total, ok := b.count("TotalCount"); ans.HTTPStatus == 200 && ok && total == 0 {
		return outcome{"a quiet success (TotalCount 0)", Handled, "the provider's DescribeInstance check refuses the instance first"}
	}
	return outcome{fmt.Sprintf("HTTP %d, Code %q", ans.HTTPStatus, ans.Code), Breaks, "neither the documented code nor a quiet page"}
}
