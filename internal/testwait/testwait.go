// Package testwait bounds the waits of tests: a regression whose failure
// mode is a hang fails the test in seconds, saying what it was waiting
// for, rather than at go test's -timeout (or never). Tests only.
package testwait

import (
	"testing"
	"time"
)

// Limit bounds a wait for something that takes milliseconds when the code
// is right; it is long only for a loaded machine.
const Limit = 10 * time.Second

// Within runs f on another goroutine and fails t, saying what it was
// waiting for, if f has not returned after d. f must not call t.Fatal; it
// hands its results back through variables that the caller reads after
// Within returns. On failure f's goroutine is left behind: the test
// process ends soon after.
func Within(t testing.TB, d time.Duration, what string, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() {
		defer close(done)
		f()
	}()
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-done:
	case <-timer.C:
		t.Fatalf("%s: not done after %v; it hangs", what, d)
	}
}

// Until polls cond every millisecond and fails t, saying what it was
// waiting for, if cond has not held within Limit.
func Until(t testing.TB, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(Limit)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("waited %v for %s; it never happened", Limit, what)
		}
		time.Sleep(time.Millisecond)
	}
}
