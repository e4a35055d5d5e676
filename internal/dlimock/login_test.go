package dlimock

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// post sends body to path with no credentials, as the login calls are.
func post(m *Mock, path, body string, header map[string]string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(http.MethodPost, "http://iam.mock.invalid"+path, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json;charset=UTF-8")
	for k, v := range header {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	m.ServeHTTP(rec, req)
	return rec
}

const aliceLogin = `{"auth":{"identity":{"methods":["password"],"password":{"user":{"name":"alice","password":"%s","domain":{"name":"acme"}}}},"scope":{"project":{"name":"cn-north-4"}}}}`

// As IAM: 201 with the token in X-Subject-Token, 401 for a wrong password;
// the token is accepted as X-Auth-Token until it expires.
func TestPasswordLoginIssuesATokenThatExpires(t *testing.T) {
	now := time.Now()
	m := New(Credentials{})
	m.Now = func() time.Time { return now }
	m.AddUser(User{Name: "alice", DomainName: "acme", Password: "pw"})
	m.AddProject("cn-north-4", project)
	m.DefaultState = "running"
	if rec := post(m, "/v3/auth/tokens", strings.Replace(aliceLogin, "%s", "wrong", 1), nil); rec.Code != 401 {
		t.Fatalf("a wrong password: HTTP %d, want 401", rec.Code)
	}
	rec := post(m, "/v3/auth/tokens", strings.Replace(aliceLogin, "%s", "pw", 1), nil)
	token := rec.Header().Get("X-Subject-Token")
	if rec.Code != 201 || token == "" || !strings.Contains(rec.Body.String(), `"id":"`+project+`"`) {
		t.Fatalf("HTTP %d, token %q, %s: want 201, a token and the project", rec.Code, token, rec.Body)
	}
	withToken := func(r *http.Request) { r.Header.Set("X-Auth-Token", token) }
	if rec, _ := get(t, m, statePath(batchID), withToken); rec.Code != 200 {
		t.Fatalf("a read with the token: HTTP %d", rec.Code)
	}
	now = now.Add(m.TokenTTL)
	if rec, _ := get(t, m, statePath(batchID), withToken); rec.Code != 401 || !strings.Contains(rec.Body.String(), "expired") {
		t.Fatalf("a read with an expired token: HTTP %d %s, want 401", rec.Code, rec.Body)
	}
}

// The ID token call demands X-Idp-Id and a token the provider accepts; the
// federated token then buys keys at the securitytokens call.
func TestIDTokensBuyFederatedTokensThatBuyKeys(t *testing.T) {
	m := New(Credentials{})
	m.SetIDTokens("idp", "jwt")
	body := `{"auth":{"id_token":{"id":"jwt"}}}`
	if rec := post(m, "/v3.0/OS-AUTH/id-token/tokens", body, nil); rec.Code != 400 {
		t.Fatalf("without X-Idp-Id: HTTP %d, want 400", rec.Code)
	}
	if rec := post(m, "/v3.0/OS-AUTH/id-token/tokens", `{"auth":{"id_token":{"id":"other"}}}`, map[string]string{"X-Idp-Id": "idp"}); rec.Code != 401 {
		t.Fatalf("another token: HTTP %d, want 401", rec.Code)
	}
	rec := post(m, "/v3.0/OS-AUTH/id-token/tokens", body, map[string]string{"X-Idp-Id": "idp"})
	federated := rec.Header().Get("X-Subject-Token")
	if rec.Code != 201 || federated == "" {
		t.Fatalf("HTTP %d, token %q: want 201 and a token", rec.Code, federated)
	}
	keys := `{"auth":{"identity":{"methods":["token"],"token":{"id":"` + federated + `"}}}}`
	if rec := post(m, "/v3.0/OS-CREDENTIAL/securitytokens", keys, nil); rec.Code != 201 || !strings.Contains(rec.Body.String(), `"securitytoken"`) {
		t.Fatalf("keys for the federated token: HTTP %d %s, want 201 and keys", rec.Code, rec.Body)
	}
	if rec := post(m, "/v3.0/OS-CREDENTIAL/securitytokens", strings.Replace(keys, federated, "forged", 1), nil); rec.Code != 401 {
		t.Fatalf("keys for a forged token: HTTP %d, want 401", rec.Code)
	}
}

// STS takes signatures only: a valid IAM token is refused.
func TestSTSRefusesTokens(t *testing.T) {
	m := New(Credentials{AccessKey: "AK", SecretKey: "SK", Token: "an-iam-token"})
	m.AddSTSAgency(DefaultDomainID, "ci")
	withToken := func(r *http.Request) { r.Header.Set("X-Auth-Token", "an-iam-token") }
	if rec, _ := get(t, m, "/v5/caller-identity", withToken); rec.Code != 401 || !strings.Contains(rec.Body.String(), "signatures only") {
		t.Fatalf("caller identity with a token: HTTP %d %s, want 401", rec.Code, rec.Body)
	}
	if rec, body := get(t, m, "/v5/caller-identity", signed()); rec.Code != 200 || body["account_id"] != DefaultDomainID {
		t.Fatalf("signed: HTTP %d %v, want the account", rec.Code, body)
	}
}
