package dli

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
)

// Batch is one batch's details: the answer of
// GET /v2.0/{project_id}/batches/{batch_id}, and an entry of the batch list,
// decoded straight from the answer. A field the answer did not carry is
// nil; strings are as the API sent them.
type Batch struct {
	BatchState `json:"-"` // the answer's id and state, checked (batchJSON)
	Name       *string    `json:"name"`
	Queue      *string    `json:"queue"`
	Owner      *string    `json:"owner"`
	ProxyUser  *string    `json:"proxyUser"`
	SCType     *string    `json:"sc_type"`
	// SparkKind is the batch's kind as DLI names it (its "kind" field).
	SparkKind    *string `json:"kind"`
	ClusterName  *string `json:"cluster_name"`
	Image        *string `json:"image"`
	Feature      *string `json:"feature"`
	SparkVersion *string `json:"spark_version"`
	// AppIDs are the batch's Spark application IDs (empty before one runs).
	AppIDs appIDs `json:"appId"`
	// Log is the last lines of the batch's log that the API returns.
	Log       []string    `json:"log"`
	CreatedAt *MillisTime `json:"create_time"`
	UpdatedAt *MillisTime `json:"update_time"`
	// Duration is only in the entries of the batch list.
	Duration *MillisDuration `json:"duration"`
}

// batchJSON is a batch as DLI sends it: its id and state are body's.
type batchJSON struct {
	body
	Batch
}

func (j *batchJSON) payload() bool { return j.ID != nil || j.State != nil }

// appIDs accepts appId as the official SDK has it (a string) and as older
// documentation has it (an array of strings). An empty string is no ID.
type appIDs []string

func (a *appIDs) UnmarshalJSON(data []byte) error {
	if string(data) == "null" {
		return nil
	}
	var one string
	if err := json.Unmarshal(data, &one); err == nil {
		*a = appIDs{}
		if one != "" {
			*a = appIDs{one}
		}
		return nil
	}
	var many []string
	if err := json.Unmarshal(data, &many); err != nil {
		return errors.New("appId is neither a string nor an array of strings")
	}
	*a = append(appIDs{}, many...)
	return nil
}

// batch checks and converts the batch of a single read; askedID stands in
// for an answer without an ID. Its state is what was asked for.
func (j *batchJSON) batch(resp *response, askedID string) (Batch, error) {
	s, err := batchStateFrom(resp, j.body, askedID)
	if err != nil {
		return Batch{}, err
	}
	return j.convert(s.ID), nil
}

// entry converts one batch of a list: kept whatever else it lacks, left
// out (false) without its ID.
func (j batchJSON) entry() (Batch, bool) {
	id := valueOf(j.ID)
	return j.convert(id), id != ""
}

func (j *batchJSON) convert(id string) Batch {
	b := j.Batch
	b.BatchState = BatchState{ID: id, State: valueOf(j.State)}
	return b
}

// blank says a text the answer must have is absent, empty or white space:
// nothing a status could be.
func blank(s *string) bool { return s == nil || strings.TrimSpace(*s) == "" }

// valueOf is a string the answer may lack; "" when it does.
func valueOf(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// Batch reads one batch's details: one request, plus retries of transient
// failures, with the same errors as BatchState.
func (c *Client) Batch(ctx context.Context, projectID, batchID string) (Batch, error) {
	k := dliCall(&BatchKind, projectID, batchID, nil, "v2.0", projectID, "batches", batchID)
	return do(ctx, c, k, func(resp *response) (Batch, error) {
		var j batchJSON
		if err := resp.decodeInto(&j); err != nil {
			return Batch{}, err
		}
		return j.batch(resp, batchID)
	})
}

// WaitBatch is WaitBatchState polling the details call, so that the final answer
// carries all of the batch's fields.
func (w Waiter) WaitBatch(ctx context.Context, projectID, batchID string, targets []string) (Batch, error) {
	return waitUntil(ctx, w, BatchKind, batchID, targets, func(ctx context.Context) (Batch, error) {
		return w.Client.Batch(ctx, projectID, batchID)
	})
}
