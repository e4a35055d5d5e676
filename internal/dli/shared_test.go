package dli

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// fakeFetch counts its calls and answers each when release is closed (or
// at once when it is nil), with the number of the call.
type fakeFetch struct {
	calls   atomic.Int32
	release chan struct{}
	err     error
	ctxs    chan context.Context
}

func (f *fakeFetch) fetch(ctx context.Context) (int, error) {
	n := int(f.calls.Add(1))
	if f.ctxs != nil {
		f.ctxs <- ctx
	}
	if f.release != nil {
		select {
		case <-f.release:
		case <-ctx.Done():
			return 0, ctx.Err()
		}
	}
	return n, f.err
}

// Reads that start together share one request; an answer is taken again
// while it is recent enough for the caller, and never when it is older
// than the caller's notBefore.
func TestSharedAnswersShareOneRequest(t *testing.T) {
	now := time.Unix(1000, 0)
	s := newSharedAnswers[int](func() time.Time { return now })
	f := &fakeFetch{release: make(chan struct{})}
	var wg sync.WaitGroup
	answers := make([]int, 10)
	started := make(chan struct{}, 10)
	for i := range answers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			started <- struct{}{}
			answers[i], _ = s.get(context.Background(), "p", now.Add(-ShareWindow), f.fetch)
		}()
	}
	for range answers {
		<-started
	}
	for f.calls.Load() == 0 {
		time.Sleep(time.Millisecond)
	}
	// Every reader has joined, or joins the call still running.
	close(f.release)
	wg.Wait()
	for i, a := range answers {
		if a != 1 {
			t.Fatalf("reader %d got answer %d, want the first call's", i, a)
		}
	}
	if n := f.calls.Load(); n != 1 {
		t.Fatalf("%d requests, want 1", n)
	}
	// A second later, a read that does not wait takes that answer; a poll
	// that began after it started does not.
	now = now.Add(time.Second)
	if a, _ := s.get(context.Background(), "p", now.Add(-ShareWindow), f.fetch); a != 1 || f.calls.Load() != 1 {
		t.Fatalf("got %d after %d requests, want the shared answer", a, f.calls.Load())
	}
	if a, _ := s.get(context.Background(), "p", now, f.fetch); a != 2 {
		t.Fatalf("a poll got answer %d, want a new one", a)
	}
	if a, _ := s.get(context.Background(), "other", now.Add(-ShareWindow), f.fetch); a != 3 {
		t.Fatalf("another project got answer %d, want its own", a)
	}
	// Past the window, a read that does not wait asks again.
	now = now.Add(ShareWindow + time.Millisecond)
	if a, _ := s.get(context.Background(), "p", now.Add(-ShareWindow), f.fetch); a != 4 {
		t.Fatalf("got answer %d, want a new one past the window", a)
	}
}

// A failed answer is given to those who waited for it, not to later reads.
func TestSharedAnswersDoNotKeepFailures(t *testing.T) {
	now := time.Unix(1000, 0)
	s := newSharedAnswers[int](func() time.Time { return now })
	f := &fakeFetch{err: errors.New("HTTP 500")}
	if _, err := s.get(context.Background(), "p", now.Add(-ShareWindow), f.fetch); err == nil {
		t.Fatal("no error")
	}
	f.err = nil
	if a, err := s.get(context.Background(), "p", now.Add(-ShareWindow), f.fetch); err != nil || a != 2 {
		t.Fatalf("got %d, %v, want a second request's answer", a, err)
	}
}

// A reader that gives up (its timeout, Ctrl-C) does not end the request
// another reader still waits for; when the last one goes, the request ends
// and a later read starts its own.
func TestSharedAnswersOutliveAReaderWhoLeaves(t *testing.T) {
	now := time.Unix(1000, 0)
	s := newSharedAnswers[int](func() time.Time { return now })
	f := &fakeFetch{release: make(chan struct{}), ctxs: make(chan context.Context, 3)}
	cancelFirst, firstDone := leavingReader(s, now.Add(-ShareWindow), f.fetch)
	callCtx := <-f.ctxs
	second, cancelSecond := context.WithCancel(context.Background())
	secondDone := make(chan int)
	go func() {
		a, _ := s.get(second, "p", now.Add(-ShareWindow), f.fetch)
		secondDone <- a
	}()
	for waiters(s, "p") != 2 {
		time.Sleep(time.Millisecond)
	}
	cancelFirst()
	if err := <-firstDone; !errors.Is(err, context.Canceled) {
		t.Fatalf("the reader who left got %v", err)
	}
	if callCtx.Err() != nil {
		t.Fatal("the request ended while a reader still waited for it")
	}
	cancelSecond()
	<-secondDone
	<-callCtx.Done() // the last reader left: the request ends
	third := make(chan int)
	go func() {
		a, _ := s.get(context.Background(), "p", now.Add(-ShareWindow), f.fetch)
		third <- a
	}()
	<-f.ctxs
	close(f.release)
	if a := <-third; a != 2 {
		t.Fatalf("a later read got answer %d, want its own request's", a)
	}
}

func waiters(s *sharedAnswers[int], key string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	if c := s.calls[key]; c != nil {
		return c.waiters
	}
	return 0
}

// A reader whose timeouts.read ends the shared request fails; another
// reader of that request, with time left, asks again instead of failing
// with the first one's timeout.
func TestSharedAnswersOutliveAReadersDeadline(t *testing.T) {
	now := time.Unix(1000, 0)
	s := newSharedAnswers[int](func() time.Time { return now })
	var calls atomic.Int32
	joined := make(chan struct{})
	fetch := func(ctx context.Context) (int, error) {
		if n := calls.Add(1); n > 1 {
			return int(n), nil
		}
		<-joined
		<-ctx.Done() // the first reader's deadline
		return 0, ctx.Err()
	}
	first, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	firstDone := make(chan error)
	go func() {
		_, err := s.get(first, "p", now.Add(-ShareWindow), fetch)
		firstDone <- err
	}()
	for calls.Load() == 0 {
		time.Sleep(time.Millisecond)
	}
	secondDone := make(chan int)
	go func() {
		a, err := s.get(context.Background(), "p", now.Add(-ShareWindow), fetch)
		if err != nil {
			t.Errorf("the second reader failed: %v", err)
		}
		secondDone <- a
	}()
	for waiters(s, "p") != 2 {
		time.Sleep(time.Millisecond)
	}
	close(joined)
	if err := <-firstDone; !errors.Is(err, context.DeadlineExceeded) || first.Err() == nil {
		t.Fatalf("the first reader got %v with its context at %v, want its deadline, ended", err, first.Err())
	}
	if a := <-secondDone; a != 2 {
		t.Fatalf("the second reader got answer %d, want a request of its own", a)
	}
}

// A reader who leaves an older request forgets that request only: a newer
// one for the same key, started by a poll meanwhile, is still joined.
func TestSharedAnswersForgetOnlyTheRequestLeft(t *testing.T) {
	now := time.Unix(1000, 0)
	s := newSharedAnswers[int](func() time.Time { return now })
	f := &fakeFetch{release: make(chan struct{}), ctxs: make(chan context.Context, 3)}
	cancelFirst, firstDone := leavingReader(s, now.Add(-ShareWindow), f.fetch)
	<-f.ctxs // request 1 runs
	now = now.Add(time.Second)
	pollDone := make(chan int)
	go func() {
		a, _ := s.get(context.Background(), "p", now, f.fetch) // a poll: newer than request 1
		pollDone <- a
	}()
	<-f.ctxs // request 2 runs
	cancelFirst()
	if err := <-firstDone; !errors.Is(err, context.Canceled) { // request 1's last reader left
		t.Fatalf("the reader who left got %v", err)
	}
	thirdDone := make(chan int)
	go func() {
		a, _ := s.get(context.Background(), "p", now.Add(-ShareWindow), f.fetch)
		thirdDone <- a
	}()
	for waiters(s, "p") != 2 && f.calls.Load() < 3 { // joined request 2, or asked a third
		time.Sleep(time.Millisecond)
	}
	close(f.release)
	if a, b := <-pollDone, <-thirdDone; a != 2 || b != 2 || f.calls.Load() != 2 {
		t.Fatalf("the poll got %d and a later read %d after %d requests, want both request 2's", a, b, f.calls.Load())
	}
}

// leavingReader starts a read of "p" that cancel makes leave; done gives
// its error.
func leavingReader(s *sharedAnswers[int], notBefore time.Time, fetch func(context.Context) (int, error)) (cancel context.CancelFunc, done chan error) {
	ctx, cancel := context.WithCancel(context.Background())
	done = make(chan error)
	go func() {
		_, err := s.get(ctx, "p", notBefore, fetch)
		done <- err
	}()
	return cancel, done
}
