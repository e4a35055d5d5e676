package main

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"testing"
	"time"

	"github.com/dli-terraform/terraform-provider-dli/internal/dli/sign"
	"github.com/dli-terraform/terraform-provider-dli/internal/dlimock"
)

// -h lists each seeded queue and pool with its steps and scenario, and
// every queue a seeded job runs on is a seeded queue.
func TestDescribeCapacityListsQueuesAndPools(t *testing.T) {
	var out bytes.Buffer
	describeSeeds(&out, demoAccessKey, demoSecretKey, "")
	got := out.String()
	var names []string
	for _, q := range seededCapacityQueues {
		names = append(names, q.name)
		row := regexp.MustCompile(`(?m)^\s+` + q.name + `\s+` + q.queueType + `\s+` + q.pool + `\s+` + regexp.QuoteMeta(queueSteps(q.steps)) + `\s{2,}` + regexp.QuoteMeta(q.scenario) + `$`)
		if !row.MatchString(got) {
			t.Errorf("no row of queue %s:\n%s", q.name, got)
		}
	}
	for _, p := range seededPools {
		row := regexp.MustCompile(`(?m)^\s+` + p.name + `\s+` + regexp.QuoteMeta(poolSteps(p.steps)) + `\s{2,}` + regexp.QuoteMeta(p.scenario) + `$`)
		if !row.MatchString(got) {
			t.Errorf("no row of pool %s:\n%s", p.name, got)
		}
	}
	for _, q := range seededQueues() {
		if !slices.Contains(names, q) {
			t.Errorf("jobs run on queue %s, which dlimock does not serve", q)
		}
	}
}

// The seeded queues and pools answer as -h says: every queue with
// queue_type=all, the SQL queue alone without it; pools by part of a name.
func TestSeededQueuesAndPoolsAnswer(t *testing.T) {
	m := dlimock.New(dlimock.Credentials{AccessKey: demoAccessKey, SecretKey: demoSecretKey})
	seed(m, time.Now())
	ask := func(path string, v any) {
		t.Helper()
		req := httptest.NewRequest(http.MethodGet, "http://dli.mock.invalid"+path, nil)
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("X-Project-Id", DemoProject)
		sign.SignRequest(req, demoAccessKey, demoSecretKey, time.Now(), "X-Project-Id")
		rec := httptest.NewRecorder()
		m.ServeHTTP(rec, req)
		if err := json.Unmarshal(rec.Body.Bytes(), v); err != nil || rec.Code != 200 {
			t.Fatalf("%s: HTTP %d %s", path, rec.Code, rec.Body)
		}
	}
	var queues struct {
		Queues []struct {
			Name string `json:"queue_name"`
		} `json:"queues"`
	}
	ask("/v1.0/"+DemoProject+"/queues", &queues)
	if len(queues.Queues) != 1 || queues.Queues[0].Name != "sql_queue" {
		t.Fatalf("without queue_type: %+v, want sql_queue alone", queues)
	}
	ask("/v1.0/"+DemoProject+"/queues?queue_type=all", &queues)
	if len(queues.Queues) != len(seededCapacityQueues) {
		t.Fatalf("queue_type=all: %+v, want every seeded queue", queues)
	}
	var pools struct {
		Pools []struct {
			Name   string `json:"elastic_resource_pool_name"`
			Status string `json:"status"`
		} `json:"elastic_resource_pools"`
	}
	ask("/v3/"+DemoProject+"/elastic-resource-pools?name=pool_a", &pools)
	if len(pools.Pools) != 2 || pools.Pools[0].Name != "pool_a" || pools.Pools[0].Status != "SCALING" {
		t.Fatalf("pools named like pool_a: %+v", pools)
	}
}
