package dli

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"time"

	"github.com/dli-terraform/terraform-provider-dli/internal/dli/sign"
)

// Credentials are one of: AK/SK, AK/SK with a security token (temporary
// credentials), or an IAM token.
type Credentials struct {
	AccessKey     string
	SecretKey     string
	SecurityToken string
	Token         string
}

// CredentialSource gives the credentials for a call. Static Credentials
// are a source of themselves; temporary ones (ECS metadata, an agency) are
// fetched, shared and renewed by the source (see internal/hwauth).
type CredentialSource interface {
	Retrieve(ctx context.Context) (Credentials, error)
}

// Retrieve makes static Credentials a CredentialSource.
func (c Credentials) Retrieve(context.Context) (Credentials, error) { return c, c.validate() }

// TemporaryCredentials are AK/SK with a security token that expire.
type TemporaryCredentials struct {
	Credentials
	ExpiresAt time.Time
}

// AuthMethod names how requests are authenticated.
type AuthMethod string

const (
	AuthAKSK          AuthMethod = "AK/SK signature"
	AuthTemporaryAKSK AuthMethod = "temporary AK/SK signature with security token"
	AuthToken         AuthMethod = "IAM token"
)

// Method is how these credentials authenticate a request.
func (c Credentials) Method() AuthMethod {
	switch {
	case c.Token != "":
		return AuthToken
	case c.SecurityToken != "":
		return AuthTemporaryAKSK
	}
	return AuthAKSK
}

// Secrets lists the non-empty secret values, for masking in logs.
func (c Credentials) Secrets() []string {
	var out []string
	for _, s := range []string{c.AccessKey, c.SecretKey, c.SecurityToken, c.Token} {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

func (c Credentials) validate() error {
	hasAKSK := c.AccessKey != "" || c.SecretKey != ""
	switch {
	case c.Token != "" && (hasAKSK || c.SecurityToken != ""):
		return errors.New("credentials: use either a token or an access key pair, not both")
	case c.Token != "":
		return nil
	case c.AccessKey == "" || c.SecretKey == "":
		return errors.New("credentials: an access key and a secret key, or a token, are required")
	}
	return nil
}

// credentialsKey carries the credentials of one call to authTransport, so
// that every attempt of the call is authenticated with the same ones and a
// call without them (ECS metadata) goes out unauthenticated.
type credentialsKey struct{}

// authTransport authenticates every attempt afresh: retries get their own
// X-Sdk-Date and signature. It never mutates the caller's request.
type authTransport struct {
	base      http.RoundTripper
	now       func() time.Time
	userAgent string
}

func (t *authTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	r := req.Clone(req.Context())
	if t.userAgent != "" {
		r.Header.Set("User-Agent", t.userAgent)
	}
	creds, ok := req.Context().Value(credentialsKey{}).(Credentials)
	switch {
	case !ok:
		return t.base.RoundTrip(r)
	case creds.Token != "":
		r.Header.Set("X-Auth-Token", creds.Token)
		return t.base.RoundTrip(r)
	case creds.SecurityToken != "":
		r.Header.Set(HeaderSecurityToken, creds.SecurityToken)
	}
	body, err := readBody(r)
	if err != nil {
		return nil, err
	}
	sign.SignRequestWithBody(r, body, creds.AccessKey, creds.SecretKey, t.now(), presentHeaders(r.Header, signedWhenPresent)...)
	return t.base.RoundTrip(r)
}

// The headers that name a call's scope and its security token: the official
// SDK signs every header it sends but Content-Type, and the gateway
// demands X-Project-Id among the signed ones.
const (
	HeaderProjectID     = "X-Project-Id"
	HeaderDomainID      = "X-Domain-Id"
	HeaderSecurityToken = "X-Security-Token"
)

var signedWhenPresent = []string{HeaderProjectID, HeaderDomainID, HeaderSecurityToken}

// presentHeaders is those of names that h carries.
func presentHeaders(h http.Header, names []string) []string {
	var out []string
	for _, name := range names {
		if h.Get(name) != "" {
			out = append(out, name)
		}
	}
	return out
}

// readBody reads a request's body for its hash and puts it back.
func readBody(r *http.Request) ([]byte, error) {
	if r.Body == nil || r.Body == http.NoBody {
		return nil, nil
	}
	body, err := io.ReadAll(r.Body)
	_ = r.Body.Close()
	if err != nil {
		return nil, err
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	return body, nil
}
