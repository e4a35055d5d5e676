package provider

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/dli-terraform/terraform-provider-dli/internal/dli"
)

// rfc3339Validator accepts a time in RFC 3339 form, as timestamp() gives it.
type rfc3339Validator struct{}

var _ validator.String = rfc3339Validator{}

func (rfc3339Validator) Description(context.Context) string {
	return "must be a time in RFC 3339 form, such as 2024-11-29T00:00:00Z or 2024-11-29T08:00:00+08:00"
}

func (v rfc3339Validator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v rfc3339Validator) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if _, err := time.Parse(time.RFC3339, req.ConfigValue.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid time",
			fmt.Sprintf("%s %s; got %q.", req.Path, v.Description(ctx), req.ConfigValue.ValueString()))
	}
}

// timeRange fails validate and plan when the after bound is later than
// the before bound (created_after and created_before, started_after and
// started_before): nothing could match, and the read would look like an
// empty result rather than a mistake.
type timeRange struct {
	after, before string
	kind          dli.Kind
}

var _ datasource.ConfigValidator = timeRange{}

func (v timeRange) Description(context.Context) string {
	return v.after + " must not be later than " + v.before
}

func (v timeRange) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v timeRange) ValidateDataSource(ctx context.Context, req datasource.ValidateConfigRequest, resp *datasource.ValidateConfigResponse) {
	var after, before types.String
	if req.Config.GetAttribute(ctx, path.Root(v.after), &after).HasError() ||
		req.Config.GetAttribute(ctx, path.Root(v.before), &before).HasError() {
		return
	}
	a, errA := time.Parse(time.RFC3339, after.ValueString())
	b, errB := time.Parse(time.RFC3339, before.ValueString())
	if errA != nil || errB != nil || !a.After(b) { // null, unknown or malformed: nothing to compare
		return
	}
	resp.Diagnostics.AddAttributeError(path.Root(v.after), "Empty time range",
		fmt.Sprintf("%s (%s) is later than %s (%s), so no %s could match: swap them, or widen the range.",
			v.after, after.ValueString(), v.before, before.ValueString(), v.kind.Noun))
}
