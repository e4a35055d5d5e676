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

// sqlJobOrders are the order attribute's values, the default first.
var sqlJobOrders = []listOrder{
	{"started_desc", dli.SQLOrderStartedDesc, "newest first"},
	{"started_asc", dli.SQLOrderStartedAsc, "oldest first"},
	{"duration_desc", dli.SQLOrderDurationDesc, "longest first"},
	{"duration_asc", dli.SQLOrderDurationAsc, "shortest first"},
}

type sqlJobsModel struct {
	QueueName     types.String `tfsdk:"queue_name"`
	JobType       types.String `tfsdk:"job_type"`
	Status        types.String `tfsdk:"status"`
	Owner         types.String `tfsdk:"owner"`
	TableName     types.String `tfsdk:"table_name"`
	DatabaseName  types.String `tfsdk:"database_name"`
	StartedAfter  types.String `tfsdk:"started_after"`
	StartedBefore types.String `tfsdk:"started_before"`
	Tags          types.Map    `tfsdk:"tags"`
	Jobs          types.List   `tfsdk:"jobs"`
	listArgs
}

// newSQLJobsDataSource is dli_sql_jobs: the jobs that match filters, newest first
// unless ordered otherwise.
func newSQLJobsDataSource() datasource.DataSource {
	return &listDataSource[dli.SQLJob, sqlJobsModel, *sqlJobsModel]{
		dataSourceBase: dataSourceBase{subject: sqlJobsSubject},
		typeName:       "_sql_jobs",
		orders:         sqlJobOrders,
		id:             func(j dli.SQLJob) string { return j.ID },
		validators:     []datasource.ConfigValidator{timeRange{"started_after", "started_before", dli.SQLJobKind}},
		description:    "Lists the DLI SQL jobs that match filters, newest first, e.g. to find the latest `INSERT` into a table that Terraform did not start.",
		attributes: func() map[string]schema.Attribute {
			return merge(listArgAttributes(dli.SQLJobKind, "jobs", sqlJobOrders), map[string]schema.Attribute{
				"queue_name":     filterAttribute("Only jobs on this queue."),
				"job_type":       oneOfFilterAttribute("Only jobs of this type (the API's `job-type`; `ALL` is every type)", dli.SQLJobTypes),
				"status":         oneOfFilterAttribute("Only jobs in this status (the API's `job-status`, which knows more statuses than a job reports)", dli.SQLJobListStatuses),
				"owner":          filterAttribute("Only jobs submitted by this user."),
				"table_name":     filterAttribute("Only jobs on this table."),
				"database_name":  filterAttribute("Only jobs on this database (the API's `db_name`)."),
				"started_after":  timeBoundAttribute("Only jobs started at or after this time, RFC 3339 (e.g. `timeadd(plantimestamp(), \"-24h\")`)."),
				"started_before": timeBoundAttribute("Only jobs started at or before this time, RFC 3339."),
				"tags":           tagsFilterAttribute(),
				"jobs": entriesAttribute("The matching jobs, in `order`, at most `limit`; empty when none match. Each has the computed attributes of `dli_sql_job`.",
					sqlJobFieldAttributes()),
			})
		},
	}
}

func (m *sqlJobsModel) listArguments() *listArgs { return &m.listArgs }

func (m *sqlJobsModel) list(c *dli.Client, ctx context.Context, projectID string, limit int) (dli.List[dli.SQLJob], error) {
	filter := dli.SQLJobFilter{ // validated at plan time
		QueueName: m.QueueName.ValueString(), JobType: m.JobType.ValueString(), Status: m.Status.ValueString(),
		Owner: m.Owner.ValueString(), TableName: m.TableName.ValueString(), DatabaseName: m.DatabaseName.ValueString(),
		Order: orderValue(sqlJobOrders, m.Order), Tags: tagsValue(m.Tags),
	}
	filter.StartedAfter, _ = time.Parse(time.RFC3339, m.StartedAfter.ValueString())
	filter.StartedBefore, _ = time.Parse(time.RFC3339, m.StartedBefore.ValueString())
	return c.SQLJobs(ctx, projectID, filter, limit)
}

var sqlJobEntryType = entryType(sqlJobFieldAttributes)

func (m *sqlJobsModel) setJobs(ctx context.Context, jobs []dli.SQLJob) (diags diag.Diagnostics) {
	m.Jobs, diags = objectList(ctx, sqlJobEntryType(), jobs, (*sqlJobFields).set)
	return diags
}

var sqlJobsSubject = subject{kind: dli.SQLJobKind, list: true}
