package dli

import (
	"context"
	"strconv"
	"time"
)

// FlinkJob is one Flink job: the job_detail of
// GET /v1.0/{project_id}/streaming/jobs/{job_id}, and an entry of the Flink
// job list. A field the answer did not carry is nil.
type FlinkJob struct {
	// ID is the job's numeric ID, as a string.
	ID string
	// Status is exactly as the API returned it, e.g. job_running.
	Status                                         string
	Name, StatusDesc, JobType, QueueName, UserName *string
	CreatedAt, StartedAt, UpdatedAt                *time.Time
	RestartTimes                                   *int64
}

// Terminal reports whether the job can never change again.
func (j FlinkJob) Terminal() bool { return FlinkJobKind.IsTerminal(j.Status) }

func (j FlinkJob) status() string { return j.Status }

// reason is the status description. The answer's message is not: it is
// about the request ("Querying of the job details succeeds."), not the job
// (the official SDK's ShowFlinkJobResponse.Message).
func (j FlinkJob) reason() string {
	if j.StatusDesc != nil {
		return *j.StatusDesc
	}
	return ""
}

// flinkJobJSON is a Flink job as DLI sends it (the official SDK's FlinkJob),
// times in ms.
type flinkJobJSON struct {
	JobID        *int64  `json:"job_id"`
	Name         *string `json:"name"`
	UserName     *string `json:"user_name"`
	JobType      *string `json:"job_type"`
	Status       *string `json:"status"`
	StatusDesc   *string `json:"status_desc"`
	CreateTime   *int64  `json:"create_time"`
	StartTime    *int64  `json:"start_time"`
	UpdateTime   *int64  `json:"update_time"`
	QueueName    *string `json:"queue_name"`
	RestartTimes *int64  `json:"restart_times"`
}

// flinkJobAnswerJSON is the answer of the read of one Flink job.
type flinkJobAnswerJSON struct {
	body
	JobDetail *flinkJobJSON `json:"job_detail"`
}

func (j *flinkJobJSON) job(resp *response) (FlinkJob, error) {
	if j.JobID == nil {
		return FlinkJob{}, resp.malformed("a Flink job in the answer has no job_id: " + resp.snippet())
	}
	if j.Status == nil || *j.Status == "" {
		return FlinkJob{}, resp.malformed("a Flink job in the answer has no status: " + resp.snippet())
	}
	return FlinkJob{
		ID: strconv.FormatInt(*j.JobID, 10), Status: *j.Status,
		Name: j.Name, StatusDesc: j.StatusDesc, JobType: j.JobType, QueueName: j.QueueName, UserName: j.UserName,
		CreatedAt: fromMillis(j.CreateTime), StartedAt: fromMillis(j.StartTime), UpdatedAt: fromMillis(j.UpdateTime),
		RestartTimes: j.RestartTimes,
	}, nil
}

// FlinkJob reads one Flink job: one request, plus retries of transient
// failures, with the same errors as BatchState.
func (c *Client) FlinkJob(ctx context.Context, projectID, jobID string) (FlinkJob, error) {
	k := dliCall(projectID, jobSubject(FlinkJobKind, projectID, jobID), nil, "v1.0", projectID, "streaming", "jobs", jobID)
	return do(ctx, c, k, func(resp *response) (FlinkJob, error) {
		var a flinkJobAnswerJSON
		if err := resp.decodeInto(&a); err != nil {
			return FlinkJob{}, err
		}
		if a.JobDetail == nil {
			return FlinkJob{}, resp.malformed("the answer has no job_detail: " + resp.snippet())
		}
		return a.JobDetail.job(resp)
	})
}
