package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

// Invalid arguments of the SQL and Flink data sources fail at validate and
// plan time, naming the attribute and what it expects, with no request.
func TestAccJobs_validationFailsBeforeAnyRequest(t *testing.T) {
	failBeforeAnyRequest(t, map[string]validationCase{
		"sql job_id not a UUID":    {`data "dli_sql_job" "t" { job_id = "71001" }`, `job_id.*SQL job ID in UUID form.*71001`},
		"sql job_id with a suffix": {`data "dli_sql_job" "t" { job_id = "` + testSQLJob + `/x" }`, `job_id.*UUID form`},
		"sql wait_for unknown": {`data "dli_sql_job" "t" {
  job_id = "` + testSQLJob + `"
  wait_for = ["done"]
}`, `wait_for lists "done", which is not a DLI SQL job status.*LAUNCHING.*RUNNING.*FINISHED.*FAILED.*CANCELLED`},
		"sql wait_for a Flink status": {`data "dli_sql_job" "t" {
  job_id = "` + testSQLJob + `"
  wait_for = ["job_running"]
}`, `wait_for.*job_running`},
		"flink job_id not digits": {`data "dli_flink_job" "t" { job_id = "` + testSQLJob + `" }`, `job_id.*Flink job ID: digits only`},
		"flink job_id negative":   {`data "dli_flink_job" "t" { job_id = "-1" }`, `job_id.*digits only`},
		"flink wait_for unknown": {`data "dli_flink_job" "t" {
  job_id = "71001"
  wait_for = ["RUNNING"]
}`, `wait_for lists "RUNNING", which is not a DLI Flink job status.*job_init.*job_finish`},
		"sql status filter unknown":    {`data "dli_sql_jobs" "t" { status = "SUCCESS" }`, `status.*LAUNCHING.*SUCCESS`},
		"sql job_type unknown":         {`data "dli_sql_jobs" "t" { job_type = "SELECT" }`, `job_type.*INSERT.*SELECT`},
		"sql order unknown":            {`data "dli_sql_jobs" "t" { order = "start_time_desc" }`, `order.*started_desc.*started_asc.*duration_desc.*duration_asc`},
		"sql limit 0":                  {`data "dli_sql_jobs" "t" { limit = 0 }`, `limit.*between 1 and 1000`},
		"sql limit 1001":               {`data "dli_sql_jobs" "t" { limit = 1001 }`, `limit.*between 1 and 1000`},
		"sql started_after not a time": {`data "dli_sql_jobs" "t" { started_after = "yesterday" }`, `Invalid time.*started_after.*RFC 3339.*yesterday`},
		"sql after later than before": {`data "dli_sql_jobs" "t" {
  started_after  = "2024-11-29T08:00:00+08:00"
  started_before = "2024-11-28T23:00:00Z"
}`, `Empty time range.*started_after \(2024-11-29T08:00:00\+08:00\) is later than started_before \(2024-11-28T23:00:00Z\), so no SQL job could match`},
		"flink status filter unknown": {`data "dli_flink_jobs" "t" { status = "running" }`, `status.*job_running.*running`},
		"flink order unknown":         {`data "dli_flink_jobs" "t" { order = "duration_desc" }`, `order.*created_desc.*created_asc.*duration_desc`},
		"flink limit 1001":            {`data "dli_flink_jobs" "t" { limit = 1001 }`, `limit.*between 1 and 1000`},
		"flink empty name":            {`data "dli_flink_jobs" "t" { name = "" }`, `Empty name.*name is set to an empty string.*Leave it out.*for no filter`},
		"flink job_type unknown":      {`data "dli_flink_jobs" "t" { job_type = "spark" }`, `job_type.*flink_sql_job.*spark`},
	})
}

// validationCase is a configuration and the error it must fail with.
type validationCase struct{ config, want string }

// failBeforeAnyRequest runs each case's configuration against a mock,
// expecting its error and no request.
func failBeforeAnyRequest(t *testing.T, cases map[string]validationCase) {
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			srv := newMock(t)
			accTest(t, resource.TestStep{
				Config:      akskProvider(srv) + tc.config + "\n",
				ExpectError: expectError(tc.want),
			})
			if n := srv.Mock.RequestCount(); n != 0 {
				t.Fatalf("sent %d requests, want 0", n)
			}
		})
	}
}

// Statuses in wait_for and in filters are accepted in any case.
func TestAccJobs_statusesInAnyCase(t *testing.T) {
	srv := newMock(t)
	srv.Mock.AddSQLJob(testProject, testSQLJob, nil, "FINISHED")
	srv.Mock.AddFlinkJob(testProject, 71001, nil, "job_running")
	guardAgainstHangs(t, srv) // a wait that missed its status would last timeouts.read
	accTest(t, resource.TestStep{
		Config: akskProvider(srv) + `
data "dli_sql_job" "t" {
  job_id   = "` + testSQLJob + `"
  wait_for = ["Finished", "failed"]
}
data "dli_flink_job" "t" {
  job_id   = "71001"
  wait_for = ["Job_Running"]
}
data "dli_sql_jobs" "t" { status = "finished" }
data "dli_flink_jobs" "t" { status = "JOB_RUNNING" }
`,
		// The mock matches statuses exactly as DLI names them: the filters
		// are sent in the API's case.
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue("data.dli_sql_jobs.t", tfjsonpath.New("ids"), stringListCheck(testSQLJob)),
			statecheck.ExpectKnownValue("data.dli_flink_jobs.t", tfjsonpath.New("ids"), stringListCheck("71001")),
			statecheck.ExpectKnownValue("data.dli_sql_job.t", tfjsonpath.New("status"), knownvalue.StringExact("FINISHED")),
		},
	})
}
