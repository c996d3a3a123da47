package fakecloud

import "encoding/json"

// brokenAnswers are the FailWith kinds that answer HTTP 200 with valid JSON
// lacking what the action always sends, as a proxy, a captive portal or a
// wrong endpoint does. A client must not read them as "no events"; since they
// are well-formed JSON, a client does not retry them either, so FailFirst: 1
// fails a read.
//
// writeBroken has no action, so each body carries the keys of every action
// that needs them (ThreatEvents and Items for the two list actions,
// ThreatEventDetail and Event for the two detail actions); each action's
// answer is read only for its own keys. Every kind but Empty200 and
// MissingRequestId carries the request's ID as RequestId.
//
//   - "Empty200": {} (every action).
//   - "RequestIdOnly": only RequestId (every action: no TotalCount, item
//     array or event object).
//   - "MissingRequestId": a well-formed answer without RequestId: an empty
//     list (TotalCount 0, []) and a small event (every action).
//   - "MissingTotalCount": an empty item array without TotalCount (list actions).
//   - "MissingItems": TotalCount 0 without an item array (list actions).
//   - "NullItems": TotalCount 0 with a null item array (list actions).
//   - "MalformedItems": TotalCount 1 with the item array a string (list actions).
//   - "NonObjectItem": TotalCount 1 with the item array [42] (list actions).
//
// MissingItems and NullItems are empty pages as the EmptyItems readings
// absent (the default) and null answer them: broken only for a client that
// expects the item array on every page.
var brokenAnswers = map[string]func(requestID string) map[string]any{
	"Empty200":      func(string) map[string]any { return map[string]any{} },
	"RequestIdOnly": func(id string) map[string]any { return map[string]any{"RequestId": id} },
	"MissingRequestId": func(string) map[string]any {
		return map[string]any{
			"TotalCount": 0, "ThreatEvents": []any{}, "Items": []any{},
			"ThreatEventDetail": map[string]any{"EventLevel": "low"},
			"Event":             map[string]any{"Id": 1, "Status": 0},
		}
	},
	"MissingTotalCount": func(id string) map[string]any {
		return map[string]any{"RequestId": id, "ThreatEvents": []any{}, "Items": []any{}}
	},
	"MissingItems": func(id string) map[string]any { return map[string]any{"RequestId": id, "TotalCount": 0} },
	"NullItems": func(id string) map[string]any {
		return map[string]any{"RequestId": id, "TotalCount": 0, "ThreatEvents": nil, "Items": nil}
	},
	"MalformedItems": func(id string) map[string]any {
		return map[string]any{"RequestId": id, "TotalCount": 1, "ThreatEvents": "x", "Items": "x"}
	},
	"NonObjectItem": func(id string) map[string]any {
		return map[string]any{"RequestId": id, "TotalCount": 1, "ThreatEvents": []any{42}, "Items": []any{42}}
	},
}

// brokenAnswer is the body of a brokenAnswers kind; ok is false for other kinds.
func brokenAnswer(requestID, kind string) (body []byte, ok bool) {
	answer, ok := brokenAnswers[kind]
	if !ok {
		return nil, false
	}
	body, err := json.Marshal(answer(requestID))
	return body, err == nil
}
