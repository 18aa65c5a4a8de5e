package generator_test

import (
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/pressroom/pressroom/generator"
)

// bilingualConfig is minimalConfig with German under /de/.
const bilingualConfig = minimalConfig + `
[languages.de]
title = "Test Pressebereich"

[languages.de.organization]
boilerplate = "Test Org macht Tests."
`

// translationSite holds both ways a translation can be held: an embargoed
// original whose translation has no embargo of its own (rule 1 holds it),
// and a public original whose translation has a later embargo.
const translationSite = bilingualConfig + `
-- content/press/2026-11-01-public.md --
---
title: Public release
tags: [storage]
---
Everyone may read this.
-- content/press/2026-11-01-public.de.md --
---
title: Öffentliche Meldung
embargo: 2026-12-01T09:00:00
tags: [zzdeheldtag]
---
ZZDEHELDBODY
-- content/press/2026-11-20-zzorigheld.md --
---
title: Held original ZZORIGTITLE
embargo: 2026-12-01T09:00:00
---
ZZORIGBODY
-- content/press/2026-11-20-zzorigheld.de.md --
---
title: Übersetzung ZZTRANSTITLE
tags: [zztranstag]
---
ZZTRANSBODY
`

// TestTranslationsNeverLeak: a translation is held at least as long as
// what it translates, and as long as its own embargo says.
func TestTranslationsNeverLeak(t *testing.T) {
	root := writeSite(t, translationSite)
	held := time.Date(2026, 12, 1, 7, 59, 59, 0, time.UTC) // 08:59:59 in Berlin
	rep, mem, err := buildMemory(t, root, held, false)
	if err != nil {
		t.Fatal(err)
	}
	markers := []string{"zzorigheld", "ZZORIGTITLE", "ZZORIGBODY", "ZZTRANSTITLE", "zztranstag", "ZZTRANSBODY", "zzdeheldtag", "ZZDEHELDBODY"}
	if found := leaks(t, mem, rep.Files, markers); len(found) > 0 {
		t.Errorf("held content leaked:\n%s", strings.Join(found, "\n"))
	}
	for _, name := range []string{"press/public/index.html", "de/index.html", "de/press/index.html"} {
		if _, ok := mem.File(name); !ok {
			t.Errorf("%s is missing", name)
		}
	}
	if _, ok := mem.File("de/press/public/index.html"); ok {
		t.Error("the translation under its own embargo is out")
	}
	if page, _ := mem.File("press/public/index.html"); strings.Contains(string(page), "/de/press/public/") {
		t.Error("the original links a held translation")
	}
	// At the lift both translations are out, linked both ways.
	rep, mem, err = buildMemory(t, root, time.Date(2026, 12, 1, 8, 0, 0, 0, time.UTC), false)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"press/zzorigheld/index.html", "de/press/zzorigheld/index.html", "de/press/public/index.html", "de/tags/zztranstag/index.html"} {
		if _, ok := mem.File(name); !ok {
			t.Errorf("after the lift, %s is missing", name)
		}
	}
	if page, _ := mem.File("press/public/index.html"); !strings.Contains(string(page), `hreflang="de" href="https://news.test.example/de/press/public/"`) {
		t.Error("after the lift, the original does not link its translation")
	}
	_ = rep
}

var hreflangLink = regexp.MustCompile(`<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">`)

// TestHreflangIsSymmetric: over the whole example newsroom, every page
// that links versions in other languages links itself among them and
// x-default, and each version links the same set back.
func TestHreflangIsSymmetric(t *testing.T) {
	rep, mem, err := buildMemory(t, "..", testAt, false)
	if err != nil {
		t.Fatal(err)
	}
	sets := map[string]string{} // page URL -> its sorted set
	base := "https://news.northwind.example/"
	pages := 0
	for _, name := range rep.Files {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		data, _ := mem.File(name)
		links := hreflangLink.FindAllStringSubmatch(string(data), -1)
		if len(links) == 0 {
			continue
		}
		pages++
		self := base + strings.TrimSuffix(name, "index.html")
		var set []string
		hasSelf, hasDefault := false, false
		for _, l := range links {
			set = append(set, l[1]+"="+l[2])
			hasSelf = hasSelf || l[2] == self
			hasDefault = hasDefault || l[1] == "x-default"
		}
		sort.Strings(set)
		if !hasSelf || !hasDefault {
			t.Errorf("%s: its alternates %v lack itself or x-default", name, set)
		}
		sets[self] = strings.Join(set, " ")
	}
	if pages < 5 {
		t.Fatalf("only %d pages of the example link translations: it must show several languages", pages)
	}
	for self, set := range sets {
		for _, alt := range strings.Fields(set) {
			_, url, _ := strings.Cut(alt, "=")
			if other, ok := sets[url]; !ok || other != set {
				t.Errorf("%s links %s, whose alternates differ:\n  %s\n  %s", self, url, set, other)
			}
		}
	}
}

// TestRebuildsOfTranslations: serve's rebuilds of a bilingual site equal
// builds from nothing after a translation is edited, added and deleted,
// and a translation's own text and title refresh the last build.
func TestRebuildsOfTranslations(t *testing.T) {
	for _, c := range []struct {
		name  string
		cache func() *generator.Cache
	}{{"cache", generator.NewCache}, {"watched cache", generator.NewWatchedCache}} {
		t.Run(c.name, func(t *testing.T) {
			cache := c.cache()
			root := writeSite(t, translationSite)
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
			after := time.Date(2026, 12, 2, 8, 0, 0, 0, time.UTC) // every embargo has lifted
			const de = "content/press/2026-11-01-public.de.md"
			edits := []struct {
				name    string
				refresh bool
				edit    func() []string
			}{
				{"a translation's text", true, func() []string {
					return []string{write(de, "---\ntitle: Öffentliche Meldung\nembargo: 2026-12-01T09:00:00\ntags: [zzdeheldtag]\n---\nEin neuer Text.\n")}
				}},
				{"a translation's title", true, func() []string {
					return []string{write(de, "---\ntitle: Öffentliche Meldung, neu betitelt\nembargo: 2026-12-01T09:00:00\ntags: [zzdeheldtag]\n---\nEin neuer Text.\n")}
				}},
				{"a translation's tags", false, func() []string {
					return []string{write(de, "---\ntitle: Öffentliche Meldung\nembargo: 2026-12-01T09:00:00\ntags: [speicher]\n---\nEin neuer Text.\n")}
				}},
				{"a new translation", false, func() []string {
					return []string{write("content/press/2026-11-20-zzorigheld.fr.md", "---\ntitle: Traduction\n---\nTexte.\n")}
				}},
				{"a translation deleted", false, func() []string {
					p := filepath.Join(root, de)
					os.Remove(p)
					return []string{p}
				}},
				{"a translation by translationKey", false, func() []string {
					return []string{write("content/press/2026-11-01-oeffentlich.de.md", "---\ntitle: Öffentlich\ntranslationKey: public\n---\nText.\n"),
						write("content/press/2026-11-01-public.md", "---\ntitle: Public release\ntranslationKey: public\ntags: [storage]\n---\nEveryone may read this.\n")}
				}},
			}
			// French for the new translation's sake.
			write("config.toml", bilingualConfig[len("-- config.toml --\n"):]+"\n[languages.fr]\n")
			build(t, root, after, cache)
			for _, e := range edits {
				t.Run(e.name, func(t *testing.T) {
					cache.Changed(e.edit()...)
					warm, rep := build(t, root, after, cache)
					cold, _ := build(t, root, after, nil)
					compareOutputs(t, warm, cold)
					if want := e.refresh && cache.Watched(); rep.Refreshed != want {
						t.Errorf("Refreshed = %v, want %v", rep.Refreshed, want)
					}
				})
			}
			if _, ok := cold(t, root, after)["de/press/oeffentlich/index.html"]; !ok {
				t.Error("the translation by translationKey is missing")
			}
		})
	}
}

func cold(t *testing.T, root string, at time.Time) map[string][]byte {
	files, _ := build(t, root, at, nil)
	return files
}
