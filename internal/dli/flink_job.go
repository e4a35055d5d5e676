package dli

import (
	"context"
	"regexp"
	"strconv"
)

// FlinkJob is one Flink job: the job_detail of
// GET /v1.0/{project_id}/streaming/jobs/{job_id}, and an entry of the Flink
// job list (the official SDK's FlinkJob), decoded straight from the
// answer. A field the answer did not carry is nil.
type FlinkJob struct {
	// ID is the job's numeric ID, as a string.
	ID string `json:"-"`
	// Status is exactly as the API returned it, e.g. job_running.
	Status       string      `json:"-"`
	Name         *string     `json:"name"`
	StatusDesc   *string     `json:"status_desc"`
	JobType      *string     `json:"job_type"`
	QueueName    *string     `json:"queue_name"`
	UserName     *string     `json:"user_name"`
	CreatedAt    *MillisTime `json:"create_time"`
	StartedAt    *MillisTime `json:"start_time"`
	UpdatedAt    *MillisTime `json:"update_time"`
	RestartTimes *int64      `json:"restart_times"`
	// Duration is how long the job has run (so far).
	Duration *MillisDuration `json:"duration"`
}

// Terminal reports whether the job will not change by itself (a person
// may start it again: FlinkJobKind.ComeBack).
func (j FlinkJob) Terminal() bool { return FlinkJobKind.IsTerminal(j.Status) }

func (j FlinkJob) status() string { return j.Status }

// reason is the status description. The answer's message is not: it is
// about the request ("Querying of the job details succeeds."), not the job
// (the official SDK's ShowFlinkJobResponse.Message).
func (j FlinkJob) reason() string { return valueOf(j.StatusDesc) }

// flinkJobJSON is a Flink job as DLI sends it: its ID (a number) and
// status checked before they are the job's.
type flinkJobJSON struct {
	FlinkJob
	JobID  *int64  `json:"job_id"`
	Status *string `json:"status"`
}

// flinkJobAnswerJSON is the answer of the read of one Flink job.
type flinkJobAnswerJSON struct {
	body
	JobDetail *flinkJobJSON `json:"job_detail"`
}

func (a *flinkJobAnswerJSON) payload() bool { return a.JobDetail != nil }

// job checks and converts the Flink job of a single read; askedID stands
// in for an answer without an ID. Its status is what was asked for.
func (j *flinkJobJSON) job(resp *response, askedID string) (FlinkJob, error) {
	if blank(j.Status) {
		return FlinkJob{}, resp.malformed("a Flink job in the answer has no status: " + resp.snippet())
	}
	id := askedID
	if j.JobID != nil {
		id = strconv.FormatInt(*j.JobID, 10)
	}
	return j.convert(id), nil
}

// entry converts one Flink job of a list: kept whatever else it lacks,
// left out (false) without its ID.
func (j flinkJobJSON) entry() (FlinkJob, bool) {
	if j.JobID == nil {
		return FlinkJob{}, false
	}
	return j.convert(strconv.FormatInt(*j.JobID, 10)), true
}

func (j *flinkJobJSON) convert(id string) FlinkJob {
	f := j.FlinkJob
	f.ID, f.Status = id, valueOf(j.Status)
	return f
}

// FlinkJob reads one Flink job: one request, plus retries of transient
// failures, with the same errors as BatchState.
func (c *Client) FlinkJob(ctx context.Context, projectID, jobID string) (FlinkJob, error) {
	k := dliCall(&FlinkJobKind, projectID, jobID, nil, "v1.0", projectID, "streaming", "jobs", jobID)
	return do(ctx, c, k, func(resp *response) (FlinkJob, error) {
		var a flinkJobAnswerJSON
		if err := resp.decodeInto(&a); err != nil {
			return FlinkJob{}, err
		}
		if a.JobDetail == nil {
			return FlinkJob{}, resp.malformed("the answer has no job_detail: " + resp.snippet())
		}
		return a.JobDetail.job(resp, jobID)
	})
}

// FlinkJobKind is a Flink job (GET /v1.0/{project_id}/streaming/jobs/{job_id}),
// statuses as the official SDK's ListFlinkJobsRequest enumerates them.
// Its IDs are numbers (int64), given as strings.
var FlinkJobKind = Kind{Noun: "Flink job", Plural: "Flink jobs", StatusWord: "status", Gate: "job_running",
	ID: regexp.MustCompile(`^[0-9]{1,18}$`), IDRule: ": digits only (at most 18)", IDExample: "71001",
	Statuses: []string{
		"job_init", "job_submitting", "job_submit_fail", "job_running", "job_running_exception",
		"job_downloading", "job_idle", "job_canceling", "job_cancel_success", "job_cancel_fail",
		"job_savepointing", "job_arrearage_stopped", "job_arrearage_recovering", "job_finish",
	},
	Terminal: []string{"job_submit_fail", "job_running_exception", "job_cancel_success", "job_arrearage_stopped", "job_finish"},
	// As the official SDK and DLI's documentation have them: an arrears stop
	// recovers once the bill is paid, and the others can be started again
	// under the same ID.
	ComeBack: map[string]string{
		"job_arrearage_stopped": "pay the account's arrears, and the job recovers (job_arrearage_recovering)",
		"job_submit_fail":       "start the job again",
		"job_running_exception": "start the job again",
		"job_cancel_success":    "start the job again",
		"job_finish":            "start the job again",
	},
}

// WaitFlinkJob is WaitBatchState for a Flink job's status.
func (w Waiter) WaitFlinkJob(ctx context.Context, projectID, jobID string, targets []string) (FlinkJob, error) {
	return waitUntil(ctx, w, FlinkJobKind, jobID, targets, func(ctx context.Context) (FlinkJob, error) {
		return w.Client.FlinkJob(ctx, projectID, jobID)
	})
}
