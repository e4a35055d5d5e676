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

// batchGate is the documented gate: a table that must wait for a batch.
func batchGate(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile("../../examples/actions/dli_batch_wait/action.tf")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// The progress lines of the documented gate, as Terraform shows them.
const gateProgress = "Action action.dli_batch_wait.etl (triggered by terraform_data.sales_report_table): "

func TestAccBatchWait_triggeredOnceThenInvoked(t *testing.T) {
	cli := actionsCLI(t)
	srv := newMock(t)
	srv.Mock.AddBatch(testProject, testBatch, "starting", "running", "success")
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "main.tf"), requiredProviders+akskProvider(srv)+batchGate(t))
	run := func(args ...string) string {
		t.Helper()
		r := runThisCLI(t, cli, providerBinDir(t), dir, nil, append(args, "-var=etl_batch_id="+testBatch, "-no-color", "-input=false")...)
		if r.err != nil {
			t.Fatalf("terraform %s: %v\n%s%s", strings.Join(args, " "), r.err, r.stdout, r.stderr)
		}
		return r.stdout + r.stderr
	}

	out := run("apply", "-auto-approve")
	want := []string{
		"Action started: action.dli_batch_wait.etl (triggered by terraform_data.sales_report_table)",
		gateProgress + "batch " + testBatch + " is starting (0s)",
		gateProgress + "batch " + testBatch + " is running (",
		gateProgress + "batch " + testBatch + " reached success (",
		"Action complete: action.dli_batch_wait.etl (triggered by terraform_data.sales_report_table)",
		"terraform_data.sales_report_table: Creation complete",
	}
	at := 0
	for _, w := range want {
		i := strings.Index(out[at:], w)
		if i < 0 {
			t.Fatalf("the apply that creates the table does not show %q after what came before:\n%s", w, out)
		}
		at += i + len(w)
	}
	if n := srv.Mock.RequestCount(); n != 3 {
		t.Fatalf("the triggered wait sent %d requests, want 3", n)
	}

	run("apply", "-auto-approve")
	if n := srv.Mock.RequestCount(); n != 3 {
		t.Fatalf("an apply with nothing to change sent %d more requests, want none: the wait runs only when the table changes", n-3)
	}

	out = run("apply", "-auto-approve", "-invoke=action.dli_batch_wait.etl")
	if !strings.Contains(out, "batch "+testBatch+" reached success (0s)") || srv.Mock.RequestCount() != 4 {
		t.Fatalf("terraform apply -invoke: %d requests in all (want 4), output:\n%s", srv.Mock.RequestCount(), out)
	}
}

// Every action example is formatted and valid for a CLI that has actions
// (TestAccExamples leaves them out: older CLIs cannot parse them).
func TestAccActionExamples(t *testing.T) {
	cli := actionsCLI(t)
	dirs, err := filepath.Glob("../../examples/actions/*")
	if err != nil || len(dirs) < 4 {
		t.Fatalf("found %d action example directories (%v), want one per action", len(dirs), err)
	}
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			work := t.TempDir()
			files, _ := filepath.Glob(filepath.Join(dir, "*.tf"))
			for _, f := range files {
				b, err := os.ReadFile(f)
				if err != nil {
					t.Fatal(err)
				}
				writeFile(t, filepath.Join(work, filepath.Base(f)), string(b))
			}
			writeFile(t, filepath.Join(work, "zz_required_providers.tf"), requiredProviders)
			if r := runThisCLI(t, cli, providerBinDir(t), work, nil, "fmt", "-check", "-diff"); r.err != nil {
				t.Fatalf("not formatted:\n%s%s", r.stdout, r.stderr)
			}
			if r := runThisCLI(t, cli, providerBinDir(t), work, nil, "validate", "-no-color"); r.err != nil || !strings.Contains(r.stdout, "The configuration is valid") {
				t.Fatalf("terraform validate failed: %v\n%s%s", r.err, r.stdout, r.stderr)
			}
		})
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
	writeFile(t, filepath.Join(dir, "main.tf"), requiredProviders+akskProvider(srv)+batchGate(t))
	r := runThisCLI(t, cli, providerBinDir(t), dir, nil, "apply", "-auto-approve", "-var=etl_batch_id="+testBatch, "-no-color", "-input=false")
	out := strings.Join(strings.Fields(r.stdout+r.stderr), " ")
	if r.err == nil || !strings.Contains(out, "DLI batch ended in an unexpected state") || !strings.Contains(out, "obs://bucket/in does not exist") {
		t.Fatalf("err = %v, want the apply to fail with the batch's reason:\n%s", r.err, out)
	}
	if strings.Contains(out, "terraform_data.sales_report_table: Creation complete") {
		t.Fatalf("the table was created although the batch died:\n%s", out)
	}
}
