package content

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestCacheReparsesOnlyChangedFiles(t *testing.T) {
	root := t.TempDir()
	write := func(name, body string) {
		p := filepath.Join(root, "content/press", name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("2026-01-01-a.md", "---\ntitle: A\n---\nA body\n")
	write("2026-01-02-b.md", "---\ntitle: B\n---\nB body\n")
	var cache Cache
	load := func() map[string]*Item {
		src, err := Load(context.Background(), root, In(time.UTC), &cache)
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]*Item{}
		for _, it := range src.Items {
			out[filepath.Base(it.Source)] = it
		}
		return out
	}
	first := load()
	write("2026-01-02-b.md", "---\ntitle: B changed\n---\nB body, longer now\n")
	second := load()
	if a1, a2 := first["2026-01-01-a.md"], second["2026-01-01-a.md"]; a1.kept.Len() == 0 || a1.kept != a2.kept {
		t.Error("the unchanged file was parsed again")
	}
	if second["2026-01-02-b.md"].Front.Title != "B changed" {
		t.Error("the changed file was not parsed again")
	}
	write("2026-01-02-b.md", "---\ntitle: B\n") // broken: reported on every build until fixed
	for i := 0; i < 2; i++ {
		if _, err := Load(context.Background(), root, In(time.UTC), &cache); err == nil {
			t.Fatalf("build %d: the broken file passed", i+1)
		}
	}
}

// A cache keeps the bodies out of the heap: a load from the cache holds
// none in memory, and Markdown reads each back; a freshly parsed item
// holds its own for the build that converts it, until dropped.
func TestCacheKeepsBodiesOutOfMemory(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "content/press")
	os.MkdirAll(dir, 0o755)
	body := "The body, with [a link](/press/b/).\n\nA second paragraph.\n"
	if err := os.WriteFile(filepath.Join(dir, "2026-01-01-a.md"), []byte("---\ntitle: A\n---\n"+body), 0o644); err != nil {
		t.Fatal(err)
	}
	var cache Cache
	for round, want := range []string{"fresh", "cached"} {
		src, err := Load(context.Background(), root, In(time.UTC), &cache)
		if err != nil {
			t.Fatal(err)
		}
		it := src.Items[0]
		if inMemory := it.Body != nil; inMemory != (round == 0) {
			t.Errorf("%s: body in memory = %v", want, inMemory)
		}
		if got := it.BodySize(); got != len(body) {
			t.Errorf("%s: BodySize = %d, want %d", want, got, len(body))
		}
		it.DropBody()
		if it.Body != nil {
			t.Errorf("%s: DropBody kept the body in memory", want)
		}
		got, err := it.Markdown()
		if err != nil || string(got) != body {
			t.Errorf("%s: Markdown = %q, %v; want %q", want, got, err, body)
		}
		if src.Markdown() != int64(len(body)) {
			t.Errorf("%s: Source.Markdown = %d, want %d", want, src.Markdown(), len(body))
		}
	}
	// Without a cache the body is nowhere else: DropBody keeps it.
	src, err := Load(context.Background(), root, In(time.UTC), nil)
	if err != nil {
		t.Fatal(err)
	}
	src.Items[0].DropBody()
	if got, _ := src.Items[0].Markdown(); string(got) != body {
		t.Errorf("without a cache: Markdown = %q after DropBody", got)
	}
}

// A body that cannot be read back says which file it was: the build and
// the check report it rather than work from an empty text.
func TestMarkdownReadBackFailure(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "content/press")
	os.MkdirAll(dir, 0o755)
	if err := os.WriteFile(filepath.Join(dir, "2026-01-01-a.md"), []byte("---\ntitle: A\n---\nText.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var cache Cache
	src, err := Load(context.Background(), root, In(time.UTC), &cache)
	if err != nil {
		t.Fatal(err)
	}
	it := src.Items[0]
	it.DropBody()
	cache.bodies.Close() // the temporary file is gone
	if got, err := it.Markdown(); err == nil || !strings.Contains(err.Error(), "content/press/2026-01-01-a.md") {
		t.Errorf("Markdown = %q, %v; want an error naming the file", got, err)
	}
}
