package dli

import (
	"context"
)

// The documented batch states. DLI's examples also show "Success": every
// comparison ignores case, and states are passed on exactly as received.
const (
	StateStarting   = "starting"
	StateRunning    = "running"
	StateRecovering = "recovering"
	StateSuccess    = "success"
	StateDead       = "dead"
)

// BatchStates lists the documented states in their lifecycle order.
var BatchStates = []string{StateStarting, StateRunning, StateRecovering, StateSuccess, StateDead}

// BatchState is the answer of GET /v2.0/{project_id}/batches/{batch_id}/state.
type BatchState struct {
	// ID is the batch ID the API returned, or the one asked for when the
	// answer had none.
	ID string
	// State is exactly as the API returned it.
	State string
}

// Terminal reports whether the state is success or dead, ignoring case.
func (s BatchState) Terminal() bool { return BatchKind.IsTerminal(s.State) }

// BatchState reads one batch's state: one request, plus retries of
// transient failures. Its errors name the batch and never quote a
// credential, even when the answer echoes one.
func (c *Client) BatchState(ctx context.Context, projectID, batchID string) (BatchState, error) {
	k := dliCall(&BatchKind, projectID, batchID, nil, "v2.0", projectID, "batches", batchID, "state")
	return do(ctx, c, k, func(resp *response) (BatchState, error) {
		b, err := resp.decode()
		if err != nil {
			return BatchState{}, err
		}
		return batchStateFrom(resp, b, batchID)
	})
}

func batchStateFrom(resp *response, b body, batchID string) (BatchState, error) {
	if blank(b.State) {
		return BatchState{}, resp.malformed("the answer has no state: " + resp.snippet())
	}
	s := BatchState{ID: batchID, State: *b.State}
	if b.ID != nil && *b.ID != "" {
		s.ID = *b.ID
	}
	return s, nil
}

// BatchKind is a Spark batch (the /v2.0 batches API).
var BatchKind = Kind{Noun: "batch", Plural: "batches", StatusWord: "state", Statuses: BatchStates, Terminal: []string{StateSuccess, StateDead}, Gate: StateSuccess,
	ID: uuid, IDRule: " in UUID form", IDExample: "0a324461-d9d9-45da-a52a-3b3c7a3d809e"}

// WaitBatchState polls the state call until the batch's state is one of targets
// (ignoring case) and returns it. It fails at once on a terminal state (one
// that will not change by itself) that is not a target, with a *WaitTimeoutError when ctx's deadline passes, and
// with ctx.Err() (wrapped) when ctx is cancelled.
func (w Waiter) WaitBatchState(ctx context.Context, projectID, batchID string, targets []string) (BatchState, error) {
	return waitUntil(ctx, w, BatchKind, batchID, targets, func(ctx context.Context) (BatchState, error) {
		return w.Client.BatchState(ctx, projectID, batchID)
	})
}
