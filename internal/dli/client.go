// Package dli is a small client for the Huawei Cloud Data Lake Insight (DLI)
// batch API. It is the only code in the provider that speaks HTTP, and it
// knows nothing of Terraform: the provider adapts Terraform values to it.
package dli

import (
	"crypto/tls"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/hashicorp/go-cleanhttp"
	"github.com/hashicorp/go-retryablehttp"
)

// Defaults that a Config may leave zero.
const (
	DefaultMaxRetries     = 5
	DefaultRequestTimeout = time.Minute
	// MaxResponseBytes bounds every response body that is read.
	MaxResponseBytes = 1 << 20
)

// Config is everything a Client needs. Endpoint is required; without
// Credentials only unauthenticated calls (ECS metadata) and calls given
// their own credentials (an agency) can be made.
type Config struct {
	// Endpoint is the base URL, e.g. https://dli.cn-north-4.myhuaweicloud.com.
	Endpoint string
	// Credentials authenticate DLI and IAM calls: static Credentials, or a
	// source that fetches temporary ones when a call first needs them.
	Credentials CredentialSource
	// Insecure skips TLS certificate verification.
	Insecure bool
	// MaxRetries is the number of retries after the first attempt; 0 disables them.
	MaxRetries int
	// RequestTimeout bounds one attempt (connect, headers and body); the
	// caller's context bounds the whole call, retries included.
	RequestTimeout time.Duration
	UserAgent      string
	Logger         Logger

	// RetryWaitMin and RetryWaitMax bound the exponential backoff between
	// retries (a Retry-After answer is honoured beyond them); zero means
	// the defaults. Tests make them milliseconds.
	RetryWaitMin, RetryWaitMax time.Duration
	// Now is the signing clock; nil means time.Now.
	Now func() time.Time
}

// Client reads DLI batches. It is safe for concurrent use and shares one
// connection pool across all calls.
type Client struct {
	endpoint       *url.URL
	credentials    CredentialSource
	requestTimeout time.Duration
	http           *retryablehttp.Client
	metadataHTTP   *retryablehttp.Client // ECS metadata: short timeouts, no proxy
	logger         Logger
	secrets        *secretSet // redacted from any answer quoted in an error
	// queueLists are the queue lists that reads of queues share (queue.go).
	queueLists *sharedAnswers[[]Queue]
}

// New validates cfg and builds a Client. It does no I/O.
func New(cfg Config) (*Client, error) {
	endpoint, err := ParseEndpoint(cfg.Endpoint)
	if err != nil {
		return nil, err
	}
	if static, ok := cfg.Credentials.(Credentials); ok {
		if err := static.validate(); err != nil {
			return nil, err
		}
	}
	if cfg.MaxRetries < 0 {
		return nil, fmt.Errorf("max retries must be 0 or more, got %d", cfg.MaxRetries)
	}
	if cfg.RequestTimeout <= 0 {
		cfg.RequestTimeout = DefaultRequestTimeout
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Logger == nil {
		cfg.Logger = nopLogger{}
	}
	if cfg.RetryWaitMin <= 0 {
		cfg.RetryWaitMin = RetryWaitMin
	}
	if cfg.RetryWaitMax <= 0 {
		cfg.RetryWaitMax = RetryWaitMax
	}
	c := &Client{endpoint: endpoint, requestTimeout: cfg.RequestTimeout, logger: cfg.Logger, secrets: &secretSet{}}
	auth := &authTransport{base: newTransport(cfg.Insecure), now: cfg.Now, userAgent: cfg.UserAgent}
	c.http = c.retryingClient(auth, cfg, retryPolicy)
	metadata := &authTransport{base: newMetadataTransport(), now: cfg.Now, userAgent: cfg.UserAgent}
	c.metadataHTTP = c.retryingClient(metadata, cfg, metadataRetryPolicy)
	c.metadataHTTP.HTTPClient.Timeout = min(cfg.RequestTimeout, metadataRequestTimeout)
	return c.WithCredentials(cfg.Credentials), nil
}

// WithCredentials is a client of the same endpoint, connection pool and
// settings that authenticates with source. It lets a credential source
// that itself calls IAM or the metadata service (an agency, an ECS) use
// the client it serves: build the client without credentials, the source
// on it, then this.
func (c *Client) WithCredentials(source CredentialSource) *Client {
	copied := *c
	copied.credentials = source
	// Answers are shared by reads with the same credentials only.
	copied.queueLists = newSharedAnswers[[]Queue](nil)
	if static, ok := source.(Credentials); ok {
		c.secrets.add(static.Secrets()...)
	}
	return &copied
}

// Secrets lists every credential value the client has used or will use
// so far (static ones from the start, temporary ones once fetched), for
// masking in logs.
func (c *Client) Secrets() []string { return c.secrets.list() }

// retryingClient wraps a transport in the client's retry, backoff and
// logging; redirects are never followed, so that credentials cannot reach
// another host.
func (c *Client) retryingClient(transport http.RoundTripper, cfg Config, policy retryablehttp.CheckRetry) *retryablehttp.Client {
	return &retryablehttp.Client{
		HTTPClient: &http.Client{
			Transport:     transport,
			Timeout:       cfg.RequestTimeout,
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		},
		RetryMax:        cfg.MaxRetries,
		RetryWaitMin:    cfg.RetryWaitMin,
		RetryWaitMax:    cfg.RetryWaitMax,
		CheckRetry:      policy,
		Backoff:         backoff,
		ErrorHandler:    retryablehttp.PassthroughErrorHandler,
		RequestLogHook:  c.logAttempt,
		ResponseLogHook: c.logResponse,
	}
}

// ParseEndpoint accepts an absolute http(s) URL with a host and no query.
// Its errors say what is wrong with the value only: DLI, IAM and the
// metadata service each parse theirs here, and the caller names the
// setting and gives its example.
func ParseEndpoint(raw string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return nil, errors.New("the value is not a URL")
	}
	if (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return nil, fmt.Errorf("%q is not an http(s) URL with a host", u.Redacted())
	}
	if u.RawQuery != "" || u.Fragment != "" || u.User != nil {
		return nil, fmt.Errorf("%q carries a query, fragment or user info", u.Redacted())
	}
	u.Path = strings.TrimRight(u.Path, "/")
	u.RawPath = ""
	return u, nil
}

// maxConnsPerHost is twice Terraform's default parallelism (10). More
// concurrent reads queue for a connection instead of opening more: a plan
// of any size keeps at most this many connections (and TLS handshakes),
// which is also polite to the API gateway's throttling.
const maxConnsPerHost = 20

// newTransport is a pooled transport (honouring HTTPS_PROXY/NO_PROXY) that
// keeps its connections for the next reads. SSL_CERT_FILE and SSL_CERT_DIR
// are honoured by Go's system certificate pool.
func newTransport(insecure bool) *http.Transport {
	t := cleanhttp.DefaultPooledTransport()
	t.MaxConnsPerHost = maxConnsPerHost
	t.MaxIdleConnsPerHost = maxConnsPerHost
	t.TLSClientConfig = &tls.Config{MinVersion: tls.VersionTLS12, InsecureSkipVerify: insecure} //nolint:gosec // opt-in via insecure
	return t
}
