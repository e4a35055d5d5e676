package dli

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
)

// uuid is a UUID in any case, as batch and SQL job IDs are.
var uuid = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)

// Kind describes one kind of DLI job (or capacity), once: what to call it,
// the rule its IDs follow, its documented statuses and which of them will
// not change by themselves. Kinds are data: the one wait loop, the errors'
// subjects and the provider's ID validation and docs serve them all. Each
// kind is declared in its own file with its type, its read and its wait
// (BatchKind in batch_state.go, SQLJobKind in sql_job.go, QueueKind in
// queue.go...).
type Kind struct {
	Noun   string // "batch", "SQL job", "Flink job"
	Plural string // "batches", "SQL jobs", "Flink jobs"
	// ID is the rule a job's ID follows; IDRule says it in words, after
	// "ID" ("in UUID form"), and IDExample is one that follows it.
	ID                *regexp.Regexp
	IDRule, IDExample string
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
	// Gate is the status a gate on the kind usually waits for: the
	// examples of wait_for name it.
	Gate string
}

// Subject names one job of the kind in errors: `batch "…" in project "…"`.
func (k Kind) Subject(projectID, jobID string) string {
	return fmt.Sprintf("%s %q in project %q", k.Noun, jobID, projectID)
}

// ListSubject names a list of jobs of the kind in errors.
func (k Kind) ListSubject(projectID string) string {
	return fmt.Sprintf("%s in project %q", k.Plural, projectID)
}

// JobNoun is the noun with "job": "batch job", "SQL job".
func (k Kind) JobNoun() string {
	if strings.HasSuffix(k.Noun, " job") {
		return k.Noun
	}
	return k.Noun + " job"
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
