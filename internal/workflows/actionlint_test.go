package workflows

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// repoRoot is where the GNUmakefile is.
const repoRoot = "../.."

// runMake runs make target with the workflows in dir ("" for the
// repository's) and PATH as given.
func runMake(t *testing.T, target, dir, path string) (string, error) {
	t.Helper()
	// The first run on a machine builds actionlint from tools/actionlint.
	ctx, cancel := context.WithTimeout(t.Context(), 3*time.Minute)
	defer cancel()
	args := []string{"-s", target}
	if dir != "" {
		args = append(args, "WORKFLOWS="+dir)
	}
	cmd := exec.CommandContext(ctx, "make", args...)
	cmd.Dir = repoRoot
	cmd.Env = append(os.Environ(), "PATH="+path)
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// TestActionlint_brokenWorkflowFailsMakeLint: the test workflow with one
// job's needs misspelt fails make lint, naming the file and the missing
// job. (actionlint runs before golangci-lint, so this stops there.)
func TestActionlint_brokenWorkflowFailsMakeLint(t *testing.T) {
	good, err := os.ReadFile(filepath.Join(repoRoot, ".github", "workflows", "test.yml"))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Count(string(good), "needs: build\n") != 1 {
		t.Fatal("test.yml no longer has exactly one `needs: build`; update this test's mutation")
	}
	dir := t.TempDir()
	broken := strings.Replace(string(good), "needs: build\n", "needs: biuld\n", 1)
	if err := os.WriteFile(filepath.Join(dir, "test.yml"), []byte(broken), 0o600); err != nil {
		t.Fatal(err)
	}

	out, err := runMake(t, "lint", dir, os.Getenv("PATH"))
	if err == nil {
		t.Fatalf("make lint passed a workflow that needs a job that does not exist:\n%s", out)
	}
	var exit *exec.ExitError
	if !errors.As(err, &exit) {
		t.Fatalf("make lint did not run: %v\n%s", err, out)
	}
	// The finding names the file, then line:column.
	if !strings.Contains(out, "test.yml:") || !strings.Contains(out, `needs job "biuld" which does not exist in this workflow [job-needs]`) {
		t.Errorf("make lint failed without the finding about the missing job:\n%s", out)
	}
	// And it is that finding that failed make lint (make names the target
	// whose recipe failed), not anything after it.
	if !strings.Contains(out, "actionlint] Error") {
		t.Errorf("make lint did not fail at actionlint:\n%s", out)
	}
}

// TestActionlint_repositoryWorkflowsPassWhateverIsOnPATH: the workflows
// pass, and the result does not depend on a shellcheck or pyflakes on PATH
// (here ones that fail whatever they are given, which actionlint would
// report if it ran them).
func TestActionlint_repositoryWorkflowsPassWhateverIsOnPATH(t *testing.T) {
	bin := t.TempDir()
	for _, name := range []string{"shellcheck", "pyflakes"} {
		script := "#!/bin/sh\necho 'not JSON' >&2\nexit 3\n"
		if err := os.WriteFile(filepath.Join(bin, name), []byte(script), 0o700); err != nil {
			t.Fatal(err)
		}
	}
	path := bin + string(os.PathListSeparator) + os.Getenv("PATH")
	if out, err := runMake(t, "actionlint", "", path); err != nil {
		t.Fatalf("make actionlint: %v\n%s", err, out)
	}
}
