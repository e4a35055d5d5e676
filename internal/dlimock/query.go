package dlimock

import (
	"fmt"
	"net/http"
	"slices"
	"sort"
)

// queryParams are the query parameters each route knows, as the official
// SDK's request definitions name them (services/dli/v1/dli_meta.go: the
// hyphens of page-size, current-page, job-status and job-type, the
// underscores of db_name, queue_name and job_type). A route not listed
// takes none. A parameter the route does not know is a DLI.0001, so that a
// client that misspells one (page_size for page-size) is caught here
// instead of being silently ignored, as the real API may do.
var queryParams = map[string][]string{
	// ListSparkJobs, and owner, which the official provider's
	// huaweicloud_dli_spark_jobs sends and DLI's documentation lists.
	"GET /v2.0/{project}/batches": {"cluster_name", "end", "from", "job_name", "job-id", "order", "owner", "queue_name", "size", "start", "state"},
	// ListSqlJobs.
	"GET /v1.0/{project}/jobs": {"current-page", "db_name", "end", "engine-type", "job-status", "job-id", "job-type", "job_types", "order",
		"owner", "page-size", "queue_name", "sql_pattern", "start", "table_name", "tags"},
	// ListFlinkJobs.
	"GET /v1.0/{project}/streaming/jobs": {"job_type", "limit", "name", "offset", "order", "queue_name", "root_job_id", "show_detail",
		"status", "sys_enterprise_project_name", "tags", "user_name"},
	// ListQueues, and what DLI's documentation adds and the official
	// provider's huaweicloud_dli_queues sends: page-size, current-page, order.
	"GET /v1.0/{project}/queues": {"current-page", "order", "page-size", "queue_type", "tags", "with-charge-info", "with-priv"},
	// ListElasticResourcePools.
	"GET /v3/{project}/elastic-resource-pools": {"limit", "name", "offset", "status", "tags"},
	// Keystone's project list.
	"GET /v3/projects": {"domain_id", "enabled", "is_domain", "name", "page", "parent_id", "per_page"},
}

// queryOK answers DLI.0001 and returns false when the request carries a
// query parameter its route does not know.
func (m *Mock) queryOK(w http.ResponseWriter, r *http.Request) bool {
	_, pattern := m.mux.Handler(r)
	known := queryParams[pattern]
	var unknown []string
	for name := range r.URL.Query() {
		if !slices.Contains(known, name) {
			unknown = append(unknown, name)
		}
	}
	if len(unknown) == 0 {
		return true
	}
	sort.Strings(unknown)
	writeError(w, http.StatusBadRequest, "DLI.0001", fmt.Sprintf("Unknown query parameters %q for %s", unknown, r.URL.Path))
	return false
}
