package content

import (
	"fmt"
	"time"

	"github.com/pressroom/pressroom/generator/markdown/links"
	"github.com/pressroom/pressroom/generator/spill"
)

// Sections are the top-level folders of content/ that hold items.
var Sections = []string{"press", "blog", "literature", "pages", "events", "coverage"}

// Item is one content file (or bundle) as the author wrote it: front matter,
// Markdown body and where they came from. It knows nothing of URLs or HTML.
type Item struct {
	Section string // "press", "blog", "literature", "pages", "events", "coverage" or "microsite"
	// Microsite is the microsite's folder name for its items, else "".
	Microsite string
	Source    string // the Markdown file, relative to the site root ("content/press/x.md")
	Bundle    string // the bundle folder for content/SECTION/SLUG/index.md, else ""
	// Files of the bundle beside index.md, relative to Bundle, sorted.
	BundleFiles []*Asset
	// Index is true for a section's _index.md, which describes its list page.
	Index bool
	// Lang is the language code the file name carries ("de" for
	// x.de.md or a bundle's index.de.md), "" for the default language.
	Lang string

	// Version fingerprints the file's bytes (see package fingerprint).
	Version uint64
	Slug    string // from front matter, file or folder name, without a date prefix
	Front   Front
	// Body is the Markdown after the front matter, while it is in memory:
	// a build drops it once converted (DropBody), and then Markdown reads
	// it back from where a Cache keeps it, if one does.
	Body     []byte
	BodyLine int // file line on which Body starts
	// kept is the body in a Cache's spill file, out of the heap (serve
	// holds every item from build to build: 490 MB at 100,000 releases).
	kept spill.Ref
	// LinkedAssets are the links of the body that may lead into the asset
	// library, as written but unescaped (links.AssetCandidates), found once
	// when the file is parsed; site decides which file each names.
	LinkedAssets []string
	// Images are the images the body shows, with their lines in the body
	// (BodyLine is the first); site resolves each to a file.
	Images []links.Image
}

// Front is an item's front matter, checked and typed.
type Front struct {
	Title string
	Date  time.Time // zero when not given and not in the file name
	// TranslationKey links translations whose file names differ.
	TranslationKey string
	Lastmod        time.Time
	Embargo        time.Time // zero when not embargoed
	Slug           string
	Summary        string
	Description    string
	Tags           []string
	Draft          bool
	Weight         int
	Subtitle       string
	Location       string
	Contacts       []string
	Assets         []string
	Literature     []string
	Boilerplate    string
	Author         string
	Image          string
	Kind           string
	Accent         string // a microsite's accent colour, "#0b5c8a"
	Logo           string // a microsite's logo, under content/assets/
	Theme          string // a microsite's theme, under themes/
	// CheckIgnore are the ids of `pressroom check` rules silenced for
	// this file (package check says which ids there are).
	CheckIgnore []string
	// An event's moments: Start is required in events; End is zero when
	// not given. AllDay is set when both were written as dates, and then
	// End is the last day, not the day after.
	Start, End time.Time
	AllDay     bool
	Venue      string // an event's venue, "Hotel Adlon, Berlin"
	Address    string // its street address, for the map link
	Online     string // a stream's URL
	// Registration is where journalists register: a URL or an e-mail address.
	Registration string

	Outlet   string   // coverage: the publication
	URL      string   // coverage: the article's address
	Quote    string   // coverage: a short quote from it
	Coverage []string // a release's coverage, by slug

	// Lines maps each key written to the file line it is on, for errors
	// found later (an unknown contact, a missing asset).
	Lines map[string]int
}

// Line returns the file line of a front matter key, or 1 when it was not written.
func (f *Front) Line(key string) int {
	if l, ok := f.Lines[key]; ok {
		return l
	}
	return 1
}

// Markdown returns the body: Body while it is in memory, else what a
// Cache kept of it; nil when neither holds it (a build without a cache,
// once it converted the body).
func (it *Item) Markdown() ([]byte, error) {
	if it.Body != nil || it.kept.Len() == 0 {
		return it.Body, nil
	}
	text, err := it.kept.Get()
	if err != nil {
		return nil, fmt.Errorf("%s: reading its text back: %w", it.Source, err)
	}
	return []byte(text), nil
}

// BodySize is the length of the body in bytes, wherever it is.
func (it *Item) BodySize() int {
	if it.Body != nil {
		return len(it.Body)
	}
	return it.kept.Len()
}

// DropBody lets go of the body in memory where a Cache keeps it (once the
// build has converted it): Markdown still returns it. A body kept nowhere
// else stays.
func (it *Item) DropBody() {
	if it.kept.Len() > 0 {
		it.Body = nil
	}
}
