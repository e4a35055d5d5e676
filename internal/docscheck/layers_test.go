package docscheck

import (
	"encoding/json"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

const module = "github.com/dli-terraform/terraform-provider-dli"

var code = regexp.MustCompile("`([^`]+)`")

// allowed reads DESIGN.md's Layers table: package (main.go for the
// module's root) to the packages of the module it may import.
func allowed(t *testing.T, design string) map[string][]string {
	t.Helper()
	rules := map[string][]string{}
	_, table, _ := strings.Cut(design, "| package | what it is | may import (of this module) |")
	for line := range strings.Lines(table) {
		if !strings.HasPrefix(line, "|") {
			if len(rules) > 0 {
				break
			}
			continue
		}
		cells := strings.Split(line, "|")
		if len(cells) < 4 || strings.HasPrefix(cells[1], "---") {
			continue
		}
		var may []string
		for _, m := range code.FindAllStringSubmatch(cells[3], -1) {
			may = append(may, m[1])
		}
		for _, m := range code.FindAllStringSubmatch(cells[1], -1) {
			rules[m[1]] = may
		}
	}
	if len(rules) == 0 {
		t.Fatal("DESIGN.md has no Layers table")
	}
	return rules
}

func TestEveryPackageImportsOnlyWhatDesignAllows(t *testing.T) {
	root := filepath.Join("..", "..")
	design, err := os.ReadFile(filepath.Join(root, "DESIGN.md"))
	if err != nil {
		t.Fatal(err)
	}
	rules := allowed(t, string(design))
	cmd := exec.Command("go", "list", "-json=ImportPath,Imports", "./...")
	cmd.Dir = root
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	seen := 0
	for dec := json.NewDecoder(strings.NewReader(string(out))); ; {
		var p struct {
			ImportPath string
			Imports    []string
		}
		if err := dec.Decode(&p); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		name := strings.TrimPrefix(strings.TrimPrefix(p.ImportPath, module), "/")
		if name == "" {
			name = "main.go"
		}
		may, ok := rules[name]
		if !ok {
			t.Errorf("%s is not in DESIGN.md's Layers table: add its row (what it is, what it may import)", name)
			continue
		}
		seen++
		for _, imp := range p.Imports {
			if rest, ours := strings.CutPrefix(imp, module+"/"); ours && !slices.Contains(may, rest) {
				t.Errorf("%s imports %s, which DESIGN.md's Layers table does not allow it (only %v)", name, rest, may)
			}
		}
	}
	if seen < 10 {
		t.Fatalf("only %d packages checked", seen)
	}
}
