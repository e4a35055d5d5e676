package dli

import (
	"context"
	"encoding/pem"
	"errors"
	"net"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/dli-terraform/terraform-provider-dli/internal/dlimock"
)

func newTLSMock(t *testing.T) *dlimock.Server {
	t.Helper()
	srv := dlimock.NewServer(dlimock.New(testCreds), nil, true)
	t.Cleanup(srv.Close)
	srv.Mock.AddBatch(testProject, testBatch, "running")
	return srv
}

func TestTLSIsVerifiedByDefault(t *testing.T) {
	srv := newTLSMock(t)
	c, err := New(Config{Endpoint: srv.URL, Credentials: Credentials{Token: "t"}, MaxRetries: 3})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.BatchState(context.Background(), testProject, testBatch)
	var n *NetworkError
	if !errors.As(err, &n) || !strings.Contains(err.Error(), "certificate") {
		t.Fatalf("err = %v, want a certificate verification failure", err)
	}
	if n.Attempts != 1 || srv.Stats().Connections != 1 {
		t.Fatalf("made %d attempts over %d connections, want 1: a bad certificate is not transient", n.Attempts, srv.Stats().Connections)
	}
	if host := strings.TrimPrefix(srv.URL, "https://"); !strings.Contains(err.Error(), "the TLS certificate of "+host+" does not verify") {
		t.Fatalf("err = %v, want it to name the host %s", err, host)
	}
}

func TestInsecureSkipsVerification(t *testing.T) {
	srv := newTLSMock(t)
	c, err := New(Config{Endpoint: srv.URL, Credentials: Credentials{Token: testCreds.Token}, Insecure: true})
	if err != nil {
		t.Fatal(err)
	}
	s, err := c.BatchState(context.Background(), testProject, testBatch)
	if err != nil || s.State != "running" {
		t.Fatalf("got %+v, %v; want running over TLS with insecure", s, err)
	}
	if st := srv.Stats(); st.TLSHandshakes != 1 {
		t.Fatalf("handshakes = %d, want 1", st.TLSHandshakes)
	}
}

func TestAHungAttemptIsCutShortAndRetried(t *testing.T) {
	c, srv := newTestClient(t, func(c *Config) { c.RequestTimeout = 500 * time.Millisecond })
	srv.Mock.AddBatch(testProject, testBatch, "running")
	srv.Mock.InjectFault(dlimock.Fault{Delay: time.Minute, Times: 1})
	s, err := readWithin(t, context.Background(), c, "reading past a hung attempt")
	if err != nil || s.State != "running" {
		t.Fatalf("got %+v, %v; want the retry after the hung attempt to succeed", s, err)
	}
	if n := srv.Mock.RequestCount(); n != 2 {
		t.Fatalf("sent %d requests, want 2", n)
	}
}

func TestHungAttemptsAreANetworkErrorNotATimeoutOfTheRead(t *testing.T) {
	c, srv := newTestClient(t, func(c *Config) { c.RequestTimeout = 20 * time.Millisecond; c.MaxRetries = 1 })
	srv.Mock.InjectFault(dlimock.Fault{Delay: time.Minute})
	_, err := readWithin(t, context.Background(), c, "reading when every attempt hangs")
	var n *NetworkError
	if !errors.As(err, &n) || n.Attempts != 2 || !strings.Contains(err.Error(), "no answer within the per-attempt limit of 20ms") {
		t.Fatalf("err = %v, want a network error after 2 timed-out attempts", err)
	}
}

// The standard library reads SSL_CERT_FILE and the proxy variables once per
// process, so these run the client in a child test process.
func TestPrivateCAFromSSLCertFile(t *testing.T) {
	srv := newTLSMock(t)
	caFile := filepath.Join(t.TempDir(), "ca.pem")
	pemBytes := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: srv.Certificate().Raw})
	if err := os.WriteFile(caFile, pemBytes, 0o600); err != nil {
		t.Fatal(err)
	}
	runChild(t, "SSL_CERT_FILE="+caFile, "DLI_CHILD_ENDPOINT="+srv.URL)
	if srv.Mock.RequestCount() != 1 {
		t.Fatal("the child did not reach the TLS mock")
	}
}

// With HTTP_PROXY set, DLI calls go through the proxy, but the ECS
// metadata service is asked directly. Go skips proxies for loopback
// addresses anyway, so the child asks for metadata at 0.0.0.0, which Go
// does not count as loopback but which a connection reaches on this
// machine only: through the proxy (the mock, answering every request
// itself) it would be a second request there.
func TestProxyFromEnvironment(t *testing.T) {
	proxy := dlimock.NewServer(dlimock.New(testCreds), nil, false)
	defer proxy.Close()
	proxy.Mock.AddBatch(testProject, testBatch, "running")
	// No DNS lookup happens: the client hands the whole URL to the proxy.
	runChild(t, "HTTP_PROXY="+proxy.URL, "http_proxy="+proxy.URL, "NO_PROXY=", "no_proxy=",
		"DLI_CHILD_ENDPOINT=http://dli.proxied.invalid", "DLI_CHILD_ASKS_METADATA=1")
	reqs := proxy.Mock.Requests()
	if len(reqs) != 1 || reqs[0].Host != "dli.proxied.invalid" {
		t.Fatalf("proxy saw %+v, want one request, for dli.proxied.invalid: the metadata service is never asked through a proxy", reqs)
	}
}

// childLimit bounds a child test process, which takes milliseconds.
const childLimit = 30 * time.Second

func runChild(t *testing.T, env ...string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), childLimit)
	defer cancel()
	cmd := exec.CommandContext(ctx, os.Args[0], "-test.run=^TestChildReadsOneBatch$", "-test.count=1")
	cmd.Env = append(os.Environ(), append(env, "DLI_CHILD=1")...)
	out, err := cmd.CombinedOutput()
	if ctx.Err() != nil {
		t.Fatalf("the child test process was still running after %v; it hangs:\n%s", childLimit, out)
	}
	if err != nil {
		t.Fatalf("child failed: %v\n%s", err, out)
	}
}

func TestChildReadsOneBatch(t *testing.T) {
	if os.Getenv("DLI_CHILD") != "1" {
		t.Skip("runs only as a child of TestPrivateCAFromSSLCertFile and TestProxyFromEnvironment")
	}
	c, err := New(Config{Endpoint: os.Getenv("DLI_CHILD_ENDPOINT"), Credentials: Credentials{AccessKey: testAK, SecretKey: testSK}, MaxRetries: 0})
	if err != nil {
		t.Fatal(err)
	}
	if s, err := c.BatchState(context.Background(), testProject, testBatch); err != nil || s.State != "running" {
		t.Fatalf("got %+v, %v", s, err)
	}
	if os.Getenv("DLI_CHILD_ASKS_METADATA") == "1" {
		askMetadataAtAnAddressGoDoesNotCountAsLoopback(t, c)
	}
}

// askMetadataAtAnAddressGoDoesNotCountAsLoopback asks a loopback metadata
// mock as 0.0.0.0 for keys.
func askMetadataAtAnAddressGoDoesNotCountAsLoopback(t *testing.T, c *Client) {
	srv := dlimock.NewServer(dlimock.New(dlimock.Credentials{}), nil, false)
	defer srv.Close()
	srv.Mock.ServeMetadata()
	_, port, err := net.SplitHostPort(srv.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	metadata := &url.URL{Scheme: "http", Host: net.JoinHostPort("0.0.0.0", port)}
	// The session token's PUT and the keys' GET both go direct.
	token, _, err := c.MetadataToken(context.Background(), metadata)
	if err == nil {
		_, err = c.MetadataSecurityKey(context.Background(), metadata, token)
	}
	// On Linux a connection to 0.0.0.0 reaches the mock; elsewhere it may
	// be refused, and only what the proxy saw tells.
	if err != nil && runtime.GOOS == "linux" {
		t.Fatalf("the metadata service at 0.0.0.0:%s: %v; want its keys", port, err)
	}
}
