package main

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// The fixture's code and tests: Untested's bug survives.
var fixture = map[string]string{
	"go.mod": "module example.com/fixture\n\ngo 1.21\n",
	"calc/calc.go": `package calc

func Add(a, b int) int { return a + b }

func Sub(a, b int) int { return a - b }

func Twice(a, b int) int { return a + b + a + b }

func Untested(a int) int { return a * 2 }
`,
	"calc/calc_test.go": `package calc

import "testing"

func TestAdd(t *testing.T) {
	if Add(2, 1) != 3 || Twice(2, 1) != 6 {
		t.Fatal("wrong sum")
	}
}

func TestSub(t *testing.T) {
	if Sub(2, 1) != 1 {
		t.Fatal("wrong difference")
	}
}
`,
	"round.tsv": strings.Join([]string{
		"# name\tfile\told\tnew\tpackage\ttests",
		"applies-in-add\tcalc/calc.go:Add\ta + b\ta - b\tcalc\tTestAdd",  // a + b is 3 times in the file
		"applies-in-file\tcalc/calc.go\t\ta - b\t\ta + b\tcalc\tTestSub", // a plain file, and tabs that line fields up
		"untested\tcalc/calc.go:Untested\ta * 2\ta * 3\tcalc\tTestAdd",
		"gone\tcalc/calc.go:Sub\ta * b\ta / b\tcalc\tTestSub",
		"twice-in-twice\tcalc/calc.go:Twice\ta + b\ta - b\tcalc\tTestAdd",
		"twice-in-file\tcalc/calc.go\ta + b\ta - b\tcalc\tTestAdd",
		"no-such-function\tcalc/calc.go:Mul\ta * b\ta / b\tcalc\tTestAdd",
		"",
	}, "\n"),
}

// scripts/mutation-round.sh on a module of its own: the mutants that apply
// are run and told caught or SURVIVED, those that do not are STALE, the
// round fails, and the code is as it was.
func TestTheRoundRunsWhatAppliesAndFailsOnWhatDoesNot(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go test on a fixture")
	}
	dir := t.TempDir()
	files := map[string]string{}
	for name, text := range fixture {
		files[name] = text
	}
	for name, from := range map[string]string{
		"scripts/mutation-round.sh":         filepath.Join("..", "..", "..", "scripts", "mutation-round.sh"),
		"internal/mutations/mutant/main.go": "main.go",
	} {
		text, err := os.ReadFile(from)
		if err != nil {
			t.Fatal(err)
		}
		files[name] = string(text)
	}
	for name, text := range files {
		file := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, []byte(text), 0o755); err != nil {
			t.Fatal(err)
		}
	}

	out, code := runRound(t, dir, "round.tsv")
	for name, status := range map[string]string{
		"applies-in-add": "caught", "applies-in-file": "caught", "untested": "SURVIVED",
		"gone": "STALE", "twice-in-twice": "STALE", "twice-in-file": "STALE", "no-such-function": "STALE",
	} {
		if !regexp.MustCompile(`(?m)^` + status + ` +` + name + `: `).MatchString(out) {
			t.Errorf("%s is not %s:\n%s", name, status, out)
		}
	}
	for _, want := range []string{"2 caught, 1 SURVIVED, 4 STALE", "STALE mutants no longer apply", "2 times, not once", "3 times, not once", "no declaration Mul"} {
		if !strings.Contains(out, want) {
			t.Errorf("the round does not say %q:\n%s", want, out)
		}
	}
	if code != 1 {
		t.Errorf("exit status %d, want 1", code)
	}
	if text, _ := os.ReadFile(filepath.Join(dir, "calc", "calc.go")); string(text) != fixture["calc/calc.go"] {
		t.Errorf("the round left calc.go changed:\n%s", text)
	}

	if out, code := runRound(t, dir, "round.tsv", "applies"); code != 0 || !strings.Contains(out, "2 caught") {
		t.Errorf("the round of the two that apply: exit status %d:\n%s", code, out)
	}
	if out, code := runRound(t, dir, "round.tsv", "misspelt"); code != 1 || !strings.Contains(out, "no mutant") {
		t.Errorf("a round that matches no mutant: exit status %d:\n%s", code, out)
	}
}

func runRound(t *testing.T, dir string, args ...string) (string, int) {
	t.Helper()
	cmd := exec.Command("bash", append([]string{filepath.Join(dir, "scripts", "mutation-round.sh")}, args...)...)
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=", "GOTOOLCHAIN=local", "TF_ACC=")
	out, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		t.Fatal(err)
	}
	return string(out), cmd.ProcessState.ExitCode()
}
