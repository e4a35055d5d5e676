package hwauth

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/dli-terraform/terraform-provider-dli/internal/dli"
)

// OIDC is an agency assumed with an OpenID Connect ID token
// (assume_role_with_oidc): the token, given or read from a file, is
// exchanged for a federated IAM token, that for temporary keys, and those
// at STS for the agency's keys.
type OIDC struct {
	AgencyName string
	DomainID   string // the agency's account
	IdpID      string
	// Exactly one of IDToken and IDTokenFile; the file is read at every
	// renewal, as CI systems rotate it.
	IDToken, IDTokenFile string
	Duration             time.Duration // DefaultAgencyDuration when zero
}

// Description names the agency and the token's source, never the token.
func (o OIDC) Description() string {
	from := "given"
	if o.IDTokenFile != "" {
		from = "read from " + o.IDTokenFile
	}
	return fmt.Sprintf("agency %s of account %s, assumed with an OIDC ID token of identity provider %s (%s)", o.AgencyName, o.DomainID, o.IdpID, from)
}

// OIDCError is a failed step of assume_role_with_oidc.
type OIDCError struct {
	OIDC OIDC
	Step string // what failed, in words
	Err  error
}

func (e *OIDCError) Error() string {
	return fmt.Sprintf("assuming agency %q of account %q with an OIDC ID token of identity provider %q failed %s: %v",
		e.OIDC.AgencyName, e.OIDC.DomainID, e.OIDC.IdpID, e.Step, e.Err)
}

func (e *OIDCError) Unwrap() error { return e.Err }

// AssumeRoleWithOIDC is the agency's temporary AK/SK, obtained through IAM
// at authURL and STS at sts, and renewed RefreshMargin before they expire.
func AssumeRoleWithOIDC(client *dli.Client, authURL, sts *url.URL, o OIDC, now func() time.Time) *Temporary {
	if o.Duration <= 0 {
		o.Duration = DefaultAgencyDuration
	}
	return newTemporary(o.Description(), now, func(ctx context.Context) (dli.TemporaryCredentials, error) {
		fail := func(step string, err error) (dli.TemporaryCredentials, error) {
			return dli.TemporaryCredentials{}, &OIDCError{OIDC: o, Step: step, Err: err}
		}
		idToken, err := o.idToken()
		if err != nil {
			return fail("reading the ID token", err)
		}
		federated, err := client.FederatedToken(ctx, authURL, o.IdpID, idToken)
		if err != nil {
			return fail("exchanging the ID token at IAM", err)
		}
		keys, err := client.TemporaryKeysByToken(ctx, authURL, federated)
		if err != nil {
			return fail("exchanging the federated token for keys at IAM", err)
		}
		creds, err := client.AssumeAgency(ctx, sts, keys.Credentials, o.DomainID, o.AgencyName, o.Duration)
		if err != nil {
			return fail("at STS", err)
		}
		return creds, nil
	})
}

// idToken is the given token, or the file's content without surrounding
// white space (the official provider trims newlines).
func (o OIDC) idToken() (string, error) {
	if o.IDTokenFile == "" {
		return o.IDToken, nil
	}
	data, err := os.ReadFile(o.IDTokenFile)
	if err != nil {
		// The path only: an error of the os package names no content.
		var pathErr *os.PathError
		if errors.As(err, &pathErr) {
			return "", fmt.Errorf("id_token_file %s: %w", o.IDTokenFile, pathErr.Err)
		}
		return "", err
	}
	token := strings.TrimSpace(string(data))
	if token == "" {
		return "", fmt.Errorf("id_token_file %s is empty", o.IDTokenFile)
	}
	return token, nil
}
