package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// projectFor is the project of a read: the data source's project_id, else
// the provider's (project_id, HW_PROJECT_ID, the profile's projectId), else
// the one looked up from IAM, once per provider.
func (d *providerData) projectFor(ctx context.Context, configured types.String) (string, diag.Diagnostics) {
	var diags diag.Diagnostics
	if id := configured.ValueString(); id != "" {
		return id, nil
	}
	if d.projectID != "" {
		return d.projectID, nil
	}
	if d.projectLookup == nil {
		diags.AddAttributeError(path.Root("project_id"), "Missing project ID",
			fmt.Sprintf("Set project_id on this data source, or project_id in the provider block (or the %s environment variable); or set region (%s) so that the project can be looked up from IAM by name.", envProjectID, envRegion))
		return "", diags
	}
	id, err := d.projectLookup.ProjectID(ctx)
	if err != nil {
		diags.Append(projectLookupDiagnostic(err, d.projectLookup.Name(), d.region))
		return "", diags
	}
	return id, nil
}
