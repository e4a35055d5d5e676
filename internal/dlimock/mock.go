// Package dlimock is an in-memory DLI: batches with scripted state
// sequences, error bodies shaped like the real API's, AK/SK signature
// verification with the real algorithm, and fault injection. Tests and the
// demo run the provider against it; it never talks to Huawei Cloud.
package dlimock

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"
)

// Credentials the mock accepts. AK/SK requests must be signed with
// SecretKey; SecurityToken, when set, must come with them; Token, when set,
// is accepted as X-Auth-Token. Zero Credentials accept no request.
type Credentials struct {
	AccessKey     string
	SecretKey     string
	SecurityToken string
	Token         string
}

// Fault replaces or delays the mock's answer to the next Times requests
// (every request from now on when Times is 0).
type Fault struct {
	Status      int               // 0: only delay, then answer normally
	Body        string            // answer body; padded to BodySize when larger
	BodySize    int               // for oversized answers
	ContentType string            // default application/json
	Header      map[string]string // e.g. Retry-After, Location
	Delay       time.Duration     // before answering; cut short if the client goes away
	Times       int
}

// Request is what the mock recorded of one request.
type Request struct {
	Method string
	Path   string // as sent, escaped
	Query  string // as sent, raw
	Host   string
	Header http.Header
	At     time.Time // arrival
}

// Mock is an http.Handler serving GET /v2.0/{project_id}/batches/{batch_id}/state,
// the batch details and the batch list (batches.go), and the IAM and ECS
// metadata calls that find credentials and projects.
type Mock struct {
	// Now is the gateway's clock for X-Sdk-Date checks and for the expiry
	// of the temporary credentials it issues.
	Now func() time.Time
	// Latency is added to every answer.
	Latency time.Duration
	// DefaultState, when set, is the state of any batch not added with AddBatch.
	DefaultState string

	// TemporaryTTL is how long issued temporary credentials last (default 1h).
	TemporaryTTL time.Duration
	// DomainID is the account of the accepted credentials: IAM lists it
	// and the agency call signed with AK/SK must send it as X-Domain-Id.
	DomainID string
	// TotalCountsPage makes the batch list's total count the page only, a
	// meaning DLI does not rule out: a client that trusts it stops early.
	TotalCountsPage bool
	// UnsignedScopeHeaders accepts X-Domain-Id sent but not signed, as the
	// official Terraform provider's SDK (chnsz/golangsdk) sends it: it adds
	// it after signing. Off, the mock demands it signed, as
	// huaweicloud-sdk-go-v3 does. X-Project-Id is accepted unsigned always:
	// the real gateway serves that client.
	UnsignedScopeHeaders bool
	// TokenTTL is how long the IAM tokens of a login last (default 24h).
	TokenTTL time.Duration
	// NoDomainListed makes GET /v3/auth/domains list none, as IAM answers
	// a user without iam:users:getUser.
	NoDomainListed bool
	// The shapes of the real service's answers that a client must read
	// (dli-api.md, "Reading answers like the SDK"), each off by default:
	// CodeMessageErrors answers DLI's errors in the official SDK's second
	// form, {"code","message"}, instead of {"error_code","error_msg"};
	// OlderGateway answers an unknown route as older API gateways do,
	// APIG.0101 instead of APIGW.0101; SuccessFlagFalse sends is_success
	// false (a boolean for SQL, "false" for Flink) on answers that carry
	// their payload, which the official SDK never reads.
	CodeMessageErrors, OlderGateway, SuccessFlagFalse bool
	// NamesMatchIgnoringCase makes the Flink job list's name filter match
	// part of a name in any case, as a database's LIKE may: the list then
	// answers names that differ from the one asked for only in case.
	NamesMatchIgnoringCase bool

	// FailRate answers that share of requests (0 to 1, at random) with
	// FailStatus (default 500; 429 comes with Retry-After: 1), before
	// authentication; Hang holds every request until the client goes away.
	FailRate   float64
	FailStatus int
	Hang       bool
	// Rand draws FailRate's numbers in [0, 1); nil: math/rand.
	Rand func() float64
	// StepEvery, when set, moves every job's script on with time, one state
	// per StepEvery since New (or Reset), whoever asks; unset, each single
	// read of a job takes one step.
	StepEvery time.Duration
	// Log, when set, gets a line per request (dlimock -v).
	Log Logger

	started      time.Time
	mu           sync.Mutex
	denied       map[string]bool // projects whose DLI calls are refused DLI.0003
	keys         []key
	projects     []iamProject
	agencies     map[agencyKey]bool
	stsAgencies  map[string]bool     // agency URNs (sts.go)
	stsDurations []time.Duration     // asked of STS, see STSDurations
	users        []User              // login.go
	idps         map[string][]string // identity provider -> ID tokens accepted
	metadata     metadataMode
	tokens       map[string]bool // metadata session tokens issued and still valid
	issuedTokens []string        // every metadata session token issued
	tokenPad     string          // appended to session token answers
	calls        map[string]int
	batches      map[batchKey]*batch
	sqlJobs      map[batchKey]*batch // jobs.go
	flinkJobs    map[batchKey]*batch
	queues       map[batchKey]*scripted[QueueStep] // capacity.go
	pools        map[batchKey]*scripted[PoolStep]
	faults       []*Fault
	requests     []Request
	served       int
	mux          *http.ServeMux
}

type batchKey struct{ project, id string }

// batch (or a SQL or Flink job) advances one step of its script per
// answered request and then stays at the last state.
type batch struct {
	id      string // as added
	states  []string
	next    int
	details map[string]any // set by SetDetails
}

// New returns a mock that accepts creds.
func New(creds Credentials) *Mock {
	m := &Mock{Now: time.Now, started: time.Now(), TemporaryTTL: time.Hour, TokenTTL: 24 * time.Hour, stsAgencies: map[string]bool{}, idps: map[string][]string{}, DomainID: DefaultDomainID, batches: map[batchKey]*batch{}, agencies: map[agencyKey]bool{},
		sqlJobs: map[batchKey]*batch{}, flinkJobs: map[batchKey]*batch{},
		queues: map[batchKey]*scripted[QueueStep]{}, pools: map[batchKey]*scripted[PoolStep]{},
		tokens: map[string]bool{}, calls: map[string]int{}, mux: http.NewServeMux()}
	if creds != (Credentials{}) {
		m.keys = append(m.keys, key{Credentials: creds})
	}
	m.mux.HandleFunc("GET /v2.0/{project}/batches/{batch}/state", m.batchState)
	m.mux.HandleFunc("GET /v3/projects", m.listProjects)
	m.mux.HandleFunc("GET /v3/auth/domains", m.listDomains)
	m.mux.HandleFunc("POST /v3.0/OS-CREDENTIAL/securitytokens", m.assumeRole)
	m.mux.HandleFunc("POST /v5/agencies/assume", m.assumeAgency)
	m.mux.HandleFunc("GET /v5/caller-identity", m.callerIdentity)
	m.mux.HandleFunc("GET /v2.0/{project}/batches/{batch}", m.batchDetails)
	m.mux.HandleFunc("GET /v2.0/{project}/batches", m.batchList)
	m.mux.HandleFunc("GET /v1.0/{project}/jobs/{job}/status", m.sqlJobStatus)
	m.mux.HandleFunc("GET /v1.0/{project}/jobs", m.sqlJobList)
	m.mux.HandleFunc("GET /v1.0/{project}/streaming/jobs/{job}", m.flinkJob)
	m.mux.HandleFunc("GET /v1.0/{project}/streaming/jobs", m.flinkJobList)
	m.mux.HandleFunc("GET /v1.0/{project}/queues", m.queueList)
	m.mux.HandleFunc("GET /v1.0/{project}/queues/{name}", m.queueRead)
	m.mux.HandleFunc("GET /v3/{project}/elastic-resource-pools", m.poolList)
	m.mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		code := "APIGW.0101"
		if m.OlderGateway {
			code = "APIG.0101"
		}
		writeError(w, http.StatusNotFound, code, "The API does not exist or has not been published in the environment.")
	})
	return m
}

// AddBatch scripts a batch: request n (of the state or the details call)
// answers states[min(n, len-1)].
func (m *Mock) AddBatch(projectID, batchID string, states ...string) {
	if len(states) == 0 {
		panic("dlimock: AddBatch needs at least one state")
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.batches[batchKey{projectID, strings.ToLower(batchID)}] = &batch{id: batchID, states: states}
}

// InjectFault queues a fault; queued faults apply in order.
func (m *Mock) InjectFault(f Fault) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.faults = append(m.faults, &f)
}

// RequestCount is how many requests reached the mock.
func (m *Mock) RequestCount() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.served
}

// Requests returns the recorded requests (the most recent 1000).
func (m *Mock) Requests() []Request {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]Request(nil), m.requests...)
}

// Calls is how many authenticated requests reached the handler named:
// "batch_state", "batch", "batches", "sql_job", "sql_jobs", "flink_job",
// "flink_jobs", "projects", "domains", "securitytokens", "metadata_token"
// or "securitykey".
func (m *Mock) Calls(name string) int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.calls[name]
}

func (m *Mock) called(name string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.calls[name]++
}

func (m *Mock) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	rec := &statusRecorder{ResponseWriter: w}
	defer func(began time.Time) { m.logRequest(r, rec.status, began) }(time.Now())
	m.serve(rec, r)
}

func (m *Mock) serve(w http.ResponseWriter, r *http.Request) {
	n, fault := m.record(r)
	w.Header().Set("X-Request-Id", fmt.Sprintf("mock-%08d", n))
	if !sleep(r.Context(), m.Latency) {
		return
	}
	if fault != nil {
		if !sleep(r.Context(), fault.Delay) {
			return
		}
		if fault.Status != 0 {
			writeFault(w, fault)
			return
		}
	}
	if m.failing(w, r) {
		return
	}
	if m.serveMetadata(w, r) || m.serveLogin(w, r) { // these ask for no credentials
		return
	}
	if !m.authenticate(w, r) || !m.scopeOK(w, r) || !m.queryOK(w, r) {
		return
	}
	if project, ok := projectOfPath(r.URL.EscapedPath()); ok && m.isDenied(project) {
		m.dliError(w, "DLI.0003", "Permission denied for the operation.", nil)
		return
	}
	m.mux.ServeHTTP(w, r)
}

// Deny refuses every DLI call in the project with DLI.0003 (at HTTP 400),
// as DLI refuses an identity without the operation's IAM permission.
func (m *Mock) Deny(projectID string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.denied == nil {
		m.denied = map[string]bool{}
	}
	m.denied[projectID] = true
}

func (m *Mock) isDenied(project string) bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.denied[project]
}

// dliError answers a DLI error at HTTP 400, as DLI answers its own codes,
// in the mock's form (CodeMessageErrors), with the API's is_success false
// when isSuccess is not nil.
func (m *Mock) dliError(w http.ResponseWriter, code, msg string, isSuccess any) {
	answer := map[string]any{"error_code": code, "error_msg": msg}
	if m.CodeMessageErrors {
		answer = map[string]any{"code": code, "message": msg}
	}
	if isSuccess != nil {
		answer["is_success"] = isSuccess
	}
	writeJSON(w, http.StatusBadRequest, answer)
}

// record counts and keeps the request and takes the fault that applies to it.
func (m *Mock) record(r *http.Request) (int, *Fault) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.served++
	if len(m.requests) == 1000 {
		m.requests = m.requests[1:]
	}
	m.requests = append(m.requests, Request{Method: r.Method, Path: r.URL.EscapedPath(), Query: r.URL.RawQuery, Host: r.Host, Header: r.Header.Clone(), At: time.Now()})
	if len(m.faults) == 0 {
		return m.served, nil
	}
	f := m.faults[0]
	if f.Times > 0 {
		f.Times--
		if f.Times == 0 {
			m.faults = m.faults[1:]
		}
	}
	return m.served, f
}

func (m *Mock) batchState(w http.ResponseWriter, r *http.Request) {
	m.called("batch_state")
	id := r.PathValue("batch")
	if state, _, ok := m.advance(w, r); ok {
		writeJSON(w, http.StatusOK, map[string]string{"id": id, "state": state})
	}
}

// advance takes the batch's next scripted state and its details, or
// answers DLI.0002 for a batch that does not exist.
func (m *Mock) advance(w http.ResponseWriter, r *http.Request) (string, map[string]any, bool) {
	id := r.PathValue("batch")
	state, details := m.step(m.batches, r.PathValue("project"), id, m.DefaultState)
	if state == "" {
		m.dliError(w, "DLI.0002", fmt.Sprintf("The batch job %s does not exist.", id), nil)
		return "", nil, false
	}
	return state, details, true
}

// step takes the next scripted state and the details of a job of jobs,
// or fallback and no details for a job not scripted.
func (m *Mock) step(jobs map[batchKey]*batch, project, id, fallback string) (string, map[string]any) {
	m.mu.Lock()
	defer m.mu.Unlock()
	b := jobs[batchKey{project, strings.ToLower(id)}]
	if b == nil {
		return fallback, nil
	}
	state, steps := m.stateAt(b)
	if steps {
		b.next++
	}
	return state, b.details
}

// sleep waits for d unless the client goes away first.
func sleep(ctx context.Context, d time.Duration) bool {
	if d <= 0 {
		return true
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	}
}
