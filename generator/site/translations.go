package site

import "strings"

// translationKey names what an entry is a translation of: its front
// matter's translationKey, else its file's path without the language
// ("content/press/x.md" for x.de.md, the bundle's folder for index.de.md).
// Entries of one section with one key are one item in several languages.
func translationKey(e *Entry) string {
	it := e.Item
	where := it.Section + "\x00" + it.Microsite + "\x00"
	if k := it.Front.TranslationKey; k != "" {
		return where + "key\x00" + k
	}
	if it.Bundle != "" {
		return where + it.Bundle
	}
	if it.Lang == "" {
		return where + it.Source
	}
	return where + strings.TrimSuffix(it.Source, "."+it.Lang+".md") + ".md"
}

// holdTranslations is rule 1 for translations: a translation is held at
// least as long as the item it translates, the one of its key in the
// default language, whatever its own embargo says.
func (r *resolver) holdTranslations(candidates []candidate) {
	originals := map[string]*candidate{}
	seen := map[string]*Entry{}
	for i := range candidates {
		e := candidates[i].entry
		if e.Section == "coverage" {
			continue
		}
		k := translationKey(e) + "\x00" + e.Lang
		if prev := seen[k]; prev != nil {
			r.problems.Add(e.Item.Source, e.Item.Front.Line("translationKey"), "two %s translations of one item: %s is one already; give one of them another translationKey", e.Lang, prev.Item.Source)
		}
		seen[k] = e
	}
	for i := range candidates {
		if c := &candidates[i]; c.entry.Lang == r.cfg.Default() && c.entry.Section != "coverage" {
			originals[translationKey(c.entry)] = c
		}
	}
	for i := range candidates {
		c := &candidates[i]
		if c.entry.Lang == r.cfg.Default() {
			continue
		}
		o := originals[translationKey(c.entry)]
		if o == nil || o.held == nil {
			continue
		}
		c.held = longer(c.held, &Held{Source: c.entry.Item.Source, Title: c.entry.Title, Reason: o.held.Reason, Until: o.held.Until})
	}
}

// linkTranslations links every published entry to its published
// translations, in the order of the languages.
func linkTranslations(sites []*Site) {
	if len(sites) < 2 {
		return
	}
	groups := map[string][]*Entry{}
	for _, s := range sites {
		for _, e := range s.All() {
			k := translationKey(e)
			groups[k] = append(groups[k], e)
		}
	}
	for _, g := range groups {
		if len(g) < 2 {
			continue
		}
		for _, e := range g {
			e.Translations = make([]*Entry, 0, len(g)-1)
			for _, t := range g {
				if t != e && t.Lang != e.Lang {
					e.Translations = append(e.Translations, t)
				}
			}
		}
	}
}

// Translation returns the entry's translation into language code, or nil.
func (e *Entry) Translation(code string) *Entry {
	for _, t := range e.Translations {
		if t.Lang == code {
			return t
		}
	}
	return nil
}

// Sites are the sites of every language, the default first: Languages,
// or s alone for a site Resolve did not make.
func (s *Site) Sites() []*Site {
	if root := s.Root(); len(root.Languages) > 0 {
		return root.Languages
	}
	return []*Site{s}
}

// Root is the default language's site.
func (s *Site) Root() *Site {
	if len(s.Languages) == 0 {
		return s
	}
	return s.Languages[0]
}

// IsDefault reports whether s is the default language's site.
func (s *Site) IsDefault() bool { return s.Root() == s }

// In returns the site of language code, or nil.
func (s *Site) In(code string) *Site {
	for _, l := range s.Languages {
		if l.Lang == code {
			return l
		}
	}
	return nil
}

// Every returns every published entry of every language (All of each),
// the default language's first: for what is made once for the newsroom
// (converted Markdown, measured photos, checks).
func (s *Site) Every() []*Entry {
	sites := s.Sites()
	if len(sites) == 1 {
		return sites[0].All()
	}
	var out []*Entry
	for _, l := range sites {
		out = append(out, l.All()...)
	}
	return out
}

// EveryFile lists every published file of the library and of the bundles
// of every language.
func (s *Site) EveryFile() []*Asset {
	root := s.Root()
	out := append([]*Asset(nil), root.Assets...)
	for _, e := range s.Every() {
		out = append(out, e.Files...)
	}
	return out
}
