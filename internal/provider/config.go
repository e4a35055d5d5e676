package provider

import (
	"context"
	"fmt"
	"net"
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/dli-terraform/terraform-provider-dli/internal/dli"
)

// The environment variables Huawei Cloud users already have set.
const (
	envRegion        = "HW_REGION_NAME"
	envProjectID     = "HW_PROJECT_ID"
	envAccessKey     = "HW_ACCESS_KEY"
	envSecretKey     = "HW_SECRET_KEY"
	envSecurityToken = "HW_SECURITY_TOKEN"
	envToken         = "HW_AUTH_TOKEN"
	envEndpoint      = "HW_DLI_ENDPOINT"
	envCloud         = "HW_CLOUD"
	envInsecure      = "HW_INSECURE"
	envMaxRetries    = "HW_MAX_RETRIES"

	defaultCloud  = "myhuaweicloud.com"
	maxMaxRetries = 100
)

var (
	pathRegion        = path.Root("region")
	pathAccessKey     = path.Root("access_key")
	pathSecretKey     = path.Root("secret_key")
	pathSecurityToken = path.Root("security_token")
	pathToken         = path.Root("token")
	pathEndpoint      = path.Root("endpoint")
	pathCloud         = path.Root("cloud")
	pathInsecure      = path.Root("insecure")
	pathMaxRetries    = path.Root("max_retries")
)

// Names that become part of the default endpoint's host name.
var (
	regionPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	cloudPattern  = regexp.MustCompile(`^[a-z0-9]+([.-][a-z0-9]+)*\.[a-z]{2,}$`)
)

// settings is the provider configuration after attributes, environment
// variables and defaults have been combined, in that order of precedence.
type settings struct {
	endpoint        string
	projectID       string
	credentials     dli.Credentials
	authDescription string
	insecure        bool
	plainHTTP       bool // http:// to a host other than loopback
	maxRetries      int
}

// source tells where a value came from, for messages that must not show it.
type source struct {
	attribute, env string
	fromEnv        bool
}

func (s source) String() string {
	if s.fromEnv {
		return "the " + s.env + " environment variable"
	}
	return "the provider block's " + s.attribute
}

// lookup resolves one string setting: a non-empty attribute wins, then the
// environment variable. An empty attribute counts as unset, so that
// `access_key = var.ak` with an empty default defers to HW_ACCESS_KEY.
func lookup(v types.String, attribute, env string, getenv func(string) string) (string, source) {
	if a := attributeValue(v); a != "" {
		return a, source{attribute: attribute, env: env}
	}
	return strings.TrimSpace(getenv(env)), source{attribute: attribute, env: env, fromEnv: true}
}

func attributeValue(v types.String) string {
	if v.IsNull() || v.IsUnknown() {
		return ""
	}
	return strings.TrimSpace(v.ValueString())
}

func resolveSettings(m providerModel, getenv func(string) string) (settings, diag.Diagnostics) {
	var diags diag.Diagnostics
	for _, a := range []struct {
		name  string
		value attr.Value
	}{
		{"region", m.Region}, {"project_id", m.ProjectID}, {"access_key", m.AccessKey}, {"secret_key", m.SecretKey},
		{"security_token", m.SecurityToken}, {"token", m.Token}, {"endpoint", m.Endpoint}, {"cloud", m.Cloud},
		{"insecure", m.Insecure}, {"max_retries", m.MaxRetries},
	} {
		if a.value.IsUnknown() {
			diags.AddAttributeError(path.Root(a.name), "Unknown provider "+a.name,
				"The DLI provider cannot be configured while "+a.name+" is unknown (it depends on a resource not yet created). Set it to a value known at plan time, or use its environment variable.")
		}
	}
	if diags.HasError() {
		return settings{}, diags
	}

	var s settings
	s.projectID, _ = lookup(m.ProjectID, "project_id", envProjectID, getenv)
	creds, auth, credDiags := resolveCredentials(m, getenv)
	diags.Append(credDiags...)
	s.credentials, s.authDescription = creds, auth

	endpoint, endpointDiags := resolveEndpoint(m, getenv)
	diags.Append(endpointDiags...)
	if endpoint != nil {
		s.endpoint, s.plainHTTP = endpoint.String(), isPlainHTTPToRemote(endpoint)
	}
	s.insecure = m.Insecure.ValueBool()
	if m.Insecure.IsNull() {
		if raw := strings.TrimSpace(getenv(envInsecure)); raw != "" {
			b, err := strconv.ParseBool(raw)
			if err != nil {
				diags.AddAttributeError(pathInsecure, "Invalid "+envInsecure,
					fmt.Sprintf("The %s environment variable (for insecure) must be true or false, got %q.", envInsecure, raw))
			}
			s.insecure = b
		}
	}

	s.maxRetries = dli.DefaultMaxRetries
	if !m.MaxRetries.IsNull() {
		s.maxRetries = int(m.MaxRetries.ValueInt64())
	} else if raw := strings.TrimSpace(getenv(envMaxRetries)); raw != "" {
		n, err := strconv.Atoi(raw)
		if err != nil || n < 0 || n > maxMaxRetries {
			diags.AddAttributeError(pathMaxRetries, "Invalid "+envMaxRetries,
				fmt.Sprintf("The %s environment variable (for max_retries) must be a whole number from 0 to %d, got %q.", envMaxRetries, maxMaxRetries, raw))
		}
		s.maxRetries = n
	}
	return s, diags
}

// resolveCredentials insists on exactly one way to authenticate. Credentials
// in the provider block win as a whole over those in the environment: a
// token in the block is used even if HW_ACCESS_KEY is set, and the reverse.
func resolveCredentials(m providerModel, getenv func(string) string) (dli.Credentials, string, diag.Diagnostics) {
	inBlock := attributeValue(m.AccessKey) != "" || attributeValue(m.SecretKey) != "" ||
		attributeValue(m.SecurityToken) != "" || attributeValue(m.Token) != ""
	env := getenv
	if inBlock {
		env = func(string) string { return "" }
	}
	var diags diag.Diagnostics
	ak, akSrc := lookup(m.AccessKey, "access_key", envAccessKey, env)
	sk, skSrc := lookup(m.SecretKey, "secret_key", envSecretKey, env)
	st, stSrc := lookup(m.SecurityToken, "security_token", envSecurityToken, env)
	token, tokenSrc := lookup(m.Token, "token", envToken, env)
	creds := dli.Credentials{AccessKey: ak, SecretKey: sk, SecurityToken: st, Token: token}
	where := "in the provider block"
	if !inBlock {
		where = "in the environment"
	}

	switch {
	case token != "" && (ak != "" || sk != "" || st != ""):
		diags.AddAttributeError(pathToken, "Conflicting DLI credentials",
			fmt.Sprintf("Both a token and AK/SK credentials are set %s (token by %s). Use one way to authenticate: token (%s), or access_key and secret_key (%s, %s) with an optional security_token (%s).",
				where, tokenSrc, envToken, envAccessKey, envSecretKey, envSecurityToken))
	case token != "":
		return creds, fmt.Sprintf("%s from %s", dli.AuthToken, tokenSrc), diags
	case ak != "" && sk == "":
		diags.AddAttributeError(pathSecretKey, "Missing DLI secret key",
			fmt.Sprintf("An access key is set (by %s) but no secret key: set secret_key (%s).%s", akSrc, envSecretKey, blockNote(inBlock)))
	case sk != "" && ak == "":
		diags.AddAttributeError(pathAccessKey, "Missing DLI access key",
			fmt.Sprintf("A secret key is set (by %s) but no access key: set access_key (%s).%s", skSrc, envAccessKey, blockNote(inBlock)))
	case st != "" && ak == "":
		diags.AddAttributeError(pathSecurityToken, "Security token without access keys",
			fmt.Sprintf("A security token is set (by %s), but temporary credentials also need access_key (%s) and secret_key (%s).%s", stSrc, envAccessKey, envSecretKey, blockNote(inBlock)))
	case ak == "":
		diags.AddError("Missing DLI credentials",
			fmt.Sprintf("The DLI provider needs credentials. Set access_key and secret_key (%s, %s), plus security_token (%s) for temporary credentials; or set token (%s) to use an IAM token.",
				envAccessKey, envSecretKey, envSecurityToken, envToken))
	case st != "":
		return creds, fmt.Sprintf("%s (access key from %s, security token from %s)", dli.AuthTemporaryAKSK, akSrc, stSrc), diags
	default:
		return creds, fmt.Sprintf("%s (access key from %s)", dli.AuthAKSK, akSrc), diags
	}
	return creds, "", diags
}

// blockNote explains, when the provider block sets credentials, why the
// HW_* credential variables were not used.
func blockNote(inBlock bool) string {
	if !inBlock {
		return ""
	}
	return " The provider block sets credentials, so the credential environment variables are not used: set all of them in the block, or none."
}

// resolveEndpoint takes endpoint (attribute, then HW_DLI_ENDPOINT), or
// else derives the default https://dli.{region}.{cloud}. It returns nil
// with an error diagnostic when there is no valid endpoint.
func resolveEndpoint(m providerModel, getenv func(string) string) (*url.URL, diag.Diagnostics) {
	var diags diag.Diagnostics
	endpoint, src := lookup(m.Endpoint, "endpoint", envEndpoint, getenv)
	if endpoint != "" {
		u, err := dli.ParseEndpoint(endpoint)
		if err != nil {
			diags.AddAttributeError(pathEndpoint, "Invalid DLI endpoint",
				fmt.Sprintf("The endpoint set by %s is invalid: %v.", src, err))
		}
		return u, diags
	}
	region, regionSrc := lookup(m.Region, "region", envRegion, getenv)
	if region == "" {
		diags.AddAttributeError(pathRegion, "Missing DLI region",
			fmt.Sprintf("Set region (or the %s environment variable), e.g. cn-north-4, or set endpoint (%s) to the DLI endpoint URL.", envRegion, envEndpoint))
		return nil, diags
	}
	cloud, cloudSrc := lookup(m.Cloud, "cloud", envCloud, getenv)
	if cloud == "" {
		cloud = defaultCloud
	}
	if !regionPattern.MatchString(region) {
		diags.AddAttributeError(pathRegion, "Invalid DLI region",
			fmt.Sprintf("The region set by %s must be a region name such as cn-north-4 (lower-case letters, digits and hyphens), got %q.", regionSrc, region))
	}
	if !cloudPattern.MatchString(cloud) {
		diags.AddAttributeError(pathCloud, "Invalid cloud domain",
			fmt.Sprintf("The cloud set by %s must be a domain name such as myhuaweicloud.com, got %q.", cloudSrc, cloud))
	}
	if diags.HasError() {
		return nil, diags
	}
	return &url.URL{Scheme: "https", Host: "dli." + region + "." + cloud}, diags
}

// unlessEmpty applies a validator to non-empty values only: an attribute
// set to "" counts as unset, so its environment variable applies.
type unlessEmpty struct{ validator.String }

func (v unlessEmpty) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.ValueString() == "" {
		return
	}
	v.String.ValidateString(ctx, req, resp)
}

// endpointValidator checks a configured endpoint at validate time.
type endpointValidator struct{}

func (endpointValidator) Description(context.Context) string {
	return "must be an http(s) URL such as https://dli.cn-north-4.myhuaweicloud.com"
}

func (v endpointValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (endpointValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if _, err := dli.ParseEndpoint(req.ConfigValue.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid DLI endpoint", err.Error()+" (attribute endpoint, environment variable "+envEndpoint+").")
	}
}

// isPlainHTTPToRemote reports an http:// endpoint on anything but loopback:
// tokens and access keys would cross the network in clear text.
func isPlainHTTPToRemote(u *url.URL) bool {
	if u.Scheme != "http" {
		return false
	}
	host := u.Hostname()
	if host == "localhost" {
		return false
	}
	ip := net.ParseIP(host)
	return ip == nil || !ip.IsLoopback()
}
