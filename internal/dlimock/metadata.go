package dlimock

import "net/http"

// The ECS metadata service of an ECS with an agency attached: its base URL
// is the server's URL (HW_ECS_METADATA_ENDPOINT).
const metadataPath = "/openstack/latest/securitykey"

// ServeMetadata makes the mock answer GET /openstack/latest/securitykey
// with fresh temporary credentials (valid for TemporaryTTL) on each call.
func (m *Mock) ServeMetadata() {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.metadata = true
}

func (m *Mock) securityKey(w http.ResponseWriter) {
	m.mu.Lock()
	enabled := m.metadata
	m.mu.Unlock()
	if !enabled {
		http.NotFound(w, nil)
		return
	}
	m.called("securitykey")
	writeCredential(w, http.StatusOK, m.issue(m.TemporaryTTL))
}
