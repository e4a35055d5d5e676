package provider

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"

	"github.com/dli-terraform/terraform-provider-dli/internal/dlimock"
)

const (
	testProject      = "0123456789abcdef0123456789abcdef"
	testOtherProject = "fedcba9876543210fedcba9876543210"
	testBatch        = "0a324461-d9d9-45da-a52a-3b3c7a3d809e"
	testAK           = "TESTACCESSKEYAAAAAAA"
	testSK           = "test-secret-key-value-1234567890"
	testSTS          = "test-security-token-value-0987"
	testToken        = "test-iam-token-value-5555"
)

// newMock starts a mock DLI on loopback that accepts the test credentials.
func newMock(t *testing.T) *dlimock.Server {
	t.Helper()
	srv := dlimock.NewServer(dlimock.New(dlimock.Credentials{AccessKey: testAK, SecretKey: testSK, Token: testToken}), nil, false)
	t.Cleanup(srv.Close)
	return srv
}

// safeDefaults stand in for variables a test leaves unset, so that no test
// reaches a real address: the metadata service is a closed loopback port
// (never 169.254.169.254), and endpoints derived from a region land in the
// reserved .invalid domain, should a test forget to point one at the mock.
var safeDefaults = map[string]string{
	envMetadataEndpoint: closedMetadataEndpoint,
	envCloud:            testCloud,
}

const testCloud = "never-huawei.invalid"

// fastOptions keep acceptance tests in milliseconds: polls every 10 ms,
// retries after a millisecond or so unless the server asks for a
// Retry-After (which the production backoff honours). The
// environment is the given map only, so the developer's HW_* variables
// never leak into a test.
func fastOptions(env map[string]string) options {
	return options{
		getenv: func(k string) string {
			if v, ok := env[k]; ok {
				return v
			}
			return safeDefaults[k]
		},
		pollSchedule: func(int) time.Duration { return 10 * time.Millisecond },
		retryWait:    time.Millisecond,
	}
}

func factories(opts options) map[string]func() (tfprotov6.ProviderServer, error) {
	return map[string]func() (tfprotov6.ProviderServer, error){
		"dli": providerserver.NewProtocol6WithError(newWithOptions("test", opts)()),
	}
}

// akskProvider configures the provider for srv with AK/SK in attributes,
// plus any extra attribute lines.
func akskProvider(srv *dlimock.Server, extra ...string) string {
	return fmt.Sprintf(`
provider "dli" {
  endpoint   = %q
  project_id = %q
  access_key = %q
  secret_key = %q
  %s
}
`, srv.URL, testProject, testAK, testSK, strings.Join(extra, "\n  "))
}

func batchConfig(body string) string {
	return fmt.Sprintf("data \"dli_batch_state\" \"test\" {\n%s\n}\n", body)
}

// requestsSoFar is a plan check asserting how many requests the mock has
// seen by the time the plan is made.
type requestsSoFar struct {
	srv  *dlimock.Server
	want int
}

var _ plancheck.PlanCheck = requestsSoFar{}

func (c requestsSoFar) CheckPlan(_ context.Context, _ plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	if got := c.srv.Mock.RequestCount(); got != c.want {
		resp.Error = fmt.Errorf("the mock saw %d requests by the end of the plan, want %d", got, c.want)
	}
}

// expectError compiles a pattern in which each space matches any run of
// white space, since Terraform wraps diagnostics at 80 columns.
func expectError(pattern string) *regexp.Regexp {
	return regexp.MustCompile("(?s)" + strings.ReplaceAll(pattern, " ", `\s+`))
}

func newTLSMock(t *testing.T) *dlimock.Server {
	t.Helper()
	srv := dlimock.NewServer(dlimock.New(dlimock.Credentials{AccessKey: testAK, SecretKey: testSK, Token: testToken}), nil, true)
	t.Cleanup(srv.Close)
	srv.Mock.AddBatch(testProject, testBatch, "running")
	return srv
}

// accTest runs one acceptance test step, in parallel, against the
// in-process provider with fastOptions and no environment.
func accTest(t *testing.T, step resource.TestStep) {
	t.Helper()
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: factories(fastOptions(nil)),
		Steps:                    []resource.TestStep{step},
	})
}
