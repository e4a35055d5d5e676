package dli

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"

	"github.com/dli-terraform/terraform-provider-dli/internal/dlimock"
)

// Bugs of the fifth outside round that no test caught, each with the test
// that now does: how error answers are sorted and told.

// An error answer's class comes from its code first, then its status: DLI's
// authentication codes at HTTP 400 (DLI.0013, DLI.0014: user and service
// authentication, dli-api.md) are authentication failures, and an HTTP 500
// without a code the client knows is a server error.
func TestErrorAnswersAreSortedByCodeThenStatus(t *testing.T) {
	subject := `reading batch "` + testBatch + `" in project "` + testProject + `"`
	for name, tc := range map[string]struct {
		fault dlimock.Fault
		class ErrorClass
		says  string
	}{
		"DLI.0013 at 400": {dlimock.Fault{Status: 400, Body: `{"error_code":"DLI.0013","error_msg":"user authentication failed"}`}, ClassAuthentication,
			"authentication failed " + subject + ": HTTP 400, error code DLI.0013: user authentication failed"},
		"DLI.0014 at 400": {dlimock.Fault{Status: 400, Body: `{"error_code":"DLI.0014","error_msg":"service authentication failed"}`}, ClassAuthentication,
			"authentication failed " + subject + ": HTTP 400, error code DLI.0014: service authentication failed"},
		"500 with an unknown code": {dlimock.Fault{Status: 500, Body: `{"error_code":"DLI.0500","error_msg":"boom"}`}, ClassServer,
			"server error " + subject + ": HTTP 500, error code DLI.0500: boom"},
		"501 with an unknown code": {dlimock.Fault{Status: 501, Body: `{"error_code":"DLI.0500","error_msg":"boom"}`}, ClassServer,
			"server error " + subject + ": HTTP 501, error code DLI.0500: boom"},
	} {
		t.Run(name, func(t *testing.T) {
			c, srv := newTestClient(t, func(c *Config) { c.MaxRetries = 0 })
			srv.Mock.InjectFault(tc.fault)
			_, err := c.BatchState(shortCtx(t), testProject, testBatch)
			var apiErr *APIError
			if !errors.As(err, &apiErr) {
				t.Fatalf("err = %v, want an APIError", err)
			}
			want := fmt.Sprintf("%s (X-Request-Id: %s)", tc.says, apiErr.RequestID)
			if apiErr.Class != tc.class || apiErr.RequestID == "" || err.Error() != want {
				t.Fatalf("err = %q (class %v), want %q (class %v)", err, apiErr.Class, want, tc.class)
			}
		})
	}
}

// IAM's Keystone error form without a message gives its title as the
// message: {"error":{"code":401,"title":"Unauthorized"}}.
func TestAKeystoneErrorWithoutAMessageIsToldByItsTitle(t *testing.T) {
	c, srv := newTestClient(t, func(c *Config) { c.MaxRetries = 0 })
	srv.Mock.InjectFault(dlimock.Fault{Status: 401, Body: `{"error":{"code":401,"title":"Unauthorized"}}`})
	authURL, _ := url.Parse(srv.URL + "/v3")
	_, err := c.ProjectID(shortCtx(t), authURL, "cn-north-4")
	var apiErr *APIError
	if !errors.As(err, &apiErr) {
		t.Fatalf("err = %v, want an APIError", err)
	}
	want := fmt.Sprintf(`authentication failed reading IAM project "cn-north-4": HTTP 401: Unauthorized (X-Request-Id: %s)`, apiErr.RequestID)
	if apiErr.Class != ClassAuthentication || apiErr.Message != "Unauthorized" || err.Error() != want {
		t.Fatalf("err = %q (class %v, message %q), want %q", err, apiErr.Class, apiErr.Message, want)
	}
}

// A certificate that does not verify is told by the verification error
// alone: not the url.Error around it, which would repeat the method and
// the whole URL inside the reason.
func TestAnUntrustedCertificateIsToldWithoutTheRequestsURL(t *testing.T) {
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		t.Error("a request reached the server through an untrusted certificate")
	}))
	defer srv.Close()
	c, err := New(Config{Endpoint: srv.URL, Credentials: Credentials{Token: "t"}, MaxRetries: 3})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.BatchState(context.Background(), testProject, testBatch)
	host := srv.Listener.Addr().String()
	want := "could not reach DLI after 1 attempt: the TLS certificate of " + host +
		" does not verify (tls: failed to verify certificate: x509: certificate signed by unknown authority) (not retried: it cannot heal)"
	var n *NetworkError
	if !errors.As(err, &n) || err.Error() != want {
		t.Fatalf("err = %q, want %q", err, want)
	}
}
