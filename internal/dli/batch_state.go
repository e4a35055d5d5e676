package dli

import (
	"context"
	"fmt"
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

// KnownStates lists the documented states in their lifecycle order.
var KnownStates = []string{StateStarting, StateRunning, StateRecovering, StateSuccess, StateDead}

// IsTerminal reports whether a batch in this state can never change again.
func IsTerminal(state string) bool { return BatchKind.IsTerminal(state) }

// BatchState is the answer of GET /v2.0/{project_id}/batches/{batch_id}/state.
type BatchState struct {
	// ID is the batch ID the API returned, or the one asked for when the
	// answer had none.
	ID string
	// State is exactly as the API returned it.
	State string
}

// Terminal reports whether the state is success or dead, ignoring case.
func (s BatchState) Terminal() bool { return IsTerminal(s.State) }

// BatchState reads one batch's state: one request, plus retries of
// transient failures. Its errors name the batch and never quote a
// credential, even when the answer echoes one.
func (c *Client) BatchState(ctx context.Context, projectID, batchID string) (BatchState, error) {
	k := dliCall(projectID, batchSubject(projectID, batchID), nil, "v2.0", projectID, "batches", batchID, "state")
	return do(ctx, c, k, func(resp *response) (BatchState, error) {
		b, err := resp.decode()
		if err != nil {
			return BatchState{}, err
		}
		return batchStateFrom(resp, b, batchID)
	})
}

func batchSubject(projectID, batchID string) string { return jobSubject(BatchKind, projectID, batchID) }

// jobSubject names one job of a kind in API errors.
func jobSubject(kind Kind, projectID, jobID string) string {
	return fmt.Sprintf("%s %q in project %q", kind.Noun, jobID, projectID)
}

// listSubject names a list of jobs of a kind in API errors.
func listSubject(kind Kind, projectID string) string {
	return fmt.Sprintf("%s in project %q", kind.Plural, projectID)
}

func batchStateFrom(resp *response, b body, batchID string) (BatchState, error) {
	if b.State == nil || *b.State == "" {
		return BatchState{}, resp.malformed("the answer has no state: " + resp.snippet())
	}
	s := BatchState{ID: batchID, State: *b.State}
	if b.ID != nil && *b.ID != "" {
		s.ID = *b.ID
	}
	return s, nil
}
