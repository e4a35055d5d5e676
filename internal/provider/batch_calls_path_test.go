package provider

import (
	"regexp"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/dli-terraform/terraform-provider-dli/internal/dlimock"
)

// The details and the list calls go through the client's one path: the
// same redirect refusal, timeouts.read bound and redaction of echoed
// credentials as dli_batch_state (whose own tests cover the rest).
func TestAccNewCalls_sameClientPath(t *testing.T) {
	readers := map[string]string{
		"dli_batch":   batchDataConfig(`batch_id = "` + testBatch + `"` + "\ntimeouts {\n  read = \"500ms\"\n}"),
		"dli_batches": batchesConfig("timeouts {\n  read = \"500ms\"\n}"),
	}
	for reader, config := range readers {
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
			start := time.Now()
			accTest(t, resource.TestStep{
				Config:      akskProvider(srv) + config,
				ExpectError: expectError(`Timed out reading the DLI batch.*deadline exceeded.*timeouts.read \(now 500ms\)`),
			})
			if took := time.Since(start); took > 30*time.Second {
				t.Fatalf("the read was not cut short by timeouts.read (took %v)", took)
			}
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
	}
}
