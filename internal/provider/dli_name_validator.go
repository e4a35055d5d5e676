package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// dliName checks a queue's or an elastic resource pool's name against
// DLI's rule for both (its create-queue API): letters, digits and
// underscores, not digits only, not starting with an underscore, 1 to 128
// characters. DLI stores the name in lower case, so any case is accepted.
// The message says which part of the rule the name breaks.
type dliName struct {
	what string // "queue", "elastic resource pool"
}

var _ validator.String = dliName{}

const maxDLINameLength = 128

func (v dliName) Description(context.Context) string {
	return fmt.Sprintf("must be a DLI %s name: letters, digits and underscores, not digits only, not starting with an underscore, at most %d characters", v.what, maxDLINameLength)
}

func (v dliName) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

// problem is what is wrong with name, or "" when it follows the rule.
func (v dliName) problem(name string) string {
	if name == "" {
		return "it is empty"
	}
	if len(name) > maxDLINameLength {
		return fmt.Sprintf("it has %d characters", len(name))
	}
	digitsOnly := true
	for i, r := range name {
		switch {
		case r == '_' && i == 0:
			return "it starts with an underscore"
		case r >= '0' && r <= '9' || r == '_':
		case r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z':
			digitsOnly = false
		default:
			return fmt.Sprintf("it contains %q", r)
		}
		if r == '_' {
			digitsOnly = false
		}
	}
	if digitsOnly {
		return "it is digits only"
	}
	return ""
}

func (v dliName) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	name := req.ConfigValue.ValueString()
	if p := v.problem(name); p != "" {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid "+req.Path.String(),
			fmt.Sprintf("%s %s, got %q: %s.", req.Path, v.Description(ctx), name, p))
	}
}
