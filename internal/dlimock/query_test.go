package dlimock

import (
	"fmt"
	"strings"
	"testing"
)

// A query parameter the official SDK does not name for a route is refused,
// so that a client that misspells one is caught: the real API might ignore
// it and page or filter by its defaults instead.
func TestQueryParametersAreThoseTheSDKNames(t *testing.T) {
	m := New(creds)
	m.AddBatch(project, batchID, "running")
	for _, path := range []string{
		"/v1.0/" + project + "/jobs?page_size=100",
		"/v1.0/" + project + "/jobs?current_page=1",
		"/v1.0/" + project + "/jobs?job_status=RUNNING",
		"/v1.0/" + project + "/jobs?db-name=db1",
		"/v1.0/" + project + "/jobs?queue-name=q",
		"/v1.0/" + project + "/streaming/jobs?page-size=100",
		"/v1.0/" + project + "/streaming/jobs?job-type=flink_jar_job",
		"/v2.0/" + project + "/batches?limit=100",
		"/v2.0/" + project + "/batches?job-name=x",
		statePath(batchID) + "?from=0",
		"/v3/projects?project_name=cn-north-4",
	} {
		rec, body := get(t, m, path, signed())
		if rec.Code != 400 || body["error_code"] != "DLI.0001" || !strings.Contains(fmt.Sprint(body["error_msg"]), "Unknown query parameter") {
			t.Errorf("%s: HTTP %d %v, want 400 DLI.0001 naming the unknown parameter", path, rec.Code, body)
		}
	}
	for _, path := range []string{
		"/v1.0/" + project + "/jobs?page-size=100&current-page=1&job-status=RUNNING&job-type=ALL&db_name=db1&queue_name=q&owner=o&table_name=t&start=1&end=2&order=start_time_desc",
		"/v1.0/" + project + "/streaming/jobs?name=x&queue_name=q&status=job_running&job_type=flink_jar_job&order=desc&offset=0&limit=100",
		"/v2.0/" + project + "/batches?job_name=x&queue_name=q&cluster_name=c&owner=o&state=running&from=0&size=100&start=1&end=2&order=CREATE_TIME_DESC",
		"/v3/projects?name=cn-north-4",
	} {
		if rec, body := get(t, m, path, signed()); rec.Code != 200 {
			t.Errorf("%s: HTTP %d %v, want 200", path, rec.Code, body)
		}
	}
}

// Without page-size the SQL list answers 50 jobs, the SDK's default.
func TestTheSQLListsDefaultPageIs50(t *testing.T) {
	m := New(creds)
	for i := range 60 {
		m.AddSQLJob(project, fmt.Sprintf("job-%02d", i), nil, "FINISHED")
	}
	_, body := get(t, m, "/v1.0/"+project+"/jobs", signed())
	if jobs, _ := body["jobs"].([]any); len(jobs) != 50 {
		t.Fatalf("got %d jobs, want 50", len(jobs))
	}
}
