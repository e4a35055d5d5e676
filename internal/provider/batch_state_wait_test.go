package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

func TestAccBatchState_waitsThroughStartingAndRunning(t *testing.T) {
	srv := newMock(t)
	srv.Mock.AddBatch(testProject, testBatch, "starting", "running", "success")
	accTest(t, resource.TestStep{
		Config: akskProvider(srv) + batchConfig(`batch_id = "`+testBatch+`"`+"\n"+`wait_for = ["success"]`),
		// The plan's read is the first: it polls exactly three times.
		ConfigPlanChecks:  resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{requestsSoFar{srv, 3}}},
		ConfigStateChecks: expectState(testBatch, "success", true),
	})
}

func TestAccBatchState_failsFastOnDeadWhenWaitingForSuccess(t *testing.T) {
	srv := newMock(t)
	srv.Mock.AddBatch(testProject, testBatch, "running", "dead", "success")
	accTest(t, resource.TestStep{
		Config:      akskProvider(srv) + batchConfig(`batch_id = "`+testBatch+`"`+"\n"+`wait_for = ["success"]`),
		ExpectError: expectError(`DLI batch ended in an unexpected state.*"dead".*success`),
	})
	if n := srv.Mock.RequestCount(); n != 2 {
		t.Fatalf("sent %d requests, want 2: no poll after the batch died", n)
	}
}

func TestAccBatchState_waitTimesOutWithTheLastState(t *testing.T) {
	srv := newMock(t)
	srv.Mock.AddBatch(testProject, testBatch, "starting", "running")
	guardAgainstHangs(t, srv)
	accTest(t, resource.TestStep{
		Config: akskProvider(srv) + batchConfig(`batch_id = "`+testBatch+`"
wait_for = ["success"]
timeouts {
  read = "1s"
}`),
		ExpectError: expectError(`Timed out waiting for the DLI batch.*timed out after.*"running".*timeouts.read \(now 1s\)`),
	})
}

func TestAccBatchState_waitMatchesIgnoringCase(t *testing.T) {
	srv := newMock(t)
	srv.Mock.AddBatch(testProject, testBatch, "running", "Success")
	accTest(t, resource.TestStep{
		Config:            akskProvider(srv) + batchConfig(`batch_id = "`+testBatch+`"`+"\n"+`wait_for = ["SUCCESS"]`),
		ConfigStateChecks: expectState(testBatch, "Success", true),
	})
}

// gateConfig is the pattern users write: wait for the batch to end, insist
// that it succeeded, and only then create what depends on it.
func gateConfig() string {
	return batchConfig(`batch_id = "`+testBatch+`"
wait_for = ["success", "dead"]
lifecycle {
  postcondition {
    condition     = lower(self.state) == "success"
    error_message = "The ETL batch did not succeed."
  }
}`) + `
resource "terraform_data" "downstream_table" {
  input = data.dli_batch_state.test.state
}
`
}

func TestAccBatchState_gateCreatesDownstreamWhenTheBatchSucceeds(t *testing.T) {
	srv := newMock(t)
	srv.Mock.AddBatch(testProject, testBatch, "starting", "running", "success")
	accTest(t, resource.TestStep{
		Config: akskProvider(srv) + gateConfig(),
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue("terraform_data.downstream_table", tfjsonpath.New("output"), knownvalue.StringExact("success")),
		},
	})
}

func TestAccBatchState_gateHoldsDownstreamWhenTheBatchDies(t *testing.T) {
	srv := newMock(t)
	srv.Mock.AddBatch(testProject, testBatch, "starting", "running", "dead")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: factories(fastOptions(nil)),
		Steps: []resource.TestStep{
			{
				Config:      akskProvider(srv) + gateConfig(),
				ExpectError: expectError(`The ETL batch did not succeed`),
			},
			{
				// The same configuration without the gate: the plan must
				// create the downstream table, so the failed gate never did.
				Config: akskProvider(srv) + batchConfig(`batch_id = "`+testBatch+`"`) + `
resource "terraform_data" "downstream_table" {
  input = data.dli_batch_state.test.state
}
`,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction("terraform_data.downstream_table", plancheck.ResourceActionCreate),
				}},
			},
		},
	})
}
