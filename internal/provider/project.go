package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// projectFor is the project a read is for: the data source's project_id,
// else the provider's (attribute or environment). Every data source asks
// here, so that the project is found the same way for all of them.
func (d *providerData) projectFor(_ context.Context, configured types.String) (string, diag.Diagnostics) {
	var diags diag.Diagnostics
	projectID := configured.ValueString()
	if projectID == "" {
		projectID = d.projectID
	}
	if projectID == "" {
		diags.AddAttributeError(path.Root("project_id"), "Missing project ID",
			"Set project_id on this data source, or project_id in the provider block (or the "+envProjectID+" environment variable).")
	}
	return projectID, diags
}
