package output

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCheckName(t *testing.T) {
	tests := map[string]string{ // name -> cleaned name, or "" when refused
		"index.html":           "index.html",
		"press/x/index.html":   "press/x/index.html",
		"press//x/./a.html":    "press/x/a.html",
		"a/../b.html":          "b.html",
		"":                     "",
		".":                    "",
		"..":                   "",
		"../outside.html":      "",
		"a/../../outside.html": "",
		"/etc/passwd":          "",
		`..\outside`:           "",
	}
	for name, want := range tests {
		got, err := CheckName(name)
		if (err == nil) != (want != "") || got != want {
			t.Errorf("CheckName(%q) = %q, %v; want %q", name, got, err, want)
		}
	}
}

func TestWritersRefuseTwoOutputsAtOneName(t *testing.T) {
	dir, err := NewDir(filepath.Join(t.TempDir(), "public"))
	if err != nil {
		t.Fatal(err)
	}
	defer dir.Abort()
	for _, w := range []Writer{NewMemory(), dir} {
		if err := w.WriteFile("a/index.html", []byte("one")); err != nil {
			t.Fatal(err)
		}
		err := w.WriteFile("a/./index.html", []byte("two"))
		if err == nil || !strings.Contains(err.Error(), "written twice") {
			t.Errorf("%T: second write gave %v", w, err)
		}
		if err := w.WriteFile("../escape.html", nil); err == nil {
			t.Errorf("%T: wrote outside the destination", w)
		}
	}
}

func TestDirSwapsOnlyOnCommit(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	os.MkdirAll(dest, 0o755)
	os.WriteFile(filepath.Join(dest, "old.html"), []byte("old"), 0o644)

	aborted, _ := NewDir(dest)
	aborted.WriteFile("new.html", []byte("new"))
	aborted.Abort()
	if _, err := os.Stat(filepath.Join(dest, "old.html")); err != nil {
		t.Fatal("abort touched the destination")
	}

	committed, _ := NewDir(dest)
	committed.WriteFile("new.html", []byte("new"))
	if _, err := os.Stat(filepath.Join(dest, "new.html")); err == nil {
		t.Fatal("a file appeared in the destination before commit")
	}
	if err := committed.Commit(); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(dest)
	if len(entries) != 2 || entries[0].Name() != MarkerName || entries[1].Name() != "new.html" {
		t.Errorf("destination holds %v, want only the marker and new.html", entries)
	}
	siblings, _ := os.ReadDir(filepath.Dir(dest))
	if len(siblings) != 1 {
		t.Errorf("left beside the destination: %v", siblings)
	}
}

// TestDirLinkSharesTheFile publishes a file that never changes (a disk
// cache entry) by a hard link when source and destination share a file
// system: a build that reuses ten thousand kits copies none of them.
func TestDirLinkSharesTheFile(t *testing.T) {
	root := t.TempDir()
	src := filepath.Join(root, "entry.zip")
	if err := os.WriteFile(src, []byte("PK kit"), 0o444); err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(root, "public")
	d, err := NewDir(dest)
	if err != nil {
		t.Fatal(err)
	}
	if err := d.Link("press/x/press-kit.zip", src); err != nil {
		t.Fatal(err)
	}
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
	published := filepath.Join(dest, "press/x/press-kit.zip")
	data, err := os.ReadFile(published)
	if err != nil || string(data) != "PK kit" {
		t.Fatalf("published kit: %q, %v", data, err)
	}
	a, _ := os.Stat(src)
	b, _ := os.Stat(published)
	if !os.SameFile(a, b) {
		t.Errorf("the published kit is a copy; want a hard link to the cache entry")
	}
}
