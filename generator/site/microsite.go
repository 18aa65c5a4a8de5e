package site

import (
	"regexp"
	"sort"

	"github.com/pressroom/pressroom/generator/content"
)

// Microsite is a small informational site for one campaign or cause, under
// its own path, with its own navigation, look and feed.
type Microsite struct {
	Name        string // its folder under content/microsites/, and its path
	Title       string
	Description string
	Accent      string // CSS colour, or ""
	Logo        *Asset
	Theme       string // a theme under themes/ to lay over the default, or ""
	Path        string // "NAME/"
	Home        *Entry // its _index.md
	Pages       []*Entry
	// Version fingerprints what its pages show of the microsite: title,
	// look and navigation.
	Version uint64
}

// Entries returns the microsite's pages newest first, for its feed.
func (m *Microsite) Entries() []*Entry {
	out := append([]*Entry(nil), m.Pages...)
	sortEntries(out)
	return out
}

var cssColour = regexp.MustCompile(`^(#[0-9a-fA-F]{3,8}|[a-z]+|(rgb|hsl)a?\([0-9., %]+\))$`)

// microsites groups published microsite entries under their microsites. A
// microsite whose _index.md is held is held whole.
func (r *resolver) microsites(s *Site, homes map[string]*Entry, pages []*Entry) {
	byName := map[string]*Microsite{}
	for name, home := range homes {
		f := home.Item.Front
		m := &Microsite{Name: name, Title: home.Title, Description: f.Description, Accent: f.Accent,
			Theme: f.Theme, Path: s.Prefix + name + "/", Home: home}
		if m.Description == "" {
			m.Description = f.Summary
		}
		m.Logo = home.Image
		byName[name] = m
		s.Microsites = append(s.Microsites, m)
	}
	for _, e := range pages {
		if m := byName[e.Item.Microsite]; m != nil {
			e.Microsite = m
			m.Pages = append(m.Pages, e)
		}
	}
	for _, m := range s.Microsites {
		sortByWeight(m.Pages)
	}
	sort.Slice(s.Microsites, func(i, j int) bool {
		a, b := s.Microsites[i], s.Microsites[j]
		if a.Home.Item.Front.Weight != b.Home.Item.Front.Weight {
			return a.Home.Item.Front.Weight < b.Home.Item.Front.Weight
		}
		return a.Name < b.Name
	})
}

// checkMicrosite reports problems with a microsite's _index.md.
func (r *resolver) checkMicrosite(it *content.Item) {
	f := &it.Front
	if msg := content.CheckSlug(it.Microsite); msg != "" {
		r.problems.Add(it.Source, 1, "microsite folder name %q %s", it.Microsite, msg)
	}
	if _, lang := r.cfg.Languages[it.Microsite]; reserved[it.Microsite] || lang {
		r.problems.Add(it.Source, 1, "the microsite name %q is taken by the newsroom's own /%s/: rename the folder", it.Microsite, it.Microsite)
	}
	if f.Accent != "" && !cssColour.MatchString(f.Accent) {
		r.problems.Add(it.Source, f.Line("accent"), "accent %q is not a CSS colour such as \"#1f7a72\"", f.Accent)
	}
}

// sortByWeight orders pages for navigation: by weight, then title.
func sortByWeight(entries []*Entry) {
	sort.SliceStable(entries, func(i, j int) bool {
		a, b := entries[i], entries[j]
		if a.Item.Front.Weight != b.Item.Front.Weight {
			return a.Item.Front.Weight < b.Item.Front.Weight
		}
		return a.Title < b.Title
	})
}
