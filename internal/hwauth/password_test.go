package hwauth

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/dli-terraform/terraform-provider-dli/internal/dli"
	"github.com/dli-terraform/terraform-provider-dli/internal/dlimock"
)

const testPassword = "correct-horse-battery-staple"

var alice = dlimock.User{ID: "alice-id-0123456789", Name: "alice", DomainName: "acme", Password: testPassword}

// passwordServer is a mock with user alice and project cn-north-4.
func passwordServer(t *testing.T, clock *fakeClock) *dlimock.Server {
	t.Helper()
	srv := newServer(t, clock)
	srv.Mock.AddUser(alice)
	srv.Mock.AddProject("cn-north-4", testProject)
	return srv
}

func aliceLogin(password string) dli.PasswordLogin {
	return dli.PasswordLogin{UserName: "alice", DomainName: "acme", Password: password, ProjectName: "cn-north-4"}
}

func TestPasswordLoginOnceForConcurrentReadsAndItsTokenNamesTheProject(t *testing.T) {
	srv := passwordServer(t, nil)
	srv.Mock.DefaultState = "running"
	base := newBase(t, srv, nil)
	source := PasswordLogin(base, mustURL(t, srv.URL+"/v3"), aliceLogin(testPassword), "a password login", nil)
	client := base.WithCredentials(source)
	for _, err := range concurrently(20, func() error {
		_, err := client.BatchState(context.Background(), testProject, testBatch)
		return err
	}) {
		if err != nil {
			t.Fatal(err)
		}
	}
	project, err := within(t, "the token's project", func() (string, error) { return source.ProjectID(context.Background()) })
	if err != nil || project != testProject {
		t.Fatalf("project %q, %v; want %s from the token's answer", project, err, testProject)
	}
	if n := srv.Mock.Calls("password"); n != 1 {
		t.Fatalf("%d logins for 20 reads, want 1", n)
	}
	if n := srv.Mock.Calls("projects"); n != 0 {
		t.Fatalf("%d project lookups, want none: the token names its project", n)
	}
	tokens := srv.Mock.Tokens()
	for _, r := range srv.Mock.Requests() {
		if strings.Contains(r.Path, "/batches/") && (len(tokens) != 1 || r.Header.Get("X-Auth-Token") != tokens[0] || r.Header.Get("Authorization") != "") {
			t.Fatalf("a DLI request did not carry the login's token as X-Auth-Token: %v", r.Header)
		}
	}
}

func TestPasswordLoginByUserIDAndScopedByProjectID(t *testing.T) {
	srv := passwordServer(t, nil)
	base := newBase(t, srv, nil)
	login := dli.PasswordLogin{UserID: alice.ID, Password: testPassword, ProjectID: testProject}
	creds, err := within(t, "a login by user ID", func() (dli.Credentials, error) {
		return PasswordLogin(base, mustURL(t, srv.URL+"/v3"), login, "", nil).Retrieve(context.Background())
	})
	if err != nil || creds.Token == "" {
		t.Fatalf("%+v %v", creds, err)
	}
}

// A new token is asked for 10 minutes before expires_at; a 45-minute wait
// that starts 9 minutes before the first token expires is never refused.
func TestPasswordTokenIsRenewedTenMinutesBeforeItExpiresDuringALongWait(t *testing.T) {
	clock := newFakeClock()
	srv := passwordServer(t, clock)
	base := newBase(t, srv, clock)
	client := base.WithCredentials(PasswordLogin(base, mustURL(t, srv.URL+"/v3"), aliceLogin(testPassword), "", clock.Now))
	wait := scriptWait(t, srv, client, clock, 91)
	if _, err := readWithin(t, client, "the first read"); err != nil {
		t.Fatal(err)
	}
	_ = clock.Sleep(context.Background(), 24*time.Hour-20*time.Minute) // mock tokens last 24 hours
	if _, err := readWithin(t, client, "a read 20 minutes before expiry"); err != nil || srv.Mock.Calls("password") != 1 {
		t.Fatalf("%v; %d logins, want the first token still in use", err, srv.Mock.Calls("password"))
	}
	_ = clock.Sleep(context.Background(), 11*time.Minute)
	if _, err := readWithin(t, client, "a read 9 minutes before expiry"); err != nil || srv.Mock.Calls("password") != 2 {
		t.Fatalf("%v; %d logins, want a new token 10 minutes before the first expires", err, srv.Mock.Calls("password"))
	}
	if err := wait(); err != nil {
		t.Fatalf("the wait across the token's expiry failed: %v", err)
	}
	if n := srv.Mock.Calls("password"); n != 2 {
		t.Fatalf("%d logins, want 2: the second token lasts the wait", n)
	}
}

// IAM locks a user after repeated wrong passwords: a refused password is
// sent once, whatever the number of reads, and the error names the user.
func TestARefusedPasswordIsSentOnce(t *testing.T) {
	srv := passwordServer(t, nil)
	base := newBase(t, srv, nil)
	client := base.WithCredentials(PasswordLogin(base, mustURL(t, srv.URL+"/v3"), aliceLogin("wrong-password-123"), "", nil))
	for _, err := range concurrently(10, func() error {
		_, err := client.BatchState(context.Background(), testProject, testBatch)
		return err
	}) {
		var pw *PasswordError
		if !errors.As(err, &pw) || !pw.Refused() || !strings.Contains(err.Error(), `user "alice" of account "acme"`) ||
			!strings.Contains(err.Error(), "HTTP 401") || strings.Contains(err.Error(), "wrong-password-123") {
			t.Fatalf("err = %v, want the refused login naming the user, never the password", err)
		}
	}
	if n := logins(srv); n != 1 {
		t.Fatalf("%d logins with a wrong password, want 1", n)
	}
}

// Nor is it sent again to renew a token that still lasts: the password
// changed, and trying it every minute would lock the user.
func TestARefusedRenewalIsNotTriedAgain(t *testing.T) {
	clock := newFakeClock()
	srv := passwordServer(t, clock)
	srv.Mock.DefaultState = "running"
	base := newBase(t, srv, clock)
	source := PasswordLogin(base, mustURL(t, srv.URL+"/v3"), aliceLogin(testPassword), "", clock.Now)
	client := base.WithCredentials(source)
	if _, err := readWithin(t, client, "the first read"); err != nil {
		t.Fatal(err)
	}
	changePassword(srv)
	_ = clock.Sleep(context.Background(), 24*time.Hour-5*time.Minute)
	for range 3 {
		if _, err := readWithin(t, client, "a read after the password changed"); err != nil {
			t.Fatalf("the old token still lasts: %v", err)
		}
		_ = clock.Sleep(context.Background(), renewalRetry)
	}
	if n := logins(srv); n != 2 {
		t.Fatalf("%d logins, want 2: the refused renewal is not tried again", n)
	}
}

// logins counts the requests to IAM's token call, refused ones included.
func logins(srv *dlimock.Server) int {
	n := 0
	for _, r := range srv.Mock.Requests() {
		if r.Path == "/v3/auth/tokens" {
			n++
		}
	}
	return n
}

// changePassword makes the mock refuse alice's password from now on.
func changePassword(srv *dlimock.Server) {
	srv.Mock.InjectFault(dlimock.Fault{Status: 401, Body: `{"error":{"code":401,"message":"The username or password is wrong.","title":"Unauthorized"}}`, Times: 1})
}
