package provider

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
)

const flinkJobAddr = "data.dli_flink_job.test"

func flinkJobConfig(body string) string {
	return fmt.Sprintf("data \"dli_flink_job\" \"test\" {\n  job_id = \"71001\"\n%s\n}\n", body)
}

// clicksStream is a Flink job as DLI describes it (is_success is a string
// in its answers).
var clicksStream = map[string]any{
	"name": "clicks-stream", "desc": "", "user_name": "alice", "job_type": "flink_opensource_sql_job", "status_desc": "",
	"create_time": int64(1732838400000), "start_time": int64(1732838430000), "update_time": int64(1732838490000),
	"queue_name": "flink_queue", "restart_times": 1, "run_mode": "exclusive_cluster", "root_id": -1,
}

var clicksStreamChecks = map[string]knownvalue.Check{
	"id": knownvalue.StringExact("71001"), "name": knownvalue.StringExact("clicks-stream"), "status": knownvalue.StringExact("job_running"),
	"status_desc": knownvalue.StringExact(""), "terminal": knownvalue.Bool(false), "job_type": knownvalue.StringExact("flink_opensource_sql_job"),
	"queue_name": knownvalue.StringExact("flink_queue"), "user_name": knownvalue.StringExact("alice"),
	"created_at": knownvalue.StringExact("2024-11-29T00:00:00Z"), "started_at": knownvalue.StringExact("2024-11-29T00:00:30Z"),
	"updated_at": knownvalue.StringExact("2024-11-29T00:01:30Z"), "restart_times": knownvalue.Int64Exact(1),
	"project_id": knownvalue.StringExact(testProject),
}

func TestAccFlinkJob_everyFieldInOneRequest(t *testing.T) {
	srv := newMock(t)
	srv.Mock.AddFlinkJob(testProject, 71001, clicksStream, "job_running")
	accTest(t, resource.TestStep{
		Config:            akskProvider(srv) + flinkJobConfig(""),
		ConfigPlanChecks:  resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{requestsSoFar{srv, 1}}},
		ConfigStateChecks: expectAttrs(flinkJobAddr, clicksStreamChecks),
	})
	if r := srv.Mock.Requests()[0]; r.Path != "/v1.0/"+testProject+"/streaming/jobs/71001" {
		t.Fatalf("request %s, want the job's read", r.Path)
	}
}

func TestAccFlinkJob_waitsUntilRunning(t *testing.T) {
	srv := newMock(t)
	srv.Mock.AddFlinkJob(testProject, 71001, clicksStream, "job_init", "job_submitting", "job_running")
	guardAgainstHangs(t, srv) // a wait that missed its status would last timeouts.read
	accTest(t, resource.TestStep{
		Config:            akskProvider(srv) + flinkJobConfig(`wait_for = ["JOB_RUNNING"]`),
		ConfigPlanChecks:  resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{callsSoFar{srv, "flink_job", 3}}},
		ConfigStateChecks: expectAttrs(flinkJobAddr, clicksStreamChecks),
	})
}

func TestAccFlinkJob_failedSubmissionFailsAtOnce(t *testing.T) {
	srv := newMock(t)
	failed := map[string]any{"name": "clicks-stream", "status_desc": "the queue has no resources left"}
	srv.Mock.AddFlinkJob(testProject, 71001, failed, "job_submitting", "job_submit_fail", "job_running")
	guardAgainstHangs(t, srv) // a wait that missed its status would last timeouts.read
	accTest(t, resource.TestStep{
		Config: akskProvider(srv) + flinkJobConfig(`wait_for = ["job_running"]`),
		ExpectError: summaryThenDetail("DLI Flink job ended in an unexpected state",
			`Flink job "71001" reached the terminal status "job_submit_fail" \(DLI's message: "the queue has no resources left"\)`),
	})
	if n := srv.Mock.Calls("flink_job"); n != 2 {
		t.Fatalf("%d polls, want 2 (none after job_submit_fail)", n)
	}
}

// A missing Flink job is DLI.16001 at HTTP 400 (the official provider reads
// it as a 404): not found, not "request rejected".
func TestAccFlinkJob_missingJob(t *testing.T) {
	srv := newMock(t)
	accTest(t, resource.TestStep{
		Config: akskProvider(srv) + flinkJobConfig(""),
		ExpectError: summaryThenDetail("DLI Flink job not found",
			`Flink job "71001" in project "`+testProject+`" was not found: HTTP 400, error code DLI\.16001: The job 71001 does not exist`),
	})
}

func TestAccFlinkJob_timesOutWithTheLastStatus(t *testing.T) {
	srv := newMock(t)
	srv.Mock.AddFlinkJob(testProject, 71001, clicksStream, "job_submitting")
	guardAgainstHangs(t, srv)
	accTest(t, resource.TestStep{
		Config: akskProvider(srv) + flinkJobConfig("wait_for = [\"job_running\"]\ntimeouts {\n  read = \"1s\"\n}"),
		ExpectError: summaryThenDetail("Timed out waiting for the DLI Flink job",
			`the last status seen was "job_submitting"`),
	})
}
