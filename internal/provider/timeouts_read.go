package provider

import (
	"context"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/datasource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// timeouts.read, for every data source: the timeouts library's block,
// documented with the units that time.ParseDuration (its parser) accepts,
// and checked by one validator of ours: a positive duration. The
// library's own check offers "-1.5h" as an example of a valid value, and a
// zero or negative timeout would end every read before its first request.

const defaultReadTimeout = 20 * time.Minute

// durationUnits lists the units time.ParseDuration accepts. The timeouts
// library's own description names only s, m and h.
const durationUnits = "`ns`, `us` (or `µs`), `ms`, `s`, `m` and `h`"

// durationRule says what a timeout's value may be.
const durationRule = "A positive duration: decimal numbers, each with an optional fraction and a unit, such as `90s`, `45m` or `1h30m`; " +
	"the units are " + durationUnits + " (no days: write `48h`)."

// readTimeoutsBlock is the timeouts library's block (its type, so that
// timeouts.Value reads it) with read documented and checked as above.
func readTimeoutsBlock(context.Context) schema.Block {
	return schema.SingleNestedBlock{
		Attributes: map[string]schema.Attribute{
			"read": schema.StringAttribute{
				Optional:    true,
				Description: fmt.Sprintf("Bounds the whole read, waiting and retries included. Default `%s`. %s", formatMinutes(defaultReadTimeout), durationRule),
				Validators:  []validator.String{positiveDuration{"timeouts.read"}},
			},
		},
		CustomType: timeouts.Type{ObjectType: types.ObjectType{AttrTypes: map[string]attr.Type{"read": types.StringType}}},
	}
}

// positiveDuration fails validate and plan when a duration attribute
// (timeouts.read, timeouts.invoke, request_timeout) is not a duration, or
// is zero or negative.
type positiveDuration struct {
	name string // e.g. "timeouts.read"; empty: the attribute's path
}

func (positiveDuration) Description(context.Context) string {
	return "must be a positive duration, such as 90s, 45m or 1h30m"
}

func (v positiveDuration) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (v positiveDuration) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	name := v.name
	if name == "" {
		name = req.Path.String()
	}
	if detail, ok := durationProblem(name, req.ConfigValue.ValueString()); !ok {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid "+name, detail)
	}
}

// days is a whole number of days, which time.ParseDuration has no unit for.
var days = regexp.MustCompile(`^\s*(\d+)\s*d\s*$`)

// durationProblem says what is wrong with raw as the duration named, or
// ok; an environment variable's check shares it.
func durationProblem(name, raw string) (string, bool) {
	if d, err := time.ParseDuration(strings.TrimSpace(raw)); err == nil && d > 0 {
		return "", true
	}
	if m := days.FindStringSubmatch(raw); m != nil {
		if n, err := strconv.Atoi(m[1]); err == nil && n > 0 {
			return fmt.Sprintf("%s has no unit for days: write %q for %q.", name, strconv.Itoa(24*n)+"h", raw), false
		}
	}
	return fmt.Sprintf("%s must be a positive duration, got %q: a number with a unit, such as \"90s\", \"45m\" or \"1h30m\". The units are %s.",
		name, raw, strings.ReplaceAll(durationUnits, "`", "")), false
}

func formatMinutes(d time.Duration) string {
	return fmt.Sprintf("%dm", int(d.Minutes()))
}
