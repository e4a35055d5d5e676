package dli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"time"
)

// ServiceSTS is STS's name in errors' Service fields.
const ServiceSTS = "STS"

// AgencyURN names an agency to STS: iam::{account ID}:agency:{name}.
func AgencyURN(domainID, agency string) string {
	return "iam::" + domainID + ":agency:" + agency
}

// AssumeAgency obtains temporary AK/SK for an agency from STS, signed with
// keys (temporary ones, with their X-Security-Token): POST
// {sts}/v5/agencies/assume, as the official provider's buildClientByAgencyV5.
func (c *Client) AssumeAgency(ctx context.Context, sts *url.URL, keys Credentials, domainID, agency string, duration time.Duration) (TemporaryCredentials, error) {
	body, err := json.Marshal(map[string]any{
		"agency_urn": AgencyURN(domainID, agency), "agency_session_name": agency,
		"duration_seconds": int(duration / time.Second),
	})
	if err != nil {
		return TemporaryCredentials{}, err
	}
	k := call{service: ServiceSTS, method: http.MethodPost, body: body, credentials: keys, base: sts, path: []string{"v5", "agencies", "assume"},
		subject: fmt.Sprintf("agency %q of account %q", agency, domainID)}
	return do(ctx, c, k, func(resp *response) (TemporaryCredentials, error) {
		var answer struct {
			Credentials struct {
				AccessKeyID     string `json:"access_key_id"`
				SecretAccessKey string `json:"secret_access_key"`
				SecurityToken   string `json:"security_token"`
				Expiration      string `json:"expiration"`
			} `json:"credentials"`
		}
		// Never quoted: the answer holds keys the client does not know yet.
		if err := resp.decodeUnquoted(&answer, "assume"); err != nil {
			return TemporaryCredentials{}, err
		}
		k := answer.Credentials
		t, err := temporaryFrom(resp, "assume", [4]string{"credentials.access_key_id", "credentials.secret_access_key", "credentials.security_token", "credentials.expiration"},
			Credentials{AccessKey: k.AccessKeyID, SecretKey: k.SecretAccessKey, SecurityToken: k.SecurityToken}, k.Expiration)
		if err == nil {
			c.secrets.add(t.Secrets()...)
		}
		return t, err
	})
}

// CallerIdentity asks STS which account the base credentials belong to:
// GET {sts}/v5/caller-identity, signed with them, as the official SDK does
// when IAM lists no domain.
func (c *Client) CallerIdentity(ctx context.Context, sts *url.URL, base CredentialSource) (string, error) {
	k := call{service: ServiceSTS, method: http.MethodGet, credentials: base, base: sts, path: []string{"v5", "caller-identity"},
		subject: "the account (domain) of the credentials"}
	return do(ctx, c, k, func(resp *response) (string, error) {
		var answer struct {
			AccountID string `json:"account_id"`
		}
		if err := resp.decodeJSON(&answer); err != nil {
			return "", err
		}
		if answer.AccountID == "" {
			return "", resp.malformed("the caller identity has no account_id: " + resp.snippet())
		}
		return answer.AccountID, nil
	})
}

// ErrNoDomainListed is IAM answering GET auth/domains with no account: an
// IAM user without iam:users:getUser. The SDK then asks STS.
var ErrNoDomainListed = errors.New("IAM lists no account (domain) for these credentials")

// noDomainListed marks err (the malformed answer, as quoted) as such.
type noDomainListed struct{ error }

func (e noDomainListed) Unwrap() error        { return e.error }
func (e noDomainListed) Is(target error) bool { return target == ErrNoDomainListed }
