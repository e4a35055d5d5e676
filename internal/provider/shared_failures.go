package provider

// Failures that are told the same whichever call met them first: the
// project lookup, the agency call, any other IAM call or a DLI read. A
// new IAM call joins by returning the client's typed errors (*dli.APIError
// of ClassAuthentication, *dli.NetworkError of service IAM), as every call
// through the client's send path does.

import (
	"errors"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/dli-terraform/terraform-provider-dli/internal/dli"
	"github.com/dli-terraform/terraform-provider-dli/internal/hwauth"
)

// sharedFailureDiagnostic explains a failure that is no fault of the call
// that met it: refused credentials, an unreachable IAM, credentials that
// could not be had. ok is false for any other error, and for one that
// Ctrl-C or timeouts.read caused.
func sharedFailureDiagnostic(err error, auth authInUse) (diag.Diagnostic, bool) {
	if interrupted(err) {
		return nil, false
	}
	if d, ok := loginFailureDiagnostic(err); ok {
		return d, true
	}
	if d, ok := authenticationFailureDiagnostic(err, auth); ok {
		return d, true
	}
	if d, ok := iamUnreachableDiagnostic(err, auth); ok {
		return d, true
	}
	return credentialsErrorDiagnostic(err, auth)
}

// authenticationFailureDiagnostic: DLI or IAM did not accept the
// credentials. It names the credentials that were refused and where they
// came from: the agency's keys, or, when IAM refused to give those, the
// base credentials that asked for them.
func authenticationFailureDiagnostic(err error, auth authInUse) (diag.Diagnostic, bool) {
	var apiErr *dli.APIError
	if !errors.As(err, &apiErr) || apiErr.Class != dli.ClassAuthentication {
		return nil, false
	}
	refused, method := auth.description, auth.method
	var agency *hwauth.AgencyError
	if errors.As(err, &agency) {
		refused = fmt.Sprintf("the credentials that assume agency %q of domain %q: %s", agency.Agency.Name, agency.Agency.Domain, agency.Base)
		method = auth.baseMethod
	}
	return diag.NewErrorDiagnostic("DLI authentication failed", fmt.Sprintf("%v. %s did not accept %s. %s",
		apiErr, serviceOf(apiErr.Service), refused, authAdvice(method))), true
}

// iamUnreachableDiagnostic: no answer from IAM, which is asked for the
// project ID and agency keys. It names auth_url and the URL in use, which
// is derived from the region unless set: with a private DLI endpoint, the
// public IAM host may well be out of reach.
func iamUnreachableDiagnostic(err error, auth authInUse) (diag.Diagnostic, bool) {
	var network *dli.NetworkError
	if !errors.As(err, &network) || network.Service != dli.ServiceIAM {
		return nil, false
	}
	var cause error = network
	var agency *hwauth.AgencyError
	orProject := fmt.Sprintf(", or set project_id (%s) so that no project lookup is needed", envProjectID)
	if errors.As(err, &agency) {
		cause, orProject = agency, "" // the agency's keys are needed whatever the project
	}
	return diag.NewErrorDiagnostic("Could not reach IAM", fmt.Sprintf(
		"%v. IAM's address is %s. Set auth_url (%s) to an IAM endpoint this machine can reach (with a private DLI endpoint, IAM's private endpoint)%s; "+
			"check the network, HTTPS_PROXY/NO_PROXY and, for a private CA, SSL_CERT_FILE.",
		cause, auth.iam, envAuthURL, orProject)), true
}

// serviceOf is the service an API error came from, DLI when unnamed.
func serviceOf(s string) string {
	if s == "" {
		return "DLI"
	}
	return s
}
