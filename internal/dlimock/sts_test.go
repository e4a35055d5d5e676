package dlimock

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"
)

// As STS: duration_seconds from 900 to 43200, 3600 when absent; outside
// them, 400 and no keys.
func TestSTSTakesDurationsWithinItsBounds(t *testing.T) {
	m := New(Credentials{AccessKey: "AK", SecretKey: "SK"})
	m.AddSTSAgency(DefaultDomainID, "ci")
	for duration, want := range map[string]int{"": 200, `,"duration_seconds":900`: 200, `,"duration_seconds":43200`: 200,
		`,"duration_seconds":899`: 400, `,"duration_seconds":43201`: 400, `,"duration_seconds":0`: 400} {
		body := `{"agency_urn":"iam::` + DefaultDomainID + `:agency:ci","agency_session_name":"ci"` + duration + `}`
		req := httptest.NewRequest(http.MethodPost, "http://sts.mock.invalid/v5/agencies/assume", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		signSDK(req, []byte(body), "AK", "SK", time.Now())
		rec := httptest.NewRecorder()
		m.ServeHTTP(rec, req)
		if rec.Code != want {
			t.Errorf("%s: HTTP %d %s, want %d", body, rec.Code, rec.Body, want)
		}
	}
	if got := m.STSDurations(); !slices.Equal(slices.Sorted(slices.Values(got)), []time.Duration{15 * time.Minute, time.Hour, 12 * time.Hour}) {
		t.Fatalf("durations %v, want 15m, 1h (absent) and 12h", got)
	}
	// Signed with temporary keys (X-Security-Token), an hour at most.
	for duration, want := range map[int]int{3600: 200, 3601: 400} {
		body := fmt.Sprintf(`{"agency_urn":"iam::%s:agency:ci","agency_session_name":"ci","duration_seconds":%d}`, DefaultDomainID, duration)
		req := httptest.NewRequest(http.MethodPost, "http://sts.mock.invalid/v5/agencies/assume", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("X-Security-Token", "token-of-temporary-keys")
		signSDK(req, []byte(body), "AK", "SK", time.Now())
		rec := httptest.NewRecorder()
		m.ServeHTTP(rec, req)
		if rec.Code != want {
			t.Errorf("with X-Security-Token, %d s: HTTP %d %s, want %d", duration, rec.Code, rec.Body, want)
		}
	}
}
