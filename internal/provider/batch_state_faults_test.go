package provider

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"

	"github.com/dli-terraform/terraform-provider-dli/internal/dli"
	"github.com/dli-terraform/terraform-provider-dli/internal/dlimock"
)

// Fault-injection tests: the provider against a mock DLI having a bad day.

func TestAccFaults_503TwiceThenOK(t *testing.T) {
	srv := newMock(t)
	srv.Mock.AddBatch(testProject, testBatch, "running")
	srv.Mock.InjectFault(dlimock.Fault{Status: 503, Body: `{"error_code":"APIGW.0201","error_msg":"Service unavailable"}`, Times: 2})
	accTest(t, resource.TestStep{
		Config:            akskProvider(srv) + batchConfig(`batch_id = "`+testBatch+`"`),
		ConfigPlanChecks:  resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{requestsSoFar{srv, 3}}},
		ConfigStateChecks: expectState(testBatch, "running", false),
	})
}

func TestAccFaults_429WaitsForRetryAfter(t *testing.T) {
	srv := newMock(t)
	srv.Mock.AddBatch(testProject, testBatch, "running")
	srv.Mock.InjectFault(dlimock.Fault{Status: 429, Header: map[string]string{"Retry-After": "1"},
		Body: `{"error_code":"APIGW.0308","error_msg":"The throttling threshold has been reached"}`, Times: 1})
	accTest(t, resource.TestStep{
		Config:            akskProvider(srv) + batchConfig(`batch_id = "`+testBatch+`"`),
		ConfigPlanChecks:  resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{requestsSoFar{srv, 2}}},
		ConfigStateChecks: expectState(testBatch, "running", false),
	})
	reqs := srv.Mock.Requests()
	if gap := reqs[1].At.Sub(reqs[0].At); gap < time.Second {
		t.Fatalf("retried %v after a 429 with Retry-After: 1, want at least 1s", gap)
	}
}

func TestAccFaults_always500SendsMaxRetriesPlusOne(t *testing.T) {
	srv := newMock(t)
	srv.Mock.InjectFault(dlimock.Fault{Status: 500, Body: `{"error_code":"DLI.0999","error_msg":"Internal error"}`})
	accTest(t, resource.TestStep{
		Config:      akskProvider(srv, "max_retries = 3") + batchConfig(`batch_id = "`+testBatch+`"`),
		ExpectError: expectError(`DLI server error.*HTTP 500.*DLI\.0999.*Internal error.*X-Request-Id: mock-00000004.*after 4 attempts`),
	})
	if n := srv.Mock.RequestCount(); n != 4 {
		t.Fatalf("sent %d requests, want max_retries+1 = 4", n)
	}
}

func TestAccFaults_slowServerIsBoundedByTimeoutsRead(t *testing.T) {
	srv := newMock(t)
	srv.Mock.AddBatch(testProject, testBatch, "running")
	srv.Mock.InjectFault(dlimock.Fault{Delay: time.Minute}) // every request hangs
	// A read that timeouts.read does not cut short trips the watchdog (and
	// fails with another error). No wall-clock bound here: a parallel test
	// waits for its turn, and that wait would count.
	guardAgainstHangs(t, srv)
	accTest(t, resource.TestStep{
		Config: akskProvider(srv) + batchConfig(`batch_id = "`+testBatch+`"
timeouts {
  read = "500ms"
}`),
		ExpectError: expectError(`Timed out reading the DLI batch.*deadline exceeded.*timeouts.read \(now 500ms\)`),
	})
}

func TestAccFaults_malformedAnswers(t *testing.T) {
	for name, tc := range map[string]struct {
		fault dlimock.Fault
		want  string
	}{
		"malformed JSON": {dlimock.Fault{Status: 200, Body: `{"id": "x", "state": `},
			`Malformed answer from DLI.*HTTP 200.*not the expected JSON`},
		"HTML error page": {dlimock.Fault{Status: 502, ContentType: "text/html", Body: "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>"},
			`DLI server error.*HTTP 502.*not JSON \(text/html\).*502 Bad Gateway`},
		"oversized body": {dlimock.Fault{Status: 200, Body: `{"state":"running"}`, BodySize: dli.MaxResponseBytes + 1<<20},
			`Malformed answer from DLI.*larger than 64 MiB`},
		"old error form with HTTP 200": {dlimock.Fault{Status: 200, Body: `{"is_success":false,"message":"Batch job not found"}`},
			`DLI rejected the request.*HTTP 200.*Batch job not found`},
	} {
		t.Run(name, func(t *testing.T) {
			srv := newMock(t)
			srv.Mock.InjectFault(tc.fault)
			accTest(t, resource.TestStep{
				Config:      akskProvider(srv, "max_retries = 1") + batchConfig(`batch_id = "`+testBatch+`"`),
				ExpectError: expectError(tc.want),
			})
		})
	}
}

func TestAccFaults_redirectToAnotherHostIsNotFollowed(t *testing.T) {
	thief := newMock(t)
	srv := newMock(t)
	srv.Mock.InjectFault(dlimock.Fault{Status: 307, Header: map[string]string{"Location": thief.URL + "/v2.0/x/batches/y/state"}})
	accTest(t, resource.TestStep{
		Config:      akskProvider(srv) + batchConfig(`batch_id = "`+testBatch+`"`),
		ExpectError: expectError(`DLI endpoint redirected.*HTTP 307.*` + regexp.QuoteMeta(thief.URL) + `.*not followed`),
	})
	if n := thief.Mock.RequestCount(); n != 0 {
		t.Fatalf("the redirect target received %d requests, want 0", n)
	}
	for _, r := range srv.Mock.Requests() {
		if !strings.HasPrefix(r.Header.Get("Authorization"), "SDK-HMAC-SHA256") {
			t.Fatal("want only signed requests to the configured endpoint")
		}
	}
}
