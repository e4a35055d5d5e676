package provider

import (
	"fmt"
	"os"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/dli-terraform/terraform-provider-dli/internal/hwauth"
)

// assume_role_with_oidc's variables, as the official provider names them;
// they are read only when HW_ASSUME_ROLE_IDP_ID is set (or the block is).
const (
	envOIDCDomainID    = "HW_ASSUME_ROLE_DOMAIN_ID"
	envOIDCIdpID       = "HW_ASSUME_ROLE_IDP_ID"
	envOIDCIDToken     = "HW_ASSUME_ROLE_ID_TOKEN"
	envOIDCIDTokenFile = "HW_ASSUME_ROLE_ID_TOKEN_FILE"
	envSTSEndpoint     = "HW_STS_ENDPOINT"
)

var pathOIDC = path.Root("assume_role_with_oidc")

// oidcModel is the assume_role_with_oidc block.
type oidcModel struct {
	AgencyName  types.String `tfsdk:"agency_name"`
	DomainID    types.String `tfsdk:"domain_id"`
	IdpID       types.String `tfsdk:"idp_id"`
	IDToken     types.String `tfsdk:"id_token"`
	IDTokenFile types.String `tfsdk:"id_token_file"`
	Duration    wholeNumber  `tfsdk:"duration"`
}

func oidcBlock() schema.Block {
	other := func(name string) validator.String {
		return stringvalidator.ConflictsWith(path.MatchRelative().AtParent().AtName(name))
	}
	return schema.SingleNestedBlock{
		MarkdownDescription: "Act through an IAM agency with an OpenID Connect ID token, as CI systems issue them (GitHub Actions, GitLab): no stored secret. " +
			"The ID token is exchanged at IAM (`auth_url`'s host) for a federated token, that for temporary keys, and those at STS (`sts_endpoint`) for the agency's keys, " +
			"renewed 10 minutes before they expire (reading `id_token_file` again). Another way to authenticate in the same place is a conflict. " +
			"Each argument falls back to its environment variable; without the block, the variables are read only when `" + envOIDCIdpID + "` is set.",
		Attributes: map[string]schema.Attribute{
			"agency_name": schema.StringAttribute{Optional: true,
				MarkdownDescription: "Name of the agency to assume. Environment variable `" + envAgencyName + "`."},
			"domain_id": schema.StringAttribute{Optional: true,
				MarkdownDescription: "ID of the account (domain) the agency belongs to. Environment variable `" + envOIDCDomainID + "`."},
			"idp_id": schema.StringAttribute{Optional: true,
				MarkdownDescription: "ID of the identity provider configured in IAM for the ID token's issuer. Environment variable `" + envOIDCIdpID + "`."},
			"id_token": schema.StringAttribute{Optional: true, Sensitive: true, Validators: []validator.String{other("id_token_file")},
				MarkdownDescription: "The ID token (a JWT); or set `id_token_file`. Environment variable `" + envOIDCIDToken + "`."},
			"id_token_file": schema.StringAttribute{Optional: true, Validators: []validator.String{other("id_token")},
				MarkdownDescription: "File holding the ID token, read again at every renewal; or set `id_token`. Environment variable `" + envOIDCIDTokenFile + "`."},
			"duration": schema.Int64Attribute{Optional: true, CustomType: wholeNumberType{},
				Validators: []validator.Int64{int64validator.Between(minAgencyDuration, maxOIDCDuration)},
				MarkdownDescription: fmt.Sprintf("Lifetime in seconds of the agency's keys, from `%d` to `%d`: STS gives keys for an hour at most to a call signed with temporary keys, as the exchange's last call is. Environment variable `%s`. Default `%d`.",
					minAgencyDuration, maxOIDCDuration, envAgencyDuration, int(hwauth.DefaultAgencyDuration/time.Second))},
		},
	}
}

// oidcPlan: the block's arguments, each else its variable; from the
// environment, the variables only.
func oidcPlan(l credentialLayer) (credentialPlan, diag.Diagnostics) {
	var diags diag.Diagnostics
	block := l.model.AssumeRoleWithOIDC
	if !l.inBlock() || block == nil {
		block = &oidcModel{AgencyName: types.StringNull(), DomainID: types.StringNull(), IdpID: types.StringNull(),
			IDToken: types.StringNull(), IDTokenFile: types.StringNull(), Duration: wholeNumber{Int64Value: types.Int64Null()}}
	}
	get := func(v types.String, name, env string) (string, source) {
		return lookup(v, "assume_role_with_oidc."+name, env, l.getenv)
	}
	var o hwauth.OIDC
	o.AgencyName, _ = get(block.AgencyName, "agency_name", envAgencyName)
	o.DomainID, _ = get(block.DomainID, "domain_id", envOIDCDomainID)
	o.IdpID, _ = get(block.IdpID, "idp_id", envOIDCIdpID)
	// The token and its file are one setting: either in the block wins
	// over both variables.
	var tokenFrom, fileFrom source
	if attributeValue(block.IDToken) != "" || attributeValue(block.IDTokenFile) != "" {
		o.IDToken, o.IDTokenFile = attributeValue(block.IDToken), attributeValue(block.IDTokenFile)
		tokenFrom, fileFrom = source{attribute: "assume_role_with_oidc.id_token"}, source{attribute: "assume_role_with_oidc.id_token_file"}
	} else {
		o.IDToken, tokenFrom = get(types.StringNull(), "id_token", envOIDCIDToken)
		o.IDTokenFile, fileFrom = get(types.StringNull(), "id_token_file", envOIDCIDTokenFile)
	}
	for _, missing := range []struct{ value, name, env string }{
		{o.AgencyName, "agency_name", envAgencyName}, {o.DomainID, "domain_id", envOIDCDomainID}, {o.IdpID, "idp_id", envOIDCIdpID},
	} {
		if missing.value == "" {
			diags.AddAttributeError(pathOIDC.AtName(missing.name), "Missing assume_role_with_oidc "+missing.name,
				fmt.Sprintf("assume_role_with_oidc (set %s) needs %s (or the %s environment variable).", l.name, missing.name, missing.env))
		}
	}
	switch {
	case o.IDToken != "" && o.IDTokenFile != "":
		diags.AddAttributeError(pathOIDC.AtName("id_token"), "Conflicting ID token",
			fmt.Sprintf("Both id_token (set by %s) and id_token_file (set by %s) are set: set exactly one of them (%s, %s).", tokenFrom, fileFrom, envOIDCIDToken, envOIDCIDTokenFile))
	case o.IDToken == "" && o.IDTokenFile == "":
		diags.AddAttributeError(pathOIDC.AtName("id_token"), "Missing ID token",
			fmt.Sprintf("assume_role_with_oidc needs exactly one of id_token (%s) and id_token_file (%s).", envOIDCIDToken, envOIDCIDTokenFile))
	case o.IDTokenFile != "":
		if _, err := os.Stat(o.IDTokenFile); err != nil {
			diags.AddAttributeError(pathOIDC.AtName("id_token_file"), "Unreadable ID token file",
				fmt.Sprintf("The id_token_file set by %s cannot be read: %v.", fileFrom, err))
		}
	}
	duration, durationDiags := agencyDuration(block.Duration.Int64Value, l.getenv, pathOIDC.AtName("duration"), "assume_role_with_oidc", maxOIDCDuration)
	diags.Append(durationDiags...)
	o.Duration = duration
	if diags.HasError() {
		return credentialPlan{}, diags
	}
	return credentialPlan{oidc: &o, description: o.Description()}, nil
}
