package dli

import (
	"context"
	"time"
)

// SQLJob is one SQL job: the answer of GET /v1.0/{project_id}/jobs/{job_id}/status,
// and an entry of the SQL job list. A field the answer did not carry is nil.
type SQLJob struct {
	ID string
	// Status is exactly as the API returned it, e.g. RUNNING.
	Status                                                        string
	JobType, QueueName, Owner, Statement, DatabaseName, TableName *string
	StartedAt                                                     *time.Time
	Duration                                                      *time.Duration
	ResultCount, InputRowCount, BadRowCount                       *int64
	// Message is DLI's message, the reason of a failed job.
	Message string
}

// Terminal reports whether the job can never change again.
func (j SQLJob) Terminal() bool { return SQLJobKind.IsTerminal(j.Status) }

func (j SQLJob) status() string { return j.Status }
func (j SQLJob) reason() string { return j.Message }

// sqlJobJSON is a SQL job as DLI sends it (the official SDK's
// ShowSqlJobStatusResponse and SqlJob), times and durations in ms. Its
// message is body's.
type sqlJobJSON struct {
	body
	JobID         *string `json:"job_id"`
	JobType       *string `json:"job_type"`
	QueueName     *string `json:"queue_name"`
	Owner         *string `json:"owner"`
	StartTime     *int64  `json:"start_time"`
	Duration      *int64  `json:"duration"`
	Status        *string `json:"status"`
	InputRowCount *int64  `json:"input_row_count"`
	BadRowCount   *int64  `json:"bad_row_count"`
	ResultCount   *int64  `json:"result_count"`
	DatabaseName  *string `json:"database_name"`
	TableName     *string `json:"table_name"`
	Statement     *string `json:"statement"`
}

// job checks and converts one SQL job of an answer; askedID stands in for
// an answer without an ID.
func (j *sqlJobJSON) job(resp *response, askedID string) (SQLJob, error) {
	if j.Status == nil || *j.Status == "" {
		return SQLJob{}, resp.malformed("a SQL job in the answer has no status: " + resp.snippet())
	}
	id := askedID
	if j.JobID != nil && *j.JobID != "" {
		id = *j.JobID
	}
	if id == "" {
		return SQLJob{}, resp.malformed("a SQL job in the answer has no job_id: " + resp.snippet())
	}
	return SQLJob{
		ID: id, Status: *j.Status, Message: j.Message,
		JobType: j.JobType, QueueName: j.QueueName, Owner: j.Owner, Statement: j.Statement,
		DatabaseName: j.DatabaseName, TableName: j.TableName,
		StartedAt: fromMillis(j.StartTime), Duration: durationFromMillis(j.Duration),
		ResultCount: j.ResultCount, InputRowCount: j.InputRowCount, BadRowCount: j.BadRowCount,
	}, nil
}

// SQLJob reads one SQL job's status and details: one request, plus retries
// of transient failures, with the same errors as BatchState.
func (c *Client) SQLJob(ctx context.Context, projectID, jobID string) (SQLJob, error) {
	k := dliCall(projectID, jobSubject(SQLJobKind, projectID, jobID), nil, "v1.0", projectID, "jobs", jobID, "status")
	return do(ctx, c, k, func(resp *response) (SQLJob, error) {
		var j sqlJobJSON
		if err := resp.decodeInto(&j); err != nil {
			return SQLJob{}, err
		}
		return j.job(resp, jobID)
	})
}
