package hwauth

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"sync"
	"time"

	"github.com/dli-terraform/terraform-provider-dli/internal/dli"
)

// PasswordError is IAM refusing (or failing) a password login.
type PasswordError struct {
	Who string // the user, in words
	Err error
}

func (e *PasswordError) Error() string {
	return fmt.Sprintf("logging in to IAM as %s with a password failed: %v", e.Who, e.Err)
}

func (e *PasswordError) Unwrap() error { return e.Err }

// Refused reports IAM refusing the user name or password (HTTP 401).
func (e *PasswordError) Refused() bool {
	var apiErr *dli.APIError
	return errors.As(e.Err, &apiErr) && apiErr.Class == dli.ClassAuthentication
}

// Password is a credential source of IAM tokens from a password login:
// logged in at the first call that needs it, shared by concurrent calls,
// and logged in again RefreshMargin before the token expires. A refused
// password is never sent again by this source (IAM locks a user after
// repeated failures), not even to renew a token that still lasts.
type Password struct {
	client      *dli.Client
	authURL     *url.URL
	login       dli.PasswordLogin
	description string
	now         func() time.Time
	cache       *cached[dli.Credentials]

	mu        sync.Mutex
	projectID string // of the last token
	refused   error
}

var _ dli.CredentialSource = (*Password)(nil)

// PasswordLogin logs in to IAM at authURL as login says; description names
// where the settings came from, in words. It sends nothing until asked.
func PasswordLogin(client *dli.Client, authURL *url.URL, login dli.PasswordLogin, description string, now func() time.Time) *Password {
	if now == nil {
		now = time.Now
	}
	return &Password{client: client, authURL: authURL, login: login, description: description, now: now, cache: newCached[dli.Credentials]()}
}

// Retrieve returns a token valid for at least RefreshMargin, unless a
// renewal failed while the previous token still lasts.
func (p *Password) Retrieve(ctx context.Context) (dli.Credentials, error) {
	return p.cache.get(ctx, p.now, func(ctx context.Context) (dli.Credentials, time.Time, time.Time, error) {
		p.mu.Lock()
		refused := p.refused
		p.mu.Unlock()
		if refused != nil {
			return dli.Credentials{}, time.Time{}, time.Time{}, refused
		}
		token, err := p.client.PasswordToken(ctx, p.authURL, p.login)
		if err != nil {
			e := &PasswordError{Who: p.Who(), Err: err}
			if e.Refused() {
				p.mu.Lock()
				p.refused = e
				p.mu.Unlock()
			}
			return dli.Credentials{}, time.Time{}, time.Time{}, e
		}
		p.mu.Lock()
		p.projectID = token.ProjectID
		p.mu.Unlock()
		return dli.Credentials{Token: token.Token}, token.ExpiresAt.Add(-RefreshMargin), token.ExpiresAt, nil
	})
}

// ProjectID is the project the token is scoped to, from IAM's answer to
// the login: no separate project lookup.
func (p *Password) ProjectID(ctx context.Context) (string, error) {
	if _, err := p.Retrieve(ctx); err != nil {
		return "", err
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.projectID == "" {
		return "", fmt.Errorf("IAM's token for %s names no project", p.Who())
	}
	return p.projectID, nil
}

// Name is the project the login is scoped to by name.
func (p *Password) Name() string { return p.login.ProjectName }

// Who names the user, never the password.
func (p *Password) Who() string {
	l := p.login
	switch {
	case l.UserID != "":
		return fmt.Sprintf("user ID %q", l.UserID)
	case l.DomainID != "":
		return fmt.Sprintf("user %q of account ID %q", l.UserName, l.DomainID)
	}
	return fmt.Sprintf("user %q of account %q", l.UserName, l.DomainName)
}

// String says where the credentials come from, in words.
func (p *Password) String() string { return p.description }
