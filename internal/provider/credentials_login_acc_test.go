package provider

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/dli-terraform/terraform-provider-dli/internal/dli/sign"
	"github.com/dli-terraform/terraform-provider-dli/internal/dlimock"
)

// Acceptance tests of the 0.4 password login and assume_role_with_oidc:
// the real Terraform CLI against dlimock playing DLI, IAM and STS.

const (
	accPassword = "correct-horse-battery-staple"
	accIdp      = "github-actions"
	accJWT      = "eyJhbGciOiJSUzI1NiJ9.acceptance-id-token.signature"
)

// loginMock is a mock with user alice of acme, project cn-north-4, an
// identity provider taking accJWT and agencies dli-reader (of acme, by
// name) and ci-deployer (of testAgencyOwner, by URN at STS).
func loginMock(t *testing.T) *dlimock.Server {
	t.Helper()
	srv := newMock(t)
	srv.Mock.AddUser(dlimock.User{ID: "alice-id", Name: "alice", DomainName: "acme", Password: accPassword})
	srv.Mock.AddProject("cn-north-4", testProject)
	srv.Mock.SetIDTokens(accIdp, accJWT)
	srv.Mock.AddAgency("acme", "dli-reader")
	srv.Mock.AddSTSAgency(testAgencyOwner, "ci-deployer")
	srv.Mock.DefaultState = "running"
	return srv
}

// loginProvider puts DLI, IAM and STS on the mock, with extra lines.
func loginProvider(srv *dlimock.Server, extra ...string) string {
	return fmt.Sprintf(`
provider "dli" {
  region       = "cn-north-4"
  endpoint     = %q
  auth_url     = "%s/v3"
  sts_endpoint = %q
  max_retries  = 5
  %s
}
`, srv.URL, srv.URL, srv.URL, strings.Join(extra, "\n  "))
}

// requestsTo counts the requests the mock saw for path.
func requestsTo(srv *dlimock.Server, path string) int {
	n := 0
	for _, r := range srv.Mock.Requests() {
		if r.Path == path {
			n++
		}
	}
	return n
}

func TestAccPassword_loginOnceAndTheTokenNamesTheProject(t *testing.T) {
	srv := loginMock(t)
	accTest(t, resource.TestStep{
		Config: loginProvider(srv, `user_name = "alice"`, `domain_name = "acme"`, fmt.Sprintf("password = %q", accPassword)) + threeReads,
		// One login for three reads, and no project lookup: the token names it.
		ConfigPlanChecks: preApply(callsSoFar{srv, "password", 1}, callsSoFar{srv, "projects", 0}, callsSoFar{srv, "batch_state", 3}),
	})
	tokens := srv.Mock.Tokens()
	for _, r := range srv.Mock.Requests() {
		if strings.Contains(r.Path, "/batches/") && !slices.Contains(tokens, r.Header.Get("X-Auth-Token")) {
			t.Fatalf("%s did not carry a login's token as X-Auth-Token", r.Path)
		}
	}
}

// A wrong password is sent once, whatever max_retries, and reads as
// authentication failed naming the attributes and variables, never the value.
func TestAccPassword_refusedIsNeverRetried(t *testing.T) {
	srv := loginMock(t)
	env := map[string]string{envUserName: "alice", envDomainName: "acme", envPassword: "wrong-password-0815"}
	accTestEnv(t, env, resource.TestStep{
		Config: loginProvider(srv) + threeReads,
		ExpectError: expectError(`IAM authentication failed.*user "alice" of account "acme".*HTTP 401.*The username or password is wrong.*` +
			`not retried.*user_name or user_id \(HW_USER_NAME, HW_USER_ID\), password \(HW_USER_PASSWORD\).*domain_name or domain_id \(HW_DOMAIN_NAME, HW_DOMAIN_ID\)`),
	})
	if n := requestsTo(srv, "/v3/auth/tokens"); n != 1 {
		t.Fatalf("%d logins with a wrong password and three reads, want 1", n)
	}
	if srv.Mock.Calls("batch_state") != 0 {
		t.Fatal("DLI was read without a token")
	}
}

// assume_role on top of a password, as on top of keys: the agency call
// carries the login's token, the reads the agency's keys.
func TestAccPassword_underAnAgency(t *testing.T) {
	srv := loginMock(t)
	accTest(t, resource.TestStep{
		Config: loginProvider(srv, `user_id = "alice-id"`, fmt.Sprintf("password = %q", accPassword),
			"assume_role {\n    agency_name = \"dli-reader\"\n    domain_name = \"acme\"\n  }") + threeReads,
		// The agency acts in its own account: its project is looked up.
		ConfigPlanChecks: preApply(callsSoFar{srv, "password", 1}, callsSoFar{srv, "securitytokens", 1}, callsSoFar{srv, "projects", 1}),
	})
	tokens := srv.Mock.Tokens()
	issued := map[string]bool{}
	for _, k := range srv.Mock.Issued() {
		issued[k.AccessKey] = true
	}
	for _, r := range srv.Mock.Requests() {
		a, _ := sign.ParseAuthorization(r.Header.Get("Authorization"))
		switch {
		case r.Path == "/v3.0/OS-CREDENTIAL/securitytokens" && !slices.Contains(tokens, r.Header.Get("X-Auth-Token")):
			t.Fatal("the agency call did not carry the login's token")
		case strings.Contains(r.Path, "/batches/") && !issued[a.AccessKey]:
			t.Fatalf("%s was not signed with the agency's keys", r.Path)
		}
	}
}

// A CI system's token file, from the environment: three calls for the
// agency's keys, once per Terraform command, and DLI read with them.
func TestAccOIDC_idTokenFileFromTheEnvironment(t *testing.T) {
	srv := loginMock(t)
	file := filepath.Join(t.TempDir(), "id-token")
	if err := os.WriteFile(file, []byte(accJWT+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{envOIDCIdpID: accIdp, envOIDCIDTokenFile: file, envAgencyName: "ci-deployer", envOIDCDomainID: testAgencyOwner,
		envAgencyDomain: "not-for-oidc"} // HW_ASSUME_ROLE_* are OIDC's: no assume_role on top
	accTestEnv(t, env, resource.TestStep{
		Config: loginProvider(srv) + threeReads,
		ConfigPlanChecks: preApply(callsSoFar{srv, "id_token", 1}, callsSoFar{srv, "securitytokens_by_token", 1},
			callsSoFar{srv, "sts_assume", 1}, callsSoFar{srv, "securitytokens", 0}, callsSoFar{srv, "batch_state", 3}),
	})
}

func TestAccOIDC_refusedIDTokenNamesTheSettings(t *testing.T) {
	srv := loginMock(t)
	accTest(t, resource.TestStep{
		Config: loginProvider(srv, fmt.Sprintf(`assume_role_with_oidc {
    agency_name = "ci-deployer"
    domain_id   = %q
    idp_id      = %q
    id_token    = "eyJhbGciOiJSUzI1NiJ9.stale.signature"
  }`, testAgencyOwner, accIdp)) + threeReads,
		ExpectError: expectError(`Could not assume the IAM agency with OIDC.*identity provider "github-actions" failed exchanging the ID token at IAM.*HTTP 401.*` +
			`idp_id \(HW_ASSUME_ROLE_IDP_ID\).*id_token or id_token_file`),
	})
	if srv.Mock.Calls("sts_assume") != 0 || srv.Mock.Calls("batch_state") != 0 {
		t.Fatal("went on after IAM refused the ID token")
	}
}
