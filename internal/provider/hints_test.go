package provider

import (
	"errors"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/dli-terraform/terraform-provider-dli/internal/dli"
	"github.com/dli-terraform/terraform-provider-dli/internal/hwauth"
)

// hintIs fails t unless d has exactly summary and its detail is exactly
// cause's text followed by hint: the specific hint, whole, so that a
// diagnostic that fell back to a generic hint sharing some words with it
// fails here.
func hintIs(t *testing.T, d diag.Diagnostic, summary string, cause error, hint string) {
	t.Helper()
	if d == nil {
		t.Fatalf("no diagnostic, want %q", summary)
	}
	if want := cause.Error() + hint; d.Summary() != summary || d.Detail() != want {
		t.Fatalf("diagnostic\n%q: %q\nwant\n%q: %q", d.Summary(), d.Detail(), summary, want)
	}
}

// forgotten is the not-found hint's way past a job of noun that DLI has
// purged, which the data sources of one job (they have allow_missing) give.
func forgotten(noun string) string {
	return " If DLI no longer knows the " + noun + " (it purges old jobs from its history), set allow_missing = true to read it as found = false; " +
		"or, to destroy the stack as it is, run terraform destroy -refresh=false, which does not read data sources (plan and apply read them regardless)."
}

// The not-found hint names the arguments that say which job is read, for
// every kind, one job or a list.
func TestTheNotFoundHintNamesTheArgumentsOfEachKind(t *testing.T) {
	for _, c := range []struct {
		s                   subject
		summary, args, noun string
		endpointSummary     string
		whenMissing         string // the way past a job DLI has forgotten
	}{
		{batchSubject, "DLI batch not found", "batch_id and project_id", "batch", "DLI endpoint or batch not found", forgotten("batch")},
		{sqlJobSubject, "DLI SQL job not found", "job_id and project_id", "SQL job", "DLI endpoint or SQL job not found", forgotten("SQL job")},
		{flinkJobSubject, "DLI Flink job not found", "job_id and project_id", "Flink job", "DLI endpoint or Flink job not found", forgotten("Flink job")},
		{batchesSubject, "DLI batches not found", "project_id", "batch", "DLI endpoint or batches not found", ""},
		{sqlJobsSubject, "DLI SQL jobs not found", "project_id", "SQL job", "DLI endpoint or SQL jobs not found", ""},
		{flinkJobsSubject, "DLI Flink jobs not found", "project_id", "Flink job", "DLI endpoint or Flink jobs not found", ""},
	} {
		t.Run(c.summary, func(t *testing.T) {
			notFound := &dli.APIError{Class: dli.ClassNotFound, StatusCode: 400, Code: "DLI.0002", Subject: "the job"}
			hintIs(t, readErrorDiagnostic(notFound, c.s, authInUse{}, time.Minute), c.summary, notFound,
				". Check "+c.args+": project_id must name the project the "+c.noun+" was submitted in."+c.whenMissing)
			bare := &dli.APIError{Class: dli.ClassNotFoundAtEndpoint, StatusCode: 404, Host: "127.0.0.1:1", Subject: "the job"}
			hintIs(t, readErrorDiagnostic(bare, c.s, authInUse{}, time.Minute), c.endpointSummary, bare,
				". DLI and its API gateway answer a missing job or API with an error code, and this answer has none, as a server that is not DLI would: "+
					"check endpoint (HW_DLI_ENDPOINT), or region and cloud; if they are right, check "+c.args+".")
		})
	}
}

// IAM's refusal (403) to let the base credentials assume the agency has its
// own hint, naming the agency and its domain; any other failure the generic
// one. Both name agency_name and domain_name and the base credentials'
// account, so a test matching those words passes on either.
func TestARefusedAgencyHasItsOwnHint(t *testing.T) {
	agency := hwauth.Agency{Name: "dli-reader", Domain: "acme"}
	refused := &hwauth.AgencyError{Agency: agency, Base: "AK/SK", Err: &dli.APIError{Class: dli.ClassPermission, StatusCode: 403, Code: "IAM.0001"}}
	d, _ := credentialsErrorDiagnostic(&dli.CredentialsError{Err: refused}, authInUse{})
	hintIs(t, d, "Could not assume the IAM agency", refused,
		`. IAM refused: check that agency "dli-reader" exists in domain "acme" and trusts the account of the base credentials, and that those may assume it. `+
			"The agency is set by assume_role's agency_name and domain_name (HW_ASSUME_ROLE_AGENCY_NAME, HW_ASSUME_ROLE_DOMAIN_NAME), or by the hcloud profile's agencyName and agencyDomainName.")

	failed := &hwauth.AgencyError{Agency: agency, Base: "AK/SK", Err: &dli.APIError{Class: dli.ClassNotFound, StatusCode: 404, Code: "IAM.0002"}}
	d, _ = credentialsErrorDiagnostic(&dli.CredentialsError{Err: failed}, authInUse{})
	hintIs(t, d, "Could not assume the IAM agency", failed,
		". Check assume_role's agency_name and domain_name (HW_ASSUME_ROLE_AGENCY_NAME, HW_ASSUME_ROLE_DOMAIN_NAME), "+
			"and that the agency exists in that account and trusts the account of the base credentials.")
}

// A failed project lookup says why for the two causes it knows (no such
// project; no permission to list projects), and only the way around it
// otherwise.
func TestAProjectLookupFailureHasTheHintOfItsCause(t *testing.T) {
	const around = " Set project_id in the provider block or on the data source (or the HW_PROJECT_ID environment variable) to skip the lookup."
	for name, c := range map[string]struct {
		err error
		why string
	}{
		"no such project": {&dli.ProjectLookupError{Name: "cn-north-4"},
			` Check the region ("cn-north-4") and project_name (HW_PROJECT_NAME): IAM names a region's default project after the region.`},
		"two projects": {&dli.ProjectLookupError{Name: "cn-north-4", Found: []string{"a", "b"}}, ""},
		"no permission": {&dli.APIError{Class: dli.ClassPermission, StatusCode: 403, Service: dli.ServiceIAM},
			" Listing projects needs IAM permission to list projects, which these credentials (AK/SK from X) lack."},
		"a server error": {&dli.APIError{Class: dli.ClassServer, StatusCode: 500, Service: dli.ServiceIAM}, ""},
	} {
		t.Run(name, func(t *testing.T) {
			d := projectLookupDiagnostic(c.err, "cn-north-4", "cn-north-4", authInUse{description: "AK/SK from X"})
			opening := errors.New(`No project ID is set, so the provider looked up IAM project "cn-north-4" (project_name, else the region "cn-north-4"): ` + c.err.Error() + ".")
			hintIs(t, d, "Could not look up the DLI project ID", opening, c.why+around)
		})
	}
}
