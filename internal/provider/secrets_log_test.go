package provider

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dli-terraform/terraform-provider-dli/internal/dlimock"
)

// Distinctive credential values, so that any appearance is found.
const (
	leakAK    = "LEAKCHECKACCESSKEY01"
	leakSK    = "leak-check-secret-key-0123456789"
	leakSTS   = "leak-check-security-token-abcdef"
	leakToken = "leak-check-iam-token-fedcba"
)

var leakSecrets = []string{leakAK, leakSK, leakSTS, leakToken}

// TestAccSecrets_neverInTraceLogsOrOutput runs terraform plan with
// TF_LOG=trace for a full read with each auth method, credentials given by
// attributes and by environment variables, and then one that fails
// authentication, and looks for every credential value in the logs, the
// plan output and the error.
func TestAccSecrets_neverInTraceLogsOrOutput(t *testing.T) {
	for _, tc := range []struct {
		name      string
		mockCreds dlimock.Credentials
		attrs     string
		env       []string
		wantErr   bool
	}{
		{"aksk in attributes", dlimock.Credentials{AccessKey: leakAK, SecretKey: leakSK},
			fmt.Sprintf("access_key = %q\n  secret_key = %q", leakAK, leakSK), nil, false},
		{"temporary credentials in environment", dlimock.Credentials{AccessKey: leakAK, SecretKey: leakSK, SecurityToken: leakSTS},
			"", []string{"HW_ACCESS_KEY=" + leakAK, "HW_SECRET_KEY=" + leakSK, "HW_SECURITY_TOKEN=" + leakSTS}, false},
		{"token in attributes", dlimock.Credentials{Token: leakToken},
			fmt.Sprintf("token = %q", leakToken), nil, false},
		{"token in environment", dlimock.Credentials{Token: leakToken},
			"", []string{"HW_AUTH_TOKEN=" + leakToken}, false},
		{"wrong secret key", dlimock.Credentials{AccessKey: leakAK, SecretKey: "the-right-one"},
			fmt.Sprintf("access_key = %q\n  secret_key = %q\n  security_token = %q", leakAK, leakSK, leakSTS), nil, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := dlimock.NewServer(dlimock.New(tc.mockCreds), nil, false)
			defer srv.Close()
			srv.Mock.AddBatch(testProject, testBatch, "starting", "success")
			dir := t.TempDir()
			writeFile(t, filepath.Join(dir, "main.tf"), requiredProviders+fmt.Sprintf(`
provider "dli" {
  endpoint   = %q
  project_id = %q
  %s
}

data "dli_batch_state" "test" {
  batch_id = %q
  wait_for = ["success"]
}

output "state" {
  value = data.dli_batch_state.test.state
}
`, srv.URL, testProject, tc.attrs, testBatch))
			logPath := filepath.Join(dir, "trace.log")
			env := append([]string{"TF_LOG=trace", "TF_LOG_PATH=" + logPath}, tc.env...)
			res := runCLI(t, dir, env, "plan", "-no-color", "-input=false")

			if tc.wantErr {
				if res.err == nil || !strings.Contains(res.stderr, "DLI authentication failed") {
					t.Fatalf("want an authentication error, got %v\n%s", res.err, res.stderr)
				}
			} else if res.err != nil || !strings.Contains(res.stdout, `state = "success"`) {
				t.Fatalf("plan failed or did not read the batch: %v\n%s\n%s", res.err, res.stdout, res.stderr)
			}
			logs, err := os.ReadFile(logPath)
			if err != nil {
				t.Fatal(err)
			}
			// The provider's own debug lines (requests, answers, each poll) must be
			// there, or the check is empty.
			wantLines := []string{"DLI request", "DLI response", "configured DLI provider"}
			if !tc.wantErr {
				wantLines = append(wantLines, "DLI batch not yet in a target state")
			}
			for _, want := range wantLines {
				if !strings.Contains(string(logs), want) {
					t.Fatalf("the trace log lacks %q: the provider's logs were not captured", want)
				}
			}
			for _, secret := range leakSecrets {
				for where, text := range map[string]string{"trace log": string(logs), "stdout": res.stdout, "stderr": res.stderr} {
					if strings.Contains(text, secret) {
						t.Errorf("%s contains the credential %q", where, secret)
					}
				}
			}
		})
	}
}
