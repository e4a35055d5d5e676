package hwauth

import (
	"context"
	"fmt"
	"net/url"
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
	return newTemporary(MetadataDescription, now, func(ctx context.Context) (dli.TemporaryCredentials, error) {
		creds, err := client.MetadataSecurityKey(ctx, endpoint)
		if err != nil {
			return creds, &MetadataError{Endpoint: endpoint.String(), Err: err}
		}
		return creds, nil
	})
}
