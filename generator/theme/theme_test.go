package theme_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pressroom/pressroom/generator/render/pages"
	"github.com/pressroom/pressroom/generator/theme"
)

// TestLayoutThatCallsItselfIsRefused: a partial that always calls itself
// is refused when the theme loads, naming the file, instead of recursing
// a hundred thousand calls deep (seconds) or, through partialCached,
// until the stack runs out.
func TestLayoutThatCallsItselfIsRefused(t *testing.T) {
	tests := map[string]map[string]string{
		"template":      {"loop.html": `{{template "loop.html" .}}`},
		"partialCached": {"loop.html": `x{{partialCached "loop.html" . "k"}}`},
		"through another": {
			"a.html": `{{template "b.html" .}}`,
			"b.html": `<p>{{template "a.html" .}}</p>`,
		},
	}
	for name, partials := range tests {
		t.Run(name, func(t *testing.T) {
			root := t.TempDir()
			for f, body := range partials {
				p := filepath.Join(root, "themes", "default", "layouts", "partials", f)
				os.MkdirAll(filepath.Dir(p), 0o755)
				os.WriteFile(p, []byte(body), 0o644)
			}
			start := time.Now()
			_, err := theme.Load(root, "default", pages.Funcs())
			if err == nil || !strings.Contains(err.Error(), "calls itself") || !strings.Contains(err.Error(), "themes/default/layouts/partials/") {
				t.Fatalf("got %v", err)
			}
			if d := time.Since(start); d > 5*time.Second {
				t.Logf("took %v", d)
			}
		})
	}
}

// TestConditionalRecursionIsAllowed: a tree rendered by a partial that
// calls itself for each child ends, and is a theme's right.
func TestConditionalRecursionIsAllowed(t *testing.T) {
	root := t.TempDir()
	p := filepath.Join(root, "themes", "default", "layouts", "partials", "tree.html")
	os.MkdirAll(filepath.Dir(p), 0o755)
	os.WriteFile(p, []byte(`{{range .}}<li>{{template "tree.html" .}}</li>{{end}}`), 0o644)
	if _, err := theme.Load(root, "default", pages.Funcs()); err != nil {
		t.Fatal(err)
	}
}

// TestPartialCachedRecursionIsBounded: a partial that calls itself through
// partialCached under a condition that never ends fails with an error
// instead of running the stack out (a fatal crash of the whole program).
func TestPartialCachedRecursionIsBounded(t *testing.T) {
	root := t.TempDir()
	layouts := filepath.Join(root, "themes", "default", "layouts")
	os.MkdirAll(filepath.Join(layouts, "partials"), 0o755)
	os.WriteFile(filepath.Join(layouts, "partials", "loop.html"), []byte(`{{if .}}{{partialCached "loop.html" . "k"}}{{end}}`), 0o644)
	os.WriteFile(filepath.Join(layouts, "page.html"), []byte(`{{define "main"}}{{partialCached "loop.html" true "k"}}{{end}}`), 0o644)
	os.WriteFile(filepath.Join(layouts, "baseof.html"), []byte(`{{template "main" .}}`), 0o644)
	th, err := theme.Load(root, "default", pages.Funcs())
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	err = th.Render(&buf, "page", true)
	if err == nil || !strings.Contains(err.Error(), "nests over") {
		t.Fatalf("got %v", err)
	}
}

// TestOwnLayouts: a site's layouts are its own when one of them is not the
// embedded theme's, byte for byte: a changed or an added file, not a copy
// of the embedded theme (as the example newsroom keeps in themes/default).
func TestOwnLayouts(t *testing.T) {
	embedded, err := os.ReadFile("../../themes/default/layouts/partials/entry-card.html")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name  string
		files map[string]string
		want  bool
	}{
		{"no theme folder", nil, false},
		{"only static files", map[string]string{"static/css/extra.css": "p{}"}, false},
		{"a copy of an embedded partial", map[string]string{"layouts/partials/entry-card.html": string(embedded)}, false},
		{"a changed partial", map[string]string{"layouts/partials/entry-card.html": string(embedded) + "<p>more</p>"}, true},
		{"a partial of its own", map[string]string{"layouts/partials/extra.html": "<p>extra</p>"}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root := t.TempDir()
			for name, text := range tc.files {
				p := filepath.Join(root, "themes", "default", filepath.FromSlash(name))
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			th, err := theme.Load(root, "default", pages.Funcs())
			if err != nil {
				t.Fatal(err)
			}
			if got := th.OwnLayouts(); got != tc.want {
				t.Errorf("OwnLayouts = %v, want %v", got, tc.want)
			}
		})
	}
	th, err := theme.Load("../..", "default", pages.Funcs()) // the example newsroom
	if err != nil {
		t.Fatal(err)
	}
	if th.OwnLayouts() {
		t.Error("the example newsroom's themes/default, the embedded theme itself, counts as layouts of its own")
	}
}
