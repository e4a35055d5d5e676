package hwauth

import (
	"context"
	"errors"
	"time"
)

// cached holds one value fetched when first needed, shared by concurrent
// callers (one fetch for all of them), and fetched again once stale. A
// failure is kept and reported to every later caller, so that 500 reads
// make one failing request, not 500; a failure caused by the caller's
// context (Ctrl-C, timeouts.read) is not kept.
type cached[T any] struct {
	lock chan struct{} // a mutex that a cancelled caller can stop waiting for

	value     T
	has       bool
	staleAt   time.Time // fetch again from then on; zero: never
	expiresAt time.Time // unusable from then on; zero: never
	err       error
}

func newCached[T any]() *cached[T] { return &cached[T]{lock: make(chan struct{}, 1)} }

// fetchFunc returns a value and when to fetch it again and when it expires
// (zero times: never).
type fetchFunc[T any] func(ctx context.Context) (value T, staleAt, expiresAt time.Time, err error)

func (c *cached[T]) get(ctx context.Context, now func() time.Time, fetch fetchFunc[T]) (T, error) {
	var zero T
	select {
	case c.lock <- struct{}{}:
	case <-ctx.Done():
		return zero, ctx.Err()
	}
	defer func() { <-c.lock }()

	t := now()
	if c.err != nil {
		return zero, c.err
	}
	if c.has && (c.staleAt.IsZero() || t.Before(c.staleAt)) {
		return c.value, nil
	}
	value, staleAt, expiresAt, err := fetch(ctx)
	if err != nil {
		// A failed renewal leaves the old value in use while it lasts.
		if c.has && (c.expiresAt.IsZero() || t.Before(c.expiresAt)) {
			return c.value, nil
		}
		if !errors.Is(err, context.Canceled) && !errors.Is(err, context.DeadlineExceeded) {
			c.err = err
		}
		return zero, err
	}
	c.value, c.has, c.staleAt, c.expiresAt = value, true, staleAt, expiresAt
	return value, nil
}
