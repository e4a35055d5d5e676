package dli

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/dli-terraform/terraform-provider-dli/internal/dlimock"
)

// addBatches adds n batches of job "nightly" created a minute apart, the
// newest last.
func addBatches(srv *dlimock.Server, n int) {
	for i := range n {
		id := fmt.Sprintf("00000000-0000-4000-8000-%012d", i)
		srv.Mock.AddBatch(testProject, id, "success")
		srv.Mock.SetDetails(testProject, id, map[string]any{"name": "nightly", "create_time": int64(1732838400000 + i*60000), "duration": 3600000})
	}
}

// shortCtx bounds a list in a test: a paging loop that does not stop
// fails the test instead of hanging it.
func shortCtx(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	t.Cleanup(cancel)
	return ctx
}

func listQueries(t *testing.T, srv *dlimock.Server) []url.Values {
	t.Helper()
	var out []url.Values
	for _, r := range srv.Mock.Requests() {
		q, err := url.ParseQuery(r.Query)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, q)
	}
	return out
}

func TestBatchesPagesUntilTheEnd(t *testing.T) {
	c, srv := newTestClient(t)
	addBatches(srv, 250)
	bs, err := items(c.Batches(shortCtx(t), testProject, BatchFilter{}, 1000))
	if err != nil {
		t.Fatal(err)
	}
	if len(bs) != 250 || bs[0].ID != "00000000-0000-4000-8000-000000000249" || bs[0].Duration == nil || bs[0].Duration.Duration != time.Hour {
		t.Fatalf("got %d batches, first %+v; want 250, newest first, with a duration", len(bs), bs[0])
	}
	var pages []string
	for _, q := range listQueries(t, srv) {
		pages = append(pages, q.Get("from")+"+"+q.Get("size"))
	}
	if strings.Join(pages, " ") != "0+100 100+100 200+100" {
		t.Fatalf("pages %v, want exactly 3 requests of at most 100", pages)
	}
}

func TestBatchesStopsAtTheLimit(t *testing.T) {
	for limit, want := range map[int]string{1: "0+1", 100: "0+100", 150: "0+100 100+100"} {
		c, srv := newTestClient(t)
		addBatches(srv, 250)
		bs, err := items(c.Batches(shortCtx(t), testProject, BatchFilter{}, limit))
		if err != nil || len(bs) != limit {
			t.Fatalf("limit %d: %d batches, %v", limit, len(bs), err)
		}
		var pages []string
		for _, q := range listQueries(t, srv) {
			pages = append(pages, q.Get("from")+"+"+q.Get("size"))
		}
		if strings.Join(pages, " ") != want {
			t.Errorf("limit %d: pages %v, want %s", limit, pages, want)
		}
	}
}

// A server that answers with more batches than asked for still gives at
// most limit: the first ones, in its order.
func TestBatchesNeverGivesMoreThanTheLimit(t *testing.T) {
	c, srv := newTestClient(t)
	srv.Mock.InjectFault(dlimock.Fault{Status: 200, Body: `{"total":3,"sessions":[{"id":"a","state":"running"},{"id":"b","state":"running"},{"id":"c","state":"running"}]}`})
	bs, err := items(c.Batches(shortCtx(t), testProject, BatchFilter{}, 2))
	if err != nil || len(bs) != 2 || bs[0].ID != "a" || bs[1].ID != "b" {
		t.Fatalf("got %+v, %v; want the first 2 of a page of 3 for limit 2", bs, err)
	}
}

// The filters are sent as the official SDK's ListSparkJobsRequest names
// them; owner, which it does not know, is not sent (TestBatchesOwnerIsChecked...).
func TestBatchesFiltersAreTheDocumentedQueryParameters(t *testing.T) {
	c, srv := newTestClient(t)
	after := time.Date(2024, 11, 29, 0, 0, 0, 0, time.UTC)
	_, err := items(c.Batches(shortCtx(t), testProject, BatchFilter{
		JobName: "nightly etl", QueueName: "etl", ClusterName: "c1", Owner: "alice", State: "SUCCESS",
		CreatedAfter: after, CreatedBefore: after.Add(time.Hour), Order: BatchOrderDurationAsc,
	}, 10))
	if err != nil {
		t.Fatal(err)
	}
	r := srv.Mock.Requests()
	if len(r) != 1 {
		t.Fatalf("%d requests", len(r))
	}
	// Sent exactly as signed: sorted, a space as %20.
	want := "/v2.0/" + testProject + "/batches?cluster_name=c1&end=1732842000000&from=0&job_name=nightly%20etl" +
		"&order=DURATION_ASC&queue_name=etl&size=10&start=1732838400000&state=success"
	if got := r[0].Path + "?" + r[0].Query; got != want {
		t.Fatalf("request\n%s\nwant\n%s", got, want)
	}
}

func TestBatchesEndsOnAnEmptyOrShortPageWithoutATotal(t *testing.T) {
	for body, want := range map[string]int{
		`{"sessions":[]}`: 1,
		`{"sessions":[{"id":"a","state":"running"}]}`: 1,
	} {
		c, srv := newTestClient(t)
		srv.Mock.InjectFault(dlimock.Fault{Status: 200, Body: body})
		if _, err := items(c.Batches(shortCtx(t), testProject, BatchFilter{}, 100)); err != nil {
			t.Fatal(err)
		}
		if n := srv.Mock.RequestCount(); n != want {
			t.Errorf("%s: %d requests, want %d", body, n, want)
		}
	}
}

func TestBatchesMalformedAnswers(t *testing.T) {
	for body, want := range map[string]string{
		`{"total":3}`:              "has no sessions",
		`{"total":1,"sessions":7}`: "not the expected JSON",
	} {
		c, srv := newTestClient(t)
		srv.Mock.InjectFault(dlimock.Fault{Status: 200, Body: body})
		_, err := items(c.Batches(shortCtx(t), testProject, BatchFilter{}, 100))
		var m *MalformedResponseError
		if !errors.As(err, &m) || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v, want malformed saying %q", body, err, want)
		}
	}
}

// The list goes through the client's one path: a 503 is retried, and an
// error names the project's batches.
func TestBatchesSharesTheClientPath(t *testing.T) {
	c, srv := newTestClient(t, func(c *Config) { c.MaxRetries = 1 })
	addBatches(srv, 3)
	srv.Mock.InjectFault(dlimock.Fault{Status: 503, Times: 1})
	if bs, err := items(c.Batches(shortCtx(t), testProject, BatchFilter{}, 100)); err != nil || len(bs) != 3 {
		t.Fatalf("got %d, %v after a 503, want 3 batches", len(bs), err)
	}
	srv.Mock.InjectFault(dlimock.Fault{Status: 403, Body: `{"error_code":"DLI.0003","error_msg":"no permission"}`})
	_, err := items(c.Batches(shortCtx(t), testProject, BatchFilter{}, 100))
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.Class != ClassPermission || !strings.Contains(err.Error(), `reading batches in project "`+testProject+`"`) {
		t.Fatalf("got %v, want permission denied reading the project's batches", err)
	}
}

// The SDK's ListSparkJobsRequest has no owner: the client does not send it
// and keeps only the owner's batches itself, on every page.
func TestBatchesOwnerIsCheckedLocallyAndNotSent(t *testing.T) {
	c, srv := newTestClient(t)
	for i, owner := range []string{"alice", "bob", "alice", "carol", "alice"} {
		id := fmt.Sprintf("0a324461-d9d9-45da-a52a-3b3c7a3d80%02d", i)
		srv.Mock.AddBatch(testProject, id, "success")
		srv.Mock.SetDetails(testProject, id, map[string]any{"owner": owner, "create_time": int64(i)})
	}
	bs, err := items(c.Batches(shortCtx(t), testProject, BatchFilter{Owner: "alice"}, 2))
	if err != nil || len(bs) != 2 || *bs[0].Owner != "alice" || *bs[1].Owner != "alice" {
		t.Fatalf("got %+v, %v; want the first 2 of alice's batches", bs, err)
	}
	for _, r := range srv.Mock.Requests() {
		if strings.Contains(r.Query, "owner") {
			t.Errorf("the request sends owner: %s", r.Query)
		}
	}
}
