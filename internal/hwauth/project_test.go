package hwauth

import (
	"context"
	"errors"
	"net"
	"testing"

	"github.com/dli-terraform/terraform-provider-dli/internal/dli"
	"github.com/dli-terraform/terraform-provider-dli/internal/dlimock"
)

func TestProjectIsLookedUpOnceFor500ConcurrentReads(t *testing.T) {
	srv := newServer(t, nil)
	srv.Mock.AddProject("cn-north-4", testProject)
	srv.Mock.AddProject("cn-east-3", "another")
	client := newBase(t, srv, nil).WithCredentials(baseCreds)
	lookup := NewProjectLookup(client, mustURL(t, srv.URL+"/v3"), "cn-north-4")
	for _, err := range concurrently(500, func() error {
		id, err := lookup.ProjectID(context.Background())
		if err == nil && id != testProject {
			return errors.New("wrong project " + id)
		}
		return err
	}) {
		if err != nil {
			t.Fatal(err)
		}
	}
	if n := srv.Mock.Calls("projects"); n != 1 {
		t.Fatalf("%d lookups for 500 reads, want 1", n)
	}
}

func TestProjectLookupFailures(t *testing.T) {
	l, _ := net.Listen("tcp", "127.0.0.1:0")
	closed := "http://" + l.Addr().String() + "/v3"
	_ = l.Close()
	for name, tc := range map[string]struct {
		setup   func(*dlimock.Mock)
		authURL func(srvURL string) string
		check   func(error) bool
	}{
		"no such project": {func(*dlimock.Mock) {}, nil, func(err error) bool {
			var e *dli.ProjectLookupError
			return errors.As(err, &e) && len(e.Found) == 0
		}},
		"several": {func(m *dlimock.Mock) { m.AddProject("cn-north-4", "a"); m.AddProject("cn-north-4", "b") }, nil, func(err error) bool {
			var e *dli.ProjectLookupError
			return errors.As(err, &e) && len(e.Found) == 2
		}},
		"forbidden": {func(m *dlimock.Mock) {
			m.InjectFault(dlimock.Fault{Status: 403, Body: `{"error":{"code":403,"message":"You are not authorized.","title":"Forbidden"}}`, Times: 1})
		}, nil, func(err error) bool {
			var e *dli.APIError
			return errors.As(err, &e) && e.Class == dli.ClassPermission && e.Message == "You are not authorized."
		}},
		"IAM unreachable": {func(*dlimock.Mock) {}, func(string) string { return closed }, func(err error) bool {
			var e *dli.NetworkError
			return errors.As(err, &e)
		}},
	} {
		t.Run(name, func(t *testing.T) {
			srv := newServer(t, nil)
			tc.setup(srv.Mock)
			authURL := srv.URL + "/v3"
			if tc.authURL != nil {
				authURL = tc.authURL(srv.URL)
			}
			lookup := NewProjectLookup(newBase(t, srv, nil).WithCredentials(baseCreds), mustURL(t, authURL), "cn-north-4")
			_, err := within(t, "a failing project lookup", func() (string, error) { return lookup.ProjectID(context.Background()) })
			var projectErr *ProjectError
			if !errors.As(err, &projectErr) || projectErr.Name != "cn-north-4" || !tc.check(err) {
				t.Fatalf("err = %v (%T)", err, err)
			}
			// The failure is kept: later reads do not ask again.
			before := srv.Mock.RequestCount()
			if _, again := within(t, "the same lookup again", func() (string, error) { return lookup.ProjectID(context.Background()) }); again == nil || srv.Mock.RequestCount() != before {
				t.Fatal("a failed lookup was repeated")
			}
		})
	}
}
