package dli

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/dli-terraform/terraform-provider-dli/internal/dlimock"
)

// A server that accepts connections and never answers costs three attempts,
// not one per retry allowed: each costs a whole request timeout.
func TestANeverAnsweringServerCostsThreeAttempts(t *testing.T) {
	c, srv := newTestClient(t, func(c *Config) { c.RequestTimeout = 20 * time.Millisecond; c.MaxRetries = 5 })
	srv.Mock.InjectFault(dlimock.Fault{Delay: time.Minute})
	_, err := readWithin(t, context.Background(), c, "reading from a server that never answers")
	var n *NetworkError
	if !errors.As(err, &n) || n.Attempts != maxTimedOutAttempts || n.AttemptTimeout != 20*time.Millisecond {
		t.Fatalf("err = %v, want a network error after %d timed-out attempts", err, maxTimedOutAttempts)
	}
	if got := srv.Mock.RequestCount(); got != maxTimedOutAttempts {
		t.Fatalf("sent %d requests, want %d", got, maxTimedOutAttempts)
	}
}

// With the defaults, a never-answering server fails a read within 90 s:
// its timed-out attempts and the longest backoffs between them.
func TestTheDefaultsBoundANeverAnsweringServerWithin90s(t *testing.T) {
	worst := time.Duration(maxTimedOutAttempts) * DefaultRequestTimeout
	for n := range maxTimedOutAttempts - 1 {
		worst += exponentialWait(n, RetryWaitMin, RetryWaitMax)
	}
	if worst > 90*time.Second {
		t.Fatalf("a never-answering server costs up to %s with the defaults, want at most 90s", worst)
	}
}

// https:// to a server that speaks plain HTTP cannot heal: one attempt, and
// the error says which scheme the server speaks.
func TestHTTPSToAPlainHTTPServerIsNotRetried(t *testing.T) {
	srv := dlimock.NewServer(dlimock.New(testCreds), nil, false)
	t.Cleanup(srv.Close)
	host := strings.TrimPrefix(srv.URL, "http://")
	c, err := New(Config{Endpoint: "https://" + host, Credentials: Credentials{AccessKey: testAK, SecretKey: testSK}, MaxRetries: 5, RetryWaitMin: time.Millisecond, RetryWaitMax: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	_, err = readWithin(t, context.Background(), c, "reading over HTTPS from a plain-HTTP server")
	var n *NetworkError
	if !errors.As(err, &n) || n.Attempts != 1 || !strings.Contains(err.Error(), "speaks plain HTTP, not HTTPS") || !strings.Contains(err.Error(), "http://"+host) {
		t.Fatalf("err = %v, want one attempt saying the server speaks plain HTTP at http://%s", err, host)
	}
}
