package provider

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/dli-terraform/terraform-provider-dli/internal/dlimock"
)

const batchAddr = "data.dli_batch.test"

func batchDataConfig(body string) string {
	return fmt.Sprintf("data \"dli_batch\" \"test\" {\n%s\n}\n", body)
}

// expectAttrs checks attributes of addr; a nil check means null.
func expectAttrs(addr string, want map[string]knownvalue.Check) []statecheck.StateCheck {
	var checks []statecheck.StateCheck
	for name, check := range want {
		if check == nil {
			check = knownvalue.Null()
		}
		checks = append(checks, statecheck.ExpectKnownValue(addr, tfjsonpath.New(name), check))
	}
	return checks
}

func stringListCheck(ss ...string) knownvalue.Check {
	checks := make([]knownvalue.Check, len(ss))
	for i, s := range ss {
		checks[i] = knownvalue.StringExact(s)
	}
	return knownvalue.ListExact(checks)
}

// nightlyDetails is a finished batch as DLI describes it.
var nightlyDetails = map[string]any{
	"appId": "application_1732838400000_0001", "name": "nightly-etl", "owner": "alice", "proxyUser": "",
	"kind": "spark", "log": []string{"line 1", "line 2"}, "sc_type": "A", "cluster_name": "cluster-1",
	"queue": "etl", "image": "swr.example/spark:1", "create_time": int64(1732838400000), "update_time": int64(1732842000500),
	"feature": "basic", "spark_version": "3.3.1",
}

var nightlyChecks = map[string]knownvalue.Check{
	"id": knownvalue.StringExact(testBatch), "state": knownvalue.StringExact("success"), "terminal": knownvalue.Bool(true),
	"project_id": knownvalue.StringExact(testProject),
	"name":       knownvalue.StringExact("nightly-etl"), "queue": knownvalue.StringExact("etl"),
	"app_ids": stringListCheck("application_1732838400000_0001"), "owner": knownvalue.StringExact("alice"),
	"proxy_user": knownvalue.StringExact(""), "kind": knownvalue.StringExact("spark"), "sc_type": knownvalue.StringExact("A"),
	"cluster_name": knownvalue.StringExact("cluster-1"), "image": knownvalue.StringExact("swr.example/spark:1"),
	"feature": knownvalue.StringExact("basic"), "spark_version": knownvalue.StringExact("3.3.1"),
	"created_at": knownvalue.StringExact("2024-11-29T00:00:00Z"), "updated_at": knownvalue.StringExact("2024-11-29T01:00:00.5Z"),
	"log": stringListCheck("line 1", "line 2"),
}

func TestAccBatch_everyField(t *testing.T) {
	srv := newMock(t)
	srv.Mock.AddBatch(testProject, testBatch, "success")
	srv.Mock.SetDetails(testProject, testBatch, nightlyDetails)
	accTest(t, resource.TestStep{
		Config:            akskProvider(srv) + batchDataConfig(`batch_id = "`+testBatch+`"`),
		ConfigPlanChecks:  resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{requestsSoFar{srv, 1}}},
		ConfigStateChecks: expectAttrs(batchAddr, nightlyChecks),
	})
	if r := srv.Mock.Requests()[0]; r.Path != "/v2.0/"+testProject+"/batches/"+testBatch || r.Query != "" {
		t.Fatalf("request %s?%s, want the details call", r.Path, r.Query)
	}
}

func TestAccBatch_appIDAsAnArrayAndAbsentFieldsNull(t *testing.T) {
	srv := newMock(t)
	srv.Mock.AddBatch(testProject, testBatch, "running")
	srv.Mock.SetDetails(testProject, testBatch, map[string]any{"appId": []string{"app_1", "app_2"}})
	accTest(t, resource.TestStep{
		Config: akskProvider(srv) + batchDataConfig(`batch_id = "`+testBatch+`"`),
		ConfigStateChecks: expectAttrs(batchAddr, map[string]knownvalue.Check{
			"state": knownvalue.StringExact("running"), "terminal": knownvalue.Bool(false), "app_ids": stringListCheck("app_1", "app_2"),
			"name": nil, "queue": nil, "owner": nil, "proxy_user": nil, "kind": nil, "sc_type": nil, "cluster_name": nil,
			"image": nil, "feature": nil, "spark_version": nil, "created_at": nil, "updated_at": nil, "log": nil,
		}),
	})
}

func TestAccBatch_waitForPollsTheDetails(t *testing.T) {
	srv := newMock(t)
	srv.Mock.AddBatch(testProject, testBatch, "starting", "running", "success")
	srv.Mock.SetDetails(testProject, testBatch, nightlyDetails)
	accTest(t, resource.TestStep{
		Config:            akskProvider(srv) + batchDataConfig(`batch_id = "`+testBatch+`"`+"\n"+`wait_for = ["success"]`),
		ConfigPlanChecks:  resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{requestsSoFar{srv, 3}}},
		ConfigStateChecks: expectAttrs(batchAddr, nightlyChecks),
	})
}

// The errors are dli_batch_state's: the same client path and diagnostics.
func TestAccBatch_errorsAreTheSameAsBatchState(t *testing.T) {
	t.Run("not found", func(t *testing.T) {
		srv := newMock(t)
		accTest(t, resource.TestStep{
			Config:      akskProvider(srv) + batchDataConfig(`batch_id = "`+testBatch+`"`),
			ExpectError: expectError(`DLI batch not found.*` + testBatch + `.*` + testProject + `.*DLI\.0002.*X-Request-Id`),
		})
	})
	t.Run("503 retried", func(t *testing.T) {
		srv := newMock(t)
		srv.Mock.AddBatch(testProject, testBatch, "success")
		srv.Mock.InjectFault(dlimock.Fault{Status: 503, Body: `{"error_code":"APIGW.0201","error_msg":"Service unavailable"}`, Times: 2})
		accTest(t, resource.TestStep{
			Config:            akskProvider(srv) + batchDataConfig(`batch_id = "`+testBatch+`"`),
			ConfigPlanChecks:  resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{requestsSoFar{srv, 3}}},
			ConfigStateChecks: expectAttrs(batchAddr, map[string]knownvalue.Check{"state": knownvalue.StringExact("success")}),
		})
	})
	t.Run("dead while waiting for success", func(t *testing.T) {
		srv := newMock(t)
		srv.Mock.AddBatch(testProject, testBatch, "running", "dead")
		accTest(t, resource.TestStep{
			Config:      akskProvider(srv) + batchDataConfig(`batch_id = "`+testBatch+`"`+"\n"+`wait_for = ["success"]`),
			ExpectError: expectError(`DLI batch ended in an unexpected state.*"dead".*success`),
		})
	})
	t.Run("missing state", func(t *testing.T) {
		srv := newMock(t)
		srv.Mock.InjectFault(dlimock.Fault{Status: 200, Body: `{"id":"` + testBatch + `","name":"n"}`})
		accTest(t, resource.TestStep{
			Config:      akskProvider(srv, "max_retries = 0") + batchDataConfig(`batch_id = "`+testBatch+`"`),
			ExpectError: expectError(`Malformed answer from DLI.*has no state`),
		})
	})
}

func TestAccBatch_validationFailsBeforeAnyRequest(t *testing.T) {
	for name, tc := range map[string]struct{ body, want string }{
		"batch_id not a UUID":    {`batch_id = "nightly"`, `batch_id.*UUID`},
		"wait_for unknown state": {`batch_id = "` + testBatch + `"` + "\n" + `wait_for = ["done"]`, `Invalid wait_for.*wait_for lists "done", which is not a DLI batch state`},
		"project_id empty":       {`batch_id = "` + testBatch + `"` + "\n" + `project_id = ""`, `Empty project_id.*Leave it out.*for the provider.s project`},
	} {
		t.Run(name, func(t *testing.T) {
			srv := newMock(t)
			accTest(t, resource.TestStep{
				Config:      akskProvider(srv) + batchDataConfig(tc.body),
				ExpectError: expectError(tc.want),
			})
			if n := srv.Mock.RequestCount(); n != 0 {
				t.Fatalf("sent %d requests, want 0", n)
			}
		})
	}
}
