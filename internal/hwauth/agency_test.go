package hwauth

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/dli-terraform/terraform-provider-dli/internal/dli"
)

func TestAgencyCredentialsSignEveryDLIRequestAndAreAskedForOnce(t *testing.T) {
	srv := newServer(t, nil)
	srv.Mock.AddAgency("acme", "dli-reader")
	srv.Mock.DefaultState = "running"
	base := newBase(t, srv, nil)
	source := AssumeRole(base, mustURL(t, srv.URL+"/v3"), baseCreds, "AK/SK signature", Agency{Name: "dli-reader", Domain: "acme", Duration: 900 * time.Second}, nil)
	client := base.WithCredentials(source)
	for _, err := range concurrently(20, func() error {
		_, err := client.BatchState(context.Background(), testProject, testBatch)
		return err
	}) {
		if err != nil {
			t.Fatal(err)
		}
	}
	if n := srv.Mock.Calls("securitytokens"); n != 1 {
		t.Fatalf("%d agency calls for 20 reads, want 1", n)
	}
	issued := srv.Mock.Issued()
	if len(issued) != 1 {
		t.Fatalf("issued %d keys", len(issued))
	}
	for _, r := range srv.Mock.Requests() {
		if strings.Contains(r.Path, "/batches/") && !strings.Contains(r.Header.Get("Authorization"), "Access="+issued[0].AccessKey+",") {
			t.Fatalf("a DLI request was not signed with the agency's key: %s", r.Header.Get("Authorization"))
		}
	}
	if want := "agency dli-reader of domain acme, assumed with AK/SK signature"; source.String() != want {
		t.Fatalf("description %q, want %q", source.String(), want)
	}
}

func TestARefusedAgencyNamesTheAgencyAndDomain(t *testing.T) {
	srv := newServer(t, nil)
	base := newBase(t, srv, nil)
	client := base.WithCredentials(AssumeRole(base, mustURL(t, srv.URL+"/v3"), baseCreds, "AK/SK signature", Agency{Name: "dli-reader", Domain: "acme"}, nil))
	_, err := readWithin(t, client, "a read through a refused agency")
	var agencyErr *AgencyError
	var apiErr *dli.APIError
	if !errors.As(err, &agencyErr) || !errors.As(err, &apiErr) || apiErr.Class != dli.ClassPermission {
		t.Fatalf("err = %v, want an AgencyError carrying IAM's 403", err)
	}
	for _, want := range []string{`"dli-reader"`, `"acme"`, "HTTP 403", "You have no right to assume agency"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("%q lacks %s", err, want)
		}
	}
	if srv.Mock.Calls("batch_state") != 0 {
		t.Fatal("DLI was called without the agency's credentials")
	}
}

func TestAgencyWithTheDefaultDurationAsksForAnHourAtIAMsRoot(t *testing.T) {
	clock := newFakeClock()
	srv := newServer(t, clock)
	srv.Mock.AddAgency("acme", "dli-reader")
	srv.Mock.TemporaryTTL = time.Minute // what the mock issues when no duration is asked for
	srv.Mock.DefaultState = "running"
	base := newBase(t, srv, clock)
	source := AssumeRole(base, mustURL(t, srv.URL+"/v3"), baseCreds, "", Agency{Name: "dli-reader", Domain: "acme"}, clock.Now)
	creds, err := within(t, "the agency's keys", func() (dli.Credentials, error) { return source.Retrieve(context.Background()) })
	if err != nil {
		t.Fatal(err)
	}
	reqs := srv.Mock.Requests()
	if got := reqs[0].Path; got != "/v3/auth/domains" {
		t.Fatalf("the first call went to %s, want the account lookup below auth_url", got)
	}
	if got := reqs[1].Path; got != "/v3.0/OS-CREDENTIAL/securitytokens" {
		t.Fatalf("the agency call went to %s, want IAM's root (auth_url without /v3)", got)
	}
	read := func() error {
		_, err := base.WithCredentials(creds).BatchState(context.Background(), testProject, testBatch)
		return err
	}
	_ = clock.Sleep(context.Background(), 59*time.Minute)
	if err := read(); err != nil {
		t.Fatalf("the keys did not last the default hour: %v", err)
	}
	_ = clock.Sleep(context.Background(), 2*time.Minute)
	if err := read(); err == nil || !strings.Contains(err.Error(), "expired") {
		t.Fatalf("err = %v after 61 minutes, want the mock to refuse expired keys", err)
	}
}

// Concurrent reads that all fail for want of the agency's keys each get the
// agency's error as it is: no read's batch is written into it (it is one
// error, shared by all of them; run with -race).
func TestARefusedAgencyIsReportedUnchangedToConcurrentReads(t *testing.T) {
	srv := newServer(t, nil)
	base := newBase(t, srv, nil)
	client := base.WithCredentials(AssumeRole(base, mustURL(t, srv.URL+"/v3"), baseCreds, "AK/SK signature", Agency{Name: "dli-reader", Domain: "acme"}, nil))
	var n atomic.Int32
	for _, err := range concurrently(8, func() error {
		batch := fmt.Sprintf("00000000-0000-4000-8000-%012d", n.Add(1))
		_, err := client.BatchState(context.Background(), testProject, batch)
		return err
	}) {
		var agencyErr *AgencyError
		if !errors.As(err, &agencyErr) || strings.Contains(err.Error(), "batch") ||
			!strings.Contains(err.Error(), `permission denied reading agency "dli-reader" of domain "acme"`) {
			t.Fatalf("err = %v, want the agency's own error, about the agency", err)
		}
	}
	if n := srv.Mock.Calls("securitytokens"); n != 1 {
		t.Fatalf("%d agency calls, want 1 (the refusal is kept)", n)
	}
}
