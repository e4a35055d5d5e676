package dli

import (
	"context"
	"errors"
	"net/url"
	"strings"
	"testing"

	"github.com/dli-terraform/terraform-provider-dli/internal/dlimock"
)

// HTTP 200 with the payload present is read whatever is_success says, as
// the official SDK (which never reads it) does; each API's form of it.
func TestAnAnswerWithItsPayloadIsReadWhateverIsSuccessSays(t *testing.T) {
	for name, tc := range map[string]struct {
		body string
		read func(context.Context, *Client) (string, error)
	}{
		"batch state": {`{"is_success":false,"message":"advisory","state":"running"}`, func(ctx context.Context, c *Client) (string, error) {
			s, err := c.BatchState(ctx, testProject, testBatch)
			return s.State, err
		}},
		"SQL job": {`{"is_success":false,"message":"advisory","job_id":"` + testBatch + `","status":"RUNNING"}`, func(ctx context.Context, c *Client) (string, error) {
			j, err := c.SQLJob(ctx, testProject, testBatch)
			return j.Status, err
		}},
		"Flink job": {`{"is_success":"false","message":"advisory","job_detail":{"job_id":71001,"status":"job_running"}}`, func(ctx context.Context, c *Client) (string, error) {
			j, err := c.FlinkJob(ctx, testProject, "71001")
			return j.Status, err
		}},
		"SQL job list": {`{"is_success":false,"message":"advisory","job_count":1,"jobs":[{"job_id":"` + testBatch + `","status":"RUNNING"}]}`, func(ctx context.Context, c *Client) (string, error) {
			jobs, err := items(c.SQLJobs(ctx, testProject, SQLJobFilter{}, 10))
			if err != nil || len(jobs) != 1 {
				return "", err
			}
			return jobs[0].Status, nil
		}},
		"Flink job list": {`{"is_success":"false","job_list":{"total_count":1,"jobs":[{"job_id":71001,"status":"job_running"}]}}`, func(ctx context.Context, c *Client) (string, error) {
			jobs, err := items(c.FlinkJobs(ctx, testProject, FlinkJobFilter{}, 10))
			if err != nil || len(jobs) != 1 {
				return "", err
			}
			return jobs[0].Status, nil
		}},
	} {
		t.Run(name, func(t *testing.T) {
			c, srv := newTestClient(t)
			srv.Mock.InjectFault(dlimock.Fault{Status: 200, Body: tc.body})
			status, err := tc.read(shortCtx(t), c)
			if err != nil || !strings.EqualFold(status, "running") && status != "job_running" {
				t.Fatalf("read %q, %v; want the payload's status", status, err)
			}
		})
	}
}

// HTTP 200 without the payload but with an error code, in either form, is
// the error the code names.
func TestA200WithoutThePayloadButWithAnErrorCodeIsThatError(t *testing.T) {
	for body, kind := range map[string]ErrorClass{
		`{"error_code":"DLI.0002","error_msg":"The job does not exist."}`:         ClassNotFound,
		`{"code":"DLI.0003","message":"no permission"}`:                           ClassPermission,
		`{"is_success":false,"error_code":"DLI.0999","message":"internal error"}`: ClassServer,
	} {
		c, srv := newTestClient(t)
		srv.Mock.InjectFault(dlimock.Fault{Status: 200, Body: body})
		_, err := c.SQLJob(shortCtx(t), testProject, testBatch)
		var apiErr *APIError
		if !errors.As(err, &apiErr) || apiErr.Class != kind || apiErr.StatusCode != 200 {
			t.Errorf("%s: %v, want a %v error", body, err, kind)
		}
	}
}

// The error codes the official provider maps, and the SDK's second form.
func TestErrorCodesReadAsTheOfficialProviderReadsThem(t *testing.T) {
	for _, tc := range []struct {
		name     string
		fault    dlimock.Fault
		kind     ErrorClass
		code     string
		contains []string
	}{
		{"DLI.16001: no such Flink job", dlimock.Fault{Status: 400, Body: `{"is_success":"false","error_code":"DLI.16001","error_msg":"The job does not exist."}`},
			ClassNotFound, "DLI.16001", []string{`Flink job "71001" in project`, "was not found"}},
		{"DLI.0003: no permission", dlimock.Fault{Status: 400, Body: `{"error_code":"DLI.0003","error_msg":"Permission denied for the operation."}`},
			ClassPermission, "DLI.0003", []string{"permission denied", "the read needs the IAM permission dli:jobs:get"}},
		{"code and message: the SDK's second form", dlimock.Fault{Status: 400, Body: `{"code":"DLI.0002","message":"The object does not exist."}`},
			ClassNotFound, "DLI.0002", []string{"error code DLI.0002", "The object does not exist."}},
		{"APIG.0101: an older gateway knows no such API", dlimock.Fault{Status: 400, Body: `{"error_code":"APIG.0101","error_msg":"The API does not exist or has not been published in the environment."}`},
			ClassNoAPI, "APIG.0101", []string{"no such API at the endpoint"}},
		{"another APIG. code at 404", dlimock.Fault{Status: 404, Body: `{"error_code":"APIG.0102","error_msg":"No such route."}`},
			ClassNoAPI, "APIG.0102", []string{"no such API at the endpoint"}},
		{"APIGW.0101 at another status", dlimock.Fault{Status: 400, Body: `{"error_code":"APIGW.0101","error_msg":"The API does not exist."}`},
			ClassNoAPI, "APIGW.0101", []string{"no such API at the endpoint"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, srv := newTestClient(t)
			srv.Mock.InjectFault(tc.fault)
			_, err := c.FlinkJob(shortCtx(t), testProject, "71001")
			var apiErr *APIError
			if !errors.As(err, &apiErr) || apiErr.Class != tc.kind || apiErr.Code != tc.code {
				t.Fatalf("err = %v, want a %v error with code %s", err, tc.kind, tc.code)
			}
			for _, s := range tc.contains {
				if !strings.Contains(err.Error(), s) {
					t.Errorf("error %q does not contain %q", err, s)
				}
			}
		})
	}
}

// A permission error names the permission the call needs: a list needs
// another than a read of one job.
func TestAPermissionErrorNamesThePermissionOfTheCall(t *testing.T) {
	c, srv := newTestClient(t)
	srv.Mock.InjectFault(dlimock.Fault{Status: 400, Body: `{"error_code":"DLI.0003","error_msg":"Permission denied."}`})
	_, err := items(c.Batches(shortCtx(t), testProject, BatchFilter{}, 10))
	if err == nil || !strings.Contains(err.Error(), "the IAM permission dli:jobs:list (") {
		t.Fatalf("err = %v, want it to name dli:jobs:list", err)
	}
	srv.Mock.InjectFault(dlimock.Fault{Status: 400, Body: `{"error_code":"DLI.0003","error_msg":"Permission denied."}`})
	base, _ := url.Parse(srv.URL)
	_, err = c.ProjectID(shortCtx(t), base.JoinPath("v3"), "cn-north-4")
	if err == nil || strings.Contains(err.Error(), "dli:") {
		t.Fatalf("err = %v, want no DLI permission named for an IAM call", err)
	}
}

// An entry of a list without an optional field is kept, that field empty;
// one without its ID is left out and counted. A page short only for want
// of IDs is still a full page: the list goes on.
func TestListEntriesWithoutAFieldAreKeptAndWithoutAnIDLeftOut(t *testing.T) {
	for name, tc := range map[string]struct {
		page string
		read func(context.Context, *Client) (ids, statuses []string, leftOut int, err error)
	}{
		"batches": {`{"total":3,"sessions":[{"id":"a"},{"state":"running"},{"id":"b","state":"dead"}]}`,
			func(ctx context.Context, c *Client) ([]string, []string, int, error) {
				return listed(c.Batches(ctx, testProject, BatchFilter{}, 3))(func(b Batch) (string, string) { return b.ID, b.State })
			}},
		"SQL jobs": {`{"is_success":true,"jobs":[{"job_id":"a"},{"status":"RUNNING"},{"job_id":"b","status":"FAILED"}]}`,
			func(ctx context.Context, c *Client) ([]string, []string, int, error) {
				return listed(c.SQLJobs(ctx, testProject, SQLJobFilter{}, 3))(func(j SQLJob) (string, string) { return j.ID, j.Status })
			}},
		"Flink jobs": {`{"is_success":"true","job_list":{"jobs":[{"job_id":1},{"status":"job_running"},{"job_id":2,"status":"job_finish"}]}}`,
			func(ctx context.Context, c *Client) ([]string, []string, int, error) {
				return listed(c.FlinkJobs(ctx, testProject, FlinkJobFilter{}, 3))(func(j FlinkJob) (string, string) { return j.ID, j.Status })
			}},
	} {
		t.Run(name, func(t *testing.T) {
			c, srv := newTestClient(t)
			srv.Mock.InjectFault(dlimock.Fault{Status: 200, Body: tc.page, Times: 1})
			srv.Mock.InjectFault(dlimock.Fault{Status: 200, Body: strings.Replace(tc.page, `[{`, `[{"x":0},{`, 1), Times: 1})
			ids, statuses, leftOut, err := tc.read(shortCtx(t), c)
			if err != nil || len(ids) != 3 || statuses[0] != "" || statuses[1] == "" || leftOut < 2 {
				t.Fatalf("ids %q, statuses %q, %d left out, %v; want the entry without a status kept with none, those without an ID left out and counted, and the second page read", ids, statuses, leftOut, err)
			}
			if n := srv.Mock.RequestCount(); n != 2 {
				t.Errorf("%d requests, want 2: a page of 3 entries is full, whatever they lack", n)
			}
		})
	}
}

// listed is a list read's IDs and statuses, as of, and how many it left out.
func listed[T any](l List[T], err error) func(of func(T) (string, string)) ([]string, []string, int, error) {
	return func(of func(T) (string, string)) ([]string, []string, int, error) {
		var ids, statuses []string
		for _, item := range l.Items {
			id, status := of(item)
			ids, statuses = append(ids, id), append(statuses, status)
		}
		return ids, statuses, l.LeftOut, err
	}
}

// The client reads what the mock serves in the real service's shapes.
func TestTheClientReadsTheRealServicesShapesFromTheMock(t *testing.T) {
	c, srv := newTestClient(t)
	sqlBody := strings.Repeat("SELECT 1; ", 6<<10) // 60 KiB
	for i := range int64(100) {
		srv.Mock.AddFlinkJob(testProject, 71000+i, map[string]any{"name": "clicks", "sql_body": sqlBody, "execution_graph": "{}", "queue_name": dlimock.Absent}, "job_running")
	}
	srv.Mock.AddSQLJob(testProject, testBatch, nil, "RUNNING")
	srv.Mock.SuccessFlagFalse = true
	ctx := shortCtx(t)
	if jobs, err := c.FlinkJobs(ctx, testProject, FlinkJobFilter{}, 100); err != nil || len(jobs.Items) != 100 || jobs.Items[0].QueueName != nil {
		t.Fatalf("a page of 100 Flink jobs with 60 KiB SQL bodies: %d jobs, %v; want 100 without a queue", len(jobs.Items), err)
	}
	if j, err := c.SQLJob(ctx, testProject, testBatch); err != nil || j.Status != "RUNNING" {
		t.Fatalf("is_success false with the payload: %+v, %v; want it read", j, err)
	}
	srv.Mock.CodeMessageErrors = true
	var apiErr *APIError
	if _, err := c.FlinkJob(ctx, testProject, "9"); !errors.As(err, &apiErr) || apiErr.Class != ClassNotFound || apiErr.Code != "DLI.16001" {
		t.Fatalf("a missing Flink job: %v, want not found with DLI.16001", err)
	}
	srv.Mock.Deny(testProject)
	if _, err := c.SQLJob(ctx, testProject, testBatch); !errors.As(err, &apiErr) || apiErr.Class != ClassPermission || !strings.Contains(err.Error(), "dli:jobs:get") {
		t.Fatalf("a denied read: %v, want a permission error naming dli:jobs:get", err)
	}
	srv.Mock.OlderGateway = true
	wrong, err := New(Config{Endpoint: srv.URL + "/not-dli", Credentials: Credentials{Token: testCreds.Token}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := wrong.BatchState(ctx, testProject, testBatch); !errors.As(err, &apiErr) || apiErr.Class != ClassNoAPI || apiErr.Code != "APIG.0101" {
		t.Fatalf("a wrong path behind an older gateway: %v, want no such API with APIG.0101", err)
	}
}
