package hwauth

import (
	"context"
	"fmt"
	"net/url"
	"sync"
	"testing"
	"time"

	"github.com/dli-terraform/terraform-provider-dli/internal/dli"
	"github.com/dli-terraform/terraform-provider-dli/internal/dlimock"
	"github.com/dli-terraform/terraform-provider-dli/internal/testwait"
)

const (
	testProject = "0123456789abcdef0123456789abcdef"
	testBatch   = "0a324461-d9d9-45da-a52a-3b3c7a3d809e"
	testAK      = "TESTACCESSKEYAAAAAAA"
	testSK      = "test-secret-key-value-1234567890"
)

var baseCreds = dli.Credentials{AccessKey: testAK, SecretKey: testSK}

// fakeClock is the time of the client, the credential cache, the waiter
// and the mock at once; Sleep moves it on without sleeping.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func newFakeClock() *fakeClock { return &fakeClock{now: time.Date(2026, 11, 29, 8, 0, 0, 0, time.UTC)} }

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Sleep(ctx context.Context, d time.Duration) error {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
	return ctx.Err()
}

// newServer starts a mock accepting baseCreds on loopback, on clock.
func newServer(t *testing.T, clock *fakeClock) *dlimock.Server {
	t.Helper()
	m := dlimock.New(dlimock.Credentials{AccessKey: testAK, SecretKey: testSK})
	if clock != nil {
		m.Now = clock.Now
	}
	srv := dlimock.NewServer(m, nil, false)
	t.Cleanup(srv.Close)
	return srv
}

// newBase is a client of srv without credentials, on clock, retrying fast.
func newBase(t *testing.T, srv *dlimock.Server, clock *fakeClock) *dli.Client {
	t.Helper()
	cfg := dli.Config{Endpoint: srv.URL, RetryWaitMin: time.Millisecond, RetryWaitMax: 5 * time.Millisecond, MaxRetries: 2}
	if clock != nil {
		cfg.Now = clock.Now
	}
	c, err := dli.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func mustURL(t *testing.T, raw string) *url.URL {
	t.Helper()
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// within is f's results, or a failure of t saying what hung if f has not
// returned within testwait.Limit. Every call that takes a credential
// cache's lock goes through it (or concurrently): a lock never released
// would block the next caller for good.
func within[T any](t *testing.T, what string, f func() (T, error)) (T, error) {
	t.Helper()
	var v T
	var err error
	testwait.Within(t, testwait.Limit, what, func() { v, err = f() })
	return v, err
}

// readWithin is client.BatchState of testBatch under within.
func readWithin(t *testing.T, client *dli.Client, what string) (dli.BatchState, error) {
	t.Helper()
	return within(t, what, func() (dli.BatchState, error) {
		return client.BatchState(context.Background(), testProject, testBatch)
	})
}

// concurrently runs f n times at once and returns the errors, or only one
// saying so if they are not all done within testwait.Limit.
func concurrently(n int, f func() error) []error {
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() { defer wg.Done(); errs[i] = f() }()
	}
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	timer := time.NewTimer(testwait.Limit)
	defer timer.Stop()
	select {
	case <-done:
		return errs
	case <-timer.C:
		return []error{fmt.Errorf("%d concurrent calls: not all done after %v; they hang", n, testwait.Limit)}
	}
}

// scriptWait adds testBatch running for polls polls, then succeeding, and
// returns a wait for it through client that polls every 30 s on clock.
func scriptWait(t *testing.T, srv *dlimock.Server, client *dli.Client, clock *fakeClock, polls int) func() error {
	t.Helper()
	states := make([]string, 0, polls+1)
	for range polls {
		states = append(states, "running")
	}
	srv.Mock.AddBatch(testProject, testBatch, append(states, "success")...)
	waiter := dli.Waiter{Client: client, Clock: clock, Schedule: func(int) time.Duration { return 30 * time.Second }}
	return func() error {
		var err error
		testwait.Within(t, testwait.Limit, "a long wait on a fake clock", func() {
			_, err = waiter.WaitBatchState(context.Background(), testProject, testBatch, []string{"success"})
		})
		return err
	}
}
