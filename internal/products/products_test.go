package products_test

import (
	"net/url"
	"strings"
	"testing"

	"github.com/alisec/terraform-provider-alisec/internal/alicloud"
	"github.com/alisec/terraform-provider-alisec/internal/products"
)

// TestTable_everyActionTheClientCalls holds the table to the client: every
// action it calls belongs to one product, whose RAM action is known.
func TestTable_everyActionTheClientCalls(t *testing.T) {
	t.Parallel()
	for _, action := range []string{alicloud.WAFThreatEventAction, alicloud.WAFThreatEventsAction, alicloud.WAFInstanceAction,
		alicloud.DSCEventAction, alicloud.DSCEventsAction} {
		p, ok := products.OfAction(action)
		if !ok {
			t.Errorf("%s is in no product: its RAM action and documented QPS are unknown", action)
			continue
		}
		if ram := p.RAMAction(action); !strings.HasPrefix(ram, "yundun-") || !strings.HasSuffix(ram, ":"+action) {
			t.Errorf("%s: RAM action %q", action, ram)
		}
	}
}

// TestTable_entriesComplete: an entry without one of its facts would break
// the provider's schema, settings or routing quietly.
func TestTable_entriesComplete(t *testing.T) {
	t.Parallel()
	seen := map[string]string{}
	unique := func(what, value, product string) {
		if value == "" {
			t.Errorf("%s: %s is empty", product, what)
		}
		if other, ok := seen[value]; ok {
			t.Errorf("%s: %s %q is %s's too", product, what, value, other)
		}
		seen[value] = product
	}
	for _, p := range products.All {
		unique("Key", p.Key, p.Title)
		unique("Code", p.Code, p.Title)
		unique("EndpointEnv", p.EndpointEnv, p.Title)
		unique("RateLimitEnv", p.RateLimitEnv, p.Title)
		if p.APIVersion == "" || p.RAMPrefix == "" || p.APIName == "" || len(p.Regions) == 0 || len(p.Actions) == 0 {
			t.Errorf("%s: incomplete entry %+v", p.Title, p)
		}
		for _, region := range append([]string{"", "cn-hangzhou", "eu-central-1"}, p.Regions...) {
			api := p.APIRegion(region)
			if !contains(p.Regions, api) {
				t.Errorf("%s: provider region %q is served from %q, not one of %v", p.Title, region, api, p.Regions)
			}
			if u, err := url.Parse("https://" + p.Endpoint(api)); err != nil || u.Host != p.Endpoint(api) {
				t.Errorf("%s: endpoint %q of %s is not a host name", p.Title, p.Endpoint(api), api)
			}
		}
		for _, a := range p.Actions {
			unique("action", a.Name, p.Title)
			if a.QPS < 0 || !strings.HasPrefix(a.Page, "https://") {
				t.Errorf("%s %s: QPS %g from %q: every fact names its page", p.Title, a.Name, a.QPS, a.Page)
			}
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
