package provider

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/dli-terraform/terraform-provider-dli/internal/dli"
	"github.com/dli-terraform/terraform-provider-dli/internal/hwauth"
)

// One error can match several of the errors.As cases that choose a
// diagnostic: an agency refused for want of authentication is an
// *AgencyError and an *APIError. The order of the cases decides which
// explanation wins. Each chain below must be explained as the error it is
// about would be alone (the same rule), and not as the other errors in it
// would be: the test compares the rules' outcomes with each other, not
// with wording, so it holds while the messages change.
func TestTheMostSpecificErrorInAChainChoosesTheDiagnostic(t *testing.T) {
	var (
		agency      = hwauth.Agency{Name: "reader", Domain: "acme"}
		iamRefused  = &dli.APIError{Class: dli.ClassAuthentication, StatusCode: 401, Service: dli.ServiceIAM}
		iamDenied   = &dli.APIError{Class: dli.ClassPermission, StatusCode: 403, Service: dli.ServiceIAM}
		iamDown     = &dli.NetworkError{Service: dli.ServiceIAM, Attempts: 1, Err: errors.New("connection refused")}
		network     = &dli.NetworkError{Attempts: 1, Err: errors.New("connection refused")}
		cancelled   = &dli.InterruptedError{Attempts: 1, Err: context.Canceled}
		timedOut    = &dli.InterruptedError{Attempts: 1, Err: context.DeadlineExceeded}
		throttled   = &dli.APIError{Class: dli.ClassThrottled, StatusCode: 429, Attempts: 3}
		waited      = &dli.WaitTimeoutError{Kind: dli.BatchKind, JobID: "b", Targets: []string{"success"}, Polls: 2, Cause: throttled}
		noMetadata  = &hwauth.MetadataError{Endpoint: "http://127.0.0.1:1", Err: errors.New("no agency attached")}
		agencyError = func(err error) error {
			return &dli.CredentialsError{Err: &hwauth.AgencyError{Agency: agency, Base: "AK/SK", Err: err}}
		}
	)
	for _, tc := range []struct {
		name   string
		chain  error
		sameAs error   // the error the chain is about, alone
		notAs  []error // what the chain's other errors would be told as
	}{
		{"a refused agency's refused base credentials", agencyError(iamRefused), iamRefused,
			[]error{agencyError(errors.New("refused")), iamDenied}},
		{"an agency out of IAM's reach", agencyError(iamDown), iamDown,
			[]error{agencyError(errors.New("refused")), network}},
		{"an agency IAM denies", agencyError(iamDenied), agencyError(errors.New("refused")),
			[]error{iamDenied}},
		{"an agency call cut short", agencyError(cancelled), cancelled,
			[]error{agencyError(errors.New("refused"))}},
		{"an agency call out of time", agencyError(timedOut), timedOut,
			[]error{agencyError(errors.New("refused"))}},
		{"no metadata service answering", &dli.CredentialsError{Err: &hwauth.MetadataError{Endpoint: "http://127.0.0.1:1", Err: network}},
			&dli.CredentialsError{Err: noMetadata}, []error{network}},
		{"a metadata call cut short", &dli.CredentialsError{Err: &hwauth.MetadataError{Endpoint: "http://127.0.0.1:1", Err: cancelled}},
			cancelled, []error{&dli.CredentialsError{Err: noMetadata}}},
		{"a wait that ran out of time on a throttled poll", waited, &dli.WaitTimeoutError{Kind: dli.BatchKind, JobID: "b", Targets: []string{"success"}},
			[]error{throttled, context.DeadlineExceeded}},
		{"a wrapped refusal", fmt.Errorf("reading: %w", iamRefused), iamRefused,
			[]error{&dli.APIError{Class: dli.ClassRequest, StatusCode: 400}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, want := ruleOf(tc.chain), ruleOf(tc.sameAs)
			if got != want {
				t.Fatalf("%v\nis told as %q, want as %v alone: %q", tc.chain, got, tc.sameAs, want)
			}
			for _, other := range tc.notAs {
				if ruleOf(other) == got {
					t.Fatalf("the test cannot tell %v from %v: both are %q", tc.sameAs, other, got)
				}
			}
		})
	}
}

// ruleOf names the rule that explained err: its diagnostic's summary.
func ruleOf(err error) string {
	return readErrorDiagnostic(err, batchSubject, authInUse{description: "AK/SK"}, time.Minute).Summary()
}
