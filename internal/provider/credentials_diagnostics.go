package provider

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/dli-terraform/terraform-provider-dli/internal/dli"
	"github.com/dli-terraform/terraform-provider-dli/internal/hwauth"
)

// credentialsErrorDiagnostic explains a read that failed before reaching
// DLI for want of credentials: none from the ECS metadata service, or a
// refused agency. ok is false for any other error, and for a fetch that
// Ctrl-C or timeouts.read cut short, which is no fault of the source.
func credentialsErrorDiagnostic(err error, auth authInUse) (d diag.Diagnostic, ok bool) {
	var (
		metadata *hwauth.MetadataError
		agency   *hwauth.AgencyError
	)
	switch {
	case interrupted(err):
		return nil, false
	case errors.As(err, &metadata):
		what := fmt.Sprintf("the ECS metadata service at %s gave none (%v)", metadata.Endpoint, metadata.Err)
		var network *dli.NetworkError
		if errors.As(err, &network) {
			what = fmt.Sprintf("no ECS metadata service answered at %s (%v)", metadata.Endpoint, metadata.Err)
		}
		opening := "No credentials are set in the provider block or the environment"
		if viaProfile, ok := strings.CutPrefix(auth.description, hwauth.MetadataDescription+" ("); ok {
			opening = "The " + strings.TrimSuffix(viaProfile, ")") + " asks for the ECS metadata service's temporary AK/SK"
		}
		return diag.NewErrorDiagnostic("Missing DLI credentials", fmt.Sprintf(
			opening+", and %s. "+
				"Set access_key and secret_key (%s, %s), plus security_token (%s) for temporary credentials; or token (%s) to use an IAM token; "+
				"or profile and shared_config_file (%s, %s) to use an hcloud CLI profile; or user_name or user_id (%s, %s) and password (%s) to log in; "+
				"or assume_role_with_oidc (%s and the other HW_ASSUME_ROLE_* variables) for a CI system's ID token. On an ECS, attach an agency to the ECS instead "+
				"(%s sets the metadata service's address, default %s).",
			what, envAccessKey, envSecretKey, envSecurityToken, envToken, envProfile, envSharedConfigFile,
			envUserName, envUserID, envPassword, envOIDCIdpID, envMetadataEndpoint, dli.DefaultMetadataEndpoint)), true
	case errors.As(err, &agency):
		hint := "Check assume_role's agency_name and domain_name (" + envAgencyName + ", " + envAgencyDomain + "), and that the agency exists in that account and trusts the account of the base credentials."
		var apiErr *dli.APIError
		if errors.As(err, &apiErr) && apiErr.Class == dli.ClassPermission {
			hint = fmt.Sprintf("IAM refused: check that agency %q exists in domain %q and trusts the account of the base credentials, and that those may assume it. %s",
				agency.Agency.Name, agency.Agency.Domain, "The agency is set by assume_role's agency_name and domain_name ("+envAgencyName+", "+envAgencyDomain+"), or by the hcloud profile's agencyName and agencyDomainName.")
		}
		// The agency's own error, not the call's that needed its keys: the
		// cause comes first.
		return diag.NewErrorDiagnostic("Could not assume the IAM agency", agency.Error()+". "+hint), true
	}
	return nil, false
}

// loginFailureDiagnostic explains a password login that IAM refused and
// an OIDC exchange that failed (but for an unreachable IAM, which
// iamUnreachableDiagnostic explains), naming the settings to check.
func loginFailureDiagnostic(err error) (diag.Diagnostic, bool) {
	var (
		password *hwauth.PasswordError
		oidc     *hwauth.OIDCError
		network  *dli.NetworkError
	)
	switch {
	case errors.As(err, &password) && password.Refused():
		return diag.NewErrorDiagnostic("IAM authentication failed", fmt.Sprintf(
			"%v. IAM refused the password login. It is not retried, nor sent again while the provider runs: IAM locks a user after repeated wrong passwords. "+
				"Check user_name or user_id (%s, %s), password (%s), and the account of user_name, domain_name or domain_id (%s, %s).",
			password, envUserName, envUserID, envPassword, envDomainName, envDomainID)), true
	case errors.As(err, &oidc) && (!errors.As(err, &network) || network.Service != dli.ServiceIAM):
		return diag.NewErrorDiagnostic("Could not assume the IAM agency with OIDC", fmt.Sprintf(
			"%v. Check assume_role_with_oidc's idp_id (%s) and that the ID token (id_token or id_token_file: %s, %s) is current and issued for that identity provider; "+
				"its agency_name and domain_id (%s, %s), and that the agency trusts the identity provider; and that sts_endpoint (%s) is STS's address.",
			oidc, envOIDCIdpID, envOIDCIDToken, envOIDCIDTokenFile, envAgencyName, envOIDCDomainID, envSTSEndpoint)), true
	}
	return nil, false
}

// interrupted reports a failure that Ctrl-C or timeouts.read caused, which
// is no fault of the service that was being asked.
func interrupted(err error) bool {
	var i *dli.InterruptedError
	return errors.As(err, &i) || errors.Is(err, context.Canceled)
}

// projectLookupDiagnostic explains a failed IAM project lookup, naming the
// project name and region, and the way around it: set the project ID.
func projectLookupDiagnostic(err error, name, region string, auth authInUse) diag.Diagnostic {
	why := ""
	var (
		apiErr *dli.APIError
		lookup *dli.ProjectLookupError
	)
	switch {
	case errors.As(err, &lookup) && len(lookup.Found) == 0:
		why = fmt.Sprintf(" Check the region (%q) and project_name (%s): IAM names a region's default project after the region.", region, envProjectName)
	case errors.As(err, &apiErr) && apiErr.Class == dli.ClassPermission:
		why = fmt.Sprintf(" Listing projects needs IAM permission to list projects, which these credentials (%s) lack.", auth.description)
	}
	return diag.NewErrorDiagnostic("Could not look up the DLI project ID", fmt.Sprintf(
		"No project ID is set, so the provider looked up IAM project %q (project_name, else the region %q): %v.%s "+
			"Set project_id in the provider block or on the data source (or the %s environment variable) to skip the lookup.",
		name, region, err, why, envProjectID))
}
