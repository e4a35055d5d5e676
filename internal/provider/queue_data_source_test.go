package provider

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"

	"github.com/dli-terraform/terraform-provider-dli/internal/dlimock"
)

const queueAddr = "data.dli_queue.test"

func queueConfig(body string) string {
	return fmt.Sprintf("data \"dli_queue\" \"test\" {\n  name = \"ETL\"\n%s\n}\n", body)
}

// etlQueue is a general-purpose queue as DLI's queue list describes it.
var etlQueue = map[string]any{
	"queue_id": 11, "description": "nightly ETL", "owner": "alice", "create_time": int64(1732838400000),
	"used_cu": 16.5, "charging_mode": 1, "resource_mode": 1, "platform": "x86_64", "feature": "basic",
	"elastic_resource_pool_name": "pool_a", "support_spark_versions": []string{"3.3.1", "2.4.5"}, "default_spark_version": "3.3.1",
}

func etlQueueChecks(cus int64, restarting, ready bool) map[string]knownvalue.Check {
	return map[string]knownvalue.Check{
		"id": knownvalue.StringExact("etl"), "name": knownvalue.StringExact("ETL"), "queue_type": knownvalue.StringExact("general"),
		"cu_count": knownvalue.Int64Exact(cus), "used_cu": knownvalue.Float64Exact(16.5), "is_restarting": knownvalue.Bool(restarting),
		"ready": knownvalue.Bool(ready), "resource_mode": knownvalue.Int64Exact(1), "elastic_resource_pool_name": knownvalue.StringExact("pool_a"),
		"owner": knownvalue.StringExact("alice"), "description": knownvalue.StringExact("nightly ETL"),
		"created_at": knownvalue.StringExact("2024-11-29T00:00:00Z"), "spark_versions": stringListCheck("3.3.1", "2.4.5"),
		"default_spark_version": knownvalue.StringExact("3.3.1"), "project_id": knownvalue.StringExact(testProject),
	}
}

// A general-purpose queue is read from the list of every type (left out,
// queue_type means sql and the queue is not listed), in one request.
func TestAccQueue_everyFieldInOneRequest(t *testing.T) {
	srv := newMock(t)
	srv.Mock.AddQueue(testProject, "etl", "general", etlQueue, dlimock.QueueStep{Restarting: true, CUs: 64})
	accTest(t, resource.TestStep{
		Config:            akskProvider(srv) + queueConfig(""),
		ConfigPlanChecks:  preApply(requestsSoFar{srv, 1}),
		ConfigStateChecks: expectAttrs(queueAddr, etlQueueChecks(64, true, false)),
	})
	if r := srv.Mock.Requests()[0]; r.Path != "/v1.0/"+testProject+"/queues" || r.Query != "queue_type=all" {
		t.Fatalf("request %s?%s, want the list of every queue type", r.Path, r.Query)
	}
}

// wait_for_ready polls until the queue is not restarting and has the CUs
// asked for.
func TestAccQueue_waitsUntilReady(t *testing.T) {
	srv := newMock(t)
	srv.Mock.AddQueue(testProject, "etl", "general", etlQueue,
		dlimock.QueueStep{Restarting: true, CUs: 16}, dlimock.QueueStep{CUs: 16}, dlimock.QueueStep{CUs: 64})
	guardAgainstHangs(t, srv) // a wait that missed readiness would last timeouts.read
	accTest(t, resource.TestStep{
		Config:            akskProvider(srv) + queueConfig("  wait_for_ready = true\n  min_cu_count = 64"),
		ConfigPlanChecks:  preApply(callsSoFar{srv, "queues", 3}),
		ConfigStateChecks: expectAttrs(queueAddr, etlQueueChecks(64, false, true)),
	})
}

// A wait that runs out of time says what it last saw.
func TestAccQueue_timeoutSaysWhatItLastSaw(t *testing.T) {
	srv := newMock(t)
	srv.Mock.AddQueue(testProject, "etl", "general", nil, dlimock.QueueStep{Restarting: true, CUs: 16}, dlimock.QueueStep{CUs: 64})
	accTest(t, resource.TestStep{
		Config: akskProvider(srv) + queueConfig("  wait_for_ready = true\n  min_cu_count = 128\n  timeouts {\n    read = \"1s\"\n  }"),
		ExpectError: summaryThenDetail("Timed out waiting for the DLI queue",
			`waiting for queue "ETL" to reach ready: the last state seen was "not restarting, 64 of the 128 CUs wanted" after \d+ polls.*timeouts.read \(now 1s\)`),
	})
}

// A queue the project does not have: the error names it, the project and
// the queues it has, at most 10.
func TestAccQueue_notFoundNamesTheProjectsQueues(t *testing.T) {
	srv := newMock(t)
	for i := range 11 {
		srv.Mock.AddQueue(testProject, fmt.Sprintf("q%02d", i), "sql", nil, dlimock.QueueStep{CUs: 16})
	}
	accTest(t, resource.TestStep{
		Config: akskProvider(srv) + queueConfig(""),
		ExpectError: summaryThenDetail("DLI queue not found",
			`queue "ETL" was not found in project "`+testProject+`": the project has 11 queues: q00, q01, q02, q03, q04, q05, q06, q07, q08, q09 and 1 more\. Check name and project_id`),
	})
}

// 100 reads of queues in one plan (Terraform reads 10 at a time) share a
// handful of list requests; the number is in BENCHMARKS.md.
func TestAccQueue_aHundredReadsShareTheList(t *testing.T) {
	srv := newMock(t)
	srv.Mock.Latency = 20 * time.Millisecond
	srv.Mock.AddQueue(testProject, "etl", "general", etlQueue, dlimock.QueueStep{CUs: 64})
	srv.Mock.AddQueue(testProject, "sql_queue", "sql", nil, dlimock.QueueStep{CUs: 16})
	config := akskProvider(srv) + `
data "dli_queue" "etl" {
  count = 50
  name  = "etl"
}
data "dli_queue" "sql" {
  count = 50
  name  = "sql_queue"
}
`
	accTest(t, resource.TestStep{
		Config: config,
		ConfigPlanChecks: preApply(planCheck(func() error {
			n := srv.Mock.Calls("queues")
			t.Logf("a plan of 100 dli_queue reads sent %d queue list requests", n)
			if n > 10 {
				return fmt.Errorf("a plan of 100 dli_queue reads sent %d list requests, want at most 10", n)
			}
			return nil
		})),
	})
}

// planCheck is a plan check made of a function.
type planCheck func() error

func (c planCheck) CheckPlan(_ context.Context, _ plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	resp.Error = c()
}
