package provider

import (
	"context"
	"regexp"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/datasource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/dli-terraform/terraform-provider-dli/internal/dli"
)

// What dli_batch_state and dli_batch share: the arguments that name one
// batch and say whether to wait for it, their validation, and the read.

// Plan-time checks of the arguments.
var (
	// batchIDValidator accepts a UUID in any case, as DLI batch IDs are.
	batchIDValidator = stringvalidator.RegexMatches(
		regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`),
		"must be a batch job ID in UUID form, such as 0a324461-d9d9-45da-a52a-3b3c7a3d809e")
	projectIDValidator = stringvalidator.LengthAtLeast(1)
	batchStates        = oneOf{what: "DLI batch state", values: dli.KnownStates, ignoreCase: true}
)

// batchArgs are the arguments of a read of one batch.
type batchArgs struct {
	BatchID   types.String   `tfsdk:"batch_id"`
	ProjectID types.String   `tfsdk:"project_id"`
	WaitFor   types.Set      `tfsdk:"wait_for"`
	Timeouts  timeouts.Value `tfsdk:"timeouts"`
}

// batchStatus is what every read of a batch returns.
type batchStatus struct {
	ID       types.String `tfsdk:"id"`
	State    types.String `tfsdk:"state"`
	Terminal types.Bool   `tfsdk:"terminal"`
}

func (s *batchStatus) set(b dli.BatchState) {
	s.ID = types.StringValue(b.ID)
	s.State = types.StringValue(b.State)
	s.Terminal = types.BoolValue(b.Terminal())
}

// projectIDAttribute is the optional project_id of every data source.
func projectIDAttribute(what string) schema.StringAttribute {
	return schema.StringAttribute{
		Optional:            true,
		Computed:            true,
		MarkdownDescription: "Project of " + what + ". Defaults to the provider's `project_id` (`" + envProjectID + "`, or the hcloud profile's `projectId`), else the project looked up once from IAM by `project_name` (default: the region).",
		Validators:          []validator.String{projectIDValidator},
	}
}

// batchArgAttributes are the schema of batchArgs but timeouts (a block).
func batchArgAttributes() map[string]schema.Attribute {
	states := strings.Join(dli.KnownStates, "`, `")
	return map[string]schema.Attribute{
		"batch_id": schema.StringAttribute{
			Required:            true,
			MarkdownDescription: "ID of the batch job, a UUID (any case).",
			Validators:          []validator.String{batchIDValidator},
		},
		"project_id": projectIDAttribute("the batch job"),
		"wait_for": schema.SetAttribute{
			ElementType: types.StringType,
			Optional:    true,
			MarkdownDescription: "Poll until the batch's state is one of these (ignoring case): any of `" + states + "`. " +
				"The read fails at once if the batch reaches a terminal state (`success`, `dead`) that is not listed, and fails when `timeouts.read` runs out.",
			Validators: []validator.Set{
				setvalidator.SizeAtLeast(1),
				batchStates,
			},
		},
	}
}

// batchStatusAttributes are the schema of batchStatus.
func batchStatusAttributes(idDescription string) map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"id": schema.StringAttribute{
			Computed:            true,
			MarkdownDescription: idDescription,
		},
		"state": schema.StringAttribute{
			Computed:            true,
			MarkdownDescription: "The batch's state exactly as the API returned it, e.g. `running` or `success`. Compare it case-insensitively (`lower(...)`): the API has been seen to answer `Success`.",
		},
		"terminal": schema.BoolAttribute{
			Computed:            true,
			MarkdownDescription: "Whether the state can never change again: `success` or `dead`, ignoring case.",
		},
	}
}

const readBatchIDDescription = "The batch ID as the API returned it (`batch_id` when the answer has none)."

// timeoutsBlocks is the timeouts block of every data source.
func timeoutsBlocks(ctx context.Context) map[string]schema.Block {
	return map[string]schema.Block{"timeouts": readTimeoutsBlock(ctx)}
}

// readBatch is the read of one batch: one call of once, or with wait_for
// the polling of wait, within timeouts.read, failing with the diagnostics
// every data source gives. It sets args.ProjectID to the project read.
func readBatch[T any](ctx context.Context, b *dataSourceBase, args *batchArgs, diags *diag.Diagnostics,
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
	batchID := args.BatchID.ValueString()
	var v T
	var err error
	if len(waitFor) == 0 {
		v, err = once(b.data.client, ctx, scope.projectID, batchID)
	} else {
		v, err = wait(b.data.waiter, ctx, scope.projectID, batchID, waitFor)
	}
	if err != nil {
		diags.Append(b.failed(err, scope))
		return zero, false
	}
	args.ProjectID = types.StringValue(scope.projectID)
	return v, true
}
