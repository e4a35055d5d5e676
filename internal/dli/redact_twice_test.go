package dli

import (
	"context"
	"strings"
	"testing"

	"github.com/dli-terraform/terraform-provider-dli/internal/dlimock"
)

// An answer that quotes a credential more than once (an echo of the
// request's headers and of its query, say) is quoted with every
// occurrence redacted, in every shape an error quotes an answer.
func TestACredentialQuotedTwiceIsRedactedTwice(t *testing.T) {
	const token = "echoed-token-value"
	for name, fault := range map[string]dlimock.Fault{
		"error page":          {Status: 400, ContentType: "text/plain", Body: "X-Auth-Token: " + token + "; again: " + token},
		"JSON error message":  {Status: 403, Body: `{"error_code":"X","error_msg":"denied for ` + token + ` (` + token + `)"}`},
		"is_success=false":    {Status: 200, Body: `{"is_success":false,"message":"token ` + token + ` expired: ` + token + `"}`},
		"200 that isn't JSON": {Status: 200, ContentType: "text/plain", Body: token + " " + token},
		"redirect":            {Status: 302, Header: map[string]string{"Location": "https://elsewhere.invalid/?token=" + token + "&again=" + token}},
	} {
		t.Run(name, func(t *testing.T) {
			c, srv := newTestClient(t, func(c *Config) { c.Credentials = Credentials{Token: token} })
			srv.Mock.InjectFault(fault)
			_, err := c.BatchState(context.Background(), testProject, testBatch)
			if err == nil || strings.Contains(err.Error(), token) || !strings.Contains(err.Error(), "(redacted)") {
				t.Fatalf("err = %v, want every occurrence of the token redacted", err)
			}
		})
	}
}
