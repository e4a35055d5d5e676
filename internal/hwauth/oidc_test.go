package hwauth

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dli-terraform/terraform-provider-dli/internal/dli"
	"github.com/dli-terraform/terraform-provider-dli/internal/dli/sign"
	"github.com/dli-terraform/terraform-provider-dli/internal/dlimock"
)

const (
	testIdp         = "github-actions"
	testAgencyOwner = "a1b2c3d4e5f60718293a4b5c6d7e8f90"
	firstJWT        = "eyJhbGciOiJSUzI1NiJ9.first-id-token.signature"
	secondJWT       = "eyJhbGciOiJSUzI1NiJ9.second-id-token.signature"
)

// oidcServer is a mock whose identity provider accepts firstJWT and whose
// STS lets any keys assume agency ci-deployer of testAgencyOwner.
func oidcServer(t *testing.T, clock *fakeClock) *dlimock.Server {
	t.Helper()
	srv := newServer(t, clock)
	srv.Mock.SetIDTokens(testIdp, firstJWT)
	srv.Mock.AddSTSAgency(testAgencyOwner, "ci-deployer")
	return srv
}

func testOIDC(file string) OIDC {
	return OIDC{AgencyName: "ci-deployer", DomainID: testAgencyOwner, IdpID: testIdp, IDTokenFile: file}
}

// tokenFile is a file holding firstJWT, as a CI system writes it.
func tokenFile(t *testing.T) string {
	t.Helper()
	file := filepath.Join(t.TempDir(), "id-token")
	if err := os.WriteFile(file, []byte(firstJWT+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	return file
}

// The three calls, each as the real services demand it, once for many reads;
// DLI is read with the agency's keys.
func TestOIDCExchangesTheIDTokenInThreeCallsOnce(t *testing.T) {
	srv := oidcServer(t, nil)
	srv.Mock.DefaultState = "running"
	base := newBase(t, srv, nil)
	source := AssumeRoleWithOIDC(base, mustURL(t, srv.URL+"/v3"), mustURL(t, srv.URL), testOIDC(tokenFile(t)), nil)
	client := base.WithCredentials(source)
	for _, err := range concurrently(20, func() error {
		_, err := client.BatchState(context.Background(), testProject, testBatch)
		return err
	}) {
		if err != nil {
			t.Fatal(err)
		}
	}
	for _, call := range []string{"id_token", "securitytokens_by_token", "sts_assume"} {
		if n := srv.Mock.Calls(call); n != 1 {
			t.Fatalf("%d %s calls for 20 reads, want 1", n, call)
		}
	}
	reqs := srv.Mock.Requests()
	if reqs[0].Path != "/v3.0/OS-AUTH/id-token/tokens" || reqs[0].Header.Get("X-Idp-Id") != testIdp ||
		reqs[1].Path != "/v3.0/OS-CREDENTIAL/securitytokens" || reqs[2].Path != "/v5/agencies/assume" {
		t.Fatalf("calls %s %s %s, want the ID token at IAM, the keys at IAM, the agency at STS", reqs[0].Path, reqs[1].Path, reqs[2].Path)
	}
	issued := srv.Mock.Issued() // the federated keys, then the agency's
	a, err := sign.ParseAuthorization(reqs[2].Header.Get("Authorization"))
	if err != nil || a.AccessKey != issued[0].AccessKey || reqs[2].Header.Get("X-Security-Token") != issued[0].SecurityToken {
		t.Fatalf("the STS call was not signed with the federated keys and their security token: %v", reqs[2].Header)
	}
	for _, r := range reqs[3:] {
		if a, _ := sign.ParseAuthorization(r.Header.Get("Authorization")); a.AccessKey != issued[1].AccessKey {
			t.Fatalf("a DLI read was not signed with the agency's keys: %v", r.Header)
		}
	}
	if want := "agency ci-deployer of account " + testAgencyOwner + ", assumed with an OIDC ID token of identity provider github-actions"; !strings.HasPrefix(source.String(), want) {
		t.Fatalf("description %q, want it to start %q", source.String(), want)
	}
}

// A 45-minute wait on agency keys asked for 30 minutes: renewed 10 minutes before
// they expire, each time reading the token file again (the CI system
// rotated it, and the identity provider accepts only the new token).
func TestOIDCRenewalReadsTheTokenFileAgain(t *testing.T) {
	clock := newFakeClock()
	srv := oidcServer(t, clock)
	file := tokenFile(t)
	base := newBase(t, srv, clock)
	o := testOIDC(file)
	o.Duration = 30 * time.Minute
	client := base.WithCredentials(AssumeRoleWithOIDC(base, mustURL(t, srv.URL+"/v3"), mustURL(t, srv.URL), o, clock.Now))
	wait := scriptWait(t, srv, client, clock, 90)
	if _, err := readWithin(t, client, "the first read"); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, []byte(secondJWT), 0o600); err != nil {
		t.Fatal(err)
	}
	srv.Mock.SetIDTokens(testIdp, secondJWT)
	if err := wait(); err != nil {
		t.Fatalf("the wait failed: %v", err)
	}
	// At 0, then when stale at 20 and 40 minutes.
	if n := srv.Mock.Calls("id_token"); n != 3 {
		t.Fatalf("%d ID token exchanges, want 3", n)
	}
}

func TestARefusedIDTokenNamesTheIdentityProviderNeverTheToken(t *testing.T) {
	srv := oidcServer(t, nil)
	base := newBase(t, srv, nil)
	o := testOIDC("")
	o.IDToken = "eyJhbGciOiJSUzI1NiJ9.stale-id-token.signature"
	client := base.WithCredentials(AssumeRoleWithOIDC(base, mustURL(t, srv.URL+"/v3"), mustURL(t, srv.URL), o, nil))
	_, err := readWithin(t, client, "a read with a stale ID token")
	var oidcErr *OIDCError
	if !errors.As(err, &oidcErr) || !strings.Contains(err.Error(), `identity provider "github-actions"`) ||
		!strings.Contains(err.Error(), "HTTP 401") || strings.Contains(err.Error(), "stale-id-token") {
		t.Fatalf("err = %v, want the refusal naming the identity provider, never the token", err)
	}
	if srv.Mock.Calls("sts_assume") != 0 || srv.Mock.Calls("batch_state") != 0 {
		t.Fatal("went on after IAM refused the ID token")
	}
}

func TestAnAgencyURNSTSDoesNotKnowIsRefused(t *testing.T) {
	srv := oidcServer(t, nil)
	base := newBase(t, srv, nil)
	o := testOIDC(tokenFile(t))
	o.DomainID = "ffffffffffffffffffffffffffffffff"
	_, err := within(t, "an unknown agency", func() (dli.Credentials, error) {
		return AssumeRoleWithOIDC(base, mustURL(t, srv.URL+"/v3"), mustURL(t, srv.URL), o, nil).Retrieve(context.Background())
	})
	if err == nil || !strings.Contains(err.Error(), "at STS") || !strings.Contains(err.Error(), "iam::ffffffffffffffffffffffffffffffff:agency:ci-deployer") {
		t.Fatalf("err = %v, want STS's refusal of that agency URN", err)
	}
}
