package dli

import (
	"context"
	"net/url"
	"strconv"
	"strings"
)

// Orders of the Flink job list (by creation time), as the API names them.
const (
	FlinkOrderCreatedDesc = "desc" // newest first; the API's default
	FlinkOrderCreatedAsc  = "asc"
)

// FlinkJobTypes are the job types the Flink job list filters on, as the
// official SDK's ListFlinkJobsRequest enumerates them.
var FlinkJobTypes = []string{"flink_sql_job", "flink_opensource_sql_job", "flink_sql_edge_job", "flink_jar_job"}

// FlinkJobFilter selects Flink jobs of a list; zero fields do not filter.
type FlinkJobFilter struct {
	// Name keeps only jobs of exactly this name; DLI's own filter matches
	// part of a name, so the client drops the other matches.
	Name, QueueName string
	// Status and JobType are sent lower-case, as the API names them.
	Status, JobType string
	// Order is one of the FlinkOrder constants; empty leaves the API's default.
	Order string
	// Tags keeps only jobs with every one of these tags.
	Tags map[string]string
}

func (f FlinkJobFilter) query() url.Values {
	q := url.Values{}
	for name, v := range map[string]string{
		"name": f.Name, "queue_name": f.QueueName, "status": strings.ToLower(f.Status),
		"job_type": strings.ToLower(f.JobType), "order": f.Order,
	} {
		if v != "" {
			q.Set(name, v)
		}
	}
	setTags(q, f.Tags)
	return q
}

// keep drops the jobs DLI's partial name match let through.
func (f FlinkJobFilter) keep(j FlinkJob) bool {
	return f.Name == "" || (j.Name != nil && *j.Name == f.Name)
}

// flinkJobPageJSON is one page of GET /v1.0/{project_id}/streaming/jobs.
type flinkJobPageJSON struct {
	body
	JobList *struct {
		TotalCount *int64          `json:"total_count"`
		Jobs       *[]flinkJobJSON `json:"jobs"`
	} `json:"job_list"`
}

func (p *flinkJobPageJSON) payload() bool { return p.JobList != nil }

// FlinkJobs lists at most limit Flink jobs matching f, in the filter's
// order: one request per page (offset counts jobs, limit at most
// MaxListPageSize), stopping at limit or on a short page.
func (c *Client) FlinkJobs(ctx context.Context, projectID string, f FlinkJobFilter, limit int) (List[FlinkJob], error) {
	return collect(ctx, limit, pageSize(limit), f.keep, func(ctx context.Context, page, size int) ([]flinkJobJSON, error) {
		q := f.query()
		q.Set("offset", strconv.Itoa(page*size))
		q.Set("limit", strconv.Itoa(size))
		k := dliCall(&FlinkJobKind, projectID, "", q, "v1.0", projectID, "streaming", "jobs")
		return do(ctx, c, k, func(resp *response) ([]flinkJobJSON, error) {
			var p flinkJobPageJSON
			if err := resp.decodeInto(&p); err != nil {
				return nil, err
			}
			if p.JobList == nil {
				return nil, resp.malformed("the answer has no job_list: " + resp.snippet())
			}
			return pageItems(resp, p.JobList.Jobs, p.JobList.TotalCount, "job_list.jobs")
		})
	})
}
