package provider

import (
	"bytes"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dli-terraform/terraform-provider-dli/internal/devcli"
	"github.com/dli-terraform/terraform-provider-dli/internal/testzone"
)

// Some tests drive the real CLI against the built provider binary, as users
// do: through a dev_overrides CLI configuration, with TF_LOG and all.

var (
	buildOnce sync.Once
	binDir    string
	buildErr  error
)

// closedMetadataEndpoint is a loopback URL where nothing listens: tests
// that leave HW_ECS_METADATA_ENDPOINT unset get it, so that no test ever
// asks the real metadata address, 169.254.169.254.
var closedMetadataEndpoint = func() string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	defer l.Close()
	return "http://" + l.Addr().String()
}()

func TestMain(m *testing.M) {
	// East of UTC, where a time that ought to be in UTC but is left in
	// local time shows (TestTheTestsRunEastOfUTC).
	testzone.Pin()
	// For anything that reads the process environment (the provider's
	// production configuration does).
	for k, v := range safeDefaults {
		_ = os.Setenv(k, v)
	}
	code := m.Run()
	if binDir != "" {
		_ = os.RemoveAll(binDir)
	}
	os.Exit(code)
}

func TestTheTestsRunEastOfUTC(t *testing.T) { testzone.Check(t) }

// providerBinDir builds terraform-provider-dli once per test process.
func providerBinDir(t *testing.T) string {
	t.Helper()
	if os.Getenv("TF_ACC") == "" {
		t.Skip("set TF_ACC=1 to run tests that build the provider and run the Terraform CLI")
	}
	buildOnce.Do(func() {
		// Shared by every test of the process; TestMain removes it.
		binDir, buildErr = os.MkdirTemp("", "dli-provider-bin-") //nolint:usetesting
		if buildErr != nil {
			return
		}
		name := "terraform-provider-dli"
		if runtime.GOOS == "windows" {
			name += ".exe"
		}
		build := exec.Command("go", "build", "-o", filepath.Join(binDir, name), "github.com/dli-terraform/terraform-provider-dli")
		var out bytes.Buffer
		build.Stdout, build.Stderr = &out, &out
		if err := runWithin(buildLimit, build); err != nil {
			buildErr = fmt.Errorf("go build: %v\n%s", err, out.String())
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return binDir
}

// terraformCLI is the binary acceptance tests use: TF_ACC_TERRAFORM_PATH
// (e.g. OpenTofu), else terraform on PATH.
func terraformCLI(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("TF_ACC_TERRAFORM_PATH"); p != "" {
		return p
	}
	p, err := exec.LookPath("terraform")
	if err != nil {
		t.Skip("terraform is not on PATH")
	}
	return p
}

// requiredProviders maps the local name dli to this provider's address.
const requiredProviders = `
terraform {
  required_providers {
    dli = {
      source = "dli-terraform/dli"
    }
  }
}
`

type cliResult struct {
	stdout, stderr string
	err            error
}

// runCLI runs the CLI in dir with a dev_overrides configuration pointing at
// the built provider and only the given environment on top of a minimal one.
func runCLI(t *testing.T, dir string, env []string, args ...string) cliResult {
	t.Helper()
	return runCLIWith(t, providerBinDir(t), dir, env, args...)
}

// runCLIWith is runCLI with the provider binary (or a stand-in for it) in bin.
func runCLIWith(t *testing.T, bin, dir string, env []string, args ...string) cliResult {
	t.Helper()
	return runThisCLI(t, terraformCLI(t), bin, dir, env, args...)
}

// runThisCLI is runCLIWith with the CLI binary cli.
func runThisCLI(t *testing.T, cli, bin, dir string, env []string, args ...string) cliResult {
	t.Helper()
	rc := filepath.Join(dir, ".cli.tfrc")
	if err := devcli.WriteConfig(rc, bin); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(cli, args...)
	cmd.Dir = dir
	cmd.Env = append(baseCLIEnv(dir, rc), env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := runWithin(cliLimit, cmd)
	if errors.Is(err, errHung) {
		t.Fatalf("%s %s: %v\n%s%s", filepath.Base(cmd.Path), strings.Join(args, " "), err, stdout.String(), stderr.String())
	}
	return cliResult{stdout: stdout.String(), stderr: stderr.String(), err: err}
}

// Deadlines of the commands tests run: a CLI run takes seconds; a build
// (go build, make install) may take minutes on a cold build cache.
const (
	cliLimit   = 30 * time.Second
	buildLimit = 5 * time.Minute
)

// errHung is what runWithin returns for a command it had to kill.
var errHung = errors.New("it hangs")

// runWithin is cmd.Run, but the command is killed once it has run for
// limit, and the error then says so (errHung): a test whose failure mode
// is a hung CLI fails in seconds.
func runWithin(limit time.Duration, cmd *exec.Cmd) error {
	// Once the command is gone, a child of its that keeps the output
	// open (terraform's provider) does not keep Wait waiting.
	cmd.WaitDelay = time.Second
	if err := cmd.Start(); err != nil {
		return err
	}
	kill := time.AfterFunc(limit, func() { _ = cmd.Process.Kill() })
	err := cmd.Wait()
	if !kill.Stop() {
		return fmt.Errorf("still running after %v, killed: %w", limit, errHung)
	}
	return err
}

// baseCLIEnv is the whole environment of a CLI run in dir: no HW_*
// variable of the developer's, and the safe defaults (a closed loopback
// metadata port, a .invalid cloud domain) unless a test sets them.
func baseCLIEnv(dir, cliConfig string) []string {
	return []string{
		"PATH=" + os.Getenv("PATH"), "HOME=" + dir, "TF_CLI_CONFIG_FILE=" + cliConfig,
		"TF_IN_AUTOMATION=1", "CHECKPOINT_DISABLE=1", envMetadataEndpoint + "=" + closedMetadataEndpoint, envCloud + "=" + testCloud,
	}
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
}
