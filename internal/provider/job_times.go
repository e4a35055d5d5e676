package provider

import (
	"time"

	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// jobTimes are how long a job ran and when it ended, in forms Terraform
// compares (a number of seconds, an RFC 3339 time), for every job whose
// answer gives a duration: SQL and Flink jobs, and the entries of the
// batch list (DLI's read of one batch gives none).
type jobTimes struct {
	DurationSeconds types.Float64 `tfsdk:"duration_seconds"`
	EndedAt         types.String  `tfsdk:"ended_at"`
}

// set derives them from the start and duration DLI gives: the end only
// once the job is terminal (before that, start + duration is now).
func (t *jobTimes) set(start *time.Time, d *time.Duration, terminal bool) {
	t.DurationSeconds, t.EndedAt = types.Float64Null(), types.StringNull()
	if d == nil {
		return
	}
	t.DurationSeconds = types.Float64Value(d.Seconds())
	if start != nil && terminal {
		end := start.Add(*d)
		t.EndedAt = timeValue(&end)
	}
}

// jobTimeAttributes are the schema of jobTimes; started names the time
// the duration counts from.
func jobTimeAttributes(started string) map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"duration_seconds": schema.Float64Attribute{Computed: true,
			MarkdownDescription: "How long the job ran (so far), in seconds (DLI's milliseconds as a fraction): a number that conditions can compare."},
		"ended_at": schema.StringAttribute{Computed: true,
			MarkdownDescription: "When the job ended, RFC 3339 in UTC: `" + started + "` plus the duration, once the job is terminal; null before."},
	}
}

// tagsFilterAttribute is the optional tags filter of the SQL and Flink
// lists (the API's tags parameter).
func tagsFilterAttribute() schema.Attribute {
	return schema.MapAttribute{Optional: true, ElementType: types.StringType,
		MarkdownDescription: "Only jobs with every one of these tags (the API's `tags`, sent as `key=value` pairs), e.g. `{ pipeline = \"sales\" }`; `{}` filters nothing."}
}

// tagsValue is a map attribute as the client's filter takes it.
func tagsValue(m types.Map) map[string]string {
	tags := map[string]string{}
	for k, v := range m.Elements() {
		if s, ok := v.(types.String); ok {
			tags[k] = s.ValueString()
		}
	}
	return tags
}
