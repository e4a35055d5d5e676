package hwauth

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/dli-terraform/terraform-provider-dli/internal/dli"
	"github.com/dli-terraform/terraform-provider-dli/internal/dli/sign"
	"github.com/dli-terraform/terraform-provider-dli/internal/dlimock"
)

// agencyCalls are the agency calls the mock saw.
func agencyCalls(srv *dlimock.Server) []dlimock.Request {
	var out []dlimock.Request
	for _, r := range srv.Mock.Requests() {
		if r.Path == "/v3.0/OS-CREDENTIAL/securitytokens" {
			out = append(out, r)
		}
	}
	return out
}

// Without a configured account ID, IAM is asked once, whatever the number
// of concurrent reads and renewals, and its answer is sent and signed.
func TestTheAgencyCallSendsTheAccountIDLookedUpOnce(t *testing.T) {
	clock := newFakeClock()
	srv := newServer(t, clock)
	srv.Mock.AddAgency("acme", "dli-reader")
	srv.Mock.DefaultState = "running"
	base := newBase(t, srv, clock)
	client := base.WithCredentials(AssumeRole(base, mustURL(t, srv.URL+"/v3"), baseCreds, "AK/SK signature", Agency{Name: "dli-reader", Domain: "acme", Duration: 15 * time.Minute}, clock.Now))
	read := func() error {
		_, err := client.BatchState(context.Background(), testProject, testBatch)
		return err
	}
	for _, err := range concurrently(20, read) {
		if err != nil {
			t.Fatal(err)
		}
	}
	_ = clock.Sleep(context.Background(), 20*time.Minute) // past the keys' lifetime: renewed
	if err := read(); err != nil {
		t.Fatal(err)
	}
	calls := agencyCalls(srv)
	if srv.Mock.Calls("domains") != 1 || len(calls) != 2 {
		t.Fatalf("%d account lookups and %d agency calls, want 1 and 2", srv.Mock.Calls("domains"), len(calls))
	}
	for _, r := range calls {
		a, err := sign.ParseAuthorization(r.Header.Get("Authorization"))
		if err != nil || r.Header.Get("X-Domain-Id") != dlimock.DefaultDomainID || !strings.Contains(strings.Join(a.SignedHeaders, ";"), "x-domain-id") {
			t.Fatalf("agency call with X-Domain-Id %q signed over %v, want %s signed", r.Header.Get("X-Domain-Id"), a.SignedHeaders, dlimock.DefaultDomainID)
		}
	}
	for _, r := range srv.Mock.Requests() {
		if r.Path == "/v3/auth/domains" && r.Header.Get("X-Domain-Id") != "" {
			t.Fatal("the account lookup sent an X-Domain-Id")
		}
	}
}

func TestAConfiguredAccountIDIsSentWithoutALookup(t *testing.T) {
	srv := newServer(t, nil)
	srv.Mock.AddAgency("acme", "dli-reader")
	srv.Mock.DomainID = "configured-account"
	base := newBase(t, srv, nil)
	source := AssumeRole(base, mustURL(t, srv.URL+"/v3"), baseCreds, "AK/SK signature", Agency{Name: "dli-reader", Domain: "acme", DomainID: "configured-account"}, nil)
	if _, err := source.Retrieve(context.Background()); err != nil {
		t.Fatal(err)
	}
	if srv.Mock.Calls("domains") != 0 || agencyCalls(srv)[0].Header.Get("X-Domain-Id") != "configured-account" {
		t.Fatalf("%d lookups, X-Domain-Id %q; want none and the configured ID", srv.Mock.Calls("domains"), agencyCalls(srv)[0].Header.Get("X-Domain-Id"))
	}
}

// An IAM token as the base carries its own scope: no lookup, no header.
func TestAnAgencyAssumedWithATokenSendsNoAccountID(t *testing.T) {
	srv := dlimock.NewServer(dlimock.New(dlimock.Credentials{Token: "base-token"}), nil, false)
	t.Cleanup(srv.Close)
	srv.Mock.AddAgency("acme", "dli-reader")
	base := newBase(t, srv, nil)
	source := AssumeRole(base, mustURL(t, srv.URL+"/v3"), dli.Credentials{Token: "base-token"}, "IAM token", Agency{Name: "dli-reader", Domain: "acme"}, nil)
	if _, err := source.Retrieve(context.Background()); err != nil {
		t.Fatal(err)
	}
	if srv.Mock.Calls("domains") != 0 || agencyCalls(srv)[0].Header.Get("X-Domain-Id") != "" {
		t.Fatal("an agency call with a token looked up or sent an account ID")
	}
}

// A failed lookup is a DomainError naming where the ID was sought and how
// to skip it, kept for every later read.
func TestAFailedAccountLookupSaysWhereItAsked(t *testing.T) {
	srv := newServer(t, nil)
	srv.Mock.AddAgency("acme", "dli-reader")
	srv.Mock.InjectFault(dlimock.Fault{Status: 403, Body: `{"error":{"code":403,"message":"You are not authorized to perform the requested action.","title":"Forbidden"}}`, Times: 1})
	base := newBase(t, srv, nil)
	source := AssumeRole(base, mustURL(t, srv.URL+"/v3"), baseCreds, "AK/SK signature", Agency{Name: "dli-reader", Domain: "acme"}, nil)
	for range 2 {
		_, err := source.Retrieve(context.Background())
		var domainErr *DomainError
		var agencyErr *AgencyError
		var apiErr *dli.APIError
		if !errors.As(err, &domainErr) || !errors.As(err, &agencyErr) || !errors.As(err, &apiErr) || apiErr.Class != dli.ClassPermission {
			t.Fatalf("err = %v, want a DomainError in the AgencyError carrying IAM's 403", err)
		}
		for _, want := range []string{"GET " + srv.URL + "/v3/auth/domains", "domain_id", "HW_DOMAIN_ID", "domainId", "not authorized"} {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("%q lacks %q", err, want)
			}
		}
	}
	if srv.Mock.RequestCount() != 1 {
		t.Fatalf("%d requests, want the one failed lookup (kept, not repeated)", srv.Mock.RequestCount())
	}
}
