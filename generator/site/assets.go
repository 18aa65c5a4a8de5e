package site

import (
	"net/url"
	"sort"
	"strings"
	"time"

	"github.com/pressroom/pressroom/generator/content"
	"github.com/pressroom/pressroom/generator/markdown/links"
)

// publishAssets decides which library files are public, in every
// language: the library is one, at /assets/. A file is held when
// its own sidecar embargo has not lifted, or when every entry that lists it
// is held: a photo used only by an embargoed or scheduled release would
// otherwise give the news away in the library. Files no entry uses are the
// library's own.
func (r *resolver) publishAssets(s *Site, languages []*Site, library []*content.Asset) {
	raster := logoRaster(r.cfg.Organization, r.library)
	published := map[*Entry]bool{}
	for _, l := range languages {
		for _, e := range l.All() {
			published[e] = true
		}
	}
	for _, a := range library {
		var held *Held
		if a.Meta.Embargo.After(r.opts.At) {
			held = &Held{Source: a.Source, Title: a.Name, Reason: HeldEmbargo, Until: a.Meta.Embargo}
		}
		users := r.assetUsers[a]
		pub := &Asset{Asset: a, Path: "assets/" + a.Name}
		for _, e := range users {
			if published[e] {
				pub.UsedBy = append(pub.UsedBy, e)
			}
		}
		if len(users) > 0 && len(pub.UsedBy) == 0 && a.Name != r.cfg.Organization.Logo && a.Name != raster {
			held = longer(held, &Held{Source: a.Source, Title: a.Name, Reason: HeldByUsers, Until: r.liftOf(users)})
		}
		if held != nil {
			s.Held = append(s.Held, *held)
			continue
		}
		s.Assets = append(s.Assets, pub)
		if a.Name == r.cfg.Organization.Logo {
			s.Logo = pub
		}
		if a.Name == raster {
			s.LogoRaster = pub
		}
	}
	sort.Slice(s.Assets, func(i, j int) bool { return s.Assets[i].Name < s.Assets[j].Name })
}

// liftOf is when the first of an asset's held users is published, by its
// embargo or its date; zero if only drafts use it.
func (r *resolver) liftOf(users []*Entry) time.Time {
	var t0 time.Time
	for _, e := range users {
		h := r.held[e]
		if h == nil {
			continue
		}
		if t := h.Until; !t.IsZero() && (t0.IsZero() || t.Before(t0)) {
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
// one in its assets list, and is held back with it. Each link is read as a
// browser reads it on the entry's page (links.AssetName), so no spelling of
// the address (escapes, "/./", "/ASSETS/", the site's own host) publishes
// the file early.
//
// A name matches the library file of that exact name, or, when there is
// none, every file whose name differs from it only in case: a
// case-insensitive host serves "Photos/CEO.JPG" for "photos/ceo.jpg", and
// holding a file longer is the safe mistake.
func (r *resolver) bodyAssets(e *Entry) []*content.Asset {
	if len(e.Item.LinkedAssets) == 0 {
		return nil
	}
	base := r.cfg.Base
	page := base.ResolveReference(&url.URL{Path: e.Path})
	var out []*content.Asset
	for _, dest := range e.Item.LinkedAssets {
		name, ok := links.AssetName(dest, page, base)
		if !ok {
			continue
		}
		if a, ok := r.library[name]; ok {
			out = append(out, a)
			continue
		}
		out = append(out, r.libraryFolded()[strings.ToLower(name)]...)
	}
	return out
}

// libraryFolded indexes the library by lower-case name, made once when
// first needed.
func (r *resolver) libraryFolded() map[string][]*content.Asset {
	if r.folded == nil {
		r.folded = map[string][]*content.Asset{}
		for name, a := range r.library {
			key := strings.ToLower(name)
			r.folded[key] = append(r.folded[key], a)
		}
		for _, list := range r.folded {
			sort.Slice(list, func(i, j int) bool { return list[i].Name < list[j].Name })
		}
	}
	return r.folded
}
