package provider

import (
	"fmt"
	"math/big"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
)

// Helpers shared by the provider-defined functions (function_*.go).
//
// Null and unknown arguments follow the framework's defaults, as its
// documentation recommends: no parameter sets AllowNullValue or
// AllowUnknownValues, so Terraform rejects a null argument itself and, for
// an argument that is not wholly known, skips the call and takes the result
// as unknown. The functions still check both, because Run can be called
// directly (the unit tests do), and a "cannot happen" case must not panic.

// functionNullUnknownDocs and functionVersionDocs end every function's
// description.
const (
	functionNullUnknownDocs = "Terraform rejects a null argument before calling the function; " +
		"an argument that is not known until apply makes the result unknown until apply."
	functionVersionDocs = "Provider-defined functions need Terraform 1.8 or later, or OpenTofu 1.7 or later."
)

// dynamicKind is how an argument of a dynamic parameter is described in
// errors: its kind, and its value when that is a string or a number.
type dynamicKind int

const (
	dynamicOther dynamicKind = iota
	dynamicString
	dynamicNumber
)

// dynamicArgument is the known, non-null value of a dynamic parameter's
// argument, reduced to what the functions accept: a string or a number.
type dynamicArgument struct {
	kind     dynamicKind
	str      string
	num      *big.Float
	typeName string // Terraform's name for any other type ("bool", "tuple", ...)
}

// readDynamic reduces a dynamic argument; known is false when the value (or
// its underlying value) is unknown, null is true when it is null.
func readDynamic(v basetypes.DynamicValue) (arg dynamicArgument, known, null bool) {
	if v.IsUnknown() || v.IsUnderlyingValueUnknown() {
		return dynamicArgument{}, false, false
	}
	if v.IsNull() || v.IsUnderlyingValueNull() {
		return dynamicArgument{}, true, true
	}
	switch u := v.UnderlyingValue().(type) {
	case basetypes.StringValue:
		return dynamicArgument{kind: dynamicString, str: u.ValueString()}, true, false
	case basetypes.NumberValue:
		return dynamicArgument{kind: dynamicNumber, num: u.ValueBigFloat()}, true, false
	case basetypes.Int64Value:
		return dynamicArgument{kind: dynamicNumber, num: new(big.Float).SetInt64(u.ValueInt64())}, true, false
	default:
		return dynamicArgument{kind: dynamicOther, typeName: terraformTypeName(u)}, true, false
	}
}

// numericString reads a string made of a number ("2", "1749916800000") as
// that number. Terraform turns numbers into strings wherever a string is
// expected (tostring, a map(string) or string variable, a conditional with a
// string branch), so such a string means the number it was made from.
func numericString(s string) (*big.Float, bool) {
	if s == "" || strings.TrimSpace(s) != s {
		return nil, false
	}
	if c := s[0]; (c < '0' || c > '9') && c != '-' && c != '+' {
		return nil, false
	}
	f, _, err := big.ParseFloat(s, 10, 512, big.ToNearestEven)
	if err != nil {
		return nil, false
	}
	return f, true
}

// formatNumber writes a number as Terraform shows it: 2, 2.5, 1749916800000.
func formatNumber(f *big.Float) string {
	if f.IsInt() {
		i, _ := f.Int(nil)
		return i.String()
	}
	return f.Text('f', -1)
}

// describe is the argument as an error message shows what it received.
func (a dynamicArgument) describe() string {
	switch a.kind {
	case dynamicString:
		return fmt.Sprintf("the string %q", a.str)
	case dynamicNumber:
		return "the number " + formatNumber(a.num)
	default:
		return "a value of type " + a.typeName
	}
}

// terraformTypeName names the type of a value as the Terraform language does.
func terraformTypeName(v attr.Value) string {
	switch v.(type) {
	case basetypes.BoolValue:
		return "bool"
	case basetypes.ListValue:
		return "list"
	case basetypes.TupleValue:
		return "tuple"
	case basetypes.SetValue:
		return "set"
	case basetypes.MapValue:
		return "map"
	case basetypes.ObjectValue:
		return "object"
	case basetypes.StringValue:
		return "string"
	case basetypes.NumberValue, basetypes.Int64Value, basetypes.Float64Value:
		return "number"
	default:
		return fmt.Sprintf("%T", v)
	}
}

// nullArgument is the error for a null argument that reached Run; Terraform
// normally rejects it before the call.
func nullArgumentText(name, hint string) string {
	return fmt.Sprintf("%s must not be null. %s", name, hint)
}
