package alicloud

import (
	"context"
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// dscPageExample is the success response printed on the Data Security
// Center DescribeEventDetail API page.
const dscPageExample = `{
  "RequestId": "69FB3C1-F4C9-42DF-9B72-7077A8989C13",
  "Event": {
    "DisplayName": "yundunsr",
    "Status": 0,
    "DealReason": "Anomaly confirmed\n",
    "UserId": 0,
    "StatusName": "Pending",
    "DealTime": 1611139155000,
    "DealLoginName": "det1111",
    "SubTypeName": "Anomalous volume of downloaded data\n",
    "Backed": false,
    "DataInstance": "in-222***",
    "EventTime": 1545829129000,
    "LoginName": "det1111",
    "SubTypeCode": "020008",
    "LogDetail": "{\"client_ip\": [\"106.11.XX.XX\"], \"start_time\": \"2020-05-10 00:00:01\", \"user_name\": 1512222261295262}",
    "TypeCode": "02",
    "AlertTime": 1545829129000,
    "DealUserId": 0,
    "TypeName": "Anomalous data flow\n",
    "DealDisplayName": "yundunsr",
    "Id": 52234,
    "ProductCode": "MaxCompute",
    "HandleInfoList": [
      {
        "Status": 1,
        "EnableTime": 1611139155000,
        "HandlerValue": 10,
        "DisableTime": 1611139155000,
        "HandlerName": "Remove from the whitelist\n",
        "HandlerType": "rds_security_ip",
        "CurrentValue": "sddp-test2",
        "Id": 11
      }
    ],
    "Detail": {
      "Content": [
        {
          "Label": "Anomaly description\n",
          "Value": "The account was used to access OSS from an unusual terminal.",
          "Name": "daliaoyuncom"
        }
      ],
      "Chart": [
        {
          "Type": "1",
          "Label": "Baseline behavior chart\n",
          "XLabel": "Number of days\n",
          "YLabel": "Value",
          "Data": {
            "Y": ["[1,2,3,...]"],
            "X": ["[test1,test2,...]"],
            "Z": ["[5,7,...]"]
          },
          "ChatType": 1,
          "Name": "misskingm",
          "ZLabel": "chart description"
        }
      ],
      "ResourceInfo": [
        {
          "Label": "Risk",
          "Value": "Based on the record of authentication by using an unusual terminal."
        }
      ]
    },
    "NewAlarm": true
  }
}`

func dscPageExampleEvent() *DSCEvent {
	return &DSCEvent{
		RequestID:       ptr("69FB3C1-F4C9-42DF-9B72-7077A8989C13"),
		ID:              ptr[int64](52234),
		DisplayName:     ptr("yundunsr"),
		LoginName:       ptr("det1111"),
		UserID:          ptr[int64](0),
		Status:          ptr[int64](0),
		StatusName:      ptr("Pending"),
		DealReason:      ptr("Anomaly confirmed\n"),
		DealLoginName:   ptr("det1111"),
		DealDisplayName: ptr("yundunsr"),
		DealUserID:      ptr[int64](0),
		DealTime:        ptr[int64](1611139155000),
		EventTime:       ptr[int64](1545829129000),
		AlertTime:       ptr[int64](1545829129000),
		TypeCode:        ptr("02"),
		TypeName:        ptr("Anomalous data flow\n"),
		SubTypeCode:     ptr("020008"),
		SubTypeName:     ptr("Anomalous volume of downloaded data\n"),
		ProductCode:     ptr("MaxCompute"),
		DataInstance:    ptr("in-222***"),
		Backed:          ptr(false),
		NewAlarm:        ptr(true),
		LogDetail:       ptr(`{"client_ip": ["106.11.XX.XX"], "start_time": "2020-05-10 00:00:01", "user_name": 1512222261295262}`),
		HandleInfoList: []HandleInfo{{
			ID:           ptr[int64](11),
			Status:       ptr[int64](1),
			HandlerName:  ptr("Remove from the whitelist\n"),
			HandlerType:  ptr("rds_security_ip"),
			HandlerValue: ptr[int64](10),
			CurrentValue: ptr("sddp-test2"),
			EnableTime:   ptr[int64](1611139155000),
			DisableTime:  ptr[int64](1611139155000),
		}},
		Detail: &DSCEventDetail{
			Content: []DSCContent{{
				Label: ptr("Anomaly description\n"),
				Value: ptr("The account was used to access OSS from an unusual terminal."),
				Name:  ptr("daliaoyuncom"),
			}},
			Chart: []DSCChart{{
				Name:     ptr("misskingm"),
				Label:    ptr("Baseline behavior chart\n"),
				Type:     ptr("1"),
				ChatType: ptr[int64](1),
				XLabel:   ptr("Number of days\n"),
				YLabel:   ptr("Value"),
				ZLabel:   ptr("chart description"),
				Data: &DSCChartData{
					X: []string{"[test1,test2,...]"},
					Y: []string{"[1,2,3,...]"},
					Z: []string{"[5,7,...]"},
				},
			}},
			ResourceInfo: []DSCResourceInfo{{
				Label: ptr("Risk"),
				Value: ptr("Based on the record of authentication by using an unusual terminal."),
			}},
		},
	}
}

func TestDecodeEventDetail_pageExample(t *testing.T) {
	t.Parallel()
	got, err := DecodeEventDetail([]byte(dscPageExample))
	if err != nil {
		t.Fatal(err)
	}
	if want := dscPageExampleEvent(); !reflect.DeepEqual(got, want) {
		t.Errorf("DecodeEventDetail(page example) =\n%+v\nwant\n%+v", got, want)
	}
}

func TestDecodeEventDetail_variants(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		event     string // the Event object
		check     func(t *testing.T, e *DSCEvent)
		wantWarns []string
	}{
		{
			name:  "IDs above 2^53 stay exact",
			event: `{"Id": 9007199254740993, "UserId": 2291574433850141235, "DealUserId": "9223372036854775807"}`,
			check: func(t *testing.T, e *DSCEvent) {
				wantInt(t, "Id", e.ID, ptr[int64](9007199254740993))
				wantInt(t, "UserId", e.UserID, ptr[int64](2291574433850141235))
				wantInt(t, "DealUserId", e.DealUserID, ptr[int64](9223372036854775807))
			},
		},
		{
			name:  "chart data numbers become strings",
			event: `{"Id": 1, "Detail": {"Chart": [{"Data": {"X": ["d1", "d2"], "Y": [1, 2.5, -3], "Z": [9007199254740993, {"k": 1}]}}]}}`,
			check: func(t *testing.T, e *DSCEvent) {
				want := &DSCChartData{X: []string{"d1", "d2"}, Y: []string{"1", "2.5", "-3"}, Z: []string{"9007199254740993", `{"k":1}`}}
				if e.Detail == nil || len(e.Detail.Chart) != 1 || !reflect.DeepEqual(e.Detail.Chart[0].Data, want) {
					t.Errorf("Detail = %+v, want chart data %+v", e.Detail, want)
				}
			},
		},
		{
			name:  "chart without Data",
			event: `{"Id": 1, "Detail": {"Chart": [{"Name": "c"}]}}`,
			check: func(t *testing.T, e *DSCEvent) {
				want := &DSCEventDetail{Chart: []DSCChart{{Name: ptr("c")}}}
				if !reflect.DeepEqual(e.Detail, want) {
					t.Errorf("Detail = %+v, want %+v", e.Detail, want)
				}
			},
		},
		{
			name:  "missing Detail is nil",
			event: `{"Id": 1}`,
			check: func(t *testing.T, e *DSCEvent) {
				if e.Detail != nil {
					t.Errorf("Detail = %+v, want nil", e.Detail)
				}
			},
		},
		{
			name:  "null Detail is nil",
			event: `{"Id": 1, "Detail": null}`,
			check: func(t *testing.T, e *DSCEvent) {
				if e.Detail != nil {
					t.Errorf("Detail = %+v, want nil", e.Detail)
				}
			},
		},
		{
			name:  "empty Detail has nil lists",
			event: `{"Id": 1, "Detail": {}}`,
			check: func(t *testing.T, e *DSCEvent) {
				if !reflect.DeepEqual(e.Detail, &DSCEventDetail{}) {
					t.Errorf("Detail = %+v, want an empty detail", e.Detail)
				}
			},
		},
		{
			name:  "Detail with empty lists keeps them empty",
			event: `{"Id": 1, "Detail": {"Content": [], "Chart": [], "ResourceInfo": []}}`,
			check: func(t *testing.T, e *DSCEvent) {
				want := &DSCEventDetail{Content: []DSCContent{}, Chart: []DSCChart{}, ResourceInfo: []DSCResourceInfo{}}
				if !reflect.DeepEqual(e.Detail, want) {
					t.Errorf("Detail = %#v, want %#v", e.Detail, want)
				}
			},
		},
		{
			name:  "HandleInfoList null is nil",
			event: `{"Id": 1, "HandleInfoList": null}`,
			check: func(t *testing.T, e *DSCEvent) {
				if e.HandleInfoList != nil {
					t.Errorf("HandleInfoList = %#v, want nil", e.HandleInfoList)
				}
			},
		},
		{
			name:  "HandleInfoList absent is nil",
			event: `{"Id": 1}`,
			check: func(t *testing.T, e *DSCEvent) {
				if e.HandleInfoList != nil {
					t.Errorf("HandleInfoList = %#v, want nil", e.HandleInfoList)
				}
			},
		},
		{
			name:  "HandleInfoList empty is empty, not nil",
			event: `{"Id": 1, "HandleInfoList": []}`,
			check: func(t *testing.T, e *DSCEvent) {
				if e.HandleInfoList == nil || len(e.HandleInfoList) != 0 {
					t.Errorf("HandleInfoList = %#v, want empty and non-nil", e.HandleInfoList)
				}
			},
		},
		{
			name:  "permanent handling, times in seconds, negative status",
			event: `{"Id": 1, "HandleInfoList": [{"Id": "12", "Status": -2, "EnableTime": 1611139155, "DisableTime": 0}]}`,
			check: func(t *testing.T, e *DSCEvent) {
				want := []HandleInfo{{ID: ptr[int64](12), Status: ptr[int64](-2), EnableTime: ptr[int64](1611139155000)}}
				if !reflect.DeepEqual(e.HandleInfoList, want) {
					t.Errorf("HandleInfoList = %+v, want %+v", e.HandleInfoList, want)
				}
			},
		},
		{
			name:  "flags as 0/1 and strings",
			event: `{"Id": 1, "Backed": 1, "NewAlarm": "false"}`,
			check: func(t *testing.T, e *DSCEvent) {
				wantBool(t, "Backed", e.Backed, ptr(true))
				wantBool(t, "NewAlarm", e.NewAlarm, ptr(false))
			},
		},
		{
			name:  "times in seconds become milliseconds",
			event: `{"Id": 1, "DealTime": 1611139155, "EventTime": "1545829129", "AlertTime": 0}`,
			check: func(t *testing.T, e *DSCEvent) {
				wantInt(t, "DealTime", e.DealTime, ptr[int64](1611139155000))
				wantInt(t, "EventTime", e.EventTime, ptr[int64](1545829129000))
				wantInt(t, "AlertTime", e.AlertTime, nil)
			},
		},
		{
			name:  "absent fields stay nil",
			event: `{"Id": 5}`,
			check: func(t *testing.T, e *DSCEvent) {
				want := &DSCEvent{RequestID: ptr("R"), ID: ptr[int64](5)}
				if !reflect.DeepEqual(e, want) {
					t.Errorf("got %+v, want %+v", e, want)
				}
			},
		},
		{
			name:  "LogDetail is kept verbatim",
			event: `{"Id": 1, "LogDetail": "{\"user_name\": 1512222261295262, \"x\": [1,2]}"}`,
			check: func(t *testing.T, e *DSCEvent) {
				wantStr(t, "LogDetail", e.LogDetail, ptr(`{"user_name": 1512222261295262, "x": [1,2]}`))
			},
		},
		{
			name:      "a bad item is reported by its path",
			event:     `{"Id": 1, "HandleInfoList": [{"Id": 1}, {"Id": 2.5}]}`,
			check:     func(t *testing.T, e *DSCEvent) { wantInt(t, "HandleInfoList[1].Id", e.HandleInfoList[1].ID, nil) },
			wantWarns: []string{"Event.HandleInfoList[1].Id"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e, err := DecodeEventDetail([]byte(`{"RequestId":"R","Event":` + tt.event + `}`))
			if err != nil {
				t.Fatal(err)
			}
			tt.check(t, e)
			if got := warningFields(e.Warnings); !slices.Equal(got, tt.wantWarns) {
				t.Errorf("warning fields = %q, want %q", got, tt.wantWarns)
			}
		})
	}
}

func TestDecodeEventDetail_bodies(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		body    string
		wantErr bool
	}{
		// Without an Event object the answer is not one (answer_test.go).
		{"no Event", `{"RequestId":"R"}`, false},
		{"null Event", `{"RequestId":"R","Event":null}`, false},
		{"empty Event", `{"RequestId":"R","Event":{}}`, false},
		{"truncated", `{"RequestId":"R","Event":{"Id":`, true},
		{"not an object", `"R"`, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e, err := DecodeEventDetail([]byte(tt.body))
			if (err != nil) != tt.wantErr {
				t.Fatalf("error = %v, want error: %v", err, tt.wantErr)
			}
			if err == nil && !reflect.DeepEqual(e, &DSCEvent{RequestID: ptr("R")}) {
				t.Errorf("got %+v, want only the request ID", e)
			}
		})
	}
}

func TestDescribeEventDetail(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name         string
		in           DSCEventInput
		put          string // served for ID 77 when set
		wantNotFound bool
		wantCode     string
		wantMissing  []string // an *UnexpectedAnswerError missing these fields
		wantProblem  string   // an *UnexpectedAnswerError with this problem
		check        func(t *testing.T, e *DSCEvent)
	}{
		{
			name: "page example",
			in:   DSCEventInput{ID: pageDSCEvent},
			check: func(t *testing.T, e *DSCEvent) {
				// The fixture's LogDetail and texts are the page's in full,
				// so compare what the shortened constant above does not.
				want := dscPageExampleEvent()
				want.RegionID = "cn-zhangjiakou" // the test client's region is the default, cn-hangzhou
				want.LogDetail, e.LogDetail = nil, nil
				want.Detail.Content[0].Value, e.Detail.Content[0].Value = nil, nil
				want.Detail.ResourceInfo[0].Value, e.Detail.ResourceInfo[0].Value = nil, nil
				if !reflect.DeepEqual(e, want) {
					t.Errorf("got\n%+v\nwant\n%+v", e, want)
				}
			},
		},
		{name: "English", in: DSCEventInput{ID: pageDSCEvent, Lang: "en"}},
		{name: "Chinese", in: DSCEventInput{ID: pageDSCEvent, Lang: "zh"}},
		{name: "unknown event", in: DSCEventInput{ID: 5}, wantNotFound: true},
		{name: "unsupported language", in: DSCEventInput{ID: pageDSCEvent, Lang: "fr"}, wantCode: "InvalidParameter"},
		{name: "zero ID", in: DSCEventInput{ID: 0}, wantCode: "InvalidParameter"},
		{name: "empty event", in: DSCEventInput{ID: 77}, put: `{"RequestId":"R-put","Event":{}}`, wantNotFound: true},
		{name: "no event", in: DSCEventInput{ID: 77}, put: `{"RequestId":"R-put"}`, wantNotFound: true},
		{name: "null event", in: DSCEventInput{ID: 77}, put: `{"RequestId":"R-put","Event":null}`, wantNotFound: true},
		{name: "another event's answer", in: DSCEventInput{ID: 77}, put: `{"RequestId":"R-put","Event":{"Id":78,"Status":0}}`,
			wantProblem: "Event.Id is 78, but event 77 was asked for"},
		{
			name: "ID above 2^53",
			in:   DSCEventInput{ID: 77},
			put:  `{"RequestId":"R-put","Event":{"Id":77,"UserId":9007199254740993}}`,
			check: func(t *testing.T, e *DSCEvent) {
				wantInt(t, "UserId", e.UserID, ptr[int64](9007199254740993))
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			cloud, srv := startFake(t)
			if tt.put != "" {
				cloud.PutDSCEvent("77", []byte(tt.put))
			}
			c := newTestClient(t, srv.URL, nil)
			e, err := c.DescribeEventDetail(context.Background(), tt.in)
			switch {
			case tt.wantMissing != nil || tt.wantProblem != "":
				_ = checkUnexpected(t, err, tt.wantMissing, tt.wantProblem)
			case tt.wantNotFound:
				var nf *NotFoundError
				if !errors.As(err, &nf) {
					t.Fatalf("error = %T %v, want *NotFoundError", err, err)
				}
				if nf.RequestID == "" || !strings.Contains(nf.Error(), "event") {
					t.Errorf("NotFoundError = %q (RequestId %q), want a request ID and the event", nf.Error(), nf.RequestID)
				}
			case tt.wantCode != "":
				apiErr := asAPIError(t, err)
				if apiErr.Code != tt.wantCode {
					t.Errorf("Code = %q, want %q", apiErr.Code, tt.wantCode)
				}
			default:
				if err != nil {
					t.Fatal(err)
				}
				if tt.check != nil {
					tt.check(t, e)
				}
			}
		})
	}
}

// TestDSC_regionID checks the RegionId each Data Security Center read sends:
// the one asked for, else the API region serving the client's region; and
// that a configured endpoint still receives the call whatever the region.
func TestDSC_regionID(t *testing.T) {
	t.Parallel()
	reads := []struct {
		action string
		read   func(c *Client, region string) (string, error)
	}{
		{DSCEventAction, func(c *Client, region string) (string, error) {
			e, err := c.DescribeEventDetail(context.Background(), DSCEventInput{ID: pageDSCEvent, RegionID: region})
			if err != nil {
				return "", err
			}
			return e.RegionID, nil
		}},
		{DSCEventsAction, func(c *Client, region string) (string, error) {
			list, err := c.DescribeEvents(context.Background(), DSCEventsInput{RegionID: region})
			if err != nil {
				return "", err
			}
			return list.RegionID, nil
		}},
	}
	tests := []struct {
		name         string
		clientRegion string // the provider region; empty: the default, cn-hangzhou
		regionID     string // DSCEventInput.RegionID / DSCEventsInput.RegionID
		want         string
	}{
		{name: "default region", want: "cn-zhangjiakou"},
		{name: "mainland region", clientRegion: "cn-shanghai", want: "cn-zhangjiakou"},
		{name: "Zhangjiakou itself", clientRegion: "cn-zhangjiakou", want: "cn-zhangjiakou"},
		{name: "Hong Kong", clientRegion: "cn-hongkong", want: "cn-hongkong"},
		{name: "Singapore", clientRegion: "ap-southeast-1", want: "ap-southeast-1"},
		{name: "elsewhere", clientRegion: "eu-central-1", want: "ap-southeast-1"},
		{name: "explicit Singapore from Hong Kong", clientRegion: "cn-hongkong", regionID: "ap-southeast-1", want: "ap-southeast-1"},
		{name: "explicit Hong Kong from the mainland", clientRegion: "cn-beijing", regionID: "cn-hongkong", want: "cn-hongkong"},
		{name: "explicit Zhangjiakou from elsewhere", clientRegion: "us-east-1", regionID: "cn-zhangjiakou", want: "cn-zhangjiakou"},
	}
	for _, tt := range tests {
		for _, r := range reads {
			t.Run(tt.name+"/"+r.action, func(t *testing.T) {
				t.Parallel()
				cloud, srv := startFake(t)
				c := newTestClient(t, srv.URL, func(cfg *Config) { cfg.Region = tt.clientRegion })
				got, err := r.read(c, tt.regionID)
				if err != nil {
					t.Fatal(err)
				}
				if got != tt.want {
					t.Errorf("RegionID = %q, want %q", got, tt.want)
				}
				if regions := cloud.RegionIDs(r.action); cloud.Requests(r.action) != 1 || !slices.Equal(regions, []string{tt.want}) {
					t.Errorf("RegionId sent = %q in %d requests, want one request with %q", regions, cloud.Requests(r.action), tt.want)
				}
			})
		}
	}
}
