package dlimock

import (
	"cmp"
	"fmt"
	"maps"
	"net/http"
	"slices"
	"strings"
)

// Queues and elastic resource pools, as dli-api.md ("Queues and elastic
// resource pools") describes them: each advances one step of its script per
// answer that shows it, and then stays at its last step.

// QueueStep is one step of a queue's script: whether it is restarting and
// its CUs (cu_count).
type QueueStep struct {
	Restarting bool
	CUs        int
}

// PoolStep is one step of an elastic resource pool's script: its status,
// CUs and, for FAILED, why.
type PoolStep struct {
	Status              string // AVAILABLE, SCALING, CREATING, FAILED
	CurrentCU, ActualCU int
	FailReason          string
}

// scripted is a queue or pool: its name as added, the script, and its
// other fields as the list names them.
type scripted[S any] struct {
	name    string
	steps   []S
	next    int
	details map[string]any
}

// take is the step to answer, advancing the script.
func (s *scripted[S]) take() S {
	step := s.steps[min(s.next, len(s.steps)-1)]
	s.next++
	return step
}

// AddQueue scripts a queue of queueType (sql or general) named name, with
// details as the queue list names them (owner, description, create_time in
// ms, used_cu, resource_mode, elastic_resource_pool_name,
// support_spark_versions, default_spark_version...).
func (m *Mock) AddQueue(projectID, name, queueType string, details map[string]any, steps ...QueueStep) {
	if len(steps) == 0 {
		panic("dlimock: a queue needs at least one step")
	}
	d := maps.Clone(details)
	if d == nil {
		d = map[string]any{}
	}
	d["queue_type"] = queueType
	m.mu.Lock()
	defer m.mu.Unlock()
	m.queues[batchKey{projectID, strings.ToLower(name)}] = &scripted[QueueStep]{name: name, steps: steps, details: d}
}

// AddElasticResourcePool scripts a pool named name, with details as the
// pool list names them (min_cu, max_cu, queues, owner, description,
// create_time and update_time in ms...).
func (m *Mock) AddElasticResourcePool(projectID, name string, details map[string]any, steps ...PoolStep) {
	if len(steps) == 0 {
		panic("dlimock: a pool needs at least one step")
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.pools[batchKey{projectID, strings.ToLower(name)}] = &scripted[PoolStep]{name: name, steps: steps, details: maps.Clone(details)}
}

// queueTypes are the queue list's queue_type values; left out it is sql.
var queueTypes = []string{"sql", "general", "all"}

// queueList serves GET /v1.0/{project}/queues: the project's queues of
// queue_type (default sql: a general queue is listed only with general or
// all), by name, unpaged unless page-size is given (the API's default
// page is Integer.MAX_VALUE).
func (m *Mock) queueList(w http.ResponseWriter, r *http.Request) {
	m.called("queues")
	q := r.URL.Query()
	queueType := cmp.Or(q.Get("queue_type"), "sql")
	pageNumber, errPage := positive(q.Get("current-page"), 1)
	size, errSize := positive(q.Get("page-size"), 1<<31-1)
	switch {
	case !slices.Contains(queueTypes, queueType):
		writeError(w, http.StatusBadRequest, "DLI.0001", "queue_type must be one of sql, general, all")
		return
	case errPage != nil || errSize != nil:
		writeError(w, http.StatusBadRequest, "DLI.0001", "current-page and page-size must be at least 1")
		return
	}
	m.mu.Lock()
	var listed []map[string]any
	for key, queue := range m.queues {
		if key.project != r.PathValue("project") || (queueType != "all" && queue.details["queue_type"] != queueType) {
			continue
		}
		step := queue.take()
		entry := maps.Clone(queue.details)
		entry["queue_name"], entry["is_restarting"], entry["cu_count"] = queue.name, step.Restarting, step.CUs
		listed = append(listed, entry)
	}
	m.mu.Unlock()
	slices.SortFunc(listed, func(a, b map[string]any) int {
		an, _ := a["queue_name"].(string)
		bn, _ := b["queue_name"].(string)
		return strings.Compare(an, bn)
	})
	from := min((pageNumber-1)*size, len(listed))
	writeJSON(w, http.StatusOK, map[string]any{"is_success": true, "message": "", "queues": listed[from:min(from+min(size, len(listed)-from), len(listed))]})
}

// queueRead serves GET /v1.0/{project}/queues/{name} as the real API
// answers it (the SDK's ShowQueueResponse): in mixed case, queueName,
// queueType, cuCount and chargingMode beside resource_mode and
// create_time, and without is_restarting.
func (m *Mock) queueRead(w http.ResponseWriter, r *http.Request) {
	m.called("queue")
	name := r.PathValue("name")
	m.mu.Lock()
	queue := m.queues[batchKey{r.PathValue("project"), strings.ToLower(name)}]
	var answer map[string]any
	if queue != nil {
		step := queue.take()
		answer = maps.Clone(queue.details)
		answer["queueName"], answer["cuCount"] = queue.name, step.CUs
		for listName, readName := range map[string]string{"queue_type": "queueType", "charging_mode": "chargingMode"} {
			if v, has := answer[listName]; has {
				answer[readName] = v
				delete(answer, listName)
			}
		}
		delete(answer, "used_cu")
	}
	m.mu.Unlock()
	if answer == nil {
		writeJSON(w, http.StatusBadRequest, map[string]any{"is_success": false, "error_code": "DLI.0002",
			"message": fmt.Sprintf("There is no queue named %s.", name)})
		return
	}
	answer["is_success"], answer["message"] = true, ""
	writeJSON(w, http.StatusOK, answer)
}

// poolStatuses are the pool list's status filter values.
var poolStatuses = []string{"AVAILABLE", "SCALING", "CREATING", "FAILED"}

// poolList serves GET /v3/{project}/elastic-resource-pools: limit (default
// 100, at most 100) pools from offset of those whose name contains name
// (any case: DLI matches loosely) and whose status is status, by name.
func (m *Mock) poolList(w http.ResponseWriter, r *http.Request) {
	m.called("elastic_resource_pools")
	q := r.URL.Query()
	offset, errOffset := positive(cmp.Or(q.Get("offset"), "0"), 0)
	limit, errLimit := positive(q.Get("limit"), maxPageSize)
	status := q.Get("status")
	if errOffset != nil || errLimit != nil || limit > maxPageSize || (status != "" && !slices.Contains(poolStatuses, status)) {
		writeError(w, http.StatusBadRequest, "DLI.0001", "offset must be at least 0, limit from 1 to 100, status one of "+strings.Join(poolStatuses, ", "))
		return
	}
	name := strings.ToLower(q.Get("name"))
	m.mu.Lock()
	var matched []*scripted[PoolStep]
	for key, pool := range m.pools {
		current := pool.steps[min(pool.next, len(pool.steps)-1)]
		if key.project == r.PathValue("project") && strings.Contains(strings.ToLower(pool.name), name) &&
			(status == "" || current.Status == status) {
			matched = append(matched, pool)
		}
	}
	slices.SortFunc(matched, func(a, b *scripted[PoolStep]) int { return strings.Compare(a.name, b.name) })
	page := matched[min(offset, len(matched)):min(offset+limit, len(matched))]
	listed := make([]map[string]any, len(page))
	for i, pool := range page {
		step := pool.take()
		entry := maps.Clone(pool.details)
		if entry == nil {
			entry = map[string]any{}
		}
		entry["elastic_resource_pool_name"], entry["status"], entry["current_cu"], entry["actual_cu"], entry["fail_reason"] =
			pool.name, step.Status, step.CurrentCU, step.ActualCU, step.FailReason
		listed[i] = entry
	}
	m.mu.Unlock()
	writeJSON(w, http.StatusOK, map[string]any{"is_success": true, "message": "", "count": len(matched), "elastic_resource_pools": listed})
}
