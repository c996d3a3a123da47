package probe

import (
	"bytes"
	"context"
	"fmt"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/alisec/terraform-provider-alisec/internal/fakecloud"
	"github.com/alisec/terraform-provider-alisec/internal/products"
)

// testInstance is the account's WAF instance in the seeded fake cloud.
const testInstance = "waf_v2_public_cn-test00001"

// Seeded events: more DSC events than a page of 50, several WAF events,
// all within the default window and none in the quiet second a day ago.
const (
	seededDSCEvents = 60
	seededWAFEvents = 5
)

// seededCloud starts a fake cloud under readings, with the seeded events
// and, unless noInstance, the account's WAF instance in cn-hangzhou.
func seededCloud(t *testing.T, readings fakecloud.Readings, noInstance bool) (*fakecloud.Server, *httptest.Server) {
	t.Helper()
	cloud := fakecloud.New()
	if err := cloud.SetReadings(readings); err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	for i := range seededWAFEvents {
		end := now.Add(-time.Duration(i+1) * time.Hour).UnixMilli()
		cloud.PutWAFEvent("cn-hangzhou", testInstance, fmt.Sprintf("%032x", i+1),
			[]byte(fmt.Sprintf(`{"RequestId":"R","ThreatEventDetail":{"EventLevel":"high","EndTime":%d,"EventBlock":1,"EventCnt":2}}`, end)))
	}
	for i := range seededDSCEvents {
		at := now.Add(-time.Duration(i+1) * time.Minute).UnixMilli()
		cloud.PutDSCEvent(fmt.Sprint(7000+i), []byte(fmt.Sprintf(
			`{"RequestId":"R","Event":{"Id":%d,"EventTime":%d,"Status":0,"ProductCode":"OSS","WarnLevel":2}}`, 7000+i, at)))
	}
	if noInstance {
		for _, region := range products.WAF.Regions {
			cloud.SetWAFInstance(region, "")
		}
	}
	srv := httptest.NewServer(cloud)
	t.Cleanup(srv.Close)
	return cloud, srv
}

// fakeEnv is the environment of a user whose endpoints point at url.
func fakeEnv(url string) map[string]string {
	env := map[string]string{
		"ALIBABA_CLOUD_ACCESS_KEY_ID":     fakecloud.DefaultAccessKeyID,
		"ALIBABA_CLOUD_ACCESS_KEY_SECRET": fakecloud.DefaultAccessKeySecret,
		"ALIBABA_CLOUD_MAX_RETRIES":       "0",
	}
	for _, p := range products.All {
		env[p.EndpointEnv] = url
	}
	return env
}

func lookupIn(env map[string]string) func(string) (string, bool) {
	return func(name string) (string, bool) {
		v, ok := env[name]
		return v, ok
	}
}

// runCommand runs the probe's command line in-process; it returns the
// exit status, standard output and standard error.
func runCommand(t *testing.T, cmd Command, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr, cmd.Version = &stdout, &stderr, "test"
	code := cmd.Run(context.Background(), args)
	return code, stdout.String(), stderr.String()
}
