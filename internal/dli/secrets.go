package dli

import (
	"slices"
	"sync"
)

// secretSet holds every credential value the client has sent with or
// signed with, temporary ones included, so that an answer quoted in an
// error can be redacted of any of them.
type secretSet struct {
	mu     sync.Mutex
	values []string
}

func (s *secretSet) add(values ...string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, v := range values {
		if v != "" && !slices.Contains(s.values, v) {
			s.values = append(s.values, v)
		}
	}
}

func (s *secretSet) list() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.values)
}
