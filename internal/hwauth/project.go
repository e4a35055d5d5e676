package hwauth

import (
	"context"
	"fmt"
	"net/url"
	"time"

	"github.com/dli-terraform/terraform-provider-dli/internal/dli"
)

// ProjectError is a failed project lookup.
type ProjectError struct {
	Name    string // the IAM project name looked up
	AuthURL string
	Err     error
}

func (e *ProjectError) Error() string {
	return fmt.Sprintf("looking up the ID of IAM project %q at %s failed: %v", e.Name, e.AuthURL, e.Err)
}

func (e *ProjectError) Unwrap() error { return e.Err }

// ProjectLookup finds a project's ID by name from IAM, once: the first
// read that needs it asks, concurrent reads wait for that answer, and every
// later read reuses it (or its failure).
type ProjectLookup struct {
	client  *dli.Client
	authURL *url.URL
	name    string
	cache   *cached[string]
}

// NewProjectLookup looks up the project called name through IAM at authURL
// with the client's credentials. It sends nothing until ProjectID is called.
func NewProjectLookup(client *dli.Client, authURL *url.URL, name string) *ProjectLookup {
	return &ProjectLookup{client: client, authURL: authURL, name: name, cache: newCached[string]()}
}

// Name is the IAM project name looked up.
func (p *ProjectLookup) Name() string { return p.name }

// ProjectID returns the project's ID, asking IAM on the first call only.
func (p *ProjectLookup) ProjectID(ctx context.Context) (string, error) {
	return p.cache.get(ctx, time.Now, func(ctx context.Context) (string, time.Time, time.Time, error) {
		id, err := p.client.ProjectID(ctx, p.authURL, p.name)
		if err != nil {
			return "", time.Time{}, time.Time{}, &ProjectError{Name: p.name, AuthURL: p.authURL.String(), Err: err}
		}
		return id, time.Time{}, time.Time{}, nil
	})
}
