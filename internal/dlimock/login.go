package dlimock

import (
	"encoding/json"
	"fmt"
	"mime"
	"net/http"
	"slices"
	"time"
)

// IAM's calls that authenticate in their body, not with a signature or a
// token header: a password login, an OIDC ID token exchanged for a
// federated token, and a token exchanged for temporary keys. They are
// answered before the gateway's authentication (as the metadata service).

// User is an IAM user who may log in with a password.
type User struct {
	ID, Name string
	// DomainName and DomainID are the account's; DomainID defaults to the
	// mock's DomainID.
	DomainName, DomainID string
	Password             string
}

// AddUser lets u log in: POST /v3/auth/tokens.
func (m *Mock) AddUser(u User) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if u.DomainID == "" {
		u.DomainID = m.DomainID
	}
	m.users = append(m.users, u)
}

// SetIDTokens makes identity provider idpID accept exactly these ID tokens
// (a CI system's rotated token replaces the old one).
func (m *Mock) SetIDTokens(idpID string, idTokens ...string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.idps[idpID] = idTokens
}

// Tokens lists the IAM tokens the mock has issued (password and federated
// logins), so that tests can look for them.
func (m *Mock) Tokens() []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []string
	for _, k := range m.keys {
		if k.Token != "" && !k.expires.IsZero() {
			out = append(out, k.Token)
		}
	}
	return out
}

const (
	passwordTokensPath = "/v3/auth/tokens"
	idTokenPath        = "/v3.0/OS-AUTH/id-token/tokens"
	securityTokensPath = "/v3.0/OS-CREDENTIAL/securitytokens"
)

// serveLogin answers the calls that carry no credentials in their headers.
func (m *Mock) serveLogin(w http.ResponseWriter, r *http.Request) bool {
	if r.Method != http.MethodPost {
		return false
	}
	switch {
	case r.URL.Path == passwordTokensPath:
		m.called("password")
		m.passwordLogin(w, r)
	case r.URL.Path == idTokenPath:
		m.called("id_token")
		m.idTokenLogin(w, r)
	case r.URL.Path == securityTokensPath && r.Header.Get("Authorization") == "" && r.Header.Get("X-Auth-Token") == "":
		m.called("securitytokens_by_token")
		m.keysByToken(w, r)
	default:
		return false
	}
	return true
}

// jsonBody decodes a login's body into v, demanding JSON as IAM does.
func jsonBody(w http.ResponseWriter, r *http.Request, v any) bool {
	if mediaType, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mediaType != "application/json" {
		writeKeystoneError(w, http.StatusBadRequest, fmt.Sprintf("Content-Type must be application/json, got %q", r.Header.Get("Content-Type")))
		return false
	}
	if err := json.NewDecoder(r.Body).Decode(v); err != nil {
		writeKeystoneError(w, http.StatusBadRequest, "The request body is not JSON.")
		return false
	}
	return true
}

type idName struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// passwordLogin answers POST /v3/auth/tokens: 201 with the token in
// X-Subject-Token, scoped to the project named by ID or name.
func (m *Mock) passwordLogin(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Auth struct {
			Identity struct {
				Methods  []string `json:"methods"`
				Password struct {
					User struct {
						idName
						Password string  `json:"password"`
						Domain   *idName `json:"domain"`
					} `json:"user"`
				} `json:"password"`
			} `json:"identity"`
			Scope struct {
				Project *idName `json:"project"`
			} `json:"scope"`
		} `json:"auth"`
	}
	if !jsonBody(w, r, &req) {
		return
	}
	if !slices.Equal(req.Auth.Identity.Methods, []string{"password"}) {
		writeKeystoneError(w, http.StatusBadRequest, "The request body is not a password login.")
		return
	}
	given := req.Auth.Identity.Password.User
	if given.ID == "" && (given.Name == "" || given.Domain == nil || (given.Domain.ID == "" && given.Domain.Name == "")) {
		writeKeystoneError(w, http.StatusBadRequest, "A user is an ID, or a name with its domain's ID or name.")
		return
	}
	user, ok := m.user(given.idName, given.Domain, given.Password)
	if !ok {
		writeKeystoneError(w, http.StatusUnauthorized, "The username or password is wrong.")
		return
	}
	scope := req.Auth.Scope.Project
	if scope == nil || (scope.ID == "") == (scope.Name == "") {
		writeKeystoneError(w, http.StatusBadRequest, "The scope must name one project, by ID or by name.")
		return
	}
	project, ok := m.project(*scope)
	if !ok {
		writeKeystoneError(w, http.StatusUnauthorized, fmt.Sprintf("No project %+v for this user.", *scope))
		return
	}
	token, expires := m.issueToken()
	w.Header().Set("X-Subject-Token", token)
	domain := map[string]string{"id": user.DomainID, "name": user.DomainName}
	writeJSON(w, http.StatusCreated, map[string]any{"token": map[string]any{
		"expires_at": expires.UTC().Format("2006-01-02T15:04:05.000000Z"), "methods": []string{"password"},
		"project": map[string]any{"id": project.id, "name": project.name, "domain": domain},
		"user":    map[string]any{"id": user.ID, "name": user.Name, "domain": domain},
		"roles":   []any{}, "catalog": []any{},
	}})
}

// user finds the user a login names, with that password.
func (m *Mock) user(who idName, domain *idName, password string) (User, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, u := range m.users {
		same := u.ID == who.ID
		if who.ID == "" {
			same = u.Name == who.Name && domain != nil && (u.DomainID == domain.ID || (domain.ID == "" && u.DomainName == domain.Name))
		}
		if same && equal(u.Password, password) {
			return u, true
		}
	}
	return User{}, false
}

func (m *Mock) project(scope idName) (iamProject, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, p := range m.projects {
		if (scope.ID != "" && p.id == scope.ID) || (scope.ID == "" && p.name == scope.Name) {
			return p, true
		}
	}
	return iamProject{}, false
}

// issueToken makes an IAM token the mock accepts for TokenTTL.
func (m *Mock) issueToken() (string, time.Time) {
	token := "MII" + randomHex(48)
	expires := m.Now().Add(m.TokenTTL)
	m.Accept(Credentials{Token: token}, expires)
	return token, expires
}

// idTokenLogin answers POST /v3.0/OS-AUTH/id-token/tokens: an ID token of
// the identity provider in X-Idp-Id, for a federated token.
func (m *Mock) idTokenLogin(w http.ResponseWriter, r *http.Request) {
	idp := r.Header.Get("X-Idp-Id")
	var req struct {
		Auth struct {
			IDToken struct {
				ID string `json:"id"`
			} `json:"id_token"`
		} `json:"auth"`
	}
	if !jsonBody(w, r, &req) {
		return
	}
	m.mu.Lock()
	tokens, known := m.idps[idp]
	m.mu.Unlock()
	switch {
	case idp == "":
		writeKeystoneError(w, http.StatusBadRequest, "The X-Idp-Id header is missing.")
	case !known:
		writeKeystoneError(w, http.StatusNotFound, fmt.Sprintf("Could not find identity provider: %s.", idp))
	case !slices.ContainsFunc(tokens, func(t string) bool { return req.Auth.IDToken.ID != "" && equal(t, req.Auth.IDToken.ID) }):
		writeKeystoneError(w, http.StatusUnauthorized, "The ID token is invalid or expired.")
	default:
		token, expires := m.issueToken()
		w.Header().Set("X-Subject-Token", token)
		writeJSON(w, http.StatusCreated, map[string]any{"token": map[string]any{
			"expires_at": expires.UTC().Format("2006-01-02T15:04:05.000000Z"), "methods": []string{"mapped"},
		}})
	}
}

// keysByToken answers POST /v3.0/OS-CREDENTIAL/securitytokens with method
// "token": a valid IAM token in the body, for temporary keys.
func (m *Mock) keysByToken(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Auth struct {
			Identity struct {
				Methods []string `json:"methods"`
				Token   struct {
					ID              string `json:"id"`
					DurationSeconds int    `json:"duration_seconds"`
				} `json:"token"`
			} `json:"identity"`
		} `json:"auth"`
	}
	if !jsonBody(w, r, &req) {
		return
	}
	id := req.Auth.Identity
	if !slices.Equal(id.Methods, []string{"token"}) {
		writeKeystoneError(w, http.StatusUnauthorized, "The request you have made requires authentication.")
		return
	}
	k, ok := m.accepted(func(c Credentials) bool { return id.Token.ID != "" && equal(c.Token, id.Token.ID) })
	if !ok || (!k.expires.IsZero() && !m.Now().Before(k.expires)) {
		writeKeystoneError(w, http.StatusUnauthorized, "The token is invalid or expired.")
		return
	}
	ttl := m.TemporaryTTL
	if id.Token.DurationSeconds > 0 {
		ttl = time.Duration(id.Token.DurationSeconds) * time.Second
	}
	writeCredential(w, http.StatusCreated, m.issue(ttl))
}
