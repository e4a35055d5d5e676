package dlimock

import (
	"crypto/hmac"
	"net/http"
	"slices"
	"time"

	"github.com/dli-terraform/terraform-provider-dli/internal/dli/sign"
)

// maxClockSkew is how far X-Sdk-Date may be from the gateway's clock.
const maxClockSkew = 15 * time.Minute

// authenticate checks the request as the API gateway would and answers 401
// with an APIGW-style body when it fails.
func (m *Mock) authenticate(w http.ResponseWriter, r *http.Request) bool {
	reason := m.authFailure(r)
	if reason == "" {
		return true
	}
	writeError(w, http.StatusUnauthorized, "APIGW.0301", "Incorrect IAM authentication information: "+reason)
	return false
}

func (m *Mock) authFailure(r *http.Request) string {
	if token := r.Header.Get("X-Auth-Token"); token != "" {
		if m.creds.Token == "" || !equal(token, m.creds.Token) {
			return "token verification failed"
		}
		return ""
	}
	authz := r.Header.Get("Authorization")
	if authz == "" {
		return "no X-Auth-Token or Authorization header"
	}
	if m.creds.AccessKey == "" {
		return "AK/SK authentication is not accepted"
	}
	a, err := sign.ParseAuthorization(authz)
	if err != nil {
		return err.Error()
	}
	if a.AccessKey != m.creds.AccessKey {
		return "access key does not exist"
	}
	if !slices.Contains(a.SignedHeaders, "x-sdk-date") || !slices.Contains(a.SignedHeaders, "host") {
		return "host and x-sdk-date must be signed"
	}
	date := r.Header.Get(sign.DateHeader)
	at, err := time.Parse(sign.DateFormat, date)
	if err != nil {
		return "X-Sdk-Date is missing or malformed"
	}
	if skew := m.Now().Sub(at); skew > maxClockSkew || skew < -maxClockSkew {
		return "request expired: X-Sdk-Date is too far from the server time"
	}
	want := sign.Signature(sign.StringToSign(sign.CanonicalRequest(sign.Request{
		Method: r.Method, Path: r.URL.Path, Query: r.URL.Query(), Header: r.Header, Host: r.Host, SignedHeaders: a.SignedHeaders,
	}), date), m.creds.SecretKey)
	if !equal(a.Signature, want) {
		return "verify aksk signature fail"
	}
	if m.creds.SecurityToken != "" && !equal(r.Header.Get("X-Security-Token"), m.creds.SecurityToken) {
		return "security token verification failed"
	}
	return ""
}

func equal(a, b string) bool { return hmac.Equal([]byte(a), []byte(b)) }
