package dli

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/dli-terraform/terraform-provider-dli/internal/dlimock"
)

func TestBatchMapsEveryField(t *testing.T) {
	c, srv := newTestClient(t)
	srv.Mock.InjectFault(dlimock.Fault{Status: 200, Times: 1, Body: `{"id":"` + testBatch + `","appId":"application_1","name":"nightly-etl",
		"owner":"alice","proxyUser":"","state":"Success","kind":"spark","log":["a","b"],"sc_type":"A","cluster_name":"c1",
		"queue":"etl","image":"img","create_time":1732838400000,"update_time":1732842000123,"feature":"basic","spark_version":"3.3.1"}`})
	b, err := c.Batch(context.Background(), testProject, testBatch)
	if err != nil {
		t.Fatal(err)
	}
	if r := srv.Mock.Requests(); len(r) != 1 || r[0].Path != "/v2.0/"+testProject+"/batches/"+testBatch {
		t.Fatalf("requests %+v, want one to the details path", r)
	}
	strs := map[string]*string{"name": b.Name, "owner": b.Owner, "proxyUser": b.ProxyUser, "kind": b.SparkKind, "sc_type": b.SCType,
		"cluster_name": b.ClusterName, "queue": b.Queue, "image": b.Image, "feature": b.Feature, "spark_version": b.SparkVersion}
	want := map[string]string{"name": "nightly-etl", "owner": "alice", "proxyUser": "", "kind": "spark", "sc_type": "A",
		"cluster_name": "c1", "queue": "etl", "image": "img", "feature": "basic", "spark_version": "3.3.1"}
	for k, v := range strs {
		if v == nil || *v != want[k] {
			t.Errorf("%s = %v, want %q", k, v, want[k])
		}
	}
	if b.ID != testBatch || b.State != "Success" || !b.Terminal() {
		t.Errorf("id/state = %q/%q", b.ID, b.State)
	}
	if strings.Join(b.AppIDs, ",") != "application_1" || strings.Join(b.Log, "|") != "a|b" {
		t.Errorf("app IDs %q, log %q", b.AppIDs, b.Log)
	}
	if b.CreatedAt == nil || b.CreatedAt.Format(time.RFC3339Nano) != "2024-11-29T00:00:00Z" ||
		b.UpdatedAt == nil || b.UpdatedAt.Format(time.RFC3339Nano) != "2024-11-29T01:00:00.123Z" {
		t.Errorf("times %v %v", b.CreatedAt, b.UpdatedAt)
	}
	if b.Duration != nil {
		t.Errorf("duration %v, want none from the details call", *b.Duration)
	}
}

func TestBatchAbsentFieldsAreNilAndAppIDTakesBothForms(t *testing.T) {
	for body, want := range map[string][]string{
		`{"state":"running"}`:                            nil,
		`{"state":"running","appId":null}`:               nil,
		`{"state":"running","appId":""}`:                 {},
		`{"state":"running","appId":"application_1"}`:    {"application_1"},
		`{"state":"running","appId":["app_1","app_2"]}`:  {"app_1", "app_2"},
		`{"state":"running","appId":[],"log":null}`:      {},
		`{"state":"running","name":null,"appId":["x"]} `: {"x"},
	} {
		c, srv := newTestClient(t)
		srv.Mock.InjectFault(dlimock.Fault{Status: 200, Body: body, Times: 1})
		b, err := c.Batch(context.Background(), testProject, testBatch)
		if err != nil {
			t.Fatalf("%s: %v", body, err)
		}
		if (want == nil) != (b.AppIDs == nil) || strings.Join(b.AppIDs, ",") != strings.Join(want, ",") {
			t.Errorf("%s: app IDs %#v, want %#v", body, b.AppIDs, want)
		}
		if b.ID != testBatch || b.Name != nil || b.Queue != nil || b.Log != nil || b.CreatedAt != nil || b.UpdatedAt != nil {
			t.Errorf("%s: %+v, want the requested ID and every absent field nil", body, b)
		}
	}
}

func TestBatchMalformedAnswers(t *testing.T) {
	for body, want := range map[string]string{
		`{"id":"x","name":"n"}`:                         "has no state",
		`{"state":"running","appId":7}`:                 "appId is neither a string nor an array",
		`{"state":"running","create_time":"yesterday"}`: "not the expected JSON",
	} {
		c, srv := newTestClient(t)
		srv.Mock.InjectFault(dlimock.Fault{Status: 200, Body: body, Times: 1})
		_, err := c.Batch(context.Background(), testProject, testBatch)
		var m *MalformedResponseError
		if !errors.As(err, &m) || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v, want a malformed answer saying %q", body, err, want)
		}
	}
}

// The details call goes through the client's one path: a missing batch is
// the same not-found error as for the state call, and a 503 is retried.
func TestBatchSharesTheClientPath(t *testing.T) {
	c, srv := newTestClient(t)
	_, err := c.Batch(context.Background(), testProject, testBatch)
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.Class != ClassNotFound ||
		!strings.Contains(err.Error(), `batch "`+testBatch+`" in project "`+testProject+`" was not found`) {
		t.Fatalf("got %v, want not found naming the batch and project", err)
	}
	srv.Mock.AddBatch(testProject, testBatch, "running")
	srv.Mock.InjectFault(dlimock.Fault{Status: 503, Times: 2})
	if b, err := c.Batch(context.Background(), testProject, testBatch); err != nil || b.State != "running" {
		t.Fatalf("got %+v, %v after two 503s, want running", b, err)
	}
	if n := srv.Mock.RequestCount(); n != 4 {
		t.Fatalf("sent %d requests, want 1 + 3", n)
	}
}

func TestWaitBatchPollsTheDetailsCall(t *testing.T) {
	c, srv := newTestClient(t)
	srv.Mock.AddBatch(testProject, testBatch, "starting", "running", "success")
	srv.Mock.SetDetails(testProject, testBatch, map[string]any{"name": "nightly-etl", "appId": "application_1"})
	b, err := Waiter{Client: c, Clock: &fakeClock{}}.WaitBatch(context.Background(), testProject, testBatch, []string{"success"})
	if err != nil || b.State != "success" || b.Name == nil || *b.Name != "nightly-etl" {
		t.Fatalf("got %+v, %v; want success with the details", b, err)
	}
	for _, r := range srv.Mock.Requests() {
		if strings.HasSuffix(r.Path, "/state") {
			t.Fatalf("polled %s, want only the details call", r.Path)
		}
	}
	if n := srv.Mock.RequestCount(); n != 3 {
		t.Fatalf("sent %d requests, want 3", n)
	}
}
