package dlimock

import (
	"cmp"
	"fmt"
	"maps"
	"net/http"
	"slices"
	"strconv"
	"strings"
)

// AddSQLJob scripts a SQL job: request n of its status call answers
// statuses[min(n, len-1)], with details as DLI names them (job_type,
// queue_name, owner, start_time and duration in ms, message, statement,
// database_name, table_name, result_count...). A field left out is
// absent from the answers, but message, which DLI always sends.
func (m *Mock) AddSQLJob(projectID, jobID string, details map[string]any, statuses ...string) {
	m.addJob(m.sqlJobs, projectID, jobID, details, statuses)
}

// AddFlinkJob scripts a Flink job as AddSQLJob does, with details as DLI
// names them (name, queue_name, user_name, job_type, status_desc,
// create_time in ms, restart_times...). Its job_id is a number, as DLI's
// (unless details make it Absent).
func (m *Mock) AddFlinkJob(projectID string, jobID int64, details map[string]any, statuses ...string) {
	details = maps.Clone(details)
	if details == nil {
		details = map[string]any{}
	}
	if details["job_id"] != Absent {
		details["job_id"] = jobID
	}
	m.addJob(m.flinkJobs, projectID, strconv.FormatInt(jobID, 10), details, statuses)
}

func (m *Mock) addJob(jobs map[batchKey]*batch, projectID, jobID string, details map[string]any, statuses []string) {
	if len(statuses) == 0 {
		panic("dlimock: a job needs at least one status")
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	jobs[batchKey{projectID, strings.ToLower(jobID)}] = &batch{id: jobID, states: statuses, details: maps.Clone(details)}
}

// sqlJobStatus serves GET /v1.0/{project}/jobs/{job}/status, is_success a
// boolean as the SQL API sends it.
func (m *Mock) sqlJobStatus(w http.ResponseWriter, r *http.Request) {
	m.called("sql_job")
	id := r.PathValue("job")
	status, details := m.step(m.sqlJobs, r.PathValue("project"), id, "")
	if status == "" {
		m.dliError(w, "DLI.0002", fmt.Sprintf("The job %s does not exist.", id), false)
		return
	}
	answer := sqlJobAnswer(details, id, status)
	answer["is_success"] = !m.SuccessFlagFalse
	writeJSON(w, http.StatusOK, answer)
}

func sqlJobAnswer(details map[string]any, id, status string) map[string]any {
	answer := maps.Clone(details)
	if answer == nil {
		answer = map[string]any{}
	}
	if _, has := answer["message"]; !has {
		answer["message"] = ""
	}
	answer["job_id"], answer["status"] = id, status
	return answer
}

// flinkJob serves GET /v1.0/{project}/streaming/jobs/{job}, is_success a
// string as the Flink API sends it.
func (m *Mock) flinkJob(w http.ResponseWriter, r *http.Request) {
	m.called("flink_job")
	id := r.PathValue("job")
	status, details := m.step(m.flinkJobs, r.PathValue("project"), id, "")
	if status == "" {
		// DLI.16001, not DLI.0002: the official provider reads it as a 404.
		m.dliError(w, "DLI.16001", fmt.Sprintf("The job %s does not exist.", id), "false")
		return
	}
	detail := maps.Clone(details)
	detail["status"] = status
	writeJSON(w, http.StatusOK, map[string]any{"is_success": strconv.FormatBool(!m.SuccessFlagFalse), "message": "Querying of the job details succeeds.", "job_detail": detail})
}

// sqlJobList serves GET /v1.0/{project}/jobs: page-size (default 50, at most 100) jobs
// from current-page (from 1) of those matching every filter, in order.
func (m *Mock) sqlJobList(w http.ResponseWriter, r *http.Request) {
	m.called("sql_jobs")
	q := r.URL.Query()
	pageNumber, errPage := positive(q.Get("current-page"), 1)
	size, errSize := positive(q.Get("page-size"), 50) // the SDK's ListSqlJobsRequest default
	byOrder, ok := sqlOrders[cmp.Or(q.Get("order"), "start_time_desc")]
	switch {
	case errPage != nil || errSize != nil || size > maxPageSize:
		writeError(w, http.StatusBadRequest, "DLI.0001", "current-page must be at least 1 and page-size from 1 to 100")
		return
	case !ok:
		writeError(w, http.StatusBadRequest, "DLI.0001", "order must be one of start_time_desc, start_time_asc, duration_desc, duration_asc")
		return
	}
	matched := m.listed(m.sqlJobs, r.PathValue("project"), "job_id", "status", func(d map[string]any, status string) bool {
		return matchesSQLFilters(d, status, q)
	})
	slices.SortStableFunc(matched, byOrder)
	for _, j := range matched {
		if _, has := j["message"]; !has {
			j["message"] = ""
		}
	}
	from := (pageNumber - 1) * size
	writeJSON(w, http.StatusOK, map[string]any{"is_success": !m.SuccessFlagFalse, "message": "", "job_count": len(matched),
		"jobs": matched[min(from, len(matched)):min(from+size, len(matched))]})
}

// flinkJobList serves GET /v1.0/{project}/streaming/jobs: limit (default
// 10, at most 100) jobs from offset of those matching every filter, name
// matching part of a name as DLI's does, newest first unless order=asc.
func (m *Mock) flinkJobList(w http.ResponseWriter, r *http.Request) {
	m.called("flink_jobs")
	q := r.URL.Query()
	offset, errOffset := positive(cmp.Or(q.Get("offset"), "0"), 0)
	limit, errLimit := positive(q.Get("limit"), 10)
	order := cmp.Or(q.Get("order"), "desc")
	if errOffset != nil || errLimit != nil || limit > maxPageSize || (order != "desc" && order != "asc") {
		writeJSON(w, http.StatusBadRequest, map[string]any{"is_success": "false", "error_code": "DLI.0001",
			"error_msg": "offset must be at least 0, limit from 1 to 100, order desc or asc"})
		return
	}
	matched := m.listed(m.flinkJobs, r.PathValue("project"), "job_id", "status", func(d map[string]any, status string) bool {
		return matchesFlinkFilters(d, status, q, m.NamesMatchIgnoringCase)
	})
	slices.SortStableFunc(matched, func(a, b map[string]any) int {
		c := cmp.Compare(millis(a["create_time"]), millis(b["create_time"]))
		if order == "desc" {
			return -c
		}
		return c
	})
	writeJSON(w, http.StatusOK, map[string]any{"is_success": strconv.FormatBool(!m.SuccessFlagFalse), "message": "",
		"job_list": map[string]any{"total_count": len(matched), "jobs": matched[min(offset, len(matched)):min(offset+limit, len(matched))]}})
}

// positive parses a page parameter: fallback when absent, at least
// fallback's lower bound (0 for offsets, 1 otherwise).
func positive(s string, fallback int) (int, error) {
	if s == "" {
		return fallback, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < min(fallback, 1) {
		return 0, fmt.Errorf("%q is not a valid page parameter", s)
	}
	return n, nil
}

var sqlOrders = map[string]func(a, b map[string]any) int{
	"start_time_desc": func(a, b map[string]any) int { return cmp.Compare(millis(b["start_time"]), millis(a["start_time"])) },
	"start_time_asc":  func(a, b map[string]any) int { return cmp.Compare(millis(a["start_time"]), millis(b["start_time"])) },
	"duration_desc":   func(a, b map[string]any) int { return cmp.Compare(millis(b["duration"]), millis(a["duration"])) },
	"duration_asc":    func(a, b map[string]any) int { return cmp.Compare(millis(a["duration"]), millis(b["duration"])) },
}

// sqlListFilters maps the SQL list's exact-match parameters to the fields they match.
var sqlListFilters = map[string]string{"queue_name": "queue_name", "owner": "owner", "table_name": "table_name", "db_name": "database_name"}

func matchesSQLFilters(d map[string]any, status string, q map[string][]string) bool {
	if !hasTags(d, first(q["tags"])) {
		return false
	}
	for param, field := range sqlListFilters {
		if want := first(q[param]); want != "" && d[field] != want {
			return false
		}
	}
	if want := first(q["job-type"]); want != "" && want != "ALL" && d["job_type"] != want {
		return false
	}
	if want := first(q["job-status"]); want != "" && status != want {
		return false
	}
	return inTimeRange(millis(d["start_time"]), q)
}

func matchesFlinkFilters(d map[string]any, status string, q map[string][]string, foldNames bool) bool {
	if !hasTags(d, first(q["tags"])) {
		return false
	}
	if want := first(q["name"]); want != "" {
		name, _ := d["name"].(string)
		if foldNames {
			name, want = strings.ToLower(name), strings.ToLower(want)
		}
		if !strings.Contains(name, want) { // DLI matches part of a name
			return false
		}
	}
	for _, field := range []string{"queue_name", "job_type"} {
		if want := first(q[field]); want != "" && d[field] != want {
			return false
		}
	}
	if want := first(q["status"]); want != "" && status != want {
		return false
	}
	return true
}

// hasTags: the job's tags (details["tags"], [{key, value}] as DLI sends
// them) include every key=value of the comma-separated want.
func hasTags(d map[string]any, want string) bool {
	if want == "" {
		return true
	}
	tags, _ := d["tags"].([]map[string]string)
	for _, pair := range strings.Split(want, ",") {
		key, value, _ := strings.Cut(pair, "=")
		if !slices.ContainsFunc(tags, func(t map[string]string) bool { return t["key"] == key && t["value"] == value }) {
			return false
		}
	}
	return true
}
