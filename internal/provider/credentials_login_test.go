package provider

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"
)

// Half-given password logins and OIDC blocks fail when configuring (at
// plan time, before any request), naming the attributes and variables.
func TestIncompleteLoginsAreConfigurationErrors(t *testing.T) {
	oidc := func(token, file string) *oidcModel {
		o := &oidcModel{AgencyName: types.StringValue("ci"), DomainID: types.StringValue("d"), IdpID: types.StringValue("idp"),
			IDToken: types.StringNull(), IDTokenFile: types.StringNull(), Duration: wholeNumber{Int64Value: types.Int64Null()}}
		if token != "" {
			o.IDToken = types.StringValue(token)
		}
		if file != "" {
			o.IDTokenFile = types.StringValue(file)
		}
		return o
	}
	missingFile := filepath.Join(t.TempDir(), "no-token")
	for name, tc := range map[string]struct {
		model providerModel
		env   map[string]string
		want  []string // the summary, then what the detail names
	}{
		"password without a user": {providerModel{Password: types.StringValue("pw")}, nil,
			[]string{"Missing IAM user", "user_name (HW_USER_NAME)", "user_id (HW_USER_ID)", "domain_name or domain_id"}},
		"user without a password": {providerModel{}, map[string]string{envUserName: "alice", envDomainName: "acme"},
			[]string{"Missing password", "the HW_USER_NAME environment variable", "password (HW_USER_PASSWORD)"}},
		"user name without its account": {providerModel{UserName: types.StringValue("alice"), Password: types.StringValue("pw")}, nil,
			[]string{"Missing account of the IAM user", "domain_name (HW_DOMAIN_NAME)", "domain_id (HW_DOMAIN_ID)"}},
		"user name and user ID": {providerModel{UserName: types.StringValue("alice"), UserID: types.StringValue("id"), Password: types.StringValue("pw")}, nil,
			[]string{"Conflicting IAM user", "user_name (HW_USER_NAME)", "user_id (HW_USER_ID)"}},
		"id_token and id_token_file in the block": {providerModel{AssumeRoleWithOIDC: oidc("eyJ", missingFile)}, nil,
			[]string{"Conflicting ID token", "assume_role_with_oidc.id_token", "assume_role_with_oidc.id_token_file", envOIDCIDToken, envOIDCIDTokenFile}},
		"id_token and id_token_file in the environment": {providerModel{},
			map[string]string{envOIDCIdpID: "idp", envAgencyName: "ci", envOIDCDomainID: "d", envOIDCIDToken: "eyJ", envOIDCIDTokenFile: missingFile},
			[]string{"Conflicting ID token", "the HW_ASSUME_ROLE_ID_TOKEN environment variable", "the HW_ASSUME_ROLE_ID_TOKEN_FILE environment variable"}},
		"neither id_token nor id_token_file": {providerModel{AssumeRoleWithOIDC: oidc("", "")}, nil,
			[]string{"Missing ID token", "exactly one of id_token (HW_ASSUME_ROLE_ID_TOKEN) and id_token_file (HW_ASSUME_ROLE_ID_TOKEN_FILE)"}},
		"a token file that is not there": {providerModel{AssumeRoleWithOIDC: oidc("", missingFile)}, nil,
			[]string{"Unreadable ID token file", missingFile}},
		"an OIDC duration over an hour from the environment": {providerModel{},
			map[string]string{envOIDCIdpID: "idp", envAgencyName: "ci", envOIDCDomainID: "d", envOIDCIDToken: "eyJ", envAgencyDuration: "3601"},
			[]string{"Invalid HW_ASSUME_ROLE_DURATION", "assume_role_with_oidc's duration", "from 900 to 3600", `"3601"`}},
		"no identity provider": {providerModel{AssumeRoleWithOIDC: &oidcModel{AgencyName: types.StringValue("ci"), DomainID: types.StringValue("d"), IDToken: types.StringValue("eyJ")}}, nil,
			[]string{"Missing assume_role_with_oidc idp_id", "HW_ASSUME_ROLE_IDP_ID"}},
	} {
		t.Run(name, func(t *testing.T) {
			tc.model.Region = types.StringValue("cn-north-4")
			_, diags := resolveSettings(tc.model, envOf(tc.env))
			if !diags.HasError() || diags[0].Summary() != tc.want[0] {
				t.Fatalf("diags = %v, want %q", diags, tc.want[0])
			}
			for _, want := range tc.want[1:] {
				if !strings.Contains(diags[0].Detail(), want) {
					t.Errorf("%q lacks %q", diags[0].Detail(), want)
				}
			}
		})
	}
}

// A password login asks IAM and is scoped to a project; OIDC asks IAM and
// STS: without a region to derive them from, configuring says what to set.
func TestLoginsWithoutTheirAddressesAreConfigurationErrors(t *testing.T) {
	endpoint := types.StringValue("https://dli.example.invalid")
	password := providerModel{Endpoint: endpoint, UserID: types.StringValue("id"), Password: types.StringValue("pw")}
	_, diags := resolveSettings(password, envOf(nil))
	if !hasSummary(diags.Errors(), "Missing IAM address") || !hasSummary(diags.Errors(), "Missing project for the password login") {
		t.Fatalf("diags = %v", diags)
	}
	password.AuthURL, password.ProjectID = types.StringValue("https://iam.example.invalid/v3"), types.StringValue("p")
	if s, diags := resolveSettings(password, envOf(nil)); diags.HasError() || s.credentials.password.ProjectID != "p" || s.credentials.password.ProjectName != "" {
		t.Fatalf("with auth_url and project_id: %+v %v, want the login scoped by project ID", s.credentials.password, diags)
	}
	oidc := map[string]string{envOIDCIdpID: "idp", envAgencyName: "ci", envOIDCDomainID: "d", envOIDCIDToken: "eyJ", envAuthURL: "https://iam.example.invalid/v3"}
	_, diags = resolveSettings(providerModel{Endpoint: endpoint}, envOf(oidc))
	if !hasSummary(diags.Errors(), "Missing STS address") || !strings.Contains(diags.Errors()[0].Detail(), "an OIDC ID token asks STS") ||
		!strings.Contains(diags.Errors()[0].Detail(), "sts_endpoint (HW_STS_ENDPOINT)") {
		t.Fatalf("diags = %v", diags)
	}
	oidc[envSTSEndpoint] = "https://sts.example.invalid"
	if s, diags := resolveSettings(providerModel{Endpoint: endpoint}, envOf(oidc)); diags.HasError() || s.sts.String() != "https://sts.example.invalid" {
		t.Fatalf("with HW_STS_ENDPOINT: %v %v", s.sts, diags)
	}
}

// Without a project ID, the login is scoped to the project named after the
// region (or project_name); STS's address follows region and cloud.
func TestPasswordScopeAndSTSFollowTheRegion(t *testing.T) {
	m := providerModel{Region: types.StringValue("eu-west-101"), UserID: types.StringValue("id"), Password: types.StringValue("pw")}
	s, diags := resolveSettings(m, envOf(nil))
	if diags.HasError() || s.credentials.password.ProjectName != "eu-west-101" || s.credentials.password.ProjectID != "" {
		t.Fatalf("%+v %v, want the login scoped to the region's project by name", s.credentials.password, diags)
	}
	if s.sts.String() != "https://sts.eu-west-101.myhuaweicloud.eu" {
		t.Fatalf("STS at %s, want it derived from the region and its cloud", s.sts)
	}
	s, _ = resolveSettings(m, envOf(map[string]string{envProjectName: "eu-west-101_dev"}))
	if s.credentials.password.ProjectName != "eu-west-101_dev" {
		t.Fatalf("scope %+v, want project_name's", s.credentials.password)
	}
}

func hasSummary[T interface{ Summary() string }](diags []T, summary string) bool {
	for _, d := range diags {
		if d.Summary() == summary {
			return true
		}
	}
	return false
}
