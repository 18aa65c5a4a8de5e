package content

import (
	"context"
	"os"
	"path/filepath"
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
	if &first["2026-01-01-a.md"].Body[0] != &second["2026-01-01-a.md"].Body[0] {
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
