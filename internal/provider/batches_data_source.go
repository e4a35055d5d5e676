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
	{"created_desc", dli.BatchOrderCreatedDesc, "newest first"},
	{"created_asc", dli.BatchOrderCreatedAsc, "oldest first"},
	{"duration_desc", dli.BatchOrderDurationDesc, "longest first"},
	{"duration_asc", dli.BatchOrderDurationAsc, "shortest first"},
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
	jobTimes
}

func (e *batchEntry) set(b dli.Batch) {
	e.batchDetails.set(b)
	e.Duration = durationValue(b.Duration.AsDuration())
	e.jobTimes.set(b.CreatedAt.AsTime(), b.Duration.AsDuration(), b.Terminal())
}

// newBatchesDataSource is dli_batches: the batches that match filters,
// newest first unless ordered otherwise.
func newBatchesDataSource() datasource.DataSource {
	return &listDataSource[dli.Batch, batchesModel, *batchesModel]{
		dataSourceBase: dataSourceBase{subject: batchesSubject},
		typeName:       "_batches",
		orders:         batchOrders,
		id:             func(b dli.Batch) string { return b.ID },
		validators:     []datasource.ConfigValidator{timeRange{"created_after", "created_before", dli.BatchKind}},
		description:    "Lists the DLI batch (Spark) jobs that match filters, newest first, e.g. to find the latest run of a job that Terraform did not start.",
		attributes: func() map[string]schema.Attribute {
			return merge(listArgAttributes(dli.BatchKind, "batches", batchOrders), map[string]schema.Attribute{
				"name":           filterAttribute("Only batches of the job with exactly this name (the API's `job_name`). DLI's own filter matches part of a name; the provider keeps exact matches only, so `nightly-etl` does not return `nightly-etl-backfill`."),
				"queue_name":     filterAttribute("Only batches on this queue."),
				"cluster_name":   filterAttribute("Only batches on this cluster."),
				"owner":          filterAttribute("Only batches submitted by this user. Checked by the provider: the batch list's API (the official SDK's `ListSparkJobsRequest`) has no owner filter, so the provider pages until it has `limit` of this user's batches or the list ends."),
				"state":          oneOfFilterAttribute("Only batches in this state", dli.BatchKind.Statuses),
				"created_after":  timeBoundAttribute("Only batches created at or after this time, RFC 3339 (e.g. `timeadd(plantimestamp(), \"-24h\")`)."),
				"created_before": timeBoundAttribute("Only batches created at or before this time, RFC 3339."),
				"batches": entriesAttribute("The matching batches, in `order`, at most `limit`; empty when none match. Each has the attributes of `dli_batch`, `duration`, and `duration_seconds` and `ended_at` (DLI's list gives a batch's duration; its read of one batch does not).",
					batchEntryAttributes()),
			})
		},
	}
}

var batchEntryType = entryType(batchEntryAttributes)

func batchEntryAttributes() map[string]schema.Attribute {
	return merge(batchStatusAttributes("The batch's ID."), batchDetailAttributes(), jobTimeAttributes("created_at"), map[string]schema.Attribute{
		"duration": schema.StringAttribute{
			Computed:            true,
			MarkdownDescription: "How long the batch ran, as a duration such as `1h0m0s`.",
		},
	})
}

func (m *batchesModel) listArguments() *listArgs { return &m.listArgs }

func (m *batchesModel) list(c *dli.Client, ctx context.Context, projectID string, limit int) (dli.List[dli.Batch], error) {
	return c.Batches(ctx, projectID, batchFilter(*m), limit)
}

func (m *batchesModel) setJobs(ctx context.Context, jobs []dli.Batch) (diags diag.Diagnostics) {
	m.Batches, diags = objectList(ctx, batchEntryType(), jobs, (*batchEntry).set)
	return diags
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

var batchesSubject = subject{kind: dli.BatchKind, list: true}
