package dli

import (
	"context"
	"testing"
	"time"

	"github.com/dli-terraform/terraform-provider-dli/internal/testwait"
)

// finishWithin is testwait.Within: a regression whose failure mode is a
// hang costs seconds and says what hung.
func finishWithin(t *testing.T, d time.Duration, what string, f func()) {
	t.Helper()
	testwait.Within(t, d, what, f)
}

// hangLimit bounds a call that takes milliseconds when the code is right.
const hangLimit = testwait.Limit

// readWithin is c.BatchState under finishWithin.
func readWithin(t *testing.T, ctx context.Context, c *Client, what string) (s BatchState, err error) {
	t.Helper()
	finishWithin(t, hangLimit, what, func() { s, err = c.BatchState(ctx, testProject, testBatch) })
	return s, err
}

// waitWithin is w.Wait for testBatch under finishWithin.
func waitWithin(t *testing.T, ctx context.Context, w Waiter, what string, targets ...string) (s BatchState, err error) {
	t.Helper()
	finishWithin(t, hangLimit, what, func() { s, err = w.WaitBatchState(ctx, testProject, testBatch, targets) })
	return s, err
}
