package dli

import (
	"errors"
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

// AuthMethod names how requests are authenticated.
type AuthMethod string

const (
	AuthAKSK          AuthMethod = "AK/SK signature"
	AuthTemporaryAKSK AuthMethod = "temporary AK/SK signature with security token"
	AuthToken         AuthMethod = "IAM token"
)

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

// authTransport authenticates every attempt afresh: retries get their own
// X-Sdk-Date and signature. It never mutates the caller's request.
type authTransport struct {
	base      http.RoundTripper
	creds     Credentials
	now       func() time.Time
	userAgent string
}

func (t *authTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	r := req.Clone(req.Context())
	if t.userAgent != "" {
		r.Header.Set("User-Agent", t.userAgent)
	}
	if t.creds.Token != "" {
		r.Header.Set("X-Auth-Token", t.creds.Token)
		return t.base.RoundTrip(r)
	}
	if t.creds.SecurityToken != "" {
		r.Header.Set("X-Security-Token", t.creds.SecurityToken)
	}
	sign.SignRequest(r, t.creds.AccessKey, t.creds.SecretKey, t.now())
	return t.base.RoundTrip(r)
}
