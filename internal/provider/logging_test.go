package provider

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/alisec/terraform-provider-alisec/internal/alicloud"
	"github.com/alisec/terraform-provider-alisec/internal/fakecloud"
)

// TF_LOG=TRACE output lands in bug reports: it must show the masked access
// key ID and never a secret, a token or a signature.
func TestAccProvider_traceLogHasNoSecrets(t *testing.T) {
	const token = "CAIS-security-token-must-stay-hidden"
	logDir := t.TempDir()
	t.Setenv("TF_LOG", "TRACE")
	t.Setenv("TF_LOG_PATH_MASK", filepath.Join(logDir, "%s.log"))
	t.Setenv("TF_ACC_LOG_PATH", filepath.Join(logDir, "terraform.log"))

	// Credentials come from the environment: the test framework itself logs
	// the configuration it writes, which is not the provider's doing.
	clearCredentialEnv(t)
	t.Setenv("ALIBABA_CLOUD_ACCESS_KEY_ID", fakecloud.DefaultAccessKeyID)
	t.Setenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET", fakecloud.DefaultAccessKeySecret)
	t.Setenv("ALIBABA_CLOUD_SECURITY_TOKEN", token)

	cloud := newTestCloud(t)
	cloud.SetFault("DescribeThreatEventDetail", fakecloud.Fault{FailFirst: 2, FailWith: "Throttling.User"})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: "provider \"alisec\" {\n  " + endpointsConfig(cloud.URL) + "\n}\n" + seedWAFDataSource,
			ConfigStateChecks: []statecheck.StateCheck{
				expectAttribute("data.alisec_waf_threat_event.test", "event_level", knownvalue.StringExact("high")),
			},
		}},
	})

	logs := readAll(t, logDir)
	for _, want := range []string{"retrying Alibaba Cloud API call", alicloud.MaskAccessKeyID(fakecloud.DefaultAccessKeyID)} {
		if !strings.Contains(logs, want) {
			t.Errorf("the trace log lacks %q", want)
		}
	}
	for name, secret := range map[string]string{
		"secret_key": fakecloud.DefaultAccessKeySecret, "security_token": token, "access key ID": fakecloud.DefaultAccessKeyID,
	} {
		if strings.Contains(logs, secret) {
			t.Errorf("the trace log contains the %s", name)
		}
	}
	if strings.Contains(logs, "Signature=") {
		t.Errorf("the trace log contains a request signature")
	}
}

func readAll(t *testing.T, dir string) string {
	t.Helper()
	var b strings.Builder
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		b.Write(data)
	}
	if b.Len() == 0 {
		t.Fatal("no log was written")
	}
	return b.String()
}

// TestAccProvider_infoLogShowsFlowControl: a read held back by flow control
// says so at INFO, which TF_LOG=info shows.
func TestAccProvider_infoLogShowsFlowControl(t *testing.T) {
	logDir := t.TempDir()
	t.Setenv("TF_LOG", "INFO")
	t.Setenv("TF_LOG_PATH_MASK", filepath.Join(logDir, "%s.log"))
	t.Setenv("TF_ACC_LOG_PATH", filepath.Join(logDir, "terraform.log"))

	cloud := newTestCloud(t)
	cloud.PutDSCEvent("52235", []byte(`{"RequestId":"R-52235","Event":{"Id":52235}}`))
	cloud.PutDSCEvent("52236", []byte(`{"RequestId":"R-52236","Event":{"Id":52236}}`))
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			// At the slowest pace allowed, the third of three reads waits 4 s.
			Config: cloud.providerConfig("rate_limits {\n    sddp = 0.5\n  }") + `
data "alisec_dsc_event" "first" {
  event_id = 52234
}

data "alisec_dsc_event" "second" {
  event_id = 52235
}

data "alisec_dsc_event" "third" {
  event_id = 52236
}
`,
		}},
	})

	logs := readAll(t, logDir)
	line := regexp.MustCompile(`\[INFO\]\s+alisec: Alibaba Cloud API call held back by flow control: .*`).FindString(logs)
	if line == "" {
		t.Fatal("no INFO line says that a read was held back")
	}
	for _, want := range []string{"action=DescribeEventDetail", `rate="0.5 calls per second"`, "event_id=5223"} {
		if !strings.Contains(line, want) {
			t.Errorf("the INFO line %q lacks %q", line, want)
		}
	}
}
