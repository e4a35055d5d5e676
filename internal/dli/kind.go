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
	// Terminal are the statuses a job never leaves.
	Terminal []string
}

// StatusWords is the plural of StatusWord: "states", "statuses".
func (k Kind) StatusWords() string {
	if strings.HasSuffix(k.StatusWord, "s") {
		return k.StatusWord + "es"
	}
	return k.StatusWord + "s"
}

// IsTerminal reports whether a job of this kind in status can never change
// again, ignoring case.
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
}
