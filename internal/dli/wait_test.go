package dli

import (
	"context"
	"errors"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/dli-terraform/terraform-provider-dli/internal/dlimock"
)

// endableCtx is a context that a test ends by hand, as a deadline or a
// Ctrl-C would end it, without waiting for real time.
type endableCtx struct {
	context.Context
	done chan struct{}
	err  error
}

func newEndableCtx() *endableCtx {
	return &endableCtx{Context: context.Background(), done: make(chan struct{})}
}

func (c *endableCtx) Done() <-chan struct{} { return c.done }
func (c *endableCtx) Err() error            { return c.err }
func (c *endableCtx) end(err error)         { c.err = err; close(c.done) }

// fakeClock advances virtual time on Sleep and never blocks. Once its
// budget of virtual time is spent it ends ctx with DeadlineExceeded; with
// cancel set, the first Sleep ends ctx with Canceled.
type fakeClock struct {
	ctx    *endableCtx
	now    time.Time
	budget time.Duration
	slept  []time.Duration
	cancel bool
}

func (c *fakeClock) Now() time.Time { return c.now }

func (c *fakeClock) Sleep(_ context.Context, d time.Duration) error {
	if c.cancel {
		c.ctx.end(context.Canceled)
		return c.ctx.Err()
	}
	c.slept = append(c.slept, d)
	if c.budget > 0 && c.now.Add(d).Sub(time.Time{}) > c.budget {
		c.now = time.Time{}.Add(c.budget)
		c.ctx.end(context.DeadlineExceeded)
		return c.ctx.Err()
	}
	c.now = c.now.Add(d)
	return nil
}

func everyTenSeconds(int) time.Duration { return 10 * time.Second }

func TestWaitReturnsAsSoonAsTheStateMatches(t *testing.T) {
	c, srv := newTestClient(t)
	srv.Mock.AddBatch(testProject, testBatch, "starting", "running", "Success")
	clock := &fakeClock{}
	s, err := waitWithin(t, context.Background(), Waiter{Client: c, Clock: clock, Schedule: DefaultPollSchedule}, "waiting for success", "success")
	if err != nil || s.State != "Success" {
		t.Fatalf("got %+v, %v; want Success (matched ignoring case)", s, err)
	}
	if n := srv.Mock.RequestCount(); n != 3 {
		t.Fatalf("sent %d requests, want 3", n)
	}
	if len(clock.slept) != 2 {
		t.Fatalf("slept %d times, want 2", len(clock.slept))
	}
}

func TestWaitFailsFastOnAnotherTerminalState(t *testing.T) {
	c, srv := newTestClient(t)
	srv.Mock.AddBatch(testProject, testBatch, "running", "dead", "success")
	s, err := waitWithin(t, context.Background(), Waiter{Client: c, Clock: &fakeClock{}}, "waiting past a dead batch", "success")
	var u *UnexpectedStateError
	if !errors.As(err, &u) || s.State != "dead" {
		t.Fatalf("got %+v, %v; want an unexpected-state error at dead", s, err)
	}
	for _, want := range []string{`"dead"`, "success", "will not change by itself (it is final)"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not mention %s", err, want)
		}
	}
	if n := srv.Mock.RequestCount(); n != 2 {
		t.Fatalf("sent %d requests, want 2 (no poll after dead)", n)
	}
}

func TestWaitForATerminalStateThatIsReachedSucceeds(t *testing.T) {
	c, srv := newTestClient(t)
	srv.Mock.AddBatch(testProject, testBatch, "running", "dead")
	s, err := waitWithin(t, context.Background(), Waiter{Client: c, Clock: &fakeClock{}}, "waiting for success or dead", "success", "dead")
	if err != nil || s.State != "dead" {
		t.Fatalf("got %+v, %v; want dead accepted", s, err)
	}
}

func TestWaitTimesOutWithTheLastStateSeen(t *testing.T) {
	c, srv := newTestClient(t)
	srv.Mock.AddBatch(testProject, testBatch, "starting", "running")
	ctx := newEndableCtx()
	clock := &fakeClock{ctx: ctx, budget: 35 * time.Second}
	_, err := waitWithin(t, ctx, Waiter{Client: c, Clock: clock, Schedule: everyTenSeconds}, "waiting past the deadline", "success")
	var to *WaitTimeoutError
	if !errors.As(err, &to) || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want a wait timeout", err)
	}
	if to.LastState != "running" || to.Polls != 4 || to.Waited != 35*time.Second {
		t.Fatalf("timeout = %+v, want last state running after 4 polls and 35s", to)
	}
	for _, want := range []string{"timed out after 35s", `"running"`, "success", "4 polls"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not contain %q", err, want)
		}
	}
}

func TestWaitStopsAtOnceWhenCancelled(t *testing.T) {
	c, srv := newTestClient(t)
	srv.Mock.AddBatch(testProject, testBatch, "running")
	ctx := newEndableCtx()
	_, err := waitWithin(t, ctx, Waiter{Client: c, Clock: &fakeClock{ctx: ctx, cancel: true}}, "waiting after a cancel", "success")
	if !errors.Is(err, context.Canceled) || !strings.Contains(err.Error(), "stopped waiting") {
		t.Fatalf("err = %v, want a cancellation", err)
	}
	if n := srv.Mock.RequestCount(); n != 1 {
		t.Fatalf("sent %d requests after cancelling, want 1", n)
	}
}

// Cancelling during the sleep between polls (Ctrl-C) ends the wait at
// once: well before the first interval, PollFirst, would have passed.
func TestWaitCancelledWithTheRealClock(t *testing.T) {
	rec := &logRecorder{}
	c, srv := newTestClient(t, func(c *Config) { c.Logger = rec })
	srv.Mock.AddBatch(testProject, testBatch, "running")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var cancelledAt atomic.Int64
	// Besides the per-attempt lines, the waiter logs one line of its own,
	// just before it sleeps: cancel 20 ms into that sleep.
	rec.onDebug = func(msg string) {
		if msg != "DLI request" && msg != "DLI response" {
			time.AfterFunc(20*time.Millisecond, func() { cancelledAt.CompareAndSwap(0, time.Now().UnixNano()); cancel() })
		}
	}
	_, err := waitWithin(t, ctx, Waiter{Client: c}, "waiting after a cancel", "success")
	returned := time.Now()
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	const bound = 300 * time.Millisecond
	if took := returned.Sub(time.Unix(0, cancelledAt.Load())); took > bound {
		t.Fatalf("the wait returned %v after the cancel, want within %v (the first poll interval is %v): the sleep ignored the cancel", took, bound, PollFirst)
	}
	if n := srv.Mock.RequestCount(); n != 1 {
		t.Fatalf("sent %d requests, want 1: the cancel came during the first sleep", n)
	}
}

func TestRealClockSleepReturnsWhenCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(20*time.Millisecond, cancel)
	var err error
	start := time.Now()
	finishWithin(t, 5*time.Second, "sleeping an hour after a cancel", func() { err = RealClock{}.Sleep(ctx, time.Hour) })
	if !errors.Is(err, context.Canceled) || time.Since(start) > 300*time.Millisecond {
		t.Fatalf("Sleep returned %v after %v, want context.Canceled at once", err, time.Since(start))
	}
	if err := (RealClock{}).Sleep(context.Background(), time.Millisecond); err != nil {
		t.Fatalf("an uncancelled Sleep returned %v", err)
	}
}

func TestWaitTimeoutWithTheRealClock(t *testing.T) {
	c, srv := newTestClient(t)
	srv.Mock.AddBatch(testProject, testBatch, "running")
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	_, err := waitWithin(t, ctx, Waiter{Client: c, Schedule: func(int) time.Duration { return 5 * time.Millisecond }}, "waiting past a 100ms deadline", "success")
	var to *WaitTimeoutError
	if !errors.As(err, &to) || to.LastState != "running" || to.Polls < 1 {
		t.Fatalf("err = %v, want a timeout with last state running", err)
	}
}

// A poll that times out on its own (per-attempt timeout) while the read's
// deadline is far away is the poll's error, not a timeout of the wait.
func TestWaitReportsAPollsOwnTimeoutAsSuch(t *testing.T) {
	c, srv := newTestClient(t, func(c *Config) { c.RequestTimeout = 20 * time.Millisecond; c.MaxRetries = 0 })
	srv.Mock.InjectFault(dlimock.Fault{Delay: time.Minute})
	ctx, cancel := context.WithTimeout(context.Background(), time.Hour)
	defer cancel()
	_, err := waitWithin(t, ctx, Waiter{Client: c, Clock: &fakeClock{}}, "waiting on a poll that gets no answer", "success")
	var n *NetworkError
	if !errors.As(err, &n) || errors.As(err, new(*WaitTimeoutError)) {
		t.Fatalf("err = %v, want the poll's network error, not a wait timeout", err)
	}
}

func TestPollSchedule(t *testing.T) {
	if first := pollInterval(0, 0); first > 5*time.Second {
		t.Fatalf("first re-poll after %v, want within 5s", first)
	}
	prev := time.Duration(0)
	for n := 0; n < 20; n++ {
		d := pollInterval(n, 0)
		if d < prev {
			t.Fatalf("interval %d (%v) shrank from %v", n, d, prev)
		}
		if d > 30*time.Second {
			t.Fatalf("interval %d is %v, over the 30s cap", n, d)
		}
		prev = d
	}
	if prev != PollMax {
		t.Fatalf("intervals level off at %v, want %v", prev, PollMax)
	}
	if lo, hi := pollInterval(3, 0.999), pollInterval(3, 0); lo < hi*79/100 || lo >= hi {
		t.Fatalf("jitter gives [%v, %v], want up to 20%% below", lo, hi)
	}
	for i := 0; i < 100; i++ {
		if d := DefaultPollSchedule(0); d > PollFirst || d < PollFirst*8/10 {
			t.Fatalf("DefaultPollSchedule(0) = %v", d)
		}
	}
}

// The unexpected-status error says "statuses" for SQL and Flink jobs and
// "states" for batches (it said "statuss").
func TestUnexpectedStateErrorPluralOfItsStatusWord(t *testing.T) {
	for kind, want := range map[*Kind]string{&SQLJobKind: "one of the statuses waited for", &FlinkJobKind: "one of the statuses waited for", &BatchKind: "one of the states waited for"} {
		got := (&UnexpectedStateError{Kind: *kind, JobID: "1", State: kind.Terminal[0], Targets: []string{kind.Statuses[0]}}).Error()
		if !strings.Contains(got, want) {
			t.Errorf("%s: %q, want %q", kind.Noun, got, want)
		}
	}
}

// A dead batch's reason is the last line of its log that is not blank,
// the first line included.
func TestABatchsReasonIsItsLastLogLine(t *testing.T) {
	for _, tc := range []struct {
		log  []string
		want string
	}{
		{[]string{"only line"}, "only line"},
		{[]string{"first", " ", ""}, "first"},
		{[]string{"first", "Exception: no such table"}, "Exception: no such table"},
		{nil, ""},
	} {
		if got := (Batch{Log: tc.log}).reason(); got != tc.want {
			t.Errorf("log %q: reason %q, want %q", tc.log, got, tc.want)
		}
	}
}
