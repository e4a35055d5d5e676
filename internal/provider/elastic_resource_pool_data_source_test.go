package provider

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"

	"github.com/dli-terraform/terraform-provider-dli/internal/dlimock"
)

const poolAddr = "data.dli_elastic_resource_pool.test"

func poolConfig(body string) string {
	return fmt.Sprintf("data \"dli_elastic_resource_pool\" \"test\" {\n  name = \"pool_a\"\n%s\n}\n", body)
}

var poolA = map[string]any{
	"id": 42, "min_cu": 64, "max_cu": 256, "queues": []string{"etl"}, "owner": "alice", "description": "ETL pool",
	"create_time": int64(1732838400000), "update_time": int64(1732838700000), "charging_mode": 1, "manager": "DLI", "label": map[string]any{},
}

func poolAChecks(status string, actual int64) map[string]knownvalue.Check {
	return map[string]knownvalue.Check{
		"id": knownvalue.StringExact("pool_a"), "status": knownvalue.StringExact(status), "fail_reason": knownvalue.StringExact(""),
		"current_cu": knownvalue.Int64Exact(64), "actual_cu": knownvalue.Int64Exact(actual), "min_cu": knownvalue.Int64Exact(64),
		"max_cu": knownvalue.Int64Exact(256), "queues": stringListCheck("etl"), "owner": knownvalue.StringExact("alice"),
		"description": knownvalue.StringExact("ETL pool"), "created_at": knownvalue.StringExact("2024-11-29T00:00:00Z"),
		"updated_at": knownvalue.StringExact("2024-11-29T00:05:00Z"), "project_id": knownvalue.StringExact(testProject),
	}
}

// The pool is the exact match among the pools DLI's name filter matches
// in part, read in one request.
func TestAccElasticResourcePool_exactMatchInOneRequest(t *testing.T) {
	srv := newMock(t)
	srv.Mock.AddElasticResourcePool(testProject, "pool_a", poolA, dlimock.PoolStep{Status: "SCALING", CurrentCU: 64, ActualCU: 48})
	srv.Mock.AddElasticResourcePool(testProject, "pool_a_backup", nil, dlimock.PoolStep{Status: "FAILED"})
	srv.Mock.AddElasticResourcePool(testProject, "big_pool_a", nil, dlimock.PoolStep{Status: "CREATING"})
	accTest(t, resource.TestStep{
		Config:            akskProvider(srv) + poolConfig(""),
		ConfigPlanChecks:  preApply(requestsSoFar{srv, 1}),
		ConfigStateChecks: expectAttrs(poolAddr, poolAChecks("SCALING", 48)),
	})
}

// wait_for polls until a listed status, in any case.
func TestAccElasticResourcePool_waitsUntilAvailable(t *testing.T) {
	srv := newMock(t)
	srv.Mock.AddElasticResourcePool(testProject, "pool_a", poolA, dlimock.PoolStep{Status: "CREATING"},
		dlimock.PoolStep{Status: "SCALING", CurrentCU: 64, ActualCU: 16}, dlimock.PoolStep{Status: "AVAILABLE", CurrentCU: 64, ActualCU: 64})
	guardAgainstHangs(t, srv)
	accTest(t, resource.TestStep{
		Config:            akskProvider(srv) + poolConfig(`  wait_for = ["available"]`),
		ConfigPlanChecks:  preApply(callsSoFar{srv, "elastic_resource_pools", 3}),
		ConfigStateChecks: expectAttrs(poolAddr, poolAChecks("AVAILABLE", 64)),
	})
}

// FAILED, not in wait_for, fails at once quoting fail_reason.
func TestAccElasticResourcePool_failedFailsAtOnce(t *testing.T) {
	srv := newMock(t)
	srv.Mock.AddElasticResourcePool(testProject, "pool_a", nil, dlimock.PoolStep{Status: "CREATING"},
		dlimock.PoolStep{Status: "FAILED", FailReason: "no capacity left in the AZ"}, dlimock.PoolStep{Status: "AVAILABLE"})
	guardAgainstHangs(t, srv)
	accTest(t, resource.TestStep{
		Config: akskProvider(srv) + poolConfig(`  wait_for = ["AVAILABLE"]`),
		ExpectError: summaryThenDetail("DLI elastic resource pool ended in an unexpected state",
			`elastic resource pool "pool_a" reached the terminal status "FAILED" \(DLI's message: "no capacity left in the AZ"\)`),
	})
	if n := srv.Mock.Calls("elastic_resource_pools"); n != 2 {
		t.Fatalf("%d polls, want 2 (none after FAILED)", n)
	}
}

// A pool no name matches exactly: the error names the partial matches.
func TestAccElasticResourcePool_notFound(t *testing.T) {
	srv := newMock(t)
	srv.Mock.AddElasticResourcePool(testProject, "pool_a_backup", nil, dlimock.PoolStep{Status: "AVAILABLE"})
	accTest(t, resource.TestStep{
		Config: akskProvider(srv) + poolConfig(""),
		ExpectError: summaryThenDetail("DLI elastic resource pool not found",
			`elastic resource pool "pool_a" was not found in project "`+testProject+`": the elastic resource pools whose names contain it are pool_a_backup\. Check name and project_id`),
	})
}

// Bad names, CU counts and statuses fail at validate and plan time,
// naming the attribute and what it expects, with no request.
func TestAccCapacity_validationFailsBeforeAnyRequest(t *testing.T) {
	failBeforeAnyRequest(t, map[string]validationCase{
		"queue name digits only":      {`data "dli_queue" "t" { name = "123" }`, `Invalid name.*name must be a DLI queue name: letters, digits and underscores.*got "123": it is digits only`},
		"queue name leading _":        {`data "dli_queue" "t" { name = "_etl" }`, `got "_etl": it starts with an underscore`},
		"queue name with a hyphen":    {`data "dli_queue" "t" { name = "etl-queue" }`, `got "etl-queue": it contains '-'`},
		"queue name empty":            {`data "dli_queue" "t" { name = "" }`, `got "": it is empty`},
		"queue name too long":         {`data "dli_queue" "t" { name = "` + strings.Repeat("q", 129) + `" }`, `it has 129 characters`},
		"queue min_cu_count 0":        {"data \"dli_queue\" \"t\" {\n  name = \"etl\"\n  min_cu_count = 0\n}", `min_cu_count.*at least 1`},
		"pool name with a space":      {`data "dli_elastic_resource_pool" "t" { name = "pool a" }`, `DLI elastic resource pool name.*got "pool a": it contains ' '`},
		"pool wait_for unknown":       {"data \"dli_elastic_resource_pool\" \"t\" {\n  name = \"pool_a\"\n  wait_for = [\"READY\"]\n}", `wait_for lists "READY", which is not a DLI elastic resource pool status.*AVAILABLE.*SCALING.*CREATING.*FAILED`},
		"pool project_id empty":       {"data \"dli_elastic_resource_pool\" \"t\" {\n  name = \"pool_a\"\n  project_id = \"\"\n}", `project_id`},
		"queue timeouts.read invalid": {"data \"dli_queue\" \"t\" {\n  name = \"etl\"\n  timeouts {\n    read = \"0s\"\n  }\n}", `timeouts.read must be a positive duration`},
	})
}
