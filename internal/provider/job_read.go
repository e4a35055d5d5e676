package provider

import (
	"context"
	"regexp"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/datasource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/dli-terraform/terraform-provider-dli/internal/dli"
)

// What the reads of one job share, whatever its kind (dli_batch_state,
// dli_batch, dli_sql_job, dli_flink_job): the arguments that say whether to
// wait for it, their validation, and the read.

var (
	// uuidPattern is a UUID in any case, as batch and SQL job IDs are.
	uuidPattern = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)

	batchIDValidator  = jobIDFormat{pattern: uuidPattern, want: "a batch job ID in UUID form, such as 0a324461-d9d9-45da-a52a-3b3c7a3d809e"}
	sqlJobIDValidator = jobIDFormat{pattern: uuidPattern, want: "a SQL job ID in UUID form, such as 1b2c3d4e-0000-4000-8000-00000000beef"}
	// flinkJobIDValidator: Flink job IDs are numbers (int64), given as strings.
	flinkJobIDValidator = jobIDFormat{pattern: regexp.MustCompile(`^[0-9]{1,18}$`), want: "a Flink job ID: digits only (at most 18), such as 71001", byName: flinkJobByName}
	projectIDValidator  = notEmpty{unset: "the provider's project (project_id, HW_PROJECT_ID, the profile's, or looked up from IAM)"}
)

// waitArgs are the arguments of every read of one job but its ID.
type waitArgs struct {
	ProjectID types.String   `tfsdk:"project_id"`
	WaitFor   types.Set      `tfsdk:"wait_for"`
	Timeouts  timeouts.Value `tfsdk:"timeouts"`
}

// jobArgs are the arguments of dli_sql_job and dli_flink_job.
type jobArgs struct {
	JobID types.String `tfsdk:"job_id"`
	waitArgs
}

func (a *jobArgs) jobID() string            { return a.JobID.ValueString() }
func (a *jobArgs) waitArguments() *waitArgs { return &a.waitArgs }

// projectIDAttribute is the optional project_id of every data source.
func projectIDAttribute(what string) schema.StringAttribute {
	return schema.StringAttribute{
		Optional:            true,
		Computed:            true,
		MarkdownDescription: "Project of " + what + ". Defaults to the provider's `project_id` (`" + envProjectID + "`, or the hcloud profile's `projectId`), else the project looked up once from IAM by `project_name` (default: the region).",
		Validators:          []validator.String{projectIDValidator, projectIDShape{}},
	}
}

// statusList is a kind's statuses (or some of them) as Markdown.
func statusList(statuses []string) string { return "`" + strings.Join(statuses, "`, `") + "`" }

// statusValidator accepts a documented status of kind in any case, for a
// string or each string of a set.
func statusValidator(kind dli.Kind) oneOf {
	return oneOf{what: "DLI " + kind.Noun + " " + kind.StatusWord, values: kind.Statuses, ignoreCase: true}
}

// waitArgAttributes are the schema of waitArgs but timeouts (a block), for
// a job of kind, plus the job's ID attribute idName: required, described
// and checked at plan time by idValidator.
func waitArgAttributes(kind dli.Kind, idName, idDescription string, idValidator validator.String) map[string]schema.Attribute {
	the := "the " + kind.Noun
	job := the
	if !strings.HasSuffix(job, " job") {
		job += " job" // "the batch job"
	}
	return map[string]schema.Attribute{
		idName: schema.StringAttribute{
			Required:            true,
			MarkdownDescription: idDescription,
			Validators:          []validator.String{idValidator},
		},
		"project_id": projectIDAttribute(job),
		"wait_for": schema.SetAttribute{
			ElementType: types.StringType,
			Optional:    true,
			MarkdownDescription: "Poll until " + the + "'s " + kind.StatusWord + " is one of these (ignoring case): any of " + statusList(kind.Statuses) + ". " +
				"The read fails at once if " + the + " reaches a terminal " + kind.StatusWord + " (" + statusList(kind.Terminal) + ") that is not listed, and fails when `timeouts.read` runs out.",
			Validators: []validator.Set{
				notEmptySet{unset: "to read " + the + " once, without waiting", example: waitForExample(kind)},
				statusValidator(kind),
			},
		},
	}
}

// waitForExample is the status a gate on a job of kind usually waits for.
func waitForExample(kind dli.Kind) string {
	for _, s := range []string{dli.StateSuccess, "FINISHED", "job_running"} {
		if slices.Contains(kind.Statuses, s) {
			return s
		}
	}
	return kind.Statuses[0]
}

// timeoutsBlocks is the timeouts block of every data source.
func timeoutsBlocks(ctx context.Context) map[string]schema.Block {
	return map[string]schema.Block{"timeouts": readTimeoutsBlock(ctx)}
}

// readJob is the read of one job of any kind: one call of once, or with
// wait_for the polling of wait, within timeouts.read, failing with the
// diagnostics every data source gives. It sets args.ProjectID to the
// project read.
func readJob[T any](ctx context.Context, b *dataSourceBase, jobID string, args *waitArgs, diags *diag.Diagnostics,
	once func(*dli.Client, context.Context, string, string) (T, error),
	wait func(dli.Waiter, context.Context, string, string, []string) (T, error),
) (T, bool) {
	var zero T
	ctx, cancel, scope, d := b.startRead(ctx, args.ProjectID, args.Timeouts)
	diags.Append(d...)
	if diags.HasError() {
		return zero, false
	}
	defer cancel()
	var waitFor []string
	diags.Append(args.WaitFor.ElementsAs(ctx, &waitFor, false)...)
	if diags.HasError() {
		return zero, false
	}
	var v T
	var err error
	if len(waitFor) == 0 {
		v, err = once(b.data.client, ctx, scope.projectID, jobID)
	} else {
		v, err = wait(b.data.waiter, ctx, scope.projectID, jobID, waitFor)
	}
	if err != nil {
		diags.Append(b.failed(err, scope))
		return zero, false
	}
	args.ProjectID = types.StringValue(scope.projectID)
	return v, true
}
