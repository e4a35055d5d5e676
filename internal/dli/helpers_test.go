package dli

import (
	"testing"
	"time"

	"github.com/dli-terraform/terraform-provider-dli/internal/dlimock"
)

const (
	testProject = "0123456789abcdef0123456789abcdef"
	testBatch   = "0a324461-d9d9-45da-a52a-3b3c7a3d809e"
	testAK      = "TESTACCESSKEYAAAAAAA"
	testSK      = "test-secret-key-value-1234567890"
)

var testCreds = dlimock.Credentials{AccessKey: testAK, SecretKey: testSK, Token: "test-iam-token-value"}

// newTestClient starts a mock accepting testCreds and a client signing with
// AK/SK, retrying with millisecond waits.
func newTestClient(t *testing.T, mutate ...func(*Config)) (*Client, *dlimock.Server) {
	t.Helper()
	srv := dlimock.NewServer(dlimock.New(testCreds), nil, false)
	t.Cleanup(srv.Close)
	cfg := Config{
		Endpoint:     srv.URL,
		Credentials:  Credentials{AccessKey: testAK, SecretKey: testSK},
		MaxRetries:   DefaultMaxRetries,
		RetryWaitMin: time.Millisecond,
		RetryWaitMax: 5 * time.Millisecond,
	}
	for _, m := range mutate {
		m(&cfg)
	}
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return c, srv
}

// items is a list read's entries, for tests that need no more of it.
func items[T any](l List[T], err error) ([]T, error) { return l.Items, err }
