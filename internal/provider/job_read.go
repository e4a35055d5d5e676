package provider

import (
	"context"
	"errors"
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

var projectIDValidator = notEmpty{unset: "the provider's project (project_id, HW_PROJECT_ID, the profile's, or looked up from IAM)"}

// idValidator checks a job ID by its kind's rule, at plan time.
func idValidator(kind dli.Kind, byName func(string) string) validator.String {
	return jobIDFormat{pattern: kind.ID, want: "a " + kind.JobNoun() + " ID" + kind.IDRule + ", such as " + kind.IDExample, byName: byName}
}

// waitArgs are the arguments of every read of one job (or pool) but its ID.
type waitArgs struct {
	ProjectID types.String   `tfsdk:"project_id"`
	WaitFor   types.Set      `tfsdk:"wait_for"`
	Timeouts  timeouts.Value `tfsdk:"timeouts"`
}

// presenceArgs are allow_missing and what it makes worth reading, found:
// the data sources of one job have them (DLI purges old jobs).
type presenceArgs struct {
	AllowMissing types.Bool `tfsdk:"allow_missing"`
	Found        types.Bool `tfsdk:"found"`
}

func (p *presenceArgs) presence() *presenceArgs { return p }

// jobArgs are the arguments of dli_sql_job and dli_flink_job.
type jobArgs struct {
	JobID types.String `tfsdk:"job_id"`
	waitArgs
	presenceArgs
}

func (a *jobArgs) jobID() string            { return a.JobID.ValueString() }
func (a *jobArgs) waitArguments() *waitArgs { return &a.waitArgs }

// projectIDAttribute is the optional project_id of every data source.
func projectIDAttribute(what string) schema.StringAttribute {
	return schema.StringAttribute{
		Optional:            true,
		Computed:            true,
		MarkdownDescription: projectIDDescription(what),
		Validators:          projectIDValidators,
	}
}

// projectIDValidators check a data source's or an action's project_id: an
// error for what cannot be one, a warning for what is likely a name.
var projectIDValidators = []validator.String{projectIDValidator, projectIDShape{}}

func projectIDDescription(what string) string {
	return "Project of " + what + ". Defaults to the provider's `project_id` (`" + envProjectID + "`, or the hcloud profile's `projectId`), else the project looked up once from IAM by `project_name` (default: the region)."
}

// waitForDescription describes wait_for on a job of kind, whose wait
// bounds timeout, e.g. "timeouts.read".
func waitForDescription(kind dli.Kind, timeout string) string {
	the := "the " + kind.Noun
	return "Poll until " + the + "'s " + kind.StatusWord + " is one of these (ignoring case): any of " + statusList(kind.Statuses) + ". " +
		"The wait fails at once if " + the + " reaches a terminal " + kind.StatusWord + " (" + statusList(kind.Terminal) + ": it will not change by itself) that is not listed, and fails when `" + timeout + "` runs out."
}

// jobDescription is "the batch job", "the SQL job", "the elastic
// resource pool".
func jobDescription(kind dli.Kind) string {
	if kind.Noun == dli.BatchKind.Noun {
		return "the batch job"
	}
	return "the " + kind.Noun
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
	return map[string]schema.Attribute{
		idName: schema.StringAttribute{
			Required:            true,
			MarkdownDescription: idDescription,
			Validators:          []validator.String{idValidator},
		},
		"project_id": projectIDAttribute(jobDescription(kind)),
		"wait_for": schema.SetAttribute{
			ElementType:         types.StringType,
			Optional:            true,
			MarkdownDescription: waitForDescription(kind, "timeouts.read"),
			Validators:          waitForValidators(kind, "to read the "+kind.Noun+" once, without waiting"),
		},
	}
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

// presenceAttributes are the schema of presenceArgs, for a job of kind.
func presenceAttributes(kind dli.Kind) map[string]schema.Attribute {
	the := "the " + kind.Noun
	return map[string]schema.Attribute{
		"allow_missing": schema.BoolAttribute{
			Optional: true,
			MarkdownDescription: "Read a " + kind.Noun + " that DLI does not know (never submitted, or purged from its history) as `found = false`, its other attributes null, at once and without waiting, instead of failing. " +
				"For long-lived configurations whose plans (and `terraform destroy`) must go on once DLI has forgotten an old job: let a `postcondition` on `found` decide. Default `false`.",
		},
		"found": schema.BoolAttribute{
			Computed:            true,
			MarkdownDescription: "Whether DLI knows " + the + ": `false` only with `allow_missing`, when it does not.",
		},
	}
}

// waitForValidators check wait_for, of a data source or an action; unset
// says what leaving it out does ("" where it is required).
func waitForValidators(kind dli.Kind, unset string) []validator.Set {
	return []validator.Set{notEmptySet{unset: unset, example: kind.Gate}, statusValidator(kind)}
}

// timeoutsBlocks is the timeouts block of every data source.
func timeoutsBlocks(ctx context.Context) map[string]schema.Block {
	return map[string]schema.Block{"timeouts": readTimeoutsBlock(ctx)}
}

// readJob is the read of one job of any kind: one call of once, or with
// wait_for the polling of wait, by readOne. With p (the data sources of
// jobs), allow_missing lets a job DLI does not know through: found is
// false, v the zero T, and p.Found set.
func readJob[T any](ctx context.Context, b *dataSourceBase, jobID string, args *waitArgs, p *presenceArgs, diags *diag.Diagnostics,
	once func(*dli.Client, context.Context, string, string) (T, error),
	wait func(dli.Waiter, context.Context, string, string, []string) (T, error),
) (v T, found, ok bool) {
	var waitFor []string
	diags.Append(args.WaitFor.ElementsAs(ctx, &waitFor, false)...)
	if diags.HasError() {
		return v, false, false
	}
	found = true
	v, ok = readOne(ctx, b, &args.ProjectID, args.Timeouts, diags, func(ctx context.Context, projectID string) (T, error) {
		var v T
		var err error
		if len(waitFor) == 0 {
			v, err = once(b.data.client, ctx, projectID, jobID)
		} else {
			v, err = wait(b.data.waiter, ctx, projectID, jobID, waitFor)
		}
		if err != nil && p != nil && p.AllowMissing.ValueBool() && isMissing(err) {
			found = false
			return v, nil
		}
		return v, err
	})
	if ok && p != nil {
		p.Found = types.BoolValue(found)
	}
	return v, found && ok, ok
}

// readOne is the read of one thing (a job, a queue, a pool) by read,
// within timeouts.read, failing with the diagnostics every data source
// gives. It sets *project to the project read.
func readOne[T any](ctx context.Context, b *dataSourceBase, project *types.String, t timeouts.Value, diags *diag.Diagnostics,
	read func(ctx context.Context, projectID string) (T, error),
) (T, bool) {
	var zero T
	ctx, cancel, scope, d := b.startRead(ctx, *project, t)
	diags.Append(d...)
	if diags.HasError() {
		return zero, false
	}
	defer cancel()
	v, err := read(ctx, scope.projectID)
	if err != nil {
		diags.Append(b.failed(err, scope))
		return zero, false
	}
	*project = types.StringValue(scope.projectID)
	return v, true
}

// isMissing reports whether err says that DLI does not know the job: its
// own not-found answer, not a 404 that may come from a wrong endpoint.
func isMissing(err error) bool {
	var apiErr *dli.APIError
	return errors.As(err, &apiErr) && apiErr.Class == dli.ClassNotFound
}
