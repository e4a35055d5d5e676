package dli

import "testing"

// A DLI whose name filter ignores case answers jobs whose names differ
// from the one asked for only in case: the exact-name filter keeps the job
// of exactly that name, not those.
func TestFlinkJobsNameKeepsTheExactCaseOnly(t *testing.T) {
	c, srv := newTestClient(t)
	srv.Mock.NamesMatchIgnoringCase = true
	srv.Mock.AddFlinkJob(testProject, 71001, map[string]any{"name": "Clicks-Stream", "create_time": int64(3)}, "job_running")
	srv.Mock.AddFlinkJob(testProject, 71002, map[string]any{"name": "clicks-stream", "create_time": int64(2)}, "job_running")
	srv.Mock.AddFlinkJob(testProject, 71003, map[string]any{"name": "CLICKS-STREAM", "create_time": int64(1)}, "job_running")
	jobs, err := c.FlinkJobs(shortCtx(t), testProject, FlinkJobFilter{Name: "clicks-stream"}, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(jobs.Items) != 1 || jobs.Items[0].ID != "71002" {
		t.Fatalf("got %+v; want only job 71002, named exactly clicks-stream", jobs)
	}
	if n := srv.Mock.Calls("flink_jobs"); n != 1 {
		t.Fatalf("%d list requests, want 1", n)
	}
}
