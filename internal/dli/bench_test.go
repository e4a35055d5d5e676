package dli

import (
	"context"
	"crypto/tls"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hashicorp/go-retryablehttp"

	"github.com/dli-terraform/terraform-provider-dli/internal/dlimock"
)

// Benchmarks of the read path: a client against an in-process mock DLI over
// loopback, as one data source read does it.

func benchClient(b *testing.B, creds Credentials, useTLS bool) (*Client, *dlimock.Server) {
	b.Helper()
	srv := dlimock.NewServer(dlimock.New(testCreds), nil, useTLS)
	b.Cleanup(srv.Close)
	srv.Mock.AddBatch(testProject, testBatch, "running")
	c, err := New(Config{Endpoint: srv.URL, Credentials: creds, Insecure: useTLS})
	if err != nil {
		b.Fatal(err)
	}
	return c, srv
}

func BenchmarkBatchState(b *testing.B) {
	for _, bc := range []struct {
		name   string
		creds  Credentials
		useTLS bool
	}{
		{"aksk", Credentials{AccessKey: testAK, SecretKey: testSK}, false},
		{"token", Credentials{Token: testCreds.Token}, false},
		{"aksk-tls", Credentials{AccessKey: testAK, SecretKey: testSK}, true},
		{"token-tls", Credentials{Token: testCreds.Token}, true},
	} {
		b.Run(bc.name, func(b *testing.B) {
			c, srv := benchClient(b, bc.creds, bc.useTLS)
			ctx := context.Background()
			b.ReportAllocs()
			for b.Loop() {
				if _, err := c.BatchState(ctx, testProject, testBatch); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(srv.Stats().Connections)/float64(b.N), "conns/op")
		})
	}
}

// BenchmarkBatch is the detail read (dli_batch) of a batch with every
// field, over AK/SK without TLS: compare it with BenchmarkBatchState/aksk.
func BenchmarkBatch(b *testing.B) {
	c, srv := benchClient(b, Credentials{AccessKey: testAK, SecretKey: testSK}, false)
	srv.Mock.SetDetails(testProject, testBatch, map[string]any{
		"appId": "application_1732838400000_0001", "name": "nightly-etl", "owner": "alice", "proxyUser": "",
		"kind": "", "log": []string{"line 1", "line 2", "line 3"}, "sc_type": "A", "cluster_name": "", "queue": "etl",
		"image": "", "create_time": int64(1732838400000), "update_time": int64(1732842000000), "feature": "basic", "spark_version": "3.3.1",
	})
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if bt, err := c.Batch(ctx, testProject, testBatch); err != nil || bt.Name == nil {
			b.Fatal(bt, err)
		}
	}
}

// The SQL and Flink reads, one request each over AK/SK without TLS, an
// answer with every field the data sources show: compare them with
// BenchmarkBatch and BenchmarkBatchState/aksk.
func BenchmarkSQLJob(b *testing.B) {
	c, srv := benchClient(b, Credentials{AccessKey: testAK, SecretKey: testSK}, false)
	srv.Mock.AddSQLJob(testProject, testSQLJob, insertJob, "RUNNING")
	benchReads(b, srv, func(ctx context.Context) error {
		_, err := c.SQLJob(ctx, testProject, testSQLJob)
		return err
	})
}

func BenchmarkFlinkJob(b *testing.B) {
	c, srv := benchClient(b, Credentials{AccessKey: testAK, SecretKey: testSK}, false)
	srv.Mock.AddFlinkJob(testProject, testFlinkJob, clicksStream, "job_running")
	benchReads(b, srv, func(ctx context.Context) error {
		_, err := c.FlinkJob(ctx, testProject, "71001")
		return err
	})
}

// The lists, one request of 10 jobs each.
func BenchmarkSQLJobs(b *testing.B) {
	c, srv := benchClient(b, Credentials{AccessKey: testAK, SecretKey: testSK}, false)
	addSQLJobs(srv, 10)
	benchReads(b, srv, func(ctx context.Context) error {
		_, err := items(c.SQLJobs(ctx, testProject, SQLJobFilter{}, 100))
		return err
	})
}

func BenchmarkFlinkJobs(b *testing.B) {
	c, srv := benchClient(b, Credentials{AccessKey: testAK, SecretKey: testSK}, false)
	addFlinkJobs(srv, 10, "clicks-stream")
	benchReads(b, srv, func(ctx context.Context) error {
		_, err := items(c.FlinkJobs(ctx, testProject, FlinkJobFilter{Name: "clicks-stream"}, 100))
		return err
	})
}

// benchReads times read, and fails unless each read was one request.
func benchReads(b *testing.B, srv *dlimock.Server, read func(context.Context) error) {
	b.Helper()
	ctx := context.Background()
	before := srv.Mock.RequestCount()
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		if err := read(ctx); err != nil {
			b.Fatal(err)
		}
		n++
	}
	if got := srv.Mock.RequestCount() - before; got != n {
		b.Fatalf("%d requests for %d reads, want one each", got, n)
	}
}

// BenchmarkBatchStateParallel reads with Terraform's default parallelism.
func BenchmarkBatchStateParallel(b *testing.B) {
	c, _ := benchClient(b, Credentials{AccessKey: testAK, SecretKey: testSK}, false)
	ctx := context.Background()
	b.ReportAllocs()
	b.SetParallelism(10)
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, err := c.BatchState(ctx, testProject, testBatch); err != nil {
				b.Error(err)
				return
			}
		}
	})
}

// BenchmarkNewTransportPerRead does what the generic alternative, the
// hashicorp/http data source with an X-Auth-Token header and jsondecode,
// does on every read: clone the default transport, build a new retrying
// client on it, send, read the whole body, and decode it. Compare it with
// BenchmarkBatchState/token-tls: the difference is mostly a TCP connection
// and a TLS handshake per read.
func BenchmarkNewTransportPerRead(b *testing.B) {
	srv := dlimock.NewServer(dlimock.New(testCreds), nil, true)
	b.Cleanup(srv.Close)
	srv.Mock.AddBatch(testProject, testBatch, "running")
	url := srv.URL + "/v2.0/" + testProject + "/batches/" + testBatch + "/state"
	b.ReportAllocs()
	for b.Loop() {
		tr := http.DefaultTransport.(*http.Transport).Clone()
		tr.TLSClientConfig = &tls.Config{InsecureSkipVerify: true} //nolint:gosec // the mock's self-signed certificate
		rc := retryablehttp.NewClient()
		rc.Logger = nil
		rc.HTTPClient.Transport = tr
		req, _ := retryablehttp.NewRequest(http.MethodGet, url, nil)
		req.Header.Set("X-Auth-Token", testCreds.Token)
		req.Header.Set("Content-Type", "application/json") // the gateway refuses a call without it
		resp, err := rc.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		_ = resp.Body.Close()
		var v map[string]any
		if err := json.Unmarshal(body, &v); err != nil || v["state"] != "running" {
			b.Fatalf("%v %v", err, v)
		}
		tr.CloseIdleConnections()
	}
	b.ReportMetric(float64(srv.Stats().Connections)/float64(b.N), "conns/op")
}

// BenchmarkSignRequest is the signing step alone.
func BenchmarkSignRequest(b *testing.B) {
	ctx := context.WithValue(context.Background(), credentialsKey{}, Credentials{AccessKey: testAK, SecretKey: testSK})
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, "https://dli.cn-north-4.example.invalid/v2.0/"+testProject+"/batches/"+testBatch+"/state", nil)
	tr := &authTransport{now: fixedNow, base: roundTripFunc(func(*http.Request) (*http.Response, error) { return nil, nil })}
	b.ReportAllocs()
	for b.Loop() {
		_, _ = tr.RoundTrip(req)
	}
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// TestOneClientReusesConnections: 500 reads, 10 at a time as Terraform does
// them, open at most 2 x 10 connections and TLS handshakes.
func TestOneClientReusesConnections(t *testing.T) {
	srv := dlimock.NewServer(dlimock.New(testCreds), nil, true)
	defer srv.Close()
	srv.Mock.AddBatch(testProject, testBatch, "running")
	c, err := New(Config{Endpoint: srv.URL, Credentials: Credentials{AccessKey: testAK, SecretKey: testSK}, Insecure: true})
	if err != nil {
		t.Fatal(err)
	}
	reads := make(chan struct{}, 500)
	for range 500 {
		reads <- struct{}{}
	}
	close(reads)
	finishWithin(t, hangLimit, "500 reads by 10 goroutines", func() {
		var wg sync.WaitGroup
		for range 10 {
			wg.Go(func() {
				for range reads {
					if _, err := c.BatchState(context.Background(), testProject, testBatch); err != nil {
						t.Error(err)
						return
					}
				}
			})
		}
		wg.Wait()
	})
	st := srv.Stats()
	if st.Requests != 500 {
		t.Fatalf("requests = %d, want exactly one per read (500)", st.Requests)
	}
	if st.Connections > 20 || st.TLSHandshakes > 20 {
		t.Fatalf("%d connections and %d TLS handshakes for 500 reads, want at most 20 each", st.Connections, st.TLSHandshakes)
	}
	t.Logf("500 reads: %d connections, %d TLS handshakes", st.Connections, st.TLSHandshakes)
}

func fixedNow() time.Time { return time.Date(2026, 11, 29, 0, 0, 0, 0, time.UTC) }

// bigFlinkPage is one page of the Flink job list as a real account answers
// it: 100 jobs, each with a 60 KiB SQL body and an execution graph, which
// the provider does not use (over 5 MiB in all).
func bigFlinkPage() []byte {
	jobs := make([]map[string]any, 100)
	for i := range jobs {
		jobs[i] = map[string]any{
			"job_id": 71000 + i, "name": fmt.Sprintf("clicks-%03d", i), "status": "job_running", "status_desc": "",
			"user_name": "alice", "job_type": "flink_opensource_sql_job", "queue_name": "flink_queue",
			"create_time": int64(1732838400000), "start_time": int64(1732838430000), "update_time": int64(1732838490000),
			"restart_times": 0, "run_mode": "exclusive_cluster", "root_id": -1,
			"sql_body":        "INSERT INTO sink SELECT * FROM source WHERE " + strings.Repeat("x = 'y' AND ", 60<<10/12),
			"execution_graph": `{"nodes":[` + strings.Repeat(`{"id":1,"operator":"Source"},`, 128) + `{}]}`,
		}
	}
	page, err := json.Marshal(map[string]any{"is_success": "true", "message": "", "job_list": map[string]any{"total_count": len(jobs), "jobs": jobs}})
	if err != nil {
		panic(err)
	}
	return page
}

// servePage is a client of a server that answers every request with page.
func servePage(tb testing.TB, page []byte) *Client {
	tb.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(page)
	}))
	tb.Cleanup(srv.Close)
	c, err := New(Config{Endpoint: srv.URL, Credentials: Credentials{Token: testCreds.Token}})
	if err != nil {
		tb.Fatal(err)
	}
	return c
}

// allocatedReading is how many bytes the process allocates while the
// client reads one page of 100 Flink jobs: an upper bound of the memory
// the read holds at its peak.
func allocatedReading(tb testing.TB, c *Client) uint64 {
	tb.Helper()
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	jobs, err := items(c.FlinkJobs(context.Background(), testProject, FlinkJobFilter{}, 100))
	runtime.ReadMemStats(&after)
	if err != nil || len(jobs) != 100 {
		tb.Fatalf("read %d jobs, err %v; want 100", len(jobs), err)
	}
	return after.TotalAlloc - before.TotalAlloc
}

// BenchmarkFlinkJobsBigPage reads a page of 100 Flink jobs with 60 KiB SQL
// bodies and reports what one read allocates, in bytes and as a multiple
// of the page's size.
func BenchmarkFlinkJobsBigPage(b *testing.B) {
	page := bigFlinkPage()
	c := servePage(b, page)
	allocatedReading(b, c) // the connection's buffers, once
	var total uint64
	n := 0
	for b.Loop() {
		total += allocatedReading(b, c)
		n++
	}
	perPage := float64(total) / float64(n)
	b.ReportMetric(float64(len(page)), "page-B")
	b.ReportMetric(perPage, "alloc-B/page")
	b.ReportMetric(perPage/float64(len(page)), "alloc/page-size")
}
