package dlimock

import (
	"encoding/json"
	"fmt"
	"net/http"
	"time"
)

// STS, as far as the provider asks it: an agency assumed by URN with
// signed temporary keys (their X-Security-Token checked by authenticate),
// and the caller's account. Its endpoint is the server's URL.

// AddSTSAgency lets any accepted keys assume agency of account domainID
// through STS (POST /v5/agencies/assume).
func (m *Mock) AddSTSAgency(domainID, agency string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.stsAgencies["iam::"+domainID+":agency:"+agency] = true
}

// STS's bounds of duration_seconds, in seconds, and its value when absent
// (the STS API reference of AssumeAgency).
const (
	minSTSDuration     = 900
	maxSTSDuration     = 43200
	defaultSTSDuration = 3600
	// A call signed with temporary keys (it carries X-Security-Token) gets
	// keys for an hour at most (huaweicloud-sdk-go-v3, AssumeAgencyReqBody).
	maxSTSDurationWithToken = 3600
)

// STSDurations are the durations STS was asked for, in order (absent:
// STS's default), of the calls whose duration it accepted.
func (m *Mock) STSDurations() []time.Duration {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]time.Duration(nil), m.stsDurations...)
}

// assumeAgency answers POST /v5/agencies/assume: 200 with the agency's
// keys, for the exact agency_urn of an added agency and a duration_seconds
// within STS's bounds (400 outside them, as STS answers).
func (m *Mock) assumeAgency(w http.ResponseWriter, r *http.Request) {
	m.called("sts_assume")
	if !signedOnly(w, r) {
		return
	}
	var req struct {
		AgencyURN         string `json:"agency_urn"`
		AgencySessionName string `json:"agency_session_name"`
		DurationSeconds   *int   `json:"duration_seconds"`
	}
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil || req.AgencySessionName == "" {
		writeError(w, http.StatusBadRequest, "IAM.0001", "The request body must be JSON with agency_urn and agency_session_name.")
		return
	}
	ttl := time.Duration(defaultSTSDuration) * time.Second
	if d := req.DurationSeconds; d != nil {
		most := maxSTSDuration
		if r.Header.Get("X-Security-Token") != "" {
			most = maxSTSDurationWithToken
		}
		if *d < minSTSDuration || *d > most {
			writeError(w, http.StatusBadRequest, "IAM.0001", fmt.Sprintf("duration_seconds must be between %d and %d, not %d.", minSTSDuration, most, *d))
			return
		}
		ttl = time.Duration(*d) * time.Second
	}
	m.mu.Lock()
	known := m.stsAgencies[req.AgencyURN]
	m.stsDurations = append(m.stsDurations, ttl)
	m.mu.Unlock()
	if !known {
		writeError(w, http.StatusForbidden, "IAM.0003", fmt.Sprintf("You have no right to assume %s.", req.AgencyURN))
		return
	}
	k := m.issue(ttl)
	writeJSON(w, http.StatusOK, map[string]any{"credentials": map[string]string{
		"access_key_id": k.AccessKey, "secret_access_key": k.SecretKey, "security_token": k.SecurityToken,
		"expiration": k.expires.UTC().Format("2006-01-02T15:04:05.000Z"),
	}})
}

// callerIdentity answers GET /v5/caller-identity: the account of the keys.
func (m *Mock) callerIdentity(w http.ResponseWriter, r *http.Request) {
	m.called("caller_identity")
	if !signedOnly(w, r) {
		return
	}
	m.mu.Lock()
	id := m.DomainID
	m.mu.Unlock()
	writeJSON(w, http.StatusOK, map[string]string{"account_id": id, "principal_urn": "iam::" + id + ":user:alice", "principal_id": randomHex(16)})
}

// signedOnly: STS's v5 API takes AK/SK signatures only, not IAM tokens.
func signedOnly(w http.ResponseWriter, r *http.Request) bool {
	if r.Header.Get("Authorization") == "" {
		writeError(w, http.StatusUnauthorized, "APIGW.0301", "Incorrect IAM authentication information: STS takes AK/SK signatures only")
		return false
	}
	return true
}
