package provider

import (
	"sync/atomic"
	"testing"
	"time"

	"github.com/dli-terraform/terraform-provider-dli/internal/dlimock"
)

// readHangLimit is how long after its first request a read that should end
// within a second (timeouts.read, a failing answer) may still be asking.
const readHangLimit = 20 * time.Second

// guardAgainstHangs protects an acceptance test whose failure mode is a
// hang, such as a read that timeouts.read no longer bounds. An acceptance
// step cannot be cancelled from outside, so once the mock has been asked for
// longer than readHangLimit since its first request, the watchdog shuts the mock
// down: the read then fails at once (the step fails with whatever the
// provider said) and the test says why, in seconds rather than at go test's
// 15-minute limit.
func guardAgainstHangs(t *testing.T, srv *dlimock.Server) {
	const limit = readHangLimit
	t.Helper()
	var fired atomic.Bool
	stop := make(chan struct{})
	go func() {
		tick := time.NewTicker(50 * time.Millisecond)
		defer tick.Stop()
		var first time.Time
		for {
			select {
			case <-stop:
				return
			case now := <-tick.C:
				switch {
				case first.IsZero() && srv.Mock.RequestCount() > 0:
					first = now
				case !first.IsZero() && now.Sub(first) > limit:
					fired.Store(true)
					_ = srv.Listener.Close()
					srv.CloseClientConnections()
					return
				}
			}
		}
	}()
	t.Cleanup(func() {
		close(stop)
		if fired.Load() {
			t.Errorf("the read was still asking the mock DLI %v after its first request (%d requests): it would have hung, so the watchdog shut the mock down",
				limit, srv.Mock.RequestCount())
		}
	})
}
