package site

import (
	"sort"
	"time"

	"github.com/pressroom/pressroom/generator/content"
)

// publishAssets decides which library files are public. A file is held when
// its own sidecar embargo has not lifted, or when every entry that lists it
// is held: a photo used only by an embargoed release would otherwise give the
// news away in the library. Files no entry uses are the library's own.
func (r *resolver) publishAssets(s *Site, library []*content.Asset) {
	published := map[*Entry]bool{}
	for _, e := range s.All() {
		published[e] = true
	}
	for _, a := range library {
		if a.Meta.Embargo.After(r.opts.At) {
			s.Held = append(s.Held, Held{Source: a.Source, Title: a.Name, Reason: "embargo", Until: a.Meta.Embargo})
			continue
		}
		users := r.assetUsers[a]
		pub := &Asset{Asset: a, Path: "assets/" + a.Name}
		for _, e := range users {
			if published[e] {
				pub.UsedBy = append(pub.UsedBy, e)
			}
		}
		if len(users) > 0 && len(pub.UsedBy) == 0 && a.Name != r.cfg.Organization.Logo {
			s.Held = append(s.Held, Held{Source: a.Source, Title: a.Name, Reason: "embargo", Until: r.liftOf(users)})
			continue
		}
		s.Assets = append(s.Assets, pub)
		if a.Name == r.cfg.Organization.Logo {
			s.Logo = pub
		}
	}
	sort.Slice(s.Assets, func(i, j int) bool { return s.Assets[i].Name < s.Assets[j].Name })
	r.dropHeldAssets(s)
}

// liftOf is when the first of an asset's users is published; zero if only drafts use it.
func (r *resolver) liftOf(users []*Entry) time.Time {
	var t0 time.Time
	for _, e := range users {
		t := e.Item.Front.Embargo
		if !t.IsZero() && (t0.IsZero() || t.Before(t0)) {
			t0 = t
		}
	}
	return t0
}

// dropHeldAssets removes held library files from the entries that list them
// (an entry whose asset carries its own later embargo).
func (r *resolver) dropHeldAssets(s *Site) {
	public := map[*content.Asset]*Asset{}
	for _, a := range s.Assets {
		public[a.Asset] = a
	}
	for _, e := range s.All() {
		var kept []*Asset
		for _, a := range e.Assets {
			if p, ok := public[a.Asset]; ok {
				kept = append(kept, p)
			} else if !r.inLibrary(a.Asset) {
				kept = append(kept, a) // a bundle file, decided with the entry
			}
		}
		e.Assets = kept
		if e.Image != nil {
			if r.inLibrary(e.Image.Asset) {
				e.Image = public[e.Image.Asset]
			} else {
				e.Image = bundleFile(e, e.Image.Asset)
			}
		}
	}
}

func (r *resolver) inLibrary(a *content.Asset) bool {
	return r.library[a.Name] == a
}

// bundleFile is the entry's published copy of one of its bundle's files, or nil.
func bundleFile(e *Entry, a *content.Asset) *Asset {
	for _, f := range e.Files {
		if f.Asset == a {
			return f
		}
	}
	return nil
}

// bodyAssets lists the library files an entry's text links to: a photo
// shown only in an embargoed release's body is that release's as much as
// one in its assets list, and is held back with it.
func (r *resolver) bodyAssets(it *content.Item) []*content.Asset {
	var out []*content.Asset
	for _, name := range it.LinkedAssets {
		if a, ok := r.library[name]; ok {
			out = append(out, a)
		}
	}
	return out
}
