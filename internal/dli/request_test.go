package dli

import (
	"context"
	"net/url"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dli-terraform/terraform-provider-dli/internal/dli/sign"
	"github.com/dli-terraform/terraform-provider-dli/internal/dlimock"
)

// apiMethod calls one API method of the client against the mock at base
// (the server's URL, which also serves IAM below /v3 and the metadata
// service); project is the DLI project it reads, "" for the others.
type apiMethod struct {
	project string
	call    func(ctx context.Context, c *Client, base *url.URL) error
}

// apiMethods is every API method of Client: TestEveryAPIMethodIsTested
// fails when one is added without an entry here.
var apiMethods = map[string]apiMethod{
	"BatchState": {testProject, func(ctx context.Context, c *Client, _ *url.URL) error {
		_, err := c.BatchState(ctx, testProject, testBatch)
		return err
	}},
	"Batch": {testProject, func(ctx context.Context, c *Client, _ *url.URL) error {
		_, err := c.Batch(ctx, testProject, testBatch)
		return err
	}},
	"Batches": {testProject, func(ctx context.Context, c *Client, _ *url.URL) error {
		_, err := items(c.Batches(ctx, testProject, BatchFilter{}, 10))
		return err
	}},
	"SQLJob": {testProject, func(ctx context.Context, c *Client, _ *url.URL) error {
		_, err := c.SQLJob(ctx, testProject, testBatch)
		return err
	}},
	"SQLJobs": {testProject, func(ctx context.Context, c *Client, _ *url.URL) error {
		_, err := items(c.SQLJobs(ctx, testProject, SQLJobFilter{}, 10))
		return err
	}},
	"FlinkJob": {testProject, func(ctx context.Context, c *Client, _ *url.URL) error {
		_, err := c.FlinkJob(ctx, testProject, "71001")
		return err
	}},
	"FlinkJobs": {testProject, func(ctx context.Context, c *Client, _ *url.URL) error {
		_, err := items(c.FlinkJobs(ctx, testProject, FlinkJobFilter{}, 10))
		return err
	}},
	"Queue": {testProject, func(ctx context.Context, c *Client, _ *url.URL) error {
		_, err := c.Queue(ctx, testProject, "etl")
		return err
	}},
	"ElasticResourcePool": {testProject, func(ctx context.Context, c *Client, _ *url.URL) error {
		_, err := c.ElasticResourcePool(ctx, testProject, "pool_a")
		return err
	}},
	"ProjectID": {"", func(ctx context.Context, c *Client, base *url.URL) error {
		_, err := c.ProjectID(ctx, base.JoinPath("v3"), "cn-north-4")
		return err
	}},
	"DomainID": {"", func(ctx context.Context, c *Client, base *url.URL) error {
		_, err := c.DomainID(ctx, base.JoinPath("v3"), c.credentials)
		return err
	}},
	"AssumeRole": {"", func(ctx context.Context, c *Client, base *url.URL) error {
		_, err := c.AssumeRole(ctx, base.JoinPath("v3"), c.credentials, dlimock.DefaultDomainID, "agency", "domain", time.Hour)
		return err
	}},
	"PasswordToken": {"", func(ctx context.Context, c *Client, base *url.URL) error {
		_, err := c.PasswordToken(ctx, base.JoinPath("v3"), PasswordLogin{UserName: "alice", DomainName: "acme", Password: "pw", ProjectName: "cn-north-4"})
		return err
	}},
	"FederatedToken": {"", func(ctx context.Context, c *Client, base *url.URL) error {
		_, err := c.FederatedToken(ctx, base.JoinPath("v3"), "idp", "eyJ.id.token")
		return err
	}},
	"TemporaryKeysByToken": {"", func(ctx context.Context, c *Client, base *url.URL) error {
		_, err := c.TemporaryKeysByToken(ctx, base.JoinPath("v3"), "federated-token")
		return err
	}},
	"AssumeAgency": {"", func(ctx context.Context, c *Client, base *url.URL) error {
		creds, err := c.credentials.Retrieve(ctx)
		if err != nil {
			return err
		}
		_, err = c.AssumeAgency(ctx, base, creds, dlimock.DefaultDomainID, "agency", time.Hour)
		return err
	}},
	"CallerIdentity": {"", func(ctx context.Context, c *Client, base *url.URL) error {
		_, err := c.CallerIdentity(ctx, base, c.credentials)
		return err
	}},
	"MetadataToken": {"", func(ctx context.Context, c *Client, base *url.URL) error {
		_, _, err := c.MetadataToken(ctx, base)
		return err
	}},
	"MetadataSecurityKey": {"", func(ctx context.Context, c *Client, base *url.URL) error {
		_, err := c.MetadataSecurityKey(ctx, base, "")
		return err
	}},
}

// Every exported method of Client that takes a context sends a request:
// each must be in apiMethods, so that the tests below cover it.
func TestEveryAPIMethodIsTested(t *testing.T) {
	ctxType := reflect.TypeFor[context.Context]()
	client := reflect.TypeFor[*Client]()
	for i := range client.NumMethod() {
		m := client.Method(i)
		if m.Type.NumIn() > 1 && m.Type.In(1) == ctxType {
			if _, ok := apiMethods[m.Name]; !ok {
				t.Errorf("Client.%s sends a request but is not in apiMethods", m.Name)
			}
		}
	}
}

// No API method returns an error that quotes a credential, whatever shape
// the answer that echoes it takes: every error leaves through one exit.
func TestNoAPIMethodReturnsAnUnredactedError(t *testing.T) {
	const echoed = "ECHOEDACCESSKEY00001"
	shapes := map[string]dlimock.Fault{
		"error page":          {Status: 400, ContentType: "text/plain", Body: "bad request from " + echoed},
		"JSON error":          {Status: 403, Body: `{"error_code":"DLI.0003","error_msg":"denied for ` + echoed + `"}`},
		"keystone error":      {Status: 401, Body: `{"error":{"code":401,"message":"bad key ` + echoed + `"}}`},
		"is_success=false":    {Status: 200, Body: `{"is_success":false,"message":"key ` + echoed + ` expired"}`},
		"200 that isn't JSON": {Status: 200, ContentType: "text/plain", Body: "{key: " + echoed},
		"200 without a field": {Status: 200, Body: `{"id":"` + echoed + `","total":3,"job_count":3,"job_list":{"total_count":3}}`},
		"redirect":            {Status: 302, Header: map[string]string{"Location": "https://elsewhere.invalid/?key=" + echoed}},
	}
	for name, method := range apiMethods {
		for shape, fault := range shapes {
			t.Run(name+"/"+shape, func(t *testing.T) {
				c, srv := newTestClient(t, func(c *Config) {
					c.Credentials = Credentials{AccessKey: echoed, SecretKey: testSK}
					c.MaxRetries = 0
				})
				srv.Mock.InjectFault(fault)
				base, _ := url.Parse(srv.URL)
				err := method.call(context.Background(), c, base)
				if err == nil {
					if name == "MetadataToken" && fault.Status == 200 {
						return // any text is a session token
					}
					t.Fatal("no error")
				}
				if strings.Contains(err.Error(), echoed) {
					t.Fatalf("the error quotes the access key: %v", err)
				}
			})
		}
	}
}

// Every DLI method signed with AK/SK sends the project it was given in
// X-Project-Id and signs it; no other call sends one. Every request, IAM's
// GETs included, carries Content-Type: application/json, as the official
// SDK sends it. This recording, not a refusal of the mock (which accepts
// both left out, as the real gateway does), proves that the client sends
// them.
func TestEveryDLIMethodSendsAndSignsTheProjectItWasGiven(t *testing.T) {
	for name, method := range apiMethods {
		t.Run(name, func(t *testing.T) {
			c, srv := newTestClient(t, func(c *Config) { c.MaxRetries = 0 })
			base, _ := url.Parse(srv.URL)
			_ = method.call(context.Background(), c, base)
			reqs := srv.Mock.Requests()
			if len(reqs) == 0 {
				t.Fatal("no request sent")
			}
			for _, r := range reqs {
				a, _ := sign.ParseAuthorization(r.Header.Get("Authorization"))
				if ct := r.Header.Get("Content-Type"); ct != "application/json" {
					t.Errorf("%s %s: Content-Type %q, want application/json", r.Method, r.Path, ct)
				}
				got := r.Header.Get(HeaderProjectID)
				switch {
				case method.project == "" && got != "":
					t.Errorf("%s %s: X-Project-Id %q sent on a call that has no project", r.Method, r.Path, got)
				case method.project != "" && (got != method.project || !slices.Contains(a.SignedHeaders, "x-project-id")):
					t.Errorf("%s %s: X-Project-Id %q, signed headers %v; want %q, signed", r.Method, r.Path, got, a.SignedHeaders, method.project)
				}
			}
		})
	}
}

// An endpoint written with trailing slashes is the same endpoint: the
// calls' paths do not start with "//".
func TestAnEndpointsTrailingSlashesAreDropped(t *testing.T) {
	u, err := ParseEndpoint("https://dli.region.example.invalid//")
	if err != nil || u.String() != "https://dli.region.example.invalid" {
		t.Fatalf("ParseEndpoint = %v, %v; want the URL without a path", u, err)
	}
	_, srv := newTestClient(t)
	c, _ := newTestClient(t, func(cfg *Config) { cfg.Endpoint = srv.URL + "/" })
	srv.Mock.AddBatch(testProject, testBatch, "running")
	if _, err := c.BatchState(shortCtx(t), testProject, testBatch); err != nil {
		t.Fatal(err)
	}
	if r := srv.Mock.Requests(); len(r) != 1 || r[0].Path != "/v2.0/"+testProject+"/batches/"+testBatch+"/state" {
		t.Fatalf("requests %+v, want one to /v2.0/…/state", r)
	}
}

// Path segments are escaped as path segments (a space is %20, ':' and '+'
// stay, as in any URL path), so that the path the gateway reads, and
// the signature covers, is the one given.
func TestPathSegmentsAreEscapedAsPaths(t *testing.T) {
	for project, want := range map[string]string{"a project": "a%20project", "sub:project+x": "sub:project+x"} {
		c, srv := newTestClient(t)
		_, _ = c.BatchState(shortCtx(t), project, testBatch)
		if r := srv.Mock.Requests(); len(r) != 1 || r[0].Path != "/v2.0/"+want+"/batches/"+testBatch+"/state" {
			t.Fatalf("project %q: requests %+v, want the path /v2.0/%s/…", project, r, want)
		}
	}
}

// An endpoint with user info is refused, naming neither its password nor
// the URL in clear: credentials go in their own settings.
func TestAnEndpointWithUserInfoIsRefused(t *testing.T) {
	_, err := ParseEndpoint("https://alice:s3cr3t-pass@dli.example.invalid")
	if err == nil || !strings.Contains(err.Error(), "user info") || strings.Contains(err.Error(), "s3cr3t-pass") {
		t.Fatalf("err = %v, want a refusal naming user info without the password", err)
	}
}
