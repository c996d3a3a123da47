package alicloud

import (
	"reflect"
	"slices"
	"testing"
)

// fieldObject decodes {"v": value} (or {} when value is empty) for testing
// one accessor on the field "v" of an object at path "Event".
func fieldObject(t *testing.T, value string) (object, *[]DecodeWarning) {
	t.Helper()
	body := `{}`
	if value != "" {
		body = `{"v":` + value + `}`
	}
	warnings := &[]DecodeWarning{}
	o, err := decodeObject([]byte(body), warnings)
	if err != nil {
		t.Fatalf("decodeObject(%s): %v", body, err)
	}
	o.path = "Event"
	return o, warnings
}

func checkWarning(t *testing.T, warnings []DecodeWarning, wantWarn bool) {
	t.Helper()
	switch {
	case wantWarn && len(warnings) != 1:
		t.Errorf("got warnings %+v, want exactly one", warnings)
	case wantWarn && warnings[0].Field != "Event.v":
		t.Errorf("warning field = %q, want %q", warnings[0].Field, "Event.v")
	case wantWarn && warnings[0].Detail == "":
		t.Errorf("warning %+v has no detail", warnings[0])
	case !wantWarn && len(warnings) != 0:
		t.Errorf("got warnings %+v, want none", warnings)
	}
}

func TestObjectInt64(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		value    string // JSON; "" means the field is absent
		want     *int64
		wantWarn bool
	}{
		{"number", `20`, ptr[int64](20), false},
		{"negative number", `-20`, ptr[int64](-20), false},
		{"string", `"20"`, ptr[int64](20), false},
		{"string with spaces", `" 20 "`, ptr[int64](20), false},
		{"not a number", `"abc"`, nil, true},
		{"integral float", `20.0`, ptr[int64](20), false},
		{"exponent", `1e3`, ptr[int64](1000), false},
		{"fraction", `2.5`, nil, true},
		{"fraction as string", `"2.5"`, nil, true},
		{"2^53+1 exact", `9007199254740993`, ptr[int64](9007199254740993), false},
		{"2^53+1 as string exact", `"9007199254740993"`, ptr[int64](9007199254740993), false},
		{"2^53+1 with zero fraction exact", `9007199254740993.0`, ptr[int64](9007199254740993), false},
		{"fraction a float64 rounds to an integer", `4503599627370496.5`, nil, true},
		{"tiny fraction", `20.000000000000000001`, nil, true},
		{"max int64", `9223372036854775807`, ptr[int64](9223372036854775807), false},
		{"min int64", `-9223372036854775808`, ptr[int64](-9223372036854775808), false},
		{"overflow", `9223372036854775808`, nil, true},
		{"huge exponent", `1e400`, nil, true},
		{"enormous exponent", `1e999999999999`, nil, true},
		{"enormous negative exponent", `1e-999999999999`, nil, true},
		{"infinity as string", `"Inf"`, nil, true},
		{"hexadecimal as string", `"0x10"`, nil, true},
		{"empty string", `""`, nil, false},
		{"blank string", `"  "`, nil, false},
		{"null", `null`, nil, false},
		{"absent", ``, nil, false},
		{"boolean", `true`, nil, true},
		{"array", `[1]`, nil, true},
		{"object", `{"a":1}`, nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			o, warnings := fieldObject(t, tt.value)
			got := o.Int64("v")
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Int64(%s) = %v, want %v", tt.value, deref64(got), deref64(tt.want))
			}
			checkWarning(t, *warnings, tt.wantWarn)
		})
	}
}

func deref64(p *int64) any {
	if p == nil {
		return nil
	}
	return *p
}

func TestObjectUnixMillis(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		value    string
		want     *int64
		wantWarn bool
	}{
		{"seconds", `1749916800`, ptr[int64](1749916800000), false},
		{"milliseconds", `1749916800000`, ptr[int64](1749916800000), false},
		{"seconds as string", `"1749916800"`, ptr[int64](1749916800000), false},
		{"milliseconds as string", `"1749916800000"`, ptr[int64](1749916800000), false},
		{"just below the threshold is seconds", `99999999999`, ptr[int64](99999999999000), false},
		{"the threshold is milliseconds", `100000000000`, ptr[int64](100000000000), false},
		{"one second", `1`, ptr[int64](1000), false},
		{"zero", `0`, nil, false},
		{"zero as string", `"0"`, nil, false},
		{"null", `null`, nil, false},
		{"absent", ``, nil, false},
		{"not a number", `"yesterday"`, nil, true},
		{"fraction", `1749916800.5`, nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			o, warnings := fieldObject(t, tt.value)
			got := o.UnixMillis("v")
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("UnixMillis(%s) = %v, want %v", tt.value, deref64(got), deref64(tt.want))
			}
			checkWarning(t, *warnings, tt.wantWarn)
		})
	}
}

func TestObjectBool(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		value    string
		want     *bool
		wantWarn bool
	}{
		{"true", `true`, ptr(true), false},
		{"false", `false`, ptr(false), false},
		{"zero", `0`, ptr(false), false},
		{"one", `1`, ptr(true), false},
		{"one as string", `"1"`, ptr(true), false},
		{"zero as string", `"0"`, ptr(false), false},
		{"true as string", `"true"`, ptr(true), false},
		{"false as string", `"false"`, ptr(false), false},
		{"two", `2`, nil, true},
		{"minus one", `-1`, nil, true},
		{"one point zero", `1.0`, nil, true},
		{"two as string", `"2"`, nil, true},
		{"yes", `"yes"`, nil, true},
		{"array", `[]`, nil, true},
		{"null", `null`, nil, false},
		{"absent", ``, nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			o, warnings := fieldObject(t, tt.value)
			got := o.Bool("v")
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Bool(%s) = %v, want %v", tt.value, got, tt.want)
			}
			checkWarning(t, *warnings, tt.wantWarn)
		})
	}
}

func TestObjectString(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		value    string
		want     *string
		wantWarn bool
	}{
		{"string", `"high"`, ptr("high"), false},
		{"empty string is kept", `""`, ptr(""), false},
		{"escapes", `"a\nb\u00e9"`, ptr("a\nbé"), false},
		{"integer", `20`, ptr("20"), false},
		{"fraction", `2.5`, ptr("2.5"), false},
		{"2^53+1", `9007199254740993`, ptr("9007199254740993"), false},
		{"boolean", `true`, ptr("true"), false},
		{"null", `null`, nil, false},
		{"absent", ``, nil, false},
		{"object", `{"a":1}`, nil, true},
		{"array", `["a"]`, nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			o, warnings := fieldObject(t, tt.value)
			got := o.String("v")
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("String(%s) = %v, want %v", tt.value, got, tt.want)
			}
			checkWarning(t, *warnings, tt.wantWarn)
		})
	}
}

func TestObjectStrings(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		value    string
		want     []string
		wantWarn bool
	}{
		{"strings", `["a","b"]`, []string{"a", "b"}, false},
		{"numbers become their text", `[1, 2.5, -3, 9007199254740993]`, []string{"1", "2.5", "-3", "9007199254740993"}, false},
		{"mixed", `["x", 7, true]`, []string{"x", "7", "true"}, false},
		{"nested object becomes JSON text", `[{"a":1,"b":[2.5,"c"]}]`, []string{`{"a":1,"b":[2.5,"c"]}`}, false},
		{"nested array becomes JSON text", `[[1,2]]`, []string{`[1,2]`}, false},
		{"empty array is empty, not nil", `[]`, []string{}, false},
		{"null", `null`, nil, false},
		{"absent", ``, nil, false},
		{"not an array", `"a"`, nil, true},
		{"object instead of array", `{"a":"b"}`, nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			o, warnings := fieldObject(t, tt.value)
			got := o.Strings("v")
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Strings(%s) = %#v, want %#v", tt.value, got, tt.want)
			}
			checkWarning(t, *warnings, tt.wantWarn)
		})
	}
}

func TestObjectObjects(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		value     string
		wantNil   bool
		wantLen   int
		wantPaths []string
		wantWarns []string
	}{
		{"absent", ``, true, 0, nil, nil},
		{"null", `null`, true, 0, nil, nil},
		{"empty array", `[]`, false, 0, []string{}, nil},
		{"two objects", `[{"a":1},{"a":2}]`, false, 2, []string{"Event.v[0]", "Event.v[1]"}, nil},
		{"non-objects are skipped", `[1,{"a":2},"x"]`, false, 1, []string{"Event.v[1]"}, []string{"Event.v[0]", "Event.v[2]"}},
		{"not an array", `{"a":1}`, true, 0, nil, []string{"Event.v"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			o, warnings := fieldObject(t, tt.value)
			got := o.Objects("v")
			if (got == nil) != tt.wantNil {
				t.Fatalf("Objects(%s) = %#v, want nil: %v", tt.value, got, tt.wantNil)
			}
			if len(got) != tt.wantLen {
				t.Fatalf("Objects(%s) has %d items, want %d", tt.value, len(got), tt.wantLen)
			}
			var paths []string
			for _, item := range got {
				paths = append(paths, item.path)
			}
			if len(paths) != 0 || len(tt.wantPaths) != 0 {
				if !slices.Equal(paths, tt.wantPaths) {
					t.Errorf("item paths = %q, want %q", paths, tt.wantPaths)
				}
			}
			if got := warningFields(*warnings); !slices.Equal(got, tt.wantWarns) {
				t.Errorf("warning fields = %q, want %q", got, tt.wantWarns)
			}
		})
	}
}

func TestObjectObject(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		value    string
		wantOK   bool
		wantWarn bool
	}{
		{"object", `{"a":1}`, true, false},
		{"empty object", `{}`, true, false},
		{"absent", ``, false, false},
		{"null", `null`, false, false},
		{"array", `[]`, false, true},
		{"string", `"{}"`, false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			o, warnings := fieldObject(t, tt.value)
			got, ok := o.Object("v")
			if ok != tt.wantOK {
				t.Fatalf("Object(%s) ok = %v, want %v", tt.value, ok, tt.wantOK)
			}
			if ok && got.path != "Event.v" {
				t.Errorf("nested path = %q, want %q", got.path, "Event.v")
			}
			checkWarning(t, *warnings, tt.wantWarn)
		})
	}
}

func TestDecodeObject(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		body    string
		wantErr bool
	}{
		{"object", `{"a":1}`, false},
		{"object with surrounding space", " \n{\"a\":1}\n ", false},
		{"empty object", `{}`, false},
		{"null", `null`, true},
		{"array", `[1]`, true},
		{"string", `"x"`, true},
		{"two objects", `{}{}`, true},
		{"trailing garbage", `{"a":1} x`, true},
		{"truncated", `{"a":`, true},
		{"empty", ``, true},
		{"html", `<html></html>`, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := decodeObject([]byte(tt.body), nil)
			if (err != nil) != tt.wantErr {
				t.Errorf("decodeObject(%q) error = %v, want error: %v", tt.body, err, tt.wantErr)
			}
		})
	}
}

// TestDecodeWarningPaths checks that warnings name the full API path of the
// field, array indexes included, so a diagnostic can point at it.
func TestDecodeWarningPaths(t *testing.T) {
	t.Parallel()
	decodeDSC := func(body []byte) ([]DecodeWarning, error) {
		e, err := DecodeEventDetail(body)
		if err != nil {
			return nil, err
		}
		return e.Warnings, nil
	}
	decodeWAF := func(body []byte) ([]DecodeWarning, error) {
		d, err := DecodeThreatEventDetail(body)
		if err != nil {
			return nil, err
		}
		return d.Warnings, nil
	}
	tests := []struct {
		name   string
		decode func([]byte) ([]DecodeWarning, error)
		body   string
		want   []string
	}{
		{
			name:   "DSC event",
			decode: decodeDSC,
			body: `{"RequestId":"r","Event":{"Id":1,"Backed":2,
				"HandleInfoList":[{"Id":"abc"},{"Id":1,"EnableTime":"soon"}],
				"Detail":{"Content":[5],"Chart":[{"ChatType":2.5,"Data":{"X":"not an array"}}]}}}`,
			want: []string{
				"Event.Backed",
				"Event.Detail.Chart[0].ChatType",
				"Event.Detail.Chart[0].Data.X",
				"Event.Detail.Content[0]",
				"Event.HandleInfoList[0].Id",
				"Event.HandleInfoList[1].EnableTime",
			},
		},
		{
			// An Event that is not an object fails the whole answer (answer_test.go).
			name:   "DSC event detail that is not an object",
			decode: decodeDSC,
			body:   `{"RequestId":"r","Event":{"Id":1,"Detail":[1]}}`,
			want:   []string{"Event.Detail"},
		},
		{
			name:   "WAF event",
			decode: decodeWAF,
			body:   `{"RequestId":"r","ThreatEventDetail":{"EventBlock":"many","IsPersistent":"maybe","EventLevel":{}}}`,
			want:   []string{"ThreatEventDetail.EventBlock", "ThreatEventDetail.EventLevel", "ThreatEventDetail.IsPersistent"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := tt.decode([]byte(tt.body))
			if err != nil {
				t.Fatal(err)
			}
			fields := warningFields(got)
			slices.Sort(fields)
			if !slices.Equal(fields, tt.want) {
				t.Errorf("warning fields = %q, want %q", fields, tt.want)
			}
		})
	}
}
