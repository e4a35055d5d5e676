package provider

import (
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/dli-terraform/terraform-provider-dli/internal/dlimock"
)

// request_timeout (or HW_REQUEST_TIMEOUT) bounds one attempt, and a server
// that never answers costs three of them, not one per retry allowed.
func TestAccProvider_requestTimeoutBoundsOneAttempt(t *testing.T) {
	for name, tc := range map[string]struct {
		attribute string
		env       map[string]string
	}{
		"attribute":          {attribute: `request_timeout = "50ms"`},
		"HW_REQUEST_TIMEOUT": {env: map[string]string{envRequestTimeout: "50ms"}},
	} {
		t.Run(name, func(t *testing.T) {
			srv := newMock(t)
			srv.Mock.AddBatch(testProject, testBatch, "running")
			srv.Mock.InjectFault(dlimock.Fault{Delay: time.Minute})
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: factories(fastOptions(tc.env)),
				Steps: []resource.TestStep{{
					Config:      akskProvider(srv, tc.attribute, "max_retries = 5") + batchConfig(`batch_id = "`+testBatch+`"`),
					ExpectError: expectError(`Could not reach DLI.*after 3 attempts: no answer within the per-attempt limit of 50ms`),
				}},
			})
			if n := srv.Mock.RequestCount(); n != 3 {
				t.Fatalf("the mock saw %d requests, want 3", n)
			}
		})
	}
}

func TestAccProvider_requestTimeoutMustBeADuration(t *testing.T) {
	for name, tc := range map[string]struct {
		attribute string
		env       map[string]string
		want      string
	}{
		"days":          {attribute: `request_timeout = "2d"`, want: `Invalid request_timeout.*request_timeout has no unit for days: write "48h" for "2d"`},
		"zero":          {attribute: `request_timeout = "0s"`, want: `Invalid request_timeout.*positive duration, got "0s"`},
		"variable":      {env: map[string]string{envRequestTimeout: "soon"}, want: `Invalid HW_REQUEST_TIMEOUT.*HW_REQUEST_TIMEOUT environment variable \(for request_timeout\) must be a positive duration, got "soon"`},
		"variable days": {env: map[string]string{envRequestTimeout: "1d"}, want: `Invalid HW_REQUEST_TIMEOUT.*write "24h" for "1d"`},
	} {
		t.Run(name, func(t *testing.T) {
			srv := newMock(t)
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: factories(fastOptions(tc.env)),
				Steps: []resource.TestStep{{
					Config:      akskProvider(srv, tc.attribute) + batchConfig(`batch_id = "`+testBatch+`"`),
					ExpectError: expectError(tc.want),
				}},
			})
			if n := srv.Mock.RequestCount(); n != 0 {
				t.Fatalf("sent %d requests for a configuration that cannot be right, want 0", n)
			}
		})
	}
}

// https:// to a plain-HTTP server is one attempt, and says so.
func TestAccProvider_httpsToAPlainHTTPServerSaysSo(t *testing.T) {
	srv := newMock(t)
	srv.Mock.AddBatch(testProject, testBatch, "running")
	host := strings.TrimPrefix(srv.URL, "http://")
	config := strings.Replace(akskProvider(srv, "max_retries = 5"), srv.URL, "https://"+host, 1)
	accTest(t, resource.TestStep{
		Config:      config + batchConfig(`batch_id = "`+testBatch+`"`),
		ExpectError: expectError(`could not reach DLI after 1 attempt: the server at ` + host + ` speaks plain HTTP, not HTTPS: write the URL as http://` + host),
	})
}
