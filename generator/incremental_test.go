package generator_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/pressroom/pressroom/generator"
	"github.com/pressroom/pressroom/generator/corpus"
	"github.com/pressroom/pressroom/generator/diskcache"
	"github.com/pressroom/pressroom/generator/markdown"
	"github.com/pressroom/pressroom/generator/output"
)

// TestRebuildEqualsFullBuild makes one edit after another to a site, each
// followed by a build that reuses what it can from the previous one (as
// serve does), and requires every such build to equal a build from nothing.
// With a watched cache, edits of an entry's own fields must take the fast
// path (Report.Refreshed) and all others the full one.
func TestRebuildEqualsFullBuild(t *testing.T) {
	t.Run("cache", func(t *testing.T) { testRebuilds(t, generator.NewCache()) })
	t.Run("watched cache", func(t *testing.T) { testRebuilds(t, generator.NewWatchedCache()) })
}

func testRebuilds(t *testing.T, cache *generator.Cache) {
	root := writeSite(t, embargoSite+micrositeSite[len(minimalConfig):]+`
-- content/literature/fact-sheet.md --
---
title: Fact sheet
date: 2026-01-01
kind: fact-sheet
---
Facts.
-- content/press/2026-10-01-with-literature.md --
---
title: With literature
literature: [fact-sheet]
tags: [storage]
assets: [logos/logo.svg]
---
See the fact sheet.
-- content/assets/logos/logo.svg --
<svg xmlns="http://www.w3.org/2000/svg"/>
-- content/assets/logos/logo.svg.yaml --
title: Logo
-- content/blog/2026-09-01-behind.md --
---
title: Behind the scenes
author: Ines Berg
tags: [storage]
---
A post.
`)
	realImages(t, root)
	write := func(name, body string) string {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	const public = "content/press/2026-11-01-public.md"
	edits := []struct {
		name    string
		at      time.Time
		refresh bool            // a watched cache refreshes the last build
		edit    func() []string // the files changed
	}{
		{"nothing", testAt, false, func() []string { return nil }},
		{"body of a release", testAt, true, func() []string {
			return []string{write(public, "---\ntitle: Public release\ntags: [storage]\n---\nEveryone may read this, now longer.\n")}
		}},
		{"a second paragraph, which no list shows of a release whose summary is its first", testAt, true, func() []string {
			return []string{write(public, "---\ntitle: Public release\ntags: [storage]\n---\nEveryone may read this, now longer.\n\nA second paragraph.\n")}
		}},
		{"title, summary and subtitle of a release", testAt, true, func() []string {
			return []string{write(public, "---\ntitle: Public release, retitled\nsummary: In short.\nsubtitle: Below the title\ntags: [storage]\n---\nEveryone may read this, now longer.\n")}
		}},
		{"lastmod, location and boilerplate of a release", testAt, true, func() []string {
			return []string{write(public, "---\ntitle: Public release, retitled\nlastmod: 2026-11-20\nlocation: Kiel\nboilerplate: Our own words.\ntags: [storage]\n---\nEveryone may read this, now longer.\n")}
		}},
		{"lastmod taken back, which dated the newsroom", testAt, true, func() []string {
			return []string{write(public, "---\ntitle: Public release, retitled\nlocation: Kiel\nboilerplate: Our own words.\ntags: [storage]\n---\nEveryone may read this, now longer.\n")}
		}},
		{"a post's body and author", testAt, true, func() []string {
			return []string{write("content/blog/2026-09-01-behind.md", "---\ntitle: Behind the scenes\nauthor: Tom Lind\ntags: [storage]\n---\nA longer post.\n")}
		}},
		{"title shown in lists and tags", testAt, false, func() []string {
			return []string{write(public, "---\ntitle: Public release renamed\ntags: [storage, grid]\n---\nText.\n")}
		}},
		{"date, which orders the lists", testAt, false, func() []string {
			return []string{write(public, "---\ntitle: Public release renamed\ndate: 2026-11-02\ntags: [storage, grid]\n---\nText.\n")}
		}},
		{"a link to a library file in a release's text", testAt, false, func() []string {
			return []string{write(public, "---\ntitle: Public release renamed\ndate: 2026-11-02\ntags: [storage, grid]\n---\nText with [a photo](/assets/photos/zzbodyonly.jpg).\n")}
		}},
		{"literature title shown on a release", testAt, true, func() []string {
			return []string{write("content/literature/fact-sheet.md", "---\ntitle: Fact sheet 2027\ndate: 2026-01-01\nkind: fact-sheet\n---\nFacts.\n")}
		}},
		{"literature body, which a release's kit holds", testAt, true, func() []string {
			return []string{write("content/literature/fact-sheet.md", "---\ntitle: Fact sheet 2027\ndate: 2026-01-01\nkind: fact-sheet\n---\n"+incompressible(6000)+"\n")}
		}},
		{"an embargoed release's text", testAt, false, func() []string {
			return []string{write("content/press/2026-12-01-zzembslug/index.md", "---\ntitle: Q4 results ZZEMBTITLE\nembargo: 2026-12-01T09:00:00\ntags: [zzembtag, storage]\nassets: [zzembphoto.jpg, photos/zzembasset.jpg]\ncontacts: [press]\n---\nThe body ZZEMBBODY, revised.\n\n![only here](/assets/photos/zzbodyonly.jpg)\n")}
		}},
		{"sidecar of a listed asset", testAt, false, func() []string {
			return []string{write("content/assets/logos/logo.svg.yaml", "title: Logo\ncredit: Us\n")}
		}},
		{"asset rewritten with the same size", testAt, false, func() []string {
			return []string{write("content/assets/logos/logo.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/ >"[:41]+"\n")}
		}},
		{"new release", testAt, false, func() []string {
			return []string{write("content/press/2026-11-20-new.md", "---\ntitle: Brand new\ntags: [storage]\n---\nNew.\n")}
		}},
		{"deleted release", testAt, false, func() []string {
			p := filepath.Join(root, "content/press/2026-11-20-new.md")
			os.Remove(p)
			return []string{p}
		}},
		{"new page in the navigation", testAt, false, func() []string {
			return []string{write("content/pages/contact.md", "---\ntitle: Contact\n---\nCall us.\n")}
		}},
		{"microsite page", testAt, false, func() []string {
			return []string{write("content/microsites/wind-at-school/lessons.md", "---\ntitle: Lesson plans\nweight: 2\n---\nPlans.\n")}
		}},
		{"new event", testAt, false, func() []string {
			return []string{write("content/events/2026-11-20-launch.md", "---\ntitle: Launch\nstart: 2026-11-25T10:00:00\nend: 2026-11-25T12:00:00\nvenue: Hall 1\ntags: [storage]\n---\nCome.\n")}
		}},
		{"an event's venue and text", testAt, false, func() []string {
			return []string{write("content/events/2026-11-20-launch.md", "---\ntitle: Launch\nstart: 2026-11-25T10:00:00\nend: 2026-11-25T12:00:00\nvenue: Hall 2\naddress: Messeplatz 1, Essen\ntags: [storage]\n---\nCome early.\n")}
		}},
		{"an event moved", testAt, false, func() []string {
			return []string{write("content/events/2026-11-20-launch.md", "---\ntitle: Launch\nstart: 2026-11-24T12:00:00\nend: 2026-11-25T12:00:00\nvenue: Hall 2\ntags: [storage]\n---\nCome early.\n")}
		}},
		{"an all-day event", testAt, false, func() []string {
			return []string{write("content/events/2026-11-21-fair.md", "---\ntitle: Fair\nstart: 2026-11-26\nend: 2026-11-27\n---\nTwo days.\n")}
		}},
		{"new coverage entry", testAt, false, func() []string {
			return []string{write("content/coverage/2026-11-21-paper.md", "---\ntitle: In the paper\noutlet: The Paper\nurl: https://paper.test.example/a\ndate: 2026-11-21\n---\n")}
		}},
		{"a release cites the coverage", testAt, false, func() []string {
			return []string{write("content/press/2026-10-01-with-literature.md", "---\ntitle: With literature\nliterature: [fact-sheet]\ncoverage: [paper]\ntags: [storage]\nassets: [logos/logo.svg]\n---\nSee the fact sheet.\n")}
		}},
		{"a coverage entry's title and quote", testAt, false, func() []string {
			return []string{write("content/coverage/2026-11-21-paper.md", "---\ntitle: In the paper, retitled\noutlet: The Paper\nurl: https://paper.test.example/a\nquote: Quoted.\ndate: 2026-11-21\n---\n")}
		}},
		{"the event ends", time.Date(2026, 11, 25, 11, 0, 0, 0, time.UTC), false, func() []string { return nil }},
		{"the fair starts", time.Date(2026, 11, 25, 23, 0, 0, 0, time.UTC), false, func() []string { return nil }},
		{"configuration", time.Date(2026, 11, 25, 23, 0, 0, 0, time.UTC), false, func() []string {
			return []string{write("config.toml", minimalConfig[len("-- config.toml --\n"):]+"\n[feeds]\nlimit = 5\n")}
		}},
		{"theme override", time.Date(2026, 11, 25, 23, 0, 0, 0, time.UTC), false, func() []string {
			return []string{write("themes/default/layouts/partials/footer.html", "<footer><p>Own footer</p></footer>\n")}
		}},
		{"embargo lifts", time.Date(2026, 12, 1, 8, 0, 0, 0, time.UTC), false, func() []string { return nil }},
		{"body of a release once the embargo lifted", time.Date(2026, 12, 1, 8, 0, 0, 0, time.UTC), true, func() []string {
			return []string{write(public, "---\ntitle: Public release renamed\ndate: 2026-11-02\ntags: [storage, grid]\n---\nText with [a photo](/assets/photos/zzbodyonly.jpg), once more.\n")}
		}},
	}
	build(t, root, testAt, cache)
	for _, e := range edits {
		t.Run(e.name, func(t *testing.T) {
			cache.Changed(e.edit()...)
			warm, rep := build(t, root, e.at, cache)
			cold, coldRep := build(t, root, e.at, nil)
			compareOutputs(t, warm, cold)
			counts := func(r *generator.Report) [5]int { return [5]int{len(r.Files), r.Pages, r.Feeds, r.Kits, r.Assets} }
			if got, want := counts(rep), counts(coldRep); got != want {
				t.Errorf("files, pages, feeds, kits and assets counted %v, want %v", got, want)
			}
			if want := e.refresh && cache.Watched(); rep.Refreshed != want {
				t.Errorf("Refreshed = %v, want %v", rep.Refreshed, want)
			}
			t.Logf("rendered %d tasks, reused %d", rep.Rendered, rep.Reused)
		})
	}
}

// TestRefreshOfAGeneratedNewsroom refreshes edits on a newsroom big enough
// for paginated lists, where a refresh plans only the pages, kits and feeds
// a changed entry is in: each must still equal a build from nothing, and
// render no more than those few outputs.
func TestRefreshOfAGeneratedNewsroom(t *testing.T) {
	root := t.TempDir()
	if err := corpus.Generate(root, 100); err != nil {
		t.Fatal(err)
	}
	middle, _ := corpus.Release(37)
	boundary, _ := corpus.Release(59) // the last release on /press/page/2/
	next, _ := corpus.Release(60)
	replace := func(name, old, new string) string {
		p := filepath.Join(root, filepath.FromSlash(name))
		b, err := os.ReadFile(p)
		if err != nil || !bytes.Contains(b, []byte(old)) {
			t.Fatalf("%s holds no %q (%v)", name, old, err)
		}
		if err := os.WriteFile(p, bytes.Replace(b, []byte(old), []byte(new), 1), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	appendTo := func(name, text string) string { return replace(name, "\n---\n", "\n---\n"+text+"\n\n") }
	cited := filepath.Join(root, "content/press/2010-03-01-citing.md")
	if err := os.WriteFile(cited, []byte("---\ntitle: With the fact sheet\ndate: 2010-03-01\nliterature: [fact-sheet]\ntags: [topic-01]\n---\nSee the fact sheet.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cache := generator.NewWatchedCache()
	build(t, root, testAt, cache)
	// most is how many tasks the refresh may render. An edit of a text
	// whose summary is its own changes no card in a list: its page, kit,
	// feeds and search shard, and the pages made in every build (home,
	// library), 13 tasks; not its section's list page nor its tags' (8
	// more for a retitled release).
	edits := []struct {
		name string
		most int
		edit func() []string
	}{
		{"text of a release in the middle of the lists", 13, func() []string { return []string{appendTo(middle, "A new first paragraph.")} }},
		{"title of the last release on a list page", 40, func() []string { return []string{replace(boundary, "title: \"", "title: \"Retitled, ")} }},
		{"two releases at once", 40, func() []string {
			return []string{appendTo(boundary, "Both changed."), appendTo(next, "Both changed.")}
		}},
		{"lastmod, which the sitemap shows", 40, func() []string { return []string{replace(middle, "\nsummary: ", "\nlastmod: 2024-05-01\nsummary: ")} }},
		{"literature a release cites", 40, func() []string { return []string{appendTo("content/literature/fact-sheet.md", "Updated figures.")} }},
		{"the newest release", 40, func() []string { newest, _ := corpus.Release(99); return []string{appendTo(newest, "Breaking.")} }},
	}
	for _, e := range edits {
		t.Run(e.name, func(t *testing.T) {
			cache.Changed(e.edit()...)
			warm, rep := build(t, root, testAt, cache)
			cold, _ := build(t, root, testAt, nil)
			compareOutputs(t, warm, cold)
			if !rep.Refreshed {
				t.Error("the edit took the full path")
			}
			// The first build wrote the search index in one task, beside
			// the rest (so that serve's first page waits for none of it),
			// but recorded each file under its key: the first refresh
			// renders no more than any later one.
			if rep.Rendered > e.most || rep.Reused < 250 {
				t.Errorf("rendered %d tasks (at most %d) and reused %d: a refresh renders only what the changed entries are in", rep.Rendered, e.most, rep.Reused)
			}
			t.Logf("rendered %d tasks, reused %d", rep.Rendered, rep.Reused)
		})
	}
}

// build builds root into memory as serve does, reusing what cache holds.
func build(t *testing.T, root string, at time.Time, cache *generator.Cache) (map[string][]byte, *generator.Report) {
	t.Helper()
	return buildFiles(t, generator.Options{Source: root, At: at, Cache: cache, Serve: true, BaseURL: "http://127.0.0.1:8080/"})
}

// buildFiles builds into memory with opts and returns every file written.
func buildFiles(t *testing.T, opts generator.Options) (map[string][]byte, *generator.Report) {
	t.Helper()
	mem := output.NewMemory()
	opts.Out = mem
	rep, err := generator.Build(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	for _, n := range rep.Files {
		files[n], _ = mem.File(n)
	}
	return files, rep
}

func compareOutputs(t *testing.T, got, want map[string][]byte) {
	t.Helper()
	var names []string
	for n := range want {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		g, ok := got[n]
		switch {
		case !ok:
			t.Errorf("%s is missing from the rebuild", n)
		case !bytes.Equal(g, want[n]):
			t.Errorf("%s differs from a full build:\n%s", n, firstDifference(want[n], g))
		}
	}
	for n := range got {
		if _, ok := want[n]; !ok {
			t.Errorf("%s is in the rebuild but not in a full build", n)
		}
	}
}

// incompressible returns n bytes of text that deflate cannot shrink much,
// so that a kit holding it grows by whole kilobytes.
func incompressible(n int) string {
	var b strings.Builder
	x := uint32(2463534242)
	for b.Len() < n {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		b.WriteByte("abcdefghijklmnopqrstuvwxyz0123456789 "[x%37])
	}
	return b.String()
}

// TestWatchedRebuildAfterBrokenEdit breaks a release's front matter, then
// fixes it with a new text: the broken build fails with the file and line,
// and the next takes the fast path from the last good build and equals a
// build from nothing.
func TestWatchedRebuildAfterBrokenEdit(t *testing.T) {
	root := writeSite(t, embargoSite)
	cache := generator.NewWatchedCache()
	build(t, root, testAt, cache)
	p := filepath.Join(root, "content/press/2026-11-01-public.md")
	edit := func(text string) {
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		cache.Changed(p)
	}
	edit("---\ntitle: [Public release\ntags: [storage]\n---\nBroken.\n")
	_, err := generator.Build(context.Background(), generator.Options{Source: root, At: testAt, Out: output.NewMemory(),
		Cache: cache, Serve: true, BaseURL: "http://127.0.0.1:8080/"})
	if err == nil || !strings.Contains(err.Error(), "content/press/2026-11-01-public.md:2") {
		t.Fatalf("broken front matter: got %v, want an error naming content/press/2026-11-01-public.md:2", err)
	}
	edit("---\ntitle: Public release\ntags: [storage]\n---\nFixed, and longer.\n")
	warm, rep := build(t, root, testAt, cache)
	if !rep.Refreshed {
		t.Error("the build after the fix was full; want it to refresh the last good build")
	}
	cold, _ := build(t, root, testAt, nil)
	compareOutputs(t, warm, cold)
}

// TestSecondBuildTakesMarkdownFromTheDiskCache builds a site twice with one
// disk cache, as two runs of `pressroom build` would: the second converts
// no Markdown and writes the same bytes as a build without any cache.
func TestSecondBuildTakesMarkdownFromTheDiskCache(t *testing.T) {
	root := writeSite(t, embargoSite)
	disk := diskcache.Dir(t.TempDir())
	buildWith := func(disk diskcache.Dir) map[string][]byte {
		files, _ := buildFiles(t, generator.Options{Source: root, At: testAt, DiskCache: disk})
		return files
	}
	buildWith(disk)
	before := markdown.Converts.Load()
	second := buildWith(disk)
	if n := markdown.Converts.Load() - before; n != 0 {
		t.Errorf("the second build converted %d bodies; want all from the disk cache", n)
	}
	compareOutputs(t, second, buildWith(""))
}

// TestRefreshWithOwnListLayouts: a site's own layouts may show anything of
// an entry in a list, not only what the embedded theme's cards show. Here
// the card shows the location and the body, which an edit changes without
// touching title or summary: the refresh must make the list and topic
// pages again, and equal a build from nothing.
func TestRefreshWithOwnListLayouts(t *testing.T) {
	root := writeSite(t, minimalConfig+`
-- themes/default/layouts/partials/entry-card.html --
<article class="card"><h2><a href="{{href .Site .Path}}">{{.Title}}</a></h2><p>{{.Item.Front.Location}}</p>{{with .Entry.HTML}}{{.}}{{end}}</article>
-- content/press/2026-11-01-one.md --
---
title: One
summary: The first.
location: Kiel
tags: [storage]
---
The text.
`)
	cache := generator.NewWatchedCache()
	build(t, root, testAt, cache)
	p := filepath.Join(root, "content/press/2026-11-01-one.md")
	if err := os.WriteFile(p, []byte("---\ntitle: One\nsummary: The first.\nlocation: Essen\ntags: [storage]\n---\nThe new text.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cache.Changed(p)
	warm, rep := build(t, root, testAt, cache)
	cold, _ := build(t, root, testAt, nil)
	compareOutputs(t, warm, cold)
	if !rep.Refreshed {
		t.Error("the edit took the full path")
	}
	for _, page := range []string{"press/index.html", "tags/storage/index.html"} {
		if !bytes.Contains(warm[page], []byte("Essen")) || !bytes.Contains(warm[page], []byte("The new text.")) {
			t.Errorf("%s does not show the edit:\n%s", page, warm[page])
		}
	}
}
