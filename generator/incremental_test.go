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
	"github.com/pressroom/pressroom/generator/output"
)

// TestRebuildEqualsFullBuild makes one edit after another to a site, each
// followed by a build that reuses what it can from the previous one (as
// serve does), and requires every such build to equal a build from nothing.
func TestRebuildEqualsFullBuild(t *testing.T) {
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
	edits := []struct {
		name string
		at   time.Time
		edit func() []string // the files changed
	}{
		{"nothing", testAt, func() []string { return nil }},
		{"body of a release", testAt, func() []string {
			return []string{write("content/press/2026-11-01-public.md", "---\ntitle: Public release\ntags: [storage]\n---\nEveryone may read this, now longer.\n")}
		}},
		{"title shown in lists and tags", testAt, func() []string {
			return []string{write("content/press/2026-11-01-public.md", "---\ntitle: Public release renamed\ntags: [storage, grid]\n---\nText.\n")}
		}},
		{"literature title shown on a release", testAt, func() []string {
			return []string{write("content/literature/fact-sheet.md", "---\ntitle: Fact sheet 2027\ndate: 2026-01-01\nkind: fact-sheet\n---\nFacts.\n")}
		}},
		{"literature body, which a release's kit holds", testAt, func() []string {
			return []string{write("content/literature/fact-sheet.md", "---\ntitle: Fact sheet 2027\ndate: 2026-01-01\nkind: fact-sheet\n---\n"+incompressible(6000)+"\n")}
		}},
		{"sidecar of a listed asset", testAt, func() []string {
			return []string{write("content/assets/logos/logo.svg.yaml", "title: Logo\ncredit: Us\n")}
		}},
		{"asset rewritten with the same size", testAt, func() []string {
			return []string{write("content/assets/logos/logo.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/ >"[:41]+"\n")}
		}},
		{"new release", testAt, func() []string {
			return []string{write("content/press/2026-11-20-new.md", "---\ntitle: Brand new\ntags: [storage]\n---\nNew.\n")}
		}},
		{"deleted release", testAt, func() []string {
			p := filepath.Join(root, "content/press/2026-11-20-new.md")
			os.Remove(p)
			return []string{p}
		}},
		{"new page in the navigation", testAt, func() []string {
			return []string{write("content/pages/contact.md", "---\ntitle: Contact\n---\nCall us.\n")}
		}},
		{"microsite page", testAt, func() []string {
			return []string{write("content/microsites/wind-at-school/lessons.md", "---\ntitle: Lesson plans\nweight: 2\n---\nPlans.\n")}
		}},
		{"configuration", testAt, func() []string {
			return []string{write("config.toml", minimalConfig[len("-- config.toml --\n"):]+"\n[feeds]\nlimit = 5\n")}
		}},
		{"theme override", testAt, func() []string {
			return []string{write("themes/default/layouts/partials/footer.html", "<footer><p>Own footer</p></footer>\n")}
		}},
		{"embargo lifts", time.Date(2026, 12, 1, 8, 0, 0, 0, time.UTC), func() []string { return nil }},
	}
	cache := generator.NewCache()
	build(t, root, testAt, cache)
	for _, e := range edits {
		t.Run(e.name, func(t *testing.T) {
			cache.Changed(e.edit()...)
			warm, rep := build(t, root, e.at, cache)
			cold, _ := build(t, root, e.at, nil)
			compareOutputs(t, warm, cold)
			t.Logf("rendered %d tasks, reused %d", rep.Rendered, rep.Reused)
		})
	}
}

func build(t *testing.T, root string, at time.Time, cache *generator.Cache) (map[string][]byte, *generator.Report) {
	t.Helper()
	mem := output.NewMemory()
	rep, err := generator.Build(context.Background(), generator.Options{Source: root, At: at, Out: mem, Cache: cache, Serve: true,
		BaseURL: "http://127.0.0.1:8080/"})
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
