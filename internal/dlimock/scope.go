package dlimock

import (
	"fmt"
	"mime"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/dli-terraform/terraform-provider-dli/internal/dli/sign"
)

// What the gateway demands of every authenticated request beyond a valid
// signature or token, as the official SDK sends it. These checks apply to
// every route, present or future: a project-scoped DLI route is any path
// /v1.0/{project}/... or /v2.0/{project}/....

// DefaultDomainID is the account ID of the mock's credentials, listed by
// GET /v3/auth/domains and expected as X-Domain-Id.
const DefaultDomainID = "0d1e2f30415263748596a7b8c9d0e1f2"

// scopeOK checks an authenticated request's Content-Type and, when it is
// signed with AK/SK, its X-Project-Id (project-scoped routes) and
// X-Domain-Id (IAM's global agency call): they must be sent and name the
// URL's project and the credentials' account; X-Domain-Id must be signed.
// It demands no more than the real gateway, which serves the official
// provider's client: that client sends X-Project-Id unsigned and IAM GETs
// without Content-Type. (The client's own tests record that it sends and
// signs both.) It answers and returns false when they fail.
func (m *Mock) scopeOK(w http.ResponseWriter, r *http.Request) bool {
	contentType := r.Header.Get("Content-Type")
	iamGet := r.Method == http.MethodGet && strings.HasPrefix(r.URL.Path, "/v3")
	if mediaType, _, _ := mime.ParseMediaType(contentType); mediaType != "application/json" && (!iamGet || contentType != "") {
		writeError(w, http.StatusBadRequest, "APIGW.0201", fmt.Sprintf("Content-Type must be application/json, got %q", contentType))
		return false
	}
	a, err := sign.ParseAuthorization(r.Header.Get("Authorization"))
	if err != nil {
		return true // an IAM token carries its own scope
	}
	if project, ok := projectOfPath(r.URL.EscapedPath()); ok {
		return m.scopeHeaderOK(w, a, r, "X-Project-Id", project, "project of the URL", false)
	}
	if strings.HasPrefix(r.URL.Path, "/v3.0/OS-CREDENTIAL/") {
		m.mu.Lock()
		domain := m.DomainID
		m.mu.Unlock()
		return m.scopeHeaderOK(w, a, r, "X-Domain-Id", domain, "account of the access key", !m.UnsignedScopeHeaders)
	}
	return true
}

// scopeHeaderOK: a missing header (or one unsigned when it must be signed)
// is a 401, another value a 403.
func (m *Mock) scopeHeaderOK(w http.ResponseWriter, a sign.Authorization, r *http.Request, header, want, what string, mustSign bool) bool {
	got := r.Header.Get(header)
	signed := slices.Contains(a.SignedHeaders, strings.ToLower(header)) || !mustSign
	switch {
	case got == "" || !signed:
		writeError(w, http.StatusUnauthorized, "APIGW.0301", fmt.Sprintf("Incorrect IAM authentication information: %s must be sent and signed with AK/SK", header))
		return false
	case got != want:
		writeError(w, http.StatusForbidden, "APIGW.0302", fmt.Sprintf("%s %q is not the %s (%q)", header, got, what, want))
		return false
	}
	return true
}

// projectOfPath is the project of an escaped DLI path /v1.0/{project}/...
// or /v2.0/{project}/..., unescaped.
func projectOfPath(escaped string) (string, bool) {
	for _, version := range []string{"/v1.0/", "/v2.0/"} {
		if rest, ok := strings.CutPrefix(escaped, version); ok {
			segment, _, _ := strings.Cut(rest, "/")
			project, err := url.PathUnescape(segment)
			return project, err == nil && project != ""
		}
	}
	return "", false
}
