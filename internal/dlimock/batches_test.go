package dlimock

import (
	"net/http"
	"strings"
	"testing"
)

// signedNow signs a request as the mock's credentials allow, now.
func signedNow() func(*http.Request) {
	return signed()
}

func listIDs(t *testing.T, m *Mock, query string) (int, []string, []string) {
	t.Helper()
	rec, body := get(t, m, "/v2.0/"+project+"/batches?"+query, signedNow())
	if rec.Code != 200 {
		t.Fatalf("%s: HTTP %d %v", query, rec.Code, body)
	}
	var ids, states []string
	for _, s := range body["sessions"].([]any) {
		ids = append(ids, s.(map[string]any)["id"].(string))
		states = append(states, s.(map[string]any)["state"].(string))
	}
	return int(body["total"].(float64)), ids, states
}

func TestDetailsAdvanceTheScriptAndTheListShowsTheCurrentState(t *testing.T) {
	m := New(creds)
	m.AddBatch(project, batchID, "starting", "running", "success")
	m.SetDetails(project, batchID, map[string]any{"name": "etl", "appId": []string{"a1"}, "duration": 5})
	if _, _, states := listIDs(t, m, ""); strings.Join(states, ",") != "starting" {
		t.Fatalf("list before any read shows %v, want starting", states)
	}
	_, body := get(t, m, "/v2.0/"+project+"/batches/"+batchID, signedNow())
	if body["state"] != "starting" || body["name"] != "etl" || body["id"] != batchID || body["duration"] != nil {
		t.Fatalf("details %v", body)
	}
	_, body = get(t, m, statePath(batchID), signedNow())
	for range 3 { // the list does not advance the script
		if _, _, states := listIDs(t, m, ""); strings.Join(states, ",") != body["state"] {
			t.Fatalf("list shows %v, want the last answered state %v", states, body["state"])
		}
	}
	if rec, body := get(t, m, "/v2.0/"+project+"/batches/"+strings.Repeat("0", 8)+batchID[8:], signedNow()); rec.Code != 400 || body["error_code"] != "DLI.0002" {
		t.Fatalf("unknown batch: HTTP %d %v, want DLI.0002", rec.Code, body)
	}
}

func TestListFiltersOrdersAndPages(t *testing.T) {
	m := New(creds)
	for i, d := range []map[string]any{
		{"name": "etl", "queue": "q1", "owner": "alice", "create_time": 1000, "duration": 30},
		{"name": "etl", "queue": "q2", "owner": "bob", "create_time": 3000, "duration": 10},
		{"name": "etl", "queue": "q1", "owner": "alice", "create_time": 2000, "duration": 20},
		{"name": "other", "queue": "q1", "create_time": 4000},
	} {
		id := string(rune('a'+i)) + batchID[1:]
		m.AddBatch(project, id, []string{"success", "dead", "running", "success"}[i])
		m.SetDetails(project, id, d)
	}
	for query, want := range map[string]string{
		"job_name=etl":                           "b,c,a",
		"job_name=etl&order=CREATE_TIME_ASC":     "a,c,b",
		"job_name=etl&order=DURATION_DESC":       "a,c,b",
		"queue_name=q1&owner=alice":              "c,a",
		"state=SUCCESS":                          "d,a",
		"start=2000&end=3000":                    "b,c",
		"from=1&size=2":                          "b,c",
		"job-id=C" + batchID[1:]:                 "c",
		"job-id=c" + batchID[1:] + "&state=dead": "",
	} {
		total, ids, _ := listIDs(t, m, query)
		var short []string
		for _, id := range ids {
			short = append(short, id[:1])
		}
		if strings.Join(short, ",") != want {
			t.Errorf("%s: %v (total %d), want %s", query, short, total, want)
		}
	}
	if total, _, _ := listIDs(t, m, "from=1&size=1"); total != 4 {
		t.Errorf("total = %d, want every match (4)", total)
	}
	if rec, body := get(t, m, "/v2.0/"+project+"/batches?size=101", signedNow()); rec.Code != 400 || body["error_code"] != "DLI.0001" {
		t.Fatalf("size=101: HTTP %d %v, want DLI.0001", rec.Code, body)
	}
}

// The official provider's huaweicloud_dli_spark_jobs asks for one batch by
// ID as size=100&job-id=...&from=0; a batch never added answers with the
// mock's DefaultState, as in the state call.
func TestListByJobIDShowsABatchNeverAddedInTheDefaultState(t *testing.T) {
	m := New(creds)
	if total, ids, _ := listIDs(t, m, "size=100&job-id="+batchID+"&from=0"); total != 0 || len(ids) != 0 {
		t.Fatalf("without DefaultState: %d %v, want nothing", total, ids)
	}
	m.DefaultState = "success"
	total, ids, states := listIDs(t, m, "size=100&job-id="+batchID+"&from=0")
	if total != 1 || strings.Join(ids, ",") != batchID || strings.Join(states, ",") != "success" {
		t.Fatalf("got %d %v %v, want the batch in the default state", total, ids, states)
	}
	if total, _, _ := listIDs(t, m, "job-id="+batchID+"&state=running"); total != 0 {
		t.Fatalf("state filter ignored for the default batch")
	}
	if total, _, _ := listIDs(t, m, ""); total != 0 {
		t.Fatalf("a list without job-id shows %d batches never added", total)
	}
}
