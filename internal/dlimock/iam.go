package dlimock

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"time"
)

// IAM, as far as the provider asks it: project IDs by name, and temporary
// credentials for an agency. Its auth_url is the server's URL + "/v3".

type iamProject struct{ name, id string }

type agencyKey struct{ domain, agency string }

// AddProject makes GET /v3/projects?name={name} list a project with this ID
// (adding a name twice lists it twice, as a broken account might).
func (m *Mock) AddProject(name, id string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.projects = append(m.projects, iamProject{name, id})
}

// AddAgency lets any accepted credentials assume the agency of the domain.
func (m *Mock) AddAgency(domain, agency string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.agencies[agencyKey{domain, agency}] = true
}

func (m *Mock) listProjects(w http.ResponseWriter, r *http.Request) {
	m.called("projects")
	name := r.URL.Query().Get("name")
	type entry struct {
		ID      string `json:"id"`
		Name    string `json:"name"`
		Enabled bool   `json:"enabled"`
	}
	list := []entry{}
	m.mu.Lock()
	for _, p := range m.projects {
		if name == "" || p.name == name {
			list = append(list, entry{p.id, p.name, true})
		}
	}
	m.mu.Unlock()
	writeJSON(w, http.StatusOK, map[string]any{"projects": list, "links": map[string]any{"self": r.URL.String()}})
}

// listDomains answers GET /v3/auth/domains: the account of the credentials.
func (m *Mock) listDomains(w http.ResponseWriter, r *http.Request) {
	m.called("domains")
	m.mu.Lock()
	id, none := m.DomainID, m.NoDomainListed
	m.mu.Unlock()
	domains := []map[string]any{{"id": id, "name": "acme-home", "enabled": true}}
	if none {
		domains = []map[string]any{}
	}
	writeJSON(w, http.StatusOK, map[string]any{
		"domains": domains,
		"links":   map[string]any{"self": r.URL.String()},
	})
}

// assumeRole answers POST /v3.0/OS-CREDENTIAL/securitytokens.
func (m *Mock) assumeRole(w http.ResponseWriter, r *http.Request) {
	m.called("securitytokens")
	var req struct {
		Auth struct {
			Identity struct {
				Methods    []string `json:"methods"`
				AssumeRole struct {
					AgencyName      string `json:"agency_name"`
					DomainName      string `json:"domain_name"`
					DurationSeconds int    `json:"duration_seconds"`
				} `json:"assume_role"`
			} `json:"identity"`
		} `json:"auth"`
	}
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil || !slices.Contains(req.Auth.Identity.Methods, "assume_role") {
		writeKeystoneError(w, http.StatusBadRequest, "The request body is not an assume_role request.")
		return
	}
	role := req.Auth.Identity.AssumeRole
	m.mu.Lock()
	known := m.agencies[agencyKey{role.DomainName, role.AgencyName}]
	m.mu.Unlock()
	if !known {
		writeKeystoneError(w, http.StatusForbidden, fmt.Sprintf("You have no right to assume agency %s of domain %s.", role.AgencyName, role.DomainName))
		return
	}
	ttl := m.TemporaryTTL
	if role.DurationSeconds != 0 {
		// IAM issues an agency's keys for 15 minutes to 12 hours.
		if role.DurationSeconds < 900 || role.DurationSeconds > 43200 {
			writeKeystoneError(w, http.StatusBadRequest, fmt.Sprintf("duration_seconds %d is out of range: 900 to 43200.", role.DurationSeconds))
			return
		}
		ttl = time.Duration(role.DurationSeconds) * time.Second
	}
	writeCredential(w, http.StatusCreated, m.issue(ttl))
}

func writeKeystoneError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, map[string]any{"error": map[string]any{"code": status, "message": msg, "title": http.StatusText(status)}})
}

// writeCredential answers as IAM and the metadata service do.
func writeCredential(w http.ResponseWriter, status int, k key) {
	writeJSON(w, status, map[string]any{"credential": map[string]string{
		"access": k.AccessKey, "secret": k.SecretKey, "securitytoken": k.SecurityToken,
		"expires_at": k.expires.UTC().Format("2006-01-02T15:04:05.000000Z"),
	}})
}
