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
	Name     string
	Domain   string
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
	return newTemporary(agency.AssumedWith(baseDescription), now, func(ctx context.Context) (dli.TemporaryCredentials, error) {
		creds, err := client.AssumeRole(ctx, authURL, base, agency.Name, agency.Domain, agency.Duration)
		if err != nil {
			return creds, &AgencyError{Agency: agency, Base: baseDescription, Err: err}
		}
		return creds, nil
	})
}
