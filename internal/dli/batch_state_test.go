package dli

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/dli-terraform/terraform-provider-dli/internal/dlimock"
)

func TestBatchStateOneSignedRequest(t *testing.T) {
	c, srv := newTestClient(t, func(c *Config) { c.UserAgent = "terraform-provider-dli/test" })
	srv.Mock.AddBatch(testProject, testBatch, "Success")

	s, err := c.BatchState(context.Background(), testProject, testBatch)
	if err != nil {
		t.Fatal(err)
	}
	if s.State != "Success" || s.ID != testBatch || !s.Terminal() {
		t.Fatalf("got %+v (terminal %v), want Success verbatim, terminal", s, s.Terminal())
	}
	reqs := srv.Mock.Requests()
	if len(reqs) != 1 {
		t.Fatalf("sent %d requests, want exactly 1", len(reqs))
	}
	r := reqs[0]
	if want := "/v2.0/" + testProject + "/batches/" + testBatch + "/state"; r.Path != want {
		t.Errorf("path = %q, want %q", r.Path, want)
	}
	if !strings.HasPrefix(r.Header.Get("Authorization"), "SDK-HMAC-SHA256 Access="+testAK+", SignedHeaders=host;x-project-id;x-sdk-date,") {
		t.Errorf("Authorization = %q, want an AK/SK signature over host;x-project-id;x-sdk-date", r.Header.Get("Authorization"))
	}
	if got := r.Header.Get("X-Project-Id"); got != testProject {
		t.Errorf("X-Project-Id = %q, want the URL's project %q", got, testProject)
	}
	if got := r.Header.Get("Content-Type"); got != "application/json" {
		t.Errorf("Content-Type = %q, want application/json on a GET too", got)
	}
	if r.Header.Get("X-Auth-Token") != "" || r.Header.Get("X-Security-Token") != "" {
		t.Errorf("AK/SK request carries token headers: %v", r.Header)
	}
	if got := r.Header.Get("User-Agent"); got != "terraform-provider-dli/test" {
		t.Errorf("User-Agent = %q", got)
	}
}

func TestBatchStateIDFallsBackToTheRequestedOne(t *testing.T) {
	c, srv := newTestClient(t)
	srv.Mock.InjectFault(dlimock.Fault{Status: 200, Body: `{"state":"running","extra":{"ignored":true}}`, Times: 1})
	s, err := c.BatchState(context.Background(), testProject, testBatch)
	if err != nil {
		t.Fatal(err)
	}
	if s.ID != testBatch || s.State != "running" || s.Terminal() {
		t.Fatalf("got %+v, want the requested ID and a non-terminal running", s)
	}
}

func TestTerminalIgnoresCase(t *testing.T) {
	for state, want := range map[string]bool{
		"success": true, "Success": true, "DEAD": true, "dead": true,
		"starting": false, "running": false, "recovering": false, "killed": false, "": false,
	} {
		if got := BatchKind.IsTerminal(state); got != want {
			t.Errorf("BatchKind.IsTerminal(%q) = %v, want %v", state, got, want)
		}
	}
}

func TestAuthMethodsAsTheMockVerifiesThem(t *testing.T) {
	for _, tc := range []struct {
		name        string
		creds       Credentials
		mockCreds   dlimock.Credentials
		wantHeaders map[string]bool // header -> must be present
	}{
		{"aksk", Credentials{AccessKey: testAK, SecretKey: testSK}, testCreds,
			map[string]bool{"Authorization": true, "X-Sdk-Date": true, "X-Security-Token": false, "X-Auth-Token": false}},
		{"temporary", Credentials{AccessKey: testAK, SecretKey: testSK, SecurityToken: "sts-token"},
			dlimock.Credentials{AccessKey: testAK, SecretKey: testSK, SecurityToken: "sts-token"},
			map[string]bool{"Authorization": true, "X-Sdk-Date": true, "X-Security-Token": true, "X-Auth-Token": false}},
		{"token", Credentials{Token: "test-iam-token-value"}, testCreds,
			map[string]bool{"Authorization": false, "X-Sdk-Date": false, "X-Security-Token": false, "X-Auth-Token": true}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := dlimock.NewServer(dlimock.New(tc.mockCreds), nil, false)
			defer srv.Close()
			srv.Mock.AddBatch(testProject, testBatch, "running")
			c, err := New(Config{Endpoint: srv.URL, Credentials: tc.creds})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := c.BatchState(context.Background(), testProject, testBatch); err != nil {
				t.Fatalf("mock refused %s: %v", tc.name, err)
			}
			h := srv.Mock.Requests()[0].Header
			for name, present := range tc.wantHeaders {
				if (h.Get(name) != "") != present {
					t.Errorf("header %s present = %v, want %v", name, !present, present)
				}
			}
		})
	}
}

func TestWrongSecretKeyIsAnAuthenticationError(t *testing.T) {
	c, _ := newTestClient(t, func(c *Config) { c.Credentials = Credentials{AccessKey: testAK, SecretKey: "wrong-secret"} })
	_, err := c.BatchState(context.Background(), testProject, testBatch)
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.Class != ClassAuthentication || apiErr.StatusCode != 401 || apiErr.Code != "APIGW.0301" {
		t.Fatalf("err = %v, want a 401 APIGW.0301 authentication error", err)
	}
	if strings.Contains(err.Error(), "wrong-secret") {
		t.Fatalf("error leaks the secret: %v", err)
	}
}

func TestSegmentsAreEscapedSoIDsCannotChangeTheRoute(t *testing.T) {
	c, srv := newTestClient(t)
	_, err := c.BatchState(context.Background(), "p/../x", "a?b#c")
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.Class != ClassNotFound || apiErr.Code != "DLI.0002" {
		t.Fatalf("err = %v, want the mock's DLI.0002 for that odd batch (the signature must still verify)", err)
	}
	if got, want := srv.Mock.Requests()[0].Path, "/v2.0/p%2F..%2Fx/batches/a%3Fb%23c/state"; got != want {
		t.Fatalf("path = %q, want %q", got, want)
	}
}

func TestErrorsUsersCanActOn(t *testing.T) {
	for _, tc := range []struct {
		name     string
		fault    *dlimock.Fault
		kind     ErrorClass
		contains []string
	}{
		{"missing batch (400 DLI.0002)", nil, ClassNotFound,
			[]string{`batch "` + testBatch + `" in project "` + testProject + `" was not found`, "HTTP 400", "DLI.0002", "X-Request-Id: mock-"}},
		{"404", &dlimock.Fault{Status: 404, Body: `{"error_code":"DLI.0023","error_msg":"resource not found"}`}, ClassNotFound,
			[]string{"was not found", "HTTP 404", "DLI.0023", "resource not found"}},
		{"403", &dlimock.Fault{Status: 403, Body: `{"error_code":"DLI.0003","error_msg":"no permission"}`}, ClassPermission,
			[]string{"permission denied", "HTTP 403", "DLI.0003", "no permission"}},
		{"old is_success form with HTTP 200", &dlimock.Fault{Status: 200, Body: `{"is_success":false,"message":"batch is gone"}`}, ClassRequest,
			[]string{"HTTP 200", "batch is gone"}},
		{"bad request", &dlimock.Fault{Status: 400, Body: `{"error_code":"DLI.0001","error_msg":"parameter check error"}`}, ClassRequest,
			[]string{"request rejected", "DLI.0001", "parameter check error"}},
		{"gateway knows no such API (404 APIGW.0101)", &dlimock.Fault{Status: 404, Body: `{"error_code":"APIGW.0101","error_msg":"The API does not exist"}`}, ClassNoAPI,
			[]string{"no such API at the endpoint", "HTTP 404", "APIGW.0101"}},
		{"bare 404: the endpoint may be wrong", &dlimock.Fault{Status: 404, ContentType: "text/plain", Body: "404 page not found"}, ClassNotFoundAtEndpoint,
			[]string{"HTTP 404 from 127.0.0.1:", `reading batch "` + testBatch + `"`, "without a DLI error code", "endpoint may be wrong (or the job missing)", "404 page not found"}},
		{"404 with a JSON body but no code", &dlimock.Fault{Status: 404, Body: `{}`}, ClassNotFoundAtEndpoint,
			[]string{"HTTP 404 from 127.0.0.1:", "no error message"}},
		{"404 in the older is_success form is DLI's", &dlimock.Fault{Status: 404, Body: `{"is_success":false,"message":"batch not found"}`}, ClassNotFound,
			[]string{"was not found", "HTTP 404", "batch not found"}},
		{"DLI.0999 with HTTP 400 is a server error", &dlimock.Fault{Status: 400, Body: `{"error_code":"DLI.0999","error_msg":"Server error"}`}, ClassServer,
			[]string{"server error", "DLI.0999"}},
		{"JSON error of another shape is quoted", &dlimock.Fault{Status: 401, Body: `{"error":{"code":"401","message":"token expired"}}`}, ClassAuthentication,
			[]string{"HTTP 401", "token expired"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, srv := newTestClient(t)
			if tc.fault != nil {
				srv.Mock.InjectFault(*tc.fault)
			}
			_, err := c.BatchState(context.Background(), testProject, testBatch)
			var apiErr *APIError
			if !errors.As(err, &apiErr) || apiErr.Class != tc.kind {
				t.Fatalf("err = %v, want an APIError of kind %v", err, tc.kind)
			}
			for _, s := range tc.contains {
				if !strings.Contains(err.Error(), s) {
					t.Errorf("error %q does not contain %q", err, s)
				}
			}
			if n := srv.Mock.RequestCount(); n != 1 {
				t.Errorf("sent %d requests, want 1 (client errors are not retried)", n)
			}
		})
	}
}

func TestMalformedAnswers(t *testing.T) {
	for _, tc := range []struct {
		name     string
		fault    dlimock.Fault
		contains string
	}{
		{"garbage with 200", dlimock.Fault{Status: 200, Body: `{"state": "runn`}, "not the expected JSON"},
		{"no state", dlimock.Fault{Status: 200, Body: `{"id":"x"}`}, "has no state"},
		{"oversized", dlimock.Fault{Status: 200, Body: `{"state":"running"}`, BodySize: MaxResponseBytes + 1<<20}, "larger than 64 MiB"},
		{"trailing garbage", dlimock.Fault{Status: 200, Body: `{"state":"running"} trailing`}, "not the expected JSON"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, srv := newTestClient(t)
			srv.Mock.InjectFault(tc.fault)
			_, err := c.BatchState(context.Background(), testProject, testBatch)
			var m *MalformedResponseError
			if !errors.As(err, &m) || !strings.Contains(err.Error(), tc.contains) {
				t.Fatalf("err = %v, want a malformed-response error containing %q", err, tc.contains)
			}
		})
	}
}

// An endpoint or proxy that echoes request headers must not put a token
// into a diagnostic, whichever way its answer is quoted.
func TestAnswersQuotedInErrorsNeverShowCredentials(t *testing.T) {
	for name, fault := range map[string]dlimock.Fault{
		"error page":          {Status: 400, ContentType: "text/plain", Body: "bad request; headers were X-Auth-Token: echoed-token-value"},
		"JSON error message":  {Status: 403, Body: `{"error_code":"X","error_msg":"denied for X-Auth-Token echoed-token-value"}`},
		"is_success=false":    {Status: 200, Body: `{"is_success":false,"message":"token echoed-token-value expired"}`},
		"200 that isn't JSON": {Status: 200, ContentType: "text/plain", Body: "X-Auth-Token: echoed-token-value"},
		"200 without a state": {Status: 200, Body: `{"id":"echoed-token-value"}`},
		"redirect":            {Status: 302, Header: map[string]string{"Location": "https://elsewhere.invalid/?token=echoed-token-value"}},
	} {
		t.Run(name, func(t *testing.T) {
			c, srv := newTestClient(t, func(c *Config) { c.Credentials = Credentials{Token: "echoed-token-value"} })
			srv.Mock.InjectFault(fault)
			_, err := c.BatchState(context.Background(), testProject, testBatch)
			if err == nil || strings.Contains(err.Error(), "echoed-token-value") || !strings.Contains(err.Error(), "(redacted)") {
				t.Fatalf("err = %v, want the echoed token redacted", err)
			}
		})
	}
}

func TestHTMLErrorPageIsAServerErrorWithAnExcerpt(t *testing.T) {
	c, srv := newTestClient(t, func(c *Config) { c.MaxRetries = 0 })
	srv.Mock.InjectFault(dlimock.Fault{Status: 502, ContentType: "text/html", Body: "<html><body><h1>502 Bad Gateway</h1></body></html>"})
	_, err := c.BatchState(context.Background(), testProject, testBatch)
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.Class != ClassServer || !strings.Contains(err.Error(), "not JSON (text/html)") || !strings.Contains(err.Error(), "502 Bad Gateway") {
		t.Fatalf("err = %v, want a server error quoting the HTML page", err)
	}
}

func TestRedirectsAreNotFollowed(t *testing.T) {
	other := dlimock.NewServer(dlimock.New(testCreds), nil, false)
	defer other.Close()
	c, srv := newTestClient(t)
	srv.Mock.InjectFault(dlimock.Fault{Status: http.StatusFound, Header: map[string]string{"Location": other.URL + "/steal"}})
	_, err := c.BatchState(context.Background(), testProject, testBatch)
	var r *RedirectError
	if !errors.As(err, &r) || r.Location != other.URL+"/steal" || !strings.Contains(err.Error(), other.URL+"/steal") {
		t.Fatalf("err = %v, want a redirect error naming the Location", err)
	}
	if n := other.Mock.RequestCount(); n != 0 {
		t.Fatalf("the other host received %d requests; credentials must never reach it", n)
	}
}
