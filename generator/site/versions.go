package site

import (
	"time"

	"github.com/pressroom/pressroom/generator/fingerprint"
)

// fingerprintEntries gives every published entry and microsite a Version:
// a fingerprint of all it shows of itself and of what it links to, so that
// a rebuild can reuse the pages of entries that did not change.
func fingerprintEntries(s *Site) {
	s.Updated = time.Time{}
	for _, e := range s.All() {
		e.Version, e.Stamp, e.Card = entryVersion(e), entryStamp(e), entryCard(e)
		s.noteUpdate(e)
	}
	for _, e := range s.Coverage {
		// Its card on /coverage/ shows most of it: the outlet, the link,
		// the quote.
		e.Version, e.Stamp = entryVersion(e), entryStamp(e)
		e.Card = e.Version
	}
	fingerprintMicrosites(s)
}

// noteUpdate moves s.Updated on to e's last change if that is newer.
func (s *Site) noteUpdate(e *Entry) {
	if u := e.Updated(); u.After(s.Updated) {
		s.Updated = u
	}
}

// entryCard fingerprints all an entry's card shows in a list (the theme's
// entry-card.html): its address, title, summary, date, kind and draft flag.
func entryCard(e *Entry) uint64 {
	f := &e.Item.Front
	return fingerprint.New("card").Str(e.Path).Str(e.Title).Str(e.Summary).Time(e.Date).Str(f.Kind).Bool(f.Draft).Sum()
}

func entryStamp(e *Entry) uint64 {
	return fingerprint.New("stamp").Str(e.Path).Time(e.Updated()).Sum()
}

// fingerprintMicrosites gives every microsite a Version from its own
// fields and its pages' Versions.
func fingerprintMicrosites(s *Site) {
	for _, m := range s.Microsites {
		b := fingerprint.New("microsite").Str(m.Path).Str(m.Title).Str(m.Description).Str(m.Accent).Str(m.Theme)
		addAsset(b, m.Logo)
		for _, e := range m.Pages {
			b.Str(e.Path).Num(e.Version)
		}
		m.Version = b.Sum()
	}
}

func entryVersion(e *Entry) uint64 {
	b := fingerprint.New("entry").Num(e.Item.Version).Str(e.Path).Time(e.Date)
	if e.Boilerplate != e.Item.Front.Boilerplate {
		b.Num(uint64(len(e.Boilerplate))) // the organisation's: the site key covers its text
	}
	for _, list := range [][]*Asset{e.Assets, e.Files, {e.Image}} {
		for _, a := range list {
			addAsset(b, a)
		}
	}
	for _, img := range e.Item.Images {
		if a := e.BodyImages[img.Dest]; a != nil {
			addAsset(b, a) // the page shows its size and derivatives
		}
	}
	for _, lit := range e.Literature {
		// The release's kit holds the piece, and its page shows the kit's size.
		b.Str(lit.Path).Str(lit.Title).Num(lit.Item.Version)
		for _, a := range lit.Assets {
			addAsset(b, a)
		}
	}
	for _, c := range e.Coverage {
		b.Str(c.Slug).Num(c.Item.Version) // which covers all a release shows of it
	}
	for _, t := range e.Tags {
		b.Str(t.Path).Str(t.Name)
	}
	for _, t := range e.Translations {
		b.Str(t.Path) // its page links them (hreflang, the language switcher)
	}
	return b.Sum()
}

func addAsset(b *fingerprint.Builder, a *Asset) {
	if a == nil {
		b.Num(0)
		return
	}
	b.Str(a.Path).Num(a.Asset.Version())
}
