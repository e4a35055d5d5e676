package dli

import (
	"context"
	"encoding/json"
	"errors"
	"time"
)

// Batch is one batch's details: the answer of
// GET /v2.0/{project_id}/batches/{batch_id}, and an entry of the batch list.
// A field the answer did not carry is nil; strings are as the API sent them.
type Batch struct {
	BatchState
	Name, Queue, Owner, ProxyUser, Kind, SCType *string
	ClusterName, Image, Feature, SparkVersion   *string
	// AppIDs are the batch's Spark application IDs (empty before one runs).
	AppIDs []string
	// Log is the last lines of the batch's log that the API returns.
	Log                  []string
	CreatedAt, UpdatedAt *time.Time
	// Duration is only in the entries of the batch list.
	Duration *time.Duration
}

// batchJSON is a batch as DLI sends it, times in milliseconds.
type batchJSON struct {
	body
	AppID        appIDs   `json:"appId"`
	Name         *string  `json:"name"`
	Owner        *string  `json:"owner"`
	ProxyUser    *string  `json:"proxyUser"`
	Kind         *string  `json:"kind"`
	Log          []string `json:"log"`
	SCType       *string  `json:"sc_type"`
	ClusterName  *string  `json:"cluster_name"`
	Queue        *string  `json:"queue"`
	Image        *string  `json:"image"`
	CreateTime   *int64   `json:"create_time"`
	UpdateTime   *int64   `json:"update_time"`
	Feature      *string  `json:"feature"`
	SparkVersion *string  `json:"spark_version"`
	Duration     *int64   `json:"duration"`
}

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

// batch checks and converts one batch of an answer; askedID stands in for
// an answer without an ID.
func (j *batchJSON) batch(resp *response, askedID string) (Batch, error) {
	s, err := batchStateFrom(resp, j.body, askedID)
	if err != nil {
		return Batch{}, err
	}
	if s.ID == "" {
		return Batch{}, resp.malformed("a batch in the answer has no id: " + resp.snippet())
	}
	return Batch{
		BatchState: s,
		Name:       j.Name, Queue: j.Queue, Owner: j.Owner, ProxyUser: j.ProxyUser, Kind: j.Kind, SCType: j.SCType,
		ClusterName: j.ClusterName, Image: j.Image, Feature: j.Feature, SparkVersion: j.SparkVersion,
		AppIDs: j.AppID, Log: j.Log,
		CreatedAt: fromMillis(j.CreateTime), UpdatedAt: fromMillis(j.UpdateTime),
		Duration: durationFromMillis(j.Duration),
	}, nil
}

func fromMillis(ms *int64) *time.Time {
	if ms == nil {
		return nil
	}
	t := time.UnixMilli(*ms).UTC()
	return &t
}

func durationFromMillis(ms *int64) *time.Duration {
	if ms == nil {
		return nil
	}
	d := time.Duration(*ms) * time.Millisecond
	return &d
}

// Batch reads one batch's details: one request, plus retries of transient
// failures, with the same errors as BatchState.
func (c *Client) Batch(ctx context.Context, projectID, batchID string) (Batch, error) {
	k := dliCall(projectID, batchSubject(projectID, batchID), nil, "v2.0", projectID, "batches", batchID)
	return do(ctx, c, k, func(resp *response) (Batch, error) {
		var j batchJSON
		if err := resp.decodeInto(&j); err != nil {
			return Batch{}, err
		}
		return j.batch(resp, batchID)
	})
}
