package provider

import (
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"

	"github.com/dli-terraform/terraform-provider-dli/internal/dli"
)

// The password login's settings, as the official provider names them.
const (
	envUserName   = "HW_USER_NAME"
	envUserID     = "HW_USER_ID"
	envPassword   = "HW_USER_PASSWORD"
	envDomainName = "HW_DOMAIN_NAME"
)

var pathPassword = path.Root("password")

// passwordAttributes are the provider attributes of a password login
// (domain_id is the provider's own: the account of any credentials).
func passwordAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"user_name": schema.StringAttribute{
			Optional:            true,
			MarkdownDescription: "IAM user name for a password login, with `password` and `domain_name` or `domain_id`. Environment variable `" + envUserName + "`.",
		},
		"user_id": schema.StringAttribute{
			Optional:            true,
			MarkdownDescription: "IAM user ID for a password login, with `password` (instead of `user_name` and its account). Environment variable `" + envUserID + "`.",
		},
		"password": schema.StringAttribute{
			Optional:  true,
			Sensitive: true,
			MarkdownDescription: "Password of `user_name` or `user_id`: the provider logs in to IAM (`POST {auth_url}/auth/tokens`) once, at the first read, and again 10 minutes before the token expires. " +
				"A refused password is never sent again (IAM locks users after repeated failures). Environment variable `" + envPassword + "`.",
		},
		"domain_name": schema.StringAttribute{
			Optional:            true,
			MarkdownDescription: "Name of the account (domain) of `user_name`, for a password login; or set `domain_id`, which is used when both are set. Environment variable `" + envDomainName + "`.",
		},
	}
}

// passwordPlan: a user (a name with its account, or an ID) and a password.
// The project scope is filled in by resolveSettings.
func passwordPlan(l credentialLayer) (credentialPlan, diag.Diagnostics) {
	var diags diag.Diagnostics
	name, id, password := l.get("user_name"), l.get("user_id"), l.get("password")
	domainName, _ := lookup(l.model.DomainName, "domain_name", envDomainName, l.getenv)
	domainID, _ := lookup(l.model.DomainID, "domain_id", envDomainID, l.getenv)
	note := blockNote(l.inBlock())
	switch {
	case name.value != "" && id.value != "":
		diags.AddAttributeError(path.Root("user_id"), "Conflicting IAM user",
			fmt.Sprintf("Both a user name (set by %s) and a user ID (set by %s) are set for the password login: set one of user_name (%s) and user_id (%s).", name.from, id.from, envUserName, envUserID))
	case password.value == "":
		diags.AddAttributeError(pathPassword, "Missing password",
			fmt.Sprintf("An IAM user is set (by %s) for a password login, but no password: set password (%s).%s", name.from.or(id.from, name.value), envPassword, note))
	case name.value == "" && id.value == "":
		diags.AddAttributeError(path.Root("user_name"), "Missing IAM user",
			fmt.Sprintf("A password is set (by %s), but no user: set user_name (%s) with domain_name or domain_id (%s, %s), or user_id (%s).%s", password.from, envUserName, envDomainName, envDomainID, envUserID, note))
	case name.value != "" && domainName == "" && domainID == "":
		diags.AddAttributeError(path.Root("domain_name"), "Missing account of the IAM user",
			fmt.Sprintf("User %q (set by %s) logs in with its account: set domain_name (%s) or domain_id (%s); or give user_id (%s) instead of the name.", name.value, name.from, envDomainName, envDomainID, envUserID))
	}
	if diags.HasError() {
		return credentialPlan{}, diags
	}
	login := dli.PasswordLogin{UserName: name.value, UserID: id.value, Password: password.value}
	user := name
	if id.value != "" {
		user = id
	} else if domainID != "" {
		login.DomainID = domainID
	} else {
		login.DomainName = domainName
	}
	return credentialPlan{password: &login,
		description: fmt.Sprintf("%s from a password login (user from %s, password from %s)", dli.AuthToken, user.from, password.from)}, nil
}

// or is s, unless the value it names is empty: then other.
func (s source) or(other source, value string) source {
	if value == "" {
		return other
	}
	return s
}
