package theme_test

import (
	"io/fs"
	"maps"
	"path"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"

	"github.com/pressroom/pressroom/generator/render/pages"
	"github.com/pressroom/pressroom/generator/theme"
	defaulttheme "github.com/pressroom/pressroom/themes/default"
)

// translations are the languages the embedded theme ships besides English.
var translations = []string{"de", "fr", "es"}

// tCall is a layout's {{t SCOPE "id" …}} or (t SCOPE "id" …), SCOPE being
// the site ($.Site, .Site) or a language (.Code, "de").
var tCall = regexp.MustCompile(`(?:\{\{-?|\()\s*t\s+(?:\$?[\w.]*|"[\w-]*")\s+"([^"]*)"`)

// embeddedWords reads the embedded theme's i18n/LANG.toml: plain messages
// as strings, plural ones as tables of forms.
func embeddedWords(t *testing.T, lang string) map[string]any {
	t.Helper()
	data, err := fs.ReadFile(defaulttheme.FS, "i18n/"+lang+".toml")
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if _, err := toml.Decode(string(data), &m); err != nil {
		t.Fatalf("i18n/%s.toml: %v", lang, err)
	}
	return m
}

// layoutIDs are the ids the embedded layouts pass to t, with the files
// that use each.
func layoutIDs(t *testing.T) map[string][]string {
	ids, _ := layoutCalls(t)
	return ids
}

// pairName is a name a t call gives a value: "Org" in {{t .Site "about_org" "Org" .Name}}.
var pairName = regexp.MustCompile(`"([A-Z]\w*)"`)

// layoutCalls are the ids the embedded layouts pass to t, with the files
// that use each, and the names of the values they pass each.
func layoutCalls(t *testing.T) (ids, names map[string][]string) {
	t.Helper()
	ids, names = map[string][]string{}, map[string][]string{}
	err := fs.WalkDir(defaulttheme.FS, "layouts", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || path.Ext(name) != ".html" {
			return err
		}
		data, err := fs.ReadFile(defaulttheme.FS, name)
		if err != nil {
			return err
		}
		text := string(data)
		for _, m := range tCall.FindAllStringSubmatchIndex(text, -1) {
			id := text[m[2]:m[3]]
			ids[id] = append(ids[id], name)
			rest := text[m[1]:]
			if end := strings.Index(rest, "}}"); end >= 0 {
				rest = rest[:end]
			}
			for _, n := range pairName.FindAllStringSubmatch(rest, -1) {
				names[id] = append(names[id], n[1])
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return ids, names
}

// TestLayoutWordsAreInEnglish: every id a layout of the embedded theme
// passes to t, and every id the template helpers hand to layouts
// (pages.WordIDs: literature kinds, file sizes), is in i18n/en.toml, which
// every other language falls back to; else a page would show the bare id.
func TestLayoutWordsAreInEnglish(t *testing.T) {
	en := embeddedWords(t, "en")
	ids := layoutIDs(t)
	if len(ids) < 50 {
		t.Fatalf("found only %d ids in the layouts: is the pattern right?", len(ids))
	}
	for _, id := range pages.WordIDs() {
		ids[id] = append(ids[id], "pages.WordIDs")
	}
	for _, id := range slices.Sorted(maps.Keys(ids)) {
		if _, ok := en[id]; !ok {
			t.Errorf("%q (used in %s) is not in i18n/en.toml", id, strings.Join(slices.Compact(ids[id]), ", "))
		}
	}
}

// TestTranslationsAreComplete: de, fr and es have every message en has,
// a plural message as a table of forms where en has one.
func TestTranslationsAreComplete(t *testing.T) {
	en := embeddedWords(t, "en")
	for _, lang := range translations {
		words := embeddedWords(t, lang)
		var missing, extra []string
		for id, msg := range en {
			w, ok := words[id]
			if !ok {
				missing = append(missing, id)
				continue
			}
			if _, plural := msg.(map[string]any); plural {
				if _, ok := w.(map[string]any); !ok {
					t.Errorf("%s: %q has plural forms in English, a single text here", lang, id)
				}
			}
		}
		for id := range words {
			if _, ok := en[id]; !ok {
				extra = append(extra, id)
			}
		}
		sort.Strings(missing)
		sort.Strings(extra)
		if len(missing) > 0 {
			t.Errorf("i18n/%s.toml lacks %d messages of en.toml: %v", lang, len(missing), missing)
		}
		if len(extra) > 0 {
			t.Errorf("i18n/%s.toml has messages en.toml has not (misspelt ids?): %v", lang, extra)
		}
	}
}

// placeholder is a name a message's template uses: {{.Org}}.
var placeholder = regexp.MustCompile(`\{\{\s*\.(\w+)\s*\}\}`)

// TestTranslationsRender: every message of every language renders through
// the theme with the names of the values its English message and the
// layouts' t calls give it, with counts of every plural form the four
// languages have (0, 1, 2, 5, 1000000: French and Spanish say "many" of
// millions; a form a table lacks is its "other"): none falls back to its
// bare id, shows "<no value>" (a name nothing gives it, misspelt?) or
// keeps a "{{".
func TestTranslationsRender(t *testing.T) {
	th, err := theme.Load(t.TempDir(), "default", pages.Funcs())
	if err != nil {
		t.Fatal(err)
	}
	en := embeddedWords(t, "en")
	_, given := layoutCalls(t)
	for _, lang := range append([]string{"en"}, translations...) {
		if missing := th.Missing(lang); len(missing) > 0 {
			t.Errorf("%s: Missing lists %v", lang, missing)
		}
		for id, msg := range en {
			names := slices.Clone(given[id])
			texts := []string{}
			switch m := msg.(type) {
			case string:
				texts = append(texts, m)
			case map[string]any:
				for _, v := range m {
					texts = append(texts, v.(string))
				}
			}
			for _, text := range texts {
				for _, n := range placeholder.FindAllStringSubmatch(text, -1) {
					names = append(names, n[1])
				}
			}
			slices.Sort(names)
			names = slices.Compact(names)
			counts := []any{nil}
			if slices.Contains(names, "Count") {
				counts = []any{0, 1, 2, 5, 1000000}
			}
			for _, count := range counts {
				var pairs []any
				for _, n := range names {
					if n == "Count" {
						pairs = append(pairs, n, count)
					} else {
						pairs = append(pairs, n, "X"+n)
					}
				}
				got := th.T(lang, id, pairs...)
				if got == id || got == "" || strings.Contains(got, "<no value>") || strings.Contains(got, "{{") {
					t.Errorf("%s: %s (Count %v) renders as %q", lang, id, count, got)
				}
			}
		}
	}
}
