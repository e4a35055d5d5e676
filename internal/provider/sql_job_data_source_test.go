package provider

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
)

const (
	testSQLJob = "1b2c3d4e-0000-4000-8000-00000000beef"
	sqlJobAddr = "data.dli_sql_job.test"
)

func sqlJobConfig(body string) string {
	return fmt.Sprintf("data \"dli_sql_job\" \"test\" {\n  job_id = %q\n%s\n}\n", testSQLJob, body)
}

// insertIntoSales is a SQL INSERT job as DLI describes it.
var insertIntoSales = map[string]any{
	"job_type": "INSERT", "queue_name": "sql_queue", "owner": "alice", "start_time": int64(1732838400000),
	"duration": 65000, "input_row_count": 66, "bad_row_count": 0, "input_size": 5, "result_count": 55,
	"database_name": "db1", "table_name": "sales", "detail": "", "statement": "INSERT INTO sales SELECT * FROM staging", "job_mode": "async",
}

var insertIntoSalesChecks = map[string]knownvalue.Check{
	"id": knownvalue.StringExact(testSQLJob), "status": knownvalue.StringExact("FINISHED"), "terminal": knownvalue.Bool(true),
	"job_type": knownvalue.StringExact("INSERT"), "queue_name": knownvalue.StringExact("sql_queue"), "owner": knownvalue.StringExact("alice"),
	"statement": knownvalue.StringExact("INSERT INTO sales SELECT * FROM staging"), "database_name": knownvalue.StringExact("db1"),
	"table_name": knownvalue.StringExact("sales"), "started_at": knownvalue.StringExact("2024-11-29T00:00:00Z"),
	"duration": knownvalue.StringExact("1m5s"), "result_count": knownvalue.Int64Exact(55), "input_row_count": knownvalue.Int64Exact(66),
	"bad_row_count": knownvalue.Int64Exact(0), "message": knownvalue.StringExact(""), "project_id": knownvalue.StringExact(testProject),
}

func TestAccSQLJob_everyFieldInOneRequest(t *testing.T) {
	srv := newMock(t)
	srv.Mock.AddSQLJob(testProject, testSQLJob, insertIntoSales, "FINISHED")
	accTest(t, resource.TestStep{
		Config:            akskProvider(srv) + sqlJobConfig(""),
		ConfigPlanChecks:  resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{requestsSoFar{srv, 1}}},
		ConfigStateChecks: expectAttrs(sqlJobAddr, insertIntoSalesChecks),
	})
	if r := srv.Mock.Requests()[0]; r.Path != "/v1.0/"+testProject+"/jobs/"+testSQLJob+"/status" {
		t.Fatalf("request %s, want the status call", r.Path)
	}
}

func TestAccSQLJob_absentFieldsAreNull(t *testing.T) {
	srv := newMock(t)
	srv.Mock.AddSQLJob(testProject, testSQLJob, map[string]any{"job_type": "DDL"}, "RUNNING")
	accTest(t, resource.TestStep{
		Config: akskProvider(srv) + sqlJobConfig(""),
		ConfigStateChecks: expectAttrs(sqlJobAddr, map[string]knownvalue.Check{
			"status": knownvalue.StringExact("RUNNING"), "terminal": knownvalue.Bool(false), "job_type": knownvalue.StringExact("DDL"),
			"table_name": nil, "database_name": nil, "started_at": nil, "duration": nil, "result_count": nil,
		}),
	})
}

// The gate: wait_for in any case, polling until the job finishes.
func TestAccSQLJob_waitsUntilFinished(t *testing.T) {
	srv := newMock(t)
	srv.Mock.AddSQLJob(testProject, testSQLJob, insertIntoSales, "LAUNCHING", "RUNNING", "RUNNING", "FINISHED")
	guardAgainstHangs(t, srv) // a wait that missed its status would last timeouts.read
	accTest(t, resource.TestStep{
		Config:            akskProvider(srv) + sqlJobConfig(`wait_for = ["finished"]`),
		ConfigPlanChecks:  resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{callsSoFar{srv, "sql_job", 4}}},
		ConfigStateChecks: expectAttrs(sqlJobAddr, insertIntoSalesChecks),
	})
}

func TestAccSQLJob_failedJobFailsAtOnceWithDLIsMessage(t *testing.T) {
	srv := newMock(t)
	failed := map[string]any{"job_type": "INSERT", "message": "DLI.0005: Table staging does not exist"}
	srv.Mock.AddSQLJob(testProject, testSQLJob, failed, "RUNNING", "FAILED", "FINISHED")
	guardAgainstHangs(t, srv) // a wait that missed its status would last timeouts.read
	accTest(t, resource.TestStep{
		Config: akskProvider(srv) + sqlJobConfig(`wait_for = ["FINISHED"]`),
		ExpectError: summaryThenDetail("DLI SQL job ended in an unexpected state",
			`SQL job "`+testSQLJob+`" reached the terminal status "FAILED" \(DLI's message: "DLI\.0005: Table staging does not exist"\).*FINISHED`),
	})
	if n := srv.Mock.Calls("sql_job"); n != 2 {
		t.Fatalf("%d polls, want 2 (none after FAILED)", n)
	}
}

func TestAccSQLJob_timesOutWithTheLastStatus(t *testing.T) {
	srv := newMock(t)
	srv.Mock.AddSQLJob(testProject, testSQLJob, nil, "LAUNCHING", "RUNNING")
	guardAgainstHangs(t, srv)
	accTest(t, resource.TestStep{
		Config: akskProvider(srv) + sqlJobConfig("wait_for = [\"FINISHED\"]\ntimeouts {\n  read = \"1s\"\n}"),
		ExpectError: summaryThenDetail("Timed out waiting for the DLI SQL job",
			`the last status seen was "RUNNING".*timeouts\.read \(now 1s\) if the SQL job needs longer`),
	})
}

func TestAccSQLJob_missingJob(t *testing.T) {
	srv := newMock(t)
	accTest(t, resource.TestStep{
		Config: akskProvider(srv) + sqlJobConfig(""),
		ExpectError: summaryThenDetail("DLI SQL job not found",
			`SQL job "`+testSQLJob+`" in project "`+testProject+`" was not found: HTTP 400, error code DLI\.0002.*X-Request-Id: mock-.*Check job_id and project_id`),
	})
}
