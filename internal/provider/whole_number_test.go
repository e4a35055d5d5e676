package provider

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	datasourceschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	providerschema "github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
)

// Every integer argument, present or future, takes wholeNumberType, so that
// a decimal is "must be a whole number" and never the framework's
// conversion error that asks for a bug report.
func TestEveryIntegerArgumentIsAWholeNumber(t *testing.T) {
	ctx := context.Background()
	p := newWithOptions("test", options{})()
	var ps provider.SchemaResponse
	p.Schema(ctx, provider.SchemaRequest{}, &ps)
	checked := 0
	check := func(where string, attributes map[string]attribute) {
		for name, a := range attributes {
			if !a.IsOptional() && !a.IsRequired() {
				continue
			}
			if _, plain := a.GetType().(basetypes.Int64Type); plain {
				t.Errorf("%s.%s is an integer argument without CustomType wholeNumberType", where, name)
			}
			if _, whole := a.GetType().(wholeNumberType); whole {
				checked++
			}
		}
	}
	check("provider", attributesOf(ps.Schema.Attributes, ps.Schema.Blocks))
	for _, newDataSource := range p.DataSources(ctx) {
		d := newDataSource()
		var meta datasource.MetadataResponse
		d.Metadata(ctx, datasource.MetadataRequest{ProviderTypeName: "dli"}, &meta)
		var s datasource.SchemaResponse
		d.Schema(ctx, datasource.SchemaRequest{}, &s)
		check(meta.TypeName, attributesOf(s.Schema.Attributes, s.Schema.Blocks))
	}
	if checked < 3 { // max_retries, assume_role.duration, limit
		t.Fatalf("found %d whole-number arguments, want at least 3: the walk misses some", checked)
	}
}

type attribute interface {
	GetType() attr.Type
	IsOptional() bool
	IsRequired() bool
}

// attributesOf flattens attributes and those of single nested blocks
// (assume_role, timeouts), named by their path.
func attributesOf[A any, B any](attributes map[string]A, blocks map[string]B) map[string]attribute {
	all := map[string]attribute{}
	for name, a := range attributes {
		all[name] = any(a).(attribute)
	}
	for name, b := range blocks {
		inner := map[string]attribute{}
		switch block := any(b).(type) {
		case providerschema.SingleNestedBlock:
			inner = attributesOf(block.Attributes, block.Blocks)
		case datasourceschema.SingleNestedBlock:
			inner = attributesOf(block.Attributes, block.Blocks)
		}
		for innerName, a := range inner {
			all[name+"."+innerName] = a
		}
	}
	return all
}
