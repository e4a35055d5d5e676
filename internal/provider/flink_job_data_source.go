package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/dli-terraform/terraform-provider-dli/internal/dli"
)

// flinkJobFields are a Flink job as dli_flink_job and the entries of
// dli_flink_jobs show it. A field the API did not send is null.
type flinkJobFields struct {
	ID           types.String `tfsdk:"id"`
	Name         types.String `tfsdk:"name"`
	Status       types.String `tfsdk:"status"`
	StatusDesc   types.String `tfsdk:"status_desc"`
	Terminal     types.Bool   `tfsdk:"terminal"`
	JobType      types.String `tfsdk:"job_type"`
	QueueName    types.String `tfsdk:"queue_name"`
	UserName     types.String `tfsdk:"user_name"`
	CreatedAt    types.String `tfsdk:"created_at"`
	StartedAt    types.String `tfsdk:"started_at"`
	UpdatedAt    types.String `tfsdk:"updated_at"`
	RestartTimes types.Int64  `tfsdk:"restart_times"`
	jobTimes
}

func (f *flinkJobFields) set(j dli.FlinkJob) {
	f.ID = types.StringValue(j.ID)
	f.Name = types.StringPointerValue(j.Name)
	f.Status, f.Terminal = statusValues(j.Status, j.Terminal())
	f.StatusDesc = types.StringPointerValue(j.StatusDesc)
	f.JobType = types.StringPointerValue(j.JobType)
	f.QueueName = types.StringPointerValue(j.QueueName)
	f.UserName = types.StringPointerValue(j.UserName)
	f.CreatedAt = timeValue(j.CreatedAt.AsTime())
	f.StartedAt = timeValue(j.StartedAt.AsTime())
	f.UpdatedAt = timeValue(j.UpdatedAt.AsTime())
	f.RestartTimes = types.Int64PointerValue(j.RestartTimes)
	f.jobTimes.set(j.StartedAt.AsTime(), j.Duration.AsDuration(), j.Terminal())
}

// flinkJobFieldAttributes are the schema of flinkJobFields.
func flinkJobFieldAttributes() map[string]schema.Attribute {
	str := func(description string) schema.Attribute {
		return schema.StringAttribute{Computed: true, MarkdownDescription: description}
	}
	return merge(jobTimeAttributes("started_at"), map[string]schema.Attribute{
		"id":            str("The Flink job's ID (a number, as a string)."),
		"name":          str("The job's name."),
		"status":        str("The job's status exactly as the API returned it, e.g. `job_running`: one of " + statusList(dli.FlinkJobKind.Statuses) + "."),
		"status_desc":   str("DLI's description of the status, e.g. why a job failed."),
		"terminal":      schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether the status will not change by itself: " + statusList(dli.FlinkJobKind.Terminal) + ", ignoring case. " + comeBackList(dli.FlinkJobKind)},
		"job_type":      str("The job's type, e.g. `flink_opensource_sql_job` or `flink_jar_job`."),
		"queue_name":    str("The queue the job runs on."),
		"user_name":     str("The user who created the job."),
		"created_at":    str("When the job was created, RFC 3339 in UTC, e.g. `2024-11-29T00:00:00Z`."),
		"started_at":    str("When the job last started, RFC 3339 in UTC."),
		"updated_at":    str("When the job last changed, RFC 3339 in UTC."),
		"restart_times": schema.Int64Attribute{Computed: true, MarkdownDescription: "How many times the job has been restarted."},
	})
}

type flinkJobModel struct {
	jobArgs
	flinkJobFields
}

// newFlinkJobDataSource is dli_flink_job.
func newFlinkJobDataSource() datasource.DataSource {
	return &oneJobDataSource[dli.FlinkJob, flinkJobModel, *flinkJobModel]{
		dataSourceBase: dataSourceBase{subject: flinkJobSubject},
		typeName:       "_flink_job",
		once:           (*dli.Client).FlinkJob,
		wait:           dli.Waiter.WaitFlinkJob,
		description:    "Reads a DLI Flink (streaming) job by ID and, with `wait_for`, waits until it reaches one of the given statuses, e.g. `job_running` before a consumer is created.",
		attributes: func() map[string]schema.Attribute {
			return merge(waitArgAttributes(dli.FlinkJobKind, "job_id", flinkJobIDDescription, flinkJobIDValidator), presenceAttributes(dli.FlinkJobKind), flinkJobFieldAttributes())
		},
	}
}

// flinkJobSubject is a Flink job read by its ID, in dli_flink_job and
// dli_flink_job_wait; the ID rule is the kind's, and a name given as an
// ID is pointed at dli_flink_jobs.
var (
	flinkJobSubject       = subject{kind: dli.FlinkJobKind, idAttribute: "job_id", allowMissing: true}
	flinkJobIDValidator   = idValidator(dli.FlinkJobKind, flinkJobByName)
	flinkJobIDDescription = "ID of the Flink job" + dli.FlinkJobKind.IDRule + ", as a string (IDs come from other resources as strings)."
)

// newFlinkJobWaitAction is dli_flink_job_wait.
func newFlinkJobWaitAction() action.Action {
	return newWaitAction("_flink_job_wait", "dli_flink_job", flinkJobSubject, flinkJobIDDescription, flinkJobIDValidator, dli.Waiter.WaitFlinkJob)
}
