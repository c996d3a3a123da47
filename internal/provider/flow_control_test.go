package provider

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/config"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/alisec/terraform-provider-alisec/internal/fakecloud"
)

// testAccFlowControlConfigForEach reads every WAF event of instance and
// every DSC event of dscIDs in detail, through for_each.
func testAccFlowControlConfigForEach(wafInstance string) string {
	return fmt.Sprintf(`
variable "waf_event_ids" { type = set(string) }
variable "dsc_event_ids" { type = set(string) }

data "alisec_waf_threat_event" "each" {
  for_each    = var.waf_event_ids
  instance_id = %q
  event_id    = each.value
}

data "alisec_dsc_event" "each" {
  for_each = var.dsc_event_ids
  event_id = tonumber(each.value)
}

output "levels" {
  value = concat(
    [for e in data.alisec_waf_threat_event.each : e.event_level],
    [for e in data.alisec_dsc_event.each : e.status_name],
  )
}
`, wafInstance)
}

// TestAccFlowControl_forEachUnderQPSLimit: a plan reading dozens of events
// while the fake cloud enforces 10 calls per second per action, as Alibaba
// Cloud's gateway does, succeeds: the provider paces itself instead of
// failing with Throttling.User.
func TestAccFlowControl_forEachUnderQPSLimit(t *testing.T) {
	t.Parallel()
	const perAction = 40
	cloud := newTestCloud(t)
	cloud.SetFlowControl(fakecloud.AnyAction, fakecloud.FlowControl{QPS: 10, Burst: 10})
	const instance = "waf_v2_public_cn-flow"
	var wafIDs, dscIDs []config.Variable
	for i := range perAction {
		id := fmt.Sprintf("flow-%02d", i)
		cloud.PutWAFEvent("cn-hangzhou", instance, id, []byte(fmt.Sprintf(
			`{"RequestId":"R-%s","ThreatEventDetail":{"EventLevel":"high","EventTag":"SingleURLWebattack","EndTime":1750000000000}}`, id)))
		wafIDs = append(wafIDs, config.StringVariable(id))
		dscID := fmt.Sprint(7000 + i)
		cloud.PutDSCEvent(dscID, []byte(fmt.Sprintf(`{"RequestId":"R-%s","Event":{"Id":%s,"Status":0,"StatusName":"Unhandled"}}`, dscID, dscID)))
		dscIDs = append(dscIDs, config.StringVariable(dscID))
	}

	diags := planDiagnostics(t, cloud.providerConfig("max_retries = 0")+testAccFlowControlConfigForEach(instance), config.Variables{
		"waf_event_ids": config.SetVariable(wafIDs...),
		"dsc_event_ids": config.SetVariable(dscIDs...),
	})
	for _, d := range diags {
		if d.Severity == "error" {
			t.Errorf("the plan failed:%s", formatTerraformDiagnostics(diags))
			break
		}
	}
	for _, action := range []string{"DescribeThreatEventDetail", "DescribeEventDetail"} {
		served := cloud.Requests(action) - cloud.Throttled(action)
		t.Logf("%s: %d requests, %d throttled", action, cloud.Requests(action), cloud.Throttled(action))
		if served != perAction {
			t.Errorf("%s: the fake served %d reads, want %d (one per event)", action, served, perAction)
		}
	}
}

// TestAccFlowControl_persistentThrottling: a read the API throttles every
// time fails within throttling_timeout, with "API Throttled" and what to
// change, instead of retrying for minutes without a word.
func TestAccFlowControl_persistentThrottling(t *testing.T) {
	t.Parallel()
	cloud := newTestCloud(t)
	cloud.SetFlowControl("DescribeEventDetail", fakecloud.FlowControl{QPS: 0, Burst: 1})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: cloud.providerConfig(`throttling_timeout = "3s"`) + `
data "alisec_dsc_event" "t" {
  event_id = 52234
}
`,
			ExpectError: regexp.MustCompile(`(?s)API Throttled.*alisec_dsc_event \(DescribeEventDetail\): DescribeEventDetail was\s+throttled\s+\(Throttling.User\)\s+on\s+\d+\s+attempt\(s\).*throttling\s+timeout\s+of\s+3s.*last\s+RequestId\s+[0-9a-f-]{36}.*-parallelism.*rate_limits.*throttling_timeout\s+\(now\s+3s\)`),
		}},
	})
	if cloud.Throttled("DescribeEventDetail") < 2 {
		t.Errorf("the fake throttled %d requests: the read gave up without retrying", cloud.Throttled("DescribeEventDetail"))
	}
}
