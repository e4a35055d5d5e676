package dlimock

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/dli-terraform/terraform-provider-dli/internal/dli/sign"
)

// Every project-scoped route, present or future, demands X-Project-Id of
// AK/SK requests, signed or not, as the real gateway serves the official
// provider's client; these use a route the mock does not serve, which must
// still be checked before it is found missing. IAM's GETs need no
// Content-Type.
func TestProjectScopedRoutesDemandXProjectID(t *testing.T) {
	m := New(creds)
	m.AddBatch(project, batchID, "running")
	for name, c := range map[string]struct {
		path      string
		authorize func(*http.Request)
		status    int
		msg       string
	}{
		"signed, batch state": {statePath(batchID), signed(), 200, ""},
		"no X-Project-Id":     {statePath(batchID), func(r *http.Request) { sign.SignRequest(r, "AK", "SK", time.Now()) }, 401, "X-Project-Id"},
		"X-Project-Id not signed": {statePath(batchID), func(r *http.Request) {
			sign.SignRequest(r, "AK", "SK", time.Now())
			r.Header.Set("X-Project-Id", project) // after signing, as the official provider's client does
		}, 200, ""},
		"another project":           {"/v2.0/p2/batches/" + batchID + "/state", signed(), 403, `"p1" is not the project`},
		"a v1.0 route, no header":   {"/v1.0/" + project + "/jobs/x/status", func(r *http.Request) { sign.SignRequest(r, "AK", "SK", time.Now()) }, 401, "X-Project-Id"},
		"a v1.0 route, signed":      {"/v1.0/" + project + "/jobs/x/status", signed(), 400, "DLI.0002"}, // past the checks: no such job
		"a token needs none":        {statePath(batchID), func(r *http.Request) { r.Header.Set("X-Auth-Token", "TOKEN") }, 200, ""},
		"IAM's project list":        {"/v3/projects?name=x", func(r *http.Request) { sign.SignRequest(r, "AK", "SK", time.Now()) }, 200, ""},
		"no Content-Type, signed":   {statePath(batchID), func(r *http.Request) { r.Header.Del("Content-Type"); signed()(r) }, 400, "Content-Type"},
		"no Content-Type, token":    {statePath(batchID), func(r *http.Request) { r.Header.Del("Content-Type"); r.Header.Set("X-Auth-Token", "TOKEN") }, 400, "Content-Type"},
		"another Content-Type, IAM": {"/v3/projects", func(r *http.Request) { r.Header.Set("Content-Type", "text/plain"); signed()(r) }, 400, "Content-Type"},
		"no Content-Type, IAM GET":  {"/v3/projects?name=x", func(r *http.Request) { r.Header.Del("Content-Type"); sign.SignRequest(r, "AK", "SK", time.Now()) }, 200, ""},
	} {
		t.Run(name, func(t *testing.T) {
			rec, body := get(t, m, c.path, c.authorize)
			msg, _ := body["error_msg"].(string)
			code, _ := body["error_code"].(string)
			if rec.Code != c.status || !strings.Contains(msg+code, c.msg) {
				t.Fatalf("HTTP %d %v, want %d mentioning %q", rec.Code, body, c.status, c.msg)
			}
		})
	}
}

// The official Terraform provider's SDK adds X-Project-Id (and X-Domain-Id)
// after signing, and the real gateway serves it: the mock does too, still
// demanding the header and its value (UnsignedScopeHeaders: X-Domain-Id too).
func TestUnsignedScopeHeadersAsTheOfficialProviderSendsThem(t *testing.T) {
	m := New(creds)
	m.AddBatch(project, batchID, "running")
	m.UnsignedScopeHeaders = true
	unsigned := func(value string) func(*http.Request) {
		return func(r *http.Request) {
			sign.SignRequest(r, "AK", "SK", time.Now())
			r.Header.Set("X-Project-Id", value) // after signing
		}
	}
	for name, c := range map[string]struct {
		authorize func(*http.Request)
		status    int
	}{
		"unsigned, this project": {unsigned(project), 200},
		"unsigned, another":      {unsigned("p2"), 403},
		"absent":                 {func(r *http.Request) { sign.SignRequest(r, "AK", "SK", time.Now()) }, 401},
	} {
		if rec, body := get(t, m, statePath(batchID), c.authorize); rec.Code != c.status {
			t.Errorf("%s: HTTP %d %v, want %d", name, rec.Code, body, c.status)
		}
	}
}

func TestTheAgencyCallSignedWithAKSKDemandsXDomainID(t *testing.T) {
	m := New(creds)
	m.AddAgency("acme", "dli-reader")
	body := `{"auth":{"identity":{"methods":["assume_role"],"assume_role":{"agency_name":"dli-reader","domain_name":"acme"}}}}`
	if rec := postAgency(t, m, body, "SK"); rec.Code != 201 {
		t.Fatalf("with X-Domain-Id: HTTP %d %s, want 201", rec.Code, rec.Body)
	}
	m.DomainID = "another-account"
	if rec := postAgency(t, m, body, "SK"); rec.Code != 403 {
		t.Fatalf("with another account's X-Domain-Id: HTTP %d %s, want 403", rec.Code, rec.Body)
	}
	req, _ := http.NewRequest(http.MethodPost, "http://iam.mock.invalid/v3.0/OS-CREDENTIAL/securitytokens", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	sign.SignRequestWithBody(req, []byte(body), "AK", "SK", time.Now())
	rec := serve(m, req)
	if rec.Code != 401 || !strings.Contains(rec.Body.String(), "X-Domain-Id") {
		t.Fatalf("without X-Domain-Id: HTTP %d %s, want 401 naming it", rec.Code, rec.Body)
	}
	if m.Calls("securitytokens") != 1 {
		t.Fatalf("%d agency calls reached IAM, want only the one with the right X-Domain-Id", m.Calls("securitytokens"))
	}
}

func TestTheDomainListNamesTheAccount(t *testing.T) {
	m := New(creds)
	rec, body := get(t, m, "/v3/auth/domains", func(r *http.Request) { sign.SignRequest(r, "AK", "SK", time.Now()) })
	domains, _ := body["domains"].([]any)
	if rec.Code != 200 || len(domains) != 1 || domains[0].(map[string]any)["id"] != DefaultDomainID {
		t.Fatalf("HTTP %d %v, want the one account %s", rec.Code, body, DefaultDomainID)
	}
}

func TestATotalThatCountsThePage(t *testing.T) {
	m := New(creds)
	for _, id := range []string{"a", "b", "c"} {
		m.AddBatch(project, id, "running")
	}
	if total, ids, _ := listIDs(t, m, "size=2"); total != 3 || len(ids) != 2 {
		t.Fatalf("total %d, %d sessions; want 3 and 2", total, len(ids))
	}
	m.TotalCountsPage = true
	if total, ids, _ := listIDs(t, m, "size=2"); total != 2 || len(ids) != 2 {
		t.Fatalf("total %d, %d sessions; want the page's 2 and 2", total, len(ids))
	}
}

func serve(m *Mock, req *http.Request) *httptest.ResponseRecorder {
	rec := httptest.NewRecorder()
	m.ServeHTTP(rec, req)
	return rec
}
