package provider

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dli-terraform/terraform-provider-dli/internal/dlimock"
)

// Distinctive credential values, so that any appearance is found.
const (
	leakAK    = "LEAKCHECKACCESSKEY01"
	leakSK    = "leak-check-secret-key-0123456789"
	leakSTS   = "leak-check-security-token-abcdef"
	leakToken = "leak-check-iam-token-fedcba"
	// Version 0.4: a password and an OIDC ID token.
	leakPassword = "leak-check-password-4711"
	leakIDToken  = "eyJleak-check-id-token.payload.signature"
)

var leakSecrets = []string{leakAK, leakSK, leakSTS, leakToken, leakPassword, leakIDToken}

// leakLogins lets the mock's IAM take the leak-check password and ID token.
func leakLogins(m *dlimock.Mock) {
	m.AddUser(dlimock.User{ID: "leak-user-id", Name: "alice", DomainName: "acme", Password: leakPassword})
	m.AddProject("cn-north-4", testProject)
	m.SetIDTokens("leak-idp", leakIDToken)
	m.AddSTSAgency(testAgencyOwner, "ci-deployer")
}

// testAgencyOwner is the account of the OIDC tests' agency.
const testAgencyOwner = "a1b2c3d4e5f60718293a4b5c6d7e8f90"

// leakProfiles is an hcloud config whose profiles carry the leak-check keys:
// aksk, sso, and ci (AK/SK acting through agency dli-reader of acme).
const leakProfiles = `{"current":"aksk","profiles":[
 {"name":"aksk","mode":"AKSK","accessKeyId":"` + leakAK + `","secretAccessKey":"` + leakSK + `"},
 {"name":"sso","mode":"SSO","ssoAuth":{"stsToken":{"accessKeyId":"` + leakAK + `","secretAccessKey":"` + leakSK + `","securityToken":"` + leakSTS + `"}}},
 {"name":"ci","mode":"AKSK","accessKeyId":"` + leakAK + `","secretAccessKey":"` + leakSK + `","agencyName":"dli-reader","agencyDomainName":"acme"},
 {"name":"temp","mode":"AKSK","accessKeyId":"` + leakAK + `","secretAccessKey":"` + leakSK + `","securityToken":"` + leakSTS + `"}]}`

// secretsCase is one credential source: what the mock accepts, and the
// provider block lines and environment that use it (dir holds the
// profile file, config.json).
type secretsCase struct {
	name        string
	mockCreds   dlimock.Credentials
	setup       func(m *dlimock.Mock) // more the mock must do (metadata, agencies)
	attrs       func(srvURL, dir string) string
	env         func(srvURL, dir string) []string
	auth        string // how the debug log must name the source
	wantErr     bool
	errSummary  string // the failure's summary; default "DLI authentication failed"
	lastService string // the service the last request went to; default DLI
	// metadataToken: the metadata service must have issued a session token.
	metadataToken bool
}

func fixedAttrs(s string) func(string, string) string {
	return func(string, string) string { return s }
}

var secretsCases = []secretsCase{
	{name: "aksk in attributes", mockCreds: dlimock.Credentials{AccessKey: leakAK, SecretKey: leakSK},
		attrs: fixedAttrs(fmt.Sprintf("access_key = %q\n  secret_key = %q", leakAK, leakSK)),
		auth:  "AK/SK signature (access key from the provider block's access_key)"},
	{name: "temporary credentials in environment", mockCreds: dlimock.Credentials{AccessKey: leakAK, SecretKey: leakSK, SecurityToken: leakSTS},
		env: func(string, string) []string {
			return []string{"HW_ACCESS_KEY=" + leakAK, "HW_SECRET_KEY=" + leakSK, "HW_SECURITY_TOKEN=" + leakSTS}
		},
		auth: "temporary AK/SK signature with security token (access key from the HW_ACCESS_KEY environment variable"},
	{name: "token in attributes", mockCreds: dlimock.Credentials{Token: leakToken},
		attrs: fixedAttrs(fmt.Sprintf("token = %q", leakToken)), auth: "IAM token from the provider block's token"},
	{name: "token in environment", mockCreds: dlimock.Credentials{Token: leakToken},
		env:  func(string, string) []string { return []string{"HW_AUTH_TOKEN=" + leakToken} },
		auth: "IAM token from the HW_AUTH_TOKEN environment variable"},
	{name: "hcloud profile", mockCreds: dlimock.Credentials{AccessKey: leakAK, SecretKey: leakSK},
		attrs: func(_, dir string) string {
			return fmt.Sprintf("shared_config_file = %q", filepath.Join(dir, "config.json"))
		},
		auth: "AK/SK signature from profile aksk in "},
	{name: "SSO profile in environment", mockCreds: dlimock.Credentials{AccessKey: leakAK, SecretKey: leakSK, SecurityToken: leakSTS},
		env: func(_, dir string) []string {
			return []string{"HW_PROFILE=sso", "HW_SHARED_CONFIG_FILE=" + filepath.Join(dir, "config.json")}
		},
		auth: "temporary AK/SK signature with security token from profile sso in "},
	{name: "temporary keys in an AKSK profile", mockCreds: dlimock.Credentials{AccessKey: leakAK, SecretKey: leakSK, SecurityToken: leakSTS},
		attrs: func(_, dir string) string {
			return fmt.Sprintf("shared_config_file = %q\n  profile = \"temp\"", filepath.Join(dir, "config.json"))
		},
		auth: "temporary AK/SK signature with security token from profile temp in "},
	{name: "ECS metadata", setup: func(m *dlimock.Mock) { m.ServeMetadata() },
		env:  func(srvURL, _ string) []string { return []string{"HW_ECS_METADATA_ENDPOINT=" + srvURL} },
		auth: "temporary AK/SK from the ECS metadata service", metadataToken: true},
	{name: "agency from a profile", mockCreds: dlimock.Credentials{AccessKey: leakAK, SecretKey: leakSK},
		setup: func(m *dlimock.Mock) { m.AddAgency("acme", "dli-reader") },
		attrs: func(srvURL, dir string) string {
			return fmt.Sprintf("shared_config_file = %q\n  profile = \"ci\"\n  region = \"cn-north-4\"\n  auth_url = \"%s/v3\"", filepath.Join(dir, "config.json"), srvURL)
		},
		auth: "agency dli-reader of domain acme, assumed with AK/SK signature from profile ci in "},
	{name: "password in attributes", setup: leakLogins,
		attrs: func(srvURL, _ string) string {
			return fmt.Sprintf("auth_url = \"%s/v3\"\n  user_name = \"alice\"\n  domain_name = \"acme\"\n  password = %q", srvURL, leakPassword)
		},
		auth: "IAM token from a password login (user from the provider block's user_name, password from the provider block's password)"},
	{name: "password in environment, with an agency on top", setup: func(m *dlimock.Mock) { leakLogins(m); m.AddAgency("acme", "dli-reader") },
		env: func(srvURL, _ string) []string {
			return []string{"HW_AUTH_URL=" + srvURL + "/v3", "HW_USER_ID=leak-user-id", "HW_USER_PASSWORD=" + leakPassword,
				"HW_ASSUME_ROLE_AGENCY_NAME=dli-reader", "HW_ASSUME_ROLE_DOMAIN_NAME=acme"}
		},
		auth: "agency dli-reader of domain acme, assumed with IAM token from a password login (user from the HW_USER_ID environment variable"},
	{name: "OIDC token file in environment", setup: leakLogins,
		env: func(srvURL, dir string) []string {
			file := filepath.Join(dir, "id-token")
			if err := os.WriteFile(file, []byte(leakIDToken+"\n"), 0o600); err != nil {
				panic(err)
			}
			return []string{"HW_AUTH_URL=" + srvURL + "/v3", "HW_STS_ENDPOINT=" + srvURL, "HW_ASSUME_ROLE_IDP_ID=leak-idp",
				"HW_ASSUME_ROLE_ID_TOKEN_FILE=" + file, "HW_ASSUME_ROLE_AGENCY_NAME=ci-deployer", "HW_ASSUME_ROLE_DOMAIN_ID=" + testAgencyOwner}
		},
		auth: "agency ci-deployer of account " + testAgencyOwner + ", assumed with an OIDC ID token of identity provider leak-idp (read from "},
	{name: "OIDC token in the block", setup: leakLogins,
		attrs: func(srvURL, _ string) string {
			return fmt.Sprintf("auth_url = \"%s/v3\"\n  sts_endpoint = %q\n  assume_role_with_oidc {\n    agency_name = \"ci-deployer\"\n    domain_id = %q\n    idp_id = \"leak-idp\"\n    id_token = %q\n  }",
				srvURL, srvURL, testAgencyOwner, leakIDToken)
		},
		auth: "agency ci-deployer of account " + testAgencyOwner + ", assumed with an OIDC ID token of identity provider leak-idp (given)"},
	{name: "wrong password", setup: leakLogins, wantErr: true, errSummary: "IAM authentication failed", lastService: "IAM",
		attrs: func(srvURL, _ string) string {
			return fmt.Sprintf("auth_url = \"%s/v3\"\n  user_name = \"alice\"\n  domain_name = \"acme\"\n  password = %q", srvURL, leakPassword+"-wrong")
		}},
	{name: "wrong secret key", mockCreds: dlimock.Credentials{AccessKey: leakAK, SecretKey: "the-right-one"},
		attrs:   fixedAttrs(fmt.Sprintf("access_key = %q\n  secret_key = %q\n  security_token = %q", leakAK, leakSK, leakSTS)),
		wantErr: true},
}

// TestAccSecrets_neverInTraceLogsOrOutput runs terraform plan with
// TF_LOG=trace for a full read with each credential source (attributes,
// environment, hcloud profiles, the ECS metadata service, an agency), and
// one that fails authentication, and looks for every credential value,
// the temporary ones the mock issued included, in the logs, the plan
// output and the error. The debug log must name the source in words.
func TestAccSecrets_neverInTraceLogsOrOutput(t *testing.T) {
	for _, tc := range secretsCases {
		t.Run(tc.name, func(t *testing.T) {
			srv := dlimock.NewServer(dlimock.New(tc.mockCreds), nil, false)
			defer srv.Close()
			srv.Mock.AddBatch(testProject, testBatch, "starting", "success")
			// A job of every kind, waited for or listed: one read set-up masks them all.
			srv.Mock.AddSQLJob(testProject, testSQLJob, nil, "RUNNING", "FINISHED")
			srv.Mock.AddFlinkJob(testProject, 71001, map[string]any{"name": "clicks-stream"}, "job_running")
			if tc.setup != nil {
				tc.setup(srv.Mock)
			}
			dir := t.TempDir()
			writeFile(t, filepath.Join(dir, "config.json"), leakProfiles)
			attrs, env := "", []string(nil)
			if tc.attrs != nil {
				attrs = tc.attrs(srv.URL, dir)
			}
			if tc.env != nil {
				env = tc.env(srv.URL, dir)
			}
			writeFile(t, filepath.Join(dir, "main.tf"), requiredProviders+fmt.Sprintf(`
provider "dli" {
  endpoint   = %q
  project_id = %q
  %s
}

data "dli_batch_state" "test" {
  batch_id = %q
  wait_for = ["success"]
}

data "dli_sql_job" "test" {
  job_id   = %q
  wait_for = ["FINISHED"]
}

data "dli_flink_jobs" "test" {
  name = "clicks-stream"
}

output "state" {
  value = data.dli_batch_state.test.state
}

output "jobs" {
  value = "${data.dli_sql_job.test.status} ${data.dli_flink_jobs.test.ids[0]}"
}
`, srv.URL, testProject, attrs, testBatch, testSQLJob))
			logPath := filepath.Join(dir, "trace.log")
			res := runCLI(t, dir, append([]string{"TF_LOG=trace", "TF_LOG_PATH=" + logPath}, env...), "plan", "-no-color", "-input=false")

			if tc.errSummary == "" {
				tc.errSummary = "DLI authentication failed"
			}
			if tc.wantErr {
				if res.err == nil || !strings.Contains(res.stderr, tc.errSummary) {
					t.Fatalf("want an authentication error, got %v\n%s", res.err, res.stderr)
				}
			} else if res.err != nil || !strings.Contains(res.stdout, `state = "success"`) || !strings.Contains(res.stdout, `jobs  = "FINISHED 71001"`) {
				t.Fatalf("plan failed or did not read the batch: %v\n%s\n%s", res.err, res.stdout, res.stderr)
			}
			logs, err := os.ReadFile(logPath)
			if err != nil {
				t.Fatal(err)
			}
			// The provider's own debug lines (requests, answers, each poll) must be
			// there, or the check is empty.
			if tc.lastService == "" {
				tc.lastService = "DLI"
			}
			wantLines := []string{tc.lastService + " request", tc.lastService + " response", "configured DLI provider", tc.auth}
			if !tc.wantErr {
				wantLines = append(wantLines, "DLI job not yet in a target state")
			}
			for _, want := range wantLines {
				if !strings.Contains(string(logs), want) {
					t.Fatalf("the trace log lacks %q: the provider's logs were not captured, or do not name the source", want)
				}
			}
			secrets := append([]string(nil), leakSecrets...)
			for _, issued := range srv.Mock.Issued() {
				secrets = append(secrets, issued.AccessKey, issued.SecretKey, issued.SecurityToken)
			}
			secrets = append(secrets, srv.Mock.IssuedMetadataTokens()...)
			secrets = append(secrets, srv.Mock.Tokens()...) // password and federated tokens
			secrets = append(secrets, leakPassword+"-wrong")
			if tc.setup != nil && len(secrets) == len(leakSecrets) {
				t.Fatal("the mock issued no temporary credentials: the source was not used")
			}
			if tc.metadataToken && len(srv.Mock.IssuedMetadataTokens()) == 0 {
				t.Fatal("the metadata service issued no session token: the check is empty")
			}
			for _, secret := range secrets {
				for where, text := range map[string]string{"trace log": string(logs), "stdout": res.stdout, "stderr": res.stderr} {
					if strings.Contains(text, secret) {
						t.Errorf("%s contains the credential %q", where, secret)
					}
				}
			}
		})
	}
}
