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
	first, cancelFirst := context.WithCancel(context.Background())
	firstDone := make(chan error)
	go func() {
		_, err := s.get(first, "p", now.Add(-ShareWindow), f.fetch)
		firstDone <- err
	}()
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
