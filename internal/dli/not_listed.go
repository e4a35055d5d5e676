package dli

import (
	"fmt"
	"strings"
)

// NotListedError: a queue or elastic resource pool that its project's list
// does not have. DLI's lists answer HTTP 200 either way, so the error says
// what the list has instead, that a typo shows.
type NotListedError struct {
	Kind      Kind
	Name      string
	ProjectID string
	// Listed are the names the list had: every queue of the project, or
	// the pools whose names DLI's filter matched in part.
	Listed []string
	// Filtered: Listed are a name filter's matches, not the whole list.
	Filtered bool
}

// maxNamesShown bounds the names an error quotes.
const maxNamesShown = 10

func (e *NotListedError) Error() string {
	msg := fmt.Sprintf("%s %q was not found in project %q", e.Kind.Noun, e.Name, e.ProjectID)
	switch n := len(e.Listed); {
	case n == 0 && e.Filtered:
		return msg + fmt.Sprintf(": no %s of the project has a name containing %q", e.Kind.Noun, e.Name)
	case n == 0:
		return msg + fmt.Sprintf(": the project has no %s", e.Kind.Plural)
	case e.Filtered:
		msg += fmt.Sprintf(": the %s whose names contain it are ", e.Kind.Plural)
	default:
		msg += fmt.Sprintf(": the project has %s: ", plural(n, e.Kind.Noun))
	}
	shown := e.Listed[:min(len(e.Listed), maxNamesShown)]
	msg += strings.Join(shown, ", ")
	if more := len(e.Listed) - len(shown); more > 0 {
		msg += fmt.Sprintf(" and %d more", more)
	}
	return msg
}
