package provider

// Where the provider sends requests: the region and cloud domain, the DLI
// endpoint and IAM's auth_url derived from them, and their plan-time checks.

import (
	"context"
	"fmt"
	"net"
	"net/url"
	"regexp"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/dli-terraform/terraform-provider-dli/internal/dli"
)

// Names that become part of the default endpoint's host name.
var (
	regionPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	cloudPattern  = regexp.MustCompile(`^[a-z0-9]+([.-][a-z0-9]+)*\.[a-z]{2,}$`)
)

// resolveCloud: cloud, HW_CLOUD, else myhuaweicloud.eu for the European
// regions (eu-west-1xx) and myhuaweicloud.com for the rest.
func resolveCloud(m providerModel, getenv func(string) string, region string, regionSrc source) (string, diag.Diagnostics) {
	var diags diag.Diagnostics
	cloud, cloudSrc := lookup(m.Cloud, "cloud", envCloud, getenv)
	switch {
	case cloud != "":
	case strings.HasPrefix(region, europeRegionPrefix):
		cloud = defaultEuropeCloud
	default:
		cloud = defaultCloud
	}
	if region != "" && !regionPattern.MatchString(region) {
		diags.AddAttributeError(pathRegion, "Invalid DLI region",
			fmt.Sprintf("The region set by %s must be a region name such as cn-north-4 (lower-case letters, digits and hyphens), got %q.", regionSrc, region))
	}
	if !cloudPattern.MatchString(cloud) {
		diags.AddAttributeError(pathCloud, "Invalid cloud domain",
			fmt.Sprintf("The cloud set by %s must be a domain name such as myhuaweicloud.com, got %q.", cloudSrc, cloud))
	}
	return cloud, diags
}

// resolveEndpoint takes endpoint (attribute, then HW_DLI_ENDPOINT), or
// else derives the default https://dli.{region}.{cloud}. It returns nil
// with an error diagnostic when there is no valid endpoint.
func resolveEndpoint(m providerModel, getenv func(string) string, region, cloud string) (*url.URL, diag.Diagnostics) {
	var diags diag.Diagnostics
	endpoint, src := lookup(m.Endpoint, "endpoint", envEndpoint, getenv)
	if endpoint != "" {
		u, err := parseURLSetting(endpoint, endpointPath)
		if err != nil {
			diags.AddAttributeError(pathEndpoint, "Invalid DLI endpoint",
				fmt.Sprintf("The endpoint set by %s must be DLI's URL, such as %s, without query, fragment or user info: %v.", src, exampleEndpoint, err))
		}
		return u, diags
	}
	if region == "" {
		diags.AddAttributeError(pathRegion, "Missing DLI region",
			fmt.Sprintf("Set region (or the %s environment variable), e.g. cn-north-4, or set endpoint (%s) to the DLI endpoint URL.", envRegion, envEndpoint))
		return nil, diags
	}
	if !regionPattern.MatchString(region) || !cloudPattern.MatchString(cloud) {
		return nil, nil // resolveCloud has said why
	}
	return &url.URL{Scheme: "https", Host: "dli." + region + "." + cloud}, diags
}

// resolveAuthURL takes auth_url (attribute, then HW_AUTH_URL), or derives
// https://iam.{region}.{cloud}/v3. Without a region it is nil: no lookup.
// from says where the URL came from, for errors about reaching IAM.
func resolveAuthURL(m providerModel, getenv func(string) string, region, cloud string) (_ *url.URL, from string, _ diag.Diagnostics) {
	return derivedURL{attribute: "auth_url", env: envAuthURL, service: "IAM", host: "iam", path: "/v3", want: authURLPath, example: exampleAuthURL, summary: "Invalid IAM auth_url"}.
		resolve(m.AuthURL, getenv, region, cloud)
}

// resolveSTSEndpoint takes sts_endpoint (attribute, then HW_STS_ENDPOINT),
// or derives https://sts.{region}.{cloud}; nil without a region.
func resolveSTSEndpoint(m providerModel, getenv func(string) string, region, cloud string) (_ *url.URL, from string, _ diag.Diagnostics) {
	return derivedURL{attribute: "sts_endpoint", env: envSTSEndpoint, service: "STS", host: "sts", want: endpointPath, example: exampleSTSEndpoint, summary: "Invalid STS endpoint"}.
		resolve(m.STSEndpoint, getenv, region, cloud)
}

// derivedURL is a service's URL setting whose default is derived from the
// region and cloud: https://{host}.{region}.{cloud}{path}.
type derivedURL struct {
	attribute, env, service string
	host, path              string
	want                    expectedPath // of a configured URL
	example, summary        string
}

func (d derivedURL) resolve(v types.String, getenv func(string) string, region, cloud string) (*url.URL, string, diag.Diagnostics) {
	var diags diag.Diagnostics
	raw, src := lookup(v, d.attribute, d.env, getenv)
	if raw == "" {
		if region == "" || !regionPattern.MatchString(region) || !cloudPattern.MatchString(cloud) {
			return nil, "", nil
		}
		u := &url.URL{Scheme: "https", Host: d.host + "." + region + "." + cloud, Path: d.path}
		return u, fmt.Sprintf("%s, derived from the region %q and cloud %q (neither %s nor %s is set)", u, region, cloud, d.attribute, d.env), nil
	}
	u, err := parseURLSetting(raw, d.want)
	if err != nil {
		diags.AddAttributeError(path.Root(d.attribute), d.summary,
			fmt.Sprintf("The %s set by %s must be %s's URL, such as %s, without query, fragment or user info: %v.", d.attribute, src, d.service, d.example, err))
		return nil, "", diags
	}
	return u, fmt.Sprintf("%s, set by %s", u, src), diags
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

// The examples that errors about a URL setting give.
const (
	exampleEndpoint    = "https://dli.cn-north-4.myhuaweicloud.com"
	exampleAuthURL     = "https://iam.cn-north-4.myhuaweicloud.com/v3"
	exampleSTSEndpoint = "https://sts.cn-north-4.myhuaweicloud.com"
)

// The paths the provider expects of its URL settings: the DLI endpoint
// has none (the provider adds /v1.0/{project_id}/… and /v2.0/{project_id}/…
// itself), and IAM's auth_url ends in its API version, /v3.
var (
	endpointPath = expectedPath{suffix: "", says: "no path: the provider adds /v1.0/{project_id}/… and /v2.0/{project_id}/… itself"}
	authURLPath  = expectedPath{suffix: "/v3", says: "a path that ends in /v3, IAM's API version"}
)

type expectedPath struct{ suffix, says string }

// parseURLSetting is dli.ParseEndpoint, and the path check of the setting.
func parseURLSetting(raw string, want expectedPath) (*url.URL, error) {
	u, err := dli.ParseEndpoint(raw)
	if err != nil {
		return nil, err
	}
	if (want.suffix == "" && u.Path != "") || !strings.HasSuffix(u.Path, want.suffix) {
		return nil, fmt.Errorf("%q has the path %q, where it must have %s", u.Redacted(), u.Path, want.says)
	}
	return u, nil
}

// urlValidator checks a configured endpoint URL at validate time.
type urlValidator struct {
	summary, example string
	path             expectedPath
}

func (v urlValidator) Description(context.Context) string {
	return "must be an http(s) URL such as " + v.example
}

func (v urlValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v urlValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if _, err := parseURLSetting(req.ConfigValue.ValueString(), v.path); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, v.summary,
			fmt.Sprintf("%s must be an http(s) URL such as %s, without query, fragment or user info: %v.", req.Path, v.example, err))
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
