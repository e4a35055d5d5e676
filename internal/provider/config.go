package provider

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/dli-terraform/terraform-provider-dli/internal/dli"
	"github.com/dli-terraform/terraform-provider-dli/internal/hwauth"
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
	// Version 0.2: the project, profiles, agencies and the ECS metadata service.
	envProjectName      = "HW_PROJECT_NAME"
	envAuthURL          = "HW_AUTH_URL"
	envSharedConfigFile = "HW_SHARED_CONFIG_FILE"
	envProfile          = "HW_PROFILE"
	envAgencyName       = "HW_ASSUME_ROLE_AGENCY_NAME"
	envAgencyDomain     = "HW_ASSUME_ROLE_DOMAIN_NAME"
	envAgencyDuration   = "HW_ASSUME_ROLE_DURATION"
	envMetadataEndpoint = "HW_ECS_METADATA_ENDPOINT"
	// Version 0.3: the account the agency call names (X-Domain-Id).
	envDomainID = "HW_DOMAIN_ID"
	// Version 0.4: the bound of one attempt.
	envRequestTimeout = "HW_REQUEST_TIMEOUT"

	defaultCloud       = "myhuaweicloud.com"
	defaultEuropeCloud = "myhuaweicloud.eu"
	europeRegionPrefix = "eu-west-1" // the official provider's getCloudDomain
	maxMaxRetries      = 100
)

var (
	pathRegion         = path.Root("region")
	pathAccessKey      = path.Root("access_key")
	pathSecretKey      = path.Root("secret_key")
	pathSecurityToken  = path.Root("security_token")
	pathEndpoint       = path.Root("endpoint")
	pathCloud          = path.Root("cloud")
	pathInsecure       = path.Root("insecure")
	pathMaxRetries     = path.Root("max_retries")
	pathRequestTimeout = path.Root("request_timeout")
	pathAuthURL        = path.Root("auth_url")
	pathProfile        = path.Root("profile")
)

// settings is the provider configuration after attributes, environment
// variables and defaults have been combined, in that order of precedence.
type settings struct {
	endpoint    string
	region      string
	projectID   string   // empty: look it up from IAM at the first read
	projectName string   // the IAM project to look up: project_name, else the region
	authURL     *url.URL // nil when there is no region to derive it from
	authURLFrom string   // authURL and where it came from, in words
	sts         *url.URL // STS (sts_endpoint); nil without a region to derive it from
	credentials credentialPlan
	agency      *hwauth.Agency // act through this agency (assume_role)
	// metadataEndpoint is the ECS metadata service (HW_ECS_METADATA_ENDPOINT).
	metadataEndpoint *url.URL
	authDescription  string
	insecure         bool
	plainHTTP        bool // http:// to a host other than loopback
	maxRetries       int
	requestTimeout   time.Duration // zero: dli.DefaultRequestTimeout
}

// source tells where a value came from, for messages that must not show it.
type source struct {
	attribute, env string
	fromEnv        bool
	profile        string // set when the value came from an hcloud profile
}

func (s source) String() string {
	switch {
	case s.profile != "":
		return s.profile
	case s.fromEnv:
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
	diags := unknownAttributes(m)
	if diags.HasError() {
		return settings{}, diags
	}

	var s settings
	plan, credDiags := resolveCredentials(m, getenv)
	diags.Append(credDiags...)
	s.credentials = plan
	var profile hwauth.Profile
	if plan.profile != nil {
		profile = *plan.profile
	}

	// Region: attribute, HW_REGION_NAME, then the profile's.
	var regionSrc source
	s.region, regionSrc = lookup(m.Region, "region", envRegion, getenv)
	if s.region == "" && profile.Region != "" {
		s.region, regionSrc = profile.Region, source{attribute: "region", env: envRegion, profile: profile.String()}
	}
	cloud, cloudDiags := resolveCloud(m, getenv, s.region, regionSrc)
	diags.Append(cloudDiags...)

	endpoint, endpointDiags := resolveEndpoint(m, getenv, s.region, cloud)
	diags.Append(endpointDiags...)
	if endpoint != nil {
		s.endpoint, s.plainHTTP = endpoint.String(), isPlainHTTPToRemote(endpoint)
	}
	authURL, authURLFrom, authDiags := resolveAuthURL(m, getenv, s.region, cloud)
	diags.Append(authDiags...)
	s.authURL, s.authURLFrom = authURL, authURLFrom
	sts, _, stsDiags := resolveSTSEndpoint(m, getenv, s.region, cloud)
	diags.Append(stsDiags...)
	s.sts = sts

	// Project: project_id, HW_PROJECT_ID, the profile's; else looked up by name.
	s.projectID, _ = lookup(m.ProjectID, "project_id", envProjectID, getenv)
	if s.projectID == "" {
		s.projectID = profile.ProjectID
	}
	s.projectName, _ = lookup(m.ProjectName, "project_name", envProjectName, getenv)
	if s.projectName == "" {
		s.projectName = s.region
	}

	diags.Append(plan.checkAddresses(&s, authDiags.HasError() || stsDiags.HasError())...)

	// With OIDC, or HW_ASSUME_ROLE_IDP_ID set, the HW_ASSUME_ROLE_*
	// variables are OIDC's: assume_role is read from its block only.
	agencyEnv := getenv
	if plan.oidc != nil || strings.TrimSpace(getenv(envOIDCIdpID)) != "" {
		agencyEnv = func(string) string { return "" }
	}
	agency, agencyDiags := resolveAssumeRole(m, agencyEnv, profile)
	diags.Append(agencyDiags...)
	s.agency = agency
	s.authDescription = plan.description
	if agency != nil {
		s.authDescription = agency.AssumedWith(plan.description)
		if s.authURL == nil && !authDiags.HasError() {
			diags.AddAttributeError(path.Root("assume_role"), "Missing IAM address for assume_role",
				fmt.Sprintf("Assuming agency %q asks IAM for its keys, and IAM's address is derived from the region: set region (%s), or auth_url (%s).", agency.Name, envRegion, envAuthURL))
		}
	}

	metadata := strings.TrimSpace(getenv(envMetadataEndpoint))
	if metadata == "" {
		metadata = dli.DefaultMetadataEndpoint
	}
	u, err := dli.ParseEndpoint(metadata)
	if err != nil {
		diags.AddError("Invalid "+envMetadataEndpoint, fmt.Sprintf("The %s environment variable must be the ECS metadata service's base URL, such as %s: %v.", envMetadataEndpoint, dli.DefaultMetadataEndpoint, err))
	}
	s.metadataEndpoint = u

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
	s.requestTimeout, diags = resolveRequestTimeout(m, getenv, diags)
	return s, diags
}

// resolveRequestTimeout is request_timeout, else HW_REQUEST_TIMEOUT (the
// attribute's validator has checked it; the variable is checked here).
func resolveRequestTimeout(m providerModel, getenv func(string) string, diags diag.Diagnostics) (time.Duration, diag.Diagnostics) {
	raw, src := lookup(m.RequestTimeout, "request_timeout", envRequestTimeout, getenv)
	if raw == "" {
		return 0, diags
	}
	if detail, ok := durationProblem(src.String()+" (for request_timeout)", raw); !ok {
		diags.AddAttributeError(pathRequestTimeout, "Invalid "+envRequestTimeout, detail)
		return 0, diags
	}
	d, _ := time.ParseDuration(raw)
	return d, diags
}

// authMethod is how requests are authenticated: temporary keys from the
// metadata service or an agency are signed AK/SK with a security token.
func (s settings) authMethod() dli.AuthMethod {
	if s.agency != nil {
		return dli.AuthTemporaryAKSK
	}
	return s.baseAuthMethod()
}

// baseAuthMethod is how the base credentials (those that assume an agency,
// if any) authenticate.
func (s settings) baseAuthMethod() dli.AuthMethod {
	switch {
	case s.credentials.password != nil:
		return dli.AuthToken
	case s.credentials.static == nil:
		return dli.AuthTemporaryAKSK
	}
	return s.credentials.static.Method()
}

// authInUse describes the settings' credentials for error messages.
func (s settings) authInUse() authInUse {
	return authInUse{
		description: s.authDescription, method: s.authMethod(), baseMethod: s.baseAuthMethod(),
		iam: s.authURLFrom, maxRetries: s.maxRetries,
	}
}
