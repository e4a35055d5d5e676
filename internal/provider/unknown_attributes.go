package provider

import (
	"context"
	"reflect"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
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
		value, err := v.Interface().(attr.Value).ToTerraformValue(context.Background())
		if err != nil || !value.IsFullyKnown() {
			return []path.Path{p}
		}
		return nil
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
