package provider

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/datasource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// timeouts.read, for every data source: a block documented with the units
// that time.ParseDuration (the timeouts library's parser) accepts, and a
// check that the value is positive. A zero or negative timeout would end
// every read before its first request.

const defaultReadTimeout = 20 * time.Minute

// durationUnits lists the units time.ParseDuration accepts. The timeouts
// library's own description names only s, m and h.
const durationUnits = "`ns`, `us` (or `µs`), `ms`, `s`, `m` and `h`"

var pathTimeoutsRead = path.Root("timeouts").AtName("read")

// readTimeoutsBlock is the timeouts block with read documented as checked.
func readTimeoutsBlock(ctx context.Context) schema.Block {
	return timeouts.BlockWithOpts(ctx, timeouts.Opts{ReadDescription: fmt.Sprintf(
		"Bounds the whole read, waiting and retries included. Default `%s`. A positive duration: "+
			"decimal numbers, each with an optional fraction and a unit, such as `90s`, `45m` or `1h30m`; "+
			"the units are %s (no days: write `48h`).", formatMinutes(defaultReadTimeout), durationUnits)})
}

// positiveReadTimeout fails validate and plan when timeouts.read is zero or
// negative. A value that is not a duration at all is left to the timeouts
// library's validator, so that it is reported once.
type positiveReadTimeout struct{}

var _ datasource.ConfigValidator = positiveReadTimeout{}

func (positiveReadTimeout) Description(context.Context) string {
	return "timeouts.read must be a positive duration"
}

func (v positiveReadTimeout) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (positiveReadTimeout) ValidateDataSource(ctx context.Context, req datasource.ValidateConfigRequest, resp *datasource.ValidateConfigResponse) {
	var read types.String
	if diags := req.Config.GetAttribute(ctx, pathTimeoutsRead, &read); diags.HasError() || read.IsNull() || read.IsUnknown() {
		return
	}
	d, err := time.ParseDuration(read.ValueString())
	if err != nil || d > 0 {
		return
	}
	resp.Diagnostics.AddAttributeError(pathTimeoutsRead, "Invalid timeouts.read",
		fmt.Sprintf("timeouts.read must be a positive duration, got %q: a number with a unit, such as \"90s\", \"45m\" or \"1h30m\". The units are %s.",
			read.ValueString(), strings.ReplaceAll(durationUnits, "`", "")))
}

func formatMinutes(d time.Duration) string {
	return fmt.Sprintf("%dm", int(d.Minutes()))
}
