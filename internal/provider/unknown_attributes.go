package provider

import (
	"context"
	"maps"
	"reflect"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
)

// unknownAttributes: the provider cannot be configured with values that
// depend on resources not yet created. It walks the model by its tfsdk
// tags, which the framework holds to the schema (Config.Get fails on an
// attribute without a field), so an attribute or block added to both is
// covered without being listed here.
func unknownAttributes(m providerModel) diag.Diagnostics {
	var diags diag.Diagnostics
	for _, p := range unknownPaths(reflect.ValueOf(m), path.Empty()) {
		name := p.String()
		diags.AddAttributeError(p, "Unknown provider "+name,
			"The DLI provider cannot be configured while "+name+" is unknown (it depends on a resource not yet created). Set it to a value known at plan time, or use its environment variable.")
	}
	return diags
}

var attrValueType = reflect.TypeFor[attr.Value]()

// unknownPaths lists the attributes under v, at p, whose value is not
// wholly known: a value, a block's struct (or pointer to one, nil when
// the block is absent) or a list block's slice of them.
func unknownPaths(v reflect.Value, p path.Path) []path.Path {
	if v.Type().Implements(attrValueType) {
		value, _ := v.Interface().(attr.Value) // it implements it
		return unknownValuePaths(value, p)
	}
	var found []path.Path
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			found = unknownPaths(v.Elem(), p)
		}
	case reflect.Slice:
		for i := range v.Len() {
			found = append(found, unknownPaths(v.Index(i), p.AtListIndex(i))...)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			name, _, _ := strings.Cut(v.Type().Field(i).Tag.Get("tfsdk"), ",")
			if name == "" || name == "-" {
				continue
			}
			found = append(found, unknownPaths(v.Field(i), p.AtName(name))...)
		}
	}
	return found
}

// unknownValuePaths: value itself when it is unknown; else each attribute
// of an object, or element of a list, that is not wholly known. (Sets and
// maps are named whole.)
func unknownValuePaths(value attr.Value, p path.Path) []path.Path {
	tf, err := value.ToTerraformValue(context.Background())
	if err == nil && tf.IsFullyKnown() {
		return nil
	}
	var found []path.Path
	switch v := value.(type) {
	case basetypes.ObjectValue:
		for _, name := range slices.Sorted(maps.Keys(v.Attributes())) {
			found = append(found, unknownValuePaths(v.Attributes()[name], p.AtName(name))...)
		}
	case basetypes.ListValue:
		for i, e := range v.Elements() {
			found = append(found, unknownValuePaths(e, p.AtListIndex(i))...)
		}
	}
	if len(found) == 0 { // unknown itself, or a set or map
		return []path.Path{p}
	}
	return found
}
