package feeds

import (
	gocontext "context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pressroom/pressroom/generator/config"
	"github.com/pressroom/pressroom/generator/content"
	"github.com/pressroom/pressroom/generator/output"
	"github.com/pressroom/pressroom/generator/render"
	"github.com/pressroom/pressroom/generator/site"
	"github.com/pressroom/pressroom/generator/spill"
)

// TestBodiesReadOnlyForNewEncodings: a feed reads an entry's converted
// body only to encode an item its memo does not hold. serve keeps bodies
// in a spill file, and a refresh at 100,000 releases that read the twenty
// bodies of each of six feeds, to encode one of them, spent a third of its
// time in those reads. The spill file is closed after the first build:
// every later read fails, so a second build with the same memo must read
// none, and one with an empty memo must fail naming the entry's file.
func TestBodiesReadOnlyForNewEncodings(t *testing.T) {
	root := filepath.Join("..", "..", "testdata", "small")
	cfg, err := config.Load(filepath.Join(root, config.FileName))
	if err != nil {
		t.Fatal(err)
	}
	src, err := content.Load(gocontext.Background(), root, content.In(cfg.Location), nil)
	if err != nil {
		t.Fatal(err)
	}
	s, err := site.Resolve(cfg, src, site.Options{At: time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	bodies, err := spill.New(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range s.Entries {
		if err := e.SpillHTML(bodies, "<p>The body of "+e.Title+".</p>"); err != nil {
			t.Fatal(err)
		}
	}
	words := func(lang, id string, pairs ...any) string { return id }
	build := func(memo *render.Memo[uint64, []byte]) (*output.Memory, error) {
		out := output.NewMemory()
		for _, c := range contexts(s, words) {
			if err := write(out, s, c, memo); err != nil {
				return nil, err
			}
		}
		return out, nil
	}
	memo := &render.Memo[uint64, []byte]{}
	first, err := build(memo)
	if err != nil {
		t.Fatal(err)
	}
	if body, _ := first.File("feed.xml"); !strings.Contains(string(body), "The body of") {
		t.Fatalf("feed.xml holds no entry's body:\n%s", body)
	}
	bodies.Close() // from here on, reading a body fails

	second, err := build(memo)
	if err != nil {
		t.Fatalf("a build whose memo holds every item read a body: %v", err)
	}
	for _, name := range []string{"feed.xml", "atom.xml", "feed.json", "press/feed.xml"} {
		a, _ := first.File(name)
		b, _ := second.File(name)
		if len(a) == 0 || string(a) != string(b) {
			t.Errorf("%s differs between the builds (%d and %d bytes)", name, len(a), len(b))
		}
	}
	if _, err := build(&render.Memo[uint64, []byte]{}); err == nil || !strings.Contains(err.Error(), ".md") {
		t.Errorf("a build with an empty memo after the bodies went: %v, want an error naming the entry's file", err)
	}
}
