package hwauth

import (
	"context"
	"time"
)

// cached holds one value fetched when first needed, shared by concurrent
// callers (one fetch for all of them), and fetched again once stale. A
// failure is kept and reported to every later caller, so that 500 reads
// make one failing request, not 500 (timeouts included: a silent metadata
// address costs one wait, not one per read); only a failure caused by the
// caller's own context (Ctrl-C, timeouts.read) is not kept. A failed
// renewal keeps the old value in use while it lasts, and is tried again
// after renewalRetry, not by every caller.
type cached[T any] struct {
	lock chan struct{} // a mutex that a cancelled caller can stop waiting for

	value     T
	has       bool
	staleAt   time.Time // fetch again from then on; zero: never
	expiresAt time.Time // unusable from then on; zero: never
	retryAt   time.Time // after a failed renewal, the next try
	err       error
}

// renewalRetry spaces renewals that fail while the old value still lasts.
const renewalRetry = time.Minute

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
	fresh := c.has && (c.staleAt.IsZero() || t.Before(c.staleAt))
	usable := c.has && (c.expiresAt.IsZero() || t.Before(c.expiresAt))
	if fresh || (usable && t.Before(c.retryAt)) {
		return c.value, nil
	}
	value, staleAt, expiresAt, err := fetch(ctx)
	if err != nil {
		if usable {
			c.retryAt = t.Add(renewalRetry)
			return c.value, nil
		}
		if ctx.Err() == nil {
			c.err = err
		}
		return zero, err
	}
	c.value, c.has, c.staleAt, c.expiresAt = value, true, staleAt, expiresAt
	return value, nil
}
