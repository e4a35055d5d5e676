package dli

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"net"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

func TestPermanentFailuresAreToldFromTransientOnes(t *testing.T) {
	wrap := func(err error) error {
		return &url.Error{Op: "Get", URL: "https://dli.cn-nowhere-1.myhuaweicloud.com/v2.0/p/batches", Err: err}
	}
	for name, c := range map[string]struct {
		err       error
		permanent bool
		says      string
	}{
		"no such host":       {wrap(&net.OpError{Op: "dial", Err: &net.DNSError{Err: "no such host", Name: "dli.cn-nowhere-1.myhuaweicloud.com", IsNotFound: true}}), true, "the host dli.cn-nowhere-1.myhuaweicloud.com does not resolve"},
		"resolver timed out": {wrap(&net.OpError{Op: "dial", Err: &net.DNSError{Err: "i/o timeout", Name: "dli.cn-north-4.myhuaweicloud.com", IsTimeout: true, IsTemporary: true}}), false, ""},
		"server misbehaving": {wrap(&net.OpError{Op: "dial", Err: &net.DNSError{Err: "server misbehaving", Name: "dli.cn-north-4.myhuaweicloud.com", IsTemporary: true}}), false, ""},
		"unknown authority":  {wrap(x509.UnknownAuthorityError{}), true, "the TLS certificate of dli.cn-nowhere-1.myhuaweicloud.com does not verify"},
		"wrong host name":    {wrap(x509.HostnameError{Certificate: &x509.Certificate{}, Host: "dli.cn-nowhere-1.myhuaweicloud.com"}), true, "does not verify"},
		"expired":            {wrap(x509.CertificateInvalidError{Reason: x509.Expired}), true, "does not verify"},
		"HTTP answer to TLS": {wrap(http.ErrSchemeMismatch), true, "the server at dli.cn-nowhere-1.myhuaweicloud.com speaks plain HTTP, not HTTPS: write the URL as http://dli.cn-nowhere-1.myhuaweicloud.com"},
		"HTML answer to TLS": {wrap(tls.RecordHeaderError{Msg: "first record does not look like a TLS handshake", RecordHeader: [5]byte{'<', '!', 'D', 'O', 'C'}}), true, "speaks plain HTTP, not HTTPS"},
		"connection refused": {wrap(&net.OpError{Op: "dial", Err: errors.New("connection refused")}), false, ""},
	} {
		t.Run(name, func(t *testing.T) {
			says, permanent := permanentFailure(c.err)
			if permanent != c.permanent || !strings.Contains(says, c.says) {
				t.Fatalf("permanent %v %q, want %v %q", permanent, says, c.permanent, c.says)
			}
			retry, _ := retryPolicy(context.Background(), nil, c.err)
			if retry == c.permanent {
				t.Fatalf("retried %v, want %v", retry, !c.permanent)
			}
		})
	}
}

// A host that does not resolve (a typo in the region) costs one attempt,
// not the backoff of every retry, and the error names it.
func TestAHostThatDoesNotResolveIsTriedOnce(t *testing.T) {
	const host = "dli.cn-nowhere-1.example.invalid"
	if _, err := net.DefaultResolver.LookupHost(context.Background(), host); !isNotFound(err) {
		t.Skipf("the resolver does not answer NXDOMAIN for .invalid here (%v)", err)
	}
	c, err := New(Config{Endpoint: "https://" + host, Credentials: Credentials{Token: "t"}, MaxRetries: 5, RetryWaitMin: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	var got error
	finishWithin(t, 10*time.Second, "reading from a host that does not resolve", func() {
		_, got = c.BatchState(context.Background(), testProject, testBatch)
	})
	var n *NetworkError
	if !errors.As(got, &n) || n.Attempts != 1 || !strings.Contains(got.Error(), "the host "+host+" does not resolve") || !strings.Contains(got.Error(), "not retried") {
		t.Fatalf("err = %v, want one attempt naming the host", got)
	}
}

func isNotFound(err error) bool {
	var d *net.DNSError
	return errors.As(err, &d) && d.IsNotFound
}

// A temporary DNS failure is still retried, through the client's path.
func TestATemporaryDNSFailureIsRetried(t *testing.T) {
	c, err := New(Config{Endpoint: "https://dli.cn-north-4.example.invalid", Credentials: Credentials{Token: "t"}, MaxRetries: 2, RetryWaitMin: time.Millisecond, RetryWaitMax: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	attempts := 0
	c.http.HTTPClient.Transport = roundTripFunc(func(r *http.Request) (*http.Response, error) {
		attempts++
		return nil, &net.OpError{Op: "dial", Err: &net.DNSError{Err: "server misbehaving", Name: r.URL.Host, IsTemporary: true}}
	})
	_, err = c.BatchState(context.Background(), testProject, testBatch)
	if attempts != 3 || err == nil {
		t.Fatalf("%d attempts, %v; want 3 and an error", attempts, err)
	}
}
