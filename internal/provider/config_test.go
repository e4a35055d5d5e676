package provider

import (
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"
)

func envOf(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestDefaultEndpointIsDerivedFromRegionAndCloud(t *testing.T) {
	for _, tc := range []struct {
		model providerModel
		env   map[string]string
		want  string
	}{
		{providerModel{Region: types.StringValue("cn-north-4"), Cloud: types.StringValue("example.invalid")}, nil, "https://dli.cn-north-4.example.invalid"},
		{providerModel{}, map[string]string{"HW_REGION_NAME": "ap-southeast-1", "HW_CLOUD": "cloud.invalid"}, "https://dli.ap-southeast-1.cloud.invalid"},
		{providerModel{Region: types.StringValue("cn-north-4")}, nil, "https://dli.cn-north-4.myhuaweicloud.com"},
		{providerModel{Region: types.StringValue("cn-north-4")}, map[string]string{"HW_REGION_NAME": "other", "HW_DLI_ENDPOINT": "http://127.0.0.1:1"}, "http://127.0.0.1:1"},
		{providerModel{Endpoint: types.StringValue("https://dli.attr.invalid/")}, map[string]string{"HW_DLI_ENDPOINT": "https://dli.env.invalid"}, "https://dli.attr.invalid/"},
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

func TestSettingsPrecedenceAndDefaults(t *testing.T) {
	env := map[string]string{"HW_PROJECT_ID": "env-project", "HW_MAX_RETRIES": "2", "HW_INSECURE": "true", "HW_REGION_NAME": "r"}
	m := providerModel{Token: types.StringValue("t")}
	s, diags := resolveSettings(m, envOf(env))
	if diags.HasError() {
		t.Fatal(diags)
	}
	if s.projectID != "env-project" || s.maxRetries != 2 || !s.insecure {
		t.Fatalf("from env: %+v", s)
	}
	m.ProjectID, m.MaxRetries, m.Insecure = types.StringValue("attr-project"), types.Int64Value(0), types.BoolValue(false)
	if s, _ = resolveSettings(m, envOf(env)); s.projectID != "attr-project" || s.maxRetries != 0 || s.insecure {
		t.Fatalf("attributes must win: %+v", s)
	}
	if s, _ = resolveSettings(providerModel{Token: types.StringValue("t"), Region: types.StringValue("r")}, envOf(nil)); s.maxRetries != 5 || s.insecure {
		t.Fatalf("defaults: %+v", s)
	}
}

func TestAuthDescriptionNamesSourcesNeverValues(t *testing.T) {
	m := providerModel{Region: types.StringValue("r"), SecretKey: types.StringValue("sk-value-xyz")}
	s, diags := resolveSettings(m, envOf(map[string]string{"HW_ACCESS_KEY": "ak-value-xyz", "HW_SECURITY_TOKEN": "st-value-xyz"}))
	if diags.HasError() {
		t.Fatal(diags)
	}
	want := "temporary AK/SK signature with security token (access key from the HW_ACCESS_KEY environment variable, security token from the HW_SECURITY_TOKEN environment variable)"
	if s.authDescription != want {
		t.Fatalf("auth = %q, want %q", s.authDescription, want)
	}
	if strings.Contains(s.authDescription, "value-xyz") {
		t.Fatal("auth description leaks a credential")
	}
}

func TestUnknownProviderValuesAreAnError(t *testing.T) {
	_, diags := resolveSettings(providerModel{Region: types.StringUnknown(), Token: types.StringValue("t")}, envOf(nil))
	if !diags.HasError() || !strings.Contains(diags[0].Detail(), "region is unknown") {
		t.Fatalf("diags = %v, want an error naming region", diags)
	}
}
