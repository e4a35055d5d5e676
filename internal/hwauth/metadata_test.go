package hwauth

import (
	"context"
	"errors"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/dli-terraform/terraform-provider-dli/internal/dli"
	"github.com/dli-terraform/terraform-provider-dli/internal/testwait"
)

// A 45-minute wait on keys that last 30 minutes: the keys are fetched
// again 10 minutes before they expire, so no poll is ever refused, and
// only when needed, not per poll. The mock, the signer, the cache and the
// waiter share one fake clock: the test takes milliseconds.
func TestMetadataKeysAreRenewedBeforeTheyExpireDuringALongWait(t *testing.T) {
	clock := newFakeClock()
	srv := newServer(t, clock)
	srv.Mock.ServeMetadata()
	srv.Mock.TemporaryTTL = 30 * time.Minute
	states := make([]string, 0, 91) // a poll every 30 s for 45 minutes
	for range 90 {
		states = append(states, "running")
	}
	srv.Mock.AddBatch(testProject, testBatch, append(states, "success")...)
	base := newBase(t, srv, clock)
	client := base.WithCredentials(FromMetadata(base, mustURL(t, srv.URL), clock.Now))

	waiter := dli.Waiter{Client: client, Clock: clock, Schedule: func(int) time.Duration { return 30 * time.Second }}
	var s dli.BatchState
	var err error
	testwait.Within(t, testwait.Limit, "a 45-minute wait on a fake clock", func() {
		s, err = waiter.WaitBatchState(context.Background(), testProject, testBatch, []string{"success"})
	})
	if err != nil {
		t.Fatalf("the wait failed: %v", err)
	}
	if waited := clock.Now().Sub(newFakeClock().Now()); s.State != "success" || waited < 45*time.Minute {
		t.Fatalf("state %q after %v, want success after 45 minutes", s.State, waited)
	}
	// Fetched at 0, then when stale at 20 and 40 minutes.
	if n := srv.Mock.Calls("securitykey"); n != 3 {
		t.Fatalf("%d metadata calls for a 45-minute wait with 30-minute keys, want 3", n)
	}
	if n := srv.Mock.Calls("batch_state"); n != 91 {
		t.Fatalf("%d polls answered, want all 91 (none refused for expired keys)", n)
	}
}

func TestMetadataIsAskedOnceForConcurrentReads(t *testing.T) {
	srv := newServer(t, nil)
	srv.Mock.ServeMetadata()
	srv.Mock.DefaultState = "running"
	base := newBase(t, srv, nil)
	client := base.WithCredentials(FromMetadata(base, mustURL(t, srv.URL), nil))
	for _, err := range concurrently(50, func() error {
		_, err := client.BatchState(context.Background(), testProject, testBatch)
		return err
	}) {
		if err != nil {
			t.Fatal(err)
		}
	}
	if n := srv.Mock.Calls("securitykey"); n != 1 {
		t.Fatalf("%d metadata calls for 50 concurrent reads, want 1", n)
	}
}

func TestNoMetadataServiceIsAnErrorNamingItsAddress(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := "http://" + l.Addr().String()
	_ = l.Close()
	srv := newServer(t, nil)
	base := newBase(t, srv, nil)
	client := base.WithCredentials(FromMetadata(base, mustURL(t, closed), nil))

	_, err = readWithin(t, client, "a read with no metadata service")
	var metadata *MetadataError
	var network *dli.NetworkError
	if !errors.As(err, &metadata) || !errors.As(err, &network) || !strings.Contains(err.Error(), closed) {
		t.Fatalf("err = %v, want a MetadataError naming %s", err, closed)
	}
	// No answer at all is not retried: no metadata service will appear.
	if network.Attempts != 1 {
		t.Fatalf("%d attempts, want 1", network.Attempts)
	}
	if srv.Mock.RequestCount() != 0 {
		t.Fatal("DLI was called without credentials")
	}
}

// silentListener takes connections and never answers, as a firewalled or
// wrong metadata address might; it counts the connections.
func silentListener(t *testing.T) (string, func() int) {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	conns := make(chan net.Conn, 100)
	go func() {
		for {
			conn, err := l.Accept()
			if err != nil {
				return
			}
			conns <- conn
		}
	}()
	t.Cleanup(func() {
		_ = l.Close()
		for len(conns) > 0 {
			_ = (<-conns).Close()
		}
	})
	return "http://" + l.Addr().String(), func() int { return len(conns) }
}

// A metadata address that never answers costs one attempt's wait, once:
// the failure is kept for every later read, not tried again by each.
func TestASilentMetadataServiceCostsOneWaitForAllReads(t *testing.T) {
	silent, connections := silentListener(t)
	srv := newServer(t, nil)
	base, err := dli.New(dli.Config{Endpoint: srv.URL, RequestTimeout: 50 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	client := base.WithCredentials(FromMetadata(base, mustURL(t, silent), nil))
	for i := range 5 {
		_, err := readWithin(t, client, "a read with a silent metadata service")
		var metadata *MetadataError
		if !errors.As(err, &metadata) {
			t.Fatalf("read %d: err = %v, want the metadata failure", i, err)
		}
	}
	if n := connections(); n != 1 {
		t.Fatalf("%d connections to the silent metadata address for 5 reads, want 1", n)
	}
}
