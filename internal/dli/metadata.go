package dli

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strings"
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

// The ECS metadata session token, as the official SDK asks for it.
const (
	HeaderMetadataToken    = "X-Metadata-Token"
	HeaderMetadataTokenTTL = "X-Metadata-Token-Ttl-Seconds"
	metadataTokenTTL       = "21600" // 6 hours, the SDK's
)

// metadataWithoutTokens are the answers to the token request of an ECS
// whose metadata service has no session tokens.
var metadataWithoutTokens = []int{http.StatusNotFound, http.StatusMethodNotAllowed, http.StatusServiceUnavailable}

// MetadataToken asks the ECS metadata service for a session token:
// PUT {endpoint}/meta-data/latest/api/token. ok is false when the service
// has none (it answers 404, 405 or 503, which are not retried). Like every
// metadata call it is bounded by the short metadata timeout, goes through
// no proxy and carries no credentials.
func (c *Client) MetadataToken(ctx context.Context, endpoint *url.URL) (token string, ok bool, err error) {
	k := call{
		service: serviceMetadata, method: http.MethodPut, metadata: true, final: metadataWithoutTokens,
		base: endpoint, path: []string{"meta-data", "latest", "api", "token"},
		header: http.Header{HeaderMetadataTokenTTL: {metadataTokenTTL}},
	}
	token, err = do(ctx, c, k, func(resp *response) (string, error) {
		data, err := resp.text()
		if err != nil {
			return "", err
		}
		token := strings.TrimSpace(string(data))
		if token == "" {
			return "", resp.malformed("the session token answer is empty")
		}
		c.secrets.add(token)
		return token, nil
	})
	var apiErr *APIError
	switch {
	case errors.As(err, &apiErr) && slices.Contains(metadataWithoutTokens, apiErr.StatusCode):
		return "", false, nil
	case err != nil:
		return "", false, err
	}
	return token, true, nil
}

// MetadataSecurityKey fetches the temporary AK/SK of the agency attached to
// this ECS: GET {endpoint}/openstack/latest/securitykey, with the session
// token when there is one (empty: none), and no credentials.
func (c *Client) MetadataSecurityKey(ctx context.Context, endpoint *url.URL, token string) (TemporaryCredentials, error) {
	k := call{
		service: serviceMetadata, method: http.MethodGet, metadata: true,
		base: endpoint, path: []string{"openstack", "latest", "securitykey"},
	}
	if token != "" {
		k.header = http.Header{HeaderMetadataToken: {token}}
	}
	return do(ctx, c, k, temporaryCredentialsFrom)
}
