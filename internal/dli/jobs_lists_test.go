package dli

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/dli-terraform/terraform-provider-dli/internal/dlimock"
)

func addFlinkJobs(srv *dlimock.Server, n int, name string) {
	for i := range n {
		srv.Mock.AddFlinkJob(testProject, int64(70000+i), map[string]any{"name": name, "create_time": int64(1732838400000 + i*60000)}, "job_running")
	}
}

func addSQLJobs(srv *dlimock.Server, n int) {
	for i := range n {
		srv.Mock.AddSQLJob(testProject, fmt.Sprintf("00000000-0000-4000-8000-%012d", i),
			map[string]any{"job_type": "INSERT", "start_time": int64(1732838400000 + i*60000), "duration": 1000}, "FINISHED")
	}
}

func pagesOf(t *testing.T, srv *dlimock.Server, offset, size string) string {
	var pages []string
	for _, q := range listQueries(t, srv) {
		pages = append(pages, q.Get(offset)+"+"+q.Get(size))
	}
	return strings.Join(pages, " ")
}

// 130 jobs at limit 1000: a full page of 100, then a short one of 30, and
// no third request, whatever total_count says.
func TestFlinkJobsPagesAt100AndStopsOnAShortPage(t *testing.T) {
	c, srv := newTestClient(t)
	addFlinkJobs(srv, 130, "clicks-stream")
	jobs, err := items(c.FlinkJobs(shortCtx(t), testProject, FlinkJobFilter{}, 1000))
	if err != nil {
		t.Fatal(err)
	}
	if len(jobs) != 130 || jobs[0].ID != "70129" || jobs[129].ID != "70000" {
		t.Fatalf("got %d jobs from %s to %s, want 130 newest first", len(jobs), jobs[0].ID, jobs[len(jobs)-1].ID)
	}
	if got := pagesOf(t, srv, "offset", "limit"); got != "0+100 100+100" {
		t.Fatalf("pages %s, want 2 requests", got)
	}
}

func TestListsStopOnAShortPageNotOnTheTotal(t *testing.T) {
	c, srv := newTestClient(t)
	// A total that claims more: the short page still ends the list.
	srv.Mock.InjectFault(dlimock.Fault{Status: 200, Times: 1, Body: `{"is_success":"true","job_list":{"total_count":500,"jobs":[{"job_id":1,"status":"job_running"}]}}`})
	if jobs, err := items(c.FlinkJobs(shortCtx(t), testProject, FlinkJobFilter{}, 1000)); err != nil || len(jobs) != 1 || srv.Mock.RequestCount() != 1 {
		t.Fatalf("got %d jobs, %v in %d requests; want 1 in 1", len(jobs), err, srv.Mock.RequestCount())
	}
	// A total that claims fewer: full pages go on.
	c, srv = newTestClient(t)
	addSQLJobs(srv, 150)
	srv.Mock.InjectFault(dlimock.Fault{Status: 200, Times: 1, Body: `{"is_success":true,"job_count":1,"jobs":[` +
		strings.TrimSuffix(strings.Repeat(`{"job_id":"a","status":"RUNNING"},`, 100), ",") + `]}`})
	if jobs, err := items(c.SQLJobs(shortCtx(t), testProject, SQLJobFilter{}, 1000)); err != nil || len(jobs) != 150 {
		t.Fatalf("got %d jobs, %v; want 100 + the second page's 50", len(jobs), err)
	}
}

func TestFlinkJobsNameKeepsExactMatchesOnly(t *testing.T) {
	c, srv := newTestClient(t)
	addFlinkJobs(srv, 3, "clicks-stream-backfill")
	srv.Mock.AddFlinkJob(testProject, 71001, map[string]any{"name": "clicks-stream", "create_time": int64(1)}, "job_running")
	jobs, err := items(c.FlinkJobs(shortCtx(t), testProject, FlinkJobFilter{Name: "clicks-stream"}, 2))
	if err != nil || len(jobs) != 1 || jobs[0].ID != "71001" {
		t.Fatalf("got %+v, %v; want only job 71001", jobs, err)
	}
	if q := listQueries(t, srv)[0]; q.Get("name") != "clicks-stream" || q.Get("limit") != "2" {
		t.Fatalf("query %v, want DLI's name filter and a page of 2", q)
	}
	// Partial matches fill the pages: the exact one is on the second, and
	// as limit is not reached, an empty third page ends the list.
	if got := pagesOf(t, srv, "offset", "limit"); got != "0+2 2+2 4+2" {
		t.Fatalf("pages %s, want 0+2 2+2 4+2", got)
	}
}

func TestJobListsFiltersAreTheSDKsQueryParameters(t *testing.T) {
	c, srv := newTestClient(t)
	after := time.Date(2024, 11, 29, 0, 0, 0, 0, time.UTC)
	if _, err := items(c.SQLJobs(shortCtx(t), testProject, SQLJobFilter{
		QueueName: "sql queue", Owner: "alice", TableName: "sales", DatabaseName: "db1", JobType: "insert", Status: "finished",
		StartedAfter: after, StartedBefore: after.Add(time.Hour), Order: SQLOrderDurationAsc,
	}, 150)); err != nil {
		t.Fatal(err)
	}
	if _, err := items(c.FlinkJobs(shortCtx(t), testProject, FlinkJobFilter{
		Name: "clicks", QueueName: "fq", Status: "JOB_RUNNING", JobType: "flink_jar_job", Order: FlinkOrderCreatedAsc,
	}, 10)); err != nil {
		t.Fatal(err)
	}
	r := srv.Mock.Requests()
	want := []string{
		"/v1.0/" + testProject + "/jobs?current-page=1&db_name=db1&end=1732842000000&job-status=FINISHED&job-type=INSERT" +
			"&order=duration_asc&owner=alice&page-size=100&queue_name=sql%20queue&start=1732838400000&table_name=sales",
		"/v1.0/" + testProject + "/streaming/jobs?job_type=flink_jar_job&limit=10&name=clicks&offset=0&order=asc&queue_name=fq&status=job_running",
	}
	if len(r) != 2 || r[0].Path+"?"+r[0].Query != want[0] || r[1].Path+"?"+r[1].Query != want[1] {
		t.Fatalf("requests %+v\nwant %v", r, want)
	}
}

func TestSQLJobsPagesByPageNumber(t *testing.T) {
	c, srv := newTestClient(t)
	addSQLJobs(srv, 230)
	jobs, err := items(c.SQLJobs(shortCtx(t), testProject, SQLJobFilter{}, 1000))
	if err != nil || len(jobs) != 230 || jobs[0].ID != "00000000-0000-4000-8000-000000000229" {
		t.Fatalf("got %d jobs, %v", len(jobs), err)
	}
	if got := pagesOf(t, srv, "current-page", "page-size"); got != "1+100 2+100 3+100" {
		t.Fatalf("pages %s", got)
	}
	c, srv = newTestClient(t)
	addSQLJobs(srv, 230)
	if jobs, err := items(c.SQLJobs(shortCtx(t), testProject, SQLJobFilter{}, 150)); err != nil || len(jobs) != 150 {
		t.Fatalf("limit 150: %d jobs, %v", len(jobs), err)
	}
	if got := pagesOf(t, srv, "current-page", "page-size"); got != "1+100 2+100" {
		t.Fatalf("limit 150: pages %s, want pages of one size (page numbers count in it)", got)
	}
}

// An empty list may come without its array (every list field is optional
// in the official SDK, and the official provider reads an absent one as
// empty): with a zero count it is an empty page, without one malformed.
func TestListsReadAnEmptyAnswerWithoutItsArray(t *testing.T) {
	type list func(*Client) (int, error)
	lists := map[string]list{
		"batches": func(c *Client) (int, error) {
			l, err := items(c.Batches(shortCtx(t), testProject, BatchFilter{}, 1000))
			return len(l), err
		},
		"SQL jobs": func(c *Client) (int, error) {
			l, err := items(c.SQLJobs(shortCtx(t), testProject, SQLJobFilter{}, 1000))
			return len(l), err
		},
		"Flink jobs": func(c *Client) (int, error) {
			l, err := items(c.FlinkJobs(shortCtx(t), testProject, FlinkJobFilter{}, 1000))
			return len(l), err
		},
	}
	empty := map[string][]string{
		"batches":    {`{"from":0,"total":0,"create_time":1732842000000}`, `{"from":0,"total":0,"sessions":null}`, `{}`},
		"SQL jobs":   {`{"is_success":true,"message":"","job_count":0}`, `{"is_success":true,"job_count":0,"jobs":null}`, `{"is_success":true}`},
		"Flink jobs": {`{"is_success":"true","message":"","job_list":{"total_count":0}}`, `{"is_success":"true","job_list":{"total_count":0,"jobs":null}}`, `{"is_success":"true","job_list":{}}`},
	}
	malformed := map[string][]string{
		"batches":    {`{"total":2}`},
		"SQL jobs":   {`{"is_success":true,"job_count":2}`},
		"Flink jobs": {`{"is_success":"true"}`, `{"is_success":"true","job_list":{"total_count":2}}`},
	}
	for name, read := range lists {
		for _, body := range empty[name] {
			c, srv := newTestClient(t)
			srv.Mock.InjectFault(dlimock.Fault{Status: 200, Body: body})
			if n, err := read(c); err != nil || n != 0 || srv.Mock.RequestCount() != 1 {
				t.Errorf("%s %s: %d items, %v after %d requests; want an empty list after 1", name, body, n, err, srv.Mock.RequestCount())
			}
		}
		for _, body := range malformed[name] {
			c, srv := newTestClient(t)
			srv.Mock.InjectFault(dlimock.Fault{Status: 200, Body: body})
			if _, err := read(c); !errors.As(err, new(*MalformedResponseError)) {
				t.Errorf("%s %s: %v, want a malformed answer", name, body, err)
			}
		}
	}
}
