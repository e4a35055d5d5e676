package provider

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// projectFor is the project of a read: the data source's project_id, else
// the provider's (project_id, HW_PROJECT_ID, the profile's projectId), else
// the one looked up from IAM, once per provider.
// s and timeout are the read's subject and timeouts.read, for the message
// of a lookup that failed as any read can.
func (d *providerData) projectFor(ctx context.Context, configured types.String, s subject, timeout time.Duration) (string, diag.Diagnostics) {
	var diags diag.Diagnostics
	if id := configured.ValueString(); id != "" {
		return id, nil
	}
	if d.projectID != "" {
		return d.projectID, nil
	}
	if d.projectLookup == nil {
		// Only a missing region stops the lookup: it names the project and
		// gives IAM's address, unless project_name and auth_url are set.
		diags.AddAttributeError(path.Root("project_id"), "Missing DLI region",
			fmt.Sprintf("No project ID is set, so the provider looks it up from IAM by the region's name, and no region is set: set region (or the %s environment variable), e.g. cn-north-4. "+
				"Or set project_id on this data source, or in the provider block (or the %s environment variable), to skip the lookup.", envRegion, envProjectID))
		return "", diags
	}
	id, err := d.projectLookup.ProjectID(ctx)
	if err != nil {
		// The lookup is the first call that needs credentials: a failure of
		// theirs (refused, none from the metadata service, a refused agency),
		// an unreachable IAM, a Ctrl-C or timeouts.read is told as any read's,
		// rather than blame the lookup.
		if _, shared := sharedFailureDiagnostic(err, d.auth); shared || interrupted(err) {
			diags.Append(readErrorDiagnostic(err, s, d.auth, timeout))
		} else {
			diags.Append(projectLookupDiagnostic(err, d.projectLookup.Name(), d.region, d.auth))
		}
		return "", diags
	}
	return id, nil
}
