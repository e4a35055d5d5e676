package provider

import (
	"context"
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"

	"github.com/dli-terraform/terraform-provider-dli/internal/dlimock"
)

// connectionsAtMost is a plan check on what the mock has seen by the end of
// the plan: the requests, and at most max TCP connections and TLS handshakes.
type connectionsAtMost struct {
	srv      *dlimock.Server
	requests int
	max      int64
}

func (c connectionsAtMost) CheckPlan(_ context.Context, _ plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	st := c.srv.Stats()
	switch {
	case st.Requests != c.requests:
		resp.Error = fmt.Errorf("the plan sent %d requests, want exactly one per read (%d)", st.Requests, c.requests)
	case st.Connections > c.max || st.TLSHandshakes > c.max:
		resp.Error = fmt.Errorf("the plan opened %d connections with %d TLS handshakes, want at most %d each", st.Connections, st.TLSHandshakes, c.max)
	}
}

func TestAccBatchState_oneRequestPerRead(t *testing.T) {
	srv := newMock(t)
	srv.Mock.AddBatch(testProject, testBatch, "running")
	accTest(t, resource.TestStep{
		Config:           akskProvider(srv) + batchConfig(`batch_id = "`+testBatch+`"`),
		ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{connectionsAtMost{srv, 1, 1}}},
	})
}

// 500 reads at Terraform's default parallelism (10) share one client: the
// mock sees at most 2 x 10 connections and TLS handshakes.
func TestAccBatchState_500ReadsShareConnections(t *testing.T) {
	srv := newTLSMock(t)
	srv.Mock.DefaultState = "success"
	accTest(t, resource.TestStep{
		Config: akskProvider(srv, "insecure = true") + `
data "dli_batch_state" "many" {
  count    = 500
  batch_id = format("00000000-0000-4000-8000-%012d", count.index)
}
`,
		ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{connectionsAtMost{srv, 500, 20}}},
	})
}
