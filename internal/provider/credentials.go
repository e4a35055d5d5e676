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
// attributes, variables or a profile), or the ECS metadata service.
type credentialPlan struct {
	static      *dli.Credentials // nil: ask the ECS metadata service at the first read
	description string           // the source in words, never values
	profile     *hwauth.Profile  // the profile read, if any
	// passwordLogin names the official provider's password variables that
	// are set when nothing else is: this provider does not take them.
	passwordLogin []string
}

// The official provider's password login, which this provider does not
// take (huaweicloud/provider.go: user_name, user_id, password, domain_name).
var passwordLoginVariables = []string{"HW_USER_NAME", "HW_USER_ID", "HW_USER_PASSWORD", "HW_DOMAIN_NAME"}

// passwordLoginSet lists the password variables that are set, none
// unless a user or password is among them (a domain name alone is no login).
func passwordLoginSet(getenv func(string) string) []string {
	var set []string
	login := false
	for _, name := range passwordLoginVariables {
		if strings.TrimSpace(getenv(name)) != "" {
			set = append(set, name)
			login = login || name != "HW_DOMAIN_NAME"
		}
	}
	if !login {
		return nil
	}
	return set
}

// credentialLayer is one place credentials can be given: the provider
// block, or the environment. Each value is the raw setting.
type credentialLayer struct {
	name                                    string // "in the provider block" or "in the environment"
	accessKey, secretKey, securityToken     valueFrom
	token                                   valueFrom
	profile, sharedConfigFile               valueFrom
	keysSet, tokenSet, profileSet, anything bool
}

// valueFrom is a setting's value and where it came from.
type valueFrom struct {
	value string
	from  source
}

func newLayer(name string, accessKey, secretKey, securityToken, token, profile, sharedConfigFile valueFrom) credentialLayer {
	l := credentialLayer{name: name, accessKey: accessKey, secretKey: secretKey, securityToken: securityToken,
		token: token, profile: profile, sharedConfigFile: sharedConfigFile}
	l.keysSet = accessKey.value != "" || secretKey.value != "" || securityToken.value != ""
	l.tokenSet = token.value != ""
	l.profileSet = profile.value != "" || sharedConfigFile.value != ""
	l.anything = l.keysSet || l.tokenSet || l.profileSet
	return l
}

// resolveCredentials takes the first layer that gives any credential, as
// a whole: the provider block, else the environment, else the ECS metadata
// service. Two ways to authenticate in one layer are an error.
func resolveCredentials(m providerModel, getenv func(string) string) (credentialPlan, diag.Diagnostics) {
	attr := func(v types.String, attribute, env string) valueFrom {
		return valueFrom{attributeValue(v), source{attribute: attribute, env: env}}
	}
	env := func(attribute, name string) valueFrom {
		return valueFrom{strings.TrimSpace(getenv(name)), source{attribute: attribute, env: name, fromEnv: true}}
	}
	block := newLayer("in the provider block",
		attr(m.AccessKey, "access_key", envAccessKey), attr(m.SecretKey, "secret_key", envSecretKey),
		attr(m.SecurityToken, "security_token", envSecurityToken), attr(m.Token, "token", envToken),
		attr(m.Profile, "profile", envProfile), attr(m.SharedConfigFile, "shared_config_file", envSharedConfigFile))
	environment := newLayer("in the environment",
		env("access_key", envAccessKey), env("secret_key", envSecretKey), env("security_token", envSecurityToken),
		env("token", envToken), env("profile", envProfile), env("shared_config_file", envSharedConfigFile))

	layer := environment
	if block.anything {
		layer = block
		// The profile and its file name one thing: a block that names the
		// file still takes the profile's name from HW_PROFILE, and the reverse.
		if layer.profile.value == "" {
			layer.profile = environment.profile
		}
		if layer.sharedConfigFile.value == "" {
			layer.sharedConfigFile = environment.sharedConfigFile
		}
	}
	if !layer.anything {
		return credentialPlan{description: hwauth.MetadataDescription, passwordLogin: passwordLoginSet(getenv)}, nil
	}
	return layer.plan(block.anything)
}

func (l credentialLayer) plan(inBlock bool) (credentialPlan, diag.Diagnostics) {
	var diags diag.Diagnostics
	if ways := l.ways(); len(ways) > 1 {
		diags.AddAttributeError(pathFor(l), "Conflicting DLI credentials",
			fmt.Sprintf("More than one way to authenticate is set %s: %s. Use one: token (%s) for an IAM token; access_key and secret_key (%s, %s) with an optional security_token (%s); or profile and shared_config_file (%s, %s) for an hcloud CLI profile.",
				l.name, strings.Join(ways, ", and "), envToken, envAccessKey, envSecretKey, envSecurityToken, envProfile, envSharedConfigFile))
		return credentialPlan{}, diags
	}
	switch {
	case l.tokenSet:
		creds := dli.Credentials{Token: l.token.value}
		return credentialPlan{static: &creds, description: fmt.Sprintf("%s from %s", dli.AuthToken, l.token.from)}, nil
	case l.profileSet:
		return profilePlan(l)
	}
	creds := dli.Credentials{AccessKey: l.accessKey.value, SecretKey: l.secretKey.value, SecurityToken: l.securityToken.value}
	note := blockNote(inBlock)
	switch {
	case creds.AccessKey != "" && creds.SecretKey == "":
		diags.AddAttributeError(pathSecretKey, "Missing DLI secret key",
			fmt.Sprintf("An access key is set (by %s) but no secret key: set secret_key (%s).%s", l.accessKey.from, envSecretKey, note))
	case creds.SecretKey != "" && creds.AccessKey == "":
		diags.AddAttributeError(pathAccessKey, "Missing DLI access key",
			fmt.Sprintf("A secret key is set (by %s) but no access key: set access_key (%s).%s", l.secretKey.from, envAccessKey, note))
	case creds.AccessKey == "":
		diags.AddAttributeError(pathSecurityToken, "Security token without access keys",
			fmt.Sprintf("A security token is set (by %s), but temporary credentials also need access_key (%s) and secret_key (%s).%s", l.securityToken.from, envAccessKey, envSecretKey, note))
	case creds.SecurityToken != "":
		return credentialPlan{static: &creds, description: fmt.Sprintf("%s (access key from %s, security token from %s)", dli.AuthTemporaryAKSK, l.accessKey.from, l.securityToken.from)}, nil
	default:
		return credentialPlan{static: &creds, description: fmt.Sprintf("%s (access key from %s)", dli.AuthAKSK, l.accessKey.from)}, nil
	}
	return credentialPlan{}, diags
}

// ways lists the ways to authenticate a layer sets, by the settings that set them.
func (l credentialLayer) ways() []string {
	var ways []string
	if l.keysSet {
		ways = append(ways, "AK/SK ("+setNames(l.accessKey, l.secretKey, l.securityToken)+")")
	}
	if l.tokenSet {
		ways = append(ways, "a token ("+setNames(l.token)+")")
	}
	if l.profileSet {
		ways = append(ways, "an hcloud profile ("+setNames(l.profile, l.sharedConfigFile)+")")
	}
	return ways
}

// setNames names the settings that have a value, as a user would write them.
func setNames(values ...valueFrom) string {
	var names []string
	for _, v := range values {
		if v.value == "" {
			continue
		}
		if v.from.fromEnv {
			names = append(names, v.from.env)
		} else {
			names = append(names, v.from.attribute)
		}
	}
	return strings.Join(names, ", ")
}

func pathFor(l credentialLayer) path.Path {
	if l.tokenSet {
		return pathToken
	}
	return pathProfile
}

func profilePlan(l credentialLayer) (credentialPlan, diag.Diagnostics) {
	var diags diag.Diagnostics
	file := l.sharedConfigFile.value
	if file == "" {
		file = hwauth.DefaultSharedConfigFile()
	}
	profile, err := hwauth.LoadProfile(file, l.profile.value)
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
