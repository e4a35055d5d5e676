package dlimock

import (
	"net/http"
	"strconv"
	"time"
)

// The ECS metadata service of an ECS with an agency attached: its base URL
// is the server's URL (HW_ECS_METADATA_ENDPOINT).
const (
	metadataPath      = "/openstack/latest/securitykey"
	metadataTokenPath = "/meta-data/latest/api/token"
	maxTokenTTL       = 6 * time.Hour
)

type metadataMode int

const (
	metadataOff metadataMode = iota
	metadataSessionTokens
	metadataNoSessionTokens
)

// ServeMetadata makes the mock an ECS metadata service that enforces
// session tokens: PUT /meta-data/latest/api/token with
// X-Metadata-Token-Ttl-Seconds gives a token, and GET
// /openstack/latest/securitykey answers fresh temporary credentials (valid
// for TemporaryTTL) only with a valid one as X-Metadata-Token, 401 without.
func (m *Mock) ServeMetadata() { m.setMetadata(metadataSessionTokens) }

// ServeMetadataWithoutSessionTokens makes the mock the metadata service of
// an ECS that has no session tokens: the token request is a 404 and the
// credentials are handed to anyone who asks.
func (m *Mock) ServeMetadataWithoutSessionTokens() { m.setMetadata(metadataNoSessionTokens) }

// ExpireMetadataTokens makes every session token issued so far invalid, as
// their TTL running out would.
func (m *Mock) ExpireMetadataTokens() {
	m.mu.Lock()
	defer m.mu.Unlock()
	clear(m.tokens)
}

// IssuedMetadataTokens lists every session token the metadata service has
// issued, so that tests can look for them.
func (m *Mock) IssuedMetadataTokens() []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]string(nil), m.issuedTokens...)
}

// PadMetadataTokens makes the session token answers end in pad (e.g. a
// newline, as a service printing its token might): the token is the answer
// without it, and only that is accepted.
func (m *Mock) PadMetadataTokens(pad string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.tokenPad = pad
}

func (m *Mock) setMetadata(mode metadataMode) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.metadata = mode
}

// serveMetadata answers the metadata service's two calls, and reports
// whether the request was one of them.
func (m *Mock) serveMetadata(w http.ResponseWriter, r *http.Request) bool {
	m.mu.Lock()
	mode := m.metadata
	m.mu.Unlock()
	switch {
	case r.Method == http.MethodPut && r.URL.Path == metadataTokenPath:
		m.called("metadata_token")
		m.sessionToken(w, r, mode)
	case r.Method == http.MethodGet && r.URL.Path == metadataPath:
		m.securityKey(w, r, mode)
	default:
		return false
	}
	return true
}

func (m *Mock) sessionToken(w http.ResponseWriter, r *http.Request, mode metadataMode) {
	if mode != metadataSessionTokens {
		http.NotFound(w, r)
		return
	}
	ttl, err := strconv.Atoi(r.Header.Get("X-Metadata-Token-Ttl-Seconds"))
	if err != nil || ttl < 1 || time.Duration(ttl)*time.Second > maxTokenTTL {
		http.Error(w, "X-Metadata-Token-Ttl-Seconds must be 1 to 21600", http.StatusBadRequest)
		return
	}
	token := "mdt-" + randomHex(16)
	m.mu.Lock()
	m.tokens[token] = true
	m.issuedTokens = append(m.issuedTokens, token)
	pad := m.tokenPad
	m.mu.Unlock()
	w.Header().Set("Content-Type", "text/plain")
	_, _ = w.Write([]byte(token + pad))
}

func (m *Mock) securityKey(w http.ResponseWriter, r *http.Request, mode metadataMode) {
	if mode == metadataOff {
		http.NotFound(w, r)
		return
	}
	if mode == metadataSessionTokens {
		m.mu.Lock()
		valid := m.tokens[r.Header.Get("X-Metadata-Token")]
		m.mu.Unlock()
		if !valid {
			http.Error(w, "Unauthorized", http.StatusUnauthorized)
			return
		}
	}
	m.called("securitykey")
	writeCredential(w, http.StatusOK, m.issue(m.TemporaryTTL))
}
