package fakecloud

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strconv"
)

// page is one page of a list action's paging parameters.
type page struct{ number, size int }

// readPage reads a page number and size the way the list actions check them.
func readPage(params url.Values, numberParam string, defaultSize, maxSize int) (page, *apiError) {
	p := page{number: 1, size: defaultSize}
	if v := params.Get(numberParam); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			return p, errInvalidParameter(fmt.Sprintf("%s must be a positive integer, got %q", numberParam, v))
		}
		p.number = n
	}
	if v := params.Get("PageSize"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > maxSize {
			return p, &apiError{http.StatusBadRequest, "InvalidParameter.PageSize", fmt.Sprintf("PageSize must be 1 to %d, got %q.", maxSize, v)}
		}
		p.size = n
	}
	return p, nil
}

func (p page) slice(n int) (from, to int) {
	from = min((p.number-1)*p.size, n)
	return from, min(from+p.size, n)
}

// millisParam reads a Unix millisecond parameter; absent is ok=false.
func millisParam(params url.Values, name string) (ms int64, ok bool, e *apiError) {
	v := params.Get(name)
	if v == "" {
		return 0, false, nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n < 0 {
		return 0, false, errInvalidParameter(fmt.Sprintf("%s must be a Unix timestamp in milliseconds, got %q", name, v))
	}
	return n, true, nil
}

// jsonObject decodes a stored response with exact numbers.
func jsonObject(raw []byte) map[string]any {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var m map[string]any
	if dec.Decode(&m) != nil {
		return nil
	}
	return m
}

func field(m map[string]any, key string) string {
	switch v := m[key].(type) {
	case string:
		return v
	case json.Number:
		return v.String()
	case bool:
		return strconv.FormatBool(v)
	}
	return ""
}

// millis reads a stored timestamp the way the API means it: seconds below
// 10^11, milliseconds above.
func millis(m map[string]any, key string) int64 {
	n, err := strconv.ParseInt(field(m, key), 10, 64)
	if err != nil {
		return 0
	}
	if n < 100_000_000_000 {
		return n * 1000
	}
	return n
}

type wafListItem struct {
	id     string
	end    int64
	fields map[string]any
}

func (s *Server) describeThreatEvent(params url.Values, requestID string) ([]byte, *apiError) {
	readings := s.Readings()
	region, e := wafRegion(params)
	if e != nil {
		return nil, e
	}
	start, _, e := millisParam(params, "StartTime")
	if e != nil {
		return nil, e
	}
	end, _, e := millisParam(params, "EndTime")
	if e != nil {
		return nil, e
	}
	if end <= start {
		return nil, errInvalidParameter("StartTime must be earlier than EndTime")
	}
	pg, e := readPage(params, "PageNumber", 5, 200)
	if e != nil {
		return nil, e
	}
	// The parameters are checked first, as a gateway does before the service.
	if e := s.checkWAFInstance(region, params.Get("InstanceId")); e != nil {
		return nil, e
	}
	items := s.wafEventsIn(region, params.Get("InstanceId"), params.Get("DomainName"), start, end)
	from, to := pg.slice(len(items))
	events := make([]map[string]any, 0, to-from)
	for _, it := range items[from:to] {
		events = append(events, it.fields)
	}
	body := map[string]any{"RequestId": requestID, "TotalCount": readings.wafTotalCount(len(items), len(events))}
	readings.putItems(body, "ThreatEvents", events)
	return marshal(body)
}

// wafEventsIn lists an instance's events that ended in [start, end],
// latest first.
func (s *Server) wafEventsIn(region, instance, domain string, start, end int64) []wafListItem {
	s.mu.Lock()
	defer s.mu.Unlock()
	var items []wafListItem
	for key, raw := range s.wafEvents {
		if key.region != region || key.instance != instance || (domain != "" && s.wafDomain[key] != domain) {
			continue
		}
		detail, _ := jsonObject(raw)["ThreatEventDetail"].(map[string]any)
		if len(detail) == 0 {
			continue
		}
		ended := millis(detail, "EndTime")
		if ended < start || ended > end {
			continue
		}
		item := map[string]any{"EventId": key.event}
		for _, k := range []string{"EventLevel", "EventSrc", "EventTag", "EndTime"} {
			if v, ok := detail[k]; ok {
				item[k] = v
			}
		}
		if d := s.wafDomain[key]; d != "" {
			item["EventTarget"] = d + "-waf"
		}
		if rate := blockRate(detail); rate != "" {
			item["BlockRate"] = rate
		}
		items = append(items, wafListItem{id: key.event, end: ended, fields: item})
	}
	sort.Slice(items, func(i, j int) bool {
		if items[i].end != items[j].end {
			return items[i].end > items[j].end
		}
		return items[i].id < items[j].id
	})
	return items
}

func blockRate(detail map[string]any) string {
	blocked, err1 := strconv.ParseFloat(field(detail, "EventBlock"), 64)
	total, err2 := strconv.ParseFloat(field(detail, "EventCnt"), 64)
	if err1 != nil || err2 != nil || total <= 0 {
		return ""
	}
	return strconv.FormatFloat(100*blocked/total, 'f', -1, 64) + "%"
}

// dscListFields are the Event fields DescribeEvents reports for each item.
var dscListFields = []string{
	"AlertTime", "Backed", "DealDisplayName", "DealLoginName", "DealTime", "DealUserId", "DisplayName",
	"EventTime", "Id", "LoginName", "ProductCode", "Status", "StatusName", "SubTypeCode", "SubTypeName",
	"TargetProductCode", "TypeCode", "TypeName", "UserId", "WarnLevel",
}

// dscFilters maps DescribeEvents filter parameters to the Event field each matches.
var dscFilters = map[string]string{
	"Status": "Status", "TypeCode": "TypeCode", "SubTypeCode": "SubTypeCode", "ProductCode": "ProductCode",
	"WarnLevel": "WarnLevel", "UserName": "LoginName", "InstanceName": "DataInstance", "Id": "Id",
	"UserId": "UserId", "DealUserId": "DealUserId", "TargetProductCode": "TargetProductCode",
}

func (s *Server) describeEvents(params url.Values, requestID string) ([]byte, *apiError) {
	readings := s.Readings()
	if lang := params.Get("Lang"); lang != "" && lang != "zh_cn" && lang != "en_us" {
		return nil, errInvalidParameter(fmt.Sprintf("Lang must be zh_cn or en_us, got %q", lang))
	}
	start, hasStart, e := readings.dscTimeParam(params, "StartTime")
	if e != nil {
		return nil, e
	}
	end, hasEnd, e := readings.dscTimeParam(params, "EndTime")
	if e != nil {
		return nil, e
	}
	if hasStart && hasEnd && end <= start {
		return nil, errInvalidParameter("StartTime must be earlier than EndTime")
	}
	pg, e := readPage(params, "CurrentPage", 10, maxDSCPageSize)
	if e != nil {
		return nil, e
	}
	// The served size, not the asked one, cuts the pages and is echoed.
	pg.size = min(pg.size, readings.DSCPageCap)
	items := s.dscEventsMatching(func(ev map[string]any) bool {
		at := millis(ev, "EventTime")
		if (hasStart && at < start) || (hasEnd && at >= end) {
			return false
		}
		for param, key := range dscFilters {
			if want := params.Get(param); want != "" && field(ev, key) != want {
				return false
			}
		}
		return true
	})
	from, to := pg.slice(len(items))
	body := map[string]any{
		"RequestId": requestID, "CurrentPage": pg.number, "PageSize": pg.size, "TotalCount": len(items),
	}
	readings.putItems(body, "Items", items[from:to])
	return marshal(body)
}

// dscEventsMatching lists the events keep accepts, latest first.
func (s *Server) dscEventsMatching(keep func(map[string]any) bool) []map[string]any {
	s.mu.Lock()
	defer s.mu.Unlock()
	var events []map[string]any
	for _, raw := range s.dscEvents {
		ev, _ := jsonObject(raw)["Event"].(map[string]any)
		if len(ev) == 0 || !keep(ev) {
			continue
		}
		item := map[string]any{}
		for _, k := range dscListFields {
			if v, ok := ev[k]; ok {
				item[k] = v
			}
		}
		events = append(events, item)
	}
	sort.Slice(events, func(i, j int) bool {
		ti, tj := millis(events[i], "EventTime"), millis(events[j], "EventTime")
		if ti != tj {
			return ti > tj
		}
		idI, _ := strconv.ParseInt(field(events[i], "Id"), 10, 64)
		idJ, _ := strconv.ParseInt(field(events[j], "Id"), 10, 64)
		return idI > idJ
	})
	return events
}
