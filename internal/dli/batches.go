package dli

import (
	"context"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Orders of the batch list, as the API names them.
const (
	OrderCreatedDesc  = "CREATE_TIME_DESC" // newest first; the API's default
	OrderCreatedAsc   = "CREATE_TIME_ASC"
	OrderDurationDesc = "DURATION_DESC"
	OrderDurationAsc  = "DURATION_ASC"
)

// MaxPageSize is the most batches one list request asks for.
const MaxPageSize = 100

// BatchFilter selects batches of a list; zero fields do not filter.
type BatchFilter struct {
	JobName, QueueName, ClusterName, Owner string
	// State is sent lower-case, as the API documents the states.
	State string
	// CreatedAfter and CreatedBefore bound the creation time.
	CreatedAfter, CreatedBefore time.Time
	// Order is one of the Order constants; empty leaves the API's default.
	Order string
}

func (f BatchFilter) query() url.Values {
	q := url.Values{}
	for name, v := range map[string]string{
		"job_name": f.JobName, "queue_name": f.QueueName, "cluster_name": f.ClusterName,
		"owner": f.Owner, "state": strings.ToLower(f.State), "order": f.Order,
	} {
		if v != "" {
			q.Set(name, v)
		}
	}
	if !f.CreatedAfter.IsZero() {
		q.Set("start", strconv.FormatInt(f.CreatedAfter.UnixMilli(), 10))
	}
	if !f.CreatedBefore.IsZero() {
		q.Set("end", strconv.FormatInt(f.CreatedBefore.UnixMilli(), 10))
	}
	return q
}

// batchPageJSON is one page of GET /v2.0/{project_id}/batches. Its total
// does not page: what it counts is not documented (the official provider
// ignores it too); a zero one only explains an absent list (pageItems).
type batchPageJSON struct {
	body
	Total    *int64       `json:"total"`
	Sessions *[]batchJSON `json:"sessions"`
}

// Batches lists at most limit batches matching f, in the filter's order:
// one request per page (from counts batches, size at most MaxPageSize),
// stopping at limit or on a short page (collect).
func (c *Client) Batches(ctx context.Context, projectID string, f BatchFilter, limit int) ([]Batch, error) {
	return collect(ctx, limit, nil, func(ctx context.Context, page, size int) ([]Batch, error) {
		q := f.query()
		q.Set("from", strconv.Itoa(page*size))
		q.Set("size", strconv.Itoa(size))
		k := dliCall(projectID, listSubject(BatchKind, projectID), q, "v2.0", projectID, "batches")
		return do(ctx, c, k, func(resp *response) ([]Batch, error) {
			var p batchPageJSON
			if err := resp.decodeInto(&p); err != nil {
				return nil, err
			}
			sessions, err := pageItems(resp, p.Sessions, p.Total, "sessions")
			if err != nil {
				return nil, err
			}
			batches := make([]Batch, 0, len(sessions))
			for _, s := range sessions {
				b, err := s.batch(resp, "")
				if err != nil {
					return nil, err
				}
				batches = append(batches, b)
			}
			return batches, nil
		})
	})
}
