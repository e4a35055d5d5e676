package dli

import (
	"errors"
	"net/url"
	"testing"
	"time"

	"github.com/dli-terraform/terraform-provider-dli/internal/dlimock"
)

// Bugs of the fifth outside round that no test caught, each with the test
// that now does: what IAM's answers are taken for.

// IAM's project lookup by name takes only a project of that name: an
// answer listing another (a proxy or an IAM that ignored ?name=) is not
// taken for it.
func TestAProjectOfAnotherNameIsNotTaken(t *testing.T) {
	for name, tc := range map[string]struct {
		body string
		id   string
		err  string
	}{
		"another name only": {`{"projects":[{"id":"fedcba9876543210fedcba9876543210","name":"cn-north-4_sub"}]}`,
			"", `IAM has no project named "cn-north-4"`},
		"the name and another": {`{"projects":[{"id":"fedcba9876543210fedcba9876543210","name":"cn-north-4_sub"},{"id":"0123456789abcdef0123456789abcdef","name":"cn-north-4"}]}`,
			"0123456789abcdef0123456789abcdef", ""},
	} {
		t.Run(name, func(t *testing.T) {
			c, srv := newTestClient(t)
			srv.Mock.InjectFault(dlimock.Fault{Status: 200, Times: 1, Body: tc.body})
			authURL, _ := url.Parse(srv.URL + "/v3")
			id, err := c.ProjectID(shortCtx(t), authURL, "cn-north-4")
			var lookup *ProjectLookupError
			if tc.err != "" && (!errors.As(err, &lookup) || err.Error() != tc.err) || tc.err == "" && err != nil || id != tc.id {
				t.Fatalf("got %q, %v; want %q, %q", id, err, tc.id, tc.err)
			}
		})
	}
}

// IAM's temporary credentials answer without a security token is
// malformed: keys without their token would fail every signed call.
func TestAnAgencyAnswerWithoutASecurityTokenIsMalformed(t *testing.T) {
	c, srv := newTestClient(t)
	srv.Mock.InjectFault(dlimock.Fault{Status: 200, Times: 1, Body: `{"credential":{"access":"TEMPACCESSKEYAAAAAAA","secret":"temp-secret-never-shown","expires_at":"2030-01-01T00:00:00.000000Z"}}`})
	authURL, _ := url.Parse(srv.URL + "/v3")
	_, err := c.AssumeRole(shortCtx(t), authURL, Credentials{AccessKey: testAK, SecretKey: testSK}, dlimock.DefaultDomainID, "dli-reader", "acme", time.Hour)
	var m *MalformedResponseError
	if !errors.As(err, &m) || m.RequestID == "" {
		t.Fatalf("err = %v, want a malformed answer", err)
	}
	want := "malformed response from IAM (HTTP 200): the credential answer lacks credential.access, credential.secret or credential.securitytoken"
	want += " (X-Request-Id: " + m.RequestID + ")"
	if err.Error() != want {
		t.Fatalf("err = %q, want %q", err, want)
	}
}

// An expiry is read in the forms Huawei's SDK reads (SdkTime): RFC 3339,
// or without a zone, as UTC; anything else is refused.
func TestAnExpiryIsReadAsTheSDKReadsIt(t *testing.T) {
	want := time.Date(2026, 12, 8, 10, 30, 0, 0, time.UTC)
	for _, s := range []string{"2026-12-08T10:30:00Z", "2026-12-08T18:30:00+08:00", "2026-12-08T10:30:00.000000Z", "2026-12-08T10:30:00", "2026-12-08 10:30:00"} {
		if got, err := expiryTime(s); err != nil || !got.Equal(want) {
			t.Errorf("%q: %v, %v; want %v", s, got, err, want)
		}
	}
	for _, s := range []string{"", "tomorrow", "2026-12-08"} {
		if _, err := expiryTime(s); err == nil {
			t.Errorf("%q was read as an expiry", s)
		}
	}
}
