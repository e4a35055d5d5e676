package dlimock

import (
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"
)

// As STS: duration_seconds from 900 to 43200, 3600 when absent; outside
// them, 400 and no keys. Signed with temporary keys (X-Security-Token), an
// hour at most.
func TestSTSTakesDurationsWithinItsBounds(t *testing.T) {
	m := New(Credentials{AccessKey: "AK", SecretKey: "SK"})
	m.AddSTSAgency(DefaultDomainID, "ci")
	for _, tc := range []struct {
		duration, securityToken string
		want                    int
	}{
		{"", "", 200}, {`,"duration_seconds":900`, "", 200}, {`,"duration_seconds":43200`, "", 200},
		{`,"duration_seconds":899`, "", 400}, {`,"duration_seconds":43201`, "", 400}, {`,"duration_seconds":0`, "", 400},
		{`,"duration_seconds":3600`, "token-of-temporary-keys", 200}, {`,"duration_seconds":3601`, "token-of-temporary-keys", 400},
	} {
		body := `{"agency_urn":"iam::` + DefaultDomainID + `:agency:ci","agency_session_name":"ci"` + tc.duration + `}`
		req := httptest.NewRequest(http.MethodPost, "http://sts.mock.invalid/v5/agencies/assume", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		if tc.securityToken != "" {
			req.Header.Set("X-Security-Token", tc.securityToken)
		}
		signSDK(req, []byte(body), "AK", "SK", time.Now())
		rec := httptest.NewRecorder()
		m.ServeHTTP(rec, req)
		if rec.Code != tc.want {
			t.Errorf("%s (X-Security-Token %q): HTTP %d %s, want %d", body, tc.securityToken, rec.Code, rec.Body, tc.want)
		}
	}
	want := []time.Duration{15 * time.Minute, time.Hour, time.Hour, 12 * time.Hour}
	if got := m.STSDurations(); !slices.Equal(slices.Sorted(slices.Values(got)), want) {
		t.Fatalf("durations %v, want %v", got, want)
	}
}
