package hwauth

import (
	"context"
	"fmt"
	"net/url"
	"time"

	"github.com/dli-terraform/terraform-provider-dli/internal/dli"
)

// DefaultAgencyDuration is how long agency credentials are asked for.
const DefaultAgencyDuration = time.Hour

// Agency names an IAM agency to act through (assume_role).
type Agency struct {
	Name   string
	Domain string
	// DomainID is the base credentials' own account ID, sent as
	// X-Domain-Id when they are AK/SK; empty: asked of IAM once.
	DomainID string
	// STS is asked for that account when IAM lists none; nil: not asked.
	STS      *url.URL
	Duration time.Duration // DefaultAgencyDuration when zero
}

// AssumedWith describes the agency's credentials in words, for logs and
// errors: "agency dli-reader of domain acme, assumed with <base>".
func (a Agency) AssumedWith(base string) string {
	return fmt.Sprintf("agency %s of domain %s, assumed with %s", a.Name, a.Domain, base)
}

// AgencyError is IAM refusing (or failing) to give credentials for an agency.
type AgencyError struct {
	Agency Agency
	Base   string // the base credentials, in words
	Err    error
}

func (e *AgencyError) Error() string {
	return fmt.Sprintf("assuming agency %q of domain %q with %s failed: %v", e.Agency.Name, e.Agency.Domain, e.Base, e.Err)
}

func (e *AgencyError) Unwrap() error { return e.Err }

// AssumeRole is the temporary AK/SK of an agency, obtained from IAM at
// authURL with the base credentials. base describes them in words.
func AssumeRole(client *dli.Client, authURL *url.URL, base dli.CredentialSource, baseDescription string, agency Agency, now func() time.Time) *Temporary {
	if agency.Duration <= 0 {
		agency.Duration = DefaultAgencyDuration
	}
	domains := NewDomainLookup(client, authURL, agency.STS, base)
	return newTemporary(agency.AssumedWith(baseDescription), now, func(ctx context.Context) (dli.TemporaryCredentials, error) {
		domainID, err := agencyDomainID(ctx, agency, base, domains)
		if err != nil {
			return dli.TemporaryCredentials{}, &AgencyError{Agency: agency, Base: baseDescription, Err: err}
		}
		creds, err := client.AssumeRole(ctx, authURL, base, domainID, agency.Name, agency.Domain, agency.Duration)
		if err != nil {
			return creds, &AgencyError{Agency: agency, Base: baseDescription, Err: err}
		}
		return creds, nil
	})
}

// agencyDomainID is the X-Domain-Id of the agency call: the configured
// account ID, else IAM's answer, asked only for base credentials that sign
// (an IAM token carries its own scope). When the base credentials cannot be
// had, the agency call itself reports why.
func agencyDomainID(ctx context.Context, agency Agency, base dli.CredentialSource, domains *DomainLookup) (string, error) {
	if agency.DomainID != "" {
		return agency.DomainID, nil
	}
	if creds, err := base.Retrieve(ctx); err == nil && creds.Token == "" {
		return domains.DomainID(ctx)
	}
	return "", nil
}
