package provider

import (
	"maps"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

// A finished SQL job has its duration in seconds, its end (start plus
// duration) and its tags; a running one no end yet.
func TestAccSQLJob_durationSecondsEndedAtAndTags(t *testing.T) {
	srv := newMock(t)
	tagged := maps.Clone(insertIntoSales)
	tagged["tags"] = []map[string]string{{"key": "pipeline", "value": "sales"}}
	srv.Mock.AddSQLJob(testProject, testSQLJob, tagged, "FINISHED")
	srv.Mock.AddSQLJob(testProject, "2b2c3d4e-0000-4000-8000-00000000beef", insertIntoSales, "RUNNING")
	accTest(t, resource.TestStep{
		Config: akskProvider(srv) + sqlJobConfig("") + `data "dli_sql_job" "running" { job_id = "2b2c3d4e-0000-4000-8000-00000000beef" }`,
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue(sqlJobAddr, tfjsonpath.New("duration_seconds"), knownvalue.Float64Exact(65)),
			statecheck.ExpectKnownValue(sqlJobAddr, tfjsonpath.New("ended_at"), knownvalue.StringExact("2024-11-29T00:01:05Z")),
			statecheck.ExpectKnownValue(sqlJobAddr, tfjsonpath.New("tags"), knownvalue.MapExact(map[string]knownvalue.Check{"pipeline": knownvalue.StringExact("sales")})),
			statecheck.ExpectKnownValue("data.dli_sql_job.running", tfjsonpath.New("duration_seconds"), knownvalue.Float64Exact(65)),
			statecheck.ExpectKnownValue("data.dli_sql_job.running", tfjsonpath.New("ended_at"), knownvalue.Null()),
			statecheck.ExpectKnownValue("data.dli_sql_job.running", tfjsonpath.New("tags"), knownvalue.Null()),
		},
	})
}

// A Flink job's duration is DLI's; its end once it has finished.
func TestAccFlinkJob_durationSecondsAndEndedAt(t *testing.T) {
	srv := newMock(t)
	finished := maps.Clone(clicksStream)
	finished["duration"] = int64(90500)
	srv.Mock.AddFlinkJob(testProject, 71001, finished, "job_finish")
	accTest(t, resource.TestStep{
		Config: akskProvider(srv) + flinkJobConfig(""),
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue(flinkJobAddr, tfjsonpath.New("duration_seconds"), knownvalue.Float64Exact(90.5)),
			statecheck.ExpectKnownValue(flinkJobAddr, tfjsonpath.New("ended_at"), knownvalue.StringExact("2024-11-29T00:02:00.5Z")),
		},
	})
}

// The batch list gives a batch's duration: seconds and end on each entry.
func TestAccBatches_durationSecondsAndEndedAt(t *testing.T) {
	srv := newMock(t)
	addRuns(srv, "success", "running")
	accTest(t, resource.TestStep{
		Config: akskProvider(srv) + batchesConfig(`name = "nightly-etl"`),
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue(batchesAddr, tfjsonpath.New("batches").AtSliceIndex(1).AtMapKey("duration_seconds"), knownvalue.Float64Exact(3600)),
			statecheck.ExpectKnownValue(batchesAddr, tfjsonpath.New("batches").AtSliceIndex(1).AtMapKey("ended_at"), knownvalue.NotNull()),
			statecheck.ExpectKnownValue(batchesAddr, tfjsonpath.New("batches").AtSliceIndex(0).AtMapKey("ended_at"), knownvalue.Null()),
		},
	})
}

// tags filters the SQL and Flink lists: the API's tags parameter.
func TestAccJobs_tagsFilter(t *testing.T) {
	srv := newMock(t)
	tagged := maps.Clone(insertIntoSales)
	tagged["tags"] = []map[string]string{{"key": "pipeline", "value": "sales"}, {"key": "team", "value": "bi"}}
	srv.Mock.AddSQLJob(testProject, testSQLJob, tagged, "FINISHED")
	srv.Mock.AddSQLJob(testProject, "2b2c3d4e-0000-4000-8000-00000000beef", insertIntoSales, "FINISHED")
	accTest(t, resource.TestStep{
		Config: akskProvider(srv) + sqlJobsConfig(`tags = { team = "bi", pipeline = "sales" }`) +
			"data \"dli_flink_jobs\" \"test\" {\n  tags = { pipeline = \"clicks\" }\n}\n",
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue(sqlJobsAddr, tfjsonpath.New("ids"), stringListCheck(testSQLJob)),
		},
	})
	for _, r := range srv.Mock.Requests() {
		if q := queryOf(t, r); (q.Has("current-page") && q.Get("tags") != "pipeline=sales,team=bi") || (q.Has("offset") && q.Get("tags") != "pipeline=clicks") {
			t.Fatalf("%s?%s: want the tags as key=value pairs, sorted", r.Path, r.Query)
		}
	}
}
