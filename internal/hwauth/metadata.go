package hwauth

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/dli-terraform/terraform-provider-dli/internal/dli"
)

// MetadataDescription names the ECS metadata service as a credential
// source, in words.
const MetadataDescription = "temporary AK/SK from the ECS metadata service"

// MetadataError is a failure to get credentials from the ECS metadata
// service: usually, there is none (the machine is not an ECS, or no agency
// is attached to it).
type MetadataError struct {
	Endpoint string
	Err      error
}

func (e *MetadataError) Error() string {
	return fmt.Sprintf("no temporary credentials from the ECS metadata service at %s: %v", e.Endpoint, e.Err)
}

func (e *MetadataError) Unwrap() error { return e.Err }

// FromMetadata is the temporary AK/SK of the agency attached to this ECS,
// from the metadata service at endpoint (http://169.254.169.254 on an ECS).
func FromMetadata(client *dli.Client, endpoint *url.URL, now func() time.Time) *Temporary {
	session := &metadataSession{client: client, endpoint: endpoint}
	return newTemporary(MetadataDescription, now, func(ctx context.Context) (dli.TemporaryCredentials, error) {
		creds, err := session.securityKey(ctx)
		if err != nil {
			return creds, &MetadataError{Endpoint: endpoint.String(), Err: err}
		}
		return creds, nil
	})
}

// metadataSession asks the metadata service as the official SDK's metadata
// accessor does: a session token first (kept for the next renewal), the
// keys with it; without it when the service has no session tokens; and
// once more with a new token when the service says the token expired. Its
// Temporary's cache runs one fetch at a time, so its fields need no lock.
type metadataSession struct {
	client   *dli.Client
	endpoint *url.URL
	token    string
	asked    bool // a token was asked for (and token is empty: the service has none)
}

// agencyMissing is how the metadata service says that no agency is
// attached: a 401 that a new token would not cure.
const agencyMissing = "Please configure Cloud Service Agency first"

func (s *metadataSession) securityKey(ctx context.Context) (dli.TemporaryCredentials, error) {
	if !s.asked {
		if err := s.newToken(ctx); err != nil {
			return dli.TemporaryCredentials{}, err
		}
	}
	creds, err := s.client.MetadataSecurityKey(ctx, s.endpoint, s.token)
	var apiErr *dli.APIError
	if errors.As(err, &apiErr) && apiErr.StatusCode == http.StatusUnauthorized && !strings.Contains(apiErr.Message, agencyMissing) {
		if err := s.newToken(ctx); err != nil {
			return dli.TemporaryCredentials{}, err
		}
		return s.client.MetadataSecurityKey(ctx, s.endpoint, s.token)
	}
	return creds, err
}

func (s *metadataSession) newToken(ctx context.Context) error {
	token, _, err := s.client.MetadataToken(ctx, s.endpoint)
	if err != nil {
		return err
	}
	s.token, s.asked = token, true
	return nil
}
