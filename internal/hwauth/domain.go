package hwauth

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"time"

	"github.com/dli-terraform/terraform-provider-dli/internal/dli"
)

// DomainError is a failed lookup of the account (domain) ID that the
// agency call sends as X-Domain-Id.
type DomainError struct {
	AuthURL string
	STS     string // asked when IAM listed none; empty: not asked
	Err     error
}

func (e *DomainError) Error() string {
	asked, why := "GET "+e.AuthURL+"/auth/domains", e.Err.Error()
	if e.STS != "" {
		asked += ", then GET " + e.STS + "/v5/caller-identity,"
		why = dli.ErrNoDomainListed.Error() + ", and STS: " + why
	}
	return fmt.Sprintf("looking up the account (domain) ID with %s failed (set the provider's domain_id, HW_DOMAIN_ID or the hcloud profile's domainId to skip the lookup): %s", asked, why)
}

func (e *DomainError) Unwrap() error { return e.Err }

// DomainLookup finds the base credentials' account ID from IAM, or from
// STS when IAM lists none (as the official SDK does), once: the first call
// asks, concurrent calls wait for that answer, and every later call reuses
// it (or its failure).
type DomainLookup struct {
	client  *dli.Client
	authURL *url.URL
	sts     *url.URL // nil: IAM only
	base    dli.CredentialSource
	cache   *cached[string]
}

// NewDomainLookup looks up the account of base through IAM at authURL,
// then STS at sts. It sends nothing until DomainID is called.
func NewDomainLookup(client *dli.Client, authURL, sts *url.URL, base dli.CredentialSource) *DomainLookup {
	return &DomainLookup{client: client, authURL: authURL, sts: sts, base: base, cache: newCached[string]()}
}

// DomainID returns the account ID, asking IAM on the first call only.
func (d *DomainLookup) DomainID(ctx context.Context) (string, error) {
	return d.cache.get(ctx, time.Now, func(ctx context.Context) (string, time.Time, time.Time, error) {
		id, err := d.client.DomainID(ctx, d.authURL, d.base)
		if errors.Is(err, dli.ErrNoDomainListed) && d.sts != nil {
			id, err = d.client.CallerIdentity(ctx, d.sts, d.base)
			if err != nil {
				return "", time.Time{}, time.Time{}, &DomainError{AuthURL: d.authURL.String(), STS: d.sts.String(), Err: err}
			}
		}
		if err != nil {
			return "", time.Time{}, time.Time{}, &DomainError{AuthURL: d.authURL.String(), Err: err}
		}
		return id, time.Time{}, time.Time{}, nil
	})
}
