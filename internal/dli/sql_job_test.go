package dli

import (
	"errors"
	"strings"
	"testing"
	"time"
)

const testSQLJob = "1b2c3d4e-0000-4000-8000-00000000beef"

// insertJob is a SQL INSERT job as DLI describes it.
var insertJob = map[string]any{
	"job_type": "INSERT", "queue_name": "sql_queue", "owner": "alice", "start_time": int64(1732838400000),
	"duration": 65000, "input_row_count": 66, "bad_row_count": 0, "input_size": 5, "result_count": 55,
	"database_name": "db1", "table_name": "sales", "detail": "", "statement": "INSERT INTO sales SELECT 1", "job_mode": "async",
}

func TestSQLJobReadsEveryFieldInOneRequest(t *testing.T) {
	c, srv := newTestClient(t)
	srv.Mock.AddSQLJob(testProject, testSQLJob, insertJob, "FINISHED")
	j, err := c.SQLJob(shortCtx(t), testProject, testSQLJob)
	if err != nil {
		t.Fatal(err)
	}
	if j.ID != testSQLJob || j.Status != "FINISHED" || !j.Terminal() || *j.JobType != "INSERT" || *j.TableName != "sales" ||
		*j.ResultCount != 55 || *j.InputRowCount != 66 || *j.BadRowCount != 0 || j.Duration.Duration != 65*time.Second ||
		!j.StartedAt.Equal(time.Date(2024, 11, 29, 0, 0, 0, 0, time.UTC)) || *j.Statement != "INSERT INTO sales SELECT 1" {
		t.Fatalf("got %+v", j)
	}
	r := srv.Mock.Requests()
	if len(r) != 1 || r[0].Path != "/v1.0/"+testProject+"/jobs/"+testSQLJob+"/status" {
		t.Fatalf("requests %+v, want one status call", r)
	}
}

func TestSQLJobMissingIsNotFoundNamingTheJob(t *testing.T) {
	c, _ := newTestClient(t)
	_, err := c.SQLJob(shortCtx(t), testProject, testSQLJob)
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.Class != ClassNotFound || apiErr.Code != "DLI.0002" ||
		!strings.Contains(err.Error(), `SQL job "`+testSQLJob+`"`) {
		t.Fatalf("got %v, want DLI.0002 not found naming the SQL job", err)
	}
}

func TestWaitSQLJobFailsAtOnceOnFailedWithDLIsMessage(t *testing.T) {
	c, srv := newTestClient(t)
	failed := map[string]any{"message": "Table sales does not exist"}
	srv.Mock.AddSQLJob(testProject, testSQLJob, failed, "LAUNCHING", "RUNNING", "FAILED", "FINISHED")
	j, err := Waiter{Client: c, Clock: &fakeClock{}}.WaitSQLJob(shortCtx(t), testProject, testSQLJob, []string{"finished"})
	var u *UnexpectedStateError
	if !errors.As(err, &u) || j.Status != "FAILED" || u.Message != "Table sales does not exist" {
		t.Fatalf("got %+v, %v; want an unexpected status FAILED with its message", j, err)
	}
	for _, want := range []string{`SQL job "` + testSQLJob + `"`, `terminal status "FAILED"`, `"Table sales does not exist"`, "finished"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not contain %q", err, want)
		}
	}
	if n := srv.Mock.Calls("sql_job"); n != 3 {
		t.Fatalf("%d polls, want 3 (none after FAILED)", n)
	}
}

func TestWaitSQLJobMatchesAnyCaseAndStopsOnEveryTerminalStatus(t *testing.T) {
	for _, terminal := range []string{"FINISHED", "FAILED", "CANCELLED"} {
		c, srv := newTestClient(t)
		srv.Mock.AddSQLJob(testProject, testSQLJob, nil, "RUNNING", terminal, "RUNNING")
		j, err := Waiter{Client: c, Clock: &fakeClock{}}.WaitSQLJob(shortCtx(t), testProject, testSQLJob, []string{strings.ToLower(terminal)})
		if err != nil || j.Status != terminal {
			t.Errorf("waiting for %s: %+v, %v", strings.ToLower(terminal), j, err)
		}
		c, srv = newTestClient(t)
		srv.Mock.AddSQLJob(testProject, testSQLJob, nil, "LAUNCHING", terminal, "RUNNING")
		_, err = Waiter{Client: c, Clock: &fakeClock{}}.WaitSQLJob(shortCtx(t), testProject, testSQLJob, []string{"running"})
		if !errors.As(err, new(*UnexpectedStateError)) {
			t.Errorf("%s while waiting for running: %v, want an unexpected terminal status", terminal, err)
		}
	}
}

func TestWaitSQLJobTimesOutWithTheLastStatus(t *testing.T) {
	c, srv := newTestClient(t)
	srv.Mock.AddSQLJob(testProject, testSQLJob, nil, "LAUNCHING", "RUNNING")
	ctx := newEndableCtx()
	_, err := Waiter{Client: c, Clock: &fakeClock{ctx: ctx, budget: 25 * time.Second}, Schedule: everyTenSeconds}.
		WaitSQLJob(ctx, testProject, testSQLJob, []string{"FINISHED"})
	var to *WaitTimeoutError
	if !errors.As(err, &to) || to.LastState != "RUNNING" || !strings.Contains(err.Error(), `SQL job "`+testSQLJob+`"`) ||
		!strings.Contains(err.Error(), `the last status seen was "RUNNING"`) {
		t.Fatalf("got %v, want a timeout naming the SQL job and RUNNING", err)
	}
}

func TestKindsTerminalStatuses(t *testing.T) {
	for kind, want := range map[*Kind]string{
		&BatchKind:    "success dead",
		&SQLJobKind:   "FINISHED FAILED CANCELLED",
		&FlinkJobKind: "job_submit_fail job_running_exception job_cancel_success job_arrearage_stopped job_finish",
	} {
		var got []string
		for _, s := range kind.Statuses {
			if kind.IsTerminal(strings.ToUpper(s)) != kind.IsTerminal(s) {
				t.Errorf("%s: %s is terminal in one case only", kind.Noun, s)
			}
			if kind.IsTerminal(s) {
				got = append(got, s)
			}
		}
		if strings.Join(got, " ") != want {
			t.Errorf("%s: terminal %v, want %s", kind.Noun, got, want)
		}
	}
	if len(SQLJobKind.Statuses) != 5 || len(FlinkJobKind.Statuses) != 14 {
		t.Fatalf("%d SQL and %d Flink statuses, want 5 and 14", len(SQLJobKind.Statuses), len(FlinkJobKind.Statuses))
	}
}

// Each kind describes its IDs once: its rule accepts its example and IDs
// like the API's (a UUID in any case; up to 18 digits), and refuses others.
func TestEveryKindDescribesItsIDs(t *testing.T) {
	for kind, ids := range map[*Kind][2][]string{
		&BatchKind:    {{testBatch, strings.ToUpper(testBatch)}, {"71001", testBatch + "x", ""}},
		&SQLJobKind:   {{testBatch}, {"71001", "not-a-uuid"}},
		&FlinkJobKind: {{"71001", "123456789012345678"}, {"1234567890123456789", "7a", testBatch, ""}},
	} {
		for _, id := range append([]string{kind.IDExample}, ids[0]...) {
			if !kind.ID.MatchString(id) {
				t.Errorf("%s: %q refused", kind.Noun, id)
			}
		}
		for _, id := range ids[1] {
			if kind.ID.MatchString(id) {
				t.Errorf("%s: %q accepted", kind.Noun, id)
			}
		}
		if got := kind.Subject("p1", "j1"); got != kind.Noun+` "j1" in project "p1"` {
			t.Errorf("%s: subject %q", kind.Noun, got)
		}
	}
}
