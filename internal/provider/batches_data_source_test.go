package provider

import (
	"fmt"
	"net/url"
	"os"
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

const batchesAddr = "data.dli_batches.test"

func batchesConfig(body string) string {
	return fmt.Sprintf("data \"dli_batches\" \"test\" {\n%s\n}\n", body)
}

// runID is the ID of the i-th run that addRuns adds.
func runID(i int) string { return fmt.Sprintf("00000000-0000-4000-8000-%012d", i) }

// addRuns adds runs of job nightly-etl on queue etl, an hour long, created
// a minute apart in the last day, the newest last, each with its scripted
// states ("starting,running,success").
func addRuns(srv *dlimock.Server, states ...string) {
	oldest := time.Now().Add(-time.Hour).Add(-time.Duration(len(states)) * time.Minute)
	for i, state := range states {
		srv.Mock.AddBatch(testProject, runID(i), strings.Split(state, ",")...)
		srv.Mock.SetDetails(testProject, runID(i), map[string]any{
			"name": "nightly-etl", "queue": "etl", "appId": fmt.Sprintf("application_%d", i),
			"create_time": oldest.Add(time.Duration(i) * time.Minute).UnixMilli(), "duration": int64(3600000),
		})
	}
}

func queryOf(t *testing.T, r dlimock.Request) url.Values {
	t.Helper()
	q, err := url.ParseQuery(r.Query)
	if err != nil {
		t.Fatal(err)
	}
	return q
}

// Whatever the answer's total counts (the list, or only the page: DLI does
// not say), the list ends on its short last page.
func TestAccBatches_250BatchesInThreeRequests(t *testing.T) {
	for name, totalCountsPage := range map[string]bool{"total counts the list": false, "total counts the page": true} {
		t.Run(name, func(t *testing.T) {
			srv := newMock(t)
			srv.Mock.TotalCountsPage = totalCountsPage
			states := make([]string, 250)
			for i := range states {
				states[i] = "success"
			}
			addRuns(srv, states...)
			accTest(t, resource.TestStep{
				Config: akskProvider(srv) + batchesConfig(`name = "nightly-etl"
		limit = 1000
		timeouts {
		  read = "30s" # a paging loop that never stops fails instead of hanging
		}`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{requestsSoFar{srv, 3}}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(batchesAddr, tfjsonpath.New("batches"), knownvalue.ListSizeExact(250)),
					statecheck.ExpectKnownValue(batchesAddr, tfjsonpath.New("ids"), knownvalue.ListSizeExact(250)),
					statecheck.ExpectKnownValue(batchesAddr, tfjsonpath.New("ids").AtSliceIndex(0), knownvalue.StringExact(runID(249))),
					statecheck.ExpectKnownValue(batchesAddr, tfjsonpath.New("ids").AtSliceIndex(249), knownvalue.StringExact(runID(0))),
				},
			})
			var pages []string
			for _, r := range srv.Mock.Requests()[:3] {
				q := queryOf(t, r)
				pages = append(pages, q.Get("from")+"+"+q.Get("size"))
			}
			if fmt.Sprint(pages) != "[0+100 100+100 200+100]" {
				t.Fatalf("the plan's read asked for %v, want pages of 100 from 0, 100 and 200", pages)
			}
		})
	}
}

func TestAccBatches_entriesHaveTheBatchFieldsAndDuration(t *testing.T) {
	srv := newMock(t)
	srv.Mock.AddBatch(testProject, testBatch, "success")
	srv.Mock.SetDetails(testProject, testBatch, nightlyDetails)
	srv.Mock.AddBatch(testProject, runID(1), "running") // no details at all
	checks := map[string]knownvalue.Check{}
	for name, check := range nightlyChecks {
		if name != "project_id" {
			checks[name] = check
		}
	}
	accTest(t, resource.TestStep{
		Config: akskProvider(srv) + batchesConfig(``),
		ConfigStateChecks: append(expectAttrs(batchesAddr, map[string]knownvalue.Check{
			"order": knownvalue.StringExact("created_desc"), "limit": knownvalue.Int64Exact(100),
			"project_id": knownvalue.StringExact(testProject),
			"batches": knownvalue.ListExact([]knownvalue.Check{
				knownvalue.ObjectPartial(merge(checks, map[string]knownvalue.Check{"duration": knownvalue.Null()})),
				knownvalue.ObjectPartial(map[string]knownvalue.Check{
					"id": knownvalue.StringExact(runID(1)), "state": knownvalue.StringExact("running"), "terminal": knownvalue.Bool(false),
					"name": knownvalue.Null(), "app_ids": knownvalue.Null(), "created_at": knownvalue.Null(), "duration": knownvalue.Null(),
				}),
			}),
		}), statecheck.ExpectKnownValue(batchesAddr, tfjsonpath.New("ids"), stringListCheck(testBatch, runID(1)))),
	})
	q := queryOf(t, srv.Mock.Requests()[0])
	if q.Get("order") != "CREATE_TIME_DESC" || q.Get("size") != "100" || q.Get("from") != "0" || len(q) != 3 {
		t.Fatalf("query %v, want only the default order and the first page of 100", q)
	}
}

func TestAccBatches_durationAsADurationString(t *testing.T) {
	srv := newMock(t)
	addRuns(srv, "success")
	accTest(t, resource.TestStep{
		Config: akskProvider(srv) + batchesConfig(`name = "nightly-etl"`),
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue(batchesAddr, tfjsonpath.New("batches").AtSliceIndex(0).AtMapKey("duration"), knownvalue.StringExact("1h0m0s")),
			statecheck.ExpectKnownValue(batchesAddr, tfjsonpath.New("batches").AtSliceIndex(0).AtMapKey("app_ids"), stringListCheck("application_0")),
		},
	})
}

func TestAccBatches_filtersAndOrderAreTheDocumentedQueryParameters(t *testing.T) {
	srv := newMock(t)
	accTest(t, resource.TestStep{
		Config: akskProvider(srv) + batchesConfig(`
name           = "nightly etl"
queue_name     = "etl"
cluster_name   = "cluster-1"
state          = "SUCCESS"
owner          = "alice"
created_after  = "2024-11-29T08:00:00+08:00"
created_before = "2024-11-29T01:00:00Z"
order          = "duration_asc"
limit          = 5
project_id     = "`+testOtherProject+`"`),
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue(batchesAddr, tfjsonpath.New("batches"), knownvalue.ListSizeExact(0)),
			statecheck.ExpectKnownValue(batchesAddr, tfjsonpath.New("ids"), knownvalue.ListSizeExact(0)),
		},
	})
	r := srv.Mock.Requests()[0]
	// No owner: the SDK's ListSparkJobsRequest does not know it; the client checks it.
	want := "cluster_name=cluster-1&end=1732842000000&from=0&job_name=nightly%20etl&order=DURATION_ASC" +
		"&queue_name=etl&size=5&start=1732838400000&state=success"
	if r.Path != "/v2.0/"+testOtherProject+"/batches" || r.Query != want {
		t.Fatalf("request %s?%s\nwant the project's list with %s", r.Path, r.Query, want)
	}
	for _, order := range []string{"created_asc", "created_desc", "duration_desc"} {
		t.Run(order, func(t *testing.T) {
			srv := newMock(t)
			accTest(t, resource.TestStep{Config: akskProvider(srv) + batchesConfig(`order = "`+order+`"`)})
			want := map[string]string{"created_asc": "CREATE_TIME_ASC", "created_desc": "CREATE_TIME_DESC", "duration_desc": "DURATION_DESC"}[order]
			if got := queryOf(t, srv.Mock.Requests()[0]).Get("order"); got != want {
				t.Fatalf("order %s sent as %q, want %q", order, got, want)
			}
		})
	}
}

func TestAccBatches_validationFailsBeforeAnyRequest(t *testing.T) {
	for name, tc := range map[string]struct{ body, want string }{
		"unknown state":            {`state = "finished"`, `Invalid state.*state must be one of starting, running, recovering, success, dead \(any case\), got "finished"`},
		"unknown order":            {`order = "newest"`, `Invalid order.*order must be one of created_desc, created_asc, duration_desc, duration_asc, got "newest"`},
		"limit 0":                  {`limit = 0`, `limit.*between 1 and 1000`},
		"limit 1001":               {`limit = 1001`, `limit.*between 1 and 1000`},
		"created_after not a time": {`created_after = "yesterday"`, `Invalid time.*created_after.*RFC 3339.*yesterday`},
		"created_before date only": {`created_before = "2024-11-29"`, `Invalid time.*created_before.*RFC 3339.*2024-11-29`},
		"after later than before": {"created_after = \"2024-11-29T08:00:00+08:00\"\ncreated_before = \"2024-11-28T23:00:00Z\"",
			`Empty time range.*created_after \(2024-11-29T08:00:00\+08:00\) is later than created_before \(2024-11-28T23:00:00Z\)`},
		"empty name":                {`name = ""`, `Empty name.*Leave it out.*for no filter`},
		"empty project_id":          {`project_id = ""`, `Empty project_id.*Leave it out.*for the provider.s project`},
		"timeouts.read not a value": {`timeouts { read = "soon" }`, `timeouts.*soon`},
	} {
		t.Run(name, func(t *testing.T) {
			srv := newMock(t)
			accTest(t, resource.TestStep{
				Config:      akskProvider(srv) + batchesConfig(tc.body),
				ExpectError: expectError(tc.want),
			})
			if n := srv.Mock.RequestCount(); n != 0 {
				t.Fatalf("sent %d requests, want 0", n)
			}
		})
	}
}

// The list goes through the client's one path: retries, and errors that
// say what was asked for.
func TestAccBatches_sameClientPath(t *testing.T) {
	t.Run("503 retried", func(t *testing.T) {
		srv := newMock(t)
		addRuns(srv, "success")
		srv.Mock.InjectFault(dlimock.Fault{Status: 503, Body: `{"error_code":"APIGW.0201","error_msg":"Service unavailable"}`, Times: 2})
		accTest(t, resource.TestStep{
			Config:           akskProvider(srv) + batchesConfig(`name = "nightly-etl"`),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{requestsSoFar{srv, 3}}},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(batchesAddr, tfjsonpath.New("ids"), stringListCheck(runID(0))),
			},
		})
	})
	t.Run("permission denied", func(t *testing.T) {
		srv := newMock(t)
		srv.Mock.InjectFault(dlimock.Fault{Status: 403, Body: `{"error_code":"DLI.0003","error_msg":"Permission denied"}`})
		accTest(t, resource.TestStep{
			Config:      akskProvider(srv) + batchesConfig(``),
			ExpectError: expectError(`DLI permission denied.*reading batches in project "` + testProject + `".*HTTP 403.*DLI\.0003.*X-Request-Id`),
		})
	})
}

// latestRunGate is the documented example, against the mock.
func latestRunGate(t *testing.T, srv *dlimock.Server) string {
	t.Helper()
	example, err := os.ReadFile("../../examples/data-sources/dli_batches/latest-run-gate.tf")
	if err != nil {
		t.Fatal(err)
	}
	return akskProvider(srv) + string(example)
}

func TestAccBatches_latestRunGate(t *testing.T) {
	t.Run("the latest run succeeds", func(t *testing.T) {
		srv := newMock(t)
		addRuns(srv, "dead", "starting,running,success")     // an older run failed
		srv.Mock.AddBatch(testProject, testBatch, "success") // another job
		srv.Mock.SetDetails(testProject, testBatch, map[string]any{"name": "other", "queue": "etl", "create_time": time.Now().UnixMilli()})
		srv.Mock.AddBatch(testProject, runID(9), "success") // the job's run from two days ago
		srv.Mock.SetDetails(testProject, runID(9), map[string]any{"name": "nightly-etl", "queue": "etl", "create_time": time.Now().Add(-48 * time.Hour).UnixMilli()})
		accTest(t, resource.TestStep{
			Config: latestRunGate(t, srv),
			// The plan lists once and polls the latest run three times.
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{requestsSoFar{srv, 4}}},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("terraform_data.report_table", tfjsonpath.New("output").AtMapKey("loaded_by"), knownvalue.StringExact(runID(1))),
			},
		})
		if q := queryOf(t, srv.Mock.Requests()[0]); q.Get("job_name") != "nightly-etl" || q.Get("queue_name") != "etl" || q.Get("size") != "1" || q.Get("start") == "" {
			t.Fatalf("list query %v, want the job, the queue, one batch, and a start", q)
		}
	})
	t.Run("the latest run dies", func(t *testing.T) {
		srv := newMock(t)
		addRuns(srv, "success", "running,dead") // an older run succeeded
		accTest(t, resource.TestStep{
			Config:      latestRunGate(t, srv),
			ExpectError: expectError(`The latest run of job nightly-etl did not succeed`),
		})
	})
	t.Run("no run matched", func(t *testing.T) {
		srv := newMock(t)
		srv.Mock.AddBatch(testProject, runID(9), "success") // two days old
		srv.Mock.SetDetails(testProject, runID(9), map[string]any{"name": "nightly-etl", "queue": "etl", "create_time": time.Now().Add(-48 * time.Hour).UnixMilli()})
		accTest(t, resource.TestStep{
			Config:      latestRunGate(t, srv),
			ExpectError: expectError(`No run of job nightly-etl on queue etl started in the last 24 hours, so there is no batch to gate on`),
		})
		if n := srv.Mock.RequestCount(); n != 1 {
			t.Fatalf("sent %d requests, want 1: the list, and no read of a batch", n)
		}
	})
}

// DLI's job_name filter matches part of a name; the data source keeps the
// batches of the job named exactly so, as dli_flink_jobs does.
func TestAccBatches_nameKeepsExactMatchesOnly(t *testing.T) {
	srv := newMock(t)
	addRuns(srv, "success", "running")
	srv.Mock.AddBatch(testProject, runID(7), "dead")
	srv.Mock.SetDetails(testProject, runID(7), map[string]any{"name": "nightly-etl-backfill", "create_time": time.Now().UnixMilli()})
	accTest(t, resource.TestStep{
		Config: akskProvider(srv) + batchesConfig(`name = "nightly-etl"`),
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue(batchesAddr, tfjsonpath.New("ids"), stringListCheck(runID(1), runID(0))),
		},
	})
	if q := queryOf(t, srv.Mock.Requests()[0]); q.Get("job_name") != "nightly-etl" {
		t.Fatalf("query %v, want DLI's own name filter too", q)
	}
}
