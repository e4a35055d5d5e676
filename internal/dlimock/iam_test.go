package dlimock

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func TestProjectsAreListedByNameToSignedRequestsOnly(t *testing.T) {
	m := New(creds)
	m.AddProject("cn-north-4", "p-north")
	m.AddProject("ap-southeast-1", "p-south")
	rec, body := get(t, m, "/v3/projects?name=cn-north-4", signed())
	projects, _ := body["projects"].([]any)
	if rec.Code != 200 || len(projects) != 1 || projects[0].(map[string]any)["id"] != "p-north" {
		t.Fatalf("HTTP %d %v, want the one project p-north", rec.Code, body)
	}
	if rec, _ := get(t, m, "/v3/projects?name=cn-north-4", nil); rec.Code != 401 {
		t.Fatalf("unsigned lookup: HTTP %d, want 401", rec.Code)
	}
	if m.Calls("projects") != 1 {
		t.Fatalf("calls = %d, want 1 (the unauthenticated one never reached IAM)", m.Calls("projects"))
	}
}

// postAgency posts body to the agency call, signed with access key AK and sk.
func postAgency(t *testing.T, m *Mock, body, sk string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(http.MethodPost, "http://iam.mock.invalid/v3.0/OS-CREDENTIAL/securitytokens", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	signSDK(req, []byte(body), "AK", sk, time.Now())
	rec := httptest.NewRecorder()
	m.ServeHTTP(rec, req)
	return rec
}

func TestAgencyCredentialsAreIssuedAcceptedAndExpire(t *testing.T) {
	now := time.Now()
	m := New(creds)
	m.Now = func() time.Time { return now }
	m.AddAgency("acme", "dli-reader")
	m.AddBatch(project, batchID, "running")
	body := `{"auth":{"identity":{"methods":["assume_role"],"assume_role":{"agency_name":"dli-reader","domain_name":"acme","duration_seconds":900}}}}`

	if rec := postAgency(t, m, strings.Replace(body, "acme", "other", 1), "SK"); rec.Code != 403 || !strings.Contains(rec.Body.String(), "dli-reader of domain other") {
		t.Fatalf("unknown agency: HTTP %d %s, want 403 naming it", rec.Code, rec.Body)
	}
	if rec := postAgency(t, m, body, "WRONG"); rec.Code != 401 {
		t.Fatalf("body signed with the wrong key: HTTP %d, want 401", rec.Code)
	}
	rec := postAgency(t, m, body, "SK")
	if rec.Code != 201 || len(m.Issued()) != 1 {
		t.Fatalf("HTTP %d %s, want 201 and one issued key", rec.Code, rec.Body)
	}
	issued := m.Issued()[0]
	withIssued := func(r *http.Request) {
		r.Header.Set("X-Security-Token", issued.SecurityToken)
		signSDK(r, nil, issued.AccessKey, issued.SecretKey, now)
	}
	if rec, _ := get(t, m, statePath(batchID), withIssued); rec.Code != 200 {
		t.Fatalf("issued credentials: HTTP %d, want 200", rec.Code)
	}
	now = now.Add(901 * time.Second)
	if rec, body := get(t, m, statePath(batchID), func(r *http.Request) {
		r.Header.Set("X-Security-Token", issued.SecurityToken)
		signSDK(r, nil, issued.AccessKey, issued.SecretKey, now)
	}); rec.Code != 401 || !strings.Contains(body["error_msg"].(string), "expired") {
		t.Fatalf("after duration_seconds: HTTP %d %v, want 401 expired", rec.Code, body)
	}
}

func TestMetadataAnswersOnlyWhenServedAndUnauthenticated(t *testing.T) {
	m := New(creds)
	if rec, _ := get(t, m, metadataPath, nil); rec.Code != 404 {
		t.Fatalf("HTTP %d, want 404 before ServeMetadata", rec.Code)
	}
	m.ServeMetadataWithoutSessionTokens()
	if rec := putToken(t, m, "21600"); rec.Code != 404 {
		t.Fatalf("token request without session tokens: HTTP %d, want 404", rec.Code)
	}
	rec, body := get(t, m, metadataPath, nil)
	cred, _ := body["credential"].(map[string]any)
	if rec.Code != 200 || cred["access"] == "" || cred["securitytoken"] == "" || cred["expires_at"] == "" || m.Calls("securitykey") != 1 {
		t.Fatalf("HTTP %d %v, want temporary credentials", rec.Code, body)
	}
}

func putToken(t *testing.T, m *Mock, ttl string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(http.MethodPut, "http://169.254.169.254"+metadataTokenPath, nil)
	if ttl != "" {
		req.Header.Set("X-Metadata-Token-Ttl-Seconds", ttl)
	}
	rec := httptest.NewRecorder()
	m.ServeHTTP(rec, req)
	return rec
}

func TestMetadataWithSessionTokensDemandsAValidOne(t *testing.T) {
	m := New(creds)
	m.ServeMetadata()
	withToken := func(token string) func(*http.Request) {
		return func(r *http.Request) { r.Header.Set("X-Metadata-Token", token) }
	}
	if rec, _ := get(t, m, metadataPath, nil); rec.Code != 401 {
		t.Fatalf("without a token: HTTP %d, want 401", rec.Code)
	}
	if rec := putToken(t, m, ""); rec.Code != 400 {
		t.Fatalf("token request without a TTL: HTTP %d, want 400", rec.Code)
	}
	rec := putToken(t, m, "21600")
	token := rec.Body.String()
	if rec.Code != 200 || token == "" {
		t.Fatalf("token request: HTTP %d %q, want a token", rec.Code, token)
	}
	if rec, _ := get(t, m, metadataPath, withToken("forged")); rec.Code != 401 {
		t.Fatalf("with a forged token: HTTP %d, want 401", rec.Code)
	}
	if rec, _ := get(t, m, metadataPath, withToken(token)); rec.Code != 200 {
		t.Fatalf("with the token: HTTP %d, want 200", rec.Code)
	}
	m.ExpireMetadataTokens()
	if rec, _ := get(t, m, metadataPath, withToken(token)); rec.Code != 401 {
		t.Fatalf("with an expired token: HTTP %d, want 401", rec.Code)
	}
	if m.Calls("securitykey") != 1 || m.Calls("metadata_token") != 2 {
		t.Fatalf("calls: %d securitykey, %d metadata_token; want 1 and 2", m.Calls("securitykey"), m.Calls("metadata_token"))
	}
}
