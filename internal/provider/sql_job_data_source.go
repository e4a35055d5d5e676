package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/dli-terraform/terraform-provider-dli/internal/dli"
)

// sqlJobFields are a SQL job as dli_sql_job and the entries of
// dli_sql_jobs show it. A field the API did not send is null.
type sqlJobFields struct {
	ID            types.String `tfsdk:"id"`
	Status        types.String `tfsdk:"status"`
	Terminal      types.Bool   `tfsdk:"terminal"`
	JobType       types.String `tfsdk:"job_type"`
	QueueName     types.String `tfsdk:"queue_name"`
	Owner         types.String `tfsdk:"owner"`
	Statement     types.String `tfsdk:"statement"`
	DatabaseName  types.String `tfsdk:"database_name"`
	TableName     types.String `tfsdk:"table_name"`
	StartedAt     types.String `tfsdk:"started_at"`
	Duration      types.String `tfsdk:"duration"`
	ResultCount   types.Int64  `tfsdk:"result_count"`
	InputRowCount types.Int64  `tfsdk:"input_row_count"`
	BadRowCount   types.Int64  `tfsdk:"bad_row_count"`
	Message       types.String `tfsdk:"message"`
	Tags          types.Map    `tfsdk:"tags"`
	jobTimes
}

func (f *sqlJobFields) set(j dli.SQLJob) {
	f.ID = types.StringValue(j.ID)
	f.Status, f.Terminal = statusValues(j.Status, j.Terminal())
	f.JobType = types.StringPointerValue(j.JobType)
	f.QueueName = types.StringPointerValue(j.QueueName)
	f.Owner = types.StringPointerValue(j.Owner)
	f.Statement = types.StringPointerValue(j.Statement)
	f.DatabaseName = types.StringPointerValue(j.DatabaseName)
	f.TableName = types.StringPointerValue(j.TableName)
	f.StartedAt = timeValue(j.StartedAt.AsTime())
	f.Duration = durationValue(j.Duration.AsDuration())
	f.ResultCount = types.Int64PointerValue(j.ResultCount)
	f.InputRowCount = types.Int64PointerValue(j.InputRowCount)
	f.BadRowCount = types.Int64PointerValue(j.BadRowCount)
	f.Message = types.StringValue(j.Message)
	f.Tags = types.MapNull(types.StringType)
	if j.Tags != nil {
		f.Tags, _ = types.MapValueFrom(context.Background(), types.StringType, j.Tags)
	}
	f.jobTimes.set(j.StartedAt.AsTime(), j.Duration.AsDuration(), j.Terminal())
}

// sqlJobFieldAttributes are the schema of sqlJobFields.
func sqlJobFieldAttributes() map[string]schema.Attribute {
	str := func(description string) schema.Attribute {
		return schema.StringAttribute{Computed: true, MarkdownDescription: description}
	}
	count := func(description string) schema.Attribute {
		return schema.Int64Attribute{Computed: true, MarkdownDescription: description}
	}
	return merge(jobTimeAttributes("started_at"), map[string]schema.Attribute{
		"tags":            schema.MapAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "The job's tags; null when it has none."},
		"id":              str("The SQL job's ID, as the API returned it."),
		"status":          str("The job's status exactly as the API returned it: " + statusList(dli.SQLJobKind.Statuses) + "."),
		"terminal":        schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether the status will not change by itself: " + statusList(dli.SQLJobKind.Terminal) + ", ignoring case. All are final."},
		"job_type":        str("The job's type, e.g. `INSERT`, `IMPORT`, `QUERY` or `DDL`."),
		"queue_name":      str("The queue the job ran on."),
		"owner":           str("The user who submitted the job."),
		"statement":       str("The job's SQL statement."),
		"database_name":   str("The database the job wrote to or read from (set for some job types only)."),
		"table_name":      str("The table the job wrote to or read from (set for some job types only)."),
		"started_at":      str("When the job started, RFC 3339 in UTC, e.g. `2024-11-29T00:00:00Z`."),
		"duration":        str("How long the job ran (so far), as a duration such as `1m5s`."),
		"result_count":    count("The number of result rows."),
		"input_row_count": count("The number of rows the job read."),
		"bad_row_count":   count("The number of bad rows the job met (an import's rejected rows)."),
		"message":         str("DLI's message about the job: the reason of a failed job; empty when none."),
	})
}

type sqlJobModel struct {
	jobArgs
	sqlJobFields
}

// newSQLJobDataSource is dli_sql_job.
func newSQLJobDataSource() datasource.DataSource {
	return &oneJobDataSource[dli.SQLJob, sqlJobModel, *sqlJobModel]{
		dataSourceBase: dataSourceBase{subject: sqlJobSubject},
		typeName:       "_sql_job",
		once:           (*dli.Client).SQLJob,
		wait:           dli.Waiter.WaitSQLJob,
		description:    "Reads a DLI SQL job (an `INSERT`, `IMPORT`, query...) by ID and, with `wait_for`, waits until it reaches one of the given statuses, so that downstream resources can be gated on the table it fills.",
		attributes: func() map[string]schema.Attribute {
			return merge(waitArgAttributes(dli.SQLJobKind, "job_id", sqlJobIDDescription, sqlJobIDValidator), presenceAttributes(dli.SQLJobKind), sqlJobFieldAttributes())
		},
	}
}

// sqlJobSubject is a SQL job read by its ID, in dli_sql_job and
// dli_sql_job_wait; the ID rule is the kind's.
var (
	sqlJobSubject       = subject{kind: dli.SQLJobKind, idAttribute: "job_id", allowMissing: true}
	sqlJobIDValidator   = idValidator(dli.SQLJobKind, nil)
	sqlJobIDDescription = "ID of the SQL job" + dli.SQLJobKind.IDRule + " (any case)."
)

// newSQLJobWaitAction is dli_sql_job_wait.
func newSQLJobWaitAction() action.Action {
	return newWaitAction("_sql_job_wait", "dli_sql_job", sqlJobSubject, sqlJobIDDescription, sqlJobIDValidator, dli.Waiter.WaitSQLJob)
}
