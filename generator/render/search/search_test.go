package search_test

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pressroom/pressroom/generator"
	"github.com/pressroom/pressroom/generator/output"
	"github.com/pressroom/pressroom/generator/render/search"
)

var testAt = time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC)

const config = `-- config.toml --
title = "Acme Newsroom"
baseURL = "https://news.acme.example/"
timezone = "Europe/Berlin"

[organization]
name = "Acme"
boilerplate = "Acme makes things."

[[contacts]]
id = "press"
name = "Mira Sand"
email = "press@acme.example"
`

// writeSite writes a site given as "-- path --" sections and returns its root.
func writeSite(t testing.TB, archive string) string {
	t.Helper()
	root := t.TempDir()
	var name string
	var body strings.Builder
	flush := func() {
		defer body.Reset()
		if name == "" {
			return
		}
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, line := range strings.SplitAfter(archive, "\n") {
		if trimmed := strings.TrimSpace(line); strings.HasPrefix(trimmed, "-- ") && strings.HasSuffix(trimmed, " --") {
			flush()
			name = strings.TrimSuffix(strings.TrimPrefix(trimmed, "-- "), " --")
			continue
		}
		body.WriteString(line)
	}
	flush()
	return root
}

func build(t testing.TB, root string, at time.Time, cache *generator.Cache) (*generator.Report, *output.Memory) {
	t.Helper()
	mem := output.NewMemory()
	rep, err := generator.Build(context.Background(), generator.Options{Source: root, At: at, Out: mem, Cache: cache, Serve: cache != nil})
	if err != nil {
		t.Fatal(err)
	}
	return rep, mem
}

// indexFiles returns every file of the search index but its page, by name.
func indexFiles(t testing.TB, rep *generator.Report, mem *output.Memory) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	for _, name := range rep.Files {
		if strings.HasPrefix(name, "search/") && name != "search/index.html" {
			data, ok := mem.File(name)
			if !ok {
				t.Fatalf("%s is listed but not there", name)
			}
			out[name] = data
		}
	}
	if out["search/"+search.MetaName] == nil {
		t.Fatalf("no search/%s among %d files", search.MetaName, len(rep.Files))
	}
	return out
}

type posting struct {
	Doc    int
	Weight byte
}

// decoded is an index read back: every stem's postings, every form's stem
// and count, the metadata and the cards.
type decoded struct {
	meta     search.Meta
	postings map[string][]posting
	forms    map[string][]string // form -> stem TAB count, one per stem
	cards    [][]any
}

func decode(t testing.TB, files map[string][]byte) decoded {
	t.Helper()
	d := decoded{postings: map[string][]posting{}, forms: map[string][]string{}}
	if err := json.Unmarshal(files["search/meta.json"], &d.meta); err != nil {
		t.Fatal(err)
	}
	for n := range d.meta.Postings {
		name := fmt.Sprintf("search/p/%d.bin", n)
		data, ok := files[name]
		if !ok {
			t.Fatalf("%s missing", name)
		}
		for len(data) > 0 {
			l, k := binary.Uvarint(data)
			stem := string(data[k : k+int(l)])
			data = data[k+int(l):]
			if got := int(search.Hash(stem) % uint32(d.meta.Postings)); got != n {
				t.Errorf("%s holds %q, which belongs in file %d", name, stem, got)
			}
			count, k := binary.Uvarint(data)
			data = data[k:]
			doc := 0
			for range count {
				delta, k := binary.Uvarint(data)
				doc += int(delta)
				d.postings[stem] = append(d.postings[stem], posting{doc, data[k]})
				data = data[k+1:]
			}
		}
	}
	for n := range d.meta.Words {
		name := fmt.Sprintf("search/w/%d.txt", n)
		for _, line := range strings.Split(strings.TrimSuffix(string(files[name]), "\n"), "\n") {
			if line == "" {
				continue
			}
			f := strings.Split(line, "\t")
			if len(f) != 3 {
				t.Fatalf("%s: line %q", name, line)
			}
			stem := f[1]
			if stem == "" {
				stem = f[0]
			}
			d.forms[f[0]] = append(d.forms[f[0]], stem+"\t"+f[2])
		}
	}
	for n := 0; n*d.meta.Chunk < d.meta.Docs; n++ {
		var chunk [][]any
		if err := json.Unmarshal(files[fmt.Sprintf("search/d/%d.json", n)], &chunk); err != nil {
			t.Fatal(err)
		}
		d.cards = append(d.cards, chunk...)
	}
	return d
}

// title is the title of a document by its number.
func (d decoded) title(doc int) string { return d.cards[doc][1].(string) }

const heldSite = config + `
-- content/press/2026-11-01-public.md --
---
title: Battery storage opens
summary: The first battery of Acme.
tags: [storage]
---
Acme opens its storage site. The batteries store wind power.
-- content/press/2026-12-01-held.md --
---
title: Results quokkaprime
summary: Embargoed summary with zebrafinch.
embargo: 2026-12-01T09:00:00
tags: [wombatcanary]
---
The body holds narwhalcanary and battery.
-- content/blog/2026-12-20-scheduled.md --
---
title: Scheduled platypuscanary
---
Later.
-- content/literature/draft.md --
---
title: Draft axolotlcanary
date: 2026-01-01
draft: true
---
Draft.
`

// canaries are the held items' words, and the beginnings of their stems.
var canaries = []string{"quokkaprim", "zebrafinch", "wombatcanar", "narwhalcanar", "platypuscanar", "axolotlcanar", "quokka", "narwhal"}

// TestIndexHoldsNothingHeld: an embargoed release, a scheduled post and a
// draft have no word, stem, tag or card in any file of the index, and the
// published release is found by its words.
func TestIndexHoldsNothingHeld(t *testing.T) {
	root := writeSite(t, heldSite)
	rep, mem := build(t, root, testAt, nil)
	files := indexFiles(t, rep, mem)
	for name, data := range files {
		for _, c := range canaries {
			if bytes.Contains(bytes.ToLower(data), []byte(c)) {
				t.Errorf("%s holds %q of a held item", name, c)
			}
		}
	}
	d := decode(t, files)
	if d.meta.Docs != 1 || len(d.cards) != 1 || d.title(0) != "Battery storage opens" {
		t.Fatalf("documents %d, cards %v: want the public release alone", d.meta.Docs, d.cards)
	}
	for _, stem := range []string{"batteri", "storag", "wind", "acm"} {
		if len(d.postings[stem]) != 1 {
			t.Errorf("stem %q: postings %v, want the public release", stem, d.postings[stem])
		}
	}
	// Once the embargo lifts, the release is found by its words.
	rep, mem = build(t, root, time.Date(2026, 12, 1, 8, 0, 0, 0, time.UTC), nil)
	d = decode(t, indexFiles(t, rep, mem))
	if len(d.postings["narwhalcanari"]) != 1 || len(d.forms["quokkaprime"]) != 1 || len(d.postings["wombatcanari"]) != 1 {
		t.Errorf("after the lift: narwhal %v, quokka %v, wombat %v: want the release found by body, title and tag",
			d.postings["narwhalcanari"], d.forms["quokkaprime"], d.postings["wombatcanari"])
	}
	if d.meta.Docs != 2 {
		t.Errorf("after the lift %d documents, want 2", d.meta.Docs)
	}
}

// TestIndexWeights: a posting says whether its word is in the title, the
// summary or subtitle, the tags, and how often it is in the body.
func TestIndexWeights(t *testing.T) {
	root := writeSite(t, config+`
-- content/press/2026-11-01-title.md --
---
title: Hydrogen plant
---
Text.
-- content/press/2026-11-02-summary.md --
---
title: Second
summary: About hydrogen.
---
Text.
-- content/press/2026-11-03-subtitle.md --
---
title: Third
subtitle: Hydrogen again
---
Text.
-- content/press/2026-11-04-tags.md --
---
title: Fourth
tags: [hydrogen]
---
Text.
-- content/press/2026-11-05-body.md --
---
title: Fifth
---
Hydrogen, hydrogen and **hydrogen**.
-- content/blog/2026-11-06-post.md --
---
title: A post on hydrogen
---
Text.
`)
	rep, mem := build(t, root, testAt, nil)
	d := decode(t, indexFiles(t, rep, mem))
	got := map[string]byte{}
	for _, p := range d.postings["hydrogen"] {
		got[d.title(p.Doc)] = p.Weight
	}
	want := map[string]byte{"Hydrogen plant": 0x80, "Second": 0x40, "Third": 0x40, "Fourth": 0x20, "Fifth": 3, "A post on hydrogen": 0x80}
	for title, w := range want {
		if got[title] != w {
			t.Errorf("%q: weight %#x, want %#x", title, got[title], w)
		}
	}
	// Documents are numbered section by section, oldest first.
	var titles []string
	for i := range d.cards {
		titles = append(titles, d.title(i))
	}
	if want := []string{"Hydrogen plant", "Second", "Third", "Fourth", "Fifth", "A post on hydrogen"}; !slices.Equal(titles, want) {
		t.Errorf("documents %q, want %q", titles, want)
	}
	if s := d.meta.Sections; len(s) != 2 || s[0].Name != "press" || s[0].Count != 5 || s[1].First != 5 || len(s[1].Years) != 1 || s[1].Years[0] != [3]int{2026, 5, 1} {
		t.Errorf("sections %+v", s)
	}
}

// TestIndexIsReproducible: two builds of one source write the same bytes.
func TestIndexIsReproducible(t *testing.T) {
	root := writeSite(t, heldSite)
	rep, mem := build(t, root, testAt, nil)
	a := indexFiles(t, rep, mem)
	rep, mem = build(t, root, testAt, generator.NewWatchedCache())
	b := indexFiles(t, rep, mem)
	if len(a) != len(b) {
		t.Fatalf("%d files, then %d", len(a), len(b))
	}
	for name := range a {
		if !bytes.Equal(a[name], b[name]) {
			t.Errorf("%s differs between a build without a cache and one with", name)
		}
	}
}

// generatedSite writes n releases, each with a word of its own.
func generatedSite(t testing.TB, n int) string {
	var b strings.Builder
	b.WriteString(config)
	for i := range n {
		day := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i*3)
		fmt.Fprintf(&b, "-- content/press/%s-r%d.md --\n---\ntitle: Release %d on storage\nsummary: Grid news number %d.\ntags: [grid]\n---\nThe word%d of this release, with wind and solar.\n",
			day.Format("2006-01-02"), i, i, i, i)
	}
	return writeSite(t, b.String())
}

// TestRefreshRewritesOnlyWhatAnEditTouches: serve's refresh after an edit
// of one release's text writes again only the few index files that hold
// its changed words and its card, and the index equals one made from
// nothing.
func TestRefreshRewritesOnlyWhatAnEditTouches(t *testing.T) {
	root := generatedSite(t, 300)
	cache := generator.NewWatchedCache()
	rep, mem := build(t, root, testAt, cache)
	before := indexFiles(t, rep, mem)
	if n := len(before); n < 40 {
		t.Fatalf("only %d index files: the test wants a split index", n)
	}
	file := filepath.Join(root, "content/press/2020-01-31-r10.md")
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	edits := []string{
		strings.Replace(string(data), "with wind", "with pelicanword wind", 1), // a new word
		strings.Replace(string(data), "Release 10 on", "Release 10 about", 1),  // the title
		string(data), // back
	}
	for i, text := range edits {
		if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		cache.Changed(file)
		rep, mem = build(t, root, testAt, cache)
		if !rep.Refreshed {
			t.Fatalf("edit %d: the rebuild did not refresh", i)
		}
		after := indexFiles(t, rep, mem)
		var changed []string
		for name, data := range after {
			if !bytes.Equal(before[name], data) {
				changed = append(changed, name)
			}
		}
		slices.Sort(changed)
		// At most: the card, the postings and words files of two words
		// that went and two that came (each edit undoes the one before).
		if len(changed) == 0 || len(changed) > 9 {
			t.Errorf("edit %d changed %d index files: %q", i, len(changed), changed)
		}
		if n := rep.Busy["search"]; n == 0 {
			t.Errorf("edit %d: no search task ran", i)
		}
		rep2, mem2 := build(t, root, testAt, nil)
		fresh := indexFiles(t, rep2, mem2)
		if len(fresh) != len(after) {
			t.Fatalf("edit %d: %d files refreshed, %d from nothing", i, len(after), len(fresh))
		}
		for name, data := range fresh {
			if !bytes.Equal(after[name], data) {
				t.Errorf("edit %d: %s differs from a build from nothing", i, name)
			}
		}
		before = after
	}
	d := decode(t, before)
	if len(d.postings["pelicanword"]) != 0 {
		t.Error("a word the edit took back is still in the index")
	}
}
