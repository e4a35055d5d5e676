package provider

import (
	"context"
	"errors"
	"fmt"
	"net"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/dli-terraform/terraform-provider-dli/internal/dli/sign"
	"github.com/dli-terraform/terraform-provider-dli/internal/dlimock"
)

// Every credential source, through the real CLI, against a mock that
// demands what the real gateway does (X-Project-Id, X-Domain-Id, the
// metadata session token, Content-Type): each reads, and every request it
// made is checked again here, so that a mock gone lenient is caught too.
func TestAccWire_everyCredentialSourceSendsWhatTheSDKSends(t *testing.T) {
	const domainID = "9f8e7d6c5b4a39281706f5e4d3c2b1a0"
	agency := "assume_role {\n    agency_name = \"dli-reader\"\n    domain_name = \"acme\"\n  }"
	onlyIssued := &dlimock.Credentials{} // the mock accepts only the keys it issues
	for name, tc := range map[string]struct {
		accepts *dlimock.Credentials // nil: the test keys and token
		setup   func(m *dlimock.Mock)
		attrs   func(srv *dlimock.Server, t *testing.T) string
		env     func(srv *dlimock.Server, t *testing.T) map[string]string
		// lookups is how many account lookups the plan needed; tokens how
		// many metadata session tokens.
		lookups, tokens int
	}{
		"static AK/SK": {
			attrs: func(*dlimock.Server, *testing.T) string {
				return fmt.Sprintf("access_key = %q\n  secret_key = %q", testAK, testSK)
			},
		},
		"temporary AK/SK from the environment": {
			accepts: &dlimock.Credentials{AccessKey: testAK, SecretKey: testSK, SecurityToken: testSTS},
			env: func(*dlimock.Server, *testing.T) map[string]string {
				return map[string]string{"HW_ACCESS_KEY": testAK, "HW_SECRET_KEY": testSK, "HW_SECURITY_TOKEN": testSTS}
			},
		},
		"IAM token": {
			attrs: func(*dlimock.Server, *testing.T) string { return fmt.Sprintf("token = %q", testToken) },
		},
		"hcloud profile": {
			attrs: func(_ *dlimock.Server, t *testing.T) string {
				return fmt.Sprintf("shared_config_file = %q", profileFile(t))
			},
		},
		"metadata with session tokens": {
			accepts: onlyIssued,
			setup:   func(m *dlimock.Mock) { m.ServeMetadata() },
			env: func(srv *dlimock.Server, _ *testing.T) map[string]string {
				return map[string]string{"HW_ECS_METADATA_ENDPOINT": srv.URL}
			},
			tokens: 1,
		},
		"metadata without session tokens": {
			accepts: onlyIssued,
			setup:   func(m *dlimock.Mock) { m.ServeMetadataWithoutSessionTokens() },
			env: func(srv *dlimock.Server, _ *testing.T) map[string]string {
				return map[string]string{"HW_ECS_METADATA_ENDPOINT": srv.URL}
			},
			tokens: 1, // asked for, answered 404
		},
		"assume_role, the account looked up": {
			setup: func(m *dlimock.Mock) { m.AddAgency("acme", "dli-reader") },
			attrs: func(*dlimock.Server, *testing.T) string {
				return fmt.Sprintf("access_key = %q\n  secret_key = %q\n  %s", testAK, testSK, agency)
			},
			lookups: 1,
		},
		"assume_role, domain_id set": {
			setup: func(m *dlimock.Mock) { m.AddAgency("acme", "dli-reader"); m.DomainID = domainID },
			attrs: func(*dlimock.Server, *testing.T) string {
				return fmt.Sprintf("access_key = %q\n  secret_key = %q\n  domain_id = %q\n  %s", testAK, testSK, domainID, agency)
			},
		},
		"assume_role, HW_DOMAIN_ID": {
			setup: func(m *dlimock.Mock) { m.AddAgency("acme", "dli-reader"); m.DomainID = domainID },
			attrs: func(*dlimock.Server, *testing.T) string {
				return fmt.Sprintf("access_key = %q\n  secret_key = %q\n  %s", testAK, testSK, agency)
			},
			env: func(*dlimock.Server, *testing.T) map[string]string {
				return map[string]string{"HW_DOMAIN_ID": domainID}
			},
		},
		"assume_role, the profile's domainId": {
			setup: func(m *dlimock.Mock) { m.AddAgency("acme", "dli-reader"); m.DomainID = domainID },
			attrs: func(_ *dlimock.Server, t *testing.T) string {
				file := filepath.Join(t.TempDir(), "config.json")
				writeFile(t, file, `{"current":"ci","profiles":[{"name":"ci","mode":"AKSK","accessKeyId":"`+testAK+`","secretAccessKey":"`+testSK+
					`","agencyName":"dli-reader","agencyDomainName":"acme","domainId":"`+domainID+`"}]}`)
				return fmt.Sprintf("shared_config_file = %q", file)
			},
		},
		"assume_role on metadata keys": {
			accepts: onlyIssued,
			setup:   func(m *dlimock.Mock) { m.AddAgency("acme", "dli-reader"); m.ServeMetadata() },
			attrs:   func(*dlimock.Server, *testing.T) string { return agency },
			env: func(srv *dlimock.Server, _ *testing.T) map[string]string {
				return map[string]string{"HW_ECS_METADATA_ENDPOINT": srv.URL}
			},
			lookups: 1, tokens: 1,
		},
	} {
		t.Run(name, func(t *testing.T) {
			accepts := dlimock.Credentials{AccessKey: testAK, SecretKey: testSK, Token: testToken}
			if tc.accepts != nil {
				accepts = *tc.accepts
			}
			srv := dlimock.NewServer(dlimock.New(accepts), nil, false)
			t.Cleanup(srv.Close)
			srv.Mock.AddProject("cn-north-4", testProject)
			srv.Mock.DefaultState = "running"
			if tc.setup != nil {
				tc.setup(srv.Mock)
			}
			attrs, env := "", map[string]string{}
			if tc.attrs != nil {
				attrs = tc.attrs(srv, t)
			}
			if tc.env != nil {
				env = tc.env(srv, t)
			}
			config := fmt.Sprintf("provider \"dli\" {\n  region   = \"cn-north-4\"\n  endpoint = %q\n  auth_url = \"%s/v3\"\n  max_retries = 0\n  %s\n}\n", srv.URL, srv.URL, attrs)
			accTestEnv(t, env, resource.TestStep{
				Config: config + threeReads + `
data "dli_batches" "test" {
  limit = 10
}
`,
				ConfigPlanChecks: preApply(callsSoFar{srv, "batch_state", 3}, callsSoFar{srv, "batches", 1},
					callsSoFar{srv, "domains", tc.lookups}, callsSoFar{srv, "metadata_token", tc.tokens}),
			})
			checkWire(t, srv)
		})
	}
}

// checkWire checks every request the mock recorded as the real gateway
// would: Content-Type everywhere but the metadata service; with AK/SK, the
// URL's project in X-Project-Id on DLI calls and the account in
// X-Domain-Id on the agency call, both signed; the metadata keys asked for
// with the session token whenever the service has them.
func checkWire(t *testing.T, srv *dlimock.Server) {
	t.Helper()
	for _, r := range srv.Mock.Requests() {
		if strings.HasPrefix(r.Path, "/meta-data/") || strings.HasPrefix(r.Path, "/openstack/") {
			if r.Header.Get("Authorization") != "" || r.Header.Get("X-Auth-Token") != "" {
				t.Errorf("%s %s carried credentials to the metadata service", r.Method, r.Path)
			}
			continue
		}
		if r.Header.Get("Content-Type") != "application/json" {
			t.Errorf("%s %s: Content-Type %q", r.Method, r.Path, r.Header.Get("Content-Type"))
		}
		a, err := sign.ParseAuthorization(r.Header.Get("Authorization"))
		if err != nil {
			continue // an IAM token
		}
		if strings.HasPrefix(r.Path, "/v2.0/") {
			project := strings.Split(r.Path, "/")[2]
			if r.Header.Get("X-Project-Id") != project || !slices.Contains(a.SignedHeaders, "x-project-id") {
				t.Errorf("%s: X-Project-Id %q signed over %v, want %s signed", r.Path, r.Header.Get("X-Project-Id"), a.SignedHeaders, project)
			}
		}
		if strings.HasPrefix(r.Path, "/v3.0/OS-CREDENTIAL/") && (r.Header.Get("X-Domain-Id") != srv.Mock.DomainID || !slices.Contains(a.SignedHeaders, "x-domain-id")) {
			t.Errorf("agency call: X-Domain-Id %q signed over %v, want %s signed", r.Header.Get("X-Domain-Id"), a.SignedHeaders, srv.Mock.DomainID)
		}
	}
}

// A typo in the region makes a host that does not resolve: one attempt,
// an error naming the host, not the backoff of every retry.
func TestAccWire_aRegionTypoFailsAfterOneAttemptNamingTheHost(t *testing.T) {
	host := "dli.cn-nrth-4." + testCloud
	if _, err := net.DefaultResolver.LookupHost(context.Background(), host); !isDNSNotFound(err) {
		t.Skipf("the resolver does not answer NXDOMAIN for .invalid here (%v)", err)
	}
	accTest(t, resource.TestStep{
		Config: fmt.Sprintf("provider \"dli\" {\n  region     = \"cn-nrth-4\"\n  project_id = %q\n  token      = %q\n}\n", testProject, testToken) +
			batchConfig(`batch_id = "`+testBatch+`"`),
		ExpectError: expectError(`Could not reach DLI.*after 1 attempt: the host ` + strings.ReplaceAll(host, ".", `\.`) + ` does not resolve.*not retried`),
	})
}

func isDNSNotFound(err error) bool {
	var d *net.DNSError
	return errors.As(err, &d) && d.IsNotFound
}
