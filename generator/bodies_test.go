package generator_test

import (
	"os"
	"testing"
	"time"

	"github.com/pressroom/pressroom/generator"
)

// A build of its own keeps converted bodies in a spill file of its own,
// serve in its cache's, which outlives a build: the example newsroom comes
// out byte for byte the same either way, no body stays in the heap, and
// neither file leaves anything in the temporary folder.
func TestBodiesSpilled(t *testing.T) {
	if _, err := os.Stat("../config.toml"); err != nil {
		t.Fatal("no example newsroom at ..")
	}
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	at := time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)
	opts := generator.Options{Source: "..", At: at, BaseURL: "https://news.example.org/"}
	spilled, rep := buildFiles(t, opts)
	if len(rep.Site.Every()) == 0 {
		t.Fatal("the example has no entries")
	}
	// The report's site can still be read after the build (send does).
	bodies := 0
	for _, e := range rep.Site.Every() {
		h, err := e.HTML()
		if err != nil {
			t.Fatalf("after the build: %v", err)
		}
		bodies += min(len(h), 1)
	}
	if bodies == 0 {
		t.Error("no entry has a body after the build")
	}
	opts.Cache = generator.NewCache()
	cached, rep := buildFiles(t, opts)
	compareOutputs(t, spilled, cached)
	for _, e := range rep.Site.Every() {
		if h, _ := e.HTML(); h != "" && !e.Spilled() {
			t.Errorf("%s: its body is in the heap with serve's cache", e.Item.Source)
		}
	}
	if left, _ := os.ReadDir(tmp); len(left) != 0 {
		t.Errorf("the build left %d files in the temporary folder: %v", len(left), left[0].Name())
	}
}
