package dli

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dli-terraform/terraform-provider-dli/internal/dli/sign"
	"github.com/dli-terraform/terraform-provider-dli/internal/dlimock"
)

// Every DLI call signed with AK/SK, permanent or temporary, names the URL's
// project in X-Project-Id and signs it, as the official SDK's
// BasicCredentials do; with an IAM token it is not sent. Every request
// carries Content-Type: application/json, GETs included.
func TestEveryDLICallSignedWithAKSKSendsAndSignsItsProject(t *testing.T) {
	for name, creds := range map[string]Credentials{
		"permanent AK/SK": {AccessKey: testAK, SecretKey: testSK},
		"temporary AK/SK": {AccessKey: "TMPAK", SecretKey: "tmp-secret", SecurityToken: "sts-token"},
		"IAM token":       {Token: testCreds.Token},
	} {
		t.Run(name, func(t *testing.T) {
			c, srv := newTestClient(t, func(c *Config) { c.Credentials = creds })
			srv.Mock.Accept(dlimock.Credentials(creds), time.Time{})
			srv.Mock.AddBatch(testProject, testBatch, "running")
			ctx := context.Background()
			if _, err := c.BatchState(ctx, testProject, testBatch); err != nil {
				t.Fatal(err)
			}
			if _, err := c.Batch(ctx, testProject, testBatch); err != nil {
				t.Fatal(err)
			}
			if _, err := items(c.Batches(ctx, testProject, BatchFilter{}, 10)); err != nil {
				t.Fatal(err)
			}
			reqs := srv.Mock.Requests()
			if len(reqs) != 3 {
				t.Fatalf("%d requests, want 3", len(reqs))
			}
			for _, r := range reqs {
				if r.Header.Get("Content-Type") != "application/json" {
					t.Errorf("%s: Content-Type %q, want application/json", r.Path, r.Header.Get("Content-Type"))
				}
				if creds.Token != "" {
					if r.Header.Get("X-Project-Id") != "" {
						t.Errorf("%s: X-Project-Id sent with an IAM token", r.Path)
					}
					continue
				}
				a, err := sign.ParseAuthorization(r.Header.Get("Authorization"))
				if err != nil || r.Header.Get("X-Project-Id") != testProject || !slices.Contains(a.SignedHeaders, "x-project-id") {
					t.Errorf("%s: X-Project-Id %q, signed headers %v; want %s, signed", r.Path, r.Header.Get("X-Project-Id"), a.SignedHeaders, testProject)
				}
				if creds.SecurityToken != "" && !slices.Contains(a.SignedHeaders, "x-security-token") {
					t.Errorf("%s: the security token is not signed (%v), as the SDK signs it", r.Path, a.SignedHeaders)
				}
			}
		})
	}
}

// IAM's project list is not project-scoped: the official clients send no
// X-Project-Id there.
func TestTheProjectLookupSendsNoProject(t *testing.T) {
	c, srv := newTestClient(t)
	srv.Mock.AddProject("cn-north-4", testProject)
	authURL, _ := url.Parse(srv.URL + "/v3")
	if _, err := c.ProjectID(context.Background(), authURL, "cn-north-4"); err != nil {
		t.Fatal(err)
	}
	if r := srv.Mock.Requests()[0]; r.Header.Get("X-Project-Id") != "" || r.Header.Get("Content-Type") != "application/json" {
		t.Fatalf("project lookup headers %v, want Content-Type and no X-Project-Id", r.Header)
	}
}

// The agency call signed with AK/SK sends the account ID, signed; the
// account lookup sends none.
func TestTheAgencyCallSendsAndSignsTheAccountID(t *testing.T) {
	c, srv := newTestClient(t)
	srv.Mock.AddAgency("acme", "dli-reader")
	authURL, _ := url.Parse(srv.URL + "/v3")
	base := Credentials{AccessKey: testAK, SecretKey: testSK}
	id, err := c.DomainID(context.Background(), authURL, base)
	if err != nil || id != dlimock.DefaultDomainID {
		t.Fatalf("account %q, %v; want %s", id, err, dlimock.DefaultDomainID)
	}
	if _, err := c.AssumeRole(context.Background(), authURL, base, id, "dli-reader", "acme", time.Hour); err != nil {
		t.Fatal(err)
	}
	reqs := srv.Mock.Requests()
	if reqs[0].Path != "/v3/auth/domains" || reqs[0].Header.Get("X-Domain-Id") != "" {
		t.Fatalf("the lookup was %s with X-Domain-Id %q, want GET /v3/auth/domains without", reqs[0].Path, reqs[0].Header.Get("X-Domain-Id"))
	}
	a, _ := sign.ParseAuthorization(reqs[1].Header.Get("Authorization"))
	if reqs[1].Header.Get("X-Domain-Id") != id || !slices.Contains(a.SignedHeaders, "x-domain-id") || reqs[1].Header.Get("Content-Type") != "application/json" {
		t.Fatalf("agency call headers %v, want X-Domain-Id %s signed and Content-Type", reqs[1].Header, id)
	}
}

func TestAnAccountLookupWithoutAnAccountIsMalformed(t *testing.T) {
	c, srv := newTestClient(t)
	srv.Mock.InjectFault(dlimock.Fault{Status: 200, Body: `{"domains":[]}`})
	authURL, _ := url.Parse(srv.URL + "/v3")
	_, err := c.DomainID(context.Background(), authURL, Credentials{AccessKey: testAK, SecretKey: testSK})
	if err == nil || !strings.Contains(err.Error(), "IAM lists no account") {
		t.Fatalf("err = %v, want a malformed answer saying IAM lists no account", err)
	}
}

// A list stops on a short page and never on total alone: a total that
// counts only the page (what it counts is not documented) still gives
// every batch, in 3 requests for 250.
func TestBatchesIgnoreATotalThatCountsOnlyThePage(t *testing.T) {
	c, srv := newTestClient(t)
	srv.Mock.TotalCountsPage = true
	addBatches(srv, 250)
	bs, err := items(c.Batches(shortCtx(t), testProject, BatchFilter{}, 1000))
	if err != nil || len(bs) != 250 || srv.Mock.RequestCount() != 3 {
		t.Fatalf("%d batches in %d requests, %v; want 250 in 3", len(bs), srv.Mock.RequestCount(), err)
	}
}

// A total that says the list is longer does not keep a short page from
// ending it.
func TestBatchesEndOnAShortPageWhateverTheTotal(t *testing.T) {
	c, srv := newTestClient(t)
	srv.Mock.InjectFault(dlimock.Fault{Status: 200, Body: `{"total":500,"sessions":[{"id":"a","state":"running"}]}`})
	if _, err := items(c.Batches(shortCtx(t), testProject, BatchFilter{}, 100)); err != nil {
		t.Fatal(err)
	}
	if n := srv.Mock.RequestCount(); n != 1 {
		t.Fatalf("%d requests, want 1", n)
	}
}

// The client's whole path (headers chosen by send, signed by authTransport)
// signs a batch state call with temporary keys exactly as the official SDK
// does: vector 6 of sign_test.go (huaweicloud-sdk-go-v3 v0.1.207).
func TestTheClientSignsAsTheOfficialSDK(t *testing.T) {
	c, err := New(Config{
		Endpoint:    "https://dli.cn-north-4.myhuaweicloud.com",
		Credentials: Credentials{AccessKey: "AKVECTOREXAMPLE00001", SecretKey: "sk-vector-example-secret", SecurityToken: "sts-vector-token"},
		Now:         func() time.Time { return time.Date(2026, 11, 29, 8, 0, 0, 0, time.UTC) },
	})
	if err != nil {
		t.Fatal(err)
	}
	var sent *http.Request
	c.http.HTTPClient.Transport.(*authTransport).base = roundTripFunc(func(r *http.Request) (*http.Response, error) {
		sent = r
		return nil, errors.New("captured, not sent")
	})
	_, _ = c.BatchState(context.Background(), "0123456789abcdef0123456789abcdef", "0a324461-d9d9-45da-a52a-3b3c7a3d809e")
	want := "SDK-HMAC-SHA256 Access=AKVECTOREXAMPLE00001, SignedHeaders=host;x-project-id;x-sdk-date;x-security-token, Signature=2296c9e47625691ed6ab4fc0804668fbd462982c2802c8b489a8a71b7c7b8313"
	if sent == nil || sent.Header.Get("Authorization") != want {
		t.Fatalf("Authorization =\n%v\nwant (official SDK)\n%s", sent.Header.Get("Authorization"), want)
	}
}
