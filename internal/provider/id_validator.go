package provider

import (
	"context"
	"fmt"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// jobIDFormat checks a job's ID argument and says the one thing that is
// wrong: that it is empty (the framework's regex check says "got: " and
// nothing), that it is not of the ID's form, or, for a Flink job, that it
// looks like the job's name, which dli_flink_jobs finds.
type jobIDFormat struct {
	pattern *regexp.Regexp
	want    string // e.g. "a batch job ID in UUID form, such as 0a32…"
	// byName, when set, is what to say of a value that is not an ID but
	// could be a name.
	byName func(value string) string
}

var _ validator.String = jobIDFormat{}

func (v jobIDFormat) Description(context.Context) string { return "must be " + v.want }

func (v jobIDFormat) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v jobIDFormat) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	value := req.ConfigValue.ValueString()
	var detail string
	switch {
	case v.pattern.MatchString(value):
		return
	case value == "":
		detail = fmt.Sprintf("%s is an empty string; it must be %s. (An empty string often comes from a variable whose default is \"\".)", req.Path, v.want)
	case v.byName != nil && namePattern.MatchString(value):
		detail = fmt.Sprintf("%s must be %s, got %q. %s", req.Path, v.want, value, v.byName(value))
	default:
		detail = fmt.Sprintf("%s must be %s, got %q.", req.Path, v.want, value)
	}
	resp.Diagnostics.AddAttributeError(req.Path, "Invalid "+req.Path.String(), detail)
}

// namePattern is what could be a job's name rather than its ID: a letter
// among letters, digits, _ and -.
var namePattern = regexp.MustCompile(`^[0-9A-Za-z_-]*[A-Za-z][0-9A-Za-z_-]*$`)

// flinkJobByName points a Flink job's name given as job_id at the list
// that finds it by name.
func flinkJobByName(name string) string {
	return fmt.Sprintf("It looks like a job's name: dli_flink_jobs finds a Flink job by name (name = %q) and gives its ID in ids[0].", name)
}

// projectIDPattern is a project ID as IAM issues them: 32 hex characters.
var projectIDPattern = regexp.MustCompile(`^[0-9a-fA-F]{32}$`)

// notAProjectID warns of a project_id that is not one: usually a project's
// name (cn-north-4), which DLI answers with "not found" for every job.
func notAProjectID(name, value string) string {
	return fmt.Sprintf("%s %q is not 32 hexadecimal characters, as IAM's project IDs are (such as 0123456789abcdef0123456789abcdef), so DLI will find no job in it. "+
		"If it is the project's name, set project_name = %q instead (on the provider; HW_PROJECT_NAME) and leave project_id out: the provider looks the ID up from IAM.", name, value, value)
}

// projectIDShape warns of a project_id (a data source's, an action's) that is not a
// project ID; the read still goes ahead.
type projectIDShape struct{}

var _ validator.String = projectIDShape{}

func (projectIDShape) Description(context.Context) string {
	return "should be a project ID: 32 hex characters"
}

func (v projectIDShape) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (projectIDShape) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	value := req.ConfigValue.ValueString()
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() || value == "" || projectIDPattern.MatchString(value) {
		return
	}
	resp.Diagnostics.AddAttributeWarning(req.Path, req.Path.String()+" is not a project ID", notAProjectID(req.Path.String(), value))
}
