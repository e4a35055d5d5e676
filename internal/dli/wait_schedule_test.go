package dli

import (
	"context"
	"math"
	"testing"
	"time"
)

// The wait loop, left to its own schedule, asks for intervals that grow
// from PollFirst by PollGrowth to PollMax, each jittered down by up to
// 20%: observed as the sleeps it asks its clock for, so that a loop that
// never backs off (or ignores the schedule) fails here, not in production.
func TestTheWaitBacksOffOnItsDefaultSchedule(t *testing.T) {
	c, srv := newTestClient(t)
	const polls = 12
	states := make([]string, 0, polls+1)
	for range polls {
		states = append(states, "running")
	}
	srv.Mock.AddBatch(testProject, testBatch, append(states, "success")...)
	clock := &fakeClock{}
	if _, err := waitWithin(t, context.Background(), Waiter{Client: c, Clock: clock}, "waiting on the default schedule", "success"); err != nil {
		t.Fatal(err)
	}
	if len(clock.slept) != polls {
		t.Fatalf("slept %d times (%v), want %d", len(clock.slept), clock.slept, polls)
	}
	for n, d := range clock.slept {
		full := time.Duration(math.Min(float64(PollFirst)*math.Pow(PollGrowth, float64(n)), float64(PollMax)))
		if d > full || d < full*8/10 {
			t.Fatalf("interval %d is %v, want %v less up to 20%% (all: %v)", n, d, full, clock.slept)
		}
	}
	if last := clock.slept[polls-1]; last < PollMax*8/10 {
		t.Fatalf("the intervals level off at %v, want PollMax %v less up to 20%%", last, PollMax)
	}
}
