package provider

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/dli-terraform/terraform-provider-dli/internal/dli"
	"github.com/dli-terraform/terraform-provider-dli/internal/hwauth"
)

// A 401's advice depends on how requests were authenticated: clocks matter
// to signatures only.
func TestAuthenticationAdviceFitsTheMethod(t *testing.T) {
	unauthorized := &dli.APIError{Class: dli.ClassAuthentication, StatusCode: 401, Code: "APIGW.0301"}
	for _, tc := range []struct {
		creds         dli.Credentials
		want, notWant []string
	}{
		{dli.Credentials{Token: "t"}, []string{"IAM token from X", "token has not expired"}, []string{"clock", "AK/SK", "access key", "signature"}},
		{dli.Credentials{AccessKey: "a", SecretKey: "s"}, []string{"access key is current", "clock"}, []string{"token"}},
		{dli.Credentials{AccessKey: "a", SecretKey: "s", SecurityToken: "st"}, []string{"security token have not expired", "clock"}, nil},
	} {
		method := tc.creds.Method()
		detail := readErrorDiagnostic(unauthorized, batchSubject, authInUse{description: string(method) + " from X", method: method}, time.Minute).Detail()
		for _, s := range tc.want {
			if !strings.Contains(detail, s) {
				t.Errorf("%s: the detail does not say %q:\n%s", method, s, detail)
			}
		}
		// The advice is what follows the description of the credentials.
		advice := detail[strings.Index(detail, " from X")+len(" from X"):]
		for _, s := range tc.notWant {
			if strings.Contains(advice, s) {
				t.Errorf("%s: the advice mentions %q:\n%s", method, s, advice)
			}
		}
	}
}

// Ctrl-C or timeouts.read while credentials are fetched is reported as
// such, not as missing credentials or a refused agency.
func TestAnInterruptedCredentialFetchIsNotACredentialProblem(t *testing.T) {
	interrupted := &dli.InterruptedError{Service: "ECS metadata", Attempts: 1, Err: context.Canceled}
	for _, err := range []error{
		&dli.CredentialsError{Err: &hwauth.MetadataError{Endpoint: "http://127.0.0.1:1", Err: interrupted}},
		&dli.CredentialsError{Err: &hwauth.AgencyError{Agency: hwauth.Agency{Name: "a", Domain: "d"}, Err: interrupted}},
	} {
		if d := readErrorDiagnostic(err, batchSubject, authInUse{}, time.Minute); d.Summary() != "Reading the DLI batch was cancelled" {
			t.Errorf("%v: summary %q, want the cancellation", err, d.Summary())
		}
	}
	timedOut := &dli.InterruptedError{Service: "IAM", Attempts: 1, Err: context.DeadlineExceeded}
	err := &dli.CredentialsError{Err: &hwauth.AgencyError{Agency: hwauth.Agency{Name: "a", Domain: "d"}, Err: timedOut}}
	if d := readErrorDiagnostic(err, batchSubject, authInUse{}, time.Minute); d.Summary() != "Timed out reading the DLI batch" {
		t.Errorf("summary %q, want the timeout", d.Summary())
	}
}
