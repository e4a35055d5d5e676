package provider

import (
	"context"
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
	// The ID rules are the kinds'.
	batchIDValidator    = idValidator(dli.BatchKind, nil)
	sqlJobIDValidator   = idValidator(dli.SQLJobKind, nil)
	flinkJobIDValidator = idValidator(dli.FlinkJobKind, flinkJobByName)
	projectIDValidator  = notEmpty{unset: "the provider's project (project_id, HW_PROJECT_ID, the profile's, or looked up from IAM)"}
)

// idValidator checks a job ID by its kind's rule, at plan time.
func idValidator(kind dli.Kind, byName func(string) string) validator.String {
	return jobIDFormat{pattern: kind.ID, want: "a " + kind.JobNoun() + " ID" + kind.IDRule + ", such as " + kind.IDExample, byName: byName}
}

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
	job := "the " + kind.JobNoun()
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
				"The read fails at once if " + the + " reaches a terminal " + kind.StatusWord + " (" + statusList(kind.Terminal) + ": it will not change by itself) that is not listed, and fails when `timeouts.read` runs out.",
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

// statusValues are a job's status and terminal attributes: both null when
// DLI's answer had none (an entry of a list may lack it).
func statusValues(status string, terminal bool) (types.String, types.Bool) {
	if status == "" {
		return types.StringNull(), types.BoolNull()
	}
	return types.StringValue(status), types.BoolValue(terminal)
}

// comeBackList says which terminal statuses of kind a person can bring a
// job out of, and how, as Markdown.
func comeBackList(kind dli.Kind) string {
	var again, others []string
	for _, s := range kind.Terminal {
		switch action := kind.ComeBack[s]; {
		case action == "start the job again":
			again = append(again, s)
		case action != "":
			others = append(others, "`"+s+"`: "+action)
		}
	}
	text := "They come back only when a person acts: " + strings.Join(others, "; ")
	if len(again) > 0 {
		text += "; " + statusList(again) + ": the job can be started again under the same ID"
	}
	return text + "."
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
