package dli

import (
	"slices"
	"sync"
)

// secretSet holds every credential value the client has sent with or
// signed with, temporary ones included, so that an answer quoted in an
// error can be redacted of any of them.
//
// Values shorter than minRedactedLength are not kept: real keys and tokens
// are 20 characters and more, and replacing a one-letter test "secret"
// everywhere would garble every message.
const minRedactedLength = 8

type secretSet struct {
	mu     sync.Mutex
	values []string
}

func (s *secretSet) add(values ...string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, v := range values {
		if len(v) >= minRedactedLength && !slices.Contains(s.values, v) {
			s.values = append(s.values, v)
		}
	}
}

func (s *secretSet) list() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.values)
}
