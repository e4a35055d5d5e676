package dlimock

import (
	"testing"
)

const sqlJobID = "1b2c3d4e-0000-4000-8000-00000000beef"

// The SQL API sends is_success as a boolean, the Flink API as a string;
// each answers its scripted statuses in turn and a missing job as DLI.0002.
func TestJobsAnswerAsEachAPIDoes(t *testing.T) {
	m := New(creds)
	m.AddSQLJob(project, sqlJobID, map[string]any{"message": "Table staging does not exist"}, "RUNNING", "FAILED")
	m.AddFlinkJob(project, 71001, map[string]any{"name": "clicks-stream"}, "job_submitting", "job_running")
	for _, want := range []string{"RUNNING", "FAILED", "FAILED"} {
		_, body := get(t, m, "/v1.0/"+project+"/jobs/"+sqlJobID+"/status", signedNow())
		if body["is_success"] != true || body["status"] != want || body["job_id"] != sqlJobID || body["message"] != "Table staging does not exist" {
			t.Fatalf("SQL job answered %v, want %s", body, want)
		}
	}
	for _, want := range []string{"job_submitting", "job_running"} {
		_, body := get(t, m, "/v1.0/"+project+"/streaming/jobs/71001", signedNow())
		detail, _ := body["job_detail"].(map[string]any)
		if body["is_success"] != "true" || detail["status"] != want || detail["job_id"] != float64(71001) {
			t.Fatalf("Flink job answered %v, want %s", body, want)
		}
	}
	// A missing Flink job is DLI.16001, as the official provider knows it.
	for path, want := range map[string][2]any{"/v1.0/" + project + "/jobs/" + batchID + "/status": {"DLI.0002", false}, "/v1.0/" + project + "/streaming/jobs/9": {"DLI.16001", "false"}} {
		rec, body := get(t, m, path, signedNow())
		if rec.Code != 400 || body["error_code"] != want[0] || body["is_success"] != want[1] {
			t.Fatalf("%s: HTTP %d %v, want 400 %v with is_success %v", path, rec.Code, body, want[0], want[1])
		}
	}
	if m.Calls("sql_job") != 4 || m.Calls("flink_job") != 3 {
		t.Fatalf("calls: sql_job %d, flink_job %d", m.Calls("sql_job"), m.Calls("flink_job"))
	}
}

// The Flink list matches part of a name and pages by offset; the SQL list
// pages by page number; both refuse pages over 100.
func TestJobListsPageAndFilterAsDLIDoes(t *testing.T) {
	m := New(creds)
	for i, name := range []string{"clicks-stream", "clicks-stream-backfill", "orders"} {
		m.AddFlinkJob(project, int64(i+1), map[string]any{"name": name, "create_time": int64(i)}, "job_running")
		m.AddSQLJob(project, name, map[string]any{"start_time": int64(i)}, "FINISHED")
	}
	_, body := get(t, m, "/v1.0/"+project+"/streaming/jobs?name=clicks-stream&offset=1&limit=1", signedNow())
	list := body["job_list"].(map[string]any)
	jobs := list["jobs"].([]any)
	if body["is_success"] != "true" || list["total_count"] != float64(2) || len(jobs) != 1 || jobs[0].(map[string]any)["job_id"] != float64(1) {
		t.Fatalf("Flink list %v, want the second of two partial matches, newest first", body)
	}
	_, body = get(t, m, "/v1.0/"+project+"/jobs?current-page=2&page-size=2&order=start_time_asc", signedNow())
	sqlJobs := body["jobs"].([]any)
	if body["job_count"] != float64(3) || len(sqlJobs) != 1 || sqlJobs[0].(map[string]any)["job_id"] != "orders" {
		t.Fatalf("SQL list %v, want page 2 of 2-job pages, oldest first", body)
	}
	for _, path := range []string{"/v1.0/" + project + "/jobs?page-size=101", "/v1.0/" + project + "/streaming/jobs?limit=101", "/v1.0/" + project + "/jobs?current-page=0"} {
		if rec, body := get(t, m, path, signedNow()); rec.Code != 400 || body["error_code"] != "DLI.0001" {
			t.Fatalf("%s: HTTP %d %v, want 400 DLI.0001", path, rec.Code, body)
		}
	}
}

// The shapes of the real service a client must read, each on demand.
func TestTheRealServicesShapes(t *testing.T) {
	m := New(creds)
	m.AddSQLJob(project, sqlJobID, nil, "RUNNING")
	m.AddFlinkJob(project, 71001, map[string]any{"name": "clicks", "queue_name": Absent}, "job_running")
	m.SuccessFlagFalse = true
	_, body := get(t, m, "/v1.0/"+project+"/jobs/"+sqlJobID+"/status", signedNow())
	if body["is_success"] != false || body["status"] != "RUNNING" {
		t.Errorf("SuccessFlagFalse: SQL job answered %v, want is_success false with the status", body)
	}
	_, body = get(t, m, "/v1.0/"+project+"/streaming/jobs?limit=10", signedNow())
	list, _ := body["job_list"].(map[string]any)
	jobs, _ := list["jobs"].([]any)
	if body["is_success"] != "false" || len(jobs) != 1 {
		t.Fatalf("SuccessFlagFalse: Flink list answered %v, want is_success \"false\" with the job", body)
	}
	if _, has := jobs[0].(map[string]any)["queue_name"]; has {
		t.Errorf("Absent: the Flink job carries queue_name: %v", jobs[0])
	}
	m.CodeMessageErrors = true
	rec, body := get(t, m, "/v1.0/"+project+"/streaming/jobs/9", signedNow())
	if rec.Code != 400 || body["code"] != "DLI.16001" || body["message"] == nil || body["error_code"] != nil {
		t.Errorf("CodeMessageErrors: HTTP %d %v, want 400 with code DLI.16001 and message", rec.Code, body)
	}
	m.OlderGateway = true
	if rec, body := get(t, m, "/v9/nothing", signedNow()); rec.Code != 404 || body["error_code"] != "APIG.0101" {
		t.Errorf("OlderGateway: HTTP %d %v, want 404 APIG.0101", rec.Code, body)
	}
	m.Deny(project)
	if rec, body := get(t, m, "/v1.0/"+project+"/jobs/"+sqlJobID+"/status", signedNow()); rec.Code != 400 || body["code"] != "DLI.0003" {
		t.Errorf("Deny: HTTP %d %v, want 400 DLI.0003", rec.Code, body)
	}
}
