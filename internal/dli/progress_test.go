package dli

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"
)

// observed is a Waiter's Observe that records what it is told.
type observed struct{ events []Progress }

func (o *observed) observe(p Progress) { o.events = append(o.events, p) }

func (o *observed) lines() []string {
	var out []string
	for _, p := range o.events {
		out = append(out, p.String())
	}
	return out
}

func everyTwentySeconds(int) time.Duration { return 20 * time.Second }

// Each change is told as it is read, a heartbeat whenever 30 s pass
// without one (between polls 20 s apart), and the target last: on the
// waiter's clock, in milliseconds of real time.
func TestAnObservedWaitTellsChangesHeartbeatsAndTheEnd(t *testing.T) {
	c, srv := newTestClient(t)
	srv.Mock.AddBatch(testProject, testBatch, "starting", "running", "running", "running", "running", "Success")
	rec := &observed{}
	clock := &fakeClock{}
	_, err := waitWithin(t, context.Background(), Waiter{Client: c, Clock: clock, Schedule: everyTwentySeconds, Observe: rec.observe}, "an observed wait", "success")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"batch " + testBatch + " is starting (0s)",
		"batch " + testBatch + " is running (20s)",
		"batch " + testBatch + " is still running (50s)",
		"batch " + testBatch + " is still running (1m20s)",
		"batch " + testBatch + " reached Success (1m40s)",
	}
	if got := rec.lines(); !slices.Equal(got, want) {
		t.Fatalf("told\n%q\nwant\n%q", got, want)
	}
	for i := 1; i < len(rec.events); i++ {
		if gap := rec.events[i].Waited - rec.events[i-1].Waited; gap > HeartbeatEvery {
			t.Errorf("%v of silence before %q", gap, rec.events[i])
		}
	}
	if n := srv.Mock.RequestCount(); n != 6 {
		t.Fatalf("sent %d requests, want 6: heartbeats are not polls", n)
	}
}

// Polls further apart than the heartbeat (a custom schedule) still leave
// no silence longer than HeartbeatEvery.
func TestAnObservedWaitBeatsBetweenSparsePolls(t *testing.T) {
	c, srv := newTestClient(t)
	srv.Mock.AddBatch(testProject, testBatch, "running", "running", "success")
	rec := &observed{}
	_, err := waitWithin(t, context.Background(), Waiter{Client: c, Clock: &fakeClock{}, Schedule: func(int) time.Duration { return 100 * time.Second }, Observe: rec.observe}, "sparse polls", "success")
	if err != nil {
		t.Fatal(err)
	}
	var waited []time.Duration
	for _, p := range rec.events {
		waited = append(waited, p.Waited)
	}
	want := []time.Duration{0, 30 * time.Second, 60 * time.Second, 90 * time.Second, 120 * time.Second, 150 * time.Second, 180 * time.Second, 200 * time.Second}
	if !slices.Equal(waited, want) {
		t.Fatalf("told at %v, want %v", waited, want)
	}
	if last := rec.events[len(rec.events)-1]; last.Event != ProgressReached {
		t.Fatalf("last event %v, want the target reached", last)
	}
}

// The first read already in a target status is told once, as reached.
func TestAnObservedWaitAlreadyDoneTellsOnlyTheEnd(t *testing.T) {
	c, srv := newTestClient(t)
	srv.Mock.AddBatch(testProject, testBatch, "success")
	rec := &observed{}
	if _, err := waitWithin(t, context.Background(), Waiter{Client: c, Clock: &fakeClock{}, Observe: rec.observe}, "a finished batch", "success"); err != nil {
		t.Fatal(err)
	}
	if got, want := rec.lines(), []string{"batch " + testBatch + " reached success (0s)"}; !slices.Equal(got, want) {
		t.Fatalf("told %q, want %q", got, want)
	}
}

// A cancel while observed stops the wait at once, as it does unobserved.
func TestAnObservedWaitStopsAtOnceWhenCancelled(t *testing.T) {
	c, srv := newTestClient(t)
	srv.Mock.AddBatch(testProject, testBatch, "running")
	ctx := newEndableCtx()
	rec := &observed{}
	_, err := waitWithin(t, ctx, Waiter{Client: c, Clock: &fakeClock{ctx: ctx, cancel: true}, Observe: rec.observe}, "an observed wait cancelled", "success")
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want a cancellation", err)
	}
	if n := srv.Mock.RequestCount(); n != 1 || len(rec.events) != 1 {
		t.Fatalf("%d requests and %d events after the cancel, want 1 and 1", n, len(rec.events))
	}
}

// Unobserved, the loop sleeps each interval whole, as before.
func TestAnUnobservedWaitSleepsWholeIntervals(t *testing.T) {
	c, srv := newTestClient(t)
	srv.Mock.AddBatch(testProject, testBatch, "running", "running", "success")
	clock := &fakeClock{}
	if _, err := waitWithin(t, context.Background(), Waiter{Client: c, Clock: clock, Schedule: func(int) time.Duration { return 100 * time.Second }}, "sparse polls", "success"); err != nil {
		t.Fatal(err)
	}
	if want := []time.Duration{100 * time.Second, 100 * time.Second}; !slices.Equal(clock.slept, want) {
		t.Fatalf("slept %v, want %v", clock.slept, want)
	}
}

// A poll slower than the heartbeat (retries, a slow gateway) is followed
// at once by the heartbeat it let fall due; the clock never runs back.
func TestAnObservedWaitBeatsAfterASlowPoll(t *testing.T) {
	got := observeSlowPolls(t, 45*time.Second, 10*time.Second, "running", "running", "success")
	want := []string{
		"batch " + testBatch + " is running (45s)",
		"batch " + testBatch + " is still running (1m40s)",
		"batch " + testBatch + " reached success (2m35s)",
	}
	if !slices.Equal(got, want) {
		t.Fatalf("told\n%q\nwant\n%q", got, want)
	}
}

// Polls exactly HeartbeatEvery apart, each taking 5 s: the heartbeat that
// falls due as a sleep ends is told then, before the next poll, so that a
// slow poll never stretches the silence past HeartbeatEvery.
func TestAnObservedWaitBeatsWhenTheSleepEndsOnTheHeartbeat(t *testing.T) {
	got := observeSlowPolls(t, 5*time.Second, HeartbeatEvery, "running", "running", "running", "success")
	want := []string{
		"batch " + testBatch + " is running (5s)",
		"batch " + testBatch + " is still running (35s)",
		"batch " + testBatch + " is still running (1m5s)",
		"batch " + testBatch + " is still running (1m35s)",
		"batch " + testBatch + " reached success (1m50s)",
	}
	if !slices.Equal(got, want) {
		t.Fatalf("told\n%q\nwant\n%q", got, want)
	}
}

// observeSlowPolls is what an observed wait for success tells, polling
// every interval with reads of states that each take pollTime.
func observeSlowPolls(t *testing.T, pollTime, interval time.Duration, states ...string) []string {
	t.Helper()
	c, _ := newTestClient(t)
	clock := &fakeClock{}
	rec := &observed{}
	w := Waiter{Client: c, Clock: clock, Schedule: func(int) time.Duration { return interval }, Observe: rec.observe}
	if _, err := waitUntil(context.Background(), w, BatchKind, testBatch, []string{"success"}, slowPolls(clock, pollTime, states...)); err != nil {
		t.Fatal(err)
	}
	return rec.lines()
}

// slowPolls reads the batch's states in turn (the last one from then on),
// each read taking pollTime on clock.
func slowPolls(clock *fakeClock, pollTime time.Duration, states ...string) func(context.Context) (BatchState, error) {
	n := 0
	return func(context.Context) (BatchState, error) {
		clock.now = clock.now.Add(pollTime)
		s := BatchState{ID: testBatch, State: states[min(n, len(states)-1)]}
		n++
		return s, nil
	}
}
