package provider

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// oneOf checks that a string, or each string of a set, is one of a list,
// with a message that names the argument as written and the list in plain
// words. The framework's validators name a set's element by its Go path
// (wait_for[Value("failed")]) and quote the list as a Go slice.
type oneOf struct {
	what       string // what the values are, e.g. "DLI batch state"
	values     []string
	ignoreCase bool
}

var (
	_ validator.String = oneOf{}
	_ validator.Set    = oneOf{}
)

func (v oneOf) Description(context.Context) string {
	s := "must be one of " + strings.Join(v.values, ", ")
	if v.ignoreCase {
		s += " (any case)"
	}
	return s
}

func (v oneOf) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v oneOf) allows(s string) bool {
	return slices.ContainsFunc(v.values, func(value string) bool {
		return value == s || (v.ignoreCase && strings.EqualFold(value, s))
	})
}

func (v oneOf) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() || v.allows(req.ConfigValue.ValueString()) {
		return
	}
	resp.Diagnostics.AddAttributeError(req.Path, "Invalid "+req.Path.String(),
		fmt.Sprintf("%s %s, got %q.", req.Path, v.Description(ctx), req.ConfigValue.ValueString()))
}

func (v oneOf) ValidateSet(ctx context.Context, req validator.SetRequest, resp *validator.SetResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	for _, e := range req.ConfigValue.Elements() {
		s, ok := e.(types.String)
		if !ok || s.IsNull() || s.IsUnknown() || v.allows(s.ValueString()) {
			continue
		}
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid "+req.Path.String(),
			fmt.Sprintf("%s lists %q, which is not a %s: each value %s.", req.Path, s.ValueString(), v.what, v.Description(ctx)))
	}
}
