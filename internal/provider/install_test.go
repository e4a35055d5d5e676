package provider

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestAccInstall_initFindsTheProviderWithoutCLIConfiguration: make install,
// then terraform init and plan work as for a provider from the registry,
// with no CLI configuration at all (no dev_overrides), in a fresh HOME.
func TestAccInstall_initFindsTheProviderWithoutCLIConfiguration(t *testing.T) {
	if os.Getenv("TF_ACC") == "" {
		t.Skip("set TF_ACC=1 to run tests that run make install and the Terraform CLI")
	}
	tf := terraformCLI(t)
	home := t.TempDir()

	// Go's caches stay where they are, so that nothing is downloaded or
	// rebuilt from scratch under the fresh HOME.
	goEnv := exec.Command("go", "env", "GOCACHE", "GOMODCACHE", "GOPATH")
	var caches bytes.Buffer
	goEnv.Stdout = &caches
	if err := runWithin(cliLimit, goEnv); err != nil {
		t.Fatal(err)
	}
	cache := strings.Fields(caches.String())
	install := exec.Command("make", "-s", "install")
	install.Dir = filepath.Join("..", "..")
	install.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + home,
		"GOCACHE=" + cache[0], "GOMODCACHE=" + cache[1], "GOPATH=" + cache[2], "GOFLAGS=" + os.Getenv("GOFLAGS")}
	var out bytes.Buffer
	install.Stdout, install.Stderr = &out, &out
	if err := runWithin(buildLimit, install); err != nil {
		t.Fatalf("make install: %v\n%s", err, out.String())
	}

	srv := newMock(t)
	srv.Mock.AddBatch(testProject, testBatch, "running")
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "main.tf"), requiredProviders+akskProvider(srv)+batchConfig(`batch_id = "`+testBatch+`"`)+`
output "state" {
  value = data.dli_batch_state.test.state
}
`)
	run := func(args ...string) string {
		t.Helper()
		cmd := exec.Command(tf, args...)
		cmd.Dir = dir
		// A CLI configuration file that does not exist: only the implicit
		// local mirror under HOME can supply the provider.
		cmd.Env = baseCLIEnv(home, filepath.Join(home, "none.tfrc"))
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		if err := runWithin(cliLimit, cmd); err != nil {
			t.Fatalf("%s %s: %v\n%s", filepath.Base(tf), strings.Join(args, " "), err, out.String())
		}
		return out.String()
	}
	if out := run("init", "-no-color", "-input=false"); !strings.Contains(out, "Installed dli-terraform/dli v") {
		t.Fatalf("init did not install the provider from the local mirror:\n%s", out)
	}
	if out := run("plan", "-no-color", "-input=false"); !strings.Contains(out, `state = "running"`) {
		t.Fatalf("the plan did not read the batch:\n%s", out)
	}
	// The installed binary says which version it is.
	installed, err := filepath.Glob(filepath.Join(home, ".terraform.d", "plugins", "registry.terraform.io", "dli-terraform", "dli", "*", "*", "terraform-provider-dli_v*"))
	if err != nil || len(installed) != 1 {
		t.Fatalf("installed binaries %v, %v; want one", installed, err)
	}
	version := strings.TrimPrefix(filepath.Base(installed[0]), "terraform-provider-dli_v")
	answer, err := exec.Command(installed[0], "-version").Output()
	if got, want := strings.TrimSpace(string(answer)), "terraform-provider-dli "+version; err != nil || got != want {
		t.Fatalf("%s -version: %q, %v; want %q", installed[0], got, err, want)
	}
}
