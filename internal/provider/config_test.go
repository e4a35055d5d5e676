package provider

import (
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/dli-terraform/terraform-provider-dli/internal/dli"
)

func envOf(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

// staticCredentials are the static credentials settings resolved to, or
// none when they are to come from the ECS metadata service.
func staticCredentials(s settings) dli.Credentials {
	if s.credentials.static == nil {
		return dli.Credentials{}
	}
	return *s.credentials.static
}

func TestSettingsPrecedenceAndDefaults(t *testing.T) {
	env := map[string]string{"HW_PROJECT_ID": "env-project", "HW_MAX_RETRIES": "2", "HW_INSECURE": "true", "HW_REGION_NAME": "r"}
	m := providerModel{Token: types.StringValue("t")}
	s, diags := resolveSettings(m, envOf(env))
	if diags.HasError() {
		t.Fatal(diags)
	}
	if s.projectID != "env-project" || s.maxRetries != 2 || !s.insecure {
		t.Fatalf("from env: %+v", s)
	}
	m.ProjectID, m.MaxRetries, m.Insecure = types.StringValue("attr-project"), wholeNumberValue(0), types.BoolValue(false)
	if s, _ = resolveSettings(m, envOf(env)); s.projectID != "attr-project" || s.maxRetries != 0 || s.insecure {
		t.Fatalf("attributes must win: %+v", s)
	}
	if s, _ = resolveSettings(providerModel{Token: types.StringValue("t"), Region: types.StringValue("r")}, envOf(nil)); s.maxRetries != 5 || s.insecure {
		t.Fatalf("defaults: %+v", s)
	}
}

func TestAuthDescriptionNamesSourcesNeverValues(t *testing.T) {
	m := providerModel{Region: types.StringValue("r")}
	s, diags := resolveSettings(m, envOf(map[string]string{"HW_ACCESS_KEY": "ak-value-xyz", "HW_SECRET_KEY": "sk-value-xyz", "HW_SECURITY_TOKEN": "st-value-xyz"}))
	if diags.HasError() {
		t.Fatal(diags)
	}
	want := "temporary AK/SK signature with security token (access key from the HW_ACCESS_KEY environment variable, security token from the HW_SECURITY_TOKEN environment variable)"
	if s.authDescription != want {
		t.Fatalf("auth = %q, want %q", s.authDescription, want)
	}
	if strings.Contains(s.authDescription, "value-xyz") {
		t.Fatal("auth description leaks a credential")
	}
}

func TestUnknownProviderValuesAreAnError(t *testing.T) {
	_, diags := resolveSettings(providerModel{Region: types.StringUnknown(), Token: types.StringValue("t")}, envOf(nil))
	if !diags.HasError() || !strings.Contains(diags[0].Detail(), "region is unknown") {
		t.Fatalf("diags = %v, want an error naming region", diags)
	}
}

func TestCredentialsInTheBlockWinAsAWholeOverTheEnvironment(t *testing.T) {
	env := envOf(map[string]string{"HW_ACCESS_KEY": "env-ak", "HW_SECRET_KEY": "env-sk", "HW_AUTH_TOKEN": "env-token"})
	// Alone, the environment is ambiguous: both a token and AK/SK.
	if _, diags := resolveSettings(providerModel{Region: types.StringValue("r")}, env); !diags.HasError() || diags[0].Summary() != "Conflicting DLI credentials" {
		t.Fatalf("diags = %v, want a conflict within the environment", diags)
	}
	s, diags := resolveSettings(providerModel{Region: types.StringValue("r"), Token: types.StringValue("block-token")}, env)
	if diags.HasError() || staticCredentials(s) != (dli.Credentials{Token: "block-token"}) {
		t.Fatalf("token in block: %+v %v, want the block's token alone", s.credentials, diags)
	}
	s, diags = resolveSettings(providerModel{Region: types.StringValue("r"), AccessKey: types.StringValue("ak"), SecretKey: types.StringValue("sk")}, env)
	if diags.HasError() || staticCredentials(s) != (dli.Credentials{AccessKey: "ak", SecretKey: "sk"}) {
		t.Fatalf("AK/SK in block: %+v %v, want the block's AK/SK alone", s.credentials, diags)
	}
	// An empty attribute (a variable defaulting to "") defers to the environment.
	s, _ = resolveSettings(providerModel{Region: types.StringValue("r"), Token: types.StringValue(""), AccessKey: types.StringValue("")},
		envOf(map[string]string{"HW_AUTH_TOKEN": "env-token"}))
	if staticCredentials(s).Token != "env-token" {
		t.Fatalf("credentials = %+v, want the environment's token", s.credentials)
	}
}

// A transient answer says whether it was retried, and if not, the one
// reason that applied.
func TestServerErrorsSayWhetherTheyWereRetried(t *testing.T) {
	for name, c := range map[string]struct {
		err        *dli.APIError
		maxRetries int
		want       string
	}{
		"retried":            {&dli.APIError{Class: dli.ClassServer, StatusCode: 503, Attempts: 6}, 5, "It was retried as far as max_retries and timeouts.read allow"},
		"501":                {&dli.APIError{Class: dli.ClassServer, StatusCode: 501, Attempts: 1}, 5, "It was not retried: HTTP 501 does not heal by itself;"},
		"max_retries 0":      {&dli.APIError{Class: dli.ClassThrottled, StatusCode: 429, Attempts: 1}, 0, "It was not retried: max_retries is 0;"},
		"Retry-After beyond": {&dli.APIError{Class: dli.ClassThrottled, StatusCode: 429, Attempts: 1}, 5, "It was not retried: DLI's Retry-After asked for a wait past timeouts.read;"},
	} {
		d := readErrorDiagnostic(c.err, batchSubject, authInUse{maxRetries: c.maxRetries}, time.Minute)
		if !strings.Contains(d.Detail(), c.want) {
			t.Errorf("%s: detail %q, want %q", name, d.Detail(), c.want)
		}
	}
}
