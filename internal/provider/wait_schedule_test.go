package provider

import (
	"context"
	"math"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/dli-terraform/terraform-provider-dli/internal/dli"
	"github.com/dli-terraform/terraform-provider-dli/internal/dlimock"
)

// recordingClock is virtual time that records the sleeps asked of it.
type recordingClock struct {
	now   time.Time
	slept []time.Duration
}

func (c *recordingClock) Now() time.Time { return c.now }

func (c *recordingClock) Sleep(ctx context.Context, d time.Duration) error {
	c.slept = append(c.slept, d)
	c.now = c.now.Add(d)
	return ctx.Err()
}

// The waiter the provider configures, with production's options (no
// injected schedule), backs off: the intervals it asks its clock for grow
// from PollFirst by PollGrowth to PollMax, less up to 20% of jitter. So a
// provider that polled at a constant rate would fail here, whatever the
// acceptance tests (which inject a fast schedule) see.
func TestTheConfiguredWaiterBacksOffOnTheDefaultSchedule(t *testing.T) {
	srv := dlimock.NewServer(dlimock.New(dlimock.Credentials{AccessKey: testAK, SecretKey: testSK}), nil, false)
	t.Cleanup(srv.Close)
	const polls = 12
	states := make([]string, 0, polls+1)
	for range polls {
		states = append(states, "running")
	}
	srv.Mock.AddBatch(testProject, testBatch, append(states, "success")...)

	// Production's options: no schedule injected.
	resp := configureWithOptions(t, options{getenv: func(k string) string { return safeDefaults[k] }}, map[string]tftypes.Value{
		"endpoint": str(srv.URL), "project_id": str(testProject), "access_key": str(testAK), "secret_key": str(testSK),
	})
	if resp.Diagnostics.HasError() {
		t.Fatal(resp.Diagnostics)
	}
	waiter := resp.DataSourceData.(*providerData).waiter
	clock := &recordingClock{}
	waiter.Clock = clock
	if _, err := waiter.WaitBatchState(context.Background(), testProject, testBatch, []string{"success"}); err != nil {
		t.Fatal(err)
	}
	if len(clock.slept) != polls {
		t.Fatalf("slept %d times (%v), want %d", len(clock.slept), clock.slept, polls)
	}
	for n, d := range clock.slept {
		full := time.Duration(math.Min(float64(dli.PollFirst)*math.Pow(dli.PollGrowth, float64(n)), float64(dli.PollMax)))
		if d > full || d < full*8/10 {
			t.Fatalf("interval %d is %v, want %v less up to 20%% (all: %v)", n, d, full, clock.slept)
		}
	}
}
