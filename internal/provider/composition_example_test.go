package provider

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// The composition example cannot be validated offline (it needs the
// official provider), so its wiring is checked here: the submitted job's ID
// is the gate's batch_id, the gate waits for a terminal state and stops the
// run unless it succeeded, and a downstream resource depends on the gate.
func TestCompositionExampleWiresTheJobIntoTheGate(t *testing.T) {
	src, blocks := parseExample(t, "../../examples/composition/spark-job-gate/main.tf")
	var job, gate, downstream *hclsyntax.Block
	for _, b := range blocks {
		switch {
		case b.Type == "resource" && b.Labels[0] == "huaweicloud_dli_spark_job":
			job = b
		case b.Type == "data" && b.Labels[0] == "dli_batch_state":
			gate = b
		case b.Type == "resource":
			downstream = b
		}
	}
	if job == nil || gate == nil || downstream == nil {
		t.Fatalf("want a huaweicloud_dli_spark_job, a dli_batch_state and a downstream resource; got %v %v %v", job, gate, downstream)
	}
	jobID := "huaweicloud_dli_spark_job." + job.Labels[1] + ".id"
	if got := traversal(t, src, gate.Body.Attributes["batch_id"]); got != jobID {
		t.Errorf("batch_id is %q, want %q", got, jobID)
	}
	if gate.Body.Attributes["wait_for"] == nil {
		t.Error("the gate does not wait_for the batch")
	}
	lifecycle := findBlock(gate.Body, "lifecycle")
	if lifecycle == nil || findBlock(lifecycle.Body, "postcondition") == nil {
		t.Error("the gate has no postcondition")
	}
	gateRef := "data.dli_batch_state." + gate.Labels[1]
	if !strings.Contains(string(downstream.Range().SliceBytes(src)), gateRef) {
		t.Errorf("the downstream resource does not refer to %s", gateRef)
	}
}

// parseExample is an example file's source and its top-level blocks.
func parseExample(t *testing.T, file string) ([]byte, hclsyntax.Blocks) {
	t.Helper()
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	f, diags := hclsyntax.ParseConfig(src, file, hcl.InitialPos)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	return src, f.Body.(*hclsyntax.Body).Blocks
}

func traversal(t *testing.T, src []byte, a *hclsyntax.Attribute) string {
	t.Helper()
	if a == nil {
		return ""
	}
	return strings.TrimSpace(string(a.Expr.Range().SliceBytes(src)))
}

func findBlock(body *hclsyntax.Body, typ string) *hclsyntax.Block {
	for _, b := range body.Blocks {
		if b.Type == typ {
			return b
		}
	}
	return nil
}

// The gate module's terraform test file runs with the real CLI: the mock
// provider stands in for DLI, the postcondition stops a failed batch.
func TestAccGateModule_terraformTestMocksTheProvider(t *testing.T) {
	const module = "../../examples/modules/batch-gate"
	skipBelowCLI(t, 1, 7, "terraform test with mock_provider")
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(module)); err != nil {
		t.Fatal(err)
	}
	if res := runCLI(t, dir, nil, "fmt", "-check", "-recursive"); res.err != nil {
		t.Fatalf("not formatted:\n%s%s", res.stdout, res.stderr)
	}
	// No init: the dev_overrides configuration serves the built provider.
	tests, _ := filepath.Glob(filepath.Join(dir, "tests", "*.tftest.hcl"))
	if len(tests) == 0 {
		t.Fatal("the module has no tests/*.tftest.hcl")
	}
	res := runCLI(t, dir, nil, "test", "-no-color")
	out := res.stdout + res.stderr
	if res.err != nil || !strings.Contains(out, "2 passed, 0 failed") {
		t.Fatalf("terraform test: %v\n%s", res.err, out)
	}
}

// skipBelowCLI skips a test of a feature that the CLI under test gains in
// major.minor (the test workflow runs the suite with Terraform 1.5 too).
func skipBelowCLI(t *testing.T, major, minor int, feature string) {
	t.Helper()
	out, err := exec.Command(terraformCLI(t), "version", "-json").Output()
	var v struct {
		Version string `json:"terraform_version"`
	}
	if err != nil || json.Unmarshal(out, &v) != nil {
		t.Fatalf("%s version -json: %v\n%s", terraformCLI(t), err, out)
	}
	var gotMajor, gotMinor int
	if _, err := fmt.Sscanf(v.Version, "%d.%d", &gotMajor, &gotMinor); err != nil {
		t.Fatalf("version %q: %v", v.Version, err)
	}
	if gotMajor < major || (gotMajor == major && gotMinor < minor) {
		t.Skipf("%s needs %d.%d; the CLI is %s", feature, major, minor, v.Version)
	}
}
