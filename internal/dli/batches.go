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
// is not read: what it counts is not documented (the official provider
// ignores it too).
type batchPageJSON struct {
	body
	Sessions *[]batchJSON `json:"sessions"`
}

// Batches lists at most limit batches matching f, in the filter's order.
// It sends one request per page of at most MaxPageSize batches, and stops
// at limit or at a page shorter than asked for, never on the answer's
// total.
func (c *Client) Batches(ctx context.Context, projectID string, f BatchFilter, limit int) ([]Batch, error) {
	batches, err := c.listBatches(ctx, projectID, f, limit)
	if err != nil {
		return nil, c.explain(err, listSubject(BatchKind, projectID))
	}
	return batches, nil
}

func (c *Client) listBatches(ctx context.Context, projectID string, f BatchFilter, limit int) ([]Batch, error) {
	q := f.query()
	out := []Batch{}
	for from := 0; len(out) < limit; {
		size := min(MaxPageSize, limit-len(out))
		q.Set("from", strconv.Itoa(from))
		q.Set("size", strconv.Itoa(size))
		resp, err := c.get(ctx, q, "v2.0", projectID, "batches")
		if err != nil {
			return nil, err
		}
		var page batchPageJSON
		if err := resp.decodeInto(&page); err != nil {
			return nil, err
		}
		if page.Sessions == nil {
			return nil, resp.malformed("the answer has no sessions: " + snippet(resp.body))
		}
		sessions := *page.Sessions
		for i := range sessions[:min(len(sessions), limit-len(out))] {
			b, err := sessions[i].batch(resp, "")
			if err != nil {
				return nil, err
			}
			out = append(out, b)
		}
		if len(sessions) < size {
			break // the end of the list
		}
		from += len(sessions)
	}
	return out, nil
}
