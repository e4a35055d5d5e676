package dlimock

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"
)

// -fail-rate answers its share of requests with -status, in the gateway's
// shape (429 with Retry-After), and the rest as usual.
func TestFailRateAnswersItsShareWithTheStatus(t *testing.T) {
	m := New(creds)
	m.AddBatch(project, batchID, "running")
	draw := 0.1
	m.FailRate, m.Rand = 0.5, func() float64 { return draw }
	path := "/v2.0/" + project + "/batches/" + batchID + "/state"
	if rec, body := get(t, m, path, signedNow()); rec.Code != 500 || body["error_code"] != "DLI.0999" {
		t.Fatalf("HTTP %d %v, want the injected 500", rec.Code, body)
	}
	m.FailStatus = 429
	if rec, body := get(t, m, path, signedNow()); rec.Code != 429 || body["error_code"] != "APIGW.0308" || rec.Header().Get("Retry-After") != "1" {
		t.Fatalf("HTTP %d %v, want the gateway's 429 with Retry-After", rec.Code, body)
	}
	draw = 0.9
	if rec, body := get(t, m, path, signedNow()); rec.Code != 200 || body["state"] != "running" {
		t.Fatalf("HTTP %d %v, want the usual answer above the rate", rec.Code, body)
	}
}

// -hang accepts a request and never answers it: the client gives up.
func TestHangNeverAnswers(t *testing.T) {
	srv := NewServer(New(creds), nil, false)
	t.Cleanup(srv.Close)
	srv.Mock.Hang = true
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL+"/v2.0/"+project+"/batches/"+batchID+"/state", nil)
	resp, err := http.DefaultClient.Do(req)
	if err == nil {
		resp.Body.Close()
		t.Fatalf("HTTP %d, want no answer", resp.StatusCode)
	}
	if srv.Mock.RequestCount() != 1 {
		t.Fatalf("the mock saw %d requests, want the one it held", srv.Mock.RequestCount())
	}
}

// POST /_mock/reset starts every script again, without a restart.
func TestResetStartsEveryScriptAgain(t *testing.T) {
	srv := NewServer(New(creds), nil, false)
	t.Cleanup(srv.Close)
	srv.Mock.AddBatch(project, batchID, "starting", "success")
	path := "/v2.0/" + project + "/batches/" + batchID + "/state"
	for _, want := range []string{"starting", "success"} {
		if _, body := get(t, srv.Mock, path, signedNow()); body["state"] != want {
			t.Fatalf("state %v, want %s", body["state"], want)
		}
	}
	resp, err := http.Post(srv.URL+"/_mock/reset", "", nil)
	if err != nil || resp.StatusCode != http.StatusNoContent {
		t.Fatalf("reset: %v %v", resp, err)
	}
	resp.Body.Close()
	if _, body := get(t, srv.Mock, path, signedNow()); body["state"] != "starting" {
		t.Fatalf("state %v after a reset, want starting again", body["state"])
	}
}

// With StepEvery, a job's state follows the clock: a list and a single
// read at the same moment agree, however often either asks.
func TestWithStepEveryListsAgreeWithSingleReads(t *testing.T) {
	m := New(creds)
	now := time.Now()
	m.Now = func() time.Time { return now }
	m.StepEvery = time.Minute
	m.Reset()
	m.AddSQLJob(project, sqlJobID, nil, "RUNNING", "FAILED")
	single := func() any {
		_, body := get(t, m, "/v1.0/"+project+"/jobs/"+sqlJobID+"/status", signedNow())
		return body["status"]
	}
	listed := func() any {
		_, body := get(t, m, "/v1.0/"+project+"/jobs", signedNow())
		return body["jobs"].([]any)[0].(map[string]any)["status"]
	}
	for _, want := range []string{"RUNNING", "FAILED"} {
		for range 3 {
			if s, l := single(), listed(); s != want || l != want {
				t.Fatalf("single read %v, list %v; want both %s", s, l, want)
			}
		}
		now = now.Add(time.Minute)
	}
}

// -v logs a line per request: what was asked, its status and time.
func TestVerboseLogsALinePerRequest(t *testing.T) {
	m := New(creds)
	var lines lineLog
	m.Log = &lines
	m.AddBatch(project, batchID, "running")
	get(t, m, "/v2.0/"+project+"/batches/"+batchID+"/state", signedNow())
	get(t, m, "/v2.0/"+project+"/batches/"+batchID+"/state?x=1", signedNow())
	if len(lines) != 2 || !strings.HasPrefix(lines[0], "GET /v2.0/"+project+"/batches/"+batchID+"/state -> 200 (") ||
		!strings.Contains(lines[1], "/state?x=1 -> 400 (") {
		t.Fatalf("log lines %q, want one per request with its status", lines)
	}
}

type lineLog []string

func (l *lineLog) Printf(format string, v ...any) { *l = append(*l, fmt.Sprintf(format, v...)) }
