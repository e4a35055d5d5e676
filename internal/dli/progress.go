package dli

import (
	"context"
	"fmt"
	"time"
)

// What an observed wait tells as it goes: Terraform actions show it to the
// user while they wait (a data source's read shows nothing but "Still
// reading..."). The one wait loop (wait.go) tells it; nothing else polls.

// HeartbeatEvery bounds the silence of an observed wait while the status
// does not change, measured on the waiter's Clock. (A request in flight is
// bounded by the client's own timeouts, not by this.)
const HeartbeatEvery = 30 * time.Second

// ProgressEvent is why a Progress is told.
type ProgressEvent int

const (
	// ProgressChanged: the first status read, or one that differs from the
	// status before.
	ProgressChanged ProgressEvent = iota
	// ProgressStill: HeartbeatEvery passed without a change.
	ProgressStill
	// ProgressReached: the job reached a status waited for; the last event.
	ProgressReached
)

// Progress is one event of an observed wait.
type Progress struct {
	Event  ProgressEvent
	Kind   Kind
	JobID  string
	Status string        // verbatim, as the API answered it
	Waited time.Duration // since the wait began
}

// String is the line a user sees, e.g. "batch 0a1b... is running (2m30s)".
func (p Progress) String() string {
	waited := formatDuration(p.Waited.Round(time.Second))
	switch p.Event {
	case ProgressStill:
		return fmt.Sprintf("%s %s is still %s (%s)", p.Kind.Noun, p.JobID, p.Status, waited)
	case ProgressReached:
		return fmt.Sprintf("%s %s reached %s (%s)", p.Kind.Noun, p.JobID, p.Status, waited)
	}
	return fmt.Sprintf("%s %s is %s (%s)", p.Kind.Noun, p.JobID, p.Status, waited)
}

// observer tells one wait's Progress to observe, if set.
type observer struct {
	observe  func(Progress)
	clock    Clock
	start    time.Time
	lastTold time.Time
	kind     Kind
	jobID    string
	status   string
}

func (o *observer) tell(e ProgressEvent) {
	now := o.clock.Now()
	o.lastTold = now
	o.observe(Progress{Event: e, Kind: o.kind, JobID: o.jobID, Status: o.status, Waited: now.Sub(o.start)})
}

// polled hears each status read that is not a target: a change is told at
// once; the same status waits for the heartbeat (sleep).
func (o *observer) polled(status string, changed bool) {
	if o.observe == nil {
		return
	}
	o.status = status
	if changed {
		o.tell(ProgressChanged)
	}
}

func (o *observer) reached(status string) {
	if o.observe == nil {
		return
	}
	o.status = status
	o.tell(ProgressReached)
}

// sleep is the clock's Sleep between polls; observed, it wakes to tell a
// heartbeat whenever one falls due before d has passed (at once, when a
// slow poll has already let one fall due).
func (o *observer) sleep(ctx context.Context, d time.Duration) error {
	if o.observe == nil {
		return o.clock.Sleep(ctx, d)
	}
	for d > 0 {
		due := max(o.lastTold.Add(HeartbeatEvery).Sub(o.clock.Now()), 0)
		if due > d {
			return o.clock.Sleep(ctx, d)
		}
		if err := o.clock.Sleep(ctx, due); err != nil {
			return err
		}
		d -= due
		o.tell(ProgressStill)
	}
	return nil
}
