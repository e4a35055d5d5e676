package dlimock

import (
	"fmt"
	"math/rand/v2"
	"net/http"
	"time"
)

// Logger is what the request log needs of a *log.Logger.
type Logger interface {
	Printf(format string, v ...any)
}

// What the dlimock command's -fail-rate, -status, -hang, -step and -v set,
// and its reset route: faults that last, jobs that progress with time, and
// a line per request.

// failing answers a share (FailRate) of the DLI requests with FailStatus,
// in the body DLI's gateway gives it, or holds every request (Hang) until
// the client gives up. It says whether it answered.
func (m *Mock) failing(w http.ResponseWriter, r *http.Request) bool {
	if m.Hang {
		<-r.Context().Done()
		return true
	}
	if m.FailRate <= 0 || m.random() >= m.FailRate {
		return false
	}
	status := m.FailStatus
	if status == 0 {
		status = http.StatusInternalServerError
	}
	if status == http.StatusTooManyRequests {
		w.Header().Set("Retry-After", "1")
		writeError(w, status, "APIGW.0308", "The throttling threshold has been reached.")
		return true
	}
	writeError(w, status, "DLI.0999", fmt.Sprintf("Injected failure (-fail-rate %g, -status %d).", m.FailRate, status))
	return true
}

func (m *Mock) random() float64 {
	if m.Rand != nil {
		return m.Rand()
	}
	return rand.Float64() //nolint:gosec // which requests fail need not be secret
}

// Reset starts every job's script again, as if the mock had just started:
// its progress is no longer what earlier requests left.
func (m *Mock) Reset() {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, jobs := range []map[batchKey]*batch{m.batches, m.sqlJobs, m.flinkJobs} {
		for _, b := range jobs {
			b.next = 0
		}
	}
	m.started = m.Now()
}

// stateAt is the state a job answers now and whether the answer moves its
// script on: with StepEvery, each state lasts that long from the start
// (or the last Reset), whoever asks, so that lists and single reads agree;
// without it, each single read takes one step. Callers hold m.mu.
func (m *Mock) stateAt(b *batch) (string, bool) {
	if m.StepEvery > 0 {
		n := int(m.Now().Sub(m.started) / m.StepEvery)
		return b.states[min(max(n, 0), len(b.states)-1)], false
	}
	return b.states[min(b.next, len(b.states)-1)], true
}

// listedState is what a list shows of a job: the state a single read
// answers at the same moment with StepEvery; else the last one answered.
func (m *Mock) listedState(b *batch) string {
	if m.StepEvery > 0 {
		s, _ := m.stateAt(b)
		return s
	}
	return b.current()
}

// statusRecorder keeps the status written, for the request log.
type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (s *statusRecorder) WriteHeader(code int) {
	s.status = code
	s.ResponseWriter.WriteHeader(code)
}

// logRequest writes one line per request when Log is set: what was asked,
// the answer's status and how long it took.
func (m *Mock) logRequest(r *http.Request, status int, began time.Time) {
	if m.Log == nil {
		return
	}
	target := r.URL.EscapedPath()
	if r.URL.RawQuery != "" {
		target += "?" + r.URL.RawQuery
	}
	if status == 0 {
		status = http.StatusOK
	}
	m.Log.Printf("%s %s -> %d (%s)", r.Method, target, status, time.Since(began).Round(time.Millisecond))
}
