package billcycle_test

import (
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

const module = "github.com/billcycle/billcycle/"

// allowed lists, for each library package, the billcycle packages it may
// import (DESIGN.md, "Packages and the direction of imports"): each may
// import only packages listed above it, and pause and retry do not import
// each other.
var allowed = map[string][]string{
	"period":                        {"internal/civil", "internal/enum", "internal/jsonx"},
	"invoice":                       {"period", "internal/civil", "internal/enum", "internal/jsonx"},
	"pause":                         {"period", "invoice", "internal/civil", "internal/enum", "internal/jsonx"},
	"retry":                         {"period", "invoice", "internal/civil", "internal/enum", "internal/jsonx"},
	"subscription":                  {"period", "invoice", "pause", "retry", "internal/civil", "internal/enum", "internal/jsonx"},
	"subscription/subscriptiontest": {"period", "invoice", "pause", "retry", "subscription", "internal/civil", "internal/enum", "internal/jsonx"},
	"internal/civil":                {},
	"internal/enum":                 {},
	"internal/jsonx":                {"internal/civil"},
}

// external lists the modules the library itself may import (DESIGN.md,
// "Dependencies"); tests may also use testify and rapid.
var external = []string{"github.com/rickb777/date/v2", "github.com/shopspring/decimal"}

func TestImportDirection(t *testing.T) {
	fset := token.NewFileSet()
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") {
			return err
		}
		dir := filepath.ToSlash(filepath.Dir(path))
		if dir == "." || strings.HasPrefix(dir, "examples") || strings.HasPrefix(dir, ".") {
			return nil
		}
		ok, known := allowed[dir]
		if !known {
			t.Errorf("%s: package %s is not in the import rules of DESIGN.md", path, dir)
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		test := strings.HasSuffix(path, "_test.go")
		for _, imp := range f.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			switch {
			case strings.HasPrefix(p, module):
				dep := strings.TrimPrefix(p, module)
				if dep != dir && !slices.Contains(ok, dep) && !(test && dep == dir) {
					t.Errorf("%s imports %s: %s may import only %v", path, dep, dir, ok)
				}
			case !strings.Contains(strings.Split(p, "/")[0], "."):
				// standard library
			case slices.ContainsFunc(external, func(e string) bool { return p == e || strings.HasPrefix(p, e+"/") }):
			case test || dir == "subscription/subscriptiontest":
				if !strings.HasPrefix(p, "github.com/stretchr/testify") && !strings.HasPrefix(p, "pgregory.net/rapid") {
					t.Errorf("%s imports %s, not a test dependency of DESIGN.md", path, p)
				}
			default:
				t.Errorf("%s imports %s, not a dependency of DESIGN.md", path, p)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestNoClock keeps the library pure: no package reads the clock.
func TestNoClock(t *testing.T) {
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") || strings.HasPrefix(path, "examples") {
			return err
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, banned := range []string{"time.Now(", "date.Today", "TodayUTC(", "TodayIn("} {
			if strings.Contains(string(src), banned) {
				t.Errorf("%s reads the clock (%s): take an explicit asOf date", path, banned)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
