package provider

import (
	"context"
	"fmt"
	"math/big"
	"reflect"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// The framework maps tagged model structs by reflection (Config.Get,
// State.Set), compiling a regular expression for every field on every call
// (terraform-plugin-framework v1.19.0, internal/reflect.isValidFieldName),
// and converts through attr.Values whose types it rebuilds at every step.
// That was most of a read's allocations outside the framework's own
// protocol work (`make bench`, README "Performance"). getConfig and
// setState take the same models straight to and from tftypes.Values, with
// each struct's tags looked up once; the tests hold them to the framework's
// results.
//
// A model is a struct whose fields are tagged `tfsdk:"<attribute>"`, as the
// framework takes it:
//   - types.String, types.Int64 and types.Bool for primitive attributes;
//   - []T for a list (nil is null), where T is string, int64, bool or a model;
//   - *M for a single nested object (nil is null), where M is a model.
//
// The zero value of each of them is null, which getConfig relies on.

// modelField is one field of a model and the attribute it holds.
type modelField struct {
	name  string
	index int
}

// modelFieldsCache holds modelFields' answer per struct type.
var modelFieldsCache sync.Map

// modelFields lists the tagged fields of the model type t, or says why t is
// not a model (a bug in the provider, which its tests catch).
func modelFields(t reflect.Type) ([]modelField, error) {
	if cached, ok := modelFieldsCache.Load(t); ok {
		if fields, ok := cached.([]modelField); ok {
			return fields, nil
		}
	}
	if t.Kind() != reflect.Struct {
		return nil, fmt.Errorf("%s is not a struct", t)
	}
	fields := make([]modelField, 0, t.NumField())
	seen := map[string]bool{}
	for i := range t.NumField() {
		f := t.Field(i)
		name, tagged := f.Tag.Lookup("tfsdk")
		switch {
		case name == "-":
			continue
		case f.Anonymous:
			return nil, fmt.Errorf("%s embeds %s, which models may not", t, f.Name)
		case !f.IsExported() && tagged:
			return nil, fmt.Errorf("%s.%s is tagged but not exported", t, f.Name)
		case !f.IsExported():
			continue
		case !tagged:
			return nil, fmt.Errorf("%s.%s has no tfsdk tag", t, f.Name)
		case seen[name]:
			return nil, fmt.Errorf("%s has two fields for %q", t, name)
		}
		seen[name] = true
		fields = append(fields, modelField{name: name, index: i})
	}
	modelFieldsCache.Store(t, fields)
	return fields, nil
}

// modelStruct is the struct model points to.
func modelStruct(model any) (reflect.Value, []modelField, error) {
	v := reflect.ValueOf(model)
	if v.Kind() != reflect.Pointer || v.IsNil() {
		return reflect.Value{}, nil, fmt.Errorf("%T is not a pointer to a model", model)
	}
	fields, err := modelFields(v.Elem().Type())
	return v.Elem(), fields, err
}

// getConfig is config.Get(ctx, model). Arguments Terraform left unset are
// null and need no conversion; set ones of the primitive types are read
// directly, anything else through the framework. On error the model is
// left as it was.
func getConfig(ctx context.Context, config tfsdk.Config, model any) diag.Diagnostics {
	v, fields, err := modelStruct(model)
	if err != nil {
		return modelError(err)
	}
	var attrs map[string]tftypes.Value
	if err := config.Raw.As(&attrs); err != nil {
		return modelError(fmt.Errorf("reading the configuration: %w", err))
	}
	if len(attrs) != len(fields) {
		return modelError(fmt.Errorf("%s has %d fields for the configuration's %d attributes", v.Type(), len(fields), len(attrs)))
	}
	filled := reflect.New(v.Type()).Elem()
	var diags diag.Diagnostics
	for _, f := range fields {
		value, ok := attrs[f.name]
		if !ok {
			return modelError(fmt.Errorf("the configuration has no attribute %q for %s", f.name, v.Type()))
		}
		if value.IsNull() {
			continue // the zero value of every field a model may have is null
		}
		target := filled.Field(f.index).Addr().Interface()
		if !setPrimitive(target, value) {
			diags.Append(config.GetAttribute(ctx, path.Root(f.name), target)...)
		}
	}
	if !diags.HasError() {
		v.Set(filled)
	}
	return diags
}

// setPrimitive sets a *types.String, *types.Int64, *types.Bool or
// *types.Number from a value of its own type, and reports whether it did;
// anything else (including a number that is no int64) is left to the
// framework, which says what is wrong with it.
func setPrimitive(target any, value tftypes.Value) bool {
	if !value.IsKnown() {
		return setUnknown(target)
	}
	switch t := target.(type) {
	case *types.String:
		var s string
		if !value.Type().Is(tftypes.String) || value.As(&s) != nil {
			return false
		}
		*t = types.StringValue(s)
	case *types.Int64:
		var f big.Float
		if !value.Type().Is(tftypes.Number) || value.As(&f) != nil {
			return false
		}
		n, accuracy := f.Int64()
		if !f.IsInt() || accuracy != big.Exact {
			return false
		}
		*t = types.Int64Value(n)
	case *types.Bool:
		var b bool
		if !value.Type().Is(tftypes.Bool) || value.As(&b) != nil {
			return false
		}
		*t = types.BoolValue(b)
	case *types.Number:
		var f big.Float
		if !value.Type().Is(tftypes.Number) || value.As(&f) != nil {
			return false
		}
		*t = types.NumberValue(&f)
	default:
		return false
	}
	return true
}

// setUnknown sets a *types.String, *types.Int64, *types.Bool or
// *types.Number to unknown, and reports whether it did.
func setUnknown(target any) bool {
	switch t := target.(type) {
	case *types.String:
		*t = types.StringUnknown()
	case *types.Int64:
		*t = types.Int64Unknown()
	case *types.Bool:
		*t = types.BoolUnknown()
	case *types.Number:
		*t = types.NumberUnknown()
	default:
		return false
	}
	return true
}

// setState is state.Set(ctx, model). On error the state is left as it was.
func setState(ctx context.Context, state *tfsdk.State, model any) (diags diag.Diagnostics) {
	// tftypes.NewValue panics on a value of the wrong type. The checks
	// below leave none, but a panic would take the whole provider down.
	defer func() {
		if r := recover(); r != nil {
			diags = modelError(fmt.Errorf("%v", r))
		}
	}()
	v, _, err := modelStruct(model)
	if err != nil {
		return modelError(err)
	}
	// Before Read, the framework sets Raw to a copy of the configuration,
	// whose type is the state's: no need to rebuild it from the schema.
	typ := state.Raw.Type()
	if typ == nil {
		typ = state.Schema.Type().TerraformType(ctx)
	}
	raw, err := terraformValue(typ, v)
	if err != nil {
		return modelError(err)
	}
	state.Raw = raw
	return nil
}

// terraformValue is v, a model or a model's field, as a value of typ.
func terraformValue(typ tftypes.Type, v reflect.Value) (tftypes.Value, error) {
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return tftypes.NewValue(typ, nil), nil
		}
		return terraformValue(typ, v.Elem())
	case reflect.Slice:
		if v.IsNil() {
			return tftypes.NewValue(typ, nil), nil
		}
		return listValue(typ, v)
	case reflect.Map:
		if v.IsNil() {
			return tftypes.NewValue(typ, nil), nil
		}
		return mapValue(typ, v)
	case reflect.String:
		return primitiveValue(typ, tftypes.String, v.String())
	case reflect.Int64:
		return primitiveValue(typ, tftypes.Number, v.Int())
	case reflect.Bool:
		return primitiveValue(typ, tftypes.Bool, v.Bool())
	case reflect.Struct:
		// Through a pointer, so that no attr.Value is copied to the heap;
		// every value here is a pointer's, a field's or a slice element's.
		if a, ok := v.Addr().Interface().(attr.Value); ok {
			return attrValue(typ, a)
		}
		return objectValue(typ, v)
	}
	return tftypes.Value{}, fmt.Errorf("%s is not a type a model may hold", v.Type())
}

func primitiveValue(typ, want tftypes.Type, value any) (tftypes.Value, error) {
	if !typ.Is(want) {
		return tftypes.Value{}, fmt.Errorf("a %s cannot hold a %s value", typ, want)
	}
	return tftypes.NewValue(typ, value), nil
}

func attrValue(typ tftypes.Type, a attr.Value) (tftypes.Value, error) {
	switch {
	case a.IsNull():
		return tftypes.NewValue(typ, nil), nil
	case a.IsUnknown():
		return tftypes.NewValue(typ, tftypes.UnknownValue), nil
	}
	switch t := a.(type) {
	case *basetypes.StringValue:
		return primitiveValue(typ, tftypes.String, t.ValueString())
	case *basetypes.Int64Value:
		return primitiveValue(typ, tftypes.Number, t.ValueInt64())
	case *basetypes.BoolValue:
		return primitiveValue(typ, tftypes.Bool, t.ValueBool())
	case *basetypes.NumberValue:
		return primitiveValue(typ, tftypes.Number, t.ValueBigFloat())
	}
	return tftypes.Value{}, fmt.Errorf("%T is not a type a model may hold", a)
}

func listValue(typ tftypes.Type, v reflect.Value) (tftypes.Value, error) {
	list, ok := typ.(tftypes.List)
	if !ok {
		return tftypes.Value{}, fmt.Errorf("a %s cannot hold the list %s", typ, v.Type())
	}
	elems := make([]tftypes.Value, v.Len())
	for i := range elems {
		elem, err := terraformValue(list.ElementType, v.Index(i))
		if err != nil {
			return tftypes.Value{}, err
		}
		elems[i] = elem
	}
	return tftypes.NewValue(typ, elems), nil
}

func mapValue(typ tftypes.Type, v reflect.Value) (tftypes.Value, error) {
	m, ok := typ.(tftypes.Map)
	if !ok || v.Type().Key().Kind() != reflect.String {
		return tftypes.Value{}, fmt.Errorf("a %s cannot hold the map %s", typ, v.Type())
	}
	elems := make(map[string]tftypes.Value, v.Len())
	iter := v.MapRange()
	for iter.Next() {
		elem, err := terraformValue(m.ElementType, iter.Value())
		if err != nil {
			return tftypes.Value{}, err
		}
		elems[iter.Key().String()] = elem
	}
	return tftypes.NewValue(typ, elems), nil
}

func objectValue(typ tftypes.Type, v reflect.Value) (tftypes.Value, error) {
	obj, ok := typ.(tftypes.Object)
	if !ok {
		return tftypes.Value{}, fmt.Errorf("a %s cannot hold the object %s", typ, v.Type())
	}
	fields, err := modelFields(v.Type())
	if err != nil {
		return tftypes.Value{}, err
	}
	attrs := make(map[string]tftypes.Value, len(fields))
	for _, f := range fields {
		attrType, ok := obj.AttributeTypes[f.name]
		if !ok {
			return tftypes.Value{}, fmt.Errorf("%s has a field for %q, which the schema does not have", v.Type(), f.name)
		}
		value, err := terraformValue(attrType, v.Field(f.index))
		if err != nil {
			return tftypes.Value{}, fmt.Errorf("%s: %w", f.name, err)
		}
		attrs[f.name] = value
	}
	for name := range obj.AttributeTypes {
		if _, ok := attrs[name]; !ok {
			return tftypes.Value{}, fmt.Errorf("%s has no field for the attribute %q", v.Type(), name)
		}
	}
	return tftypes.NewValue(typ, attrs), nil
}

func modelError(err error) diag.Diagnostics {
	var diags diag.Diagnostics
	diags.AddError("Provider Model Error",
		fmt.Sprintf("The alisec provider could not map its data: %v. This is a bug in the provider; please report it.", err))
	return diags
}

// checkModelType reports the first field of model type t, at any depth,
// that getConfig and setState cannot map: every data source's model is
// held to it by a test, so that an unsupported field fails there, not at
// a user's first read.
func checkModelType(t reflect.Type) error {
	switch t.Kind() {
	case reflect.Pointer, reflect.Slice:
		return checkModelType(t.Elem())
	case reflect.Map:
		if t.Key().Kind() != reflect.String {
			return fmt.Errorf("%s: map keys must be strings", t)
		}
		return checkModelType(t.Elem())
	case reflect.String, reflect.Int64, reflect.Bool:
		return nil
	case reflect.Struct:
		switch reflect.New(t).Interface().(type) {
		case *types.String, *types.Int64, *types.Bool, *types.Number:
			return nil
		case attr.Value:
			return fmt.Errorf("%s is not a type a model may hold", t)
		}
		fields, err := modelFields(t)
		if err != nil {
			return err
		}
		for _, f := range fields {
			if err := checkModelType(t.Field(f.index).Type); err != nil {
				return fmt.Errorf("%s.%s: %w", t.Name(), t.Field(f.index).Name, err)
			}
		}
		return nil
	}
	return fmt.Errorf("%s is not a type a model may hold", t)
}
