package provider

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/dli-terraform/terraform-provider-dli/internal/dlimock"
)

// Bugs of the fourth outside round that no test caught, each with the test
// that now does.

// HW_* variables set from $(cat file) or a CI secret end in a newline, or
// carry spaces: the keys still sign, the project still goes into the path,
// each without them.
func TestEnvironmentSettingsAreUsedWithoutSurroundingWhiteSpace(t *testing.T) {
	readsTheBatchWithTrimmedSettings(t, map[string]string{envAccessKey: testAK + "\n", envSecretKey: " " + testSK + "\r\n", envProjectID: "  " + testProject + "\n"},
		map[string]tftypes.Value{})
}

// readsTheBatchWithTrimmedSettings configures the provider with env and
// block (whose endpoint it sets to a mock) and reads a batch: the keys
// sign and the project is in the path, as if written without white space.
func readsTheBatchWithTrimmedSettings(t *testing.T, env map[string]string, block map[string]tftypes.Value) {
	t.Helper()
	srv := newMock(t)
	srv.Mock.DefaultState = "running"
	block["endpoint"] = str(srv.URL)
	p := servePluginWith(t, fastOptions(env), block)
	state, diags := readData(t, p, "dli_batch_state", map[string]tftypes.Value{"batch_id": str(testBatch)})
	if hasError(diags) || state == nil || !state["state"].Equal(str("running")) {
		t.Fatalf("state %v, diagnostics %s; want the batch read with the trimmed keys", state, diagText(diags))
	}
	reqs := srv.Mock.Requests()
	if want := "/v2.0/" + testProject + "/batches/" + testBatch + "/state"; len(reqs) != 1 || reqs[0].Path != want {
		t.Fatalf("requests %+v, want one GET %s", reqs, want)
	}
}

// A password login of user_name with domain_id logs in by the account's
// ID, and so does one that also has a domain_name (a stale HW_DOMAIN_NAME
// here): IAM finds alice in the account of the ID. With domain_name alone,
// by name.
func TestAPasswordLoginsAccountIsItsDomainIDWhenGiven(t *testing.T) {
	for name, account := range map[string]map[string]tftypes.Value{
		"domain_id":                         {"domain_id": str(dlimock.DefaultDomainID)},
		"domain_id and another domain_name": {"domain_id": str(dlimock.DefaultDomainID), "domain_name": str("not-acme")},
		"domain_name":                       {"domain_name": str("acme")},
	} {
		t.Run(name, func(t *testing.T) {
			srv := loginMock(t)
			block := map[string]tftypes.Value{"endpoint": str(srv.URL), "auth_url": str(srv.URL + "/v3"), "project_id": str(testProject),
				"user_name": str("alice"), "password": str(accPassword)}
			for k, v := range account {
				block[k] = v
			}
			p := servePluginWith(t, fastOptions(nil), block)
			state, diags := readData(t, p, "dli_batch_state", map[string]tftypes.Value{"batch_id": str(testBatch)})
			if hasError(diags) || state == nil || !state["state"].Equal(str("running")) {
				t.Fatalf("state %v, diagnostics %s; want alice logged in", state, diagText(diags))
			}
			if n := srv.Mock.Calls("password"); n != 1 {
				t.Fatalf("%d logins, want 1", n)
			}
		})
	}
}

// timeouts.invoke is 20 minutes unless set, as the docs say: an action
// without timeouts waits with a deadline 20 minutes away.
func TestTheDefaultInvokeTimeoutIsTwentyMinutes(t *testing.T) {
	_, schemas := protocolServer(t)
	for typeName, s := range schemas.ActionSchemas {
		described := false
		for _, b := range s.Schema.Block.BlockTypes {
			for _, a := range b.Block.Attributes {
				if b.TypeName == "timeouts" && a.Name == "invoke" {
					described = strings.Contains(a.Description, "Default `20m`")
				}
			}
		}
		if !described {
			t.Errorf("%s: timeouts.invoke does not say its default is 20m", typeName)
		}
	}
	srv := newMock(t)
	srv.Mock.AddBatch(testProject, testBatch, "running")
	clock := &deadlineClock{}
	opts := fastOptions(nil)
	opts.clock = clock
	start := time.Now()
	servePlugin(t, opts, srv).invoke(context.Background(), "dli_batch_wait", map[string]tftypes.Value{"batch_id": str(testBatch), "wait_for": strSet("success")}, nil)
	if left := clock.deadline.Sub(start); left < 20*time.Minute || left > 21*time.Minute {
		t.Fatalf("the wait's deadline was %v away, want 20m", left)
	}
}

// deadlineClock notes the deadline of the wait's first sleep and ends the wait.
type deadlineClock struct {
	virtualClock
	deadline time.Time
}

func (c *deadlineClock) Sleep(ctx context.Context, _ time.Duration) error {
	c.deadline, _ = ctx.Deadline()
	return errors.New("the deadline is noted")
}
