package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/dli-terraform/terraform-provider-dli/internal/dli"
)

// flinkJobOrders are the order attribute's values, the default first.
var flinkJobOrders = []listOrder{
	{"created_desc", dli.FlinkOrderCreatedDesc, "newest first"},
	{"created_asc", dli.FlinkOrderCreatedAsc, "oldest first"},
}

type flinkJobsModel struct {
	Name      types.String `tfsdk:"name"`
	QueueName types.String `tfsdk:"queue_name"`
	Status    types.String `tfsdk:"status"`
	JobType   types.String `tfsdk:"job_type"`
	Tags      types.Map    `tfsdk:"tags"`
	Jobs      types.List   `tfsdk:"jobs"`
	listArgs
}

// newFlinkJobsDataSource is dli_flink_jobs: the jobs that match filters, newest first
// unless ordered otherwise.
func newFlinkJobsDataSource() datasource.DataSource {
	return &listDataSource[dli.FlinkJob, flinkJobsModel, *flinkJobsModel]{
		dataSourceBase: dataSourceBase{subject: flinkJobsSubject},
		typeName:       "_flink_jobs",
		orders:         flinkJobOrders,
		id:             func(j dli.FlinkJob) string { return j.ID },
		description:    "Lists the DLI Flink (streaming) jobs that match filters, newest first, e.g. to find the ID of the job named X, to gate on it with `dli_flink_job`.",
		attributes: func() map[string]schema.Attribute {
			return merge(listArgAttributes(dli.FlinkJobKind, "jobs", flinkJobOrders), map[string]schema.Attribute{
				"name":       filterAttribute("Only jobs with exactly this name. DLI's own filter matches part of a name; the provider keeps exact matches only, so `clicks-stream` does not return `clicks-stream-backfill`."),
				"queue_name": filterAttribute("Only jobs on this queue."),
				"status":     oneOfFilterAttribute("Only jobs in this status", dli.FlinkJobKind.Statuses),
				"job_type":   oneOfFilterAttribute("Only jobs of this type", dli.FlinkJobTypes),
				"tags":       tagsFilterAttribute(),
				"jobs": entriesAttribute("The matching jobs, in `order`, at most `limit`; empty when none match. Each has the computed attributes of `dli_flink_job`.",
					flinkJobFieldAttributes()),
			})
		},
	}
}

func (m *flinkJobsModel) listArguments() *listArgs { return &m.listArgs }

func (m *flinkJobsModel) list(c *dli.Client, ctx context.Context, projectID string, limit int) (dli.List[dli.FlinkJob], error) {
	filter := dli.FlinkJobFilter{ // validated at plan time
		Name: m.Name.ValueString(), QueueName: m.QueueName.ValueString(), Status: m.Status.ValueString(),
		JobType: m.JobType.ValueString(), Order: orderValue(flinkJobOrders, m.Order), Tags: tagsValue(m.Tags),
	}
	return c.FlinkJobs(ctx, projectID, filter, limit)
}

var flinkJobEntryType = entryType(flinkJobFieldAttributes)

func (m *flinkJobsModel) setJobs(ctx context.Context, jobs []dli.FlinkJob) (diags diag.Diagnostics) {
	m.Jobs, diags = objectList(ctx, flinkJobEntryType(), jobs, (*flinkJobFields).set)
	return diags
}

var flinkJobsSubject = subject{kind: dli.FlinkJobKind, list: true}
