package provider

import (
	"strings"
	"testing"
	"time"

	"github.com/dli-terraform/terraform-provider-dli/internal/dli"
)

// A 401's advice depends on how requests were authenticated: clocks matter
// to signatures only.
func TestAuthenticationAdviceFitsTheMethod(t *testing.T) {
	unauthorized := &dli.APIError{Kind: dli.KindAuthentication, StatusCode: 401, Code: "APIGW.0301"}
	for _, tc := range []struct {
		creds         dli.Credentials
		want, notWant []string
	}{
		{dli.Credentials{Token: "t"}, []string{"IAM token from X", "token has not expired"}, []string{"clock", "AK/SK", "access key", "signature"}},
		{dli.Credentials{AccessKey: "a", SecretKey: "s"}, []string{"access key is current", "clock"}, []string{"token"}},
		{dli.Credentials{AccessKey: "a", SecretKey: "s", SecurityToken: "st"}, []string{"security token have not expired", "clock"}, nil},
	} {
		method := tc.creds.Method()
		detail := readErrorDiagnostic(unauthorized, authInUse{description: string(method) + " from X", method: method}, time.Minute).Detail()
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
