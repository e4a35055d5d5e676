package provider

import (
	"os"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

// readExample is a documented example, with replacements made in it.
func readExample(t *testing.T, path string, replacements ...string) string {
	t.Helper()
	b, err := os.ReadFile("../../examples/data-sources/" + path)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(replacements); i += 2 {
		if !strings.Contains(string(b), replacements[i]) {
			t.Fatalf("%s no longer contains %q; update this test", path, replacements[i])
		}
		b = []byte(strings.ReplaceAll(string(b), replacements[i], replacements[i+1]))
	}
	return string(b)
}

// The documented gate on a SQL job that fills a table: it waits for the
// job, then creates the report; a failed job stops the run with DLI's message.
func TestAccExamples_sqlJobGate(t *testing.T) {
	gate := func(t *testing.T) string {
		return readExample(t, "dli_sql_job/gate.tf", "type        = string", "type        = string\n  default     = \""+testSQLJob+"\"")
	}
	t.Run("finished", func(t *testing.T) {
		srv := newMock(t)
		srv.Mock.AddSQLJob(testProject, testSQLJob, insertIntoSales, "LAUNCHING", "RUNNING", "FINISHED")
		guardAgainstHangs(t, srv)
		accTest(t, resource.TestStep{
			Config: akskProvider(srv) + gate(t),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("terraform_data.sales_report", tfjsonpath.New("input").AtMapKey("rows"), knownvalue.Int64Exact(55)),
			},
		})
	})
	t.Run("failed", func(t *testing.T) {
		srv := newMock(t)
		srv.Mock.AddSQLJob(testProject, testSQLJob, map[string]any{"message": "Table staging does not exist"}, "RUNNING", "FAILED")
		guardAgainstHangs(t, srv)
		accTest(t, resource.TestStep{
			Config:      akskProvider(srv) + gate(t),
			ExpectError: expectError(`DLI SQL job ended in an unexpected state.*"FAILED".*Table staging does not exist`),
		})
	})
}

// The documented gate on "the Flink job named clicks-stream is running":
// found by its exact name among partial matches, then waited for.
func TestAccExamples_namedFlinkJobRunningGate(t *testing.T) {
	srv := newMock(t)
	addFlinkJobs(srv, 900, 2, "clicks-stream-backfill") // newer, and a partial match
	srv.Mock.AddFlinkJob(testProject, 71001, map[string]any{"name": "clicks-stream", "create_time": int64(1)}, "job_submitting", "job_running")
	guardAgainstHangs(t, srv) // a wait that missed its status would last timeouts.read
	accTest(t, resource.TestStep{
		Config: akskProvider(srv) + readExample(t, "dli_flink_jobs/named-job-running-gate.tf"),
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue("terraform_data.clicks_dashboard", tfjsonpath.New("input").AtMapKey("stream_job"), knownvalue.StringExact("71001")),
			statecheck.ExpectKnownValue("data.dli_flink_job.clicks", tfjsonpath.New("status"), knownvalue.StringExact("job_running")),
		},
	})
}
