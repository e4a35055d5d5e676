package docscheck

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"
)

// The README states the Go version once, and it is go.mod's go line.
func TestTheReadmeStatesGoModsGoVersion(t *testing.T) {
	root := filepath.Join("..", "..")
	gomod, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	readme, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	goLine := regexp.MustCompile(`(?m)^go (\S+)$`).FindSubmatch(gomod)
	if goLine == nil {
		t.Fatal("go.mod has no go line")
	}
	stated := regexp.MustCompile(`\bGo \(?(\d+\.\d+(?:\.\d+)?)`).FindAllSubmatch(readme, -1)
	if len(stated) != 1 || string(stated[0][1]) != string(goLine[1]) {
		var versions []string
		for _, s := range stated {
			versions = append(versions, string(s[1]))
		}
		t.Fatalf("the README states Go %q; want go.mod's %s, once", versions, goLine[1])
	}
}
