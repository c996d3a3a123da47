package provider

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// TestREADME_troubleshootingRowForEverySummary: every diagnostic summary
// the provider can emit has a row in the Troubleshooting table of the
// README, so that a user who reads a first line finds what it means and
// what to do. The summaries are collected from the provider's source: the
// summary argument of every Add*Error and Add*Warning call, and, where that
// argument is a variable or a field, the literals that flow into it (a
// variable or field named summary, the results of a function whose first
// result is named summary or whose name ends in Summary). A summary argument
// the test cannot trace fails it, so no new path escapes.
func TestREADME_troubleshootingRowForEverySummary(t *testing.T) {
	summaries := providerSummaries(t)
	rows := troubleshootingRows(t)
	for _, s := range summaries {
		if !rows[s] {
			t.Errorf("README.md's Troubleshooting table has no row for %q", s)
		}
	}
	// A few the test must find, or it has stopped reading the source.
	for _, s := range []string{"Not An API Answer", "Endpoint Timed Out", "Invalid Time", "Wrong Endpoint", "Proxy Authentication Required", "Unexpected API Value"} {
		if !slices.Contains(summaries, s) {
			t.Errorf("the summaries found in the source lack %q: %q", s, summaries)
		}
	}
}

// summaryArgument is the position of the summary among the arguments of
// the framework's diagnostic methods.
var summaryArgument = map[string]int{"AddError": 0, "AddWarning": 0, "AddAttributeError": 1, "AddAttributeWarning": 1}

// providerSummaries collects the summaries the provider's non-test source
// can emit, sorted.
func providerSummaries(t *testing.T) []string {
	t.Helper()
	fset := token.NewFileSet()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	var parsed []*ast.File
	// Functions of the package that take a parameter named summary, by
	// name: their callers' literals are summaries too.
	helpers := map[string]int{}
	constants := map[string]string{} // the package's string constants, by name
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		parsed = append(parsed, f)
		for _, decl := range f.Decls {
			if gen, ok := decl.(*ast.GenDecl); ok && gen.Tok == token.CONST {
				collectStringConstants(gen, constants)
			}
			fn, ok := decl.(*ast.FuncDecl)
			if !ok {
				continue
			}
			i := 0
			for _, field := range fn.Type.Params.List {
				for _, n := range field.Names {
					if n.Name == "summary" {
						helpers[fn.Name.Name] = i
					}
					i++
				}
				if len(field.Names) == 0 {
					i++
				}
			}
		}
	}
	found := map[string]bool{}
	literal := func(e ast.Expr) (string, bool) {
		lit, ok := e.(*ast.BasicLit)
		if !ok || lit.Kind != token.STRING {
			return "", false
		}
		s, err := strconv.Unquote(lit.Value)
		return s, err == nil
	}
	// traced reports whether a summary argument that is not a literal is
	// one of the names whose literals are collected below.
	traced := func(e ast.Expr) bool {
		switch e := e.(type) {
		case *ast.Ident:
			return e.Name == "summary"
		case *ast.SelectorExpr:
			return e.Sel.Name == "summary"
		}
		return false
	}
	for _, f := range parsed {
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.CallExpr:
				var name string
				switch fun := n.Fun.(type) {
				case *ast.SelectorExpr:
					name = fun.Sel.Name
				case *ast.Ident:
					name = fun.Name
				}
				i, ok := summaryArgument[name]
				if !ok {
					i, ok = helpers[name]
				}
				if !ok || i >= len(n.Args) {
					return true
				}
				if s, ok := literal(n.Args[i]); ok {
					found[s] = true
				} else if id, ok := n.Args[i].(*ast.Ident); ok && constants[id.Name] != "" {
					found[constants[id.Name]] = true
				} else if !traced(n.Args[i]) {
					t.Errorf("%s: the summary passed to %s is neither a literal nor a variable or field named summary", fset.Position(n.Pos()), name)
				}
			case *ast.KeyValueExpr: // struct literals: {summary: "..."}
				if key, ok := n.Key.(*ast.Ident); ok && key.Name == "summary" {
					if s, ok := literal(n.Value); ok {
						found[s] = true
					}
				}
			case *ast.AssignStmt: // summary, detail := "...", ...
				for i, lhs := range n.Lhs {
					if id, ok := lhs.(*ast.Ident); ok && id.Name == "summary" && len(n.Rhs) == len(n.Lhs) {
						if s, ok := literal(n.Rhs[i]); ok {
							found[s] = true
						}
					}
				}
			case *ast.FuncDecl:
				results := n.Type.Results
				named := results != nil && len(results.List) > 0 && len(results.List[0].Names) > 0 && results.List[0].Names[0].Name == "summary"
				if n.Body == nil || (!named && !strings.HasSuffix(n.Name.Name, "Summary")) {
					return true
				}
				ast.Inspect(n.Body, func(m ast.Node) bool {
					if _, ok := m.(*ast.FuncLit); ok {
						return false
					}
					if ret, ok := m.(*ast.ReturnStmt); ok && len(ret.Results) > 0 {
						if s, ok := literal(ret.Results[0]); ok {
							found[s] = true
						}
					}
					return true
				})
			}
			return true
		})
	}
	out := make([]string, 0, len(found))
	for s := range found {
		out = append(out, s)
	}
	slices.Sort(out)
	return out
}

// troubleshootingRows is the set of code spans in the first column of the
// README's Troubleshooting table.
func troubleshootingRows(t *testing.T) map[string]bool {
	t.Helper()
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	text := string(readme)
	start := strings.Index(text, "\n## Troubleshooting\n")
	if start < 0 {
		t.Fatal("README.md has no Troubleshooting section")
	}
	section := text[start+1:]
	if end := strings.Index(section, "\n## "); end >= 0 {
		section = section[:end]
	}
	code := regexp.MustCompile("`([^`]+)`")
	rows := map[string]bool{}
	for _, line := range strings.Split(section, "\n") {
		cells := strings.Split(line, "|")
		if len(cells) < 3 || !strings.HasPrefix(line, "|") {
			continue
		}
		for _, m := range code.FindAllStringSubmatch(cells[1], -1) {
			rows[m[1]] = true
		}
	}
	if len(rows) == 0 {
		t.Fatal("README.md's Troubleshooting section has no table")
	}
	return rows
}

// collectStringConstants adds the string literal constants of decl to
// constants, so that a summary passed as a named constant is traced.
func collectStringConstants(decl *ast.GenDecl, constants map[string]string) {
	for _, spec := range decl.Specs {
		vs, ok := spec.(*ast.ValueSpec)
		if !ok {
			continue
		}
		for i, name := range vs.Names {
			if i >= len(vs.Values) {
				continue
			}
			if lit, ok := vs.Values[i].(*ast.BasicLit); ok && lit.Kind == token.STRING {
				if s, err := strconv.Unquote(lit.Value); err == nil {
					constants[name.Name] = s
				}
			}
		}
	}
}
