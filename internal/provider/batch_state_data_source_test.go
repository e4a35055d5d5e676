package provider

import (
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/dli-terraform/terraform-provider-dli/internal/dlimock"
)

const dataAddr = "data.dli_batch_state.test"

func expectState(id, state string, terminal bool) []statecheck.StateCheck {
	return []statecheck.StateCheck{
		statecheck.ExpectKnownValue(dataAddr, tfjsonpath.New("id"), knownvalue.StringExact(id)),
		statecheck.ExpectKnownValue(dataAddr, tfjsonpath.New("state"), knownvalue.StringExact(state)),
		statecheck.ExpectKnownValue(dataAddr, tfjsonpath.New("terminal"), knownvalue.Bool(terminal)),
	}
}

func TestAccBatchState_eachDocumentedState(t *testing.T) {
	for state, terminal := range map[string]bool{
		"starting": false, "running": false, "recovering": false, "success": true, "dead": true,
		"Success": true, // as the seed document's example spells it: passed through verbatim
	} {
		t.Run(state, func(t *testing.T) {
			srv := newMock(t)
			srv.Mock.AddBatch(testProject, testBatch, state)
			accTest(t, resource.TestStep{
				Config:            akskProvider(srv) + batchConfig(`batch_id = "`+testBatch+`"`),
				ConfigStateChecks: append(expectState(testBatch, state, terminal), statecheck.ExpectKnownValue(dataAddr, tfjsonpath.New("project_id"), knownvalue.StringExact(testProject))),
			})
		})
	}
}

func TestAccBatchState_upperCaseBatchIDAndProjectOverride(t *testing.T) {
	srv := newMock(t)
	upper := strings.ToUpper(testBatch)
	srv.Mock.AddBatch(testOtherProject, testBatch, "running")
	accTest(t, resource.TestStep{
		Config:            akskProvider(srv) + batchConfig(`batch_id = "`+upper+`"`+"\nproject_id = \""+testOtherProject+`"`),
		ConfigStateChecks: append(expectState(upper, "running", false), statecheck.ExpectKnownValue(dataAddr, tfjsonpath.New("project_id"), knownvalue.StringExact(testOtherProject))),
	})
	for _, r := range srv.Mock.Requests() {
		if want := "/v2.0/" + testOtherProject + "/batches/" + upper + "/state"; r.Path != want {
			t.Fatalf("request path %q, want %q", r.Path, want)
		}
	}
}

func TestAccBatchState_providerDefaultProjectInThePath(t *testing.T) {
	srv := newMock(t)
	srv.Mock.AddBatch(testProject, testBatch, "running")
	accTest(t, resource.TestStep{
		Config:            akskProvider(srv) + batchConfig(`batch_id = "`+testBatch+`"`),
		ConfigStateChecks: expectState(testBatch, "running", false),
	})
	reqs := srv.Mock.Requests()
	if len(reqs) == 0 || reqs[0].Path != "/v2.0/"+testProject+"/batches/"+testBatch+"/state" {
		t.Fatalf("requests %+v, want the provider's project in the path", reqs)
	}
}

func TestAccBatchState_configuredByEnvironmentOnly(t *testing.T) {
	srv := newMock(t)
	srv.Mock.AddBatch(testProject, testBatch, "success")
	env := map[string]string{
		"HW_DLI_ENDPOINT": srv.URL, "HW_PROJECT_ID": testProject,
		"HW_ACCESS_KEY": testAK, "HW_SECRET_KEY": testSK, "HW_MAX_RETRIES": "0",
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: factories(fastOptions(env)),
		Steps: []resource.TestStep{{
			Config:            `provider "dli" {}` + "\n" + batchConfig(`batch_id = "`+testBatch+`"`),
			ConfigStateChecks: expectState(testBatch, "success", true),
		}},
	})
	if r := srv.Mock.Requests(); len(r) == 0 || !strings.Contains(r[0].Header.Get("Authorization"), "Access="+testAK) {
		t.Fatalf("the request was not signed with the access key from HW_ACCESS_KEY")
	}
}

// Attributes set to "" (variables with empty defaults) count as unset, at
// plan time too: the environment variables apply.
func TestAccBatchState_emptyAttributesDeferToTheEnvironment(t *testing.T) {
	srv := newMock(t)
	srv.Mock.AddBatch(testProject, testBatch, "running")
	env := map[string]string{"HW_DLI_ENDPOINT": srv.URL, "HW_PROJECT_ID": testProject, "HW_AUTH_TOKEN": testToken}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: factories(fastOptions(env)),
		Steps: []resource.TestStep{{
			Config: `provider "dli" {
  endpoint   = ""
  region     = ""
  cloud      = ""
  project_id = ""
  access_key = ""
  token      = ""
}
` + batchConfig(`batch_id = "`+testBatch+`"`),
			ConfigStateChecks: expectState(testBatch, "running", false),
		}},
	})
}

// The real process environment, not an injected one: what users do.
func TestAccBatchState_realEnvironmentVariables(t *testing.T) {
	srv := newMock(t)
	srv.Mock.AddBatch(testProject, testBatch, "running")
	t.Setenv("HW_DLI_ENDPOINT", srv.URL)
	t.Setenv("HW_PROJECT_ID", testProject)
	t.Setenv("HW_AUTH_TOKEN", testToken)
	for _, k := range []string{"HW_ACCESS_KEY", "HW_SECRET_KEY", "HW_SECURITY_TOKEN", "HW_REGION_NAME", "HW_CLOUD", "HW_INSECURE", "HW_MAX_RETRIES"} {
		t.Setenv(k, "")
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: factories(options{}),
		Steps: []resource.TestStep{{
			Config:            batchConfig(`batch_id = "` + testBatch + `"`),
			ConfigStateChecks: expectState(testBatch, "running", false),
		}},
	})
	if r := srv.Mock.Requests(); len(r) == 0 || r[0].Header.Get("X-Auth-Token") != testToken {
		t.Fatal("the request did not carry the token from HW_AUTH_TOKEN")
	}
}

func TestAccBatchState_attributesBeatEnvironment(t *testing.T) {
	srv := newMock(t)
	srv.Mock.AddBatch(testProject, testBatch, "running")
	env := map[string]string{
		"HW_DLI_ENDPOINT": "https://dli.nowhere.invalid", "HW_PROJECT_ID": testOtherProject,
		"HW_ACCESS_KEY": "ENVACCESSKEY", "HW_SECRET_KEY": "env-secret",
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: factories(fastOptions(env)),
		Steps: []resource.TestStep{{
			Config:            akskProvider(srv) + batchConfig(`batch_id = "`+testBatch+`"`),
			ConfigStateChecks: expectState(testBatch, "running", false),
		}},
	})
}

func TestAccBatchState_eachAuthMethodVerifiedByTheMock(t *testing.T) {
	for _, tc := range []struct {
		name      string
		mockCreds dlimock.Credentials
		provider  string
		check     func(t *testing.T, r dlimock.Request)
	}{
		{"aksk", dlimock.Credentials{AccessKey: testAK, SecretKey: testSK},
			`access_key = "` + testAK + `"` + "\n" + `secret_key = "` + testSK + `"`,
			func(t *testing.T, r dlimock.Request) {
				if !strings.HasPrefix(r.Header.Get("Authorization"), "SDK-HMAC-SHA256 ") || r.Header.Get("X-Security-Token") != "" {
					t.Errorf("headers %v, want a signature and no security token", r.Header)
				}
			}},
		{"temporary", dlimock.Credentials{AccessKey: testAK, SecretKey: testSK, SecurityToken: testSTS},
			`access_key = "` + testAK + `"` + "\n" + `secret_key = "` + testSK + `"` + "\n" + `security_token = "` + testSTS + `"`,
			func(t *testing.T, r dlimock.Request) {
				if !strings.HasPrefix(r.Header.Get("Authorization"), "SDK-HMAC-SHA256 ") || r.Header.Get("X-Security-Token") != testSTS {
					t.Errorf("headers %v, want a signature and the security token", r.Header)
				}
			}},
		{"token", dlimock.Credentials{Token: testToken},
			`token = "` + testToken + `"`,
			func(t *testing.T, r dlimock.Request) {
				if r.Header.Get("X-Auth-Token") != testToken || r.Header.Get("Authorization") != "" {
					t.Errorf("headers %v, want X-Auth-Token and no signature", r.Header)
				}
			}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := dlimock.NewServer(dlimock.New(tc.mockCreds), nil, false)
			defer srv.Close()
			srv.Mock.AddBatch(testProject, testBatch, "success")
			accTest(t, resource.TestStep{
				Config: `provider "dli" {
  endpoint   = "` + srv.URL + `"
  project_id = "` + testProject + `"
  ` + tc.provider + `
}
` + batchConfig(`batch_id = "`+testBatch+`"`),
				ConfigStateChecks: expectState(testBatch, "success", true),
			})
			tc.check(t, srv.Mock.Requests()[0])
		})
	}
}

func TestAccBatchState_notFound(t *testing.T) {
	srv := newMock(t)
	accTest(t, resource.TestStep{
		Config:      akskProvider(srv) + batchConfig(`batch_id = "`+testBatch+`"`),
		ExpectError: expectError(`DLI batch not found.*` + testBatch + `.*` + testProject + `.*DLI\.0002.*X-Request-Id`),
	})
	if n := srv.Mock.RequestCount(); n != 1 {
		t.Fatalf("sent %d requests, want 1 (not found is not retried)", n)
	}
}

// A 401 names the credentials sent, and its advice fits their kind: clocks
// matter to signatures only.
func TestAccBatchState_wrongCredentials(t *testing.T) {
	for name, tc := range map[string]struct{ credentials, want string }{
		"secret key": {`access_key = "` + testAK + `"
  secret_key = "not-the-right-secret"`, `DLI authentication failed.*HTTP 401.*APIGW\.0301.*AK/SK signature \(access key from the provider block.s access_key\).*clock`},
		"token": {`token = "not-the-right-token"`, `DLI authentication failed.*HTTP 401.*IAM token from.*token has not expired`},
	} {
		t.Run(name, func(t *testing.T) {
			srv := newMock(t)
			srv.Mock.AddBatch(testProject, testBatch, "running")
			accTest(t, resource.TestStep{
				Config: `provider "dli" {
  endpoint   = "` + srv.URL + `"
  project_id = "` + testProject + `"
  ` + tc.credentials + `
}
` + batchConfig(`batch_id = "`+testBatch+`"`),
				ExpectError: expectError(tc.want),
			})
		})
	}
}

func TestAccBatchState_validationFailsBeforeAnyRequest(t *testing.T) {
	for name, tc := range map[string]struct{ provider, body, want string }{
		"batch_id not a UUID":          {"", `batch_id = "not-a-uuid"`, `batch_id.*UUID`},
		"batch_id empty":               {"", `batch_id = ""`, `Invalid batch_id.*batch_id is an empty string; it must be a batch job ID in UUID form`},
		"project_id empty":             {"", `batch_id = "` + testBatch + `"` + "\n" + `project_id = ""`, `Empty project_id.*Leave it out.*for the provider.s project`},
		"wait_for unknown state":       {"", `batch_id = "` + testBatch + `"` + "\n" + `wait_for = ["finished"]`, `Invalid wait_for.*wait_for lists "finished", which is not a DLI batch state: each value must be one of starting, running, recovering, success, dead \(any case\)`},
		"wait_for empty":               {"", `batch_id = "` + testBatch + `"` + "\n" + `wait_for = []`, `Empty wait_for.*wait_for lists nothing to wait for. List at least one value, such as \["success"\], or leave it out to read the batch once, without waiting`},
		"timeouts.read not a duration": {"", `batch_id = "` + testBatch + `"` + "\n" + `timeouts { read = "soon" }`, `Invalid timeouts.read.*positive duration, got "soon"`},
		"timeouts.read zero":           {"", `batch_id = "` + testBatch + `"` + "\n" + `timeouts { read = "0s" }`, `Invalid timeouts.read.*positive duration, got "0s".*ns, us \(or µs\), ms, s, m and h`},
		"timeouts.read negative":       {"", `batch_id = "` + testBatch + `"` + "\n" + `timeouts { read = "-5s" }`, `Invalid timeouts.read.*positive duration, got "-5s"`},
		"max_retries negative":         {"max_retries = -1", `batch_id = "` + testBatch + `"`, `max_retries.*between 0 and 100`},
		"endpoint not a URL":           {`endpoint = "dli.example.invalid"`, `batch_id = "` + testBatch + `"`, `Invalid DLI endpoint.*dli\.example\.invalid`},
	} {
		t.Run(name, func(t *testing.T) {
			srv := newMock(t)
			srv.Mock.AddBatch(testProject, testBatch, "running")
			provider := akskProvider(srv, tc.provider)
			if strings.HasPrefix(tc.provider, "endpoint") {
				provider = strings.Replace(provider, `endpoint   = "`+srv.URL+`"`, "", 1)
			}
			accTest(t, resource.TestStep{
				Config:      provider + batchConfig(tc.body),
				ExpectError: expectError(tc.want),
			})
			if n := srv.Mock.RequestCount(); n != 0 {
				t.Fatalf("sent %d requests for a configuration that cannot be right, want 0", n)
			}
		})
	}
}

func TestAccProvider_configurationErrorsNameAttributeAndVariable(t *testing.T) {
	for name, tc := range map[string]struct {
		provider string
		env      map[string]string
		want     string
	}{
		"neither region nor endpoint":    {`access_key = "a"` + "\n" + `secret_key = "b"`, nil, `Missing DLI region.*HW_REGION_NAME.*endpoint.*HW_DLI_ENDPOINT`},
		"access_key without secret_key":  {`region = "r"` + "\n" + `access_key = "a"`, nil, `Missing DLI secret key.*access_key.*HW_SECRET_KEY`},
		"secret_key without access_key":  {`region = "r"`, map[string]string{"HW_SECRET_KEY": "b"}, `Missing DLI access key.*HW_SECRET_KEY.*HW_ACCESS_KEY`},
		"security_token without AK/SK":   {`region = "r"` + "\n" + `security_token = "s"`, nil, `Security token without access keys.*HW_ACCESS_KEY.*HW_SECRET_KEY`},
		"token together with AK/SK":      {`region = "r"` + "\n" + `token = "t"` + "\n" + `access_key = "a"`, nil, `Conflicting DLI credentials.*provider block.*HW_AUTH_TOKEN.*HW_ACCESS_KEY`},
		"token and AK/SK in environment": {`region = "r"`, map[string]string{"HW_AUTH_TOKEN": "t", "HW_ACCESS_KEY": "a", "HW_SECRET_KEY": "b"}, `Conflicting DLI credentials.*environment.*HW_AUTH_TOKEN.*HW_ACCESS_KEY`},
		"region not a region name":       {`region = "cn north"` + "\n" + `token = "t"`, nil, `region.*region name such as cn-north-4`},
		"no credentials at all":          {`region = "r"`, nil, `Missing DLI credentials.*HW_ACCESS_KEY.*HW_SECRET_KEY.*HW_AUTH_TOKEN`},
		"endpoint from env not http(s)":  {`token = "t"`, map[string]string{"HW_DLI_ENDPOINT": "ftp://dli.example.invalid"}, `Invalid DLI endpoint.*HW_DLI_ENDPOINT`},
		"HW_MAX_RETRIES not a number":    {`token = "t"` + "\n" + `region = "r"`, map[string]string{"HW_MAX_RETRIES": "many"}, `Invalid HW_MAX_RETRIES.*max_retries`},
		"HW_INSECURE not a boolean":      {`token = "t"` + "\n" + `region = "r"`, map[string]string{"HW_INSECURE": "perhaps"}, `Invalid HW_INSECURE.*insecure`},
	} {
		t.Run(name, func(t *testing.T) {
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: factories(fastOptions(tc.env)),
				Steps: []resource.TestStep{{
					Config:      "provider \"dli\" {\n" + tc.provider + "\ncloud = \"example.invalid\"\n}\n" + batchConfig(`batch_id = "`+testBatch+`"`+"\n"+`project_id = "p"`),
					ExpectError: expectError(tc.want),
				}},
			})
		})
	}
}

func TestAccBatchState_unknownBatchIDDefersTheRead(t *testing.T) {
	srv := newMock(t)
	srv.Mock.AddBatch(testProject, testBatch, "success")
	accTest(t, resource.TestStep{
		Config: akskProvider(srv) + `
resource "terraform_data" "batch" {
  input = "` + testBatch + `"
}
` + batchConfig(`batch_id = terraform_data.batch.output`),
		ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
			plancheck.ExpectUnknownValue(dataAddr, tfjsonpath.New("state")),
			requestsSoFar{srv, 0},
		}},
		ConfigStateChecks: expectState(testBatch, "success", true),
	})
}
