package dli

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
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

// Waiter polls a job of any kind until it reaches one of a set of statuses.
type Waiter struct {
	Client   *Client
	Schedule PollSchedule // nil means DefaultPollSchedule
	Clock    Clock        // nil means RealClock
	// Observe, when set, hears how the wait goes (progress.go): each
	// change of status, a heartbeat at least every HeartbeatEvery of the
	// Clock's time while nothing changes, and the target status reached.
	Observe func(Progress)
}

// UnexpectedStateError: the job is in a status it will not leave by itself,
// and that is not one of the statuses waited for.
type UnexpectedStateError struct {
	Kind    Kind
	JobID   string
	State   string
	Message string // DLI's reason, e.g. a failed SQL job's message; may be empty
	Targets []string
}

func (e *UnexpectedStateError) Error() string {
	why := ""
	if e.Message != "" {
		why = fmt.Sprintf(" (DLI's message: %q)", e.Message)
	}
	after := "it is final"
	if action := e.Kind.comeBack(e.State); action != "" {
		after = "a person must act: " + action
	}
	return fmt.Sprintf("%s %q reached the terminal %s %q%s, which is not one of the %s waited for (%s); it will not change by itself (%s)",
		e.Kind.Noun, e.JobID, e.Kind.StatusWord, e.State, why, e.Kind.StatusWords(), strings.Join(e.Targets, ", "), after)
}

// WaitTimeoutError: the deadline came before the job reached a target status.
type WaitTimeoutError struct {
	Kind      Kind
	JobID     string
	LastState string // empty when no poll succeeded
	Targets   []string
	Waited    time.Duration
	Polls     int
	Cause     error // the failing request, when the deadline cut one short
}

func (e *WaitTimeoutError) Error() string {
	last := fmt.Sprintf("the last %s seen was %q", e.Kind.StatusWord, e.LastState)
	if e.LastState == "" {
		last = "no " + e.Kind.StatusWord + " was read"
	}
	msg := fmt.Sprintf("timed out after %s waiting for %s %q to reach %s: %s after %s",
		formatDuration(e.Waited), e.Kind.Noun, e.JobID, strings.Join(e.Targets, " or "), last, plural(e.Polls, "poll"))
	if e.Cause != nil {
		msg += fmt.Sprintf(" (%v)", e.Cause)
	}
	return msg
}

func (e *WaitTimeoutError) Unwrap() error { return context.DeadlineExceeded }

// pollable is what a Waiter can poll: a job's status, and DLI's reason
// for it (empty when the API gives none).
type pollable interface {
	status() string
	reason() string
}

func (s BatchState) status() string { return s.State }
func (s BatchState) reason() string { return "" }

// A batch's details give no reason but its log, whose last line is where
// Spark says why it died.
func (b Batch) reason() string {
	for i := len(b.Log) - 1; i >= 0; i-- {
		if line := strings.TrimSpace(b.Log[i]); line != "" {
			return line
		}
	}
	return ""
}

// waitUntil is the one polling loop, for every kind of job, around one read.
func waitUntil[T pollable](ctx context.Context, w Waiter, kind Kind, jobID string, targets []string, read func(context.Context) (T, error)) (T, error) {
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
	tell := observer{observe: w.Observe, clock: clock, start: start, kind: kind, jobID: jobID}
	// stopped explains why waiting ended early, on a failed poll or sleep:
	// past the caller's deadline it is the timeout (with a failed poll as its
	// cause); a cancellation is reported as such; otherwise err itself.
	stopped := func(err error, pollFailed bool, polls int) error {
		switch {
		case errors.Is(ctx.Err(), context.DeadlineExceeded):
			timeout := &WaitTimeoutError{Kind: kind, JobID: jobID, LastState: lastState, Targets: targets,
				Waited: clock.Now().Sub(start), Polls: polls}
			if pollFailed {
				timeout.Cause = err
			}
			return timeout
		case ctx.Err() != nil:
			return fmt.Errorf("stopped waiting for %s %q: %w", kind.Noun, jobID, ctx.Err())
		}
		return err
	}
	for n := 0; ; n++ {
		s, err := read(ctx)
		if err != nil {
			return last, stopped(err, true, n)
		}
		changed := n == 0 || s.status() != lastState
		last, lastState = s, s.status()
		if containsFold(targets, lastState) {
			tell.reached(lastState)
			return s, nil
		}
		tell.polled(lastState, changed)
		if kind.IsTerminal(lastState) {
			return s, &UnexpectedStateError{Kind: kind, JobID: jobID, State: lastState, Message: s.reason(), Targets: targets}
		}
		next := schedule(n)
		w.Client.logger.Debug(ctx, "DLI job not yet in a target state", map[string]any{
			"kind": kind.Noun, "job_id": jobID, "poll": n + 1, kind.StatusWord: lastState,
			"wait_for": strings.Join(targets, ","), "next_poll_in": next.String(),
		})
		if err := tell.sleep(ctx, next); err != nil {
			return last, stopped(err, false, n+1)
		}
	}
}
