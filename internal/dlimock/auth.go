package dlimock

import (
	"bytes"
	"crypto/hmac"
	"crypto/rand"
	"encoding/hex"
	"io"
	"net/http"
	"slices"
	"strings"
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
		k, ok := m.accepted(func(c Credentials) bool { return c.Token != "" && equal(token, c.Token) })
		switch {
		case !ok:
			return "token verification failed"
		case !k.expires.IsZero() && !m.Now().Before(k.expires):
			return "the token has expired"
		}
		return ""
	}
	authz := r.Header.Get("Authorization")
	if authz == "" {
		return "no X-Auth-Token or Authorization header"
	}
	a, err := sign.ParseAuthorization(authz)
	if err != nil {
		return err.Error()
	}
	key, ok := m.accepted(func(c Credentials) bool { return c.AccessKey != "" && c.AccessKey == a.AccessKey })
	if !ok {
		return "access key does not exist"
	}
	// The official SDK signs every header it sends but Content-Type (for a
	// DLI call user-agent, x-project-id and x-sdk-date) and not host, which
	// it does not set: the gateway cannot demand host, only x-sdk-date.
	if !slices.Contains(a.SignedHeaders, "x-sdk-date") {
		return "x-sdk-date must be signed"
	}
	date := r.Header.Get(sign.DateHeader)
	at, err := time.Parse(sign.DateFormat, date)
	if err != nil {
		return "X-Sdk-Date is missing or malformed"
	}
	if skew := m.Now().Sub(at); skew > maxClockSkew || skew < -maxClockSkew {
		return "request expired: X-Sdk-Date is too far from the server time"
	}
	body, err := io.ReadAll(r.Body)
	if err != nil {
		return "unreadable body"
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	want := sign.Signature(sign.StringToSign(sign.CanonicalRequest(sign.Request{
		Method: r.Method, Path: r.URL.Path, Query: r.URL.Query(), Header: r.Header, Host: r.Host, SignedHeaders: a.SignedHeaders,
		BodyHash: sign.BodyHash(body),
	}), date), key.SecretKey)
	if !equal(a.Signature, want) {
		return "verify aksk signature fail"
	}
	if key.SecurityToken != "" && !equal(r.Header.Get("X-Security-Token"), key.SecurityToken) {
		return "security token verification failed"
	}
	if !key.expires.IsZero() && !m.Now().Before(key.expires) {
		return "the temporary credentials have expired"
	}
	return ""
}

// key is a set of credentials the mock accepts, until expires if set.
type key struct {
	Credentials
	expires time.Time
}

// accepted finds the accepted credentials that match.
func (m *Mock) accepted(match func(Credentials) bool) (key, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, k := range m.keys {
		if match(k.Credentials) {
			return k, true
		}
	}
	return key{}, false
}

// Accept makes the mock accept creds as well, until expires (never when zero).
func (m *Mock) Accept(creds Credentials, expires time.Time) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.keys = append(m.keys, key{Credentials: creds, expires: expires})
}

// Issued lists the temporary credentials the mock has issued (to agencies
// and through the metadata service), so that tests can look for them.
func (m *Mock) Issued() []Credentials {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []Credentials
	for _, k := range m.keys {
		if !k.expires.IsZero() && k.Token == "" { // Tokens lists the IAM tokens
			out = append(out, k.Credentials)
		}
	}
	return out
}

// issue makes new temporary credentials that the mock accepts for ttl.
func (m *Mock) issue(ttl time.Duration) key {
	k := key{Credentials: Credentials{AccessKey: "TMP" + strings.ToUpper(randomHex(8)), SecretKey: randomHex(20), SecurityToken: "sts-" + randomHex(32)},
		expires: m.Now().Add(ttl)}
	m.Accept(k.Credentials, k.expires)
	return k
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

func equal(a, b string) bool { return hmac.Equal([]byte(a), []byte(b)) }
