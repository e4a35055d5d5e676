package hwauth

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
	"time"

	"github.com/dli-terraform/terraform-provider-dli/internal/testwait"
)

func TestCachedFetchesOnceForConcurrentCallers(t *testing.T) {
	c := newCached[int]()
	var fetches atomic.Int32
	errs := concurrently(100, func() error {
		v, err := c.get(context.Background(), time.Now, func(context.Context) (int, time.Time, time.Time, error) {
			time.Sleep(5 * time.Millisecond) // let the others pile up
			return int(fetches.Add(1)), time.Time{}, time.Time{}, nil
		})
		if err == nil && v != 1 {
			return errors.New("a caller got a value of a second fetch")
		}
		return err
	})
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if n := fetches.Load(); n != 1 {
		t.Fatalf("%d fetches, want 1", n)
	}
}

func TestCachedFetchesAgainOnlyOnceStale(t *testing.T) {
	clock := newFakeClock()
	c := newCached[int]()
	n := 0
	get := func() int {
		v, err := getWithin(t, c, context.Background(), clock.Now, func(context.Context) (int, time.Time, time.Time, error) {
			n++
			return n, clock.Now().Add(time.Minute), clock.Now().Add(2 * time.Minute), nil
		})
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	first := get()
	_ = clock.Sleep(context.Background(), 59*time.Second)
	if second := get(); first != 1 || second != 1 {
		t.Fatalf("values %d, %d: fetched again before stale", first, second)
	}
	_ = clock.Sleep(context.Background(), time.Second)
	if v := get(); v != 2 {
		t.Fatalf("value %d once stale, want a second fetch", v)
	}
}

func TestCachedKeepsAFailureButNotACancellation(t *testing.T) {
	c := newCached[int]()
	fetches := 0
	boom := errors.New("boom")
	failing := func(context.Context) (int, time.Time, time.Time, error) {
		fetches++
		return 0, time.Time{}, time.Time{}, boom
	}
	for range 3 {
		if _, err := getWithin(t, c, context.Background(), time.Now, failing); !errors.Is(err, boom) {
			t.Fatalf("err = %v, want boom", err)
		}
	}
	if fetches != 1 {
		t.Fatalf("%d fetches for 3 calls, want the failure kept after 1", fetches)
	}

	// A timeout of the fetch's own (a silent metadata address) is kept too.
	c = newCached[int]()
	timedOut := func(context.Context) (int, time.Time, time.Time, error) {
		fetches++
		return 0, time.Time{}, time.Time{}, context.DeadlineExceeded
	}
	fetches = 0
	for range 3 {
		_, _ = getWithin(t, c, context.Background(), time.Now, timedOut)
	}
	if fetches != 1 {
		t.Fatalf("%d fetches after a timeout of the fetch's own, want it kept after 1", fetches)
	}

	// The caller's own cancellation is not the source's failure.
	c = newCached[int]()
	ctx, cancel := context.WithCancel(context.Background())
	cancelled := func(ctx context.Context) (int, time.Time, time.Time, error) {
		cancel()
		return 0, time.Time{}, time.Time{}, ctx.Err()
	}
	if _, err := getWithin(t, c, ctx, time.Now, cancelled); !errors.Is(err, context.Canceled) {
		t.Fatal(err)
	}
	if v, err := getWithin(t, c, context.Background(), time.Now, func(context.Context) (int, time.Time, time.Time, error) {
		return 7, time.Time{}, time.Time{}, nil
	}); err != nil || v != 7 {
		t.Fatalf("after a cancelled fetch: %d %v, want a fresh fetch", v, err)
	}
}

func TestCachedFailedRenewalKeepsTheValueWhileItLasts(t *testing.T) {
	clock := newFakeClock()
	c := newCached[int]()
	_, _ = getWithin(t, c, context.Background(), clock.Now, func(context.Context) (int, time.Time, time.Time, error) {
		return 1, clock.Now().Add(time.Minute), clock.Now().Add(2 * time.Minute), nil
	})
	failing := func(context.Context) (int, time.Time, time.Time, error) {
		return 0, time.Time{}, time.Time{}, errors.New("IAM is down")
	}
	_ = clock.Sleep(context.Background(), 90*time.Second) // stale, not expired
	if v, err := getWithin(t, c, context.Background(), clock.Now, failing); err != nil || v != 1 {
		t.Fatalf("%d %v, want the old value while it lasts", v, err)
	}
	_ = clock.Sleep(context.Background(), time.Minute) // expired
	if _, err := getWithin(t, c, context.Background(), clock.Now, failing); err == nil {
		t.Fatal("an expired value was used")
	}
}

// During an IAM outage, concurrent reads keep the old keys and wait for no
// renewal but the first; the next try comes a minute later.
func TestCachedFailedRenewalIsNotRetriedByEveryCaller(t *testing.T) {
	clock := newFakeClock()
	c := newCached[int]()
	_, _ = getWithin(t, c, context.Background(), clock.Now, func(context.Context) (int, time.Time, time.Time, error) {
		return 1, clock.Now().Add(time.Minute), clock.Now().Add(time.Hour), nil
	})
	_ = clock.Sleep(context.Background(), 2*time.Minute) // stale, not expired
	var renewals atomic.Int32
	failing := func(context.Context) (int, time.Time, time.Time, error) { //nolint:unparam // a fetchFunc
		renewals.Add(1)
		return 0, time.Time{}, time.Time{}, errors.New("IAM is down")
	}
	for _, err := range concurrently(20, func() error {
		v, err := c.get(context.Background(), clock.Now, failing)
		if err == nil && v != 1 {
			return errors.New("not the old value")
		}
		return err
	}) {
		if err != nil {
			t.Fatal(err)
		}
	}
	if n := renewals.Load(); n != 1 {
		t.Fatalf("%d renewals by 20 callers, want 1", n)
	}
	_ = clock.Sleep(context.Background(), renewalRetry)
	_, _ = getWithin(t, c, context.Background(), clock.Now, failing)
	if n := renewals.Load(); n != 2 {
		t.Fatalf("%d renewals after renewalRetry, want a second try", n)
	}
}

func TestCachedWaiterStopsWaitingWhenCancelled(t *testing.T) {
	c := newCached[int]()
	release := make(chan struct{})
	go func() {
		_, _ = c.get(context.Background(), time.Now, func(context.Context) (int, time.Time, time.Time, error) {
			<-release
			return 1, time.Time{}, time.Time{}, nil
		})
	}()
	defer close(release)
	testwait.Until(t, "the first caller to hold the cache's lock", func() bool { return len(c.lock) > 0 })
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := getWithin(t, c, ctx, time.Now, nil); !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want the caller's cancellation", err)
	}
}

// getWithin is c.get under within.
func getWithin[T any](t *testing.T, c *cached[T], ctx context.Context, now func() time.Time, fetch fetchFunc[T]) (T, error) {
	t.Helper()
	return within(t, "getting a value from the cache", func() (T, error) { return c.get(ctx, now, fetch) })
}
