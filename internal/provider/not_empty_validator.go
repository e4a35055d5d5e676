package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// notEmpty refuses "" with a message that says what leaving the argument
// out does, where the framework's LengthAtLeast(1) says only "string length
// must be at least 1, got: 0". An empty string usually comes from a
// variable whose default is "".
type notEmpty struct {
	unset string // what omitting the argument means, e.g. "no filter by name"
}

var _ validator.String = notEmpty{}

func (v notEmpty) Description(context.Context) string { return "must not be empty" }

func (v notEmpty) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v notEmpty) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() || req.ConfigValue.ValueString() != "" {
		return
	}
	resp.Diagnostics.AddAttributeError(req.Path, "Empty "+req.Path.String(),
		fmt.Sprintf("%s is set to an empty string. Leave it out (or null) for %s, or give a value.", req.Path, v.unset))
}

// notEmptySet refuses an empty set (wait_for = []) saying what to list or
// to leave it out, where the framework's SizeAtLeast(1) says "set must
// contain at least 1 elements".
type notEmptySet struct {
	unset   string // what omitting the argument does; "" if it is required
	example string // one value to list
}

var _ validator.Set = notEmptySet{}

func (v notEmptySet) Description(context.Context) string { return "must list at least one value" }

func (v notEmptySet) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v notEmptySet) ValidateSet(_ context.Context, req validator.SetRequest, resp *validator.SetResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() || len(req.ConfigValue.Elements()) > 0 {
		return
	}
	detail := fmt.Sprintf("%s lists nothing to wait for. List at least one value, such as [%q]", req.Path, v.example)
	if v.unset != "" {
		detail += ", or leave it out " + v.unset
	}
	resp.Diagnostics.AddAttributeError(req.Path, "Empty "+req.Path.String(), detail+".")
}
