package dli

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/hashicorp/go-retryablehttp"

	"github.com/dli-terraform/terraform-provider-dli/internal/dli/sign"
)

// call describes one request to DLI, IAM or the ECS metadata service. Every
// API method is a call and a decoder, sent by do: the one path that signs,
// sends, retries, decodes, explains and redacts.
type call struct {
	service string // names the service in log lines and errors
	method  string
	// base is the service's URL; nil is the DLI endpoint. path are the
	// segments below it, each escaped on its own.
	base  *url.URL
	path  []string
	query url.Values // nil for none
	body  []byte     // JSON; nil for none
	// project and domain scope a call signed with AK/SK, as the official
	// SDK does: X-Project-Id on project-scoped calls, X-Domain-Id on IAM's
	// global ones. They are signed, and not sent with an IAM token. The
	// project is given by the API method, never read back from the path.
	project, domain string
	header          http.Header // extra headers, e.g. the metadata session token's
	// credentials authenticate the call; nil means the client's.
	credentials CredentialSource
	metadata    bool  // unauthenticated, over the ECS metadata transport
	final       []int // error statuses that are an answer, never retried
	// subject names what was asked for in API errors, e.g. `batch "…" in project "…"`;
	// a DLI call's is made from its kind and ID, and only when it fails.
	subject string
	kind    *Kind
	id      string // "" for a list
	// permission is the IAM permission the call needs, named by a permission error.
	permission string
	// anonymous: a call that authenticates in its body (a password, an ID
	// token, a federated token) and so carries no credentials.
	anonymous bool
}

// dliCall is a GET of the DLI API in project, below the endpoint: a read
// of the job of kind with id, or a list of them (id ""). A read of one job
// needs the IAM permission dli:jobs:get; a list (a call with a query),
// dli:jobs:list (the action Huawei's API reference names for each list).
func dliCall(kind *Kind, project, id string, query url.Values, path ...string) call {
	permission := "dli:jobs:get"
	if query != nil {
		permission = "dli:jobs:list"
	}
	return call{service: serviceDLI, method: http.MethodGet, project: project, kind: kind, id: id, query: query, path: path, permission: permission}
}

// describe is k's subject.
func (k call) describe() string {
	switch {
	case k.kind == nil:
		return k.subject
	case k.id == "":
		return k.kind.ListSubject(k.project)
	}
	return k.kind.Subject(k.project, k.id)
}

// do sends k and decodes its answer with decode. Whatever fails (the
// credentials, the network, the answer, the decoder), the error leaves
// through explain: it names k's subject and quotes no credential.
func do[T any](ctx context.Context, c *Client, k call, decode func(*response) (T, error)) (T, error) {
	resp, err := c.send(ctx, k)
	var v T
	if err == nil {
		v, err = decode(resp)
		resp.close()
	}
	if err != nil {
		var zero T
		return zero, c.explain(err, k)
	}
	return v, nil
}

// explain finishes every call's error the same way: an API error names
// what was asked for and the permission it needs, and no error quotes a
// credential.
func (c *Client) explain(err error, k call) error {
	if apiErr := ownAPIError(err); apiErr != nil {
		if subject := k.describe(); subject != "" {
			apiErr.Subject = subject
		}
		apiErr.Permission = k.permission
	}
	return c.redact(err)
}

// send authenticates k, sends it with retries and returns the answer: a 2xx
// whose body the decoder reads as it arrives, or the error of any other.
func (c *Client) send(ctx context.Context, k call) (*response, error) {
	credentials := k.credentials
	if credentials == nil && !k.metadata && !k.anonymous {
		credentials = c.credentials
	}
	if credentials == nil && !k.metadata && !k.anonymous {
		return nil, errors.New("the client has no credentials")
	}
	header := k.header
	if credentials != nil {
		creds, err := credentials.Retrieve(ctx)
		if err != nil {
			return nil, &CredentialsError{Err: err}
		}
		c.secrets.add(creds.Secrets()...)
		ctx = context.WithValue(ctx, credentialsKey{}, creds)
		if creds.Token == "" {
			header = scopeHeaders(k)
		}
	}
	tr := &trace{service: k.service, attemptTimeout: c.requestTimeout, final: k.final}
	ctx = context.WithValue(ctx, traceKey{}, tr)
	var body any
	if k.body != nil {
		body = k.body
	}
	req, err := retryablehttp.NewRequestWithContext(ctx, k.method, c.url(k).String(), body)
	if err != nil {
		return nil, fmt.Errorf("building request: %w", err)
	}
	for name, values := range header {
		req.Header[name] = values
	}
	req.Header.Set("Accept", "application/json")
	// On every request, GETs included, as the official SDK sends it.
	req.Header.Set("Content-Type", "application/json")
	httpClient := c.http
	if k.metadata {
		httpClient, tr.attemptTimeout = c.metadataHTTP, c.metadataHTTP.HTTPClient.Timeout
	}
	resp, err := httpClient.Do(req)
	if err != nil {
		if resp != nil { // the policy gave up on an answer as the context ended
			_ = resp.Body.Close()
		}
		return nil, c.transportError(ctx, tr, err)
	}
	return readResponse(resp, tr)
}

// url is the call's URL: its path below its base, its query sent exactly
// as signed (sorted, spaces as %20, not Encode's "+").
func (c *Client) url(k call) *url.URL {
	base := k.base
	if base == nil {
		base = c.endpoint
	}
	u := below(base, k.path...)
	u.RawQuery = sign.CanonicalQuery(k.query)
	return u
}

// below is base with path segments appended, each escaped on its own so
// that "..", "?" or "a/b" in an ID cannot change the route (url.JoinPath
// would clean them away).
func below(base *url.URL, segments ...string) *url.URL {
	u := *base
	u.Path = base.Path + "/" + strings.Join(segments, "/")
	u.RawPath = base.EscapedPath() + "/" + joinEscaped(segments)
	return &u
}

func joinEscaped(segments []string) string {
	escaped := make([]string, len(segments))
	for i, s := range segments {
		escaped[i] = url.PathEscape(s)
	}
	return strings.Join(escaped, "/")
}

// scopeHeaders is the call's headers with X-Project-Id and X-Domain-Id
// added for the IDs it has.
func scopeHeaders(k call) http.Header {
	h := k.header.Clone()
	if h == nil {
		h = http.Header{}
	}
	if k.project != "" {
		h.Set(HeaderProjectID, k.project)
	}
	if k.domain != "" {
		h.Set(HeaderDomainID, k.domain)
	}
	return h
}

// transportError explains a call that ended without a response: stopped
// by the caller's context (timeouts.read, Ctrl-C), or by the network, per-
// attempt timeouts included.
func (c *Client) transportError(ctx context.Context, tr *trace, err error) error {
	if ctxErr := ctx.Err(); ctxErr != nil {
		return &InterruptedError{Service: tr.service, Attempts: tr.attempts, LastStatus: tr.lastStatus, LastRequestID: tr.lastRequestID, LastErr: tr.lastErr, Err: ctxErr}
	}
	n := &NetworkError{Service: tr.service, Attempts: tr.attempts, Err: err}
	n.Permanent, _ = permanentFailure(err)
	if isTimeout(err) {
		n.AttemptTimeout = tr.attemptTimeout
	}
	return n
}
