package billing

import (
	"errors"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// libraryRoot is the library's module, which go.mod replaces with ../..
// (this file is in internal/billing of that module's examples/backend).
const libraryRoot = "../../../.."

// libraryPackages are the packages whose sentinels the API may meet.
var libraryPackages = []string{"period", "invoice", "pause", "retry", "subscription"}

// TestProblemsCoverEveryLibrarySentinel reads the library's source and
// checks that every exported Err… variable of its packages has a problem
// code: the table in errors.go follows the library's renames and additions.
func TestProblemsCoverEveryLibrarySentinel(t *testing.T) {
	texts := map[string]bool{}
	for _, p := range problems {
		texts[p.err.Error()] = true
	}
	n := 0
	for _, pkg := range libraryPackages {
		for name, text := range sentinels(t, filepath.Join(libraryRoot, pkg)) {
			n++
			if !texts[text] {
				t.Errorf("%s.%s (%q) has no problem code in errors.go", pkg, name, text)
			}
		}
	}
	if n < 50 {
		t.Fatalf("found %d sentinels in %s: is the library where go.mod says?", n, libraryRoot)
	}
}

// sentinels returns the exported Err… variables of the package in dir and
// their messages: the text of errors.New, or of the variable an alias
// names in another package of the library.
func sentinels(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no Go files in %s: %v", dir, err)
	}
	for _, path := range files {
		if strings.HasSuffix(path, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for name, v := range errVars(f) {
			out[name] = sentinelText(t, f, name, v)
		}
	}
	return out
}

// errVars returns the exported Err… variables declared in f with their
// values.
func errVars(f *ast.File) map[string]ast.Expr {
	out := map[string]ast.Expr{}
	for _, d := range f.Decls {
		g, ok := d.(*ast.GenDecl)
		if !ok || g.Tok != token.VAR {
			continue
		}
		for _, spec := range g.Specs {
			vs := spec.(*ast.ValueSpec)
			for i, id := range vs.Names {
				if strings.HasPrefix(id.Name, "Err") && i < len(vs.Values) {
					out[id.Name] = vs.Values[i]
				}
			}
		}
	}
	return out
}

// sentinelText is the message of sentinel name, whose value is v in f.
func sentinelText(t *testing.T, f *ast.File, name string, v ast.Expr) string {
	switch x := v.(type) {
	case *ast.CallExpr: // errors.New("…")
		if lit, ok := x.Args[0].(*ast.BasicLit); ok {
			s, err := strconv.Unquote(lit.Value)
			if err == nil {
				return s
			}
		}
	case *ast.SelectorExpr: // civil.ErrInvalidDate
		pkg := x.X.(*ast.Ident).Name
		for _, imp := range f.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			if rest, ok := strings.CutPrefix(p, "github.com/billcycle/billcycle/"); ok && filepath.Base(p) == pkg {
				if text, ok := sentinels(t, filepath.Join(libraryRoot, rest))[x.Sel.Name]; ok {
					return text
				}
			}
		}
	}
	t.Fatalf("%s: cannot read the message of %s", f.Name.Name, name)
	return ""
}

// TestProblemCodes checks that every code is listed once by Codes, that a
// backend sentinel is a 400 or 404, and that an error of no sentinel is
// not classified (it is the server's fault: a 500).
func TestProblemCodes(t *testing.T) {
	if _, _, ok := Classify(errors.New("disk on fire")); ok {
		t.Fatal("an error of no known sentinel was classified")
	}
	seen := map[string]bool{}
	for _, c := range Codes() {
		if c == "" || seen[c] {
			t.Fatalf("code %q empty or listed twice", c)
		}
		seen[c] = true
	}
	for _, err := range []error{ErrBadRequest, ErrInvalidDate, ErrUnknownCommand} {
		if _, status, ok := Classify(err); !ok || status/100 != 4 || status == 422 {
			t.Errorf("Classify(%v) = %d, %v; want a 400 or a 404", err, status, ok)
		}
	}
	if _, err := os.Stat(filepath.Join(libraryRoot, "go.mod")); err != nil {
		t.Fatalf("library not found at %s: %v", libraryRoot, err)
	}
}
