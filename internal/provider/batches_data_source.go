package provider

import (
	"context"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/datasource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/dli-terraform/terraform-provider-dli/internal/dli"
)

// The limit of dli_batches: how many batches one read returns at most.
const (
	defaultBatchesLimit = 100
	maxBatchesLimit     = 1000
)

// batchOrders maps the order attribute's values to the API's.
var batchOrders = map[string]string{
	"created_desc":  dli.OrderCreatedDesc,
	"created_asc":   dli.OrderCreatedAsc,
	"duration_desc": dli.OrderDurationDesc,
	"duration_asc":  dli.OrderDurationAsc,
}

const defaultBatchOrder = "created_desc"

type batchesModel struct {
	Name          types.String   `tfsdk:"name"`
	QueueName     types.String   `tfsdk:"queue_name"`
	ClusterName   types.String   `tfsdk:"cluster_name"`
	State         types.String   `tfsdk:"state"`
	Owner         types.String   `tfsdk:"owner"`
	CreatedAfter  types.String   `tfsdk:"created_after"`
	CreatedBefore types.String   `tfsdk:"created_before"`
	Order         types.String   `tfsdk:"order"`
	Limit         types.Int64    `tfsdk:"limit"`
	ProjectID     types.String   `tfsdk:"project_id"`
	Timeouts      timeouts.Value `tfsdk:"timeouts"`
	Batches       types.List     `tfsdk:"batches"`
	IDs           types.List     `tfsdk:"ids"`
}

// batchEntry is one element of batches.
type batchEntry struct {
	batchDetails
	Duration types.String `tfsdk:"duration"`
}

// batchesDataSource is dli_batches: the batches that match filters, newest
// first unless ordered otherwise.
type batchesDataSource struct {
	dataSourceBase
}

var _ datasource.DataSourceWithConfigure = (*batchesDataSource)(nil)

// ConfigValidators: created_after must come before created_before.
func (d *batchesDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return []datasource.ConfigValidator{createdRange{}}
}

func newBatchesDataSource() datasource.DataSource { return &batchesDataSource{} }

func (d *batchesDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_batches"
}

func batchEntryAttributes() map[string]schema.Attribute {
	return merge(batchStatusAttributes("The batch's ID."), batchDetailAttributes(), map[string]schema.Attribute{
		"duration": schema.StringAttribute{
			Computed:            true,
			MarkdownDescription: "How long the batch ran, as a duration such as `1h0m0s`.",
		},
	})
}

func (d *batchesDataSource) Schema(ctx context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	filter := func(description string) schema.Attribute {
		return schema.StringAttribute{Optional: true, MarkdownDescription: description,
			Validators: []validator.String{stringvalidator.LengthAtLeast(1)}}
	}
	createdBound := func(description string) schema.Attribute {
		return schema.StringAttribute{Optional: true, MarkdownDescription: description,
			Validators: []validator.String{rfc3339Validator{}}}
	}
	orders := "`created_desc` (newest first, the default), `created_asc`, `duration_desc`, `duration_asc`"
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the DLI batch (Spark) jobs that match filters, newest first, e.g. to find the latest run of a job that Terraform did not start.",
		Attributes: map[string]schema.Attribute{
			"name":         filter("Only batches of the job with this name (the API's `job_name`)."),
			"queue_name":   filter("Only batches on this queue."),
			"cluster_name": filter("Only batches on this cluster."),
			"owner":        filter("Only batches submitted by this user."),
			"state": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Only batches in this state: one of `" + strings.Join(dli.KnownStates, "`, `") + "` (any case).",
				Validators:          []validator.String{batchStates},
			},
			"created_after":  createdBound("Only batches created at or after this time, RFC 3339 (e.g. `timeadd(plantimestamp(), \"-24h\")`)."),
			"created_before": createdBound("Only batches created at or before this time, RFC 3339."),
			"order": schema.StringAttribute{
				Optional:            true,
				Computed:            true,
				MarkdownDescription: "Order of `batches`: " + orders + ".",
				Validators:          []validator.String{oneOf{what: "order", values: []string{"created_desc", "created_asc", "duration_desc", "duration_asc"}}},
			},
			"limit": schema.Int64Attribute{
				Optional:            true,
				Computed:            true,
				MarkdownDescription: "The most batches to return, from 1 to 1000; default 100. The read sends one request per 100 batches.",
				Validators:          []validator.Int64{int64validator.Between(1, maxBatchesLimit)},
			},
			"project_id": projectIDAttribute("the batch jobs"),
			"batches": schema.ListNestedAttribute{
				Computed:            true,
				MarkdownDescription: "The matching batches, in `order`, at most `limit`; empty when none match. Each has the attributes of `dli_batch` and `duration`.",
				NestedObject:        schema.NestedAttributeObject{Attributes: batchEntryAttributes()},
			},
			"ids": schema.ListAttribute{
				Computed:            true,
				ElementType:         types.StringType,
				MarkdownDescription: "The IDs of `batches`, in the same order.",
			},
		},
		Blocks: timeoutsBlocks(ctx),
	}
}

func (d *batchesDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m batchesModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if m.Order.IsNull() {
		m.Order = types.StringValue(defaultBatchOrder)
	}
	if m.Limit.IsNull() {
		m.Limit = types.Int64Value(defaultBatchesLimit)
	}
	filter := batchFilter(m) // validated at plan time
	ctx, cancel, scope, diags := d.startRead(ctx, m.ProjectID, m.Timeouts)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	defer cancel()
	batches, err := d.data.client.Batches(ctx, scope.projectID, filter, int(m.Limit.ValueInt64()))
	if err != nil {
		resp.Diagnostics.Append(d.failed(err, scope))
		return
	}
	m.ProjectID = types.StringValue(scope.projectID)
	m.Batches, m.IDs, diags = batchLists(ctx, batches)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

// batchFilter is the client's filter for validated arguments.
func batchFilter(m batchesModel) dli.BatchFilter {
	f := dli.BatchFilter{
		JobName: m.Name.ValueString(), QueueName: m.QueueName.ValueString(), ClusterName: m.ClusterName.ValueString(),
		Owner: m.Owner.ValueString(), State: m.State.ValueString(), Order: batchOrders[m.Order.ValueString()],
	}
	f.CreatedAfter, _ = time.Parse(time.RFC3339, m.CreatedAfter.ValueString())
	f.CreatedBefore, _ = time.Parse(time.RFC3339, m.CreatedBefore.ValueString())
	return f
}

func batchLists(ctx context.Context, batches []dli.Batch) (types.List, types.List, diag.Diagnostics) {
	entries := make([]batchEntry, len(batches))
	ids := make([]string, len(batches))
	for i, b := range batches {
		entries[i].set(b)
		entries[i].Duration = types.StringNull()
		if b.Duration != nil {
			entries[i].Duration = types.StringValue(b.Duration.String())
		}
		ids[i] = b.ID
	}
	attrTypes := map[string]attr.Type{}
	for name, a := range batchEntryAttributes() {
		attrTypes[name] = a.GetType()
	}
	list, diags := types.ListValueFrom(ctx, types.ObjectType{AttrTypes: attrTypes}, entries)
	return list, stringList(ids), diags
}
