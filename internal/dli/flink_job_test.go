package dli

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/dli-terraform/terraform-provider-dli/internal/dlimock"
)

const testFlinkJob = int64(71001)

var clicksStream = map[string]any{
	"name": "clicks-stream", "desc": "", "user_name": "alice", "job_type": "flink_opensource_sql_job", "status_desc": "",
	"create_time": int64(1732838400000), "start_time": int64(1732838430000), "update_time": int64(1732838490000),
	"queue_name": "flink_queue", "restart_times": 2, "run_mode": "exclusive_cluster", "root_id": -1,
}

func TestFlinkJobReadsEveryFieldWithIsSuccessAsAString(t *testing.T) {
	c, srv := newTestClient(t)
	srv.Mock.AddFlinkJob(testProject, testFlinkJob, clicksStream, "job_running")
	j, err := c.FlinkJob(shortCtx(t), testProject, "71001")
	if err != nil {
		t.Fatal(err)
	}
	if j.ID != "71001" || j.Status != "job_running" || j.Terminal() || *j.Name != "clicks-stream" || *j.UserName != "alice" ||
		*j.JobType != "flink_opensource_sql_job" || *j.QueueName != "flink_queue" || *j.RestartTimes != 2 ||
		!j.StartedAt.Equal(time.Date(2024, 11, 29, 0, 0, 30, 0, time.UTC)) || !j.UpdatedAt.Equal(time.Date(2024, 11, 29, 0, 1, 30, 0, time.UTC)) {
		t.Fatalf("got %+v", j)
	}
	if r := srv.Mock.Requests(); len(r) != 1 || r[0].Path != "/v1.0/"+testProject+"/streaming/jobs/71001" {
		t.Fatalf("requests %+v, want one read of the job", r)
	}
}

// is_success "false" (a string, as the Flink API sends it) is an error
// even with HTTP 200, and so is a missing job.
func TestFlinkJobIsSuccessFalseAndMissingJobs(t *testing.T) {
	c, srv := newTestClient(t)
	srv.Mock.InjectFault(dlimock.Fault{Status: 200, Times: 1, Body: `{"is_success":"false","message":"queue flink_queue is frozen"}`})
	_, err := c.FlinkJob(shortCtx(t), testProject, "71001")
	var apiErr *APIError
	if !errors.As(err, &apiErr) || !strings.Contains(err.Error(), "queue flink_queue is frozen") {
		t.Fatalf("got %v, want an API error quoting the message", err)
	}
	_, err = c.FlinkJob(shortCtx(t), testProject, "71001")
	if !errors.As(err, &apiErr) || apiErr.Class != ClassNotFound || !strings.Contains(err.Error(), `Flink job "71001"`) {
		t.Fatalf("got %v, want not found naming the Flink job", err)
	}
	for body, want := range map[string]string{
		`{"is_success":"maybe"}`:                          "not the expected JSON",
		`{"is_success":"true","job_detail":{"job_id":1}}`: "has no status",
		`{"is_success":"true"}`:                           "has no job_detail",
	} {
		srv.Mock.InjectFault(dlimock.Fault{Status: 200, Times: 1, Body: body})
		_, err := c.FlinkJob(shortCtx(t), testProject, "71001")
		if !errors.As(err, new(*MalformedResponseError)) || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v, want malformed saying %q", body, err, want)
		}
	}
}

func TestWaitFlinkJobUntilRunningAndFailsOnAnotherTerminalStatus(t *testing.T) {
	c, srv := newTestClient(t)
	srv.Mock.AddFlinkJob(testProject, testFlinkJob, clicksStream, "job_init", "job_submitting", "JOB_RUNNING")
	j, err := Waiter{Client: c, Clock: &fakeClock{}}.WaitFlinkJob(shortCtx(t), testProject, "71001", []string{"job_running"})
	if err != nil || j.Status != "JOB_RUNNING" || srv.Mock.Calls("flink_job") != 3 {
		t.Fatalf("got %+v, %v after %d polls; want JOB_RUNNING (any case) after 3", j, err, srv.Mock.Calls("flink_job"))
	}
	for _, terminal := range []string{"job_submit_fail", "job_running_exception", "job_cancel_success", "job_arrearage_stopped", "job_finish"} {
		c, srv := newTestClient(t)
		failed := map[string]any{"name": "clicks-stream", "status_desc": "checkpoint failed"}
		srv.Mock.AddFlinkJob(testProject, testFlinkJob, failed, "job_submitting", terminal, "job_running")
		_, err := Waiter{Client: c, Clock: &fakeClock{}}.WaitFlinkJob(shortCtx(t), testProject, "71001", []string{"job_running"})
		var u *UnexpectedStateError
		if !errors.As(err, &u) || u.State != terminal || !strings.Contains(err.Error(), `Flink job "71001"`) ||
			!strings.Contains(err.Error(), "checkpoint failed") {
			t.Errorf("%s: %v, want an unexpected terminal status with the status description", terminal, err)
		}
	}
}

// The real answer's message is about the request ("Querying of the job
// details succeeds."), not the job: it is never given as a failed job's
// reason.
func TestWaitFlinkJobDoesNotGiveTheAnswersMessageAsTheReason(t *testing.T) {
	c, srv := newTestClient(t)
	srv.Mock.AddFlinkJob(testProject, testFlinkJob, map[string]any{"name": "clicks-stream", "status_desc": ""}, "job_submit_fail")
	_, err := Waiter{Client: c, Clock: &fakeClock{}}.WaitFlinkJob(shortCtx(t), testProject, "71001", []string{"job_running"})
	var u *UnexpectedStateError
	if !errors.As(err, &u) || u.Message != "" || strings.Contains(err.Error(), "succeeds") || strings.Contains(err.Error(), "statuss") {
		t.Fatalf("got %v, want an unexpected terminal status without the answer's message", err)
	}
}

// A Flink job in a status it can come back from stops a wait, saying that
// it will not change by itself and what a person must do.
func TestAWaitStopsOnAFlinkStatusThatComesBackOnlyWhenAPersonActs(t *testing.T) {
	for status, action := range map[string]string{
		"job_arrearage_stopped": "a person must act: pay the account's arrears",
		"job_cancel_success":    "a person must act: start the job again",
		"JOB_FINISH":            "a person must act: start the job again",
	} {
		c, srv := newTestClient(t)
		srv.Mock.AddFlinkJob(testProject, testFlinkJob, map[string]any{"name": "clicks-stream"}, "job_running", status, "job_running")
		_, err := Waiter{Client: c, Clock: &fakeClock{}}.WaitFlinkJob(shortCtx(t), testProject, "71001", []string{"job_arrearage_recovering"})
		var u *UnexpectedStateError
		if !errors.As(err, &u) || !strings.Contains(err.Error(), "it will not change by itself ("+action) {
			t.Errorf("%s: %v, want it stopped, saying it will not change by itself and that %s", status, err, action)
		}
	}
}
