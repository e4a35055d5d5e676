package hwauth

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/dli-terraform/terraform-provider-dli/internal/dli/sign"
	"github.com/dli-terraform/terraform-provider-dli/internal/dlimock"
)

// IAM lists no account (a user without iam:users:getUser): STS's caller
// identity names it, asked once, signed with the same keys and no
// X-Domain-Id, as the official SDK does; the agency call sends its answer.
func TestWhenIAMListsNoAccountSTSIsAskedOnce(t *testing.T) {
	srv := newServer(t, nil)
	srv.Mock.NoDomainListed = true
	srv.Mock.AddAgency("acme", "dli-reader")
	srv.Mock.DefaultState = "running"
	base := newBase(t, srv, nil)
	agency := Agency{Name: "dli-reader", Domain: "acme", STS: mustURL(t, srv.URL)}
	client := base.WithCredentials(AssumeRole(base, mustURL(t, srv.URL+"/v3"), baseCreds, "AK/SK signature", agency, nil))
	for _, err := range concurrently(20, func() error {
		_, err := client.BatchState(context.Background(), testProject, testBatch)
		return err
	}) {
		if err != nil {
			t.Fatal(err)
		}
	}
	if d, c := srv.Mock.Calls("domains"), srv.Mock.Calls("caller_identity"); d != 1 || c != 1 {
		t.Fatalf("%d IAM and %d STS account lookups, want 1 each", d, c)
	}
	for _, r := range srv.Mock.Requests() {
		switch r.Path {
		case "/v5/caller-identity":
			if a, err := sign.ParseAuthorization(r.Header.Get("Authorization")); err != nil || a.AccessKey != testAK || r.Header.Get("X-Domain-Id") != "" {
				t.Fatalf("caller identity asked with %v, want signed with the base keys, without X-Domain-Id", r.Header)
			}
		case "/v3.0/OS-CREDENTIAL/securitytokens":
			if r.Header.Get("X-Domain-Id") != dlimock.DefaultDomainID {
				t.Fatalf("the agency call sent X-Domain-Id %q, want STS's account", r.Header.Get("X-Domain-Id"))
			}
		}
	}
}

// Where IAM lists none and STS fails (or is not known), the error names
// both calls and domain_id / HW_DOMAIN_ID, and DLI is not asked.
func TestWhenEveryAccountLookupFailsTheErrorNamesDomainID(t *testing.T) {
	for name, sts := range map[string]bool{"STS fails": true, "no STS address": false} {
		t.Run(name, func(t *testing.T) {
			srv := newServer(t, nil)
			srv.Mock.NoDomainListed = true
			srv.Mock.AddAgency("acme", "dli-reader")
			agency := Agency{Name: "dli-reader", Domain: "acme"}
			want := []string{"/auth/domains", "domain_id", "HW_DOMAIN_ID", "IAM lists no account"}
			if sts {
				agency.STS = mustURL(t, srv.URL+"/sts-is-elsewhere")
				want = append(want, "/sts-is-elsewhere/v5/caller-identity", "HTTP 404")
			}
			base := newBase(t, srv, nil)
			client := base.WithCredentials(AssumeRole(base, mustURL(t, srv.URL+"/v3"), baseCreds, "AK/SK signature", agency, nil))
			_, err := readWithin(t, client, "a read whose account cannot be found")
			var domainErr *DomainError
			if !errors.As(err, &domainErr) {
				t.Fatalf("err = %v, want a DomainError", err)
			}
			for _, w := range want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("%q lacks %q", err, w)
				}
			}
			if srv.Mock.Calls("securitytokens") != 0 || srv.Mock.Calls("batch_state") != 0 {
				t.Fatal("went on without the account")
			}
		})
	}
}
