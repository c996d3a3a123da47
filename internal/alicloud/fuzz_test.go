package alicloud

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
)

// fixtureResponse reads the API response of one of the fake cloud's
// fixtures: the API pages' own examples.
func fixtureResponse(f testing.TB, path string) []byte {
	f.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		f.Fatal(err)
	}
	var fixture struct{ Response json.RawMessage }
	if err := json.Unmarshal(data, &fixture); err != nil {
		f.Fatal(err)
	}
	return fixture.Response
}

func addSeeds(f *testing.F, seeds ...string) {
	for _, s := range seeds {
		f.Add([]byte(s))
	}
}

// Whatever the body, decoding ends in a value or an error, never a panic,
// and every warning names the field it is about.
func FuzzDecodeThreatEventDetail(f *testing.F) {
	f.Add(fixtureResponse(f, "../fakecloud/fixtures/waf/page-example.json"))
	addSeeds(f, `{}`, `null`, `[]`, `{"ThreatEventDetail":null}`, `{"ThreatEventDetail":{}}`,
		`{"ThreatEventDetail":{"EndTime":"1749916800","EventBlock":20,"IsPersistent":"1","EventIntelligence":"[1,{\"a\":2}]"}}`,
		`{"ThreatEventDetail":{"EventCondition":"{\"start_ts\":\"x\",\"condition\":{\"real_client_ip\":\"1.2.3.4\"}}"}}`,
		`{"ThreatEventDetail":{"EventCondition":"[]","EventIntelligence":"{}","EventLevel":["high"]}}`,
		`{"RequestId":"R","ThreatEventDetail":{"EventCnt":1e400}}`)
	f.Fuzz(func(t *testing.T, body []byte) {
		d, err := DecodeThreatEventDetail(body)
		if err != nil {
			return
		}
		checkWarnings(t, d.Warnings)
		// Milliseconds are either converted seconds or already past the threshold.
		if ms := d.EndTime; ms != nil && *ms%1000 != 0 && *ms > -secondsThreshold && *ms < secondsThreshold {
			t.Errorf("EndTime %d was left in seconds", *ms)
		}
	})
}

func FuzzDecodeEventDetail(f *testing.F) {
	f.Add(fixtureResponse(f, "../fakecloud/fixtures/sddp/page-example.json"))
	addSeeds(f, `{}`, `{"Event":null}`, `{"Event":[]}`, `{"Event":{"HandleInfoList":null,"Detail":null}}`,
		`{"Event":{"Id":9007199254740993,"UserId":"18446744073709551616","HandleInfoList":[1,null,{"Id":"x"}]}}`,
		`{"Event":{"Detail":{"Chart":[{"Data":{"X":[1,2.5,null,true,{"a":[1]}],"Y":"not a list"}}]}}}`,
		`{"Event":{"Backed":"maybe","NewAlarm":2,"Status":-1.5}}`)
	f.Fuzz(func(t *testing.T, body []byte) {
		e, err := DecodeEventDetail(body)
		if err != nil {
			return
		}
		checkWarnings(t, e.Warnings)
	})
}

// An error body of any shape becomes an *APIError that keeps the status
// and never echoes the service's string to sign.
func FuzzDecodeError(f *testing.F) {
	addSeeds(f,
		`{"RequestId":"R","HostId":"h","Code":"Throttling.User","Message":"Request was denied due to user flow control.","Recommend":"https://x"}`,
		`{"Code":500,"Message":"internal error"}`, `{"Code":{"a":1},"Message":["m"]}`, `{"Code":null}`,
		`<html>502 Bad Gateway</html>`, `{"Code":"Sig`, ``, "\xff\xfe",
		`{"Code":"SignatureDoesNotMatch","Message":"Specified signature is not matched with our calculation. server string to sign is:POST&%2F&SecurityToken%3Dsecret"}`)
	f.Fuzz(func(t *testing.T, body []byte) {
		e := decodeAPIError("DescribeEventDetail", "https://sddp.example", 400, body)
		if e == nil {
			t.Fatal("nil error")
		}
		if e.HTTPStatus != 400 || e.Action != "DescribeEventDetail" {
			t.Errorf("lost the status or action: %+v", e)
		}
		if strings.Contains(e.Message, signatureEcho) {
			t.Errorf("the message echoes the string to sign: %q", e.Message)
		}
		_ = e.Error()
	})
}

func checkWarnings(t *testing.T, warnings []DecodeWarning) {
	t.Helper()
	for _, w := range warnings {
		if w.Field == "" || w.Detail == "" {
			t.Errorf("warning without field or detail: %+v", w)
		}
	}
}
