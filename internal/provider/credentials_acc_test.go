package provider

import (
	"context"
	"fmt"
	"net"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/dli-terraform/terraform-provider-dli/internal/dli/sign"
	"github.com/dli-terraform/terraform-provider-dli/internal/dlimock"
)

// Acceptance tests of the 0.2 credential and project sources: the real
// Terraform CLI against dlimock playing DLI, IAM and the ECS metadata
// service on loopback.

// accTestEnv is accTest with an environment.
func accTestEnv(t *testing.T, env map[string]string, step resource.TestStep) {
	t.Helper()
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: factories(fastOptions(env)),
		Steps:                    []resource.TestStep{step},
	})
}

// callsSoFar is a plan check on how often the mock's named handler ran.
type callsSoFar struct {
	srv  *dlimock.Server
	name string
	want int
}

func (c callsSoFar) CheckPlan(_ context.Context, _ plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	if got := c.srv.Mock.Calls(c.name); got != c.want {
		resp.Error = fmt.Errorf("the mock answered %d %s calls by the end of the plan, want %d", got, c.name, c.want)
	}
}

func preApply(checks ...plancheck.PlanCheck) resource.ConfigPlanChecks {
	return resource.ConfigPlanChecks{PreApply: checks}
}

// regionProvider configures AK/SK and a region but no project ID, with
// DLI and IAM on the mock, plus extra lines.
func regionProvider(srv *dlimock.Server, extra ...string) string {
	return fmt.Sprintf(`
provider "dli" {
  region     = "cn-north-4"
  endpoint   = %q
  auth_url   = "%s/v3"
  access_key = %q
  secret_key = %q
  %s
}
`, srv.URL, srv.URL, testAK, testSK, strings.Join(extra, "\n  "))
}

const threeReads = `
data "dli_batch_state" "test" {
  count    = 3
  batch_id = format("00000000-0000-4000-8000-%012d", count.index)
}
`

func closedURL(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return "http://" + l.Addr().String()
}

func TestAccProject_lookedUpOnceFromIAMByRegion(t *testing.T) {
	srv := newMock(t)
	srv.Mock.AddProject("cn-north-4", testProject)
	srv.Mock.AddProject("cn-east-3", testOtherProject)
	srv.Mock.DefaultState = "running"
	accTest(t, resource.TestStep{
		Config:           regionProvider(srv) + threeReads,
		ConfigPlanChecks: preApply(callsSoFar{srv, "projects", 1}, callsSoFar{srv, "batch_state", 3}),
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue("data.dli_batch_state.test[2]", tfjsonpath.New("project_id"), knownvalue.StringExact(testProject)),
		},
	})
	for _, r := range srv.Mock.Requests() {
		if strings.HasPrefix(r.Path, "/v2.0/") && !strings.HasPrefix(r.Path, "/v2.0/"+testProject+"/") {
			t.Fatalf("a read went to %s, not the looked-up project", r.Path)
		}
	}
}

func TestAccProject_byProjectNameFromTheEnvironment(t *testing.T) {
	srv := newMock(t)
	srv.Mock.AddProject("cn-north-4_etl", testOtherProject)
	srv.Mock.DefaultState = "running"
	accTestEnv(t, map[string]string{"HW_PROJECT_NAME": "cn-north-4_etl"}, resource.TestStep{
		Config: regionProvider(srv) + threeReads,
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue("data.dli_batch_state.test[0]", tfjsonpath.New("project_id"), knownvalue.StringExact(testOtherProject)),
		},
	})
}

func TestAccProject_noLookupWhenEveryReadSetsItsProject(t *testing.T) {
	srv := newMock(t)
	srv.Mock.AddBatch(testOtherProject, testBatch, "running")
	accTest(t, resource.TestStep{
		Config:           regionProvider(srv) + batchConfig(`batch_id = "`+testBatch+`"`+"\nproject_id = \""+testOtherProject+`"`),
		ConfigPlanChecks: preApply(callsSoFar{srv, "projects", 0}, requestsSoFar{srv, 1}),
	})
}

// 500 reads at Terraform's default parallelism: one lookup, which the
// reads that start meanwhile wait for.
func TestAccProject_500ReadsOneLookup(t *testing.T) {
	srv := newMock(t)
	srv.Mock.AddProject("cn-north-4", testProject)
	srv.Mock.DefaultState = "success"
	accTest(t, resource.TestStep{
		Config: regionProvider(srv) + `
data "dli_batch_state" "many" {
  count    = 500
  batch_id = format("00000000-0000-4000-8000-%012d", count.index)
}
`,
		ConfigPlanChecks: preApply(callsSoFar{srv, "projects", 1}, requestsSoFar{srv, 501}),
	})
}

func TestAccProject_lookupFailuresSayToSetTheProjectID(t *testing.T) {
	for name, tc := range map[string]struct {
		setup func(*dlimock.Mock)
		want  string
	}{
		"no such project": {func(*dlimock.Mock) {}, `IAM has no project named "cn-north-4".*Check the region`},
		"several": {func(m *dlimock.Mock) { m.AddProject("cn-north-4", "a1"); m.AddProject("cn-north-4", "b2") },
			`IAM lists 2 projects named "cn-north-4" \(a1, b2\)`},
		"forbidden": {func(m *dlimock.Mock) {
			m.InjectFault(dlimock.Fault{Status: 403, Times: 1, Body: `{"error":{"code":403,"message":"You are not authorized to list projects.","title":"Forbidden"}}`})
		}, `HTTP 403.*not authorized to list projects.*needs IAM permission to list projects`},
	} {
		t.Run(name, func(t *testing.T) {
			srv := newMock(t)
			tc.setup(srv.Mock)
			accTest(t, resource.TestStep{
				Config: regionProvider(srv, "max_retries = 0") + threeReads,
				ExpectError: expectError(`Could not look up the DLI project ID.*IAM project "cn-north-4".*region "cn-north-4".*` + tc.want +
					`.*Set project_id .* HW_PROJECT_ID`),
			})
			if n := srv.Mock.Calls("batch_state"); n != 0 {
				t.Fatalf("%d DLI reads without a project", n)
			}
		})
	}
}

func TestAccProfile_credentialsRegionAndProjectFromAnHcloudProfile(t *testing.T) {
	srv := newMock(t)
	srv.Mock.AddBatch(testProject, testBatch, "running")
	file := profileFile(t)
	accTest(t, resource.TestStep{
		Config: fmt.Sprintf(`
provider "dli" {
  endpoint           = %q
  auth_url           = "%s/v3"
  shared_config_file = %q
}
`, srv.URL, srv.URL, file) + batchConfig(`batch_id = "`+testBatch+`"`),
		ConfigPlanChecks:  preApply(callsSoFar{srv, "projects", 0}),
		ConfigStateChecks: expectState(testBatch, "running", false),
	})
}

func TestAccProfile_ssoKeysFromTheEnvironment(t *testing.T) {
	srv := dlimock.NewServer(dlimock.New(dlimock.Credentials{AccessKey: testAK, SecretKey: testSK, SecurityToken: testSTS}), nil, false)
	t.Cleanup(srv.Close)
	srv.Mock.AddBatch(testProject, testBatch, "running")
	accTestEnv(t, map[string]string{"HW_PROFILE": "sso", "HW_SHARED_CONFIG_FILE": profileFile(t)}, resource.TestStep{
		Config:            fmt.Sprintf("provider \"dli\" {\n  endpoint   = %q\n  project_id = %q\n}\n", srv.URL, testProject) + batchConfig(`batch_id = "`+testBatch+`"`),
		ConfigStateChecks: expectState(testBatch, "running", false),
	})
}

func TestAccProfile_unusableProfilesNameFileAndProfile(t *testing.T) {
	file := profileFile(t)
	for name, tc := range map[string]struct{ attrs, want string }{
		"missing file":    {`shared_config_file = "/nonexistent/config.json"`, `Invalid hcloud profile.*/nonexistent/config.json.*does not exist`},
		"unknown profile": {fmt.Sprintf("shared_config_file = %q\n  profile = \"prod\"", file), `Invalid hcloud profile.*"prod".*no such profile.*default, sso, ci, ecs`},
	} {
		t.Run(name, func(t *testing.T) {
			accTest(t, resource.TestStep{
				Config:      "provider \"dli\" {\n  endpoint = \"http://127.0.0.1:1\"\n  " + tc.attrs + "\n}\n" + batchConfig(`batch_id = "`+testBatch+`"`),
				ExpectError: expectError(tc.want),
			})
		})
	}
}

func TestAccMetadata_temporaryKeysWhenNothingElseIsSet(t *testing.T) {
	srv := dlimock.NewServer(dlimock.New(dlimock.Credentials{}), nil, false) // accepts only what it issues
	t.Cleanup(srv.Close)
	srv.Mock.ServeMetadata()
	srv.Mock.DefaultState = "running"
	accTestEnv(t, map[string]string{"HW_ECS_METADATA_ENDPOINT": srv.URL}, resource.TestStep{
		Config:           fmt.Sprintf("provider \"dli\" {\n  endpoint   = %q\n  project_id = %q\n}\n", srv.URL, testProject) + threeReads,
		ConfigPlanChecks: preApply(callsSoFar{srv, "securitykey", 1}, callsSoFar{srv, "batch_state", 3}),
	})
}

func TestAccMetadata_noServiceIsMissingCredentials(t *testing.T) {
	closed := closedURL(t)
	accTestEnv(t, map[string]string{"HW_ECS_METADATA_ENDPOINT": closed}, resource.TestStep{
		Config: fmt.Sprintf("provider \"dli\" {\n  endpoint   = \"http://127.0.0.1:1\"\n  project_id = %q\n}\n", testProject) + batchConfig(`batch_id = "`+testBatch+`"`),
		ExpectError: expectError(`Missing DLI credentials.*no ECS metadata service answered at ` + strings.ReplaceAll(closed, ".", `\.`) +
			`.*connection refused.*HW_ACCESS_KEY.*HW_AUTH_TOKEN.*HW_PROFILE.*HW_ECS_METADATA_ENDPOINT`),
	})
}

func TestAccAssumeRole_agencyKeysSignTheReadsOneAgencyCall(t *testing.T) {
	srv := newMock(t)
	srv.Mock.AddAgency("acme", "dli-reader")
	srv.Mock.AddProject("cn-north-4", testProject)
	srv.Mock.DefaultState = "running"
	accTest(t, resource.TestStep{
		Config: regionProvider(srv, `assume_role {
    agency_name = "dli-reader"
    domain_name = "acme"
    duration    = 900
  }`) + threeReads,
		// The project lookup is made with the agency's keys too; the account
		// lookup, with the base keys, before the agency call.
		ConfigPlanChecks: preApply(callsSoFar{srv, "domains", 1}, callsSoFar{srv, "securitytokens", 1}, callsSoFar{srv, "projects", 1}, callsSoFar{srv, "batch_state", 3}),
	})
	// Each Terraform command (plan, apply, the plans after) starts the
	// provider afresh; each assumed the agency once.
	issued := map[string]bool{}
	for _, k := range srv.Mock.Issued() {
		issued[k.AccessKey] = true
	}
	for _, r := range srv.Mock.Requests() {
		if strings.HasPrefix(r.Path, "/v3.0/") || r.Path == "/v3/auth/domains" {
			continue // signed with the base keys
		}
		a, err := sign.ParseAuthorization(r.Header.Get("Authorization"))
		if err != nil || !issued[a.AccessKey] {
			t.Fatalf("%s was not signed with an agency's key: %v", r.Path, err)
		}
	}
}

func TestAccAssumeRole_fromTheEnvironmentAndRefused(t *testing.T) {
	srv := newMock(t)
	accTestEnv(t, map[string]string{"HW_ASSUME_ROLE_AGENCY_NAME": "dli-reader", "HW_ASSUME_ROLE_DOMAIN_NAME": "acme"}, resource.TestStep{
		Config: regionProvider(srv, "max_retries = 0") + batchConfig(`batch_id = "`+testBatch+`"`+"\nproject_id = \""+testProject+`"`),
		ExpectError: expectError(`Could not assume the IAM agency.*agency "dli-reader" of domain "acme".*HTTP 403.*` +
			`You have no right to assume agency dli-reader of domain acme.*IAM refused: check that agency "dli-reader" exists in domain "acme".*HW_ASSUME_ROLE_AGENCY_NAME`),
	})
	if srv.Mock.Calls("securitytokens") != 1 || srv.Mock.Calls("batch_state") != 0 {
		t.Fatalf("agency calls %d, reads %d: want 1 and none", srv.Mock.Calls("securitytokens"), srv.Mock.Calls("batch_state"))
	}
}

// The project lookup is the first call that needs credentials: when they
// cannot be had, the error is about them, not about the lookup.
func TestAccProject_lookupWithoutCredentialsSaysWhyNotTheLookup(t *testing.T) {
	for name, tc := range map[string]struct {
		attrs func(srv *dlimock.Server) string
		env   func(srv *dlimock.Server) map[string]string
		want  string
	}{
		"no metadata service": {
			func(*dlimock.Server) string { return "" },
			func(*dlimock.Server) map[string]string {
				return map[string]string{"HW_ECS_METADATA_ENDPOINT": closedURL(t)}
			},
			`Missing DLI credentials.*No credentials are set in the provider block or the environment, and no ECS metadata service answered`},
		"an ecsAgency profile, no metadata service": {
			func(*dlimock.Server) string {
				return fmt.Sprintf("profile = \"ecs\"\n  shared_config_file = %q", profileFile(t))
			},
			func(*dlimock.Server) map[string]string {
				return map[string]string{"HW_ECS_METADATA_ENDPOINT": closedURL(t)}
			},
			`Missing DLI credentials.*The profile ecs in .*config\.json asks for the ECS metadata service's temporary AK/SK, and no ECS metadata service answered`},
		"a refused agency": {
			func(*dlimock.Server) string { return fmt.Sprintf("access_key = %q\n  secret_key = %q", testAK, testSK) },
			func(*dlimock.Server) map[string]string {
				return map[string]string{"HW_ASSUME_ROLE_AGENCY_NAME": "dli-reader", "HW_ASSUME_ROLE_DOMAIN_NAME": "acme"}
			},
			`Could not assume the IAM agency.*agency "dli-reader" of domain "acme".*permission denied reading agency`},
	} {
		t.Run(name, func(t *testing.T) {
			srv := newMock(t)
			srv.Mock.AddProject("cn-north-4", testProject)
			config := fmt.Sprintf("provider \"dli\" {\n  region   = \"cn-north-4\"\n  endpoint = %q\n  auth_url = \"%s/v3\"\n  max_retries = 0\n  %s\n}\n",
				srv.URL, srv.URL, tc.attrs(srv))
			accTestEnv(t, tc.env(srv), resource.TestStep{
				Config:      config + batchConfig(`batch_id = "`+testBatch+`"`),
				ExpectError: expectError(tc.want),
			})
			if srv.Mock.Calls("projects") != 0 {
				t.Fatal("the project was looked up without credentials")
			}
		})
	}
}
