// Command mutant puts one deliberate bug into a Go file, for
// scripts/mutation-round.sh; it stands alone (standard library only) so
// that the round can build it whatever state the code is in.
//
//	mutant FILE[:DECL] OLD NEW   print FILE with OLD replaced by NEW
//	mutant -where FILE OLD       print FILE:DECL for the OLD in FILE
//
// DECL names a top-level declaration of FILE: a function, a method (Name,
// or Type.Name when several types have one), a type, a const or a var. OLD
// must occur exactly once in it (in FILE, without DECL), so the bug is put
// where it was meant to be even after the code around it moved; when it no
// longer does, mutant says why and exits 1: the mutant is stale.
package main

import (
	"bytes"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"strings"
)

func main() {
	args := os.Args[1:]
	var out []byte
	var err error
	switch {
	case len(args) == 3 && args[0] == "-where":
		var where string
		where, err = whereIn(args[1], args[2])
		out = []byte(where + "\n")
	case len(args) == 3:
		out, err = mutate(args[0], args[1], args[2])
	default:
		fmt.Fprintln(os.Stderr, "usage: mutant FILE[:DECL] OLD NEW | mutant -where FILE OLD")
		os.Exit(2)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Stdout.Write(out)
}

// splitTarget splits FILE[:DECL].
func splitTarget(target string) (file, decl string) {
	if i := strings.LastIndex(target, ":"); i > 0 && strings.HasSuffix(target[:i], ".go") {
		return target[:i], target[i+1:]
	}
	return target, ""
}

// mutate returns target's file with old, which must occur once in the
// target, replaced by replacement.
func mutate(target, old, replacement string) ([]byte, error) {
	file, decl := splitTarget(target)
	src, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	start, end := 0, len(src)
	if decl != "" {
		if start, end, err = declRange(file, src, decl); err != nil {
			return nil, err
		}
	}
	scope := src[start:end]
	switch n := bytes.Count(scope, []byte(old)); n {
	case 0:
		return nil, fmt.Errorf("%s: %q is not there", target, old)
	case 1:
	default:
		return nil, fmt.Errorf("%s: %q is there %d times, not once", target, old, n)
	}
	i := start + bytes.Index(scope, []byte(old))
	return bytes.Join([][]byte{src[:i], []byte(replacement), src[i+len(old):]}, nil), nil
}

// decl is a top-level declaration, by the names it answers to.
type decl struct {
	names      []string // "Name", and "Type.Name" for a method
	start, end int
}

func decls(file string, src []byte) ([]decl, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, file, src, parser.SkipObjectResolution)
	if err != nil {
		return nil, err
	}
	offset := func(p token.Pos) int { return fset.Position(p).Offset }
	var all []decl
	for _, d := range f.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			names := []string{d.Name.Name}
			if d.Recv != nil && len(d.Recv.List) == 1 {
				names = append(names, receiverType(d.Recv.List[0].Type)+"."+d.Name.Name)
			}
			all = append(all, decl{names, offset(d.Pos()), offset(d.End())})
		case *ast.GenDecl:
			for _, spec := range d.Specs {
				var node ast.Node = d // var x = 1: the whole declaration
				if d.Lparen.IsValid() {
					node = spec // var ( x = 1 ): x's line
				}
				var names []string
				switch spec := spec.(type) {
				case *ast.TypeSpec:
					names = []string{spec.Name.Name}
				case *ast.ValueSpec:
					for _, n := range spec.Names {
						names = append(names, n.Name)
					}
				}
				all = append(all, decl{names, offset(node.Pos()), offset(node.End())})
			}
		}
	}
	return all, nil
}

func receiverType(e ast.Expr) string {
	switch e := e.(type) {
	case *ast.StarExpr:
		return receiverType(e.X)
	case *ast.IndexExpr: // a generic type's method
		return receiverType(e.X)
	case *ast.IndexListExpr:
		return receiverType(e.X)
	case *ast.Ident:
		return e.Name
	}
	return ""
}

// declRange is where the declaration named name is in src.
func declRange(file string, src []byte, name string) (start, end int, err error) {
	all, err := decls(file, src)
	if err != nil {
		return 0, 0, err
	}
	var found []decl
	for _, d := range all {
		for _, n := range d.names {
			if n == name {
				found = append(found, d)
			}
		}
	}
	switch len(found) {
	case 0:
		return 0, 0, fmt.Errorf("%s: no declaration %s", file, name)
	case 1:
		return found[0].start, found[0].end, nil
	}
	return 0, 0, fmt.Errorf("%s: %d declarations are named %s: write Type.%s", file, len(found), name, name)
}

// whereIn is FILE:DECL for the one old in file: the declaration that holds
// it, a method as Type.Name.
func whereIn(file, old string) (string, error) {
	if _, err := mutate(file, old, old); err != nil {
		return "", err
	}
	src, err := os.ReadFile(file)
	if err != nil {
		return "", err
	}
	i := bytes.Index(src, []byte(old))
	all, err := decls(file, src)
	if err != nil {
		return "", err
	}
	for _, d := range all {
		if d.start <= i && i+len(old) <= d.end {
			n := d.names[len(d.names)-1] // a method by Type.Name, which says more
			if _, _, err := declRange(file, src, n); err == nil {
				return file + ":" + n, nil
			}
		}
	}
	return "", errors.New(file + ": " + fmt.Sprintf("%q", old) + " is in no single declaration")
}
