package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const source = `package calc

const limit = 10

var (
	scale  = 2
	offset = limit + 1
)

type adder struct{ n int }

func (a *adder) add(b int) int { return a.n + b }

type other struct{ n int }

func (o other) add(b int) int { return o.n + b + limit }

func Add(a, b int) int { return a + b }

func Twice(a, b int) int {
	return a + b + a + b
}
`

func writeSource(t *testing.T) string {
	t.Helper()
	file := filepath.Join(t.TempDir(), "calc.go")
	if err := os.WriteFile(file, []byte(source), 0o600); err != nil {
		t.Fatal(err)
	}
	return file
}

func TestAMutantChangesItsOneOccurrenceWithinItsDeclaration(t *testing.T) {
	file := writeSource(t)
	for _, tc := range []struct{ target, old, new, want string }{
		{":Add", "a + b", "a - b", "func Add(a, b int) int { return a - b }"},
		{":adder.add", "a.n + b", "a.n - b", "func (a *adder) add(b int) int { return a.n - b }"},
		{":other.add", "+ b", "- b", "return o.n - b + limit"},
		{":limit", "10", "11", "const limit = 11"},
		{":offset", "limit + 1", "limit", "offset = limit\n"},
		{":adder", "n int", "n int64", "type adder struct{ n int64 }"},
		{"", "a - b", "never", ""}, // checked below: the whole file, and not there
		{"", "a.n + b", "a.n * b", "return a.n * b }"},
	} {
		out, err := mutate(file+tc.target, tc.old, tc.new)
		if tc.want == "" {
			if err == nil {
				t.Errorf("%s %q: applied, but it is not there", tc.target, tc.old)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%s %q: %v", tc.target, tc.old, err)
		}
		if !strings.Contains(string(out), tc.want) || len(out) != len(source)-len(tc.old)+len(tc.new) {
			t.Errorf("%s %q -> %q: got\n%s", tc.target, tc.old, tc.new, out)
		}
	}
}

func TestAMutantThatNoLongerAppliesSaysWhy(t *testing.T) {
	file := writeSource(t)
	for _, tc := range []struct{ target, old, why string }{
		{":Twice", "a + b", "2 times, not once"},
		{"", "a + b", "is there 3 times"}, // once in Add, twice in Twice
		{":Add", "a * b", "is not there"},
		{":Mul", "a * b", "no declaration Mul"},
		{":add", "+ b", "2 declarations are named add: write Type.add"},
		{":Add", "return a + b + a", "is not there"}, // not beyond Add's end
	} {
		_, err := mutate(file+tc.target, tc.old, "x")
		if err == nil || !strings.Contains(err.Error(), tc.why) {
			t.Errorf("%s %q: error %v, want one saying %q", tc.target, tc.old, err, tc.why)
		}
	}
}

func TestWhereNamesTheDeclarationThatHoldsTheText(t *testing.T) {
	file := writeSource(t)
	for old, want := range map[string]string{
		"return a + b }": ":Add", "a.n + b": ":adder.add", "limit = 10": ":limit", "offset = limit": ":offset",
	} {
		got, err := whereIn(file, old)
		if err != nil || got != file+want {
			t.Errorf("where %q = %q, %v; want %q", old, got, err, file+want)
		}
	}
	if got, err := whereIn(file, "a + b"); err == nil {
		t.Errorf("where of a text that is there 3 times = %q, want an error", got)
	}
}

// Every bug of the round still applies: a refactor that moves a bug's text
// away fails here, in make test, not at the next round.
func TestEveryMutantOfTheRoundApplies(t *testing.T) {
	root := filepath.Join("..", "..", "..")
	round, err := os.ReadFile(filepath.Join(root, "scripts", "mutations.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for line := range strings.Lines(string(round)) {
		line = strings.TrimRight(line, "\r\n")
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		// As bash's read with IFS=$'\t': a run of tabs is one separator.
		fields := strings.FieldsFunc(line, func(r rune) bool { return r == '\t' })
		if len(fields) != 6 {
			t.Errorf("%q: %d fields, want 6 (name, file[:decl], old, new, package, tests)", line, len(fields))
			continue
		}
		name, target, old, replacement, pkg := fields[0], fields[1], fields[2], fields[3], fields[4]
		if _, err := mutate(filepath.Join(root, target), old, replacement); err != nil {
			t.Errorf("STALE %s: %v", name, err)
		}
		if _, err := os.Stat(filepath.Join(root, pkg)); err != nil {
			t.Errorf("%s: package %s: %v", name, pkg, err)
		}
		n++
	}
	if n == 0 {
		t.Fatal("no mutant in scripts/mutations.tsv")
	}
}
