package site

import (
	"reflect"
	"slices"
	"time"

	"github.com/pressroom/pressroom/generator/content"
	"github.com/pressroom/pressroom/generator/markdown/links"
)

// Refreshable reports whether an edit that turned item old into item next
// changes only what its entry shows of itself: its text and the fields
// setOwn reads. Such an edit leaves every publish decision, reference, URL,
// order, tag and section as it was, so Refresh can apply it to a resolved
// site instead of resolving everything again. Only press releases, posts
// and literature qualify; pages and microsites order their navigation by
// title.
func Refreshable(old, next *content.Item) bool {
	switch {
	case old.Section != next.Section || old.Source != next.Source || old.Slug != next.Slug:
		return false
	case old.Index || old.Microsite != "" || (old.Section != "press" && old.Section != "blog" && old.Section != "literature"):
		return false
	case !slices.Equal(old.LinkedAssets, next.LinkedAssets):
		return false // which library files its text uses decides what the library publishes
	case !sameImages(old.Images, next.Images):
		return false // which files its images show is resolved with the site
	}
	return reflect.DeepEqual(structural(old.Front), structural(next.Front))
}

// structural is a front matter without the fields an entry shows of itself
// alone, and without line numbers, which only errors use.
func structural(f content.Front) content.Front {
	f.Title, f.Summary, f.Subtitle, f.Location, f.Author, f.Kind, f.Boilerplate = "", "", "", "", "", "", ""
	f.Lastmod, f.Lines = time.Time{}, nil
	return f
}

// Changes is what a Refresh changed of a site.
type Changes struct {
	// Edited are the entries that took a new item: their HTML must be
	// converted again.
	Edited []*Entry
	// Versions lists every entry whose Version changed, each once: the
	// edited ones and those citing edited literature.
	Versions []*Entry
	// Stamps reports whether some entry's Stamp changed (a new lastmod).
	Stamps bool

	versions entrySet // Versions, for Within and Unchanged
	// cards are those of Versions whose Card changed (Converted), for
	// CardsWithin: the list pages that show them are made again.
	cards  entrySet
	before []uint64 // the Card of each of Versions before the edits
}

// entrySet is a list of entries that a refresh's plans ask about: a few
// (an author's save) are compared one by one, more than fewChanges (an
// edit of literature that many entries cite) indexed in a map.
type entrySet struct {
	few  []*Entry
	many map[*Entry]bool
}

// fewChanges is the most entries an entrySet compares one by one. Finding
// one changed entry in a list of 100,000 by a scan takes 14 µs; asking of
// each entry, even by one pointer comparison, 167 µs (BenchmarkWithin).
const fewChanges = 8

func newEntrySet(entries []*Entry) entrySet {
	if len(entries) <= fewChanges {
		return entrySet{few: entries}
	}
	many := make(map[*Entry]bool, len(entries))
	for _, e := range entries {
		many[e] = true
	}
	return entrySet{many: many}
}

func (s *entrySet) has(e *Entry) bool {
	if s.many != nil {
		return s.many[e]
	}
	return slices.Contains(s.few, e)
}

// within returns the positions in list of the set's entries, in order.
func (s *entrySet) within(list []*Entry) []int {
	var at []int
	if s.many != nil {
		for i, e := range list {
			if s.many[e] {
				at = append(at, i)
			}
		}
		return at
	}
	for _, e := range s.few {
		if i := slices.Index(list, e); i >= 0 {
			at = append(at, i)
		}
	}
	slices.Sort(at)
	return at
}

// Unchanged reports whether none of entries has a new Version; nil entries
// are none.
func (c *Changes) Unchanged(entries ...*Entry) bool {
	for _, e := range entries {
		if c.versions.has(e) {
			return false
		}
	}
	return true
}

// Within returns the positions in list of the entries with a new Version,
// in order: what a refresh's plans make again of a list. For an author's
// save it costs a scan of list per changed entry, not a question per entry
// (planning a refresh of one release of 100,000 asked 600,000, 1.6 ms).
func (c *Changes) Within(list []*Entry) []int { return c.versions.within(list) }

// CardsWithin returns the positions in list of the entries with a new
// Card, in order: a list page that shows none of them stays as it was.
func (c *Changes) CardsWithin(list []*Entry) []int { return c.cards.within(list) }

// Converted completes Changes once the edited entries' bodies are
// converted (Entry.Converted), which may change their summaries: it notes
// those of Versions whose Card changed.
func (c *Changes) Converted() {
	var cards []*Entry
	for i, e := range c.Versions {
		if e.Card != c.before[i] {
			cards = append(cards, e)
		}
	}
	c.cards = newEntrySet(cards)
}

// ChangesOf is what a refresh changed whose edits gave versions new
// Versions and, of those, cards new Cards: the Changes an output's plan
// sees, for its tests.
func ChangesOf(versions, cards []*Entry) *Changes {
	return &Changes{Versions: versions, versions: newEntrySet(versions), cards: newEntrySet(cards)}
}

// index completes Changes once Versions is: it notes their Cards, which
// Converted compares, and indexes them for Within and Unchanged. Until
// Converted, every changed entry counts as a changed card.
func (c *Changes) index() {
	c.before = make([]uint64, len(c.Versions))
	for i, e := range c.Versions {
		c.before[i] = e.Card
	}
	c.versions = newEntrySet(c.Versions)
	c.cards = c.versions
}

// Refresh applies Refreshable edits to s in place, as of the moment at: each
// published entry in edits takes its new item, and every Version that
// covers an edited entry is made again. It returns what changed. s must be
// a site no one else reads any more, and no held item may lift before at
// (s.NextLift); the result is then the site Resolve would make of the
// edited files.
func (s *Site) Refresh(edits map[*Entry]*content.Item, at time.Time) *Changes {
	c := &Changes{Edited: make([]*Entry, 0, len(edits))}
	for _, l := range s.Sites() {
		l.refresh(edits, at, c)
	}
	c.index()
	return c
}

// refresh applies the edits of entries of the language of s. It costs what
// the edits touch, not what the site holds: a refresh of one release of
// 100,000 looks at that release (and, for edited literature, at what cites
// it) rather than at every entry.
func (s *Site) refresh(edits map[*Entry]*content.Item, at time.Time, c *Changes) {
	s.At = at
	rescan := false // the site's date must be looked for again
	literature := false
	var mine []*Entry
	for e, it := range edits {
		if e.Lang != s.Lang && len(s.Languages) > 1 {
			continue
		}
		literature = literature || e.Section == "literature"
		stamp, was := e.Stamp, e.Updated()
		e.Item = it
		e.setOwn(s.Config)
		// Only an entry that dated the site and is now dated earlier
		// (a lastmod taken back) can leave the site dated by another.
		rescan = rescan || (!was.Before(s.Updated) && e.Updated().Before(was))
		e.Stamp = entryStamp(e)
		c.Edited = append(c.Edited, e)
		c.Stamps = c.Stamps || e.Stamp != stamp
		mine = append(mine, e)
	}
	if rescan {
		s.Updated = time.Time{}
		for _, e := range s.All() {
			s.noteUpdate(e)
		}
	}
	versioned := mine
	if literature {
		// What cites edited literature shows its title: a structural
		// field, so the citations are the resolved site's, and only a
		// literature edit needs looking for them.
		versioned = nil
		for _, e := range s.All() {
			if edits[e] != nil || slices.ContainsFunc(e.Literature, func(l *Entry) bool { return edits[l] != nil }) {
				versioned = append(versioned, e)
			}
		}
	}
	for _, e := range versioned {
		s.noteUpdate(e)
		if v := entryVersion(e); v != e.Version {
			e.Version = v
			c.Versions = append(c.Versions, e) // once: its Version is now v
		}
	}
	fingerprintMicrosites(s)
}

// sameImages reports whether two bodies show the same images, wherever
// their lines are.
func sameImages(a, b []links.Image) bool {
	return slices.EqualFunc(a, b, func(x, y links.Image) bool { return x.Dest == y.Dest })
}
