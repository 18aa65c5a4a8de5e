package content

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/adrg/frontmatter"

	"github.com/pressroom/pressroom/generator/diag"
)

// loadFiles writes files into a fresh site and loads it.
func loadFiles(t *testing.T, files map[string]string) (*Source, []string) {
	t.Helper()
	root := t.TempDir()
	for name, body := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	berlin, _ := time.LoadLocation("Europe/Berlin")
	src, err := Load(context.Background(), root, In(berlin), nil)
	return src, problems(t, err)
}

func problems(t *testing.T, err error) []string {
	t.Helper()
	if err == nil {
		return nil
	}
	var list *diag.Errors
	if !errors.As(err, &list) {
		t.Fatalf("error is not a list of problems: %v", err)
	}
	var out []string
	for _, p := range list.Problems {
		out = append(out, p.Error())
	}
	return out
}

func TestFrontMatterFormats(t *testing.T) {
	tests := map[string]string{
		"YAML": "---\ntitle: Plant opens\ndate: 2026-11-03T09:00:00\ntags: [storage, Wind]\ncontacts:\n  - press\ndraft: false\nweight: 3\n---\nBody text.\n",
		"TOML": "+++\ntitle = \"Plant opens\"\ndate = 2026-11-03T09:00:00\ntags = [\"storage\", \"Wind\"]\ncontacts = [\"press\"]\ndraft = false\nweight = 3\n+++\nBody text.\n",
	}
	for name, src := range tests {
		t.Run(name, func(t *testing.T) {
			got, errs := loadFiles(t, map[string]string{"content/press/plant.md": src})
			if errs != nil {
				t.Fatalf("unexpected problems: %v", errs)
			}
			it := got.Items[0]
			f := it.Front
			if f.Title != "Plant opens" || f.Weight != 3 || f.Draft {
				t.Errorf("front = %+v", f)
			}
			if want := "2026-11-03T09:00:00+01:00"; f.Date.Format(time.RFC3339) != want {
				t.Errorf("date = %v, want %s (site zone)", f.Date, want)
			}
			if !reflect.DeepEqual(f.Tags, []string{"storage", "Wind"}) || !reflect.DeepEqual(f.Contacts, []string{"press"}) {
				t.Errorf("tags %v contacts %v", f.Tags, f.Contacts)
			}
			wantLine := strings.Count(src[:strings.Index(src, "Body text.")], "\n") + 1
			if string(it.Body) != "Body text.\n" || it.BodyLine != wantLine {
				t.Errorf("body %q starts on line %d, want line %d", it.Body, it.BodyLine, wantLine)
			}
			if f.Line("contacts") < 4 || f.Line("contacts") > 5 {
				t.Errorf("contacts is on line %d", f.Line("contacts"))
			}
		})
	}
}

func TestNameRules(t *testing.T) {
	got, errs := loadFiles(t, map[string]string{
		"content/press/2026-11-03-new-plant.md":          "---\ntitle: A\n---\n",
		"content/press/2026-11-04-other.md":              "---\ntitle: B\nslug: chosen\ndate: 2026-12-01\n---\n",
		"content/press/2026-10-01-bundle/index.md":       "---\ntitle: C\n---\n",
		"content/press/2026-10-01-bundle/photo.jpg":      "jpeg",
		"content/press/2025/2025-05-05-grouped.md":       "---\ntitle: D\n---\n",
		"content/pages/about.md":                         "---\ntitle: About\n---\n",
		"content/press/2026-10-01-bundle/notes.md~":      "editor backup",
		"content/press/.2026-11-03-new-plant.md.swp":     "swap",
		"content/press/2026-10-01-bundle/photo.jpg.yaml": "title: Photo\ncredit: Me\n",
	})
	if errs != nil {
		t.Fatalf("unexpected problems: %v", errs)
	}
	want := map[string]string{ // source -> slug and date
		"content/press/2026-11-03-new-plant.md":    "new-plant 2026-11-03",
		"content/press/2026-11-04-other.md":        "chosen 2026-12-01",
		"content/press/2026-10-01-bundle/index.md": "bundle 2026-10-01",
		"content/press/2025/2025-05-05-grouped.md": "grouped 2025-05-05",
		"content/pages/about.md":                   "about 0001-01-01",
	}
	for _, it := range got.Items {
		if g := it.Slug + " " + it.Front.Date.Format("2006-01-02"); g != want[it.Source] {
			t.Errorf("%s: slug and date %q, want %q", it.Source, g, want[it.Source])
		}
		delete(want, it.Source)
	}
	if len(want) > 0 {
		t.Errorf("not loaded: %v", want)
	}
	for _, it := range got.Items {
		if it.Bundle != "" {
			if len(it.BundleFiles) != 1 || it.BundleFiles[0].Name != "photo.jpg" || it.BundleFiles[0].Meta.Credit != "Me" {
				t.Errorf("bundle files = %+v", it.BundleFiles)
			}
		}
	}
}

func TestContentErrors(t *testing.T) {
	tests := map[string]struct {
		files map[string]string
		want  []string // each a substring of one problem, in order
	}{
		"unclosed YAML block": {
			map[string]string{"content/press/x.md": "---\ntitle: X\nembargo: 2027-01-01\n\nBody\n"},
			[]string{"content/press/x.md:1: front matter opened with --- is never closed"},
		},
		"no front matter": {
			map[string]string{"content/press/x.md": "Just text\n"},
			[]string{"content/press/x.md:1: no front matter"},
		},
		"YAML syntax error names the file line": {
			map[string]string{"content/press/2026-01-01-x.md": "---\ntitle: X\ntags: [a, b\n---\n"},
			[]string{"content/press/2026-01-01-x.md:"},
		},
		"TOML syntax error names the file line": {
			map[string]string{"content/press/2026-01-01-x.md": "+++\ntitle = \"X\"\ndate = \n+++\n"},
			[]string{"content/press/2026-01-01-x.md:3: TOML"},
		},
		"missing title": {
			map[string]string{"content/press/2026-01-01-x.md": "---\ndate: 2026-01-01\n---\n"},
			[]string{"content/press/2026-01-01-x.md:1: missing title"},
		},
		"bad date with its line": {
			map[string]string{"content/press/x.md": "---\ntitle: X\n\ndate: 2026-13-45\n---\n"},
			[]string{"content/press/x.md:4: date: \"2026-13-45\" is not a date"},
		},
		"missing date in press": {
			map[string]string{"content/press/x.md": "---\ntitle: X\n---\n"},
			[]string{"content/press/x.md:1: missing date"},
		},
		"misspelt embargo is not ignored": {
			map[string]string{"content/press/2026-01-01-x.md": "---\ntitle: X\nembrago: 2027-01-01\n---\n"},
			[]string{`content/press/2026-01-01-x.md:3: unknown front matter key "embrago": did you mean "embargo"?`},
		},
		"slug that escapes": {
			map[string]string{"content/press/2026-01-01-x.md": "---\ntitle: X\nslug: ../../etc\n---\n"},
			[]string{`content/press/2026-01-01-x.md:3: slug "../../etc" would lead outside`},
		},
		"wrong type": {
			map[string]string{"content/press/2026-01-01-x.md": "---\ntitle: X\ndraft: maybe\n---\n"},
			[]string{"content/press/2026-01-01-x.md:3: draft: expected true or false"},
		},
		"sidecar without its file": {
			map[string]string{"content/assets/logo.svg.yaml": "title: Logo\n"},
			[]string{"content/assets/logo.svg.yaml: sidecar without its file"},
		},
		"stray file in a section": {
			map[string]string{"content/press/photo.jpg": "x"},
			[]string{"content/press/photo.jpg: a file outside a bundle"},
		},
		"all errors at once": {
			map[string]string{
				"content/press/a.md": "---\ntitle: A\n",
				"content/blog/b.md":  "---\ntitle: B\ndate: soon\n---\n",
			},
			[]string{"content/blog/b.md:3: date", "content/press/a.md:1: front matter opened"},
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			_, errs := loadFiles(t, tc.files)
			if len(errs) != len(tc.want) {
				t.Fatalf("problems = %q, want %d like %q", errs, len(tc.want), tc.want)
			}
			for i, w := range tc.want {
				if !strings.Contains(errs[i], w) {
					t.Errorf("problem %d = %q, want it to contain %q", i, errs[i], w)
				}
			}
		})
	}
}

func TestSymlinkOutsideSite(t *testing.T) {
	root := t.TempDir()
	outside := filepath.Join(t.TempDir(), "secret.txt")
	os.WriteFile(outside, []byte("secret"), 0o644)
	os.MkdirAll(filepath.Join(root, "content/assets"), 0o755)
	if err := os.Symlink(outside, filepath.Join(root, "content/assets/secret.txt")); err != nil {
		t.Skip("no symlinks here:", err)
	}
	_, err := Load(context.Background(), root, In(time.UTC), nil)
	errs := problems(t, err)
	if len(errs) != 1 || !strings.Contains(errs[0], "content/assets/secret.txt: symbolic link points outside the site") {
		t.Errorf("problems = %q", errs)
	}
}

// The body that splitFrontMatter cuts from the file is the body that
// adrg/frontmatter gives when it reads the whole file, though the library
// is handed only the head of it; front matter and bodies longer than the
// library's 4 KB read buffer included.
func TestSplitFrontMatterMatchesTheLibrary(t *testing.T) {
	long := strings.Repeat("word ", 2000) // 10 KB
	for name, src := range map[string]string{
		"short":                    "---\ntitle: A\n---\nBody.\n",
		"no final newline":         "---\ntitle: A\n---\nBody.",
		"empty body":               "---\ntitle: A\n---\n",
		"long body":                "---\ntitle: A\n---\n\n" + long + "\n",
		"long front matter":        "---\ntitle: A\nsummary: " + long + "\n---\nBody after.\n",
		"both long":                "---\ntitle: A\nsummary: " + long + "\n---\n" + long,
		"closing at the 4 KB edge": "---\ntitle: A\nsummary: " + strings.Repeat("x", 4096-len("---\ntitle: A\nsummary: ")-1) + "\n---\nBody.\n",
		"CRLF":                     "---\r\ntitle: A\r\n---\r\nBody.\r\n",
		"TOML":                     "+++\ntitle = \"A\"\n+++\nBody.\n",
		"blank lines first":        "\n\n---\ntitle: A\n---\nBody.\n",
		"byte-order mark":          "\xef\xbb\xbf---\ntitle: A\n---\nBody.\n",
	} {
		b, err := splitFrontMatter([]byte(src))
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		var sink struct{}
		plain := strings.TrimPrefix(src, "\xef\xbb\xbf")
		whole, err := frontmatter.Parse(strings.NewReader(plain), &sink,
			frontmatter.NewFormat("---", "---", func([]byte, any) error { return nil }),
			frontmatter.NewFormat("+++", "+++", func([]byte, any) error { return nil }))
		if err != nil {
			t.Fatalf("%s: the library: %v", name, err)
		}
		if string(b.body) != string(whole) {
			t.Errorf("%s: body %q, the library's %q", name, clip(string(b.body)), clip(string(whole)))
		}
		if want := 1 + strings.Count(plain[:len(plain)-len(whole)], "\n"); b.bodyLine != want {
			t.Errorf("%s: body on line %d, want %d", name, b.bodyLine, want)
		}
		if cap(b.body) != len(b.body) {
			t.Errorf("%s: the body has room past its end (%d of %d): an append would write into the file's bytes", name, len(b.body), cap(b.body))
		}
	}
}

func clip(s string) string {
	if len(s) > 60 {
		return s[:30] + "…" + s[len(s)-30:]
	}
	return s
}
