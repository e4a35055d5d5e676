package provider

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/dli-terraform/terraform-provider-dli/internal/dli"
)

// authInUse describes the credentials in use, never their values, so that
// an error can say which ones were sent and what to check about them.
type authInUse struct {
	description string // e.g. "IAM token from the HW_AUTH_TOKEN environment variable"
	method      dli.AuthMethod
	// baseMethod is how the base credentials, which ask IAM for an
	// agency's keys, authenticate; method without assume_role. (The agency's
	// error describes them.)
	baseMethod dli.AuthMethod
	// iam is IAM's address and where it came from, e.g. "https://iam.…/v3,
	// derived from the region …".
	iam string
	// maxRetries is the retries allowed, so that an answer that was not
	// retried can say why.
	maxRetries int
}

// subject is what a data source reads, as its diagnostics name it. Each
// data source declares its own beside it (batchSubject, sqlJobsSubject...),
// from its kind.
type subject struct {
	kind dli.Kind
	list bool // the data source lists jobs of the kind
	// idAttribute is the argument that names the one job read ("" for a list).
	idAttribute string
	// allowMissing: the data source takes allow_missing, which the
	// not-found error then names.
	allowMissing bool
	// action: an action waits on it, within timeouts.invoke.
	action bool
}

// timeoutAttribute is the argument that bounds the read or the wait.
func (s subject) timeoutAttribute() string {
	if s.action {
		return "timeouts.invoke"
	}
	return "timeouts.read"
}

// named fills a summary's %s with what is read: "batch", "SQL jobs"...
func (s subject) named(summary string) string {
	if s.list {
		return fmt.Sprintf(summary, s.kind.Plural)
	}
	return fmt.Sprintf(summary, s.kind.Noun)
}

// whenMissing says how to get past a job that DLI has forgotten, to a
// data source that reads on every plan, destroy included.
func (s subject) whenMissing() string {
	if !s.allowMissing {
		return ""
	}
	return fmt.Sprintf(" If DLI no longer knows the %s (it purges old jobs from its history), set allow_missing = true to read it as found = false; "+
		"or, to destroy the stack as it is, run terraform destroy -refresh=false, which does not read data sources (plan and apply read them regardless).", s.kind.Noun)
}

// arguments are the arguments that say which job, or jobs, to read.
func (s subject) arguments() string {
	if s.list {
		return "project_id"
	}
	return s.idAttribute + " and project_id"
}

// readErrorDiagnostic turns a client error into a diagnostic whose summary
// says what went wrong and whose detail says what to do.
func readErrorDiagnostic(err error, s subject, auth authInUse, timeout time.Duration) diag.Diagnostic {
	if d, ok := sharedFailureDiagnostic(err, auth); ok {
		return d
	}
	var (
		apiErr     *dli.APIError
		malformed  *dli.MalformedResponseError
		redirect   *dli.RedirectError
		network    *dli.NetworkError
		unexpected *dli.UnexpectedStateError
		waitTO     *dli.WaitTimeoutError
		notListed  *dli.NotListedError
	)
	switch {
	case errors.As(err, &unexpected):
		return diag.NewErrorDiagnostic(s.named("DLI %s ended in an unexpected state"), err.Error()+".")
	case errors.As(err, &waitTO):
		return diag.NewErrorDiagnostic(s.named("Timed out waiting for the DLI %s"),
			err.Error()+fmt.Sprintf(". Raise %s (now %s) if the %s needs longer.", s.timeoutAttribute(), timeout, s.kind.Noun))
	case errors.As(err, &notListed):
		return diag.NewErrorDiagnostic(s.named("DLI %s not found"),
			err.Error()+fmt.Sprintf(". Check %s: project_id must name the project the %s is in.", s.arguments(), s.kind.Noun))
	case errors.As(err, &apiErr):
		return apiErrorDiagnostic(apiErr, s, auth)
	case errors.As(err, &malformed):
		return diag.NewErrorDiagnostic("Malformed answer from DLI",
			err.Error()+". Check that the endpoint is a DLI endpoint; if it is, report this with the X-Request-Id.")
	case errors.As(err, &redirect):
		return diag.NewErrorDiagnostic("DLI endpoint redirected", err.Error()+".")
	case errors.As(err, &network):
		return diag.NewErrorDiagnostic("Could not reach DLI",
			err.Error()+". Check the endpoint (or region and cloud), the network, HTTPS_PROXY/NO_PROXY and, for a private CA, SSL_CERT_FILE.")
	case errors.Is(err, context.Canceled):
		return diag.NewErrorDiagnostic(s.named("Reading the DLI %s was cancelled"), err.Error()+" (Terraform was interrupted).")
	case errors.Is(err, context.DeadlineExceeded):
		return diag.NewErrorDiagnostic(s.named("Timed out reading the DLI %s"),
			err.Error()+fmt.Sprintf(". The read, retries included, is bounded by %s (now %s).", s.timeoutAttribute(), timeout))
	}
	return diag.NewErrorDiagnostic(s.named("Reading the DLI %s failed"), err.Error()+".")
}

func apiErrorDiagnostic(e *dli.APIError, s subject, auth authInUse) diag.Diagnostic {
	switch e.Class {
	case dli.ClassNotFound:
		return diag.NewErrorDiagnostic(s.named("DLI %s not found"),
			e.Error()+fmt.Sprintf(". Check %s: project_id must name the project the %s was submitted in.", s.arguments(), s.kind.Noun)+s.whenMissing())
	case dli.ClassNotFoundAtEndpoint:
		return diag.NewErrorDiagnostic(s.named("DLI endpoint or %s not found"),
			e.Error()+". DLI and its API gateway answer a missing job or API with an error code, and this answer has none, as a server that is not DLI would: check endpoint ("+envEndpoint+"), or region and cloud; if they are right, check "+s.arguments()+".")
	case dli.ClassPermission:
		return diag.NewErrorDiagnostic("DLI permission denied",
			e.Error()+fmt.Sprintf(". Requests are authenticated by %s; that identity may not read DLI %s in this project: grant it DLI permissions in IAM.", auth.description, s.kind.Plural))
	case dli.ClassNoAPI:
		return diag.NewErrorDiagnostic("DLI API not found at the endpoint",
			e.Error()+". The endpoint answered that it serves no such API: check endpoint (HW_DLI_ENDPOINT), or region and cloud.")
	case dli.ClassThrottled:
		return diag.NewErrorDiagnostic("DLI throttled the request",
			e.Error()+retried(e, auth.maxRetries, s.timeoutAttribute())+"; raise max_retries or "+s.timeoutAttribute()+", or lower Terraform's -parallelism.")
	case dli.ClassServer:
		return diag.NewErrorDiagnostic("DLI server error",
			e.Error()+retried(e, auth.maxRetries, s.timeoutAttribute())+"; try again later, and quote the X-Request-Id to Huawei Cloud support if it persists.")
	}
	return diag.NewErrorDiagnostic("DLI rejected the request", e.Error()+".")
}

// authAdvice says what to check after a 401: clocks matter only to
// signatures, which expire; tokens expire by themselves.
func authAdvice(m dli.AuthMethod) string {
	switch m {
	case dli.AuthToken:
		return "Check that the token has not expired (IAM tokens are valid for 24 hours) and was issued for this account and project."
	case dli.AuthTemporaryAKSK:
		return "Check that the temporary credentials and their security token have not expired and belong to this account, and that this machine's clock is right (signatures expire after 15 minutes)."
	}
	return "Check that the access key is current and belongs to this account, and that this machine's clock is right (signatures expire after 15 minutes)."
}

// retried says whether an error that is worth retrying was, and if not,
// the one reason that applied; timeout is the argument that bounds the
// read or the wait (timeouts.read, timeouts.invoke).
func retried(e *dli.APIError, maxRetries int, timeout string) string {
	switch {
	case e.Attempts > 1:
		return ". It was retried as far as max_retries and " + timeout + " allow"
	case e.StatusCode == http.StatusNotImplemented:
		return ". It was not retried: HTTP 501 does not heal by itself"
	case maxRetries == 0:
		return ". It was not retried: max_retries is 0"
	}
	return ". It was not retried: DLI's Retry-After asked for a wait past " + timeout
}
