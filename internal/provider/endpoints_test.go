package provider

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/dli-terraform/terraform-provider-dli/internal/dli"
)

func TestDefaultEndpointIsDerivedFromRegionAndCloud(t *testing.T) {
	for _, tc := range []struct {
		model providerModel
		env   map[string]string
		want  string
	}{
		{providerModel{Region: types.StringValue("cn-north-4"), Cloud: types.StringValue("example.invalid")}, nil, "https://dli.cn-north-4.example.invalid"},
		{providerModel{}, map[string]string{"HW_REGION_NAME": "ap-southeast-1", "HW_CLOUD": "cloud.invalid"}, "https://dli.ap-southeast-1.cloud.invalid"},
		{providerModel{Region: types.StringValue("cn-north-4")}, nil, "https://dli.cn-north-4.myhuaweicloud.com"},
		// endpoint: attribute, then HW_DLI_ENDPOINT, then the default derived from region and cloud.
		{providerModel{Region: types.StringValue("cn-north-4")}, map[string]string{"HW_REGION_NAME": "other", "HW_DLI_ENDPOINT": "http://127.0.0.1:1"}, "http://127.0.0.1:1"},
		{providerModel{}, map[string]string{"HW_REGION_NAME": "other", "HW_DLI_ENDPOINT": "http://127.0.0.1:1"}, "http://127.0.0.1:1"},
		{providerModel{Region: types.StringValue(""), Endpoint: types.StringValue("")}, map[string]string{"HW_REGION_NAME": "ap-southeast-3"}, "https://dli.ap-southeast-3.myhuaweicloud.com"},
		{providerModel{Endpoint: types.StringValue("https://dli.attr.invalid/")}, map[string]string{"HW_DLI_ENDPOINT": "https://dli.env.invalid"}, "https://dli.attr.invalid"},
	} {
		tc.model.Token = types.StringValue("t")
		s, diags := resolveSettings(tc.model, envOf(tc.env))
		if diags.HasError() {
			t.Fatalf("%+v: %v", tc, diags)
		}
		if s.endpoint != tc.want {
			t.Errorf("endpoint = %q, want %q", s.endpoint, tc.want)
		}
	}
}

func TestRegionAndCloudMustBeHostNameParts(t *testing.T) {
	for _, m := range []providerModel{
		{Region: types.StringValue("x/"), Token: types.StringValue("t")},
		{Region: types.StringValue("cn-north-4"), Cloud: types.StringValue("evil.invalid/path"), Token: types.StringValue("t")},
	} {
		if _, diags := resolveSettings(m, envOf(nil)); !diags.HasError() {
			t.Errorf("%+v: want an error", m)
		}
	}
}

func TestPlainHTTPToARemoteHostIsFlagged(t *testing.T) {
	for endpoint, want := range map[string]bool{
		"http://dli.example.invalid": true, "http://10.1.2.3:80": true,
		"http://127.0.0.1:8080": false, "http://[::1]:1": false, "http://localhost:1": false, "https://dli.example.invalid": false,
	} {
		u, err := dli.ParseEndpoint(endpoint)
		if err != nil {
			t.Fatal(err)
		}
		if got := isPlainHTTPToRemote(u); got != want {
			t.Errorf("isPlainHTTPToRemote(%q) = %v, want %v", endpoint, got, want)
		}
	}
}

// getCloudDomain: the European regions' default domain is myhuaweicloud.eu,
// for DLI and IAM alike, unless cloud says otherwise.
func TestEuropeanRegionsDefaultToTheEuropeanDomain(t *testing.T) {
	for region, want := range map[string]string{"eu-west-101": "myhuaweicloud.eu", "eu-west-0": "myhuaweicloud.com", "cn-north-4": "myhuaweicloud.com"} {
		s, diags := resolveSettings(providerModel{Region: types.StringValue(region), Token: types.StringValue("t")}, envOf(nil))
		if diags.HasError() || s.endpoint != "https://dli."+region+"."+want || s.authURL.String() != "https://iam."+region+"."+want+"/v3" {
			t.Errorf("%s: endpoint %s, auth_url %v, want the %s domain", region, s.endpoint, s.authURL, want)
		}
	}
	s, _ := resolveSettings(providerModel{Region: types.StringValue("eu-west-101"), Cloud: types.StringValue("example.invalid"), Token: types.StringValue("t")}, envOf(nil))
	if s.endpoint != "https://dli.eu-west-101.example.invalid" {
		t.Fatalf("cloud must win: %s", s.endpoint)
	}
}

func TestProjectLookupSettings(t *testing.T) {
	s, _ := resolveSettings(providerModel{Region: types.StringValue("cn-north-4"), Token: types.StringValue("t")}, envOf(nil))
	if s.projectID != "" || s.projectName != "cn-north-4" || s.authURL.String() != "https://iam.cn-north-4.myhuaweicloud.com/v3" {
		t.Fatalf("defaults: %+v", s)
	}
	s, _ = resolveSettings(providerModel{Region: types.StringValue("cn-north-4"), Token: types.StringValue("t"), ProjectName: types.StringValue("cn-north-4_etl")},
		envOf(map[string]string{"HW_PROJECT_NAME": "env-name", "HW_AUTH_URL": "https://iam.example.invalid/v3"}))
	if s.projectName != "cn-north-4_etl" || s.authURL.String() != "https://iam.example.invalid/v3" {
		t.Fatalf("attribute and variable: %+v", s)
	}
}

// An invalid IAM or metadata URL is described as what it is, with its own
// example: the DLI endpoint's example in an auth_url error misled.
func TestInvalidURLErrorsNameTheirOwnSetting(t *testing.T) {
	for name, tc := range map[string]struct {
		model     providerModel
		env       map[string]string
		want, not string
	}{
		"auth_url attribute": {providerModel{AuthURL: types.StringValue("ftp://iam")}, nil, "iam.cn-north-4.myhuaweicloud.com/v3", "dli."},
		"HW_AUTH_URL":        {providerModel{}, map[string]string{"HW_AUTH_URL": "ftp://iam"}, "iam.cn-north-4.myhuaweicloud.com/v3", "dli."},
		"metadata":           {providerModel{}, map[string]string{"HW_ECS_METADATA_ENDPOINT": "169.254.169.254"}, "http://169.254.169.254", "dli."},
		"endpoint":           {providerModel{Endpoint: types.StringValue("dli.example.invalid")}, nil, "such as https://dli.cn-north-4.myhuaweicloud.com", "endpoint \"dli.example.invalid\" is not"},
	} {
		tc.model.Region = types.StringValue("cn-north-4")
		tc.model.Token = types.StringValue("t")
		_, diags := resolveSettings(tc.model, envOf(tc.env))
		if !diags.HasError() {
			t.Fatalf("%s: no error", name)
		}
		detail := diags.Errors()[0].Detail()
		if !strings.Contains(detail, tc.want) || strings.Contains(detail, tc.not) {
			t.Errorf("%s: %q, want it to mention %q and not %q", name, detail, tc.want, tc.not)
		}
	}
	var resp validator.StringResponse
	urlValidator{summary: "Invalid IAM auth_url", example: "https://iam.cn-north-4.myhuaweicloud.com/v3"}.ValidateString(context.Background(),
		validator.StringRequest{Path: path.Root("auth_url"), ConfigValue: types.StringValue("ftp://iam")}, &resp)
	if d := resp.Diagnostics.Errors(); len(d) != 1 || strings.Contains(d[0].Detail(), "dli.") || strings.Count(d[0].Detail(), "such as") != 1 {
		t.Errorf("auth_url validator: %v, want one example, IAM's", resp.Diagnostics)
	}
}
