package dli

import (
	"context"
	"net"
	"net/http"
	"net/url"
	"time"

	"github.com/hashicorp/go-cleanhttp"
)

// DefaultMetadataEndpoint is the ECS metadata service, reachable only from
// inside an ECS.
const DefaultMetadataEndpoint = "http://169.254.169.254"

// Off an ECS the metadata address does not answer at all: give up within
// seconds so that a laptop without credentials hears so at once. An
// attempt is bounded by the shorter of this and Config.RequestTimeout.
const (
	metadataConnectTimeout = 2 * time.Second
	metadataRequestTimeout = 5 * time.Second
)

func newMetadataTransport() *http.Transport {
	t := cleanhttp.DefaultPooledTransport()
	t.Proxy = nil // the link-local metadata address is never behind a proxy
	t.DialContext = (&net.Dialer{Timeout: metadataConnectTimeout, KeepAlive: 30 * time.Second}).DialContext
	return t
}

// metadataRetryPolicy retries the metadata service's transient answers,
// but not the absence of an answer: no metadata service will not appear
// a second later.
func metadataRetryPolicy(ctx context.Context, resp *http.Response, err error) (bool, error) {
	if err != nil {
		if tr, ok := ctx.Value(traceKey{}).(*trace); ok {
			tr.lastErr = err
		}
		return false, ctx.Err()
	}
	return retryPolicy(ctx, resp, nil)
}

// MetadataSecurityKey fetches the temporary AK/SK of the agency attached to
// this ECS: GET {endpoint}/openstack/latest/securitykey, unauthenticated.
func (c *Client) MetadataSecurityKey(ctx context.Context, endpoint *url.URL) (TemporaryCredentials, error) {
	resp, err := c.send(ctx, call{
		service: serviceMetadata, method: http.MethodGet, metadata: true,
		url: c.below(endpoint, "openstack", "latest", "securitykey"),
	})
	if err != nil {
		return TemporaryCredentials{}, c.redact(err)
	}
	return c.temporaryCredentialsFrom(resp)
}
