package content

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestFileNamesCarryLanguages(t *testing.T) {
	root := t.TempDir()
	files := map[string]string{
		"content/press/2026-11-03-new-plant.md":           "---\ntitle: New plant\n---\nText.\n",
		"content/press/2026-11-03-new-plant.de.md":        "---\ntitle: Neues Werk\ndate: 2026-11-03T09:00:00\n---\nText.\n",
		"content/press/v1.2-release.md":                   "---\ntitle: A dotted name\ndate: 2026-11-01\n---\n",
		"content/press/neues.de.md":                       "---\ntitle: Andere Namen\ndate: 2026-11-01\ntranslationKey: other\n---\n",
		"content/press/_index.de.md":                      "---\ntitle: Pressemitteilungen\n---\n",
		"content/press/2026-10-01-b/index.md":             "---\ntitle: Bundle\n---\n",
		"content/press/2026-10-01-b/index.de.md":          "---\ntitle: Bündel\n---\n",
		"content/press/2026-10-01-b/photo.jpg":            "en photo",
		"content/press/2026-10-01-b/photo.de.jpg":         "de photo",
		"content/press/2026-10-01-b/only.fr.pdf":          "fr",
		"content/press/2026-10-01-b/doc.pdf":              "shared",
		"content/blog/2026-09-01-nur-deutsch/index.de.md": "---\ntitle: Nur deutsch\n---\n",
	}
	for name, body := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte(body), 0o644)
	}
	berlin, _ := time.LoadLocation("Europe/Berlin")
	tokyo, _ := time.LoadLocation("Asia/Tokyo")
	src, err := Load(context.Background(), root, Zones{Default: berlin, Others: map[string]*time.Location{"de": tokyo, "fr": berlin}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]*Item{}
	for _, it := range src.Items {
		got[it.Source] = it
	}
	for _, c := range []struct{ source, lang, slug string }{
		{"content/press/2026-11-03-new-plant.md", "", "new-plant"},
		{"content/press/2026-11-03-new-plant.de.md", "de", "new-plant"},
		{"content/press/v1.2-release.md", "", "v1.2-release"},
		{"content/press/neues.de.md", "de", "neues"},
		{"content/press/2026-10-01-b/index.md", "", "b"},
		{"content/press/2026-10-01-b/index.de.md", "de", "b"},
		{"content/blog/2026-09-01-nur-deutsch/index.de.md", "de", "nur-deutsch"},
	} {
		it := got[c.source]
		if it == nil {
			t.Errorf("%s: not loaded", c.source)
			continue
		}
		if it.Lang != c.lang || it.Slug != c.slug {
			t.Errorf("%s: language %q, slug %q; want %q, %q", c.source, it.Lang, it.Slug, c.lang, c.slug)
		}
	}
	if it := got["content/press/_index.de.md"]; it == nil || !it.Index || it.Lang != "de" {
		t.Errorf("_index.de.md must be the German section index: %+v", it)
	}
	if key := got["content/press/neues.de.md"].Front.TranslationKey; key != "other" {
		t.Errorf("translationKey = %q", key)
	}
	// A translation's dates without an offset are in its language's zone.
	if d := got["content/press/2026-11-03-new-plant.de.md"].Front.Date; d.Location().String() != "Asia/Tokyo" || d.Hour() != 9 {
		t.Errorf("the German date is %v, want 09:00 in Tokyo", d)
	}
	names := func(it *Item) string {
		var out []string
		for _, a := range it.BundleFiles {
			out = append(out, a.Name+"="+a.Source[strings.LastIndex(a.Source, "/")+1:])
		}
		return strings.Join(out, " ")
	}
	if n := names(got["content/press/2026-10-01-b/index.md"]); n != "doc.pdf=doc.pdf photo.jpg=photo.jpg" {
		t.Errorf("the English bundle has %s", n)
	}
	if n := names(got["content/press/2026-10-01-b/index.de.md"]); n != "doc.pdf=doc.pdf photo.jpg=photo.de.jpg" {
		t.Errorf("the German bundle has %s: its own photo in place of the shared one", n)
	}
}
