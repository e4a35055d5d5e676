package dli

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"
)

const requestIDHeader = "X-Request-Id"

// The services the client calls, as errors and log lines name them.
const (
	serviceDLI      = "DLI"
	serviceIAM      = "IAM"
	serviceMetadata = "ECS metadata"
)

// ServiceIAM is IAM's name in errors' Service fields, by which callers tell
// a failure of an IAM call (project, agency, domain) from one of DLI.
const ServiceIAM = serviceIAM

// serviceName is the service an error is about: DLI unless said otherwise.
func serviceName(s string) string {
	if s == "" {
		return serviceDLI
	}
	return s
}

// ErrorClass sorts API errors by what the user should do about them.
type ErrorClass int

const (
	ClassRequest        ErrorClass = iota // the request was refused as invalid
	ClassNotFound                         // DLI.0002, DLI.0023, DLI.16001 or HTTP 404
	ClassAuthentication                   // HTTP 401, DLI.0013/0014, APIGW signature errors
	ClassPermission                       // HTTP 403, DLI.0003
	ClassThrottled                        // HTTP 429
	ClassServer                           // HTTP 5xx, DLI.0999
	ClassNoAPI                            // the endpoint does not serve this API (APIG(W).0101)
	// ClassNotFoundAtEndpoint is a 404 without DLI's or the gateway's error
	// body: what any web server answers, so the endpoint may be wrong.
	ClassNotFoundAtEndpoint
)

func (k ErrorClass) String() string {
	switch k {
	case ClassNotFound:
		return "not found"
	case ClassAuthentication:
		return "authentication failed"
	case ClassPermission:
		return "permission denied"
	case ClassThrottled:
		return "throttled"
	case ClassServer:
		return "server error"
	case ClassNoAPI:
		return "no such API at the endpoint"
	case ClassNotFoundAtEndpoint:
		return "not found at the endpoint"
	default:
		return "request rejected"
	}
}

// APIError is an error answer from DLI or its API gateway.
type APIError struct {
	Class      ErrorClass
	StatusCode int
	Code       string // e.g. DLI.0002 or APIGW.0301; empty when the body had none
	Message    string
	RequestID  string // X-Request-Id, for support
	Attempts   int
	// Subject says what was asked for, e.g. `batch "…" in project "…"`.
	Subject string
	// Host is the endpoint's host that answered.
	Host string
	// Service is the service that answered: DLI, IAM or ECS metadata.
	Service string
	// Permission is the IAM permission the call needs, e.g. dli:jobs:get;
	// a permission error names it.
	Permission string
}

func (e *APIError) Error() string {
	var b strings.Builder
	switch {
	case e.Class == ClassNotFoundAtEndpoint:
		// Say first that this answer may not be DLI's at all.
		fmt.Fprintf(&b, "HTTP %d from %s", e.StatusCode, e.Host)
		if e.Subject != "" {
			fmt.Fprintf(&b, " reading %s", e.Subject)
		}
		b.WriteString(" without a DLI error code: the endpoint may be wrong (or the job missing)")
	case e.Subject != "" && e.Class == ClassNotFound:
		fmt.Fprintf(&b, "%s was not found: HTTP %d", e.Subject, e.StatusCode)
	default:
		b.WriteString(e.Class.String())
		if e.Subject != "" {
			fmt.Fprintf(&b, " reading %s", e.Subject)
		}
		fmt.Fprintf(&b, ": HTTP %d", e.StatusCode)
	}
	if e.Code != "" {
		fmt.Fprintf(&b, ", error code %s", e.Code)
	}
	if e.Message != "" {
		fmt.Fprintf(&b, ": %s", e.Message)
	}
	if e.Class == ClassPermission && e.Permission != "" {
		fmt.Fprintf(&b, "; the read needs the IAM permission %s", e.Permission)
	}
	b.WriteString(requestFacts(e.RequestID, e.Attempts))
	return b.String()
}

// MalformedResponseError is an answer that cannot be understood.
type MalformedResponseError struct {
	Service    string // DLI when empty
	StatusCode int
	RequestID  string
	Reason     string
	Attempts   int
}

func (e *MalformedResponseError) Error() string {
	return fmt.Sprintf("malformed response from %s (HTTP %d): %s", serviceName(e.Service), e.StatusCode, e.Reason) + requestFacts(e.RequestID, e.Attempts)
}

// RedirectError is a 3xx answer. Redirects are never followed, so that
// credentials cannot leak to another host.
type RedirectError struct {
	Service    string // DLI when empty
	StatusCode int
	Location   string
	RequestID  string
}

func (e *RedirectError) Error() string {
	return fmt.Sprintf("%s answered HTTP %d redirecting to %q; redirects are not followed so that credentials never reach another host: set the provider's endpoint to the right address",
		serviceName(e.Service), e.StatusCode, e.Location) + requestFacts(e.RequestID, 0)
}

// NetworkError is a call that got no HTTP answer at all.
type NetworkError struct {
	Service  string // DLI when empty
	Attempts int
	// AttemptTimeout is set when the last attempt got no answer within the
	// per-attempt limit.
	AttemptTimeout time.Duration
	// Permanent explains a failure that is not retried because it cannot
	// heal (a host that does not resolve, a certificate that does not verify).
	Permanent string
	Err       error
}

func (e *NetworkError) Error() string {
	if e.Permanent != "" {
		return fmt.Sprintf("could not reach %s after %s: %s (not retried: it cannot heal)", serviceName(e.Service), plural(e.Attempts, "attempt"), e.Permanent)
	}
	if e.AttemptTimeout > 0 {
		return fmt.Sprintf("could not reach %s after %s: no answer within the per-attempt limit of %s (%v)",
			serviceName(e.Service), plural(e.Attempts, "attempt"), formatDuration(e.AttemptTimeout), e.Err)
	}
	return fmt.Sprintf("could not reach %s after %s: %v", serviceName(e.Service), plural(e.Attempts, "attempt"), e.Err)
}

func (e *NetworkError) Unwrap() error { return e.Err }

// InterruptedError is a call stopped by its context: a timeout or a cancel.
type InterruptedError struct {
	Service       string // DLI when empty
	Attempts      int
	LastStatus    int
	LastRequestID string
	LastErr       error
	Err           error
}

func (e *InterruptedError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "request to %s interrupted (%v) after %s", serviceName(e.Service), e.Err, plural(e.Attempts, "attempt"))
	switch {
	case e.LastStatus != 0:
		fmt.Fprintf(&b, "; the last answer was HTTP %d %s", e.LastStatus, http.StatusText(e.LastStatus))
		b.WriteString(requestFacts(e.LastRequestID, 0))
	case e.LastErr != nil:
		fmt.Fprintf(&b, "; the last attempt failed: %v", e.LastErr)
	}
	return b.String()
}

func (e *InterruptedError) Unwrap() error { return e.Err }

// requestFacts is what an error says of its request: DLI's request ID,
// which support asks for, and the attempts when there were several.
func requestFacts(requestID string, attempts int) string {
	var facts string
	if requestID != "" {
		facts = " (X-Request-Id: " + requestID + ")"
	}
	if attempts > 1 {
		facts += " after " + plural(attempts, "attempt")
	}
	return facts
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// classify sorts an error answer; dliForm says its body was an error in one
// of DLI's own forms (a DLI.* code, or the older is_success form).
func classify(status int, code string, dliForm bool) ErrorClass {
	switch {
	// DLI.16001: the Flink job does not exist (the official provider reads
	// it as a 404).
	case code == "DLI.0002" || code == "DLI.0023" || code == "DLI.16001":
		return ClassNotFound
	case code == "DLI.0003": // no permission for the operation, at HTTP 400
		return ClassPermission
	case code == "APIGW.0101" || code == "APIG.0101":
		// The gateway knows no such API: a wrong endpoint or path.
		return ClassNoAPI
	case status == http.StatusNotFound && (strings.HasPrefix(code, "APIGW.") || strings.HasPrefix(code, "APIG.")):
		// The gateway (APIG. on older ones) knows no such route: a wrong
		// endpoint, not a missing batch.
		return ClassNoAPI
	case status == http.StatusNotFound && dliForm:
		return ClassNotFound
	case status == http.StatusNotFound:
		// Neither DLI nor its gateway: perhaps not DLI at all.
		return ClassNotFoundAtEndpoint
	case code == "DLI.0999":
		return ClassServer
	case code == "DLI.0013" || code == "DLI.0014" || status == http.StatusUnauthorized:
		return ClassAuthentication
	case status == http.StatusForbidden:
		return ClassPermission
	case status == http.StatusTooManyRequests:
		return ClassThrottled
	case status >= 500:
		return ClassServer
	}
	return ClassRequest
}

// formatDuration rounds a duration for messages.
func formatDuration(d time.Duration) string {
	if d >= time.Second {
		return d.Round(time.Second).String()
	}
	return d.Round(time.Millisecond).String()
}

// CredentialsError is a call that could not get its credentials: the
// source's own error (a refused agency, no metadata service), already
// explained and redacted by the call that fetched them. A source may hand
// the same error to every call that asks it, so it is never changed.
type CredentialsError struct {
	Err error
}

func (e *CredentialsError) Error() string { return e.Err.Error() }

func (e *CredentialsError) Unwrap() error { return e.Err }

// ownAPIError is the API error of the call itself, which the caller may
// finish (name its subject, redact it); nil when the call failed for want
// of credentials, whose error is shared.
func ownAPIError(err error) *APIError {
	var (
		creds  *CredentialsError
		apiErr *APIError
	)
	if errors.As(err, &creds) || !errors.As(err, &apiErr) {
		return nil
	}
	return apiErr
}
