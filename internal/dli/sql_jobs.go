package dli

import (
	"context"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Orders of the SQL job list, as the official SDK's ListSqlJobsRequest names them.
const (
	SQLOrderStartedDesc  = "start_time_desc" // newest first; the API's default
	SQLOrderStartedAsc   = "start_time_asc"
	SQLOrderDurationDesc = "duration_desc"
	SQLOrderDurationAsc  = "duration_asc"
)

// SQLJobTypes are the job types the SQL job list filters on (ALL: every type).
var SQLJobTypes = []string{"DDL", "DCL", "IMPORT", "EXPORT", "QUERY", "INSERT", "DATA_MIGRATION", "UPDATE", "DELETE", "RESTART_QUEUE", "SCALE_QUEUE", "ALL"}

// SQLJobFilter selects SQL jobs of a list; zero fields do not filter.
type SQLJobFilter struct {
	QueueName, Owner, TableName, DatabaseName string
	// JobType and Status are sent upper-case, as the API names them.
	JobType, Status string
	// StartedAfter and StartedBefore bound the start time.
	StartedAfter, StartedBefore time.Time
	// Order is one of the SQLOrder constants; empty leaves the API's default.
	Order string
}

func (f SQLJobFilter) query() url.Values {
	q := url.Values{}
	for name, v := range map[string]string{
		"queue_name": f.QueueName, "owner": f.Owner, "table_name": f.TableName, "db_name": f.DatabaseName,
		"job-type": strings.ToUpper(f.JobType), "job-status": strings.ToUpper(f.Status), "order": f.Order,
	} {
		if v != "" {
			q.Set(name, v)
		}
	}
	setTimeRange(q, f.StartedAfter, f.StartedBefore)
	return q
}

// setTimeRange sets the start and end parameters (ms) that bound a list's times.
func setTimeRange(q url.Values, after, before time.Time) {
	if !after.IsZero() {
		q.Set("start", strconv.FormatInt(after.UnixMilli(), 10))
	}
	if !before.IsZero() {
		q.Set("end", strconv.FormatInt(before.UnixMilli(), 10))
	}
}

// sqlJobPageJSON is one page of GET /v1.0/{project_id}/jobs.
type sqlJobPageJSON struct {
	body
	JobCount *int64        `json:"job_count"`
	Jobs     *[]sqlJobJSON `json:"jobs"`
}

// SQLJobs lists at most limit SQL jobs matching f, in the filter's order:
// one request per page (current-page from 1, page-size at most
// MaxPageSize), stopping at limit or on a short page.
func (c *Client) SQLJobs(ctx context.Context, projectID string, f SQLJobFilter, limit int) ([]SQLJob, error) {
	return collect(ctx, limit, nil, func(ctx context.Context, page, size int) ([]SQLJob, error) {
		q := f.query()
		q.Set("current-page", strconv.Itoa(page+1))
		q.Set("page-size", strconv.Itoa(size))
		k := dliCall(projectID, listSubject(SQLJobKind, projectID), q, "v1.0", projectID, "jobs")
		return do(ctx, c, k, func(resp *response) ([]SQLJob, error) {
			var p sqlJobPageJSON
			if err := resp.decodeInto(&p); err != nil {
				return nil, err
			}
			items, err := pageItems(resp, p.Jobs, p.JobCount, "jobs")
			if err != nil {
				return nil, err
			}
			out := make([]SQLJob, len(items))
			for i := range items {
				if out[i], err = items[i].job(resp, ""); err != nil {
					return nil, err
				}
			}
			return out, nil
		})
	})
}
