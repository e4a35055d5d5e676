package provider

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A check block reports a batch that did not succeed as a warning and never
// stops the run: the downstream resource is still created. This is the
// documented difference from a postcondition, which gates.
func TestAccBatchState_checkBlockWarnsWithoutGating(t *testing.T) {
	srv := newMock(t)
	srv.Mock.AddBatch(testProject, testBatch, "dead")
	// The documented example itself, pointed at a batch that failed.
	example, err := os.ReadFile("../../examples/data-sources/dli_batch_state/check.tf")
	if err != nil {
		t.Fatal(err)
	}
	const exampleBatch = "9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a"
	if !strings.Contains(string(example), exampleBatch) {
		t.Fatalf("check.tf no longer reads batch %s; update this test", exampleBatch)
	}
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "main.tf"), requiredProviders+akskProvider(srv)+strings.Replace(string(example), exampleBatch, testBatch, 1)+`
resource "terraform_data" "downstream" {
  input = "created anyway"
}
`)
	res := runCLI(t, dir, nil, "apply", "-auto-approve", "-no-color", "-input=false")
	out := strings.Join(strings.Fields(res.stdout+res.stderr), " ")
	if res.err != nil {
		t.Fatalf("a failed check assertion stopped the apply: %v\n%s", res.err, out)
	}
	for _, want := range []string{"Warning: Check block assertion failed", "Last night's batch is dead, not success.", "Apply complete! Resources: 1 added"} {
		if !strings.Contains(out, want) {
			t.Errorf("the apply output does not say %q:\n%s", want, out)
		}
	}
}
