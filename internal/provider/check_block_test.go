package provider

import (
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
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "main.tf"), requiredProviders+akskProvider(srv)+`
check "batch_succeeded" {
  data "dli_batch_state" "scoped" {
    batch_id = "`+testBatch+`"
  }

  assert {
    condition     = lower(data.dli_batch_state.scoped.state) == "success"
    error_message = "The batch is ${data.dli_batch_state.scoped.state}, not success."
  }
}

resource "terraform_data" "downstream" {
  input = "created anyway"
}
`)
	res := runCLI(t, dir, nil, "apply", "-auto-approve", "-no-color", "-input=false")
	out := strings.Join(strings.Fields(res.stdout+res.stderr), " ")
	if res.err != nil {
		t.Fatalf("a failed check assertion stopped the apply: %v\n%s", res.err, out)
	}
	for _, want := range []string{"Warning: Check block assertion failed", "The batch is dead, not success.", "Apply complete! Resources: 1 added"} {
		if !strings.Contains(out, want) {
			t.Errorf("the apply output does not say %q:\n%s", want, out)
		}
	}
}
