package provider

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/dli-terraform/terraform-provider-dli/internal/dlimock"
)

// A list entry without an optional field is kept with that attribute null
// (status and terminal included); one without its ID is left out.
func TestAccFlinkJobs_entriesWithoutAFieldAreKeptAndWithoutAnIDLeftOut(t *testing.T) {
	srv := newMock(t)
	srv.Mock.AddFlinkJob(testProject, 71001, map[string]any{"name": "clicks", "create_time": int64(3), "status": dlimock.Absent, "queue_name": dlimock.Absent}, "job_running")
	srv.Mock.AddFlinkJob(testProject, 71002, map[string]any{"name": "no-id", "create_time": int64(2), "job_id": dlimock.Absent}, "job_running")
	srv.Mock.AddFlinkJob(testProject, 71003, map[string]any{"name": "views", "create_time": int64(1)}, "job_finish")
	accTest(t, resource.TestStep{
		Config: akskProvider(srv) + flinkJobsConfig(""),
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue(flinkJobsAddr, tfjsonpath.New("ids"), stringListCheck("71001", "71003")),
			statecheck.ExpectKnownValue(flinkJobsAddr, tfjsonpath.New("jobs").AtSliceIndex(0).AtMapKey("name"), knownvalue.StringExact("clicks")),
			statecheck.ExpectKnownValue(flinkJobsAddr, tfjsonpath.New("jobs").AtSliceIndex(0).AtMapKey("status"), knownvalue.Null()),
			statecheck.ExpectKnownValue(flinkJobsAddr, tfjsonpath.New("jobs").AtSliceIndex(0).AtMapKey("terminal"), knownvalue.Null()),
			statecheck.ExpectKnownValue(flinkJobsAddr, tfjsonpath.New("jobs").AtSliceIndex(0).AtMapKey("queue_name"), knownvalue.Null()),
			statecheck.ExpectKnownValue(flinkJobsAddr, tfjsonpath.New("jobs").AtSliceIndex(1).AtMapKey("terminal"), knownvalue.Bool(true)),
		},
	})
}

// The plan says how many entries were left out, as a warning.
func TestAccFlinkJobs_entriesLeftOutAreCountedInAWarning(t *testing.T) {
	srv := newMock(t)
	for id, name := range map[int64]string{71001: "no-id-1", 71002: "no-id-2"} {
		srv.Mock.AddFlinkJob(testProject, id, map[string]any{"name": name, "job_id": dlimock.Absent}, "job_running")
	}
	srv.Mock.AddFlinkJob(testProject, 71003, map[string]any{"name": "views"}, "job_running")
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "main.tf"), requiredProviders+akskProvider(srv)+flinkJobsConfig("")+`
output "ids" {
  value = data.dli_flink_jobs.test.ids
}
`)
	res := runCLI(t, dir, nil, "plan", "-no-color", "-input=false")
	out := strings.Join(strings.Fields(res.stdout+res.stderr), " ")
	if res.err != nil {
		t.Fatalf("plan failed: %v\n%s", res.err, out)
	}
	for _, want := range []string{"Warning: DLI listed 2 Flink jobs without an ID", "they are left out of the list", `+ ids = [ + "71003", ]`} {
		if !strings.Contains(out, want) {
			t.Errorf("the plan output does not say %q:\n%s", want, out)
		}
	}
}
