package alicloud

import (
	"context"
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/alisec/terraform-provider-alisec/internal/fakecloud"
)

// wafPageExample is the success response printed on the
// DescribeThreatEventDetail API page.
const wafPageExample = `{
  "RequestId": "D7861F61-5B61-46CE-A47C-6B1****",
  "ThreatEventDetail": {
    "IsPersistent": 1,
    "EventLevel": "high",
    "EventBlock": "20",
    "EventCnt": "20",
    "EndTime": 1749916800000,
    "EventIntelligence": "[\"CVE-2020-14882\",\"DDoS Attack\"]",
    "EventSrcRegion": "GB-ENG",
    "EventSrc": "XX.XX.XX.XX",
    "EventSuggest": "FixBug",
    "EventCondition": "{\"end_ts\": 1766637714, \"start_ts\": 1764096746, \"condition\": {\"real_client_ip\": [\"78.153.140.179\", \"78.153.140.203\", \"78.153.140.177\", \"78.153.140.178\", \"78.153.140.151\"]}}",
    "EventTag": "MultipleDomainWebattack",
    "EventSrcCountry": "GB"
  }
}`

func wafPageExampleDetail() *ThreatEventDetail {
	return &ThreatEventDetail{
		RequestID:             ptr("D7861F61-5B61-46CE-A47C-6B1****"),
		EventLevel:            ptr("high"),
		EventTag:              ptr("MultipleDomainWebattack"),
		EventSuggest:          ptr("FixBug"),
		EventSrc:              ptr("XX.XX.XX.XX"),
		EventSrcRegion:        ptr("GB-ENG"),
		EventSrcCountry:       ptr("GB"),
		EventBlock:            ptr[int64](20),
		EventCnt:              ptr[int64](20),
		IsPersistent:          ptr(true),
		EndTime:               ptr[int64](1749916800000),
		EventIntelligence:     ptr(`["CVE-2020-14882","DDoS Attack"]`),
		EventIntelligenceList: []string{"CVE-2020-14882", "DDoS Attack"},
		EventCondition:        ptr(`{"end_ts": 1766637714, "start_ts": 1764096746, "condition": {"real_client_ip": ["78.153.140.179", "78.153.140.203", "78.153.140.177", "78.153.140.178", "78.153.140.151"]}}`),
		EventConditionParsed: &EventCondition{
			StartTime:     ptr[int64](1764096746000),
			EndTime:       ptr[int64](1766637714000),
			RealClientIPs: []string{"78.153.140.179", "78.153.140.203", "78.153.140.177", "78.153.140.178", "78.153.140.151"},
		},
	}
}

func TestDecodeThreatEventDetail_pageExample(t *testing.T) {
	t.Parallel()
	got, err := DecodeThreatEventDetail([]byte(wafPageExample))
	if err != nil {
		t.Fatal(err)
	}
	if want := wafPageExampleDetail(); !reflect.DeepEqual(got, want) {
		t.Errorf("DecodeThreatEventDetail(page example) =\n%+v\nwant\n%+v", got, want)
	}
}

// TestDecodeThreatEventDetail_variants decodes one ThreatEventDetail object
// per case and checks the fields it is about, and the warnings.
func TestDecodeThreatEventDetail_variants(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		detail    string // the ThreatEventDetail object
		check     func(t *testing.T, d *ThreatEventDetail)
		wantWarns []string
	}{
		{
			name:   "EndTime in seconds",
			detail: `{"EndTime": 1749916800}`,
			check:  func(t *testing.T, d *ThreatEventDetail) { wantInt(t, "EndTime", d.EndTime, ptr[int64](1749916800000)) },
		},
		{
			name:   "EndTime in milliseconds",
			detail: `{"EndTime": 1749916800000}`,
			check:  func(t *testing.T, d *ThreatEventDetail) { wantInt(t, "EndTime", d.EndTime, ptr[int64](1749916800000)) },
		},
		{
			name:   "EndTime as a string",
			detail: `{"EndTime": "1749916800"}`,
			check:  func(t *testing.T, d *ThreatEventDetail) { wantInt(t, "EndTime", d.EndTime, ptr[int64](1749916800000)) },
		},
		{
			name:   "EndTime zero is null",
			detail: `{"EventLevel":"low","EndTime": 0}`,
			check:  func(t *testing.T, d *ThreatEventDetail) { wantInt(t, "EndTime", d.EndTime, nil) },
		},
		{
			name:   "EventBlock and EventCnt as strings",
			detail: `{"EventBlock": "20", "EventCnt": " 7 "}`,
			check: func(t *testing.T, d *ThreatEventDetail) {
				wantInt(t, "EventBlock", d.EventBlock, ptr[int64](20))
				wantInt(t, "EventCnt", d.EventCnt, ptr[int64](7))
			},
		},
		{
			name:   "EventBlock and EventCnt as numbers",
			detail: `{"EventBlock": 20, "EventCnt": 9007199254740993}`,
			check: func(t *testing.T, d *ThreatEventDetail) {
				wantInt(t, "EventBlock", d.EventBlock, ptr[int64](20))
				wantInt(t, "EventCnt", d.EventCnt, ptr[int64](9007199254740993))
			},
		},
		{
			name:      "EventBlock not a number",
			detail:    `{"EventBlock": "many", "EventLevel": "low"}`,
			check:     func(t *testing.T, d *ThreatEventDetail) { wantInt(t, "EventBlock", d.EventBlock, nil) },
			wantWarns: []string{"ThreatEventDetail.EventBlock"},
		},
		{
			name:   "IsPersistent absent",
			detail: `{"EventLevel": "low"}`,
			check: func(t *testing.T, d *ThreatEventDetail) {
				if d.IsPersistent != nil {
					t.Errorf("IsPersistent = %v, want nil", *d.IsPersistent)
				}
			},
		},
		{
			name:   "IsPersistent 0",
			detail: `{"IsPersistent": 0}`,
			check:  func(t *testing.T, d *ThreatEventDetail) { wantBool(t, "IsPersistent", d.IsPersistent, ptr(false)) },
		},
		{
			name:   "IsPersistent as string 1",
			detail: `{"IsPersistent": "1"}`,
			check:  func(t *testing.T, d *ThreatEventDetail) { wantBool(t, "IsPersistent", d.IsPersistent, ptr(true)) },
		},
		{
			name:   "absent fields stay nil",
			detail: `{"EventLevel": "low"}`,
			check: func(t *testing.T, d *ThreatEventDetail) {
				want := &ThreatEventDetail{RequestID: ptr("R"), EventLevel: ptr("low")}
				if !reflect.DeepEqual(d, want) {
					t.Errorf("got %+v, want %+v", d, want)
				}
			},
		},
		{
			name:   "EventIntelligence empty string is an empty list",
			detail: `{"EventIntelligence": ""}`,
			check: func(t *testing.T, d *ThreatEventDetail) {
				wantStr(t, "EventIntelligence", d.EventIntelligence, ptr(""))
				wantList(t, d.EventIntelligenceList, []string{})
			},
		},
		{
			name:   "EventIntelligence null text",
			detail: `{"EventIntelligence": "null"}`,
			check: func(t *testing.T, d *ThreatEventDetail) {
				wantStr(t, "EventIntelligence", d.EventIntelligence, ptr("null"))
				wantList(t, d.EventIntelligenceList, nil)
			},
		},
		{
			name:   "EventIntelligence empty array",
			detail: `{"EventIntelligence": "[]"}`,
			check:  func(t *testing.T, d *ThreatEventDetail) { wantList(t, d.EventIntelligenceList, []string{}) },
		},
		{
			name:   "EventIntelligence with numbers",
			detail: `{"EventIntelligence": "[1, 2.5, \"x\"]"}`,
			check: func(t *testing.T, d *ThreatEventDetail) {
				wantList(t, d.EventIntelligenceList, []string{"1", "2.5", "x"})
			},
		},
		{
			name:   "EventIntelligence malformed keeps the raw text",
			detail: `{"EventIntelligence": "[\"CVE-2020-14882\""}`,
			check: func(t *testing.T, d *ThreatEventDetail) {
				wantStr(t, "EventIntelligence", d.EventIntelligence, ptr(`["CVE-2020-14882"`))
				wantList(t, d.EventIntelligenceList, nil)
			},
			wantWarns: []string{"ThreatEventDetail.EventIntelligence"},
		},
		{
			name:      "EventIntelligence an object, not an array",
			detail:    `{"EventIntelligence": "{\"a\":1}"}`,
			check:     func(t *testing.T, d *ThreatEventDetail) { wantList(t, d.EventIntelligenceList, nil) },
			wantWarns: []string{"ThreatEventDetail.EventIntelligence"},
		},
		{
			name:      "EventIntelligence a string, not an array",
			detail:    `{"EventIntelligence": "\"CVE\""}`,
			check:     func(t *testing.T, d *ThreatEventDetail) { wantList(t, d.EventIntelligenceList, nil) },
			wantWarns: []string{"ThreatEventDetail.EventIntelligence"},
		},
		{
			// Not JSON at all, but valid once wrapped in an object.
			name:      "EventIntelligence two values",
			detail:    `{"EventIntelligence": "[\"a\"], \"v\": [\"b\"]"}`,
			check:     func(t *testing.T, d *ThreatEventDetail) { wantList(t, d.EventIntelligenceList, nil) },
			wantWarns: []string{"ThreatEventDetail.EventIntelligence"},
		},
		{
			name:   "EventCondition empty string",
			detail: `{"EventCondition": ""}`,
			check: func(t *testing.T, d *ThreatEventDetail) {
				wantCondition(t, d.EventConditionParsed, &EventCondition{})
			},
		},
		{
			name:   "EventCondition empty object",
			detail: `{"EventCondition": "{}"}`,
			check: func(t *testing.T, d *ThreatEventDetail) {
				wantStr(t, "EventCondition", d.EventCondition, ptr("{}"))
				wantCondition(t, d.EventConditionParsed, &EventCondition{})
			},
		},
		{
			name:   "EventCondition null text",
			detail: `{"EventCondition": "null"}`,
			check:  func(t *testing.T, d *ThreatEventDetail) { wantCondition(t, d.EventConditionParsed, nil) },
		},
		{
			name:   "EventCondition malformed keeps the raw text",
			detail: `{"EventCondition": "{\"end_ts\": 1766637714,"}`,
			check: func(t *testing.T, d *ThreatEventDetail) {
				wantStr(t, "EventCondition", d.EventCondition, ptr(`{"end_ts": 1766637714,`))
				wantCondition(t, d.EventConditionParsed, nil)
			},
			wantWarns: []string{"ThreatEventDetail.EventCondition"},
		},
		{
			name:      "EventCondition an array",
			detail:    `{"EventCondition": "[1]"}`,
			check:     func(t *testing.T, d *ThreatEventDetail) { wantCondition(t, d.EventConditionParsed, nil) },
			wantWarns: []string{"ThreatEventDetail.EventCondition"},
		},
		{
			name:      "EventCondition with a bad start_ts",
			detail:    `{"EventCondition": "{\"start_ts\": \"soon\"}"}`,
			check:     func(t *testing.T, d *ThreatEventDetail) { wantCondition(t, d.EventConditionParsed, nil) },
			wantWarns: []string{"ThreatEventDetail.EventCondition"},
		},
		{
			name:   "EventCondition start_ts in seconds, end_ts in milliseconds, extra keys",
			detail: `{"EventCondition": "{\"start_ts\": 1764096746, \"end_ts\": 1766637714000, \"other\": {\"x\": 1}}"}`,
			check: func(t *testing.T, d *ThreatEventDetail) {
				wantCondition(t, d.EventConditionParsed, &EventCondition{
					StartTime: ptr[int64](1764096746000), EndTime: ptr[int64](1766637714000),
				})
			},
		},
		{
			name:   "EventCondition client IPs as numbers",
			detail: `{"EventCondition": "{\"condition\": {\"real_client_ip\": [\"1.2.3.4\", 5]}}"}`,
			check: func(t *testing.T, d *ThreatEventDetail) {
				wantCondition(t, d.EventConditionParsed, &EventCondition{RealClientIPs: []string{"1.2.3.4", "5"}})
			},
		},
		{
			name:      "EventCondition sent as an object, not a string",
			detail:    `{"EventCondition": {"start_ts": 1}}`,
			check:     func(t *testing.T, d *ThreatEventDetail) { wantCondition(t, d.EventConditionParsed, nil) },
			wantWarns: []string{"ThreatEventDetail.EventCondition"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			d, err := DecodeThreatEventDetail([]byte(`{"RequestId":"R","ThreatEventDetail":` + tt.detail + `}`))
			if err != nil {
				t.Fatal(err)
			}
			tt.check(t, d)
			if got := warningFields(d.Warnings); !slices.Equal(got, tt.wantWarns) {
				t.Errorf("warning fields = %q, want %q (%+v)", got, tt.wantWarns, d.Warnings)
			}
		})
	}
}

func TestDecodeThreatEventDetail_bodies(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		body      string
		wantErr   bool
		wantEmpty bool
	}{
		// Beside a RequestId, an absent, null or empty ThreatEventDetail is
		// an unknown event (answer_test.go).
		{"no ThreatEventDetail", `{"RequestId":"R"}`, false, true},
		{"null ThreatEventDetail", `{"RequestId":"R","ThreatEventDetail":null}`, false, true},
		{"empty ThreatEventDetail", `{"RequestId":"R","ThreatEventDetail":{}}`, false, true},
		{"truncated", `{"RequestId":"R","ThreatEventDetail":{"EventLevel":"hi`, true, false},
		{"array", `[]`, true, false},
		{"empty", ``, true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			d, err := DecodeThreatEventDetail([]byte(tt.body))
			if (err != nil) != tt.wantErr {
				t.Fatalf("error = %v, want error: %v", err, tt.wantErr)
			}
			if err != nil {
				return
			}
			if d.isEmpty() != tt.wantEmpty {
				t.Errorf("isEmpty = %v, want %v", d.isEmpty(), tt.wantEmpty)
			}
			wantStr(t, "RequestId", d.RequestID, ptr("R"))
		})
	}
}

func TestParseEventIntelligence(t *testing.T) {
	t.Parallel()
	tests := []struct {
		raw     string
		want    []string
		wantErr bool
	}{
		{``, []string{}, false},
		{`   `, []string{}, false},
		{`null`, nil, false},
		{`[]`, []string{}, false},
		{`["CVE-2020-14882","DDoS Attack"]`, []string{"CVE-2020-14882", "DDoS Attack"}, false},
		{` ["a"] `, []string{"a"}, false},
		{`["a"`, nil, true},
		{`{"a":1}`, nil, true},
		{`"a"`, nil, true},
		{`1`, nil, true},
		{`["a"], "v": ["b"]`, nil, true},
		{`[], "x": 1`, nil, true},
		{`["a"]}`, nil, true},
		{`CVE-2020-14882`, nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.raw, func(t *testing.T) {
			t.Parallel()
			got, err := parseEventIntelligence(tt.raw)
			if (err != nil) != tt.wantErr {
				t.Fatalf("parseEventIntelligence(%q) error = %v, want error: %v", tt.raw, err, tt.wantErr)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("parseEventIntelligence(%q) = %#v, want %#v", tt.raw, got, tt.want)
			}
		})
	}
}

func TestParseEventCondition(t *testing.T) {
	t.Parallel()
	tests := []struct {
		raw     string
		want    *EventCondition
		wantErr bool
	}{
		{``, &EventCondition{}, false},
		{`null`, nil, false},
		{`{}`, &EventCondition{}, false},
		{`{"start_ts": 1764096746}`, &EventCondition{StartTime: ptr[int64](1764096746000)}, false},
		{`{"start_ts": "1764096746", "end_ts": 0}`, &EventCondition{StartTime: ptr[int64](1764096746000)}, false},
		{`{"condition": {"real_client_ip": []}}`, &EventCondition{RealClientIPs: []string{}}, false},
		{`{"condition": {}}`, &EventCondition{}, false},
		{`{"condition": "x"}`, nil, true},
		{`{"start_ts": 2.5}`, nil, true},
		{`{`, nil, true},
		{`[]`, nil, true},
		{`"x"`, nil, true},
		{`{} {}`, nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.raw, func(t *testing.T) {
			t.Parallel()
			got, err := parseEventCondition(tt.raw)
			if (err != nil) != tt.wantErr {
				t.Fatalf("parseEventCondition(%q) error = %v, want error: %v", tt.raw, err, tt.wantErr)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("parseEventCondition(%q) = %+v, want %+v", tt.raw, got, tt.want)
			}
		})
	}
}

func TestDescribeThreatEventDetail(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name         string
		clientRegion string
		in           ThreatEventInput
		put          string // served for (cn-hangzhou, i-1, e-1) when set
		wantRegion   string
		wantNotFound bool
		wantWrong    *WrongInstanceError
		wantCode     string // an *APIError with this code
		// wantMissing: an *UnexpectedAnswerError missing these fields
		wantMissing []string
		check       func(t *testing.T, d *ThreatEventDetail)
	}{
		{
			name:       "page example",
			in:         ThreatEventInput{InstanceID: pageWAFInstance, EventID: pageWAFEvent},
			wantRegion: "cn-hangzhou",
			check: func(t *testing.T, d *ThreatEventDetail) {
				want := wafPageExampleDetail()
				want.RegionID = "cn-hangzhou"
				if !reflect.DeepEqual(d, want) {
					t.Errorf("got\n%+v\nwant\n%+v", d, want)
				}
			},
		},
		{
			name:         "mainland provider region",
			clientRegion: "cn-shanghai",
			in:           ThreatEventInput{InstanceID: pageWAFInstance, EventID: pageWAFEvent},
			wantRegion:   "cn-hangzhou",
		},
		{
			name:         "the mainland instance asked outside the mainland",
			clientRegion: "eu-central-1",
			in:           ThreatEventInput{InstanceID: pageWAFInstance, EventID: pageWAFEvent},
			wantWrong:    &WrongInstanceError{InstanceID: pageWAFInstance, Region: "ap-southeast-1", OtherRegion: "cn-hangzhou"},
		},
		{
			name:         "explicit region wins",
			clientRegion: "cn-shanghai",
			in:           ThreatEventInput{InstanceID: pageWAFInstance, EventID: pageWAFEvent, RegionID: "ap-southeast-1"},
			wantWrong:    &WrongInstanceError{InstanceID: pageWAFInstance, Region: "ap-southeast-1", OtherRegion: "cn-hangzhou"},
		},
		{
			name:      "a mistyped instance",
			in:        ThreatEventInput{InstanceID: "waf_v2_public_cn-typo", EventID: pageWAFEvent},
			wantWrong: &WrongInstanceError{InstanceID: "waf_v2_public_cn-typo", Region: "cn-hangzhou", Actual: pageWAFInstance},
		},
		{
			name:         "unknown event: empty ThreatEventDetail",
			in:           ThreatEventInput{InstanceID: pageWAFInstance, EventID: "nope"},
			wantNotFound: true,
		},
		{
			name:     "region WAF does not serve",
			in:       ThreatEventInput{InstanceID: pageWAFInstance, EventID: pageWAFEvent, RegionID: "us-east-1"},
			wantCode: "InvalidRegionId",
		},
		{
			name:     "missing event ID",
			in:       ThreatEventInput{InstanceID: pageWAFInstance},
			wantCode: "MissingParameter",
		},
		{
			name:         "event without ThreatEventDetail",
			in:           ThreatEventInput{InstanceID: "i-1", EventID: "e-1"},
			put:          `{"RequestId":"R-put"}`,
			wantNotFound: true,
		},
		{
			name:       "resource group ID is accepted",
			in:         ThreatEventInput{InstanceID: "i-1", EventID: "e-1", ResourceGroupID: "rg-1"},
			put:        `{"RequestId":"R-put","ThreatEventDetail":{"EventLevel":"low","EndTime":1749916800}}`,
			wantRegion: "cn-hangzhou",
			check: func(t *testing.T, d *ThreatEventDetail) {
				wantStr(t, "RequestId", d.RequestID, ptr("R-put"))
				wantInt(t, "EndTime", d.EndTime, ptr[int64](1749916800000))
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			cloud, srv := startFake(t)
			if tt.put != "" {
				cloud.PutWAFEvent("cn-hangzhou", "i-1", "e-1", []byte(tt.put))
			}
			c := newTestClient(t, srv.URL, func(cfg *Config) { cfg.Region = tt.clientRegion })
			d, err := c.DescribeThreatEventDetail(context.Background(), tt.in)
			switch {
			case tt.wantWrong != nil:
				var wrong *WrongInstanceError
				if !errors.As(err, &wrong) {
					t.Fatalf("error = %T %v, want *WrongInstanceError", err, err)
				}
				got := *wrong
				got.RequestID = ""
				if got != *tt.wantWrong || wrong.RequestID == "" {
					t.Errorf("error = %+v, want %+v with a RequestId", *wrong, *tt.wantWrong)
				}
			case tt.wantMissing != nil:
				_ = checkUnexpected(t, err, tt.wantMissing, "")
			case tt.wantNotFound:
				var nf *NotFoundError
				if !errors.As(err, &nf) {
					t.Fatalf("error = %T %v, want *NotFoundError", err, err)
				}
				if nf.RequestID == "" || !strings.Contains(nf.Error(), nf.RequestID) {
					t.Errorf("NotFoundError %q lacks the request ID %q", nf.Error(), nf.RequestID)
				}
				if d != nil {
					t.Errorf("detail = %+v, want nil", d)
				}
			case tt.wantCode != "":
				apiErr := asAPIError(t, err)
				if apiErr.Code != tt.wantCode || apiErr.RequestID == "" {
					t.Errorf("error = %+v, want Code %s with a RequestId", apiErr, tt.wantCode)
				}
				var nf *NotFoundError
				if errors.As(err, &nf) {
					t.Errorf("a %s error is not a NotFoundError", tt.wantCode)
				}
			default:
				if err != nil {
					t.Fatal(err)
				}
				if d.RegionID != tt.wantRegion {
					t.Errorf("RegionID = %q, want %q", d.RegionID, tt.wantRegion)
				}
				if tt.check != nil {
					tt.check(t, d)
				}
			}
		})
	}
}

// A 200 answer cut short is a lost connection, not an answer: it is retried,
// and reported as a transport failure when it stays broken.
func TestDescribeThreatEventDetail_truncatedBody(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		failFirst  int
		maxRetries int
		wantErr    bool
	}{
		{"retried until whole", 2, 3, false},
		{"broken on every attempt", 5, 1, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			cloud, srv := startFake(t)
			cloud.SetFault(WAFThreatEventAction, fakecloud.Fault{FailFirst: tt.failFirst, FailWith: "Truncated"})
			c := newTestClient(t, srv.URL, func(cfg *Config) { cfg.MaxRetries = tt.maxRetries })
			_, err := readPageWAFEvent(context.Background(), c)
			if !tt.wantErr {
				if err != nil {
					t.Fatalf("unexpected error: %v", err)
				}
				return
			}
			var transport *TransportError
			if !errors.As(err, &transport) || !strings.Contains(err.Error(), "not complete JSON") {
				t.Fatalf("error = %v, want a transport error about incomplete JSON", err)
			}
			if got := cloud.Requests(WAFThreatEventAction); got != tt.maxRetries+1 {
				t.Errorf("the fake cloud saw %d requests, want %d", got, tt.maxRetries+1)
			}
		})
	}
}

func wantInt(t *testing.T, name string, got, want *int64) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s = %v, want %v", name, deref64(got), deref64(want))
	}
}

func wantBool(t *testing.T, name string, got, want *bool) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s = %v, want %v", name, got, want)
	}
}

func wantStr(t *testing.T, name string, got, want *string) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s = %v, want %v", name, derefStr(got), derefStr(want))
	}
}

func derefStr(p *string) any {
	if p == nil {
		return nil
	}
	return *p
}

func wantList(t *testing.T, got, want []string) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("list = %#v, want %#v", got, want)
	}
}

func wantCondition(t *testing.T, got, want *EventCondition) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("EventConditionParsed = %+v, want %+v", got, want)
	}
}

// TestThreatEventDetail_isEmptyCoversEveryField holds isEmpty to the
// struct: an event with any one field set is an event, not "not found".
func TestThreatEventDetail_isEmptyCoversEveryField(t *testing.T) {
	t.Parallel()
	bookkeeping := map[string]bool{"RequestID": true, "RegionID": true, "Warnings": true, "InstanceNotVerified": true,
		// Decoded from EventIntelligence and EventCondition, which isEmpty checks.
		"EventIntelligenceList": true, "EventConditionParsed": true}
	typ := reflect.TypeOf(ThreatEventDetail{})
	for i := range typ.NumField() {
		f := typ.Field(i)
		if bookkeeping[f.Name] {
			continue
		}
		var d ThreatEventDetail
		field := reflect.ValueOf(&d).Elem().Field(i)
		if field.Kind() != reflect.Pointer {
			t.Errorf("%s is a %s: a field the API may leave out must be a pointer", f.Name, f.Type)
			continue
		}
		field.Set(reflect.New(f.Type.Elem()))
		if d.isEmpty() {
			t.Errorf("an event with only %s set reads as not found: isEmpty does not look at it", f.Name)
		}
	}
}
