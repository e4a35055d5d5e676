package provider

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// go test's own Ctrl-C must work, and a test's environment must stay its
// own: New, which listens for SIGINT and sets the SDK's log levels in the
// process environment, is for the main of a served binary alone. Tests
// inject their options through newWithOptions.
func TestOnlyMainCallsNew(t *testing.T) {
	const importPath = "github.com/dli-terraform/terraform-provider-dli/internal/provider"
	root := filepath.Join("..", "..")
	var callers []string
	err := filepath.WalkDir(root, func(file string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			return err
		case d.IsDir() && file != root && strings.HasPrefix(d.Name(), "."): // .tofu, .demo: not ours
			return filepath.SkipDir
		case d.IsDir() || !strings.HasSuffix(file, ".go"):
			return nil
		}
		f, err := parser.ParseFile(token.NewFileSet(), file, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		name := "" // how this file calls New: "New" in this package, else the import's name
		if filepath.Dir(file) == filepath.Join(root, "internal", "provider") {
			name = "New"
		}
		for _, imp := range f.Imports {
			if path, _ := strconv.Unquote(imp.Path.Value); path == importPath {
				name = "provider.New"
				if imp.Name != nil {
					name = imp.Name.Name + ".New"
				}
			}
		}
		ast.Inspect(f, func(n ast.Node) bool {
			if call, ok := n.(*ast.CallExpr); ok && name != "" && exprString(call.Fun) == name && f.Name.Name != "main" {
				callers = append(callers, filepath.ToSlash(file))
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(callers) > 0 {
		t.Fatalf("New is called from %v; only a served binary's main may call it (tests use newWithOptions)", callers)
	}
}

func exprString(e ast.Expr) string {
	switch e := e.(type) {
	case *ast.Ident:
		return e.Name
	case *ast.SelectorExpr:
		return exprString(e.X) + "." + e.Sel.Name
	}
	return ""
}
