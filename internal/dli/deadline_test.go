package dli

import (
	"context"
	"testing"
	"time"
)

// finishWithin runs f and fails the test, saying what it was waiting for,
// if f has not returned after d: a regression whose failure mode is a hang
// then costs seconds rather than go test's whole -timeout. f must not call
// t.Fatal (it runs on another goroutine); it hands its results back through
// variables that the caller reads after finishWithin returns.
func finishWithin(t *testing.T, d time.Duration, what string, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() {
		defer close(done)
		f()
	}()
	select {
	case <-done:
	case <-time.After(d):
		t.Fatalf("%s: not done after %v; it hangs", what, d)
	}
}

// hangLimit bounds a call that takes milliseconds when the code is right.
const hangLimit = 10 * time.Second

// readWithin is c.BatchState under finishWithin.
func readWithin(t *testing.T, ctx context.Context, c *Client, what string) (s BatchState, err error) {
	t.Helper()
	finishWithin(t, hangLimit, what, func() { s, err = c.BatchState(ctx, testProject, testBatch) })
	return s, err
}

// waitWithin is w.Wait for testBatch under finishWithin.
func waitWithin(t *testing.T, ctx context.Context, w Waiter, what string, targets ...string) (s BatchState, err error) {
	t.Helper()
	finishWithin(t, hangLimit, what, func() { s, err = w.Wait(ctx, testProject, testBatch, targets) })
	return s, err
}
