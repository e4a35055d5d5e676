package dli

import (
	"context"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/dli-terraform/terraform-provider-dli/internal/dlimock"
)

// Distinctive credential values, so that any appearance is found.
const (
	logAK    = "LOGCHECKACCESSKEY001"
	logSK    = "log-check-secret-key-0123456789"
	logSTS   = "log-check-security-token-abcdef"
	logToken = "log-check-iam-token-fedcba"
)

// credentialKind is one way the client can be given credentials. Adding a
// source (a profile, ECS metadata, an agency) is one more row: use may start
// whatever mock the source needs on t.
type credentialKind struct {
	name    string
	mock    dlimock.Credentials // what the mock DLI accepts
	use     func(t *testing.T, cfg *Config)
	secrets []string // every value that must never be logged
	// attach, when set, gives the built client its credentials, as the
	// provider does for sources that call IAM or the metadata service
	// through the client they serve.
	attach func(t *testing.T, c *Client) *Client
}

var credentialKinds = []credentialKind{
	{name: "AK/SK", mock: dlimock.Credentials{AccessKey: logAK, SecretKey: logSK},
		use:     func(_ *testing.T, cfg *Config) { cfg.Credentials = Credentials{AccessKey: logAK, SecretKey: logSK} },
		secrets: []string{logAK, logSK}},
	{name: "temporary AK/SK", mock: dlimock.Credentials{AccessKey: logAK, SecretKey: logSK, SecurityToken: logSTS},
		use: func(_ *testing.T, cfg *Config) {
			cfg.Credentials = Credentials{AccessKey: logAK, SecretKey: logSK, SecurityToken: logSTS}
		},
		secrets: []string{logAK, logSK, logSTS}},
	{name: "IAM token", mock: dlimock.Credentials{Token: logToken},
		use:     func(_ *testing.T, cfg *Config) { cfg.Credentials = Credentials{Token: logToken} },
		secrets: []string{logToken}},
	{name: "temporary AK/SK from the ECS metadata service", mock: dlimock.Credentials{AccessKey: logAK, SecretKey: logSK, SecurityToken: logSTS},
		attach: func(t *testing.T, c *Client) *Client {
			metadata := credentialServer(t)
			return c.WithCredentials(fetchedCredentials(func(ctx context.Context) (TemporaryCredentials, error) {
				return c.MetadataSecurityKey(ctx, metadata, "")
			}))
		},
		secrets: []string{logAK, logSK, logSTS}},
	{name: "agency keys assumed with AK/SK", mock: dlimock.Credentials{AccessKey: logAK, SecretKey: logSK, SecurityToken: logSTS},
		attach: func(t *testing.T, c *Client) *Client {
			iam := credentialServer(t)
			base := Credentials{AccessKey: logBaseAK, SecretKey: logBaseSK}
			return c.WithCredentials(fetchedCredentials(func(ctx context.Context) (TemporaryCredentials, error) {
				return c.AssumeRole(ctx, iam, base, "", "dli-reader", "acme", time.Hour)
			}))
		},
		secrets: []string{logAK, logSK, logSTS, logBaseAK, logBaseSK}},
	{name: "IAM token from a password login", mock: dlimock.Credentials{Token: logToken},
		attach: func(t *testing.T, c *Client) *Client {
			iam := answeringServer(t, dlimock.Fault{Status: 201, Header: map[string]string{HeaderSubjectToken: logToken},
				Body: `{"token":{"expires_at":"2099-01-01T00:00:00.000000Z","project":{"id":"` + testProject + `"}}}`})
			token, err := c.PasswordToken(context.Background(), iam, PasswordLogin{UserName: "alice", DomainName: "acme", Password: logPassword, ProjectName: "cn-north-4"})
			if err != nil {
				t.Fatal(err)
			}
			return c.WithCredentials(Credentials{Token: token.Token})
		},
		secrets: []string{logToken, logPassword}},
	{name: "agency keys from an OIDC ID token", mock: dlimock.Credentials{AccessKey: logAK, SecretKey: logSK, SecurityToken: logSTS},
		attach: func(t *testing.T, c *Client) *Client {
			ctx := context.Background()
			services := answeringServer(t,
				dlimock.Fault{Status: 201, Header: map[string]string{HeaderSubjectToken: logFederated}, Body: `{"token":{}}`, Times: 1},
				dlimock.Fault{Status: 201, Times: 1, Body: `{"credential":{"access":"` + logBaseAK + `","secret":"` + logBaseSK +
					`","securitytoken":"` + logBaseSTS + `","expires_at":"2099-01-01T00:00:00.000000Z"}}`},
				dlimock.Fault{Status: 200, Times: 1, Body: `{"credentials":{"access_key_id":"` + logAK + `","secret_access_key":"` + logSK +
					`","security_token":"` + logSTS + `","expiration":"2099-01-01T00:00:00.000Z"}}`})
			federated, err := c.FederatedToken(ctx, services, "idp", logIDToken)
			if err != nil {
				t.Fatal(err)
			}
			keys, err := c.TemporaryKeysByToken(ctx, services, federated)
			if err != nil {
				t.Fatal(err)
			}
			agency, err := c.AssumeAgency(ctx, services, keys.Credentials, "0123", "ci", time.Hour)
			if err != nil {
				t.Fatal(err)
			}
			return c.WithCredentials(agency.Credentials)
		},
		secrets: []string{logAK, logSK, logSTS, logIDToken, logFederated, logBaseAK, logBaseSK, logBaseSTS}},
}

// The secrets of the password and OIDC rows.
const (
	logPassword  = "log-check-password-4711"
	logIDToken   = "eyJlog-check-id-token.payload.signature"
	logFederated = "log-check-federated-token-0815"
	logBaseSTS   = "log-check-base-security-token-99"
)

// answeringServer starts a server that answers requests with faults, in
// order (one without Times answers every request from then on).
func answeringServer(t *testing.T, faults ...dlimock.Fault) *url.URL {
	t.Helper()
	srv := dlimock.NewServer(dlimock.New(dlimock.Credentials{}), nil, false)
	t.Cleanup(srv.Close)
	for _, f := range faults {
		srv.Mock.InjectFault(f)
	}
	u, err := url.Parse(srv.URL + "/v3")
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// The base credentials of the agency row.
const (
	logBaseAK = "LOGCHECKBASEACCESSKEY"
	logBaseSK = "log-check-base-secret-key-42"
)

// credentialServer starts a server that answers every request (the
// metadata or the agency call) with the log-check temporary credentials.
func credentialServer(t *testing.T) *url.URL {
	t.Helper()
	srv := dlimock.NewServer(dlimock.New(dlimock.Credentials{}), nil, false)
	t.Cleanup(srv.Close)
	srv.Mock.InjectFault(dlimock.Fault{Status: 201, Body: `{"credential":{"access":"` + logAK + `","secret":"` + logSK +
		`","securitytoken":"` + logSTS + `","expires_at":"2099-01-01T00:00:00.000000Z"}}`})
	u, err := url.Parse(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// fetchedCredentials is a credential source that fetches on every call.
type fetchedCredentials func(ctx context.Context) (TemporaryCredentials, error)

func (f fetchedCredentials) Retrieve(ctx context.Context) (Credentials, error) {
	creds, err := f(ctx)
	return creds.Credentials, err
}

// logScenario is one path through the client: a read, retries, a wait, or
// an error of each kind. Error answers echo every credential value in their
// body and headers, as a misbehaving gateway or proxy might.
type logScenario struct {
	name   string
	config func(*Config)
	setup  func(m *dlimock.Mock, echo string)
	run    func(c *Client) error
	logged []string // lines that must appear, so the check is never empty
	ok     bool     // the call succeeds; otherwise it must fail
}

func readOnce(c *Client) error {
	_, err := c.BatchState(context.Background(), testProject, testBatch)
	return err
}

// waitFor waits with a clock that does not sleep; budget > 0 ends the wait
// with a timeout after that much virtual time.
func waitFor(budget time.Duration) func(c *Client) error {
	return func(c *Client) error {
		ctx := newEndableCtx()
		_, err := Waiter{Client: c, Clock: &fakeClock{ctx: ctx, budget: budget}, Schedule: everyTenSeconds}.WaitBatchState(ctx, testProject, testBatch, []string{"success"})
		return err
	}
}

func echoFault(status int, code string) func(m *dlimock.Mock, echo string) {
	return func(m *dlimock.Mock, echo string) {
		m.InjectFault(dlimock.Fault{Status: status, Body: `{"error_code":"` + code + `","error_msg":"` + echo + `"}`,
			Header: map[string]string{"X-Echo": echo}})
	}
}

var (
	request  = []string{"DLI request"}
	answered = []string{"DLI request", "DLI response"}
	polled   = []string{"DLI request", "DLI response", "DLI job not yet in a target state"}
)

var logScenarios = []logScenario{
	{name: "successful read", setup: func(m *dlimock.Mock, _ string) { m.AddBatch(testProject, testBatch, "running") },
		run: readOnce, logged: answered, ok: true},
	{name: "retries then success", setup: func(m *dlimock.Mock, echo string) {
		m.AddBatch(testProject, testBatch, "running")
		m.InjectFault(dlimock.Fault{Status: 503, Body: `{"error_code":"APIGW.0201","error_msg":"` + echo + `"}`, Header: map[string]string{"X-Echo": echo}, Times: 2})
	}, run: readOnce, logged: answered, ok: true},
	{name: "wait until success", setup: func(m *dlimock.Mock, _ string) { m.AddBatch(testProject, testBatch, "starting", "running", "success") },
		run: waitFor(0), logged: polled, ok: true},
	{name: "wait times out", setup: func(m *dlimock.Mock, _ string) { m.AddBatch(testProject, testBatch, "running") },
		run: waitFor(25 * time.Second), logged: polled},
	{name: "wait ends in another terminal state", setup: func(m *dlimock.Mock, _ string) { m.AddBatch(testProject, testBatch, "running", "dead") },
		run: waitFor(0), logged: polled},
	{name: "not found", setup: echoFault(400, "DLI.0002"), run: readOnce, logged: answered},
	{name: "API not found", setup: echoFault(404, "APIGW.0101"), run: readOnce, logged: answered},
	{name: "authentication", setup: echoFault(401, "APIGW.0301"), run: readOnce, logged: answered},
	{name: "permission", setup: echoFault(403, "DLI.0003"), run: readOnce, logged: answered},
	{name: "throttled", setup: echoFault(429, "APIGW.0308"), run: readOnce, logged: answered},
	{name: "server error", setup: echoFault(500, "DLI.0999"), run: readOnce, logged: answered},
	{name: "malformed", setup: func(m *dlimock.Mock, echo string) {
		m.InjectFault(dlimock.Fault{Status: 200, ContentType: "text/plain", Body: "X-Auth-Token: " + echo, Header: map[string]string{"X-Echo": echo}})
	}, run: readOnce, logged: answered},
	{name: "redirected", setup: func(m *dlimock.Mock, echo string) {
		m.InjectFault(dlimock.Fault{Status: 302, Header: map[string]string{"Location": "https://elsewhere.invalid/", "X-Echo": echo}})
	}, run: readOnce, logged: answered},
	{name: "network error (no answer in time)", config: func(c *Config) { c.RequestTimeout = 20 * time.Millisecond; c.MaxRetries = 1 },
		setup: func(m *dlimock.Mock, _ string) { m.InjectFault(dlimock.Fault{Delay: time.Minute}) },
		run:   readOnce, logged: request},
	{name: "interrupted during a backoff", config: func(c *Config) { c.RetryWaitMin, c.RetryWaitMax = time.Hour, time.Hour },
		setup: echoFault(503, "APIGW.0201"),
		run: func(c *Client) error {
			// The backoff is an hour: the deadline ends it, after the first
			// answer, which a loaded machine may take a while to give.
			ctx, cancel := context.WithTimeout(context.Background(), time.Second)
			defer cancel()
			_, err := c.BatchState(ctx, testProject, testBatch)
			return err
		}, logged: answered},
}

// TestNoCredentialInTheClientsLogLines: whatever the credentials and
// whatever happens to a call, no credential value reaches a message or a
// field the client logs, nor its error.
func TestNoCredentialInTheClientsLogLines(t *testing.T) {
	for _, kind := range credentialKinds {
		for _, sc := range logScenarios {
			t.Run(kind.name+"/"+sc.name, func(t *testing.T) {
				t.Parallel() // the backoff scenario waits out its deadline
				rec := &logRecorder{}
				srv := dlimock.NewServer(dlimock.New(kind.mock), nil, false)
				t.Cleanup(srv.Close)
				sc.setup(srv.Mock, strings.Join(kind.secrets, " "))
				cfg := Config{Endpoint: srv.URL, MaxRetries: 2, RetryWaitMin: time.Millisecond, RetryWaitMax: 2 * time.Millisecond, Logger: rec}
				if kind.use != nil {
					kind.use(t, &cfg)
				}
				if sc.config != nil {
					sc.config(&cfg)
				}
				c, err := New(cfg)
				if err != nil {
					t.Fatal(err)
				}
				if kind.attach != nil {
					c = kind.attach(t, c)
				}
				finishWithin(t, 10*time.Second, "running "+sc.name, func() { err = sc.run(c) })

				if (err == nil) != sc.ok {
					t.Fatalf("err = %v, want success %v: the scenario did not run as set up", err, sc.ok)
				}
				assertNoSecretsLogged(t, rec, kind.secrets, sc.logged...)
				if err != nil {
					for _, s := range kind.secrets {
						if strings.Contains(err.Error(), s) {
							t.Errorf("the error shows the credential %q: %v", s, err)
						}
					}
				}
			})
		}
	}
}
