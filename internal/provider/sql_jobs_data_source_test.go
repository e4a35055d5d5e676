package provider

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/dli-terraform/terraform-provider-dli/internal/dlimock"
)

const sqlJobsAddr = "data.dli_sql_jobs.test"

func sqlJobsConfig(body string) string {
	return fmt.Sprintf("data \"dli_sql_jobs\" \"test\" {\n%s\n}\n", body)
}

// addSQLJobs adds n INSERTs into sales, started a minute apart from
// 2024-11-29T00:00:00Z (the last newest), i seconds long, finished.
func addSQLJobs(srv *dlimock.Server, n int) {
	base := time.Date(2024, 11, 29, 0, 0, 0, 0, time.UTC)
	for i := range n {
		srv.Mock.AddSQLJob(testProject, runID(i), map[string]any{
			"job_type": "INSERT", "queue_name": "sql_queue", "owner": "alice", "table_name": "sales", "database_name": "db1",
			"start_time": base.Add(time.Duration(i) * time.Minute).UnixMilli(), "duration": int64(i) * 1000,
		}, "FINISHED")
	}
}

func TestAccSQLJobs_pagedAt100NewestFirst(t *testing.T) {
	srv := newMock(t)
	addSQLJobs(srv, 230)
	accTest(t, resource.TestStep{
		Config:           akskProvider(srv) + sqlJobsConfig(`limit = 1000`),
		ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{callsSoFar{srv, "sql_jobs", 3}}},
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue(sqlJobsAddr, tfjsonpath.New("ids"), knownvalue.ListSizeExact(230)),
			statecheck.ExpectKnownValue(sqlJobsAddr, tfjsonpath.New("ids").AtSliceIndex(0), knownvalue.StringExact(runID(229))),
			statecheck.ExpectKnownValue(sqlJobsAddr, tfjsonpath.New("jobs").AtSliceIndex(0).AtMapKey("duration"), knownvalue.StringExact("3m49s")),
			statecheck.ExpectKnownValue(sqlJobsAddr, tfjsonpath.New("jobs").AtSliceIndex(0).AtMapKey("started_at"), knownvalue.StringExact("2024-11-29T03:49:00Z")),
			statecheck.ExpectKnownValue(sqlJobsAddr, tfjsonpath.New("order"), knownvalue.StringExact("started_desc")),
		},
	})
	var pages []string
	for _, r := range srv.Mock.Requests()[:3] { // the plan's read; the test's later runs repeat it
		q := queryOf(t, r)
		pages = append(pages, q.Get("current-page")+"+"+q.Get("page-size")+" "+q.Get("order"))
	}
	if fmt.Sprint(pages) != "[1+100 start_time_desc 2+100 start_time_desc 3+100 start_time_desc]" {
		t.Fatalf("pages %v", pages)
	}
}

func TestAccSQLJobs_filtersAndOrder(t *testing.T) {
	srv := newMock(t)
	addSQLJobs(srv, 5)
	accTest(t, resource.TestStep{
		Config: akskProvider(srv) + sqlJobsConfig(`queue_name = "sql_queue"
job_type = "insert"
status = "finished"
owner = "alice"
table_name = "sales"
database_name = "db1"
started_after = "2024-11-29T09:01:00+09:00"
started_before = "2024-11-29T00:03:00Z"
order = "duration_desc"`),
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue(sqlJobsAddr, tfjsonpath.New("ids"), stringListCheck(runID(3), runID(2), runID(1))),
		},
	})
	q := queryOf(t, srv.Mock.Requests()[0])
	for name, want := range map[string]string{
		"queue_name": "sql_queue", "job-type": "INSERT", "job-status": "FINISHED", "owner": "alice", "table_name": "sales",
		"db_name": "db1", "start": "1732838460000", "end": "1732838580000", "order": "duration_desc", "page-size": "100", "current-page": "1",
	} {
		if got := q.Get(name); got != want {
			t.Errorf("%s = %q, want %q", name, got, want)
		}
	}
}

// One request when the first page is short, whatever job_count says.
func TestAccSQLJobs_shortPageEndsTheList(t *testing.T) {
	srv := newMock(t)
	srv.Mock.InjectFault(dlimock.Fault{Status: 200, Times: 1,
		Body: `{"is_success":true,"message":"","job_count":500,"jobs":[{"job_id":"` + testSQLJob + `","status":"RUNNING"}]}`})
	accTest(t, resource.TestStep{
		Config:           akskProvider(srv) + sqlJobsConfig(""),
		ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{requestsSoFar{srv, 1}}},
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue(sqlJobsAddr, tfjsonpath.New("ids"), stringListCheck(testSQLJob)),
		},
	})
}

// status takes every status the official SDK's list request knows, more
// than a job reports (SCALING, COMPUTED...), any case, and sends it
// upper-case as job-status.
func TestAccSQLJobs_statusFilterTakesTheSDKsStatuses(t *testing.T) {
	for _, status := range []string{"scaling", "COMPUTED", "Suspended"} {
		t.Run(status, func(t *testing.T) {
			srv := newMock(t)
			accTest(t, resource.TestStep{Config: akskProvider(srv) + sqlJobsConfig(`status = "`+status+`"`)})
			if got := queryOf(t, srv.Mock.Requests()[0]).Get("job-status"); got != strings.ToUpper(status) {
				t.Fatalf("job-status %q, want %q", got, strings.ToUpper(status))
			}
		})
	}
}
