package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/dli-terraform/terraform-provider-dli/internal/dlimock"
)

// seededCapacityQueues are the queues every dlimock serves: the queues of
// the seeded jobs, each with a script (one step per answer that shows it,
// then the last step stays).
var seededCapacityQueues = []struct {
	name, queueType, pool, scenario string
	steps                           []dlimock.QueueStep
}{
	{"etl", "general", "pool_a", "restarts, then scales out: ready on the 2nd read, with min_cu_count = 64 on the 3rd",
		[]dlimock.QueueStep{{Restarting: true, CUs: 32}, {CUs: 32}, {CUs: 64}}},
	{"sql_queue", "sql", "", "ready; the only queue DLI lists when queue_type is left out",
		[]dlimock.QueueStep{{CUs: 16}}},
	{"flink_queue", "general", "pool_a", "ready", []dlimock.QueueStep{{CUs: 64}}},
}

// seededPools are the elastic resource pools every dlimock serves, scripted
// like the queues.
var seededPools = []struct {
	name, scenario string
	steps          []dlimock.PoolStep
}{
	{"pool_a", "scales: a wait for AVAILABLE polls twice", []dlimock.PoolStep{
		{Status: "SCALING", CurrentCU: 128, ActualCU: 96}, {Status: "AVAILABLE", CurrentCU: 128, ActualCU: 128}}},
	{"pool_a_backup", "DLI's name filter matches it for pool_a; the provider does not", []dlimock.PoolStep{
		{Status: "AVAILABLE", CurrentCU: 64, ActualCU: 64}}},
	{"pool_new", "fails: a wait for AVAILABLE fails at once, quoting fail_reason", []dlimock.PoolStep{
		{Status: "CREATING"}, {Status: "FAILED", FailReason: "insufficient resources in the availability zone"}}},
}

func queueSteps(steps []dlimock.QueueStep) string {
	words := make([]string, len(steps))
	for i, s := range steps {
		words[i] = fmt.Sprintf("%d CUs", s.CUs)
		if s.Restarting {
			words[i] = "restarting, " + words[i]
		}
	}
	return strings.Join(words, " -> ")
}

func poolSteps(steps []dlimock.PoolStep) string {
	words := make([]string, len(steps))
	for i, s := range steps {
		words[i] = s.Status
		if s.ActualCU > 0 {
			words[i] += fmt.Sprintf(" %d/%d CUs", s.ActualCU, s.CurrentCU)
		}
	}
	return strings.Join(words, " -> ")
}

// describeCapacity writes the seeded queues and pools, for dli_queue and
// dli_elastic_resource_pool.
func describeCapacity(w io.Writer) {
	fmt.Fprintln(w, "and these queues (dli_queue; listed with queue_type=all, one step per answer that shows the queue):")
	fmt.Fprintf(w, "  %-11s %-7s %-6s %-38s  %s\n", "queue", "type", "pool", "steps", "scenario")
	for _, q := range seededCapacityQueues {
		fmt.Fprintf(w, "  %-11s %-7s %-6s %-38s  %s\n", q.name, q.queueType, q.pool, queueSteps(q.steps), q.scenario)
	}
	fmt.Fprintln(w, "and these elastic resource pools (dli_elastic_resource_pool; DLI's name filter matches part of a name):")
	fmt.Fprintf(w, "  %-13s %-48s  %s\n", "pool", "statuses (actual/current CUs)", "scenario")
	for _, p := range seededPools {
		fmt.Fprintf(w, "  %-13s %-48s  %s\n", p.name, poolSteps(p.steps), p.scenario)
	}
}

// seedCapacity gives the mock the seeded queues and pools.
func seedCapacity(m *dlimock.Mock, createdMillis int64) {
	for _, q := range seededCapacityQueues {
		details := map[string]any{"owner": "demo", "description": q.scenario, "create_time": createdMillis, "used_cu": 0.0, "resource_mode": 1,
			"support_spark_versions": []string{"3.3.1", "2.4.5"}, "default_spark_version": "3.3.1"}
		if q.pool != "" {
			details["elastic_resource_pool_name"] = q.pool
		}
		m.AddQueue(DemoProject, q.name, q.queueType, details, q.steps...)
	}
	for _, p := range seededPools {
		details := map[string]any{"owner": "demo", "description": p.scenario, "min_cu": 64, "max_cu": 256,
			"create_time": createdMillis, "update_time": createdMillis}
		if p.name == "pool_a" {
			details["queues"] = []string{"etl", "flink_queue"}
		}
		m.AddElasticResourcePool(DemoProject, p.name, details, p.steps...)
	}
}
