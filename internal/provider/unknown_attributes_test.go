package provider

import (
	"context"
	"reflect"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// unknownArgument stands, in configValue's arguments, for a value known
// only after apply.
type unknownArgument struct{}

// Every provider attribute, in a block or not, is an error when unknown at
// plan time, on its own path, before anything else is resolved. The
// attributes are the schema's: one added tomorrow is tested without being
// named here.
func TestEveryProviderAttributeUnknownAtPlanIsAnError(t *testing.T) {
	server, schemas := protocolServer(t)
	objectType := schemas.Provider.ValueType().(tftypes.Object)
	cases := unknownArgumentCases(t, schemas.Provider.Block)
	if len(cases) < len(schemas.Provider.Block.Attributes)+len(schemas.Provider.Block.BlockTypes) {
		t.Fatalf("only %d cases for the schema's attributes and blocks", len(cases))
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			config, err := tfprotov6.NewDynamicValue(objectType, configValue(t, objectType, tc.args))
			if err != nil {
				t.Fatal(err)
			}
			resp, err := server.ConfigureProvider(context.Background(), &tfprotov6.ConfigureProviderRequest{Config: &config})
			if err != nil {
				t.Fatal(err)
			}
			if len(resp.Diagnostics) != 1 {
				t.Fatalf("want one error on %s, got: %s", tc.name, describe(resp.Diagnostics))
			}
			d := resp.Diagnostics[0]
			if d.Severity != tfprotov6.DiagnosticSeverityError || d.Summary != "Unknown provider "+tc.name || !d.Attribute.Equal(tc.path) {
				t.Fatalf("want the error Unknown provider %s at %s, got: %s", tc.name, tc.path, describe(resp.Diagnostics))
			}
		})
	}
}

type unknownCase struct {
	name string // as the diagnostic names it: "region", "assume_role.duration"
	args map[string]any
	path *tftypes.AttributePath
}

// unknownArgumentCases: one configuration per attribute of block, that
// attribute unknown and all else null; a nested block's attributes each in
// one block (the first of a list).
func unknownArgumentCases(t *testing.T, block *tfprotov6.SchemaBlock) []unknownCase {
	var cases []unknownCase
	for _, a := range block.Attributes {
		if a.NestedType != nil {
			t.Fatalf("attribute %s: nested attributes are not handled here yet", a.Name)
		}
		cases = append(cases, unknownCase{a.Name, map[string]any{a.Name: unknownArgument{}}, tftypes.NewAttributePath().WithAttributeName(a.Name)})
	}
	for _, b := range block.BlockTypes {
		for _, inner := range unknownArgumentCases(t, b.Block) {
			c := unknownCase{name: b.TypeName + "." + inner.name, path: tftypes.NewAttributePath().WithAttributeName(b.TypeName)}
			switch b.Nesting {
			case tfprotov6.SchemaNestedBlockNestingModeSingle, tfprotov6.SchemaNestedBlockNestingModeGroup:
				c.args = map[string]any{b.TypeName: inner.args}
			case tfprotov6.SchemaNestedBlockNestingModeList:
				c.name = b.TypeName + "[0]." + inner.name
				c.path = c.path.WithElementKeyInt(0)
				c.args = map[string]any{b.TypeName: []map[string]any{inner.args}}
			default:
				t.Fatalf("block %s: nesting %v is not handled here yet", b.TypeName, b.Nesting)
			}
			for _, step := range inner.path.Steps() {
				c.path = tftypes.NewAttributePathWithSteps(append(c.path.Steps(), step))
			}
			cases = append(cases, c)
		}
	}
	return cases
}

// The walk names the attribute that is unknown, however the model holds
// it: a block as a struct, a pointer (nil when absent), a slice of structs
// or an object value; a list's element by its index.
func TestUnknownPathsNameTheUnknownAttributeItself(t *testing.T) {
	type inner struct {
		A types.String `tfsdk:"a"`
		B types.Int64  `tfsdk:"b"`
	}
	objType := map[string]attr.Type{"x": types.StringType, "y": types.StringType}
	model := struct {
		Known    types.String `tfsdk:"known"`
		Unknown  types.Bool   `tfsdk:"unknown"`
		Single   *inner       `tfsdk:"single"`
		Absent   *inner       `tfsdk:"absent"`
		Blocks   []inner      `tfsdk:"blocks"`
		Object   types.Object `tfsdk:"object"`
		List     types.List   `tfsdk:"list"`
		WholeSet types.Set    `tfsdk:"whole_set"`
		Ignored  types.String `tfsdk:"-"`
	}{
		Known:    types.StringValue("k"),
		Unknown:  types.BoolUnknown(),
		Single:   &inner{A: types.StringValue("a"), B: types.Int64Unknown()},
		Blocks:   []inner{{A: types.StringNull(), B: types.Int64Value(1)}, {A: types.StringUnknown(), B: types.Int64Null()}},
		Object:   types.ObjectValueMust(objType, map[string]attr.Value{"x": types.StringValue("x"), "y": types.StringUnknown()}),
		List:     types.ListValueMust(types.StringType, []attr.Value{types.StringValue("0"), types.StringUnknown()}),
		WholeSet: types.SetValueMust(types.StringType, []attr.Value{types.StringUnknown()}),
		Ignored:  types.StringUnknown(),
	}
	var got []string
	for _, p := range unknownPaths(reflect.ValueOf(model), path.Empty()) {
		got = append(got, p.String())
	}
	want := []string{"unknown", "single.b", "blocks[1].a", "object.y", "list[1]", "whole_set"}
	if !slices.Equal(got, want) {
		t.Fatalf("unknown paths %q, want %q", got, want)
	}
}
