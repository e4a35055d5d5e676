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

// maxPageSize is the largest list page the mock serves: a larger size is a
// DLI.0001, so that a client asking for more is caught.
const maxPageSize = 100

// SetDetails gives a batch added with AddBatch the fields its details and
// list answers carry besides id and state, as DLI names them (name, queue,
// owner, appId as a string or an array, create_time and duration in
// milliseconds...). A field left out is absent from the answers. The list
// filters on name, queue, cluster_name, owner, create_time and the batch
// ID (job-id, as the official provider's huaweicloud_dli_spark_jobs sends).
func (m *Mock) SetDetails(projectID, batchID string, details map[string]any) {
	m.mu.Lock()
	defer m.mu.Unlock()
	b := m.batches[batchKey{projectID, strings.ToLower(batchID)}]
	if b == nil {
		panic("dlimock: SetDetails for a batch not added with AddBatch")
	}
	b.details = maps.Clone(details)
}

// batchDetails serves GET /v2.0/{project}/batches/{batch}: the details with
// the next scripted state, like the state call.
func (m *Mock) batchDetails(w http.ResponseWriter, r *http.Request) {
	m.called("batch")
	state, details, ok := m.advance(w, r)
	if !ok {
		return
	}
	answer := maps.Clone(details)
	if answer == nil {
		answer = map[string]any{}
	}
	answer["id"], answer["state"] = r.PathValue("batch"), state
	delete(answer, "duration") // only the list has it
	writeJSON(w, http.StatusOK, answer)
}

// batchList serves GET /v2.0/{project}/batches: the project's batches that
// match every filter given (exact, states ignoring case), in the requested
// order, from..from+size. It shows each batch's current state (the last
// one answered) without advancing its script.
func (m *Mock) batchList(w http.ResponseWriter, r *http.Request) {
	m.called("batches")
	q := r.URL.Query()
	from, size, err := pageOf(q)
	if err != nil {
		writeError(w, http.StatusBadRequest, "DLI.0001", err.Error())
		return
	}
	byOrder, ok := listOrders[cmp.Or(q.Get("order"), "CREATE_TIME_DESC")]
	if !ok {
		writeError(w, http.StatusBadRequest, "DLI.0001", "order must be one of CREATE_TIME_DESC, CREATE_TIME_ASC, DURATION_DESC, DURATION_ASC")
		return
	}
	matched := m.matching(r.PathValue("project"), q)
	slices.SortStableFunc(matched, byOrder)
	page := matched[min(from, len(matched)):min(from+size, len(matched))]
	total := len(matched)
	m.mu.Lock()
	if m.TotalCountsPage {
		total = len(page)
	}
	m.mu.Unlock()
	writeJSON(w, http.StatusOK, map[string]any{
		"from": from, "total": total, "sessions": page, "create_time": m.Now().UnixMilli(),
	})
}

func pageOf(q map[string][]string) (from, size int, err error) {
	from, size = 0, maxPageSize
	for name, v := range map[string]*int{"from": &from, "size": &size} {
		if s := first(q[name]); s != "" {
			n, convErr := strconv.Atoi(s)
			if convErr != nil || n < 0 {
				return 0, 0, fmt.Errorf("%s must be a non-negative integer", name)
			}
			*v = n
		}
	}
	if size > maxPageSize {
		return 0, 0, fmt.Errorf("size must be at most %d", maxPageSize)
	}
	return from, size, nil
}

func first(values []string) string {
	if len(values) == 0 {
		return ""
	}
	return values[0]
}

// matching lists the project's batches that match the query's filters,
// sorted by ID so that ties keep a fixed order.
func (m *Mock) matching(project string, q map[string][]string) []map[string]any {
	out := m.listed(m.batches, project, "id", "state", func(details map[string]any, state string) bool {
		return matchesFilters(details, state, q)
	})
	id := first(q["job-id"])
	if id == "" {
		return out
	}
	out = slices.DeleteFunc(out, func(b map[string]any) bool {
		got, _ := b["id"].(string)
		return !strings.EqualFold(got, id)
	})
	// A batch never added has DefaultState, as in the state call; the list
	// can show it only when asked for it by ID.
	m.mu.Lock()
	added := m.batches[batchKey{project, strings.ToLower(id)}] != nil
	m.mu.Unlock()
	if len(out) == 0 && !added && m.DefaultState != "" && matchesFilters(nil, m.DefaultState, q) {
		out = append(out, map[string]any{"id": id, "state": m.DefaultState})
	}
	return out
}

// listed is the answers of the project's jobs of jobs that match, with
// their current states under stateField and IDs under idField, sorted by
// ID so that ties keep a fixed order.
func (m *Mock) listed(jobs map[batchKey]*batch, project, idField, stateField string, match func(details map[string]any, state string) bool) []map[string]any {
	m.mu.Lock()
	defer m.mu.Unlock()
	var matched []*batch
	for key, b := range jobs {
		if key.project == project && match(b.details, m.listedState(b)) {
			matched = append(matched, b)
		}
	}
	slices.SortFunc(matched, func(a, b *batch) int { return strings.Compare(a.id, b.id) })
	out := make([]map[string]any, len(matched))
	for i, b := range matched {
		out[i] = maps.Clone(b.details)
		if out[i] == nil {
			out[i] = map[string]any{}
		}
		if _, has := out[i][idField]; !has {
			out[i][idField] = b.id
		}
		if out[i][stateField] != Absent {
			out[i][stateField] = m.listedState(b)
		}
	}
	return out
}

// current is the state the batch last answered (its first before any).
func (b *batch) current() string { return b.states[min(max(b.next-1, 0), len(b.states)-1)] }

// listFilters maps the list's query parameters to the fields they match.
var listFilters = map[string]string{"queue_name": "queue", "cluster_name": "cluster_name", "owner": "owner"}

func matchesFilters(details map[string]any, state string, q map[string][]string) bool {
	if want := first(q["job_name"]); want != "" {
		name, _ := details["name"].(string)
		if !strings.Contains(name, want) { // DLI matches part of a name
			return false
		}
	}
	for param, field := range listFilters {
		if want := first(q[param]); want != "" && details[field] != want {
			return false
		}
	}
	if want := first(q["state"]); want != "" && !strings.EqualFold(state, want) {
		return false
	}
	return inTimeRange(millis(details["create_time"]), q)
}

// inTimeRange: a list's start and end parameters (ms) bound the time at.
func inTimeRange(at int64, q map[string][]string) bool {
	if start := first(q["start"]); start != "" && at < atoi64(start) {
		return false
	}
	if end := first(q["end"]); end != "" && at > atoi64(end) {
		return false
	}
	return true
}

var listOrders = map[string]func(a, b map[string]any) int{
	"CREATE_TIME_DESC": func(a, b map[string]any) int { return cmp.Compare(millis(b["create_time"]), millis(a["create_time"])) },
	"CREATE_TIME_ASC":  func(a, b map[string]any) int { return cmp.Compare(millis(a["create_time"]), millis(b["create_time"])) },
	"DURATION_DESC":    func(a, b map[string]any) int { return cmp.Compare(millis(b["duration"]), millis(a["duration"])) },
	"DURATION_ASC":     func(a, b map[string]any) int { return cmp.Compare(millis(a["duration"]), millis(b["duration"])) },
}

// millis reads a time or duration field (milliseconds) given as an int64
// or an int; anything else counts as 0.
func millis(v any) int64 {
	switch x := v.(type) {
	case int64:
		return x
	case int:
		return int64(x)
	}
	return 0
}

func atoi64(s string) int64 {
	n, _ := strconv.ParseInt(s, 10, 64)
	return n
}
