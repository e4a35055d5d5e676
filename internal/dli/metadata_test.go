package dli

import (
	"context"
	"errors"
	"net"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/dli-terraform/terraform-provider-dli/internal/dlimock"
)

// A metadata address that takes the connection but never answers (a
// firewall, a wrong endpoint) is given up on after the short per-attempt
// limit, once, not after the DLI calls' minute and retries.
func TestASilentMetadataServiceIsGivenUpOnAfterOneShortAttempt(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
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
	defer func() {
		for len(accepted) > 0 {
			_ = (<-accepted).Close()
		}
	}()
	c, err := New(Config{Endpoint: "http://127.0.0.1:1", MaxRetries: 5, RequestTimeout: 50 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	var got error
	finishWithin(t, 10*time.Second, "asking a silent metadata service", func() {
		_, got = c.MetadataSecurityKey(context.Background(), &url.URL{Scheme: "http", Host: l.Addr().String()})
	})
	var network *NetworkError
	if !errors.As(got, &network) || network.Attempts != 1 || network.AttemptTimeout != 50*time.Millisecond ||
		!strings.Contains(got.Error(), "could not reach ECS metadata") {
		t.Fatalf("err = %v, want one attempt cut off by the metadata limit", got)
	}
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
	asked := time.Now()
	creds, err := c.MetadataSecurityKey(context.Background(), u)
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

// A metadata answer without keys is malformed, and never quoted: it may
// hold secrets the client does not know yet.
func TestAMetadataAnswerWithoutKeysIsMalformedAndNotQuoted(t *testing.T) {
	srv := dlimock.NewServer(dlimock.New(dlimock.Credentials{}), nil, false)
	t.Cleanup(srv.Close)
	srv.Mock.InjectFault(dlimock.Fault{Status: 200, Body: `{"credential":{"access":"SOMEACCESSKEY","secret":"half-a-secret-value"}}`})
	c, _ := New(Config{Endpoint: srv.URL})
	u, _ := url.Parse(srv.URL)
	_, err := c.MetadataSecurityKey(context.Background(), u)
	var malformed *MalformedResponseError
	if !errors.As(err, &malformed) || strings.Contains(err.Error(), "half-a-secret-value") || !strings.Contains(err.Error(), "ECS metadata") {
		t.Fatalf("err = %v, want a malformed answer from the ECS metadata service that quotes nothing", err)
	}
}
