package dli

import (
	"context"
	"net/url"
	"slices"
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

// SQLJobListStatuses are the statuses the SQL job list filters on, as the
// official SDK's ListSqlJobsRequest knows them: more than a job reports
// (SQLJobKind.Statuses).
var SQLJobListStatuses = append(slices.Clone(SQLJobKind.Statuses), "COMPUTED", "SUSPENDED", "ACTIVE", "DELETED", "CREATING", "SCALING")

// SQLJobFilter selects SQL jobs of a list; zero fields do not filter.
type SQLJobFilter struct {
	QueueName, Owner, TableName, DatabaseName string
	// JobType and Status are sent upper-case, as the API names them.
	JobType, Status string
	// StartedAfter and StartedBefore bound the start time.
	StartedAfter, StartedBefore time.Time
	// Order is one of the SQLOrder constants; empty leaves the API's default.
	Order string
	// Tags keeps only jobs with every one of these tags.
	Tags map[string]string
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
	setTags(q, f.Tags)
	return q
}

// setTags sets the tags parameter of the SQL and Flink lists: key=value
// pairs, comma-separated (the official SDK's ListSqlJobsRequest and
// ListFlinkJobsRequest), sorted so that the query is always the same.
func setTags(q url.Values, tags map[string]string) {
	if len(tags) == 0 {
		return
	}
	pairs := make([]string, 0, len(tags))
	for k, v := range tags {
		pairs = append(pairs, k+"="+v)
	}
	slices.Sort(pairs)
	q.Set("tags", strings.Join(pairs, ","))
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

func (p *sqlJobPageJSON) payload() bool { return p.Jobs != nil || p.JobCount != nil }

// SQLJobs lists at most limit SQL jobs matching f, in the filter's order:
// one request per page (current-page from 1, page-size at most
// MaxListPageSize), stopping at limit or on a short page.
func (c *Client) SQLJobs(ctx context.Context, projectID string, f SQLJobFilter, limit int) (List[SQLJob], error) {
	return collect(ctx, limit, pageSize(limit), nil, func(ctx context.Context, page, size int) ([]sqlJobJSON, error) {
		q := f.query()
		q.Set("current-page", strconv.Itoa(page+1))
		q.Set("page-size", strconv.Itoa(size))
		k := dliCall(&SQLJobKind, projectID, "", q, "v1.0", projectID, "jobs")
		return do(ctx, c, k, func(resp *response) ([]sqlJobJSON, error) {
			var p sqlJobPageJSON
			if err := resp.decodeInto(&p); err != nil {
				return nil, err
			}
			return pageItems(resp, p.Jobs, p.JobCount, "jobs")
		})
	})
}
