package dli

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"runtime"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/dli-terraform/terraform-provider-dli/internal/dlimock"
)

// proxiedEnv marks the test process that
// TestTheMetadataServiceIsNeverAskedThroughAProxy starts with a proxy set.
const proxiedEnv = "DLI_TEST_PROXIED_PROCESS"

// With HTTP_PROXY set, DLI calls go through the proxy but the metadata
// service is asked directly. Go skips the proxy for loopback addresses on
// its own, so the metadata address here is 0.0.0.0, which Go does not
// count as loopback but which a direct connection reaches on this machine
// only. Go reads the proxy variables once per process: the calls are made
// by a child test process started with them, and the proxy, a loopback
// server that answers every request itself, records what reached it.
func TestTheMetadataServiceIsNeverAskedThroughAProxy(t *testing.T) {
	if os.Getenv(proxiedEnv) != "" {
		askDLIAndTheMetadataService(t)
		return
	}
	var mu sync.Mutex
	var proxied []string
	proxy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		proxied = append(proxied, r.Host)
		mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusForbidden)
		_, _ = w.Write([]byte(`{"error_code":"PROXY","error_msg":"answered by the test's proxy"}`))
	}))
	defer proxy.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, os.Args[0], "-test.run=^TestTheMetadataServiceIsNeverAskedThroughAProxy$", "-test.count=1", "-test.v")
	cmd.Env = append(os.Environ(), proxiedEnv+"=1",
		"HTTP_PROXY="+proxy.URL, "http_proxy="+proxy.URL, "HTTPS_PROXY="+proxy.URL, "https_proxy="+proxy.URL, "NO_PROXY=", "no_proxy=")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("the test process with a proxy set failed (%v):\n%s", err, out)
	}
	mu.Lock()
	defer mu.Unlock()
	if !slices.Contains(proxied, "dli.example.invalid") {
		t.Fatalf("the proxy saw %q, not the DLI call: the proxy setting did not apply, so this test shows nothing\n%s", proxied, out)
	}
	if len(proxied) != 1 {
		t.Fatalf("the proxy saw %q: the metadata service was asked through it\n%s", proxied, out)
	}
}

// askDLIAndTheMetadataService runs in the child process: one DLI call (the
// control: it must reach the proxy) and one metadata call, which must not.
func askDLIAndTheMetadataService(t *testing.T) {
	srv := dlimock.NewServer(dlimock.New(dlimock.Credentials{}), nil, false)
	defer srv.Close()
	srv.Mock.ServeMetadata()
	_, port, err := net.SplitHostPort(srv.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	c, err := New(Config{Endpoint: "http://dli.example.invalid", Credentials: Credentials{AccessKey: testAK, SecretKey: testSK}, MaxRetries: 0, RequestTimeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.BatchState(context.Background(), testProject, testBatch); err == nil {
		t.Fatal("a DLI call to dli.example.invalid succeeded; want the proxy's 403")
	}
	_, err = c.MetadataSecurityKey(context.Background(), &url.URL{Scheme: "http", Host: net.JoinHostPort("0.0.0.0", port)})
	// On Linux a connection to 0.0.0.0 reaches the mock: the keys come
	// from it. Elsewhere it may be refused; only the proxy's record counts.
	if err != nil && runtime.GOOS == "linux" {
		t.Fatalf("the metadata service at 0.0.0.0:%s, asked directly: %v; want its keys", port, err)
	}
}
