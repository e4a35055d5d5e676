package provider

import (
	"fmt"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/dli-terraform/terraform-provider-dli/internal/dlimock"
)

const flinkJobsAddr = "data.dli_flink_jobs.test"

func flinkJobsConfig(body string) string {
	return fmt.Sprintf("data \"dli_flink_jobs\" \"test\" {\n%s\n}\n", body)
}

// addFlinkJobs adds n jobs named name, IDs from first, created a minute
// apart (the last newest), all running.
func addFlinkJobs(srv *dlimock.Server, first int64, n int, name string) {
	base := time.Date(2024, 11, 29, 0, 0, 0, 0, time.UTC)
	for i := range int64(n) {
		srv.Mock.AddFlinkJob(testProject, first+i, map[string]any{
			"name": name, "queue_name": "flink_queue", "job_type": "flink_opensource_sql_job",
			"create_time": base.Add(time.Duration(first+i) * time.Minute).UnixMilli(),
		}, "job_running")
	}
}

// 130 jobs at limit 1000: two requests (a page of 100, a short one of 30).
func TestAccFlinkJobs_130JobsInTwoRequests(t *testing.T) {
	srv := newMock(t)
	addFlinkJobs(srv, 1, 130, "clicks-stream")
	accTest(t, resource.TestStep{
		Config:           akskProvider(srv) + flinkJobsConfig(`limit = 1000`),
		ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{callsSoFar{srv, "flink_jobs", 2}}},
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue(flinkJobsAddr, tfjsonpath.New("ids"), knownvalue.ListSizeExact(130)),
			statecheck.ExpectKnownValue(flinkJobsAddr, tfjsonpath.New("ids").AtSliceIndex(0), knownvalue.StringExact("130")),
			statecheck.ExpectKnownValue(flinkJobsAddr, tfjsonpath.New("jobs").AtSliceIndex(129).AtMapKey("id"), knownvalue.StringExact("1")),
			statecheck.ExpectKnownValue(flinkJobsAddr, tfjsonpath.New("order"), knownvalue.StringExact("created_desc")),
			statecheck.ExpectKnownValue(flinkJobsAddr, tfjsonpath.New("limit"), knownvalue.Int64Exact(1000)),
		},
	})
	var pages []string
	for _, r := range srv.Mock.Requests()[:2] { // the plan's read; the test's later runs repeat it
		q := queryOf(t, r)
		pages = append(pages, q.Get("offset")+"+"+q.Get("limit")+" "+q.Get("order"))
	}
	if fmt.Sprint(pages) != "[0+100 desc 100+100 desc]" {
		t.Fatalf("pages %v, want [0+100 desc 100+100 desc]", pages)
	}
}

// DLI's name filter matches part of a name; the data source keeps the job
// named exactly so.
func TestAccFlinkJobs_nameKeepsExactMatchesOnly(t *testing.T) {
	srv := newMock(t)
	addFlinkJobs(srv, 100, 3, "clicks-stream-backfill")
	addFlinkJobs(srv, 71001, 1, "clicks-stream")
	addFlinkJobs(srv, 200, 1, "orders-stream")
	accTest(t, resource.TestStep{
		Config: akskProvider(srv) + flinkJobsConfig(`name = "clicks-stream"`),
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue(flinkJobsAddr, tfjsonpath.New("ids"), stringListCheck("71001")),
			statecheck.ExpectKnownValue(flinkJobsAddr, tfjsonpath.New("jobs").AtSliceIndex(0).AtMapKey("name"), knownvalue.StringExact("clicks-stream")),
			statecheck.ExpectKnownValue(flinkJobsAddr, tfjsonpath.New("jobs").AtSliceIndex(0).AtMapKey("status"), knownvalue.StringExact("job_running")),
		},
	})
	if q := queryOf(t, srv.Mock.Requests()[0]); q.Get("name") != "clicks-stream" {
		t.Fatalf("query %v, want DLI's own name filter too", q)
	}
}

func TestAccFlinkJobs_filtersAndOrder(t *testing.T) {
	srv := newMock(t)
	addFlinkJobs(srv, 1, 3, "a")
	accTest(t, resource.TestStep{
		Config: akskProvider(srv) + flinkJobsConfig("queue_name = \"flink_queue\"\nstatus = \"JOB_RUNNING\"\njob_type = \"flink_opensource_sql_job\"\norder = \"created_asc\"\nlimit = 2"),
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue(flinkJobsAddr, tfjsonpath.New("ids"), stringListCheck("1", "2")),
		},
	})
	q := queryOf(t, srv.Mock.Requests()[0])
	if q.Get("queue_name") != "flink_queue" || q.Get("status") != "job_running" || q.Get("job_type") != "flink_opensource_sql_job" ||
		q.Get("order") != "asc" || q.Get("limit") != "2" || q.Get("offset") != "0" {
		t.Fatalf("query %v", q)
	}
}

func TestAccFlinkJobs_noneMatchIsEmpty(t *testing.T) {
	srv := newMock(t)
	addFlinkJobs(srv, 1, 2, "clicks-stream-backfill")
	accTest(t, resource.TestStep{
		Config: akskProvider(srv) + flinkJobsConfig(`name = "clicks-stream"`),
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue(flinkJobsAddr, tfjsonpath.New("ids"), knownvalue.ListSizeExact(0)),
			statecheck.ExpectKnownValue(flinkJobsAddr, tfjsonpath.New("jobs"), knownvalue.ListSizeExact(0)),
		},
	})
}
