package provider

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dli-terraform/terraform-provider-dli/internal/dlimock"
)

func TestQuietUnlessLogged(t *testing.T) {
	for _, tc := range []struct {
		name      string
		env       map[string]string
		wantQuiet bool
	}{
		{"neither TF_LOG nor TF_LOG_PROVIDER", map[string]string{"TF_LOG_PATH": "/tmp/x.log", "TF_LOG_CORE": "trace"}, true},
		{"TF_LOG", map[string]string{"TF_LOG": "trace"}, false},
		{"TF_LOG_PROVIDER", map[string]string{"TF_LOG_PROVIDER": "debug"}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			set := map[string]string{}
			quiet := quietUnlessLogged(func(k string) string { return tc.env[k] },
				func(k, v string) error { set[k] = v; return nil })
			if quiet != tc.wantQuiet {
				t.Fatalf("quiet = %t, want %t", quiet, tc.wantQuiet)
			}
			if !tc.wantQuiet {
				if len(set) != 0 {
					t.Fatalf("changed the environment although logs are wanted: %v", set)
				}
				return
			}
			for _, name := range []string{"TF_LOG_SDK", "TF_LOG_SDK_PROTO", "TF_LOG_SDK_FRAMEWORK", "TF_LOG_PROVIDER_DLI"} {
				if set[name] != "off" {
					t.Errorf("%s = %q, want off", name, set[name])
				}
			}
		})
	}
}

// TestAccLogs_quietUnlessTerraformKeepsThem runs plans of 20 reads with the
// real CLI and the built provider, whose stderr (where its logs go) a
// wrapper copies to a file. With neither TF_LOG nor TF_LOG_PROVIDER set,
// Terraform would drop every line, and the provider writes none per call;
// with either set, it writes the SDK's trace lines and its own debug lines.
func TestAccLogs_quietUnlessTerraformKeepsThem(t *testing.T) {
	bin := providerBinDir(t)
	srv := dlimock.NewServer(dlimock.New(dlimock.Credentials{AccessKey: "QUIETAK", SecretKey: "quiet-sk"}), nil, false)
	defer srv.Close()
	srv.Mock.DefaultState = "success"
	config := requiredProviders + fmt.Sprintf(`
provider "dli" {
  endpoint   = %q
  project_id = %q
  access_key = "QUIETAK"
  secret_key = "quiet-sk"
}

data "dli_batch_state" "test" {
  count    = 20
  batch_id = format("00000000-0000-4000-8000-%%012d", count.index)
}
`, srv.URL, testProject)

	for _, tc := range []struct {
		name string
		env  []string
		logs bool
	}{
		{"neither set", nil, false},
		{"TF_LOG", []string{"TF_LOG=trace"}, true},
		{"TF_LOG_PROVIDER", []string{"TF_LOG_PROVIDER=trace"}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			writeFile(t, filepath.Join(dir, "main.tf"), config)
			stderrPath := filepath.Join(dir, "provider-stderr.log")
			wrapper := stderrCapturingProvider(t, filepath.Join(bin, "terraform-provider-dli"), stderrPath)
			// Terraform's own log goes to a file, not to the test's output.
			env := append([]string{"TF_LOG_PATH=" + filepath.Join(dir, "terraform.log")}, tc.env...)
			if res := runCLIWith(t, wrapper, dir, env, "plan", "-no-color", "-input=false"); res.err != nil {
				t.Fatalf("plan failed: %v\n%s\n%s", res.err, res.stdout, res.stderr)
			}
			out, err := os.ReadFile(stderrPath)
			if err != nil {
				t.Fatal(err)
			}
			lines := strings.Count(string(out), "\n")
			if !tc.logs {
				// go-plugin's two start-up lines per process remain; nothing per call.
				for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
					if line != "" && !strings.Contains(line, `"@message":"configuring server automatic mTLS"`) && !strings.Contains(line, `"@message":"plugin address"`) {
						t.Fatalf("the provider wrote %d log lines to stderr although nobody reads them, such as:\n%s", lines, line)
					}
				}
				return
			}
			for _, want := range []string{`"tf_rpc":"ReadDataSource"`, `"@module":"sdk.framework"`, `"@module":"sdk.proto"`, `"@message":"DLI request"`, `"@message":"configured DLI provider"`} {
				if !strings.Contains(string(out), want) {
					t.Errorf("the provider's stderr lacks %s (%d lines)", want, lines)
				}
			}
			t.Logf("%d lines on the provider's stderr", lines)
			if lines < 20*10 {
				t.Errorf("the provider wrote %d log lines for 20 reads, want the SDK's trace lines for each call", lines)
			}
		})
	}
}

// stderrCapturingProvider returns a directory holding a stand-in for the
// provider binary that runs it with its stderr appended to stderrPath.
func stderrCapturingProvider(t *testing.T, provider, stderrPath string) string {
	t.Helper()
	dir := t.TempDir()
	script := fmt.Sprintf("#!/bin/sh\nexec %q \"$@\" 2>>%q\n", provider, stderrPath)
	if err := os.WriteFile(filepath.Join(dir, "terraform-provider-dli"), []byte(script), 0o700); err != nil { //nolint:gosec // an executable stand-in
		t.Fatal(err)
	}
	return dir
}
