package hwauth

import (
	"context"
	"time"

	"github.com/dli-terraform/terraform-provider-dli/internal/dli"
)

// RefreshMargin is how long before they expire temporary credentials are
// fetched again, as the official provider does for ECS metadata keys: a
// long wait never signs with keys that expire mid-request.
const RefreshMargin = 10 * time.Minute

// Temporary is a credential source of temporary AK/SK (ECS metadata, an
// agency): fetched at the first call that needs them, shared by all
// concurrent calls, and fetched again RefreshMargin before they expire.
type Temporary struct {
	description string
	fetch       func(ctx context.Context) (dli.TemporaryCredentials, error)
	now         func() time.Time
	cache       *cached[dli.Credentials]
}

var _ dli.CredentialSource = (*Temporary)(nil)

func newTemporary(description string, now func() time.Time, fetch func(ctx context.Context) (dli.TemporaryCredentials, error)) *Temporary {
	if now == nil {
		now = time.Now
	}
	return &Temporary{description: description, fetch: fetch, now: now, cache: newCached[dli.Credentials]()}
}

// Retrieve returns credentials valid for at least RefreshMargin, unless a
// renewal failed while the previous ones still last.
func (t *Temporary) Retrieve(ctx context.Context) (dli.Credentials, error) {
	return t.cache.get(ctx, t.now, func(ctx context.Context) (dli.Credentials, time.Time, time.Time, error) {
		creds, err := t.fetch(ctx)
		if err != nil {
			return dli.Credentials{}, time.Time{}, time.Time{}, err
		}
		return creds.Credentials, creds.ExpiresAt.Add(-RefreshMargin), creds.ExpiresAt, nil
	})
}

// String says where the credentials come from, in words.
func (t *Temporary) String() string { return t.description }
