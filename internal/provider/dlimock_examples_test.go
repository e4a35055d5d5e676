package provider

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

// What a user does with the README: start dlimock, point the HW_*
// variables at it, and run the documented examples unchanged; or run
// make demo from whatever shell they have.

// dlimockFinishedBatch is the seeded batch that has already succeeded,
// for the examples' batch ID variables.
// Jobs that dlimock seeds (cmd/dlimock: seeded, seededJobs).
const (
	dlimockFinishedBatch    = "4b9d2a57-3f5e-4c1a-9d8e-7a6b5c4d3e2f"
	dlimockFinishingSQLJob  = "5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b"
	dlimockStartingFlinkJob = "71001"
)

var (
	dlimockBuild    sync.Once
	dlimockBuildErr error
)

// startDlimock builds and starts the dlimock command as a user runs it,
// seeded as it seeds itself, and returns its URL and start message.
func startDlimock(t *testing.T) (url, message string) {
	t.Helper()
	bin := filepath.Join(providerBinDir(t), "dlimock")
	dlimockBuild.Do(func() {
		if out, err := exec.Command("go", "build", "-o", bin, "github.com/dli-terraform/terraform-provider-dli/internal/dlimock/cmd/dlimock").CombinedOutput(); err != nil {
			dlimockBuildErr = fmt.Errorf("go build dlimock: %v\n%s", err, out)
		}
	})
	if dlimockBuildErr != nil {
		t.Fatal(dlimockBuildErr)
	}
	dir := t.TempDir()
	urlFile, logFile := filepath.Join(dir, "url"), filepath.Join(dir, "dlimock.log")
	log, err := os.Create(logFile)
	if err != nil {
		t.Fatal(err)
	}
	defer log.Close()
	cmd := exec.Command(bin, "-url-file", urlFile)
	cmd.Stdout, cmd.Stderr = log, log // a file: the process writes it itself
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if b, err := os.ReadFile(urlFile); err == nil && len(b) > 0 {
			// It prints its start message before it writes the URL file.
			printed, _ := os.ReadFile(logFile)
			return strings.TrimSpace(string(b)), string(printed)
		}
	}
	printed, _ := os.ReadFile(logFile)
	t.Fatalf("dlimock did not start within 20s:\n%s", printed)
	return "", ""
}

// Every example folder runs as copied, terraform init && terraform apply,
// against dlimock with the variables the README gives: their job names,
// queue and batch IDs are the ones it seeds, and each folder says where
// the provider comes from (without required_providers, terraform init
// looks for hashicorp/dli). The composition needs the official provider,
// which cannot be installed offline (TestCompositionExample checks it).
func TestAccDlimock_everyExampleRunsAsCopied(t *testing.T) {
	var dirs []string
	for _, pattern := range []string{"data-sources/*", "authentication/*", "modules/*", "provider"} {
		more, err := filepath.Glob("../../examples/" + pattern)
		if err != nil {
			t.Fatal(err)
		}
		dirs = append(dirs, more...)
	}
	if len(dirs) < 15 {
		t.Fatalf("found %d example directories, want every data source's, authentication's and module's", len(dirs))
	}
	readmeEnv := readmeExampleVariables(t)
	for _, dir := range dirs {
		t.Run(strings.TrimPrefix(dir, "../../examples/"), func(t *testing.T) {
			t.Parallel()
			url, message := startDlimock(t) // each its own: reads advance the seeded scripts
			if !strings.Contains(message, dlimockFinishedBatch) {
				t.Fatalf("dlimock no longer seeds batch %s:\n%s", dlimockFinishedBatch, message)
			}
			work := t.TempDir()
			files, _ := filepath.Glob(filepath.Join(dir, "*.tf"))
			for _, f := range files {
				b, err := os.ReadFile(f)
				if err != nil {
					t.Fatal(err)
				}
				writeFile(t, filepath.Join(work, filepath.Base(f)), string(b))
			}
			env := []string{"TF_CLI_CONFIG_FILE=" + mirrorCLIConfig(t)}
			for _, kv := range readmeEnv {
				env = append(env, strings.ReplaceAll(kv, "=URL", "="+url))
			}
			for _, args := range [][]string{{"init", "-no-color", "-input=false"}, {"apply", "-auto-approve", "-no-color", "-input=false"}} {
				res := runCLI(t, work, env, args...)
				if out := res.stdout + res.stderr; res.err != nil || strings.Contains(out, "Error:") {
					t.Fatalf("terraform %s of %s against dlimock: %v\n%s", args[0], dir, res.err, out)
				}
			}
		})
	}
}

var (
	mirrorOnce   sync.Once
	mirrorConfig string
	mirrorErr    error
)

// mirrorCLIConfig is a CLI configuration, as make demo writes one, under
// which terraform init finds the built provider in a filesystem mirror
// (dev_overrides alone still ask the registry) and plan and apply use it.
func mirrorCLIConfig(t *testing.T) string {
	t.Helper()
	bin := providerBinDir(t)
	mirrorOnce.Do(func() {
		mirror := filepath.Join(bin, "mirror")
		binary, err := os.ReadFile(filepath.Join(bin, "terraform-provider-dli"))
		if err != nil {
			mirrorErr = err
			return
		}
		for _, host := range []string{"registry.terraform.io", "registry.opentofu.org"} {
			dir := filepath.Join(mirror, host, "dli-terraform", "dli", "0.0.1", runtime.GOOS+"_"+runtime.GOARCH)
			if mirrorErr = os.MkdirAll(dir, 0o755); mirrorErr != nil {
				return
			}
			if mirrorErr = os.WriteFile(filepath.Join(dir, "terraform-provider-dli_v0.0.1"), binary, 0o755); mirrorErr != nil { //nolint:gosec // an executable
				return
			}
		}
		mirrorConfig = filepath.Join(bin, "mirror.tfrc")
		mirrorErr = os.WriteFile(mirrorConfig, []byte(fmt.Sprintf(`provider_installation {
  dev_overrides {
    "registry.terraform.io/dli-terraform/dli" = %q
    "registry.opentofu.org/dli-terraform/dli" = %q
  }
  filesystem_mirror {
    path    = %q
    include = ["registry.terraform.io/dli-terraform/dli", "registry.opentofu.org/dli-terraform/dli"]
  }
}
`, bin, bin, mirror)), 0o600)
	})
	if mirrorErr != nil {
		t.Fatal(mirrorErr)
	}
	return mirrorConfig
}

// readmeExampleVariables are the VAR=value pairs of the README's sentence
// that says the examples run against dlimock, URL standing for its URL.
func readmeExampleVariables(t *testing.T) []string {
	t.Helper()
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	at := strings.Index(text, "runs as copied against it")
	if at < 0 {
		t.Fatal("the README no longer says which variables the examples run with")
	}
	sentence := text[at:]
	sentence = sentence[:strings.Index(sentence, ".\n")]
	var env []string
	for _, word := range strings.Fields(strings.ReplaceAll(sentence, "`", " ")) {
		if name, _, ok := strings.Cut(word, "="); ok && (strings.HasPrefix(name, "HW_") || strings.HasPrefix(name, "TF_VAR_")) {
			env = append(env, word)
		}
	}
	if len(env) < 9 {
		t.Fatalf("found %d variables in the README's sentence, want the provider's and the examples': %q", len(env), env)
	}
	return env
}

// make demo runs the same whatever HW_* variables the shell has: each of
// these, reaching the provider, would make the demo fail or read elsewhere.
func TestAccDlimock_demoRunsTheSameWhateverTheShellSets(t *testing.T) {
	providerBinDir(t) // skips without TF_ACC
	cmd := exec.Command("bash", "../../scripts/demo.sh")
	cmd.Env = append(os.Environ(), "DEMO_DIR="+t.TempDir(), "TF="+terraformCLI(t),
		"HW_ASSUME_ROLE_AGENCY_NAME=not-an-agency", "HW_ASSUME_ROLE_DOMAIN_NAME=nowhere", "HW_ASSUME_ROLE_DURATION=1",
		"HW_PROJECT_ID=ffffffffffffffffffffffffffffffff", "HW_PROJECT_NAME=no-such-project", "HW_AUTH_URL=http://127.0.0.1:1/v3",
		"HW_PROFILE=nobody", "HW_SHARED_CONFIG_FILE=/nonexistent/config.json", "HW_ECS_METADATA_ENDPOINT=http://127.0.0.1:1",
		"HW_INSECURE=maybe", "HW_MAX_RETRIES=many", "HW_CLOUD=not-huawei.invalid", "HW_DOMAIN_ID=nowhere", "HW_USER_NAME=alice",
		"HW_USER_PASSWORD=wrong", "HW_ASSUME_ROLE_IDP_ID=nobody", "HW_ASSUME_ROLE_ID_TOKEN_FILE=/nonexistent", "HW_STS_ENDPOINT=http://127.0.0.1:1",
		"TF_CLI_ARGS_apply=-refresh=false -target=nothing", "TF_WORKSPACE=elsewhere")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("make demo with HW_* variables set: %v\n%s", err, out)
	}
	for _, want := range []string{"Apply complete! Resources: 1 added", "etl       0a324461-d9d9-45da-a52a-3b3c7a3d809e  success (terminal)",
		"sales     5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b  FINISHED (55 rows)", "clicks    71001                                 job_running"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("the demo's output lacks %q:\n%s", want, out)
		}
	}
}
