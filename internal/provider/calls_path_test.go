package provider

import (
	"regexp"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/dli-terraform/terraform-provider-dli/internal/dlimock"
)

// Every call but the state call goes through the client's one path: the
// same redirect refusal, timeouts.read bound and redaction of echoed
// credentials as dli_batch_state (whose own tests cover the rest), the
// retries and the project lookup, and summaries that name what is read.
func TestAccNewCalls_sameClientPath(t *testing.T) {
	const timeout = "\ntimeouts {\n  read = \"500ms\"\n}"
	readers := map[string]struct{ config, noun, kind string }{
		"dli_batch":      {batchDataConfig(`batch_id = "` + testBatch + `"` + timeout), "batch", "batches"},
		"dli_batches":    {batchesConfig(timeout), "batches", "batches"},
		"dli_sql_job":    {sqlJobConfig(timeout), "SQL job", "SQL jobs"},
		"dli_flink_job":  {flinkJobConfig(timeout), "Flink job", "Flink jobs"},
		"dli_sql_jobs":   {sqlJobsConfig(timeout), "SQL jobs", "SQL jobs"},
		"dli_flink_jobs": {flinkJobsConfig(timeout), "Flink jobs", "Flink jobs"},
	}
	for reader, r := range readers {
		config := r.config
		t.Run(reader+"/redirect not followed", func(t *testing.T) {
			thief := newMock(t)
			srv := newMock(t)
			srv.Mock.InjectFault(dlimock.Fault{Status: 307, Header: map[string]string{"Location": thief.URL + "/v2.0/x/batches"}})
			accTest(t, resource.TestStep{
				Config:      akskProvider(srv) + config,
				ExpectError: expectError(`DLI endpoint redirected.*HTTP 307.*` + regexp.QuoteMeta(thief.URL) + `.*not followed`),
			})
			if n := thief.Mock.RequestCount(); n != 0 {
				t.Fatalf("the redirect target received %d requests, want 0", n)
			}
		})
		t.Run(reader+"/slow server bounded by timeouts.read", func(t *testing.T) {
			srv := newMock(t)
			srv.Mock.InjectFault(dlimock.Fault{Delay: time.Minute})
			// Not wall time, which counts the wait for a parallel slot: the
			// watchdog fails a read that timeouts.read does not end.
			guardAgainstHangs(t, srv)
			accTest(t, resource.TestStep{
				Config:      akskProvider(srv) + config,
				ExpectError: expectError(`Timed out reading the DLI ` + r.noun + `\n.*deadline exceeded.*timeouts.read \(now 500ms\)`),
			})
		})
		t.Run(reader+"/echoed token redacted", func(t *testing.T) {
			srv := newMock(t)
			srv.Mock.InjectFault(dlimock.Fault{Status: 400, Body: `{"error_code":"DLI.0001","error_msg":"bad header X-Auth-Token: ` + testToken + `"}`})
			accTest(t, resource.TestStep{
				Config: `provider "dli" {
  endpoint   = "` + srv.URL + `"
  project_id = "` + testProject + `"
  token      = "` + testToken + `"
}
` + config,
				// The token's place in the quoted answer says (redacted).
				ExpectError: expectError(`DLI rejected the request.*HTTP 400.*DLI\.0001.*X-Auth-Token: \(redacted\)`),
			})
			if r := srv.Mock.Requests(); len(r) == 0 || r[0].Header.Get("X-Auth-Token") != testToken {
				t.Fatal("the request did not carry the token")
			}
		})
		t.Run(reader+"/project looked up from IAM", func(t *testing.T) {
			srv := newMock(t)
			srv.Mock.AddProject("cn-north-4", testProject)
			addOneOfEach(srv)
			accTest(t, resource.TestStep{
				Config:           regionProvider(srv) + config,
				ConfigPlanChecks: preApply(callsSoFar{srv, "projects", 1}, requestsSoFar{srv, 2}),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data."+reader+".test", tfjsonpath.New("project_id"), knownvalue.StringExact(testProject)),
				},
			})
		})
		t.Run(reader+"/503 retried", func(t *testing.T) {
			srv := newMock(t)
			addOneOfEach(srv)
			srv.Mock.InjectFault(dlimock.Fault{Status: 503, Body: `{"error_code":"APIGW.0201","error_msg":"Service unavailable"}`, Times: 2})
			accTest(t, resource.TestStep{
				Config:           akskProvider(srv) + config,
				ConfigPlanChecks: preApply(requestsSoFar{srv, 3}),
			})
		})
		t.Run(reader+"/API error with code, message and request ID", func(t *testing.T) {
			srv := newMock(t)
			srv.Mock.InjectFault(dlimock.Fault{Status: 403, Body: `{"error_code":"DLI.0003","error_msg":"no permission for this queue"}`})
			accTest(t, resource.TestStep{
				Config:      akskProvider(srv, "max_retries = 0") + config,
				ExpectError: summaryThenDetail("DLI permission denied", `HTTP 403, error code DLI\.0003: no permission for this queue; the read needs the IAM permission dli:jobs:(get|list) \(X-Request-Id: mock-00000001\).*may not read DLI `+r.kind),
			})
		})
	}
}

// addOneOfEach adds a job of each kind, for the reads of one of each.
func addOneOfEach(srv *dlimock.Server) {
	srv.Mock.AddBatch(testProject, testBatch, "running")
	srv.Mock.AddSQLJob(testProject, testSQLJob, nil, "RUNNING")
	srv.Mock.AddFlinkJob(testProject, 71001, nil, "job_running")
}
