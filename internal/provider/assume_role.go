package provider

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/dli-terraform/terraform-provider-dli/internal/hwauth"
)

// IAM issues agency credentials for 15 minutes to 12 hours.
const (
	minAgencyDuration = 900
	maxAgencyDuration = 43200
	// STS gives keys for an hour at most to a call signed with temporary
	// keys (huaweicloud-sdk-go-v3, AssumeAgencyReqBody), as the OIDC
	// exchange's last call is.
	maxOIDCDuration = 3600
)

var (
	pathAgencyName   = path.Root("assume_role").AtName("agency_name")
	pathAgencyDomain = path.Root("assume_role").AtName("domain_name")
)

// assumeRoleModel is the assume_role block.
type assumeRoleModel struct {
	AgencyName types.String `tfsdk:"agency_name"`
	DomainName types.String `tfsdk:"domain_name"`
	Duration   wholeNumber  `tfsdk:"duration"`
}

func assumeRoleBlock() schema.Block {
	return schema.SingleNestedBlock{
		MarkdownDescription: "Act through an IAM agency: the base credentials (from the provider block, the environment, a profile or the ECS metadata service) obtain temporary credentials for the agency, and every DLI request uses those. " +
			"Each argument falls back to its environment variable; an hcloud profile's `agencyName` and `agencyDomainName` apply when neither is set.",
		Attributes: map[string]schema.Attribute{
			"agency_name": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Name of the agency to assume. Environment variable `" + envAgencyName + "`.",
			},
			"domain_name": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Name of the account (domain) the agency belongs to. Environment variable `" + envAgencyDomain + "`.",
			},
			"duration": schema.Int64Attribute{
				Optional:   true,
				CustomType: wholeNumberType{},
				MarkdownDescription: fmt.Sprintf("Lifetime in seconds of the agency's temporary credentials, from `%d` to `%d`; they are renewed 10 minutes before they expire. Environment variable `%s`. Default `%d`.",
					minAgencyDuration, maxAgencyDuration, envAgencyDuration, int(hwauth.DefaultAgencyDuration/time.Second)),
				Validators: []validator.Int64{int64validator.Between(minAgencyDuration, maxAgencyDuration)},
			},
		},
	}
}

// resolveAssumeRole: each argument of the block, else its variable, else
// (for the agency and domain) the profile's. No agency name: no agency.
func resolveAssumeRole(m providerModel, getenv func(string) string, profile hwauth.Profile) (*hwauth.Agency, diag.Diagnostics) {
	var diags diag.Diagnostics
	block := m.AssumeRole
	if block == nil {
		block = &assumeRoleModel{AgencyName: types.StringNull(), DomainName: types.StringNull(), Duration: wholeNumber{Int64Value: types.Int64Null()}}
	}
	name, _ := lookup(block.AgencyName, "assume_role.agency_name", envAgencyName, getenv)
	domain, _ := lookup(block.DomainName, "assume_role.domain_name", envAgencyDomain, getenv)
	if name == "" && domain == "" {
		name, domain = profile.AgencyName, profile.AgencyDomainName
	}
	switch {
	case name == "" && m.AssumeRole != nil:
		diags.AddAttributeError(pathAgencyName, "Missing agency name",
			fmt.Sprintf("The assume_role block needs agency_name (or the %s environment variable): the IAM agency to act through.", envAgencyName))
		return nil, diags
	case name == "":
		return nil, nil
	case domain == "":
		diags.AddAttributeError(pathAgencyDomain, "Missing agency domain",
			fmt.Sprintf("Assuming agency %q needs the account it belongs to: set assume_role's domain_name (or the %s environment variable).", name, envAgencyDomain))
		return nil, diags
	}
	agency := &hwauth.Agency{Name: name, Domain: domain, Duration: hwauth.DefaultAgencyDuration}
	// The base credentials' account: domain_id, HW_DOMAIN_ID, the profile's;
	// else IAM is asked at the first agency call.
	if agency.DomainID, _ = lookup(m.DomainID, "domain_id", envDomainID, getenv); agency.DomainID == "" {
		agency.DomainID = profile.DomainID
	}
	duration, durationDiags := agencyDuration(block.Duration.Int64Value, getenv, path.Root("assume_role").AtName("duration"), "assume_role", maxAgencyDuration)
	diags.Append(durationDiags...)
	if durationDiags.HasError() {
		return nil, diags
	}
	agency.Duration = duration
	return agency, diags
}

// agencyDuration is a block's duration, else HW_ASSUME_ROLE_DURATION (from
// minAgencyDuration to most seconds), else DefaultAgencyDuration; block
// names the block in the error.
func agencyDuration(v types.Int64, getenv func(string) string, at path.Path, block string, most int) (time.Duration, diag.Diagnostics) {
	var diags diag.Diagnostics
	if !v.IsNull() {
		return time.Duration(v.ValueInt64()) * time.Second, nil
	}
	raw := strings.TrimSpace(getenv(envAgencyDuration))
	if raw == "" {
		return hwauth.DefaultAgencyDuration, nil
	}
	n, err := strconv.Atoi(raw)
	if err != nil || n < minAgencyDuration || n > most {
		diags.AddAttributeError(at, "Invalid "+envAgencyDuration,
			fmt.Sprintf("The %s environment variable (for %s's duration) must be a number of seconds from %d to %d, got %q.", envAgencyDuration, block, minAgencyDuration, most, raw))
	}
	return time.Duration(n) * time.Second, diags
}
