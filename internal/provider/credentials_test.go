package provider

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/dli-terraform/terraform-provider-dli/internal/dli"
	"github.com/dli-terraform/terraform-provider-dli/internal/hwauth"
)

// profileFile writes an hcloud config with profiles default (AK/SK,
// region and project), sso, ci (with an agency) and ecs (ecsAgency).
func profileFile(t *testing.T) string {
	t.Helper()
	file := filepath.Join(t.TempDir(), "config.json")
	writeFile(t, file, `{"current":"default","profiles":[
 {"name":"default","mode":"AKSK","accessKeyId":"`+testAK+`","secretAccessKey":"`+testSK+`","region":"cn-north-4","projectId":"`+testProject+`"},
 {"name":"sso","mode":"SSO","ssoAuth":{"stsToken":{"accessKeyId":"`+testAK+`","secretAccessKey":"`+testSK+`","securityToken":"`+testSTS+`"}}},
 {"name":"ci","mode":"AKSK","accessKeyId":"CIAK","secretAccessKey":"ci-sk","agencyName":"dli-reader","agencyDomainName":"acme"},
 {"name":"ecs","mode":"ecsAgency"}]}`)
	return file
}

func TestTheFirstLayerThatGivesCredentialsIsUsedAsAWhole(t *testing.T) {
	file := profileFile(t)
	for name, tc := range map[string]struct {
		model    providerModel
		env      map[string]string
		want     dli.Credentials
		metadata bool
		auth     string
	}{
		"profile in the block beats keys in the environment": {
			providerModel{SharedConfigFile: types.StringValue(file)}, map[string]string{"HW_ACCESS_KEY": "env-ak", "HW_SECRET_KEY": "env-sk"},
			dli.Credentials{AccessKey: testAK, SecretKey: testSK}, false, "AK/SK signature from profile default in " + file},
		"keys in the block beat a profile in the environment": {
			providerModel{AccessKey: types.StringValue("ak"), SecretKey: types.StringValue("sk")}, map[string]string{"HW_PROFILE": "ci", "HW_SHARED_CONFIG_FILE": file},
			dli.Credentials{AccessKey: "ak", SecretKey: "sk"}, false, "AK/SK signature (access key from the provider block's access_key)"},
		"a profile in the environment": {
			providerModel{}, map[string]string{"HW_PROFILE": "sso", "HW_SHARED_CONFIG_FILE": file},
			dli.Credentials{AccessKey: testAK, SecretKey: testSK, SecurityToken: testSTS}, false, "temporary AK/SK signature with security token from profile sso in " + file},
		"the block's file with HW_PROFILE": {
			providerModel{SharedConfigFile: types.StringValue(file)}, map[string]string{"HW_PROFILE": "sso"},
			dli.Credentials{AccessKey: testAK, SecretKey: testSK, SecurityToken: testSTS}, false, "temporary AK/SK signature with security token from profile sso in " + file},
		"nothing anywhere: the ECS metadata service": {
			providerModel{}, nil, dli.Credentials{}, true, "temporary AK/SK from the ECS metadata service"},
		"an ecsAgency profile: the ECS metadata service": {
			providerModel{Profile: types.StringValue("ecs"), SharedConfigFile: types.StringValue(file)}, nil, dli.Credentials{}, true,
			"temporary AK/SK from the ECS metadata service (profile ecs in " + file + ")"},
	} {
		t.Run(name, func(t *testing.T) {
			tc.model.Region = types.StringValue("cn-north-4")
			s, diags := resolveSettings(tc.model, envOf(tc.env))
			if diags.HasError() {
				t.Fatal(diags)
			}
			if (s.credentials.static == nil) != tc.metadata || staticCredentials(s) != tc.want {
				t.Fatalf("credentials %+v (metadata: %v), want %+v (metadata: %v)", staticCredentials(s), s.credentials.static == nil, tc.want, tc.metadata)
			}
			if s.authDescription != tc.auth {
				t.Fatalf("auth %q, want %q", s.authDescription, tc.auth)
			}
		})
	}
}

func TestTwoWaysInOneLayerAreAConflictNamingBoth(t *testing.T) {
	file := profileFile(t)
	for name, tc := range map[string]struct {
		model providerModel
		env   map[string]string
		want  []string
	}{
		"profile and keys in the block": {providerModel{Profile: types.StringValue("ci"), SharedConfigFile: types.StringValue(file), AccessKey: types.StringValue("a")}, nil,
			[]string{"in the provider block", "AK/SK (access_key)", "an hcloud profile (profile, shared_config_file)"}},
		"profile and token in the environment": {providerModel{}, map[string]string{"HW_PROFILE": "ci", "HW_AUTH_TOKEN": "t"},
			[]string{"in the environment", "a token (HW_AUTH_TOKEN)", "an hcloud profile (HW_PROFILE)"}},
	} {
		t.Run(name, func(t *testing.T) {
			tc.model.Region = types.StringValue("r")
			_, diags := resolveSettings(tc.model, envOf(tc.env))
			if !diags.HasError() || diags[0].Summary() != "Conflicting DLI credentials" {
				t.Fatalf("diags = %v", diags)
			}
			for _, want := range tc.want {
				if !strings.Contains(diags[0].Detail(), want) {
					t.Errorf("%q lacks %q", diags[0].Detail(), want)
				}
			}
		})
	}
}

func TestAnUnusableProfileIsAConfigurationErrorNamingFileAndProfile(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "missing.json")
	_, diags := resolveSettings(providerModel{Region: types.StringValue("r"), Profile: types.StringValue("ci"), SharedConfigFile: types.StringValue(missing)}, envOf(nil))
	if !diags.HasError() || diags[0].Summary() != "Invalid hcloud profile" {
		t.Fatalf("diags = %v", diags)
	}
	for _, want := range []string{missing, `"ci"`, "does not exist", "HW_PROFILE", "HW_SHARED_CONFIG_FILE"} {
		if !strings.Contains(diags[0].Detail(), want) {
			t.Errorf("%q lacks %q", diags[0].Detail(), want)
		}
	}
}

func TestTheProfileGivesRegionAndProjectUnlessTheConfigurationDoes(t *testing.T) {
	file := profileFile(t)
	s, diags := resolveSettings(providerModel{SharedConfigFile: types.StringValue(file)}, envOf(nil))
	if diags.HasError() || s.region != "cn-north-4" || s.projectID != testProject || s.endpoint != "https://dli.cn-north-4.myhuaweicloud.com" {
		t.Fatalf("from the profile: %+v %v", s, diags)
	}
	s, _ = resolveSettings(providerModel{SharedConfigFile: types.StringValue(file), Region: types.StringValue("ap-southeast-3")},
		envOf(map[string]string{"HW_PROJECT_ID": "env-project"}))
	if s.region != "ap-southeast-3" || s.projectID != "env-project" {
		t.Fatalf("the configuration must win: %+v", s)
	}
}

func TestAssumeRolePrecedence(t *testing.T) {
	file := profileFile(t)
	block := &assumeRoleModel{AgencyName: types.StringValue("block-agency"), DomainName: types.StringValue("block-domain"), Duration: wholeNumberValue(1800)}
	env := map[string]string{"HW_ASSUME_ROLE_AGENCY_NAME": "env-agency", "HW_ASSUME_ROLE_DOMAIN_NAME": "env-domain", "HW_ASSUME_ROLE_DURATION": "7200"}
	for name, tc := range map[string]struct {
		model providerModel
		env   map[string]string
		want  *hwauth.Agency
	}{
		"block":                    {providerModel{AssumeRole: block}, env, &hwauth.Agency{Name: "block-agency", Domain: "block-domain", Duration: 30 * time.Minute}},
		"environment":              {providerModel{}, env, &hwauth.Agency{Name: "env-agency", Domain: "env-domain", Duration: 2 * time.Hour}},
		"profile":                  {providerModel{Profile: types.StringValue("ci"), SharedConfigFile: types.StringValue(file)}, nil, &hwauth.Agency{Name: "dli-reader", Domain: "acme", Duration: time.Hour}},
		"environment over profile": {providerModel{Profile: types.StringValue("ci"), SharedConfigFile: types.StringValue(file)}, env, &hwauth.Agency{Name: "env-agency", Domain: "env-domain", Duration: 2 * time.Hour}},
		"none":                     {providerModel{}, nil, nil},
		"environment, longest":     {providerModel{}, map[string]string{"HW_ASSUME_ROLE_AGENCY_NAME": "a", "HW_ASSUME_ROLE_DOMAIN_NAME": "d", "HW_ASSUME_ROLE_DURATION": "43200"}, &hwauth.Agency{Name: "a", Domain: "d", Duration: 12 * time.Hour}},
		"environment, shortest":    {providerModel{}, map[string]string{"HW_ASSUME_ROLE_AGENCY_NAME": "a", "HW_ASSUME_ROLE_DOMAIN_NAME": "d", "HW_ASSUME_ROLE_DURATION": "900"}, &hwauth.Agency{Name: "a", Domain: "d", Duration: 15 * time.Minute}},
	} {
		t.Run(name, func(t *testing.T) {
			tc.model.Region = types.StringValue("r")
			if tc.model.Profile.IsNull() {
				tc.model.Token = types.StringValue("t")
			}
			s, diags := resolveSettings(tc.model, envOf(tc.env))
			if diags.HasError() {
				t.Fatal(diags)
			}
			if (s.agency == nil) != (tc.want == nil) || (s.agency != nil && *s.agency != *tc.want) {
				t.Fatalf("agency %+v, want %+v", s.agency, tc.want)
			}
		})
	}
	for name, tc := range map[string]struct {
		model providerModel
		env   map[string]string
		want  string
	}{
		"no domain":             {providerModel{}, map[string]string{"HW_ASSUME_ROLE_AGENCY_NAME": "a"}, "Missing agency domain"},
		"empty block":           {providerModel{AssumeRole: &assumeRoleModel{}}, nil, "Missing agency name"},
		"duration in env":       {providerModel{}, map[string]string{"HW_ASSUME_ROLE_AGENCY_NAME": "a", "HW_ASSUME_ROLE_DOMAIN_NAME": "d", "HW_ASSUME_ROLE_DURATION": "60"}, "Invalid HW_ASSUME_ROLE_DURATION"},
		"duration in env 899":   {providerModel{}, map[string]string{"HW_ASSUME_ROLE_AGENCY_NAME": "a", "HW_ASSUME_ROLE_DOMAIN_NAME": "d", "HW_ASSUME_ROLE_DURATION": "899"}, "Invalid HW_ASSUME_ROLE_DURATION"},
		"duration in env 43201": {providerModel{}, map[string]string{"HW_ASSUME_ROLE_AGENCY_NAME": "a", "HW_ASSUME_ROLE_DOMAIN_NAME": "d", "HW_ASSUME_ROLE_DURATION": "43201"}, "Invalid HW_ASSUME_ROLE_DURATION"},
	} {
		t.Run(name, func(t *testing.T) {
			tc.model.Region, tc.model.Token = types.StringValue("r"), types.StringValue("t")
			if _, diags := resolveSettings(tc.model, envOf(tc.env)); !diags.HasError() || diags[0].Summary() != tc.want {
				t.Fatalf("diags = %v, want %q", diags, tc.want)
			}
		})
	}
}

// The account the agency call names: domain_id, HW_DOMAIN_ID, the
// profile's domainId; else none (IAM is asked at the first agency call).
func TestAgencyDomainIDPrecedence(t *testing.T) {
	file := filepath.Join(t.TempDir(), "config.json")
	writeFile(t, file, `{"current":"ci","profiles":[{"name":"ci","mode":"AKSK","accessKeyId":"CIAK","secretAccessKey":"ci-sk","agencyName":"dli-reader","agencyDomainName":"acme","domainId":"profile-id"}]}`)
	profile := providerModel{SharedConfigFile: types.StringValue(file)}
	withAttr := profile
	withAttr.DomainID = types.StringValue("attr-id")
	for name, tc := range map[string]struct {
		model providerModel
		env   map[string]string
		want  string
	}{
		"attribute":       {withAttr, map[string]string{"HW_DOMAIN_ID": "env-id"}, "attr-id"},
		"environment":     {profile, map[string]string{"HW_DOMAIN_ID": "env-id"}, "env-id"},
		"profile":         {profile, nil, "profile-id"},
		"none: looked up": {providerModel{Token: types.StringValue("t")}, map[string]string{"HW_ASSUME_ROLE_AGENCY_NAME": "a", "HW_ASSUME_ROLE_DOMAIN_NAME": "d"}, ""},
		"empty attribute": {providerModel{Token: types.StringValue("t"), DomainID: types.StringValue("")}, map[string]string{"HW_ASSUME_ROLE_AGENCY_NAME": "a", "HW_ASSUME_ROLE_DOMAIN_NAME": "d", "HW_DOMAIN_ID": "env-id"}, "env-id"},
	} {
		t.Run(name, func(t *testing.T) {
			tc.model.Region = types.StringValue("r")
			s, diags := resolveSettings(tc.model, envOf(tc.env))
			if diags.HasError() || s.agency == nil {
				t.Fatalf("agency %+v, %v", s.agency, diags)
			}
			if s.agency.DomainID != tc.want {
				t.Fatalf("domain ID %q, want %q", s.agency.DomainID, tc.want)
			}
		})
	}
}

func TestNoTestEverAsksARealAddress(t *testing.T) {
	for k, want := range map[string]string{envMetadataEndpoint: closedMetadataEndpoint, envCloud: testCloud} {
		if got := os.Getenv(k); got != want {
			t.Errorf("%s = %q in the test process, want %q", k, got, want)
		}
		if got := fastOptions(nil).getenv(k); got != want {
			t.Errorf("fastOptions gives %s = %q, want %q", k, got, want)
		}
	}
	s, _ := resolveSettings(providerModel{Region: types.StringValue("cn-north-4"), Token: types.StringValue("t")}, fastOptions(nil).getenv)
	if s.endpoint != "https://dli.cn-north-4."+testCloud || s.authURL.Host != "iam.cn-north-4."+testCloud {
		t.Fatalf("a test's derived endpoints are %s and %s, want them in %s", s.endpoint, s.authURL, testCloud)
	}
}

// assume_role asks IAM, whose address comes from the region or auth_url:
// with neither, configuring fails and says so, before any request.
func TestAssumeRoleWithoutAnIAMAddressIsAConfigurationError(t *testing.T) {
	m := providerModel{Endpoint: types.StringValue("https://dli.example.invalid"), Token: types.StringValue("t")}
	env := map[string]string{"HW_ASSUME_ROLE_AGENCY_NAME": "dli-reader", "HW_ASSUME_ROLE_DOMAIN_NAME": "acme"}
	_, diags := resolveSettings(m, envOf(env))
	if !diags.HasError() || diags[0].Summary() != "Missing IAM address for assume_role" ||
		!strings.Contains(diags[0].Detail(), "HW_REGION_NAME") || !strings.Contains(diags[0].Detail(), "HW_AUTH_URL") {
		t.Fatalf("diags = %v, want the missing IAM address naming region and auth_url", diags)
	}
	m.AuthURL = types.StringValue("https://iam.example.invalid/v3")
	if _, diags := resolveSettings(m, envOf(env)); diags.HasError() {
		t.Fatalf("with auth_url: %v", diags)
	}
}

// As the docs say, and as the official provider does: an existing
// ~/.hcloud/config.json is read only when profile or shared_config_file is set.
func TestDefaultSharedConfigFileIsReadOnlyWhenAsked(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	if err := os.MkdirAll(filepath.Join(home, ".hcloud"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(profileFile(t), filepath.Join(home, ".hcloud", "config.json")); err != nil {
		t.Fatal(err)
	}
	none := func(string) string { return "" }
	plan, diags := resolveCredentials(providerModel{}, none)
	if diags.HasError() || plan.profile != nil || plan.static != nil {
		t.Fatalf("nothing set, yet the file was read: %+v %v", plan, diags)
	}
	plan, diags = resolveCredentials(providerModel{Profile: types.StringValue("default")}, none)
	if diags.HasError() || plan.profile == nil || plan.static == nil || plan.static.AccessKey != testAK {
		t.Fatalf("profile set, yet the default file was not read: %+v %v", plan, diags)
	}
}
