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
	BatchOrderCreatedDesc  = "CREATE_TIME_DESC" // newest first; the API's default
	BatchOrderCreatedAsc   = "CREATE_TIME_ASC"
	BatchOrderDurationDesc = "DURATION_DESC"
	BatchOrderDurationAsc  = "DURATION_ASC"
)

// MaxListPageSize is the most batches one list request asks for.
const MaxListPageSize = 100

// BatchFilter selects batches of a list; zero fields do not filter.
type BatchFilter struct {
	// JobName keeps only batches of exactly this job name; DLI's own
	// filter matches part of a name, so the client drops the other matches.
	JobName, QueueName, ClusterName string
	// Owner keeps only the batches of this owner. The official SDK's
	// ListSparkJobsRequest has no owner parameter, so it is not sent: the
	// client checks it.
	Owner string
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
		"state": strings.ToLower(f.State), "order": f.Order,
	} {
		if v != "" {
			q.Set(name, v)
		}
	}
	setTimeRange(q, f.CreatedAfter, f.CreatedBefore)
	return q
}

// keep drops the batches DLI's partial name match let through, and those
// of another owner.
func (f BatchFilter) keep(b Batch) bool {
	return (f.JobName == "" || (b.Name != nil && *b.Name == f.JobName)) &&
		(f.Owner == "" || (b.Owner != nil && *b.Owner == f.Owner))
}

// batchPageJSON is one page of GET /v2.0/{project_id}/batches. Its total
// does not page: what it counts is not documented (the official provider
// ignores it too); a zero one only explains an absent list (pageItems).
type batchPageJSON struct {
	body
	Total    *int64       `json:"total"`
	Sessions *[]batchJSON `json:"sessions"`
}

func (p *batchPageJSON) payload() bool { return p.Sessions != nil || p.Total != nil }

// Batches lists at most limit batches matching f, in the filter's order:
// one request per page (from counts batches, size at most MaxListPageSize),
// stopping at limit or on a short page (collect).
func (c *Client) Batches(ctx context.Context, projectID string, f BatchFilter, limit int) (List[Batch], error) {
	return collect(ctx, limit, pageSize(limit), f.keep, func(ctx context.Context, page, size int) ([]batchJSON, error) {
		q := f.query()
		q.Set("from", strconv.Itoa(page*size))
		q.Set("size", strconv.Itoa(size))
		k := dliCall(&BatchKind, projectID, "", q, "v2.0", projectID, "batches")
		return do(ctx, c, k, func(resp *response) ([]batchJSON, error) {
			var p batchPageJSON
			if err := resp.decodeInto(&p); err != nil {
				return nil, err
			}
			return pageItems(resp, p.Sessions, p.Total, "sessions")
		})
	})
}
