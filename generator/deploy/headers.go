package deploy

import (
	"path"
	"strings"

	"github.com/pressroom/pressroom/generator/config"
	"github.com/pressroom/pressroom/generator/mediatype"
)

// Phase is a step of a deploy's order: every upload of a phase is done
// before any of the next begins, and deletions come after them all.
type Phase int

const (
	// PhaseFiles: everything a page may link that is not a page: library
	// files, derivatives, kits, vCards, styles, static files.
	PhaseFiles Phase = iota
	// PhaseNewPages: HTML pages the target does not hold yet, before the
	// changed pages (lists, tags, the home page) that link them.
	PhaseNewPages
	// PhaseChangedPages: HTML pages whose bytes changed.
	PhaseChangedPages
	// PhaseIndexes: what lists pages: feeds, calendars, the search index,
	// the sitemap and robots.txt.
	PhaseIndexes
	// PhaseDeletes: files the build no longer has.
	PhaseDeletes
)

var phaseNames = [...]string{"files", "new pages", "changed pages", "feeds and indexes", "deletions"}

func (p Phase) String() string { return phaseNames[p] }

// phaseOf is the phase an upload of name belongs to.
func phaseOf(name string, isNew bool) Phase {
	switch {
	case strings.HasSuffix(name, ".html"):
		if isNew {
			return PhaseNewPages
		}
		return PhaseChangedPages
	case short(name) && !strings.HasSuffix(name, ".vcf"):
		return PhaseIndexes
	}
	return PhaseFiles
}

// short reports whether name changes with the content at the same URL and
// must reach readers within a minute: pages, feeds, calendars, the search
// index, vCards, the sitemap and robots.txt.
func short(name string) bool {
	base := path.Base(name)
	switch {
	case strings.HasSuffix(name, ".html"), strings.HasSuffix(name, ".vcf"), strings.HasSuffix(name, ".ics"):
		return true
	case base == "feed.xml", base == "atom.xml", base == "feed.json", base == "sitemap.xml", base == "robots.txt":
		return true
	case strings.HasPrefix(name, "search/") || strings.Contains(name, "/search/"):
		return !strings.HasSuffix(name, ".css") && !strings.HasSuffix(name, ".js")
	}
	return false
}

// Cache-Control values. No name pressroom writes is fingerprinted: a kit,
// a photo, a derivative or a style sheet keeps its URL when its bytes
// change (an edited release remakes its kit), so a year-long cache would
// serve stale kits. Those get a day; pages and everything that lists
// pages get a minute, so that an embargo lift reaches readers at once.
const (
	CacheShort = "public, max-age=60, must-revalidate"
	CacheLong  = "public, max-age=86400"
)

// headers are what an object is written with.
type headers struct {
	ContentType  string
	CacheControl string
	Gzip         bool // Content-Encoding: gzip, the bytes compressed
	// ContentDisposition is "attachment" for SVGs: one opened from the
	// newsroom's address would run its scripts there, while <img>, the only
	// way the theme shows one, never runs them and ignores this header.
	// Stores take no Content-Security-Policy, which serve also sends.
	ContentDisposition string
}

// headersOf are the headers of name on target t: its media type, its
// cache lifetime, and the first matcher whose pattern matches it.
func headersOf(t config.Target, name string) headers {
	h := headers{ContentType: contentType(name), CacheControl: CacheLong}
	if strings.EqualFold(path.Ext(name), ".svg") {
		h.ContentDisposition = "attachment"
	}
	if short(name) {
		h.CacheControl = CacheShort
	}
	for _, m := range t.Matchers {
		if m.Re != nil && m.Re.MatchString(name) {
			if m.CacheControl != "" {
				h.CacheControl = m.CacheControl
			}
			h.Gzip = m.Gzip
			break
		}
	}
	return h
}

// moreTypes are media types the deploy needs that the shared table lacks.
var moreTypes = map[string]string{
	".ics":         "text/calendar; charset=utf-8",
	".webmanifest": "application/manifest+json",
	".map":         "application/json",
}

// contentType is the Content-Type of name. A name neither table knows
// (CNAME, a verification file) gets "", and the driver sniffs the bytes.
func contentType(name string) string {
	if t := mediatype.Of(name); t != "" {
		return t
	}
	return moreTypes[strings.ToLower(path.Ext(name))]
}
