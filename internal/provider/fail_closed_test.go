package provider

import (
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/alisec/terraform-provider-alisec/internal/fakecloud"
)

// The tests of issue #18: a broken sweep never reads as a quiet day, and
// each failure's first line names its cause.

// testAccWAFListConfigInstance lists instance's events of one hour.
func testAccWAFListConfigInstance(instance, regionID string) string {
	region := ""
	if regionID != "" {
		region = fmt.Sprintf("\n  region_id   = %q", regionID)
	}
	return fmt.Sprintf(`
data "alisec_waf_threat_events" "test" {
  instance_id = %q
  start_time  = "2025-06-14T15:00:00Z"
  end_time    = "2025-06-14T16:00:00Z"%s
}
`, instance, region)
}

// TestAccWAFThreatEventsDataSource_wrongInstance: a mistyped instance or
// the right one in the wrong region fails, where WAF would list nothing.
func TestAccWAFThreatEventsDataSource_wrongInstance(t *testing.T) {
	tests := []struct {
		name     string
		instance string
		region   string
		wantErr  *regexp.Regexp
	}{
		{"mistyped instance", "waf_v2_public_cn-lbj0xxxy", "", errorPattern(
			`WAF Instance Not In Region .* alisec_waf_threat_events (DescribeThreatEvent): WAF instance "waf_v2_public_cn-lbj0xxxy" is not in region cn-hangzhou; ` +
				`this account's WAF instance there is "waf_v2_public_cn-lbj0xxxx" .* Check instance_id`)},
		{"right instance, wrong region", "waf_v2_public_cn-lbj0xxxx", "ap-southeast-1", errorPattern(
			`WAF Instance Not In Region .* is not in region ap-southeast-1; this account has no WAF 3.0 instance there, and "waf_v2_public_cn-lbj0xxxx" is its instance in cn-hangzhou .* Set region_id = "cn-hangzhou"`)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cloud := newTestCloud(t)
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps:                    []resource.TestStep{{Config: cloud.providerConfig() + testAccWAFListConfigInstance(tt.instance, tt.region), ExpectError: tt.wantErr}},
			})
			if n := cloud.Requests("DescribeThreatEvent"); n != 0 {
				t.Errorf("the events were listed %d times for an instance that is not there", n)
			}
		})
	}
}

// TestAccWAFThreatEventDataSource_instanceNotVerified: credentials that may
// not call DescribeInstance read on, with a warning that says so.
func TestAccWAFThreatEventDataSource_instanceNotVerified(t *testing.T) {
	t.Parallel()
	cloud := newTestCloud(t)
	const key, secret = "LTAI5tNoDescribeInstance", "no-describe-instance-secret"
	cloud.AddAccount(fakecloud.Account{AccessKeyID: key, AccessKeySecret: secret, Denied: []string{"DescribeInstance"}})
	cfg := fmt.Sprintf(`
provider "alisec" {
  access_key = %q
  secret_key = %q
  %s
}
`, key, secret, endpointsConfig(cloud.URL)) + seedWAFDataSource
	diags := planDiagnostics(t, cfg, nil)
	var warned bool
	for _, d := range diags {
		if d.Severity == "error" {
			t.Fatalf("the read failed:%s", formatTerraformDiagnostics(diags))
		}
		warned = warned || (d.Summary == "WAF Instance Not Verified" &&
			strings.Contains(d.Detail, `Grant the RAM action "yundun-waf:DescribeInstance"`) && strings.Contains(d.Detail, `Code "Forbidden.RAM"`))
	}
	if !warned {
		t.Errorf("no warning that the instance was not verified:%s", formatTerraformDiagnostics(diags))
	}
}

func TestAccProvider_boundedTime(t *testing.T) {
	refused := httptest.NewServer(nil)
	refusedURL := refused.URL
	refused.Close()
	tests := []struct {
		name     string
		endpoint string // "" is the test's fake cloud
		fault    *fakecloud.Fault
		provider string
		wantErr  *regexp.Regexp
		wantReqs int // requests the fake saw; -1 not checked, where the back-off's jitter decides
	}{
		{"refused connection fails at once", refusedURL, nil, "max_retries = 5", errorPattern(
			`Endpoint Unreachable .* alisec_waf_threat_event (DescribeThreatEventDetail): DescribeInstance: no answer from http://127.0.0.1: .* after 1 attempt(s) .* connection refused .* Nothing accepts connections there, so the read was not retried`), -1},
		{"read timeout over all attempts", "", &fakecloud.Fault{Latency: 5e9}, "max_retries = 5\n  request_timeout = \"400ms\"\n  throttling_timeout = \"500ms\"\n  read_timeout = \"600ms\"", errorPattern(
			`Read Timed Out .* the read ran past read_timeout .* Raise read_timeout (ALIBABA_CLOUD_READ_TIMEOUT)`), -1},
		{"hanging endpoint tried twice", "", &fakecloud.Fault{Latency: 5e9}, "max_retries = 5\n  request_timeout = \"200ms\"", errorPattern(
			`Endpoint Timed Out .* after 2 attempt(s) .* request_timeout (200ms)`), 2},
		{"read_timeout shorter than throttling_timeout", "", nil, `throttling_timeout = "5m"`, errorPattern(
			`Conflicting Timeouts .* read_timeout (2m0s) .* must be longer than throttling_timeout (5m0s)`), 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cloud := newTestCloud(t)
			cloud.SetWAFInstance("cn-hangzhou", seedWAFInstance)
			if tt.fault != nil {
				cloud.SetFault("DescribeThreatEventDetail", *tt.fault)
			}
			endpoint := tt.endpoint
			if endpoint == "" {
				endpoint = cloud.URL
			}
			cfg := fmt.Sprintf(`
provider "alisec" {
  access_key = %q
  secret_key = %q
  %s
  %s
}
`, fakecloud.DefaultAccessKeyID, fakecloud.DefaultAccessKeySecret, tt.provider, endpointsConfig(endpoint)) + seedWAFDataSource
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps:                    []resource.TestStep{{Config: cfg, ExpectError: tt.wantErr}},
			})
			if got := cloud.Requests("DescribeThreatEventDetail"); tt.wantReqs >= 0 && got != tt.wantReqs {
				t.Errorf("the fake saw %d reads, want %d", got, tt.wantReqs)
			}
		})
	}
}

// TestAccProvider_deadEndpointBoundsThePlan: a sweep of many reads against
// an endpoint that accepts connections and never answers ends after one
// wave of Terraform's parallel reads (10) has timed out, each later read
// failing at once with the same cause, instead of every read trying twice
// (40 requests here, 600 for a sweep of 300, half an hour by default).
func TestAccProvider_deadEndpointBoundsThePlan(t *testing.T) {
	const reads, terraformParallelism = 20, 10
	cloud := newTestCloud(t)
	cloud.SetFault("DescribeEventDetail", fakecloud.Fault{Latency: 5 * time.Second})
	cfg := cloud.providerConfig("max_retries = 5", `request_timeout = "500ms"`) + fmt.Sprintf(`
data "alisec_dsc_event" "sweep" {
  for_each = toset([for i in range(%d) : tostring(1000 + i)])
  event_id = tonumber(each.value)
}
`, reads)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{Config: cfg, ExpectError: errorPattern(
			`Endpoint Timed Out .* alisec_dsc_event (DescribeEventDetail): DescribeEventDetail: not sent to http://127.0.0.1: .* ` +
				`an earlier read in this plan already timed out there: .* attempts in a row got no complete answer within request_timeout (500ms), ` +
				`the last (DescribeEventDetail) at .* so the provider no longer waits for that endpoint`)}},
	})
	if got := cloud.Requests("DescribeEventDetail"); got > terraformParallelism+1 {
		t.Errorf("the endpoint saw %d requests for %d reads, want at most %d: one wave of Terraform's parallel reads", got, reads, terraformParallelism+1)
	}
}

// TestAccProvider_pagesInsteadOfAnswers: a page where the API's answer
// should be (a captive portal's, a web server's at a wrong endpoint, a
// proxy's that wants credentials) is named for what it is and not asked for
// again, however many retries are allowed.
func TestAccProvider_pagesInsteadOfAnswers(t *testing.T) {
	tests := []struct {
		kind    string
		wantErr *regexp.Regexp
	}{
		{"HTML200", errorPattern(`Not An API Answer .* alisec_dsc_event (DescribeEventDetail): DescribeEventDetail: http://127.0.0.1: .* ` +
			`did not answer as the API does: the answer is not JSON (HTTP 200, Content-Type "text/html"): .* Sign in to Guest Wi-Fi .* ` +
			`a captive portal (a network's sign-in page) .* so the read was not retried`)},
		{"HTML404", errorPattern(`Wrong Endpoint .* DescribeEventDetail answered HTTP 404: the response is not the documented JSON error body: .* 404 Not Found .* ` +
			`answered with a web page, not an Alibaba Cloud API error .* (a host name such as "sddp.cn-zhangjiakou.aliyuncs.com", or a scheme and host with no path)`)},
		{"HTML407", errorPattern(`Proxy Authentication Required .* DescribeEventDetail answered HTTP 407: .* 407 Proxy Authentication Required .* ` +
			`A proxy between here and the endpoint asks for credentials .* HTTPS_PROXY`)},
	}
	for _, tt := range tests {
		t.Run(tt.kind, func(t *testing.T) {
			cloud := newTestCloud(t)
			cloud.SetFault("DescribeEventDetail", fakecloud.Fault{FailFirst: 100, FailWith: tt.kind})
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{{
					Config:      cloud.providerConfig("max_retries = 5") + "data \"alisec_dsc_event\" \"test\" {\n  event_id = 52234\n}\n",
					ExpectError: tt.wantErr,
				}},
			})
			if got := cloud.Requests("DescribeEventDetail"); got != 1 {
				t.Errorf("the fake saw %d requests, want 1: the same page would come back", got)
			}
		})
	}
}

// TestAccProvider_credentialSourceNamed: a refused or missing credential
// names the source actually used, never one that was not.
func TestAccProvider_credentialSourceNamed(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "config.json")
	profiles := fmt.Sprintf(`{"current":"dev","profiles":[
  {"name":"dev","mode":"AK","access_key_id":%q,"access_key_secret":"not-the-secret"},
  {"name":"prod","mode":"AK","access_key_id":%q,"access_key_secret":%q}]}`,
		fakecloud.DefaultAccessKeyID, fakecloud.DefaultAccessKeyID, fakecloud.DefaultAccessKeySecret)
	if err := os.WriteFile(file, []byte(profiles), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		args    string
		wantErr *regexp.Regexp
	}{
		{"wrong secret in a profile", `profile = "dev"`, errorPattern(
			`Invalid Credentials .* SignatureDoesNotMatch .* signed with access key LTAI****mo01, from profile "dev" (from the provider's profile argument) ` +
				`of the Alibaba Cloud CLI configuration .* Correct the profile's access_key_id, access_key_secret or sts_token in`)},
		{"misnamed profile", `profile = "production"`, errorPattern(
			`Missing Alibaba Cloud Credentials .* profile "production" is not in the shared credentials file .* which has the profiles "dev", "prod"`)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clearCredentialEnv(t)
			cloud := newTestCloud(t)
			cfg := fmt.Sprintf(`
provider "alisec" {
  %s
  shared_credentials_file = %q
  %s
}
`, tt.args, file, endpointsConfig(cloud.URL)) + seedWAFDataSource
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps:                    []resource.TestStep{{Config: cfg, ExpectError: tt.wantErr}},
			})
		})
	}
}
