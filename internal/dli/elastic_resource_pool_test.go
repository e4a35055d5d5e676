package dli

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/dli-terraform/terraform-provider-dli/internal/dlimock"
)

var poolA = map[string]any{
	"id": 42, "min_cu": 64, "max_cu": 256, "queues": []string{"etl"}, "owner": "alice", "description": "ETL pool",
	"create_time": int64(1732838400000), "update_time": int64(1732838700000), "charging_mode": 1, "manager": "DLI", "label": map[string]any{},
}

// A pool is the exact match among DLI's partial matches of its name
// (sent lower-case: DLI keeps pool names so), paged by offset and limit.
func TestElasticResourcePoolIsTheExactMatch(t *testing.T) {
	c, srv := newTestClient(t)
	srv.Mock.AddElasticResourcePool(testProject, "pool_a", poolA, dlimock.PoolStep{Status: "SCALING", CurrentCU: 64, ActualCU: 48})
	srv.Mock.AddElasticResourcePool(testProject, "pool_a_backup", nil, dlimock.PoolStep{Status: "AVAILABLE"})
	srv.Mock.AddElasticResourcePool(testProject, "a_pool_a", nil, dlimock.PoolStep{Status: "AVAILABLE"})
	p, err := c.ElasticResourcePool(shortCtx(t), testProject, "Pool_A")
	if err != nil {
		t.Fatal(err)
	}
	if p.Name != "pool_a" || p.Status != "SCALING" || *p.CurrentCU != 64 || *p.ActualCU != 48 || *p.MinCU != 64 || *p.MaxCU != 256 ||
		fmt.Sprint(p.Queues) != "[etl]" || *p.Owner != "alice" || *p.Description != "ETL pool" || *p.FailReason != "" ||
		!p.CreatedAt.Equal(time.Date(2024, 11, 29, 0, 0, 0, 0, time.UTC)) || !p.UpdatedAt.Equal(time.Date(2024, 11, 29, 0, 5, 0, 0, time.UTC)) {
		t.Fatalf("got %+v", p)
	}
	if r := srv.Mock.Requests(); len(r) != 1 || r[0].Path != "/v3/"+testProject+"/elastic-resource-pools" || r[0].Query != "limit=100&name=pool_a&offset=0" {
		t.Fatalf("requests %+v, want one page of the name's matches", r)
	}
}

// More than a page of partial matches: the pages are read by offset
// until the pool; none of them exact names the partial matches.
func TestElasticResourcePoolPagesAndNamesNearMisses(t *testing.T) {
	c, srv := newTestClient(t)
	for i := range 150 { // listed before etl, by name
		srv.Mock.AddElasticResourcePool(testProject, fmt.Sprintf("a_etl_%03d", i), nil, dlimock.PoolStep{Status: "AVAILABLE"})
	}
	srv.Mock.AddElasticResourcePool(testProject, "etl", nil, dlimock.PoolStep{Status: "CREATING"})
	p, err := c.ElasticResourcePool(shortCtx(t), testProject, "etl")
	if err != nil || p.Status != "CREATING" {
		t.Fatalf("got %+v, %v", p, err)
	}
	if r := srv.Mock.Requests(); len(r) != 2 || r[1].Query != "limit=100&name=etl&offset=100" {
		t.Fatalf("requests %+v, want two pages", r)
	}
	_, err = c.ElasticResourcePool(shortCtx(t), testProject, "etl_0")
	var notListed *NotListedError
	want := `elastic resource pool "etl_0" was not found in project "` + testProject + `": the elastic resource pools whose names contain it are a_etl_000, a_etl_001, a_etl_002, a_etl_003, a_etl_004, a_etl_005, a_etl_006, a_etl_007, a_etl_008, a_etl_009 and 90 more`
	if !errors.As(err, &notListed) || err.Error() != want {
		t.Fatalf("got %v\nwant %s", err, want)
	}
	if n := srv.Mock.Calls("elastic_resource_pools"); n != 4 {
		t.Fatalf("%d requests, want 4 (two pages each: the second of etl_0's is empty)", n)
	}
	_, err = c.ElasticResourcePool(shortCtx(t), testProject, "nope")
	if err == nil || !strings.HasSuffix(err.Error(), `no elastic resource pool of the project has a name containing "nope"`) {
		t.Fatalf("got %v", err)
	}
}

// The pages end at the page with the pool: the partial matches after it
// are not read (they would name a typo, and there is none).
func TestElasticResourcePoolStopsAtItsPage(t *testing.T) {
	c, srv := newTestClient(t)
	srv.Mock.AddElasticResourcePool(testProject, "etl", nil, dlimock.PoolStep{Status: "AVAILABLE"})
	for i := range 250 { // listed after etl, by name: two more full pages and a short one
		srv.Mock.AddElasticResourcePool(testProject, fmt.Sprintf("etl_%03d", i), nil, dlimock.PoolStep{Status: "AVAILABLE"})
	}
	p, err := c.ElasticResourcePool(shortCtx(t), testProject, "etl")
	if err != nil || p.Name != "etl" {
		t.Fatalf("got %+v, %v", p, err)
	}
	if r := srv.Mock.Requests(); len(r) != 1 || r[0].Query != "limit=100&name=etl&offset=0" {
		t.Fatalf("requests %+v, want the first page only", r)
	}
}

// A wait polls until a listed status; FAILED, not listed, ends it at once
// quoting fail_reason.
func TestWaitElasticResourcePool(t *testing.T) {
	c, srv := newTestClient(t)
	srv.Mock.AddElasticResourcePool(testProject, "pool_a", poolA,
		dlimock.PoolStep{Status: "CREATING"}, dlimock.PoolStep{Status: "SCALING"}, dlimock.PoolStep{Status: "AVAILABLE", CurrentCU: 64})
	srv.Mock.AddElasticResourcePool(testProject, "pool_b", nil,
		dlimock.PoolStep{Status: "CREATING"}, dlimock.PoolStep{Status: "FAILED", FailReason: "no capacity left in the AZ"}, dlimock.PoolStep{Status: "AVAILABLE"})
	p, err := Waiter{Client: c, Clock: &fakeClock{}}.WaitElasticResourcePool(shortCtx(t), testProject, "pool_a", []string{"available"})
	if err != nil || p.Status != "AVAILABLE" || srv.Mock.Calls("elastic_resource_pools") != 3 {
		t.Fatalf("got %+v, %v after %d polls, want AVAILABLE after 3", p, err, srv.Mock.Calls("elastic_resource_pools"))
	}
	_, err = Waiter{Client: c, Clock: &fakeClock{}}.WaitElasticResourcePool(shortCtx(t), testProject, "pool_b", []string{"AVAILABLE"})
	var unexpected *UnexpectedStateError
	if !errors.As(err, &unexpected) || !strings.Contains(err.Error(), `elastic resource pool "pool_b" reached the terminal status "FAILED" (DLI's message: "no capacity left in the AZ")`) {
		t.Fatalf("got %v, want FAILED quoting fail_reason", err)
	}
	if n := srv.Mock.Calls("elastic_resource_pools"); n != 5 {
		t.Fatalf("%d polls in all, want 5 (none after FAILED)", n)
	}
	if p, err := (Waiter{Client: c, Clock: &fakeClock{}}).WaitElasticResourcePool(shortCtx(t), testProject, "pool_b", []string{"FAILED", "AVAILABLE"}); err != nil || p.Status != "AVAILABLE" {
		t.Fatalf("got %+v, %v, want AVAILABLE (the script's next step)", p, err)
	}
}

// The queue and pool lists are read whatever is_success says when they
// carry their list, as the SDK reads them; without it, an error code is
// the error it names.
func TestCapacityListsAreReadAsTheSDKReadsThem(t *testing.T) {
	c, srv := newTestClient(t)
	srv.Mock.InjectFault(dlimock.Fault{Status: 200, Times: 1, Body: `{"is_success":false,"message":"advisory","queues":[{"queue_name":"etl","cu_count":16}]}`})
	if q, err := c.Queue(shortCtx(t), testProject, "etl"); err != nil || *q.CUCount != 16 {
		t.Fatalf("queue: %+v, %v; want the listed queue", q, err)
	}
	srv.Mock.InjectFault(dlimock.Fault{Status: 200, Times: 1, Body: `{"is_success":false,"message":"advisory","count":1,"elastic_resource_pools":[{"elastic_resource_pool_name":"pool_a","status":"SCALING"}]}`})
	if p, err := c.ElasticResourcePool(shortCtx(t), testProject, "pool_a"); err != nil || p.Status != "SCALING" {
		t.Fatalf("pool: %+v, %v; want the listed pool", p, err)
	}
	// DLI's permission table lists no fine-grained permission for listing
	// queues or pools: a refusal of either names none (no invented name).
	for what, read := range map[string]func(*Client) error{
		"queue": func(c *Client) error { _, err := c.Queue(shortCtx(t), testProject, "etl"); return err },
		"pool":  func(c *Client) error { _, err := c.ElasticResourcePool(shortCtx(t), testProject, "pool_a"); return err },
	} {
		c, srv := newTestClient(t)
		srv.Mock.InjectFault(dlimock.Fault{Status: 200, Times: 1, Body: `{"is_success":false,"error_code":"DLI.0003","message":"no permission"}`})
		var apiErr *APIError
		if err := read(c); !errors.As(err, &apiErr) || apiErr.Class != ClassPermission || apiErr.Permission != "" || strings.Contains(err.Error(), "needs the IAM permission") {
			t.Errorf("%s: %v, want a permission error naming no permission", what, err)
		}
	}
}
