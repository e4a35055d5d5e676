package dli

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dli-terraform/terraform-provider-dli/internal/dlimock"
)

// etlQueue is a general-purpose queue as the queue list describes it.
var etlQueue = map[string]any{
	"queue_id": 11, "description": "nightly ETL", "owner": "alice", "create_time": int64(1732838400000),
	"used_cu": 16.5, "charging_mode": 1, "resource_mode": 1, "platform": "x86_64", "feature": "basic",
	"elastic_resource_pool_name": "pool_a", "support_spark_versions": []string{"3.3.1", "2.4.5"}, "default_spark_version": "3.3.1",
}

// A queue is read from the list of every type (queue_type=all: left out,
// a general queue is not listed), by name in any case, in one request.
func TestQueueReadsEveryFieldFromTheListOfAllTypes(t *testing.T) {
	c, srv := newTestClient(t)
	srv.Mock.AddQueue(testProject, "etl", "general", etlQueue, dlimock.QueueStep{Restarting: true, CUs: 64})
	q, err := c.Queue(shortCtx(t), testProject, "ETL")
	if err != nil {
		t.Fatal(err)
	}
	if q.Name != "etl" || *q.QueueType != "general" || *q.CUCount != 64 || *q.UsedCU != 16.5 || !*q.IsRestarting || *q.ResourceMode != 1 ||
		*q.Owner != "alice" || *q.Description != "nightly ETL" || *q.ElasticResourcePoolName != "pool_a" || *q.DefaultSparkVersion != "3.3.1" ||
		fmt.Sprint(q.SparkVersions) != "[3.3.1 2.4.5]" || !q.CreatedAt.Equal(time.Date(2024, 11, 29, 0, 0, 0, 0, time.UTC)) {
		t.Fatalf("got %+v", q)
	}
	if q.Ready(0) {
		t.Fatal("a restarting queue is ready")
	}
	if r := srv.Mock.Requests(); len(r) != 1 || r[0].Path != "/v1.0/"+testProject+"/queues" || r[0].Query != "queue_type=all" {
		t.Fatalf("requests %+v, want one list of every queue type", r)
	}
}

func TestQueueReady(t *testing.T) {
	yes, no, cus := true, false, int64(64)
	for _, tc := range []struct {
		q     Queue
		minCU int64
		want  bool
	}{
		{Queue{}, 0, true}, // is_restarting left out: false, DLI's default
		{Queue{IsRestarting: &no, CUCount: &cus}, 64, true},
		{Queue{IsRestarting: &no, CUCount: &cus}, 65, false},
		{Queue{IsRestarting: &yes, CUCount: &cus}, 0, false},
		{Queue{IsRestarting: &no}, 1, false}, // no cu_count: not known to have any
	} {
		if got := tc.q.Ready(tc.minCU); got != tc.want {
			t.Errorf("%+v with min %d: ready %v, want %v", tc.q, tc.minCU, got, tc.want)
		}
	}
}

// A queue the list does not have: the error names it, the project and
// (at most 10 of) the queues the project has.
func TestQueueNotListedNamesTheProjectsQueues(t *testing.T) {
	c, srv := newTestClient(t)
	_, err := c.Queue(shortCtx(t), testProject, "etl")
	if want := `queue "etl" was not found in project "` + testProject + `": the project has no queues`; err == nil || err.Error() != want {
		t.Fatalf("got %v, want %s", err, want)
	}
	for i := range 12 {
		srv.Mock.AddQueue(testProject, fmt.Sprintf("q%02d", i), []string{"sql", "general"}[i%2], nil, dlimock.QueueStep{CUs: 16})
	}
	c, _ = newTestClient(t, func(cfg *Config) { cfg.Endpoint = srv.URL }) // no shared answer
	_, err = c.Queue(shortCtx(t), testProject, "etl")
	var notListed *NotListedError
	want := `the project has 12 queues: q00, q01, q02, q03, q04, q05, q06, q07, q08, q09 and 2 more`
	if !errors.As(err, &notListed) || !strings.HasSuffix(err.Error(), want) {
		t.Fatalf("got %v, want ...%s", err, want)
	}
}

// Reads that start together share one list; a read a moment later takes
// it too; a project's list is not another's.
func TestQueueReadsShareTheList(t *testing.T) {
	c, srv := newTestClient(t)
	now := time.Unix(1000, 0)
	c.queueLists.now = func() time.Time { return now }
	srv.Mock.AddQueue(testProject, "etl", "general", nil, dlimock.QueueStep{CUs: 64})
	var wg sync.WaitGroup
	errs := make(chan error, 100)
	for range 100 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := c.Queue(shortCtx(t), testProject, "etl")
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if n := srv.Mock.Calls("queues"); n != 1 {
		t.Fatalf("100 reads sent %d list requests, want 1", n)
	}
	if _, err := c.Queue(shortCtx(t), "another", "etl"); err == nil || srv.Mock.Calls("queues") != 2 {
		t.Fatalf("another project: %v after %d lists, want its own list (without etl)", err, srv.Mock.Calls("queues"))
	}
}

// A wait polls the list, each poll a request of its own even when a read
// that does not wait has just listed the queues, until the queue is ready.
func TestWaitQueueReadyPollsFreshLists(t *testing.T) {
	c, srv := newTestClient(t)
	srv.Mock.AddQueue(testProject, "etl", "general", etlQueue,
		dlimock.QueueStep{Restarting: true, CUs: 16}, dlimock.QueueStep{CUs: 16}, dlimock.QueueStep{CUs: 64})
	if q, err := c.Queue(shortCtx(t), testProject, "etl"); err != nil || q.Ready(0) {
		t.Fatalf("got %+v, %v, want the restarting queue", q, err)
	}
	clock := &fakeClock{}
	q, err := Waiter{Client: c, Clock: clock}.WaitQueueReady(shortCtx(t), testProject, "etl", 64)
	if err != nil || *q.CUCount != 64 {
		t.Fatalf("got %+v, %v", q, err)
	}
	if len(clock.slept) != 1 {
		t.Fatalf("%d polls, want 2 (16 CUs, then 64): a poll took an answer older than itself", len(clock.slept)+1)
	}
	if n := srv.Mock.Calls("queues"); n != 3 {
		t.Fatalf("%d list requests, want 3 (the read, then polls at 16 and 64 CUs)", n)
	}
}

// A wait that times out says what it last saw: restarting or not, and
// the CUs against those wanted.
func TestWaitQueueReadyTimeoutSaysWhatItLastSaw(t *testing.T) {
	for name, tc := range map[string]struct {
		step  dlimock.QueueStep
		minCU int64
		want  string
	}{
		"restarting":  {dlimock.QueueStep{Restarting: true, CUs: 16}, 0, `waiting for queue "etl" to reach ready: the last state seen was "restarting, 16 CUs" after`},
		"too few CUs": {dlimock.QueueStep{CUs: 64}, 128, `the last state seen was "not restarting, 64 of the 128 CUs wanted"`},
	} {
		t.Run(name, func(t *testing.T) {
			c, srv := newTestClient(t)
			srv.Mock.AddQueue(testProject, "etl", "general", nil, tc.step)
			ctx := newEndableCtx()
			_, err := Waiter{Client: c, Clock: &fakeClock{ctx: ctx, budget: 35 * time.Second}}.WaitQueueReady(ctx, testProject, "etl", tc.minCU)
			var timeout *WaitTimeoutError
			if !errors.As(err, &timeout) || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v, want a timeout with %s", err, tc.want)
			}
		})
	}
}

// An entry of the queue list without a name is no queue: it is neither
// read nor named among the project's queues.
func TestAQueueListEntryWithoutANameIsLeftOut(t *testing.T) {
	c, srv := newTestClient(t)
	srv.Mock.InjectFault(dlimock.Fault{Status: 200, Body: `{"is_success":true,"message":"","queues":[{"queue_name":"etl","cu_count":16},{"cu_count":64,"queue_type":"sql"}]}`})
	_, err := c.Queue(shortCtx(t), testProject, "nightly")
	if want := `queue "nightly" was not found in project "` + testProject + `": the project has 1 queue: etl`; err == nil || err.Error() != want {
		t.Fatalf("got %v\nwant %s", err, want)
	}
}

// Reads that do not wait share a queue list up to 2 seconds old, not older:
// a plan's queue gates see the capacity of at most 2 seconds ago.
func TestQueueReadsShareAListForTwoSeconds(t *testing.T) {
	c, srv := newTestClient(t)
	now := time.Unix(1000, 0)
	c.queueLists = newSharedAnswers[[]Queue](func() time.Time { return now })
	srv.Mock.AddQueue(testProject, "etl", "sql", nil, dlimock.QueueStep{CUs: 16})
	for _, step := range []struct {
		after        time.Duration
		wantRequests int
	}{{0, 1}, {1900 * time.Millisecond, 1}, {200 * time.Millisecond, 2}} {
		now = now.Add(step.after)
		if _, err := c.Queue(shortCtx(t), testProject, "etl"); err != nil {
			t.Fatal(err)
		}
		if n := srv.Mock.Calls("queues"); n != step.wantRequests {
			t.Fatalf("after %v more: %d list requests, want %d", step.after, n, step.wantRequests)
		}
	}
}
