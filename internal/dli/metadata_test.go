package dli

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/dli-terraform/terraform-provider-dli/internal/dlimock"
)

// A metadata address that takes the connection but never answers (a
// firewall, a wrong endpoint) is given up on after the short per-attempt
// limit, once, not after the DLI calls' minute and retries.
func TestASilentMetadataServiceIsGivenUpOnAfterOneShortAttempt(t *testing.T) {
	got := askSilentMetadata(t, 50*time.Millisecond)
	var network *NetworkError
	if !errors.As(got, &network) || network.Attempts != 1 || network.AttemptTimeout != 50*time.Millisecond ||
		!strings.Contains(got.Error(), "could not reach ECS metadata") {
		t.Fatalf("err = %v, want one attempt cut off by the metadata limit", got)
	}
}

// silentAddress is a loopback address that takes connections and never
// answers, as a firewalled or wrong metadata address might.
func silentAddress(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	accepted := make(chan net.Conn, 10)
	go func() { // accept, and say nothing
		for {
			conn, err := l.Accept()
			if err != nil {
				return
			}
			accepted <- conn
		}
	}()
	t.Cleanup(func() {
		_ = l.Close()
		for len(accepted) > 0 {
			_ = (<-accepted).Close()
		}
	})
	return l.Addr().String()
}

// Off an ECS, the metadata address may swallow packets: each attempt is
// bounded by metadataRequestTimeout, not by the DLI calls' request timeout
// when that is longer (a minute by default), and by that when it is
// shorter. Read from the built client: waiting out 5 s is no test.
func TestAMetadataAttemptIsBoundedBySecondsWhateverTheRequestTimeout(t *testing.T) {
	for requestTimeout, want := range map[time.Duration]time.Duration{
		0:                      metadataRequestTimeout, // the default, a minute
		time.Hour:              metadataRequestTimeout,
		metadataRequestTimeout: metadataRequestTimeout,
		50 * time.Millisecond:  50 * time.Millisecond,
	} {
		c, err := New(Config{Endpoint: "http://127.0.0.1:1", RequestTimeout: requestTimeout})
		if err != nil {
			t.Fatal(err)
		}
		if got := c.metadataHTTP.HTTPClient.Timeout; got != want || got > 5*time.Second {
			t.Errorf("request timeout %v: a metadata attempt is bounded by %v, want %v (at most 5s)", requestTimeout, got, want)
		}
		if got := c.http.HTTPClient.Timeout; requestTimeout > 0 && got != requestTimeout {
			t.Errorf("request timeout %v: a DLI attempt is bounded by %v", requestTimeout, got)
		}
	}
}

// The metadata service answers with fresh keys, which are then redacted
// from any answer that echoes them.
func TestMetadataKeysAreReadAndThenRedacted(t *testing.T) {
	srv := dlimock.NewServer(dlimock.New(dlimock.Credentials{}), nil, false)
	t.Cleanup(srv.Close)
	srv.Mock.ServeMetadata()
	c, err := New(Config{Endpoint: srv.URL, MaxRetries: 0})
	if err != nil {
		t.Fatal(err)
	}
	u, _ := url.Parse(srv.URL)
	token, ok, err := c.MetadataToken(context.Background(), u)
	if err != nil || !ok {
		t.Fatalf("session token: %q %v %v", token, ok, err)
	}
	asked := time.Now()
	creds, err := c.MetadataSecurityKey(context.Background(), u, token)
	// The mock's keys last an hour: the expiry read is that, whatever the
	// local zone (the tests run east of UTC).
	if err != nil || creds.AccessKey == "" || creds.SecurityToken == "" ||
		creds.ExpiresAt.Before(asked.Add(time.Hour-time.Second)) || creds.ExpiresAt.After(time.Now().Add(time.Hour)) {
		t.Fatalf("expires at %v (asked at %v, for an hour), %v", creds.ExpiresAt, asked, err)
	}
	srv.Mock.InjectFault(dlimock.Fault{Status: 400, Body: `{"error_code":"DLI.0001","error_msg":"bad token ` + creds.SecurityToken + `"}`})
	_, err = c.WithCredentials(creds.Credentials).BatchState(context.Background(), testProject, testBatch)
	if err == nil || strings.Contains(err.Error(), creds.SecurityToken) || !strings.Contains(err.Error(), "(redacted)") {
		t.Fatalf("err = %v, want the echoed security token redacted", err)
	}
}

// The metadata session token is a secret too: once issued, an answer that
// echoes it is quoted with it redacted.
func TestTheMetadataSessionTokenIsRedacted(t *testing.T) {
	srv := dlimock.NewServer(dlimock.New(dlimock.Credentials{}), nil, false)
	t.Cleanup(srv.Close)
	srv.Mock.ServeMetadata()
	c, err := New(Config{Endpoint: srv.URL, MaxRetries: 0})
	if err != nil {
		t.Fatal(err)
	}
	u, _ := url.Parse(srv.URL)
	token, ok, err := c.MetadataToken(context.Background(), u)
	if err != nil || !ok || len(token) < 8 {
		t.Fatalf("session token: %q %v %v", token, ok, err)
	}
	srv.Mock.InjectFault(dlimock.Fault{Status: 400, Body: `{"error_code":"DLI.0001","error_msg":"bad session token ` + token + `"}`})
	_, err = c.MetadataSecurityKey(context.Background(), u, token)
	if err == nil || strings.Contains(err.Error(), token) || !strings.Contains(err.Error(), "(redacted)") {
		t.Fatalf("err = %v, want the echoed session token redacted", err)
	}
}

// A metadata answer without keys is malformed, and never quoted: it may
// hold secrets the client does not know yet.
func TestAMetadataAnswerWithoutKeysIsMalformedAndNotQuoted(t *testing.T) {
	srv := dlimock.NewServer(dlimock.New(dlimock.Credentials{}), nil, false)
	t.Cleanup(srv.Close)
	srv.Mock.InjectFault(dlimock.Fault{Status: 200, Body: `{"credential":{"access":"SOMEACCESSKEY","secret":"half-a-secret-value"}}`})
	c, _ := New(Config{Endpoint: srv.URL})
	u, _ := url.Parse(srv.URL)
	_, err := c.MetadataSecurityKey(context.Background(), u, "")
	var malformed *MalformedResponseError
	if !errors.As(err, &malformed) || strings.Contains(err.Error(), "half-a-secret-value") || !strings.Contains(err.Error(), "ECS metadata") {
		t.Fatalf("err = %v, want a malformed answer from the ECS metadata service that quotes nothing", err)
	}
}

// The session token is asked for with PUT and the SDK's TTL, without
// credentials; an ECS without session tokens (404, 405, 503) is told in one
// attempt, 503 included, and the token is redacted like a key.
func TestTheMetadataSessionTokenRequest(t *testing.T) {
	for status, want := range map[int]bool{200: true, 404: false, 405: false, 503: false} {
		t.Run(strconv.Itoa(status), func(t *testing.T) {
			srv := dlimock.NewServer(dlimock.New(dlimock.Credentials{}), nil, false)
			t.Cleanup(srv.Close)
			srv.Mock.ServeMetadata()
			if status != 200 {
				srv.Mock.InjectFault(dlimock.Fault{Status: status, Body: "no tokens here", ContentType: "text/plain"})
			}
			c, err := New(Config{Endpoint: srv.URL, Credentials: Credentials{AccessKey: testAK, SecretKey: testSK}, MaxRetries: 5, RetryWaitMin: time.Millisecond})
			if err != nil {
				t.Fatal(err)
			}
			u, _ := url.Parse(srv.URL)
			token, ok, err := c.MetadataToken(context.Background(), u)
			if err != nil || ok != want || (token != "") != want {
				t.Fatalf("token %q, ok %v, err %v; want ok %v", token, ok, err, want)
			}
			reqs := srv.Mock.Requests()
			if len(reqs) != 1 {
				t.Fatalf("%d requests, want 1 (never retried)", len(reqs))
			}
			r := reqs[0]
			if r.Method != http.MethodPut || r.Path != "/meta-data/latest/api/token" || r.Header.Get("X-Metadata-Token-Ttl-Seconds") != "21600" ||
				r.Header.Get("Authorization") != "" || r.Header.Get("X-Auth-Token") != "" {
				t.Fatalf("sent %s %s with %v, want PUT /meta-data/latest/api/token with the TTL and no credentials", r.Method, r.Path, r.Header)
			}
			if want && !slices.Contains(c.Secrets(), token) {
				t.Fatal("the session token is not among the secrets to redact")
			}
		})
	}
}

// A silent metadata address is given up on after one short attempt at the
// token too.
func TestASilentMetadataTokenRequestIsOneShortAttempt(t *testing.T) {
	silent := silentAddress(t)
	c, err := New(Config{Endpoint: "http://127.0.0.1:1", MaxRetries: 5, RequestTimeout: 50 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	var got error
	finishWithin(t, 10*time.Second, "asking a silent metadata service for a token", func() {
		_, _, got = c.MetadataToken(context.Background(), &url.URL{Scheme: "http", Host: silent})
	})
	var network *NetworkError
	if !errors.As(got, &network) || network.Attempts != 1 || network.AttemptTimeout != 50*time.Millisecond {
		t.Fatalf("err = %v, want one attempt cut off by the metadata limit", got)
	}
}

// With a request timeout longer than the metadata service's limit, an
// attempt at the metadata service is cut off by that limit, and the error
// says so: not the minute a DLI call may take.
func TestASilentMetadataServiceErrorNamesItsOwnLimit(t *testing.T) {
	t.Parallel() // it waits the limit, 5 s, in real time
	got := askSilentMetadata(t, time.Minute)
	var network *NetworkError
	if !errors.As(got, &network) || network.Attempts != 1 || network.AttemptTimeout != metadataRequestTimeout ||
		!strings.Contains(got.Error(), "5s") {
		t.Fatalf("err = %v, want one attempt cut off by the metadata limit (%v)", got, metadataRequestTimeout)
	}
}

// askSilentMetadata is the error of asking a silent metadata service for
// keys, by a client whose calls may take requestTimeout.
func askSilentMetadata(t *testing.T, requestTimeout time.Duration) error {
	t.Helper()
	silent := silentAddress(t)
	c, err := New(Config{Endpoint: "http://127.0.0.1:1", MaxRetries: 5, RequestTimeout: requestTimeout})
	if err != nil {
		t.Fatal(err)
	}
	var got error
	finishWithin(t, 30*time.Second, "asking a silent metadata service", func() {
		_, got = c.MetadataSecurityKey(context.Background(), &url.URL{Scheme: "http", Host: silent}, "")
	})
	return got
}
