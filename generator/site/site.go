// Package site is the resolve stage: from loaded content, the configuration
// and the build's moment it decides once what is published (embargo and
// draft are decided here and nowhere else), resolves references to contacts,
// assets and literature, assigns every URL and rejects collisions, and
// builds sections, tags and pagination. Everything downstream sees only the
// published site, so no output can leak what it never received.
package site

import (
	"fmt"
	"html/template"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/pressroom/pressroom/generator/config"
	"github.com/pressroom/pressroom/generator/content"
	"github.com/pressroom/pressroom/generator/dates"
	"github.com/pressroom/pressroom/generator/spill"
)

// PerPage is how many entries a list page shows.
const PerPage = 20

// Site is the published newsroom as of one moment.
type Site struct {
	// Config is the configuration as the site's language sees it (config.For).
	Config *config.Config
	At     time.Time // the build's moment: what is published is decided against it

	// Lang is the site's language code; Prefix is where its pages are: ""
	// for the default language, "de/" for German.
	Lang, Prefix string
	// Languages are the sites of every language of the newsroom, the
	// default first (this one among them). They share the library (Assets,
	// Logo), what is held (Held, Moments, NextLift) and the coverage
	// written without a language; the rest is each language's own.
	Languages []*Site

	Entries  []*Entry   // every published item but section indexes and coverage, newest first
	Sections []*Section // press, blog, literature, events, in that order
	Pages    []*Entry   // standalone pages, by weight then title
	// Microsites are the published microsites, by weight then name.
	Microsites []*Microsite
	Tags       []*Tag   // by name
	Assets     []*Asset // the published asset library, by name
	Logo       *Asset   // the organisation's logo, when published
	// LogoRaster is a PNG or JPEG of the logo (the logo itself when it is
	// one), for social cards and structured data; nil when there is none.
	LogoRaster *Asset

	// Upcoming are the published events that have not ended at At, soonest
	// first; Past those that have, the latest first (see events.go).
	Upcoming, Past []*Entry
	// Coverage is the published press coverage, newest first: entries
	// without a page of their own, shown on /coverage/ and under the
	// releases that cite them.
	Coverage []*Entry

	Held []Held // what this build holds back, soonest lift first
	// Moments are the moments after At at which a published event starts
	// or ends, soonest first: lists of events change then by themselves.
	Moments []Held
	// NextLift is the moment Next returns: the earliest at which a held
	// item or asset lifts by itself; zero if none does.
	NextLift time.Time
	// Updated is the newest change of any published entry (Entry.Updated);
	// zero if none.
	Updated time.Time

	base string // Config.Base as text, made once for URL
}

// Entry is one published content item.
type Entry struct {
	Item    *content.Item
	Lang    string // its language's code
	Section string // "press", "blog", "literature", "pages" or "microsite"
	Title   string
	Slug    string
	Path    string // URL path under the base, "press/slug/", "de/press/slug/"
	Date    time.Time
	Lastmod time.Time
	Summary string

	Tags     []*Tag
	Contacts []*config.Contact
	Assets   []*Asset // as listed in front matter
	Image    *Asset   // a post's lead image
	Files    []*Asset // bundle files, published beside the page
	// BodyImages are the published files the body's images show, by the
	// destination as written (links.Image.Dest).
	BodyImages  map[string]*Asset
	Literature  []*Entry
	Coverage    []*Entry   // a release's coverage, as its front matter lists it
	Boilerplate string     // the release's own, or the organisation's
	Microsite   *Microsite // the microsite a microsite page or home belongs to
	// Translations are the published translations of the entry in the
	// other languages, in the order of Site.Languages.
	Translations []*Entry

	// An event's moments, in the site's zone: End is when it is over (the
	// midnight after an all-day event's last day; Start for a timed event
	// without an end). Zero for any other entry.
	Start, End time.Time
	AllDay     bool

	// Version fingerprints everything the entry shows (see fingerprintEntries).
	Version uint64
	// Stamp fingerprints its address and its last change, all that lists
	// of addresses (the sitemap) show of it.
	Stamp uint64
	// Card fingerprints what a list page shows of the entry (entryCard):
	// a list changes with its cards, not with every edit of a body. It is
	// final once the body is converted (Converted), as a summary may come
	// from the body.
	Card uint64

	// The converted body, filled by the build's Markdown pass (SetHTML,
	// SpillHTML, KeepSpilled): in memory, or in a spill file.
	html    template.HTML
	spilled spill.Ref
}

// HTML is the entry's converted body. goldmark escapes raw HTML unless the
// site opted in, so it is safe to show as it is.
func (e *Entry) HTML() (template.HTML, error) {
	if e.spilled.Len() == 0 {
		return e.html, nil
	}
	h, err := e.spilled.Get()
	if err != nil {
		return "", fmt.Errorf("%s: reading its converted body back: %w", e.Item.Source, err)
	}
	return template.HTML(h), nil
}

// Converted completes an entry whose body is converted: one without a
// summary of its own takes the body's, and its Card is made again.
func (e *Entry) Converted(summary string) {
	if e.Summary == "" {
		e.Summary = summary
	}
	e.Card = entryCard(e)
}

// SetHTML keeps the entry's converted body in memory.
func (e *Entry) SetHTML(h template.HTML) { e.html, e.spilled = h, spill.Ref{} }

// SpillHTML keeps the entry's converted body in f, out of the heap, for an
// entry whose body is read a few times in a build (its page, its kit, the
// search index) rather than held.
func (e *Entry) SpillHTML(f *spill.File, h string) error {
	r, err := f.Put(h)
	if err != nil {
		return err
	}
	e.html, e.spilled = "", r
	return nil
}

// Spilled reports whether the converted body is in a spill file rather
// than the heap.
func (e *Entry) Spilled() bool { return e.spilled.Len() > 0 }

// KeepSpilled takes a converted body already in a spill file (serve's
// cache keeps every conversion in one).
func (e *Entry) KeepSpilled(r spill.Ref) { e.html, e.spilled = "", r }

// Asset is a published file of the library or a bundle.
type Asset struct {
	*content.Asset
	Path   string   // URL path under the base: "assets/logos/x.svg", "press/slug/photo.jpg"
	UsedBy []*Entry // published entries that list it
}

// Section is one of press, blog and literature with its list pages.
type Section struct {
	Name    string
	Title   string
	Intro   *content.Item // the section's _index.md, if any
	Path    string        // "press/"
	Entries []*Entry
}

// Tag groups the entries that carry it.
type Tag struct {
	Name    string
	Slug    string
	Path    string // "tags/slug/"
	Entries []*Entry
}

// Held is an item or asset this build does not publish; or, in
// Site.Moments and what Next returns, an event that starts or ends at Until.
type Held struct {
	Source string
	Title  string
	Reason string // HeldEmbargo, HeldScheduled, HeldDraft, HeldByUsers, EventStarts or EventEnds
	// Until is the moment it lifts by itself; zero when it never does
	// (a draft, or an asset only drafts use).
	Until time.Time
}

// Why an item or asset is held.
const (
	HeldEmbargo   = "embargo"    // its embargo, or its sidecar's, is later than the build
	HeldScheduled = "scheduled"  // its date is later than the build
	HeldDraft     = "draft"      // a draft, and the build is without --drafts
	HeldByUsers   = "held items" // a library file that only held items use

	EventStarts = "event starts" // a published event starts: /events/ shows it under way
	EventEnds   = "event ends"   // a published event ends: /events/ lists it as past
)

// URL returns the absolute URL of a path under the site's base.
func (s *Site) URL(path string) string {
	if plainPath(path) {
		return s.base + path // the common case, without url's allocations
	}
	return s.Config.Base.ResolveReference(&url.URL{Path: path}).String()
}

// plainPath reports whether a relative path needs no escaping in a URL.
func plainPath(p string) bool {
	for i := 0; i < len(p); i++ {
		c := p[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_' || c == '.' || c == '/' || c == '~') {
			return false
		}
	}
	return !strings.HasPrefix(p, "/") && !strings.Contains(p, "..") && !strings.Contains(p, "//")
}

// Href returns a path under the site's base as a rooted link ("/news/press/").
func (s *Site) Href(path string) string {
	return s.Config.Base.Path + path
}

// Section returns the named section, or nil.
func (s *Site) Section(name string) *Section {
	for _, sec := range s.Sections {
		if sec.Name == name {
			return sec
		}
	}
	return nil
}

// Pager is one page of a paginated list.
type Pager struct {
	Number, Total int
	Path          string // this page's path: "press/" or "press/page/2/"
	Entries       []*Entry
	Prev, Next    string // paths of the neighbours, or ""
}

// Pages is how many list pages show n entries, PerPage to a page: at
// least one, which may be empty.
func Pages(n int) int { return max(1, (n+PerPage-1)/PerPage) }

// OnPage returns the entries list page number (from 1) shows.
func OnPage(entries []*Entry, number int) []*Entry {
	return entries[(number-1)*PerPage : min(number*PerPage, len(entries))]
}

// Page is list page number (from 1) of entries under base ("press/"), of
// Pages(len(entries)).
func Page(base string, entries []*Entry, number int) Pager {
	total := Pages(len(entries))
	pagePath := func(n int) string {
		if n == 1 {
			return base
		}
		return base + "page/" + itoa(n) + "/"
	}
	p := Pager{Number: number, Total: total, Path: pagePath(number), Entries: OnPage(entries, number)}
	if number > 1 {
		p.Prev = pagePath(number - 1)
	}
	if number < total {
		p.Next = pagePath(number + 1)
	}
	return p
}

func itoa(n int) string { return strconv.Itoa(n) }

// All returns every published entry: sections, pages, and each microsite's
// home and pages, for outputs that treat them alike (files, Markdown).
func (s *Site) All() []*Entry {
	out := make([]*Entry, 0, len(s.Entries)+len(s.Pages))
	out = append(out, s.Entries...)
	out = append(out, s.Pages...)
	for _, m := range s.Microsites {
		out = append(out, m.Home)
		out = append(out, m.Pages...)
	}
	return out
}

// Language is the site's language code, for the theme's words.
func (s *Site) Language() string { return s.Lang }

// Dateline is how a release opens as newsrooms print it: "BERLIN, 3 November
// 2026 —", the date in the site's time zone; without a location, the date.
func (s *Site) Dateline(e *Entry) string {
	d := dates.Long(s.Lang, e.Date.In(s.Config.Location))
	if loc := strings.TrimSpace(e.Item.Front.Location); loc != "" {
		return strings.ToUpper(loc) + ", " + d + " —"
	}
	return d + " —"
}

// Updated is when an entry last changed: its lastmod when later than its date.
func (e *Entry) Updated() time.Time {
	if e.Lastmod.After(e.Date) {
		return e.Lastmod
	}
	return e.Date
}

// Contacts lists every media contact of config.toml.
func (s *Site) Contacts() []*config.Contact {
	out := make([]*config.Contact, len(s.Config.Contacts))
	for i := range s.Config.Contacts {
		out[i] = &s.Config.Contacts[i]
	}
	return out
}

// Files lists every published file of the library and of bundles.
func (s *Site) Files() []*Asset {
	out := append([]*Asset(nil), s.Assets...)
	for _, e := range s.All() {
		out = append(out, e.Files...)
	}
	return out
}
