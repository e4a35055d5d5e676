package dli

import (
	"slices"
	"strings"
)

// Kind is what the waiter and the errors know of one kind of DLI job: what
// to call it and its documented statuses, some of which it can never leave.
// Kinds are data: the one wait loop serves them all.
type Kind struct {
	Noun   string // "batch", "SQL job", "Flink job"
	Plural string // "batches", "SQL jobs", "Flink jobs"
	// StatusWord is what the API calls a status: "state" for batches.
	StatusWord string
	// Statuses are the documented statuses, in lifecycle order.
	Statuses []string
	// Terminal are the statuses a job will not leave by itself: a wait
	// stops on them, since none can reach another status without someone
	// acting.
	Terminal []string
	// ComeBack says, for the terminal statuses a person can still bring a
	// job out of, what that person must do. The others are final.
	ComeBack map[string]string
}

// StatusWords is the plural of StatusWord: "states", "statuses".
func (k Kind) StatusWords() string {
	if strings.HasSuffix(k.StatusWord, "s") {
		return k.StatusWord + "es"
	}
	return k.StatusWord + "s"
}

// IsTerminal reports whether a job of this kind in status will not change
// by itself, ignoring case.
func (k Kind) IsTerminal(status string) bool { return containsFold(k.Terminal, status) }

func containsFold(list []string, s string) bool {
	return slices.ContainsFunc(list, func(t string) bool { return strings.EqualFold(t, s) })
}

// BatchKind is a Spark batch (the /v2.0 batches API).
var BatchKind = Kind{Noun: "batch", Plural: "batches", StatusWord: "state", Statuses: KnownStates, Terminal: []string{StateSuccess, StateDead}}

// SQLJobKind is a SQL job (GET /v1.0/{project_id}/jobs/{job_id}/status),
// statuses as the official SDK's ShowSqlJobStatusResponse enumerates them.
var SQLJobKind = Kind{Noun: "SQL job", Plural: "SQL jobs", StatusWord: "status",
	Statuses: []string{"LAUNCHING", "RUNNING", "FINISHED", "FAILED", "CANCELLED"},
	Terminal: []string{"FINISHED", "FAILED", "CANCELLED"},
}

// FlinkJobKind is a Flink job (GET /v1.0/{project_id}/streaming/jobs/{job_id}),
// statuses as the official SDK's ListFlinkJobsRequest enumerates them.
var FlinkJobKind = Kind{Noun: "Flink job", Plural: "Flink jobs", StatusWord: "status",
	Statuses: []string{
		"job_init", "job_submitting", "job_submit_fail", "job_running", "job_running_exception",
		"job_downloading", "job_idle", "job_canceling", "job_cancel_success", "job_cancel_fail",
		"job_savepointing", "job_arrearage_stopped", "job_arrearage_recovering", "job_finish",
	},
	Terminal: []string{"job_submit_fail", "job_running_exception", "job_cancel_success", "job_arrearage_stopped", "job_finish"},
	// As the official SDK and DLI's documentation have them: an arrears stop
	// recovers once the bill is paid, and the others can be started again
	// under the same ID.
	ComeBack: map[string]string{
		"job_arrearage_stopped": "pay the account's arrears, and the job recovers (job_arrearage_recovering)",
		"job_submit_fail":       "start the job again",
		"job_running_exception": "start the job again",
		"job_cancel_success":    "start the job again",
		"job_finish":            "start the job again",
	},
}

// comeBack is what a person must do to bring a job out of a terminal
// status; "" for a final one.
func (k Kind) comeBack(status string) string {
	for s, action := range k.ComeBack {
		if strings.EqualFold(s, status) {
			return action
		}
	}
	return ""
}
