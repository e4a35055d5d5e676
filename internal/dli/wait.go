package dli

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"time"
)

// PollSchedule gives the interval to wait after poll n (0-based) before the next one.
type PollSchedule func(n int) time.Duration

// Polling bounds: the first re-poll comes after at most PollFirst, intervals
// grow by PollGrowth, and never exceed PollMax.
const (
	PollFirst  = 2 * time.Second
	PollGrowth = 1.6
	PollMax    = 30 * time.Second
)

// DefaultPollSchedule grows from PollFirst by PollGrowth to PollMax, each
// interval jittered down by up to 20% so that many waiting reads do not poll
// in lockstep.
func DefaultPollSchedule(n int) time.Duration {
	return pollInterval(n, rand.Float64())
}

func pollInterval(n int, r float64) time.Duration {
	d := float64(PollFirst) * math.Pow(PollGrowth, float64(n))
	if d > float64(PollMax) || math.IsInf(d, 0) {
		d = float64(PollMax)
	}
	return time.Duration(d * (1 - 0.2*r))
}

// Clock is the time the waiter sees; tests inject one that does not sleep.
type Clock interface {
	Now() time.Time
	// Sleep waits for d, or returns ctx.Err() as soon as ctx is done.
	Sleep(ctx context.Context, d time.Duration) error
}

// RealClock is the wall clock.
type RealClock struct{}

func (RealClock) Now() time.Time { return time.Now() }

func (RealClock) Sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// Waiter polls a batch until it reaches one of a set of states.
type Waiter struct {
	Client   *Client
	Schedule PollSchedule // nil means DefaultPollSchedule
	Clock    Clock        // nil means RealClock
}

// UnexpectedStateError: the batch ended in a state it can never leave, and
// that is not one of the states waited for.
type UnexpectedStateError struct {
	BatchID string
	State   string
	Targets []string
}

func (e *UnexpectedStateError) Error() string {
	return fmt.Sprintf("batch %q reached the terminal state %q, which is not one of the states waited for (%s); it can never change again",
		e.BatchID, e.State, strings.Join(e.Targets, ", "))
}

// WaitTimeoutError: the deadline came before the batch reached a target state.
type WaitTimeoutError struct {
	BatchID   string
	LastState string // empty when no poll succeeded
	Targets   []string
	Waited    time.Duration
	Polls     int
	Cause     error // the failing request, when the deadline cut one short
}

func (e *WaitTimeoutError) Error() string {
	last := fmt.Sprintf("the last state seen was %q", e.LastState)
	if e.LastState == "" {
		last = "no state was read"
	}
	msg := fmt.Sprintf("timed out after %s waiting for batch %q to reach %s: %s after %s",
		formatDuration(e.Waited), e.BatchID, strings.Join(e.Targets, " or "), last, plural(e.Polls, "poll"))
	if e.Cause != nil {
		msg += fmt.Sprintf(" (%v)", e.Cause)
	}
	return msg
}

func (e *WaitTimeoutError) Unwrap() error { return context.DeadlineExceeded }

// Wait polls the state call until the batch's state is one of targets
// (ignoring case) and returns it. It fails at once on a terminal state that
// is not a target, with a *WaitTimeoutError when ctx's deadline passes, and
// with ctx.Err() (wrapped) when ctx is cancelled.
func (w Waiter) Wait(ctx context.Context, projectID, batchID string, targets []string) (BatchState, error) {
	return waitUntil(ctx, w, batchID, targets, func(ctx context.Context) (BatchState, error) {
		return w.Client.BatchState(ctx, projectID, batchID)
	})
}

// WaitBatch is Wait polling the details call, so that the final answer
// carries all of the batch's fields.
func (w Waiter) WaitBatch(ctx context.Context, projectID, batchID string, targets []string) (Batch, error) {
	return waitUntil(ctx, w, batchID, targets, func(ctx context.Context) (Batch, error) {
		return w.Client.Batch(ctx, projectID, batchID)
	})
}

// pollable is what a Waiter can poll: BatchState and Batch.
type pollable interface{ state() string }

func (s BatchState) state() string { return s.State }

// waitUntil is the polling loop of Wait and WaitBatch around one read.
func waitUntil[T pollable](ctx context.Context, w Waiter, batchID string, targets []string, read func(context.Context) (T, error)) (T, error) {
	schedule, clock := w.Schedule, w.Clock
	if schedule == nil {
		schedule = DefaultPollSchedule
	}
	if clock == nil {
		clock = RealClock{}
	}
	start := clock.Now()
	var last T
	lastState := ""
	// stopped explains why waiting ended early, on a failed poll or sleep:
	// past the caller's deadline it is the timeout (with a failed poll as its
	// cause); a cancellation is reported as such; otherwise err itself.
	stopped := func(err error, pollFailed bool, polls int) error {
		switch {
		case errors.Is(ctx.Err(), context.DeadlineExceeded):
			timeout := &WaitTimeoutError{BatchID: batchID, LastState: lastState, Targets: targets,
				Waited: clock.Now().Sub(start), Polls: polls}
			if pollFailed {
				timeout.Cause = err
			}
			return timeout
		case ctx.Err() != nil:
			return fmt.Errorf("stopped waiting for batch %q: %w", batchID, ctx.Err())
		}
		return err
	}
	for n := 0; ; n++ {
		s, err := read(ctx)
		if err != nil {
			return last, stopped(err, true, n)
		}
		last, lastState = s, s.state()
		if matches(lastState, targets) {
			return s, nil
		}
		if IsTerminal(lastState) {
			return s, &UnexpectedStateError{BatchID: batchID, State: lastState, Targets: targets}
		}
		next := schedule(n)
		w.Client.logger.Debug(ctx, "DLI batch not yet in a target state", map[string]any{
			"batch_id": batchID, "poll": n + 1, "state": lastState,
			"wait_for": strings.Join(targets, ","), "next_poll_in": next.String(),
		})
		if err := clock.Sleep(ctx, next); err != nil {
			return last, stopped(err, false, n+1)
		}
	}
}

func matches(state string, targets []string) bool {
	return slices.ContainsFunc(targets, func(t string) bool { return strings.EqualFold(t, state) })
}
