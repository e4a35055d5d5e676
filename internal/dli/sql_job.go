package dli

import (
	"context"
	"encoding/json"
)

// SQLJob is one SQL job: the answer of GET /v1.0/{project_id}/jobs/{job_id}/status,
// and an entry of the SQL job list (the official SDK's
// ShowSqlJobStatusResponse and SqlJob), decoded straight from the answer.
// A field the answer did not carry is nil.
type SQLJob struct {
	ID string `json:"-"`
	// Status is exactly as the API returned it, e.g. RUNNING.
	Status        string          `json:"-"`
	JobType       *string         `json:"job_type"`
	QueueName     *string         `json:"queue_name"`
	Owner         *string         `json:"owner"`
	Statement     *string         `json:"statement"`
	DatabaseName  *string         `json:"database_name"`
	TableName     *string         `json:"table_name"`
	StartedAt     *MillisTime     `json:"start_time"`
	Duration      *MillisDuration `json:"duration"`
	ResultCount   *int64          `json:"result_count"`
	InputRowCount *int64          `json:"input_row_count"`
	BadRowCount   *int64          `json:"bad_row_count"`
	// Message is DLI's message, the reason of a failed job: the answer's
	// own (body's).
	Message string `json:"-"`
	// Tags are the job's tags (nil when the answer has none).
	Tags keyValues `json:"tags"`
}

// Terminal reports whether the job will not change by itself.
func (j SQLJob) Terminal() bool { return SQLJobKind.IsTerminal(j.Status) }

func (j SQLJob) status() string { return j.Status }
func (j SQLJob) reason() string { return j.Message }

// keyValues are tags as DLI sends them, [{"key":…,"value":…}], as a map;
// nil when there are none.
type keyValues map[string]string

func (kv *keyValues) UnmarshalJSON(data []byte) error {
	var tags []struct{ Key, Value string }
	if err := json.Unmarshal(data, &tags); err != nil {
		return err
	}
	*kv = nil
	for _, t := range tags {
		if *kv == nil {
			*kv = keyValues{}
		}
		(*kv)[t.Key] = t.Value
	}
	return nil
}

// sqlJobJSON is a SQL job as DLI sends it: its ID and status checked
// before they are the job's, its message body's.
type sqlJobJSON struct {
	body
	SQLJob
	JobID  *string `json:"job_id"`
	Status *string `json:"status"`
}

func (j *sqlJobJSON) payload() bool { return j.JobID != nil || j.Status != nil }

// job checks the SQL job of a single read; askedID stands in for an
// answer without an ID. Its status is what was asked for.
func (j *sqlJobJSON) job(resp *response, askedID string) (SQLJob, error) {
	if blank(j.Status) {
		return SQLJob{}, resp.malformed("a SQL job in the answer has no status: " + resp.snippet())
	}
	id := askedID
	if j.JobID != nil && *j.JobID != "" {
		id = *j.JobID
	}
	return j.convert(id), nil
}

// entry is one SQL job of a list: kept whatever else it lacks, left out
// (false) without its ID.
func (j sqlJobJSON) entry() (SQLJob, bool) {
	if j.JobID == nil || *j.JobID == "" {
		return SQLJob{}, false
	}
	return j.convert(*j.JobID), true
}

func (j *sqlJobJSON) convert(id string) SQLJob {
	s := j.SQLJob
	s.ID, s.Status, s.Message = id, valueOf(j.Status), j.body.Message
	return s
}

// SQLJob reads one SQL job's status and details: one request, plus retries
// of transient failures, with the same errors as BatchState.
func (c *Client) SQLJob(ctx context.Context, projectID, jobID string) (SQLJob, error) {
	k := dliCall(&SQLJobKind, projectID, jobID, nil, "v1.0", projectID, "jobs", jobID, "status")
	return do(ctx, c, k, func(resp *response) (SQLJob, error) {
		var j sqlJobJSON
		if err := resp.decodeInto(&j); err != nil {
			return SQLJob{}, err
		}
		return j.job(resp, jobID)
	})
}

// SQLJobKind is a SQL job (GET /v1.0/{project_id}/jobs/{job_id}/status),
// statuses as the official SDK's ShowSqlJobStatusResponse enumerates them.
var SQLJobKind = Kind{Noun: "SQL job", Plural: "SQL jobs", StatusWord: "status", Gate: "FINISHED",
	ID: uuid, IDRule: " in UUID form", IDExample: "1b2c3d4e-0000-4000-8000-00000000beef",
	Statuses: []string{"LAUNCHING", "RUNNING", "FINISHED", "FAILED", "CANCELLED"},
	Terminal: []string{"FINISHED", "FAILED", "CANCELLED"},
}

// WaitSQLJob is WaitBatchState for a SQL job's status.
func (w Waiter) WaitSQLJob(ctx context.Context, projectID, jobID string, targets []string) (SQLJob, error) {
	return waitUntil(ctx, w, SQLJobKind, jobID, targets, func(ctx context.Context) (SQLJob, error) {
		return w.Client.SQLJob(ctx, projectID, jobID)
	})
}
