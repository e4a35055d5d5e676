package dlimock

import (
	"testing"
)

func queueNames(body map[string]any) []string {
	var names []string
	queues, _ := body["queues"].([]any)
	for _, q := range queues {
		names = append(names, q.(map[string]any)["queue_name"].(string))
	}
	return names
}

// The queue list shows SQL queues unless queue_type says otherwise, each
// answer a step of every queue it shows; the single read answers in mixed
// case without is_restarting, as the SDK's ShowQueueResponse reads it.
func TestQueuesAnswerAsDLIDoes(t *testing.T) {
	m := New(creds)
	m.AddQueue(project, "sql_queue", "sql", map[string]any{"owner": "alice", "charging_mode": 1, "used_cu": 4.0}, QueueStep{CUs: 16})
	m.AddQueue(project, "etl", "general", map[string]any{"owner": "bob"}, QueueStep{Restarting: true, CUs: 16}, QueueStep{CUs: 64})
	for path, want := range map[string]string{
		"/v1.0/" + project + "/queues":                    "[sql_queue]",
		"/v1.0/" + project + "/queues?queue_type=general": "[etl]",
	} {
		if _, body := get(t, m, path, signedNow()); body["is_success"] != true || fmtNames(queueNames(body)) != want {
			t.Fatalf("%s answered %v, want queues %s", path, body, want)
		}
	}
	_, body := get(t, m, "/v1.0/"+project+"/queues?queue_type=all", signedNow())
	queues := body["queues"].([]any)
	etl := queues[0].(map[string]any)
	if fmtNames(queueNames(body)) != "[etl sql_queue]" || etl["is_restarting"] != false || etl["cu_count"] != float64(64) || etl["queue_type"] != "general" {
		t.Fatalf("queue_type=all answered %v, want etl at its second step (64 CUs, not restarting) before sql_queue", body)
	}
	_, body = get(t, m, "/v1.0/"+project+"/queues/SQL_Queue", signedNow())
	if body["queueName"] != "sql_queue" || body["queueType"] != "sql" || body["cuCount"] != float64(16) || body["chargingMode"] != float64(1) {
		t.Fatalf("single read answered %v, want the mixed-case fields", body)
	}
	for _, absent := range []string{"is_restarting", "queue_name", "queue_type", "cu_count", "used_cu"} {
		if _, has := body[absent]; has {
			t.Fatalf("single read answered %v, with %s", body, absent)
		}
	}
	if rec, body := get(t, m, "/v1.0/"+project+"/queues/nope", signedNow()); rec.Code != 400 || body["error_code"] != "DLI.0002" {
		t.Fatalf("missing queue: HTTP %d %v, want 400 DLI.0002", rec.Code, body)
	}
	for _, path := range []string{"/v1.0/" + project + "/queues?queue_type=flink", "/v1.0/" + project + "/queues?queue-type=all", "/v1.0/" + project + "/queues/etl?queue_type=all"} {
		if rec, body := get(t, m, path, signedNow()); rec.Code != 400 || body["error_code"] != "DLI.0001" {
			t.Fatalf("%s: HTTP %d %v, want 400 DLI.0001", path, rec.Code, body)
		}
	}
	if m.Calls("queues") != 4 || m.Calls("queue") != 2 { // queue_type=flink reached its route
		t.Fatalf("calls: queues %d, queue %d", m.Calls("queues"), m.Calls("queue"))
	}
}

func fmtNames(names []string) string {
	s := "["
	for i, n := range names {
		if i > 0 {
			s += " "
		}
		s += n
	}
	return s + "]"
}

// The pool list matches part of a name in any case, pages by offset, and
// steps through each pool's script as it shows it (a pool that scales,
// one that fails).
func TestPoolsAnswerAsDLIDoes(t *testing.T) {
	m := New(creds)
	m.AddElasticResourcePool(project, "pool_a", map[string]any{"min_cu": 64, "max_cu": 256, "queues": []string{"etl"}},
		PoolStep{Status: "SCALING", CurrentCU: 64, ActualCU: 48}, PoolStep{Status: "AVAILABLE", CurrentCU: 64, ActualCU: 64})
	m.AddElasticResourcePool(project, "pool_ab", nil, PoolStep{Status: "CREATING"}, PoolStep{Status: "FAILED", FailReason: "no capacity in the AZ"})
	m.AddElasticResourcePool(project, "other", nil, PoolStep{Status: "AVAILABLE"})
	_, body := get(t, m, "/v3/"+project+"/elastic-resource-pools?name=POOL_A&limit=1&offset=1", signedNow())
	pools := body["elastic_resource_pools"].([]any)
	if body["count"] != float64(2) || len(pools) != 1 || pools[0].(map[string]any)["elastic_resource_pool_name"] != "pool_ab" {
		t.Fatalf("answered %v, want the second of two loose matches", body)
	}
	_, body = get(t, m, "/v3/"+project+"/elastic-resource-pools?name=pool", signedNow())
	pools = body["elastic_resource_pools"].([]any)
	a, ab := pools[0].(map[string]any), pools[1].(map[string]any)
	if a["status"] != "SCALING" || a["actual_cu"] != float64(48) || a["max_cu"] != float64(256) ||
		ab["status"] != "FAILED" || ab["fail_reason"] != "no capacity in the AZ" {
		t.Fatalf("answered %v, want pool_a at its first step and pool_ab at its second", body)
	}
	_, body = get(t, m, "/v3/"+project+"/elastic-resource-pools?status=AVAILABLE", signedNow())
	if pools := body["elastic_resource_pools"].([]any); body["count"] != float64(2) || len(pools) != 2 || pools[0].(map[string]any)["status"] != "AVAILABLE" {
		t.Fatalf("status=AVAILABLE answered %v, want pool_a (now available) and other", body)
	}
	for _, path := range []string{"/v3/" + project + "/elastic-resource-pools?limit=101", "/v3/" + project + "/elastic-resource-pools?status=available",
		"/v3/" + project + "/elastic-resource-pools?elastic_resource_pool_name=pool_a", "/v3/" + project + "/elastic-resource-pools?page-size=1"} {
		if rec, body := get(t, m, path, signedNow()); rec.Code != 400 || body["error_code"] != "DLI.0001" {
			t.Fatalf("%s: HTTP %d %v, want 400 DLI.0001", path, rec.Code, body)
		}
	}
}
