package provider

import (
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/dli-terraform/terraform-provider-dli/internal/dli"
	"github.com/dli-terraform/terraform-provider-dli/internal/hwauth"
)

// credentialPlan is where the base credentials come from, decided at
// configure time without sending anything: static keys or a token (from
// attributes, variables or a profile), a password login, an OIDC ID token,
// or the ECS metadata service.
type credentialPlan struct {
	static *dli.Credentials // nil: one of the below, else the ECS metadata service
	// password logs in to IAM; its project scope is filled in by
	// resolveSettings.
	password    *dli.PasswordLogin
	oidc        *hwauth.OIDC
	description string          // the source in words, never values
	profile     *hwauth.Profile // the profile read, if any
	way         string          // the way's name (credentialWays); "" for the metadata service
}

// fetched: the credentials come from a service, not the configuration.
func (p credentialPlan) fetched() bool { return p.static == nil }

// source builds the credential source the plan names, on client (which
// has no credentials yet); s gives the addresses resolveSettings checked.
func (p credentialPlan) source(client *dli.Client, s settings) dli.CredentialSource {
	switch {
	case p.static != nil:
		return *p.static
	case p.password != nil:
		return hwauth.PasswordLogin(client, s.authURL, *p.password, p.description, nil)
	case p.oidc != nil:
		return hwauth.AssumeRoleWithOIDC(client, s.authURL, s.sts, *p.oidc, nil)
	}
	return hwauth.FromMetadata(client, s.metadataEndpoint, nil)
}

// checkAddresses: a password login needs IAM and a project to scope its
// token to, OIDC IAM and STS; it scopes the login to s's project. quiet:
// an invalid address has been reported already.
func (p credentialPlan) checkAddresses(s *settings, quiet bool) diag.Diagnostics {
	var diags diag.Diagnostics
	if p.password == nil && p.oidc == nil {
		return nil
	}
	if p.password != nil {
		p.password.ProjectID, p.password.ProjectName = s.projectID, ""
		if s.projectID == "" {
			p.password.ProjectName = s.projectName
		}
	}
	missing := func(service, set string) {
		if !quiet {
			diags.AddError("Missing "+service+" address",
				fmt.Sprintf("Authenticating with %s asks %s, whose address is derived from the region: set region (%s), or %s.", p.way, service, envRegion, set))
		}
	}
	if s.authURL == nil {
		missing("IAM", "auth_url ("+envAuthURL+")")
	}
	if p.oidc != nil && s.sts == nil {
		missing("STS", "sts_endpoint ("+envSTSEndpoint+")")
	}
	if p.password != nil && p.password.ProjectID == "" && p.password.ProjectName == "" {
		diags.AddAttributeError(path.Root("project_id"), "Missing project for the password login",
			fmt.Sprintf("A password login is scoped to a project: set project_id (%s), or project_name (%s), or region (%s).", envProjectID, envProjectName, envRegion))
	}
	return diags
}

// credentialSetting is one setting of a way to authenticate.
type credentialSetting struct{ attribute, env string }

// credentialWay is one way to authenticate: the settings that choose it,
// and how a place's settings become the plan.
type credentialWay struct {
	name     string // as a conflict names it: "AK/SK", "a password"...
	settings []credentialSetting
	// use is how to set it, for the conflict message.
	use  string
	plan func(l credentialLayer) (credentialPlan, diag.Diagnostics)
}

// The ways to authenticate. A place (credentialPlaces) that sets any of a
// way's settings sets that way; two ways in one place are a conflict
// naming both. domain_name and domain_id are not among the settings: they
// name an account, and choose no way by themselves.
var credentialWays = []credentialWay{
	{name: "a token", plan: tokenPlan,
		settings: []credentialSetting{{"token", envToken}},
		use:      fmt.Sprintf("token (%s) for an IAM token", envToken)},
	{name: "AK/SK", plan: keysPlan,
		settings: []credentialSetting{{"access_key", envAccessKey}, {"secret_key", envSecretKey}, {"security_token", envSecurityToken}},
		use:      fmt.Sprintf("access_key and secret_key (%s, %s) with an optional security_token (%s)", envAccessKey, envSecretKey, envSecurityToken)},
	{name: profileWayName, plan: profilePlan,
		settings: []credentialSetting{{"profile", envProfile}, {"shared_config_file", envSharedConfigFile}},
		use:      fmt.Sprintf("profile and shared_config_file (%s, %s) for an hcloud CLI profile", envProfile, envSharedConfigFile)},
	{name: "a password", plan: passwordPlan,
		settings: []credentialSetting{{"user_name", envUserName}, {"user_id", envUserID}, {"password", envPassword}},
		use:      fmt.Sprintf("user_name or user_id (%s, %s) with password (%s) for a password login", envUserName, envUserID, envPassword)},
	{name: "an OIDC ID token", plan: oidcPlan,
		settings: []credentialSetting{{"assume_role_with_oidc", envOIDCIdpID}},
		use:      fmt.Sprintf("assume_role_with_oidc (%s and the other %s* variables) for a CI system's ID token", envOIDCIdpID, "HW_ASSUME_ROLE_")},
}

const profileWayName = "an hcloud profile"

// wayNamed is the way of credentialWays called name.
func wayNamed(name string) credentialWay {
	for _, w := range credentialWays {
		if w.name == name {
			return w
		}
	}
	panic("no credential way " + name)
}

// The places credentials are looked for, first first: the first that sets
// any way is used as a whole; with none, the ECS metadata service.
const (
	placeBlock       = "in the provider block"
	placeEnvironment = "in the environment"
)

var credentialPlaces = []string{placeBlock, placeEnvironment}

// credentialLayer is one place's credential settings, by attribute name.
type credentialLayer struct {
	name   string // a credentialPlaces entry
	values map[string]valueFrom
	model  providerModel // for the blocks' other arguments
	getenv func(string) string
}

// valueFrom is a setting's value and where it came from.
type valueFrom struct {
	value string
	from  source
}

func (l credentialLayer) get(attribute string) valueFrom { return l.values[attribute] }

func (l credentialLayer) inBlock() bool { return l.name == placeBlock }

// anything: the layer sets some way.
func (l credentialLayer) anything() bool { return len(l.ways()) > 0 }

// blockValues are the provider block's credential settings, by attribute.
func blockValues(m providerModel) map[string]types.String {
	oidc := types.StringNull()
	if m.AssumeRoleWithOIDC != nil {
		oidc = types.StringValue("the block") // the block's presence sets the way
	}
	return map[string]types.String{
		"access_key": m.AccessKey, "secret_key": m.SecretKey, "security_token": m.SecurityToken, "token": m.Token,
		"profile": m.Profile, "shared_config_file": m.SharedConfigFile,
		"user_name": m.UserName, "user_id": m.UserID, "password": m.Password, "assume_role_with_oidc": oidc,
	}
}

// newLayers reads every credential setting of every way in both places.
func newLayers(m providerModel, getenv func(string) string) (block, environment credentialLayer) {
	block = credentialLayer{name: placeBlock, values: map[string]valueFrom{}, model: m, getenv: getenv}
	environment = credentialLayer{name: placeEnvironment, values: map[string]valueFrom{}, model: m, getenv: getenv}
	attrs := blockValues(m)
	for _, w := range credentialWays {
		for _, s := range w.settings {
			block.values[s.attribute] = valueFrom{attributeValue(attrs[s.attribute]), source{attribute: s.attribute, env: s.env}}
			environment.values[s.attribute] = valueFrom{strings.TrimSpace(getenv(s.env)), source{attribute: s.attribute, env: s.env, fromEnv: true}}
		}
	}
	return block, environment
}

// resolveCredentials takes the first layer that gives any credential, as
// a whole: the provider block, else the environment, else the ECS metadata
// service. Two ways to authenticate in one layer are an error.
func resolveCredentials(m providerModel, getenv func(string) string) (credentialPlan, diag.Diagnostics) {
	block, environment := newLayers(m, getenv)
	layer := environment
	if block.anything() {
		layer = block
		// The profile and its file name one thing: a block that names the
		// file still takes the profile's name from HW_PROFILE, and the reverse.
		if profileWay := wayNamed(profileWayName); setNames(block, profileWay) != "" {
			for _, s := range profileWay.settings {
				if layer.values[s.attribute].value == "" {
					layer.values[s.attribute] = environment.values[s.attribute]
				}
			}
		}
	}
	ways := layer.ways()
	switch {
	case len(ways) == 0:
		return credentialPlan{description: hwauth.MetadataDescription}, nil
	case len(ways) > 1:
		var named, uses []string
		for _, w := range ways {
			named = append(named, w.name+" ("+setNames(layer, w)+")")
		}
		for _, w := range credentialWays {
			uses = append(uses, w.use)
		}
		var diags diag.Diagnostics
		diags.AddAttributeError(path.Root(ways[len(ways)-1].settings[0].attribute), "Conflicting DLI credentials",
			fmt.Sprintf("More than one way to authenticate is set %s: %s. Use one: %s.", layer.name, strings.Join(named, ", and "), strings.Join(uses, "; or ")))
		return credentialPlan{}, diags
	}
	plan, diags := ways[0].plan(layer)
	plan.way = ways[0].name
	return plan, diags
}

// ways lists the ways to authenticate a layer sets.
func (l credentialLayer) ways() []credentialWay {
	var ways []credentialWay
	for _, w := range credentialWays {
		if setNames(l, w) != "" {
			ways = append(ways, w)
		}
	}
	return ways
}

// setNames names the settings of w that l sets, as a user would write them.
func setNames(l credentialLayer, w credentialWay) string {
	var names []string
	for _, s := range w.settings {
		v := l.get(s.attribute)
		switch {
		case v.value == "":
		case v.from.fromEnv:
			names = append(names, v.from.env)
		default:
			names = append(names, v.from.attribute)
		}
	}
	return strings.Join(names, ", ")
}

func tokenPlan(l credentialLayer) (credentialPlan, diag.Diagnostics) {
	token := l.get("token")
	creds := dli.Credentials{Token: token.value}
	return credentialPlan{static: &creds, description: fmt.Sprintf("%s from %s", dli.AuthToken, token.from)}, nil
}

func keysPlan(l credentialLayer) (credentialPlan, diag.Diagnostics) {
	var diags diag.Diagnostics
	ak, sk, st := l.get("access_key"), l.get("secret_key"), l.get("security_token")
	creds := dli.Credentials{AccessKey: ak.value, SecretKey: sk.value, SecurityToken: st.value}
	note := blockNote(l.inBlock())
	switch {
	case creds.AccessKey != "" && creds.SecretKey == "":
		diags.AddAttributeError(pathSecretKey, "Missing DLI secret key",
			fmt.Sprintf("An access key is set (by %s) but no secret key: set secret_key (%s).%s", ak.from, envSecretKey, note))
	case creds.SecretKey != "" && creds.AccessKey == "":
		diags.AddAttributeError(pathAccessKey, "Missing DLI access key",
			fmt.Sprintf("A secret key is set (by %s) but no access key: set access_key (%s).%s", sk.from, envAccessKey, note))
	case creds.AccessKey == "":
		diags.AddAttributeError(pathSecurityToken, "Security token without access keys",
			fmt.Sprintf("A security token is set (by %s), but temporary credentials also need access_key (%s) and secret_key (%s).%s", st.from, envAccessKey, envSecretKey, note))
	case creds.SecurityToken != "":
		return credentialPlan{static: &creds, description: fmt.Sprintf("%s (access key from %s, security token from %s)", dli.AuthTemporaryAKSK, ak.from, st.from)}, nil
	default:
		return credentialPlan{static: &creds, description: fmt.Sprintf("%s (access key from %s)", dli.AuthAKSK, ak.from)}, nil
	}
	return credentialPlan{}, diags
}

func profilePlan(l credentialLayer) (credentialPlan, diag.Diagnostics) {
	var diags diag.Diagnostics
	file := l.get("shared_config_file").value
	if file == "" {
		file = hwauth.DefaultSharedConfigFile()
	}
	profile, err := hwauth.LoadProfile(file, l.get("profile").value)
	if err != nil {
		diags.AddAttributeError(pathProfile, "Invalid hcloud profile",
			fmt.Sprintf("%v. The profile is named by profile (%s; default: the file's current profile) and the file by shared_config_file (%s; default ~/.hcloud/config.json when only profile is set).",
				err, envProfile, envSharedConfigFile))
		return credentialPlan{}, diags
	}
	if profile.Mode == hwauth.ModeECSAgency {
		return credentialPlan{profile: &profile, description: hwauth.MetadataDescription + " (" + profile.String() + ")"}, nil
	}
	return credentialPlan{static: &profile.Credentials, profile: &profile, description: fmt.Sprintf("%s from %s", profile.Credentials.Method(), profile)}, nil
}

// blockNote explains, when the provider block sets credentials, why the
// HW_* credential variables were not used.
func blockNote(inBlock bool) string {
	if !inBlock {
		return ""
	}
	return " The provider block sets credentials, so the credential environment variables are not used: set all of them in the block, or none."
}
