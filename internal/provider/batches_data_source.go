package provider

import (
	"context"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/dli-terraform/terraform-provider-dli/internal/dli"
)

// batchOrders are the order attribute's values, the default first.
var batchOrders = []listOrder{
	{"created_desc", dli.OrderCreatedDesc, "newest first"},
	{"created_asc", dli.OrderCreatedAsc, "oldest first"},
	{"duration_desc", dli.OrderDurationDesc, "longest first"},
	{"duration_asc", dli.OrderDurationAsc, "shortest first"},
}

type batchesModel struct {
	Name          types.String `tfsdk:"name"`
	QueueName     types.String `tfsdk:"queue_name"`
	ClusterName   types.String `tfsdk:"cluster_name"`
	State         types.String `tfsdk:"state"`
	Owner         types.String `tfsdk:"owner"`
	CreatedAfter  types.String `tfsdk:"created_after"`
	CreatedBefore types.String `tfsdk:"created_before"`
	Batches       types.List   `tfsdk:"batches"`
	listArgs
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

// ConfigValidators adds the time range check to every data source's.
func (d *batchesDataSource) ConfigValidators(ctx context.Context) []datasource.ConfigValidator {
	return append(d.dataSourceBase.ConfigValidators(ctx), timeRange{"created_after", "created_before", dli.BatchKind})
}

func newBatchesDataSource() datasource.DataSource {
	return &batchesDataSource{dataSourceBase{subject: batchesSubject}}
}

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
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the DLI batch (Spark) jobs that match filters, newest first, e.g. to find the latest run of a job that Terraform did not start.",
		Attributes: merge(listArgAttributes(dli.BatchKind, "batches", batchOrders), map[string]schema.Attribute{
			"name":           filterAttribute("Only batches of the job with this name (the API's `job_name`)."),
			"queue_name":     filterAttribute("Only batches on this queue."),
			"cluster_name":   filterAttribute("Only batches on this cluster."),
			"owner":          filterAttribute("Only batches submitted by this user."),
			"state":          oneOfFilterAttribute("Only batches in this state", dli.BatchKind.Statuses),
			"created_after":  timeBoundAttribute("Only batches created at or after this time, RFC 3339 (e.g. `timeadd(plantimestamp(), \"-24h\")`)."),
			"created_before": timeBoundAttribute("Only batches created at or before this time, RFC 3339."),
			"batches": entriesAttribute("The matching batches, in `order`, at most `limit`; empty when none match. Each has the attributes of `dli_batch` and `duration`.",
				batchEntryAttributes()),
		}),
		Blocks: timeoutsBlocks(ctx),
	}
}

func (d *batchesDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m batchesModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	filter := batchFilter(m) // validated at plan time
	batches, ok := readList(ctx, &d.dataSourceBase, &m.listArgs, batchOrders[0].name, &resp.Diagnostics,
		func(c *dli.Client, ctx context.Context, projectID string, limit int) ([]dli.Batch, error) {
			return c.Batches(ctx, projectID, filter, limit)
		}, func(b dli.Batch) string { return b.ID })
	if !ok {
		return
	}
	entries := make([]batchEntry, len(batches))
	for i, b := range batches {
		entries[i].set(b)
		entries[i].Duration = durationValue(b.Duration)
	}
	var diags diag.Diagnostics
	m.Batches, diags = objectList(ctx, batchEntryAttributes(), entries)
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
		Owner: m.Owner.ValueString(), State: m.State.ValueString(), Order: orderValue(batchOrders, m.Order),
	}
	f.CreatedAfter, _ = time.Parse(time.RFC3339, m.CreatedAfter.ValueString())
	f.CreatedBefore, _ = time.Parse(time.RFC3339, m.CreatedBefore.ValueString())
	return f
}
