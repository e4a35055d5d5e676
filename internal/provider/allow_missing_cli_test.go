package provider

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestAccBatchState_missingAfterApply: once DLI forgets a batch that a
// stack's data source read, plan and destroy fail with the error that
// names both ways out, and each works: allow_missing reads found = false,
// and terraform destroy -refresh=false reads nothing.
func TestAccBatchState_missingAfterApply(t *testing.T) {
	known, forgotten := newMock(t), newMock(t)
	known.Mock.AddBatch(testProject, testBatch, "success")
	dir := t.TempDir()
	write := func(srv, extra string) {
		provider := strings.Replace(akskProvider(known), known.URL, srv, 1)
		config := batchConfig(`batch_id = "`+testBatch+`"`+"\n"+extra) + "output \"found\" {\n  value = data.dli_batch_state.test.found\n}\n"
		writeFile(t, filepath.Join(dir, "main.tf"), requiredProviders+provider+config)
	}
	run := func(wantOK bool, args ...string) string {
		t.Helper()
		r := runCLI(t, dir, nil, append(args, "-no-color", "-input=false")...)
		if (r.err == nil) != wantOK {
			t.Fatalf("terraform %s: err = %v, want success %v\n%s%s", strings.Join(args, " "), r.err, wantOK, r.stdout, r.stderr)
		}
		return r.stdout + r.stderr
	}
	write(known.URL, "")
	run(true, "apply", "-auto-approve")

	write(forgotten.URL, "")
	for _, args := range [][]string{{"plan"}, {"destroy", "-auto-approve"}} {
		out := strings.Join(strings.Fields(run(false, args...)), " ")
		for _, want := range []string{"DLI batch not found", "allow_missing = true", "terraform destroy -refresh=false"} {
			if !strings.Contains(out, want) {
				t.Errorf("terraform %s: the error does not say %q:\n%s", args[0], want, out)
			}
		}
	}

	// The postcondition the docs suggest lets a forgotten batch through.
	write(forgotten.URL, "allow_missing = true\n"+`lifecycle {
  postcondition {
    condition     = !self.found || try(lower(self.state), "") == "success"
    error_message = "The batch did not succeed."
  }
}`)
	if out := run(true, "apply", "-auto-approve"); !strings.Contains(out, "found = false") {
		t.Errorf("with allow_missing, apply shows no found = false:\n%s", out)
	}

	write(forgotten.URL, "")
	before := forgotten.Mock.RequestCount()
	run(true, "destroy", "-refresh=false", "-auto-approve")
	if n := forgotten.Mock.RequestCount() - before; n != 0 {
		t.Errorf("terraform destroy -refresh=false sent %d requests, want none", n)
	}
}
