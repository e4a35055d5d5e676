package provider

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/datasource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/dli-terraform/terraform-provider-dli/internal/dli"
)

// Plan-time checks of the data source's arguments.
var (
	// batchIDValidator accepts a UUID in any case, as DLI batch IDs are.
	batchIDValidator = stringvalidator.RegexMatches(
		regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`),
		"must be a batch job ID in UUID form, such as 0a324461-d9d9-45da-a52a-3b3c7a3d809e")
	projectIDValidator = stringvalidator.LengthAtLeast(1)
	waitForValidator   = setvalidator.ValueStringsAre(stringvalidator.OneOfCaseInsensitive(dli.KnownStates...))
)

type batchStateModel struct {
	BatchID   types.String   `tfsdk:"batch_id"`
	ProjectID types.String   `tfsdk:"project_id"`
	WaitFor   types.Set      `tfsdk:"wait_for"`
	Timeouts  timeouts.Value `tfsdk:"timeouts"`
	ID        types.String   `tfsdk:"id"`
	State     types.String   `tfsdk:"state"`
	Terminal  types.Bool     `tfsdk:"terminal"`
}

type batchStateDataSource struct {
	data *providerData
}

var (
	_ datasource.DataSourceWithConfigure        = (*batchStateDataSource)(nil)
	_ datasource.DataSourceWithConfigValidators = (*batchStateDataSource)(nil)
)

func newBatchStateDataSource() datasource.DataSource { return &batchStateDataSource{} }

func (d *batchStateDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_batch_state"
}

func (d *batchStateDataSource) Schema(ctx context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	states := strings.Join(dli.KnownStates, "`, `")
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads the state of a DLI batch (Spark) job and, with `wait_for`, waits until it reaches one of the given states, so that downstream resources can be gated on the batch's outcome.",
		Attributes: map[string]schema.Attribute{
			"batch_id": schema.StringAttribute{
				Required:            true,
				MarkdownDescription: "ID of the batch job, a UUID (any case).",
				Validators:          []validator.String{batchIDValidator},
			},
			"project_id": schema.StringAttribute{
				Optional:            true,
				Computed:            true,
				MarkdownDescription: "Project of the batch job. Defaults to the provider's `project_id` (`" + envProjectID + "`).",
				Validators:          []validator.String{projectIDValidator},
			},
			"wait_for": schema.SetAttribute{
				ElementType: types.StringType,
				Optional:    true,
				MarkdownDescription: "Poll until the batch's state is one of these (ignoring case): any of `" + states + "`. " +
					"The read fails at once if the batch reaches a terminal state (`success`, `dead`) that is not listed, and fails when `timeouts.read` runs out.",
				Validators: []validator.Set{
					setvalidator.SizeAtLeast(1),
					waitForValidator,
				},
			},
			"id": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "The batch ID as the API returned it (`batch_id` when the answer has none).",
			},
			"state": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "The batch's state exactly as the API returned it, e.g. `running` or `success`. Compare it case-insensitively (`lower(...)`): the API has been seen to answer `Success`.",
			},
			"terminal": schema.BoolAttribute{
				Computed:            true,
				MarkdownDescription: "Whether the state can never change again: `success` or `dead`, ignoring case.",
			},
		},
		Blocks: map[string]schema.Block{
			"timeouts": readTimeoutsBlock(ctx),
		},
	}
}

func (d *batchStateDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return []datasource.ConfigValidator{positiveReadTimeout{}}
}

func (d *batchStateDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	if req.ProviderData == nil {
		return // validation runs before the provider is configured
	}
	data, ok := req.ProviderData.(*providerData)
	if !ok {
		resp.Diagnostics.AddError("Unexpected provider data", fmt.Sprintf("got %T; this is a bug in the provider, please report it", req.ProviderData))
		return
	}
	d.data = data
}

func (d *batchStateDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m batchStateModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if d.data == nil {
		resp.Diagnostics.AddError("DLI provider not configured", "The provider was not configured before the read; this is a bug in the provider, please report it.")
		return
	}
	ctx = maskSecrets(ctx, d.data.client.Secrets())

	var waitFor []string
	resp.Diagnostics.Append(m.WaitFor.ElementsAs(ctx, &waitFor, false)...)
	timeout, diags := m.Timeouts.Read(ctx, defaultReadTimeout)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}

	ctx, stop := d.data.stopOnInterrupt(ctx)
	defer stop()
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	projectID, diags := d.data.projectFor(ctx, m.ProjectID)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	batchID := m.BatchID.ValueString()
	var state dli.BatchState
	var err error
	if len(waitFor) == 0 {
		state, err = d.data.client.BatchState(ctx, projectID, batchID)
	} else {
		state, err = d.data.waiter.Wait(ctx, projectID, batchID, waitFor)
	}
	if err != nil {
		resp.Diagnostics.Append(readErrorDiagnostic(err, d.data.auth, timeout))
		return
	}

	m.ProjectID = types.StringValue(projectID)
	m.ID = types.StringValue(state.ID)
	m.State = types.StringValue(state.State)
	m.Terminal = types.BoolValue(state.Terminal())
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}
