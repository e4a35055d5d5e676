package dli

import (
	"context"
	"sync"
	"time"
)

// sharedAnswers lets reads that ask the same question at about the same
// time share one request: a plan of 100 dli_queue reads (Terraform runs 10
// at a time) sends a handful of queue lists, not 100. A caller says how old
// an answer it accepts (notBefore, on the request's start): a read that does
// not wait takes one started up to ShareWindow before it, a poll only one
// started after the poll began, so that a wait never sees an answer older
// than its poll.
type sharedAnswers[T any] struct {
	now   func() time.Time
	mu    sync.Mutex
	calls map[string]*sharedCall[T] // the latest call per key
}

// ShareWindow is how old an answer a read that does not wait accepts.
const ShareWindow = 2 * time.Second

// sharedCall is one request and its waiters. It runs on a context of its
// own, which ends when every waiter has gone, so that no waiter's
// timeout or Ctrl-C ends a request another waiter still wants.
type sharedCall[T any] struct {
	key     string
	started time.Time
	done    chan struct{}
	value   T
	err     error
	waiters int
	cancel  context.CancelFunc
}

func newSharedAnswers[T any](now func() time.Time) *sharedAnswers[T] {
	if now == nil {
		now = time.Now
	}
	return &sharedAnswers[T]{now: now, calls: map[string]*sharedCall[T]{}}
}

// get is fetch's answer for key: that of a call started at notBefore or
// later, still running or succeeded, or of a new call.
func (s *sharedAnswers[T]) get(ctx context.Context, key string, notBefore time.Time, fetch func(context.Context) (T, error)) (T, error) {
	s.mu.Lock()
	c := s.calls[key]
	if c == nil || c.started.Before(notBefore) || failed(c) {
		// The call's context keeps ctx's values (logger, masked secrets)
		// and deadline, so that retries end within the first reader's
		// timeouts.read as any read's do.
		callCtx, cancel := context.WithCancel(context.WithoutCancel(ctx))
		if deadline, has := ctx.Deadline(); has {
			callCtx, cancel = context.WithDeadline(context.WithoutCancel(ctx), deadline)
		}
		c = &sharedCall[T]{key: key, started: s.now(), done: make(chan struct{}), cancel: cancel}
		s.calls[key] = c
		go func() {
			c.value, c.err = fetch(callCtx)
			cancel()
			close(c.done)
		}()
	}
	c.waiters++
	s.mu.Unlock()
	select {
	case <-c.done:
		s.leave(c)
		return c.value, c.err
	case <-ctx.Done():
		s.leave(c)
		var zero T
		return zero, ctx.Err()
	}
}

// failed reports whether c is done with an error: a later caller asks
// again instead of taking it.
func failed[T any](c *sharedCall[T]) bool {
	select {
	case <-c.done:
		return c.err != nil
	default:
		return false
	}
}

// leave ends c's request when its last waiter goes, and forgets it
// unless it has its answer: a caller after that asks again.
func (s *sharedAnswers[T]) leave(c *sharedCall[T]) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if c.waiters--; c.waiters > 0 {
		return
	}
	c.cancel()
	select {
	case <-c.done:
	default:
		if s.calls[c.key] == c {
			delete(s.calls, c.key)
		}
	}
}
