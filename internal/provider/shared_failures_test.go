package provider

import (
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/dli-terraform/terraform-provider-dli/internal/dli"
	"github.com/dli-terraform/terraform-provider-dli/internal/dlimock"
	"github.com/dli-terraform/terraform-provider-dli/internal/hwauth"
)

// Wrong credentials are one failure, told the same way (summary, which
// credentials from where, the advice) whichever call met them first: the
// project lookup, the agency call or a DLI read. Through the real CLI, so
// that the whole error a user reads is compared.
func TestAccAuthenticationFailure_sameWhicheverCallMetItFirst(t *testing.T) {
	const advice = "Check that the access key is current and belongs to this account, and that this machine's clock is right (signatures expire after 15 minutes)."
	for name, tc := range map[string]struct {
		project string // the provider's project_id line, if any
		env     []string
		refused string // the credentials the error must name
	}{
		"the project lookup": {refused: "IAM did not accept AK/SK signature (access key from the provider block's access_key)."},
		"a DLI read":         {project: `project_id = "` + testProject + `"`, refused: "DLI did not accept AK/SK signature (access key from the provider block's access_key)."},
		"the agency call": {env: []string{envAgencyName + "=dli-reader", envAgencyDomain + "=acme"},
			refused: `IAM did not accept the credentials that assume agency "dli-reader" of domain "acme": AK/SK signature (access key from the provider block's access_key).`},
	} {
		t.Run(name, func(t *testing.T) {
			srv := newMock(t)
			srv.Mock.AddProject("cn-north-4", testProject)
			srv.Mock.AddAgency("acme", "dli-reader")
			dir := t.TempDir()
			// The right access key with a wrong secret key: a signature IAM and DLI both refuse.
			provider := strings.Replace(regionProvider(srv, "max_retries = 0", tc.project), testSK, "not-"+testSK, 1)
			writeFile(t, filepath.Join(dir, "main.tf"), requiredProviders+provider+batchConfig(`batch_id = "`+testBatch+`"`))
			res := runCLI(t, dir, tc.env, "plan", "-no-color", "-input=false")
			out := strings.Join(strings.Fields(res.stderr), " ")
			if res.err == nil {
				t.Fatalf("the plan succeeded with a wrong secret key:\n%s", res.stdout)
			}
			for _, want := range []string{"Error: DLI authentication failed", "verify aksk signature fail", tc.refused, advice} {
				if !strings.Contains(out, want) {
					t.Errorf("the error does not say %q:\n%s", want, out)
				}
			}
			if strings.Contains(out, "project_id") || strings.Contains(out, "not-"+testSK) {
				t.Errorf("the error blames the project lookup or shows the secret key:\n%s", out)
			}
		})
	}
}

// A new IAM call (say, the domain lookup) plugs in by returning the
// client's typed error: its 401 reads as every other call's.
func TestAuthenticationFailureOfAnyIAMCallReadsTheSame(t *testing.T) {
	auth := authInUse{description: "AK/SK signature (access key from X)", method: dli.AuthAKSK, iam: "https://iam.example.invalid/v3, set by X"}
	refused := &dli.APIError{Class: dli.ClassAuthentication, StatusCode: 401, Code: "APIGW.0301", Service: dli.ServiceIAM, Subject: "the IAM domains"}
	for name, err := range map[string]error{
		"bare":              refused,
		"in a lookup":       &hwauth.ProjectError{Name: "cn-north-4", AuthURL: "https://iam.example.invalid/v3", Err: refused},
		"wrapped with %w":   fmt.Errorf("looking up the domain ID: %w", refused),
		"as a credential's": &dli.CredentialsError{Err: fmt.Errorf("domain: %w", refused)},
	} {
		d := readErrorDiagnostic(err, batchSubject, auth, 0)
		if d.Summary() != "DLI authentication failed" || !strings.HasPrefix(d.Detail(), refused.Error()) ||
			!strings.Contains(d.Detail(), "IAM did not accept AK/SK signature (access key from X). "+authAdvice(dli.AuthAKSK)) {
			t.Errorf("%s: %q: %q", name, d.Summary(), d.Detail())
		}
	}
}

// IAM out of reach names auth_url, HW_AUTH_URL and the URL in use, and
// where that came from: with a private DLI endpoint, IAM is still derived
// from the region unless auth_url is set.
func TestAccIAM_unreachableNamesAuthURLAndTheURLInUse(t *testing.T) {
	closed := closedURL(t)
	for name, tc := range map[string]struct {
		authURL string   // the provider's auth_url line, if any
		env     []string // beyond the agency's
		want    string
	}{
		"derived from the region": {
			want: `Could not reach IAM.*could not reach IAM after 1 attempt.*IAM's address is https://iam\.cn-north-4\.never-huawei\.invalid/v3, derived from the region "cn-north-4" and cloud "never-huawei\.invalid" \(neither auth_url nor HW_AUTH_URL is set\).*Set auth_url \(HW_AUTH_URL\).*private endpoint.*or set project_id \(HW_PROJECT_ID\)`},
		"set by HW_AUTH_URL": {env: []string{envAuthURL + "=" + closed + "/v3"},
			want: `Could not reach IAM.*IAM's address is ` + regexp.QuoteMeta(closed) + `/v3, set by the HW_AUTH_URL environment variable`},
		"the agency call": {authURL: fmt.Sprintf("auth_url = %q", closed+"/v3"), env: []string{envAgencyName + "=dli-reader", envAgencyDomain + "=acme"},
			want: `Could not reach IAM.*assuming agency "dli-reader" of domain "acme" with AK/SK signature .* failed: .*could not reach IAM.*set by the provider block's auth_url\. Set auth_url \(HW_AUTH_URL\) to an IAM endpoint this machine can reach \(with a private DLI endpoint, IAM's private endpoint\); check`},
	} {
		t.Run(name, func(t *testing.T) {
			srv := newMock(t) // DLI's private endpoint
			dir := t.TempDir()
			writeFile(t, filepath.Join(dir, "main.tf"), requiredProviders+fmt.Sprintf(`
provider "dli" {
  region      = "cn-north-4"
  endpoint    = %q
  access_key  = %q
  secret_key  = %q
  max_retries = 0
  %s
}
`, srv.URL, testAK, testSK, tc.authURL)+batchConfig(`batch_id = "`+testBatch+`"`))
			res := runCLI(t, dir, tc.env, "plan", "-no-color", "-input=false")
			out := strings.Join(strings.Fields(res.stderr), " ")
			if res.err == nil || !regexp.MustCompile(tc.want).MatchString(out) {
				t.Fatalf("want %s; got %v:\n%s", tc.want, res.err, out)
			}
			if strings.Contains(name, "agency") && strings.Contains(out, "project_id") {
				t.Errorf("an agency that cannot be reached is no project lookup's fault:\n%s", out)
			}
			if n := srv.Mock.Calls("batch_state"); n != 0 {
				t.Fatalf("%d DLI reads", n)
			}
		})
	}
}

// A region is demanded by name when the project must be looked up and
// none is set, whatever the credentials (here the metadata service's), and
// before any credentials are fetched.
func TestAccRegion_demandedForTheProjectLookup(t *testing.T) {
	srv := dlimock.NewServer(dlimock.New(dlimock.Credentials{}), nil, false)
	t.Cleanup(srv.Close)
	srv.Mock.ServeMetadata()
	accTestEnv(t, map[string]string{envMetadataEndpoint: srv.URL, envEndpoint: srv.URL}, resource.TestStep{
		Config:      "provider \"dli\" {}\n" + batchConfig(`batch_id = "`+testBatch+`"`),
		ExpectError: expectError(`Missing DLI region.*no region is set: set region \(or the HW_REGION_NAME environment variable\)`),
	})
	if n := srv.Mock.Calls("securitykey"); n != 0 {
		t.Fatalf("%d metadata calls before the region was demanded", n)
	}
}

// A refused agency met by the project lookup: the agency's refusal opens
// the detail, not the lookup that needed its keys.
func TestAgencyRefusalComesFirst(t *testing.T) {
	refused := &dli.APIError{Class: dli.ClassPermission, StatusCode: 403, Service: dli.ServiceIAM, Message: "You have no right to assume agency dli-reader of domain acme."}
	agency := &hwauth.AgencyError{Agency: hwauth.Agency{Name: "dli-reader", Domain: "acme"}, Base: "AK/SK signature (access key from X)", Err: refused}
	err := &hwauth.ProjectError{Name: "cn-north-4", AuthURL: "https://iam.example.invalid/v3", Err: &dli.CredentialsError{Err: agency}}
	d := readErrorDiagnostic(err, batchSubject, authInUse{}, 0)
	if d.Summary() != "Could not assume the IAM agency" || !strings.HasPrefix(d.Detail(), `assuming agency "dli-reader" of domain "acme"`) || strings.Contains(d.Detail(), "IAM project") {
		t.Fatalf("%q: %q", d.Summary(), d.Detail())
	}
}
