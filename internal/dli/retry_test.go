package dli

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/dli-terraform/terraform-provider-dli/internal/dlimock"
)

func TestTransientFailuresAreRetriedAndEachAttemptSignedAfresh(t *testing.T) {
	tick := time.Date(2026, 11, 29, 0, 0, 0, 0, time.UTC)
	c, srv := newTestClient(t, func(c *Config) {
		c.Now = func() time.Time { tick = tick.Add(time.Second); return tick }
	})
	srv.Mock.Now = func() time.Time { return tick }
	srv.Mock.AddBatch(testProject, testBatch, "running")
	srv.Mock.InjectFault(dlimock.Fault{Status: 503, Body: `{"error_code":"APIGW.0201","error_msg":"busy"}`, Times: 2})

	s, err := c.BatchState(context.Background(), testProject, testBatch)
	if err != nil || s.State != "running" {
		t.Fatalf("got %+v, %v; want running after two 503s", s, err)
	}
	reqs := srv.Mock.Requests()
	if len(reqs) != 3 {
		t.Fatalf("sent %d requests, want 3", len(reqs))
	}
	seen := map[string]bool{}
	for _, r := range reqs {
		d := r.Header.Get("X-Sdk-Date")
		if seen[d] {
			t.Fatalf("X-Sdk-Date %s reused across attempts", d)
		}
		seen[d] = true
	}
}

func TestRetryPolicyByStatus(t *testing.T) {
	for _, tc := range []struct {
		status   int
		requests int
	}{
		{500, 4}, {502, 4}, {503, 4}, {504, 4}, {599, 4}, {429, 4},
		{501, 1}, {400, 1}, {401, 1}, {403, 1}, {404, 1}, {409, 1},
	} {
		c, srv := newTestClient(t, func(c *Config) { c.MaxRetries = 3 })
		srv.Mock.InjectFault(dlimock.Fault{Status: tc.status, Body: `{"error_code":"X","error_msg":"m"}`})
		_, err := c.BatchState(context.Background(), testProject, testBatch)
		if err == nil {
			t.Errorf("HTTP %d: no error", tc.status)
		}
		if n := srv.Mock.RequestCount(); n != tc.requests {
			t.Errorf("HTTP %d: sent %d requests, want %d", tc.status, n, tc.requests)
		}
		if tc.requests > 1 && !strings.Contains(err.Error(), "after 4 attempts") {
			t.Errorf("HTTP %d: error %q does not say how many attempts were made", tc.status, err)
		}
	}
}

func TestZeroMaxRetriesSendsOneRequest(t *testing.T) {
	c, srv := newTestClient(t, func(c *Config) { c.MaxRetries = 0 })
	srv.Mock.InjectFault(dlimock.Fault{Status: 503})
	if _, err := c.BatchState(context.Background(), testProject, testBatch); err == nil {
		t.Fatal("want an error")
	}
	if n := srv.Mock.RequestCount(); n != 1 {
		t.Fatalf("sent %d requests, want 1", n)
	}
}

func TestNetworkErrorsAreRetried(t *testing.T) {
	srv := dlimock.NewServer(dlimock.New(testCreds), nil, false)
	url := srv.URL
	srv.Close() // nothing listens there any more
	c, err := New(Config{Endpoint: url, Credentials: Credentials{Token: "t"}, MaxRetries: 2, RetryWaitMin: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.BatchState(context.Background(), testProject, testBatch)
	var n *NetworkError
	if !errors.As(err, &n) || n.Attempts != 3 || !strings.Contains(err.Error(), "after 3 attempts") {
		t.Fatalf("err = %v, want a network error after 3 attempts", err)
	}
}

func TestRetryAfterLongerThanTheDeadlineIsNotWaitedFor(t *testing.T) {
	c, srv := newTestClient(t)
	srv.Mock.InjectFault(dlimock.Fault{Status: 429, Header: map[string]string{"Retry-After": "3600"}, Body: `{"error_code":"APIGW.0308","error_msg":"throttled"}`})
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	_, err := readWithin(t, ctx, c, "reading after a Retry-After of an hour")
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.Class != ClassThrottled {
		t.Fatalf("err = %v, want the 429 reported at once", err)
	}
	if n := srv.Mock.RequestCount(); n != 1 {
		t.Fatalf("sent %d requests, want 1", n)
	}
}

func TestDeadlineDuringBackoffReportsTheLastAnswer(t *testing.T) {
	c, srv := newTestClient(t, func(c *Config) { c.RetryWaitMin, c.RetryWaitMax = time.Hour, time.Hour })
	srv.Mock.InjectFault(dlimock.Fault{Status: 503})
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	_, err := readWithin(t, ctx, c, "reading past a 50ms deadline during an hour's backoff")
	var ie *InterruptedError
	if !errors.As(err, &ie) || !errors.Is(err, context.DeadlineExceeded) || !strings.Contains(err.Error(), "HTTP 503") || !strings.Contains(err.Error(), "X-Request-Id: mock-00000001") {
		t.Fatalf("err = %v, want an interruption naming the last answer (HTTP 503) and its request ID", err)
	}
}

func TestDefaultBackoffSchedule(t *testing.T) {
	for n, want := range []time.Duration{time.Second, 2 * time.Second, 4 * time.Second, 8 * time.Second, 16 * time.Second, 30 * time.Second, 30 * time.Second} {
		if got := exponentialWait(n, RetryWaitMin, RetryWaitMax); got != want {
			t.Errorf("exponentialWait(%d) = %v, want %v", n, got, want)
		}
	}
	if got := exponentialWait(100, RetryWaitMin, RetryWaitMax); got != RetryWaitMax {
		t.Errorf("exponentialWait(100) = %v, want the cap", got)
	}
	if lo, hi := jittered(4*time.Second, 0), jittered(4*time.Second, 0.999999); lo != 2*time.Second || hi > 4*time.Second || hi < 3999*time.Millisecond {
		t.Errorf("jitter range = [%v, %v], want [2s, 4s)", lo, hi)
	}
	for i := 0; i < 100; i++ {
		if d := backoff(RetryWaitMin, RetryWaitMax, 2, nil); d < 2*time.Second || d > 4*time.Second {
			t.Fatalf("backoff(2) = %v, outside [2s, 4s]", d)
		}
	}
}

func TestRetryAfterHeader(t *testing.T) {
	now := time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC)
	for header, want := range map[string]time.Duration{
		"7":                             7 * time.Second,
		"0":                             0,
		"Sun, 29 Nov 2026 12:00:09 GMT": 9 * time.Second,
		"Sun, 29 Nov 2026 11:00:00 GMT": 0, // in the past
	} {
		resp := &http.Response{Header: http.Header{"Retry-After": {header}}}
		got, ok := retryAfter(resp, now)
		if !ok || got != want {
			t.Errorf("retryAfter(%q) = %v, %v; want %v", header, got, ok, want)
		}
	}
	for _, bad := range []string{"", "-1", "soon"} {
		if _, ok := retryAfter(&http.Response{Header: http.Header{"Retry-After": {bad}}}, now); ok {
			t.Errorf("retryAfter(%q) accepted", bad)
		}
	}
	if d := backoff(time.Millisecond, time.Millisecond, 0, &http.Response{Header: http.Header{"Retry-After": {"12"}}}); d != 12*time.Second {
		t.Errorf("backoff with Retry-After 12 = %v, want 12s beyond the bounds", d)
	}
}
