package provider

import (
	"context"
	"fmt"
	"reflect"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// The framework maps tagged model structs by reflection (Config.Get,
// State.Set, ObjectValueFrom, ListValueFrom), and on every call compiles a
// regular expression for every field it meets (terraform-plugin-framework
// v1.19.0, internal/reflect.isValidFieldName). That was half of a read's
// time and allocations (`make bench`, README "Performance"). The helpers
// here do the same mapping with each struct's tags looked up once, and hand
// the framework only attr.Values, which it takes without reflection.
//
// A model is a struct whose fields are all attr.Values (types.String,
// types.List, ...) tagged `tfsdk:"<attribute>"`.

// modelField is one field of a model and the attribute it holds.
type modelField struct {
	name  string
	index int
	typ   reflect.Type
}

// modelFieldsCache holds modelFields' answer per struct type.
var modelFieldsCache sync.Map

var attrValueType = reflect.TypeFor[attr.Value]()

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
	for i := range t.NumField() {
		f := t.Field(i)
		name, ok := f.Tag.Lookup("tfsdk")
		if !ok || name == "-" {
			continue
		}
		if !f.IsExported() || !f.Type.Implements(attrValueType) {
			return nil, fmt.Errorf("%s.%s (%s) is not an exported attr.Value", t, f.Name, f.Type)
		}
		fields = append(fields, modelField{name: name, index: i, typ: f.Type})
	}
	modelFieldsCache.Store(t, fields)
	return fields, nil
}

// objectFrom is model (a struct or a pointer to one) as an object of
// attrTypes; types.ObjectValue checks that the two agree.
func objectFrom(attrTypes map[string]attr.Type, model any) (types.Object, diag.Diagnostics) {
	v := reflect.Indirect(reflect.ValueOf(model))
	fields, err := modelFields(v.Type())
	if err != nil {
		return types.ObjectUnknown(attrTypes), modelError(err)
	}
	values := make(map[string]attr.Value, len(fields))
	for _, f := range fields {
		value, ok := v.Field(f.index).Interface().(attr.Value)
		if !ok {
			return types.ObjectUnknown(attrTypes), modelError(fmt.Errorf("%s.%s is nil", v.Type(), f.name))
		}
		values[f.name] = value
	}
	return types.ObjectValue(attrTypes, values)
}

// modelFrom fills the model model points to from obj's attributes.
func modelFrom(obj types.Object, model any) diag.Diagnostics {
	v := reflect.ValueOf(model)
	if v.Kind() != reflect.Pointer || v.IsNil() {
		return modelError(fmt.Errorf("%T is not a pointer to a model", model))
	}
	v = v.Elem()
	fields, err := modelFields(v.Type())
	if err != nil {
		return modelError(err)
	}
	attrs := obj.Attributes()
	for _, f := range fields {
		value, ok := attrs[f.name]
		if !ok {
			return modelError(fmt.Errorf("the object has no attribute %q for %s", f.name, v.Type()))
		}
		rv := reflect.ValueOf(value)
		if rv.Type() != f.typ {
			return modelError(fmt.Errorf("attribute %q is a %s, %s needs a %s", f.name, rv.Type(), v.Type(), f.typ))
		}
		v.Field(f.index).Set(rv)
	}
	return nil
}

// getConfig is config.Get(ctx, model) without the framework's reflection.
func getConfig(ctx context.Context, config tfsdk.Config, model any) diag.Diagnostics {
	var obj types.Object
	diags := config.Get(ctx, &obj)
	if diags.HasError() {
		return diags
	}
	return append(diags, modelFrom(obj, model)...)
}

// setState is state.Set(ctx, model) without the framework's reflection.
func setState(ctx context.Context, state *tfsdk.State, model any) diag.Diagnostics {
	objType, ok := state.Schema.Type().(attr.TypeWithAttributeTypes)
	if !ok {
		return modelError(fmt.Errorf("the schema's type %T has no attribute types", state.Schema.Type()))
	}
	obj, diags := objectFrom(objType.AttributeTypes(), model)
	if diags.HasError() {
		return diags
	}
	return append(diags, state.Set(ctx, obj)...)
}

func modelError(err error) diag.Diagnostics {
	var diags diag.Diagnostics
	diags.AddError("Provider Model Error",
		fmt.Sprintf("The alisec provider could not map its data: %v. This is a bug in the provider; please report it.", err))
	return diags
}
