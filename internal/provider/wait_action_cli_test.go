package provider

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// The actions through a real Terraform CLI, which needs 1.14 or newer:
// an apply whose resource triggers the wait, and terraform apply -invoke.
// The in-process tests (wait_action_test.go) carry the weight; these show
// that Terraform drives the actions as they expect.

// envActionsCLI names a Terraform 1.14+ binary for these tests, when the
// acceptance tests' own CLI is older (or OpenTofu, which has no actions).
const envActionsCLI = "DLI_TF_ACTIONS_PATH"

// actionsCLI is DLI_TF_ACTIONS_PATH, else the acceptance tests' CLI if it
// is Terraform 1.14+; otherwise the test skips, saying how to run it.
func actionsCLI(t *testing.T) string {
	t.Helper()
	if os.Getenv("TF_ACC") == "" {
		t.Skip("set TF_ACC=1 to run tests that build the provider and run the Terraform CLI")
	}
	if p := os.Getenv(envActionsCLI); p != "" {
		if v, ok := hasActions(t, p); !ok {
			t.Fatalf("%s=%s is %s, not Terraform 1.14 or newer: actions need it", envActionsCLI, p, v)
		}
		return p
	}
	p := terraformCLI(t)
	if v, ok := hasActions(t, p); !ok {
		t.Skipf("actions need Terraform 1.14 or newer, and %s is %s: run with TF_ACC=1 %s=/path/to/terraform-1.14-or-newer", p, v, envActionsCLI)
	}
	return p
}

// hasActions reports whether the CLI p is Terraform 1.14 or newer, and
// what it is, e.g. "Terraform 1.11.4" or "OpenTofu 1.12.6".
func hasActions(t *testing.T, p string) (string, bool) {
	t.Helper()
	out, err := exec.Command(p, "version", "-json").Output()
	if err != nil {
		t.Fatalf("%s version -json: %v", p, err)
	}
	var v struct {
		Version string `json:"terraform_version"`
	}
	if err := json.Unmarshal(out, &v); err != nil {
		t.Fatalf("%s version -json: %v\n%s", p, err, out)
	}
	// OpenTofu answers terraform_version too; its first line says which.
	text, _ := exec.Command(p, "version").Output()
	name, _, _ := strings.Cut(string(text), " ")
	var major, minor int
	if _, err := fmt.Sscanf(v.Version, "%d.%d", &major, &minor); err != nil {
		t.Fatalf("%s: version %q: %v", p, v.Version, err)
	}
	return name + " " + v.Version, name == "Terraform" && (major > 1 || major == 1 && minor >= 14)
}

// batchGate is a table that must wait for a batch: the action, and the
// resource that triggers it before it is created or changed.
func batchGate(input string) string {
	return `
action "dli_batch_wait" "etl" {
  config {
    batch_id = "` + testBatch + `"
    wait_for = ["success"]
  }
}

resource "terraform_data" "table" {
  input = "` + input + `"
  lifecycle {
    action_trigger {
      events  = [before_create, before_update]
      actions = [action.dli_batch_wait.etl]
    }
  }
}
`
}

func TestAccBatchWait_triggeredOnceThenInvoked(t *testing.T) {
	cli := actionsCLI(t)
	srv := newMock(t)
	srv.Mock.AddBatch(testProject, testBatch, "running", "success")
	dir := t.TempDir()
	run := func(config string, args ...string) string {
		t.Helper()
		writeFile(t, filepath.Join(dir, "main.tf"), requiredProviders+akskProvider(srv)+config)
		r := runThisCLI(t, cli, providerBinDir(t), dir, nil, append(args, "-no-color", "-input=false")...)
		if r.err != nil {
			t.Fatalf("terraform %s: %v\n%s%s", strings.Join(args, " "), r.err, r.stdout, r.stderr)
		}
		return r.stdout + r.stderr
	}

	out := run(batchGate("v1"), "apply", "-auto-approve")
	for _, want := range []string{"batch " + testBatch + " is running (0s)", "batch " + testBatch + " reached success ("} {
		if !strings.Contains(out, want) {
			t.Errorf("the apply that creates the table does not show %q:\n%s", want, out)
		}
	}
	if n := srv.Mock.RequestCount(); n != 2 {
		t.Fatalf("the triggered wait sent %d requests, want 2", n)
	}

	run(batchGate("v1"), "apply", "-auto-approve")
	if n := srv.Mock.RequestCount(); n != 2 {
		t.Fatalf("an apply with nothing to change sent %d more requests, want none: the wait runs only when the table changes", n-2)
	}

	out = run(batchGate("v1"), "apply", "-auto-approve", "-invoke=action.dli_batch_wait.etl")
	if !strings.Contains(out, "batch "+testBatch+" reached success (0s)") || srv.Mock.RequestCount() != 3 {
		t.Fatalf("terraform apply -invoke: %d requests in all (want 3), output:\n%s", srv.Mock.RequestCount(), out)
	}
}

// A batch that dies fails the apply before the table is created, with
// DLI's reason.
func TestAccBatchWait_deadBatchStopsTheApply(t *testing.T) {
	cli := actionsCLI(t)
	srv := newMock(t)
	srv.Mock.AddBatch(testProject, testBatch, "dead")
	srv.Mock.SetDetails(testProject, testBatch, map[string]any{"log": []string{"ERROR: input path obs://bucket/in does not exist"}})
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "main.tf"), requiredProviders+akskProvider(srv)+batchGate("v1"))
	r := runThisCLI(t, cli, providerBinDir(t), dir, nil, "apply", "-auto-approve", "-no-color", "-input=false")
	out := strings.Join(strings.Fields(r.stdout+r.stderr), " ")
	if r.err == nil || !strings.Contains(out, "DLI batch ended in an unexpected state") || !strings.Contains(out, "obs://bucket/in does not exist") {
		t.Fatalf("err = %v, want the apply to fail with the batch's reason:\n%s", r.err, out)
	}
	if strings.Contains(out, "terraform_data.table: Creation complete") {
		t.Fatalf("the table was created although the batch died:\n%s", out)
	}
}
