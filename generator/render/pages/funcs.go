package pages

import (
	"fmt"
	"html/template"
	"path"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/text/language"
	"golang.org/x/text/message"

	"github.com/pressroom/pressroom/generator/config"
	"github.com/pressroom/pressroom/generator/content"
	"github.com/pressroom/pressroom/generator/dates"
	"github.com/pressroom/pressroom/generator/images"
	"github.com/pressroom/pressroom/generator/mediatype"
	"github.com/pressroom/pressroom/generator/site"
)

// Funcs are the helpers every layout can call. They take the site from
// the View so that one parsed theme serves any build.
func Funcs() template.FuncMap {
	return template.FuncMap{
		"href": func(s *site.Site, path string) string { return s.Href(path) },
		"abs":  func(s *site.Site, path string) string { return s.URL(path) },
		"date": func(s *site.Site, t time.Time) string { return dates.Long(s.Lang, t.In(s.Config.Location)) },
		// langHref links a page of the site's language: "coverage/" is
		// /de/coverage/ on a German page.
		"langHref": func(s *site.Site, path string) string { return s.Href(s.Prefix + path) },
		"isodate":  func(t time.Time) string { return t.Format(time.RFC3339) },
		"dateline": func(s *site.Site, e *site.Entry) string { return s.Dateline(e) },
		"bytes":    HumanBytes,
		"upper":    strings.ToUpper,
		"lower":    strings.ToLower,
		"ext":      func(name string) string { return strings.TrimPrefix(path.Ext(name), ".") },
		"card":     func(s *site.Site, e *site.Entry, level int) Card { return Card{Site: s, Entry: e, Level: level} },
		"isImage":  mediatype.IsImage,
		"mailto":   func(email string) template.URL { return template.URL("mailto:" + email) },
		"tel":      func(phone string) template.URL { return template.URL("tel:" + strings.ReplaceAll(phone, " ", "")) },
		"kinds":    groupByKind,
		"slug":     content.Slugify,
		"contactList": func(s *site.Site, contacts []*config.Contact) ContactList {
			return ContactList{Site: s, Contacts: contacts}
		},
		"download": func(s *site.Site, d Download, label string) DownloadLink {
			return DownloadLink{Site: s, Kit: d, Label: label}
		},
		// accent is validated as a CSS colour when the site is resolved.
		"accent":       func(colour string) template.CSS { return template.CSS("--accent: " + colour) },
		"when":         When,
		"eventStatus":  Status,
		"mapURL":       MapURL,
		"registration": Registration,
		"eventStart":   func(e *site.Entry) string { return eventDatetime(e, e.Start) },
		"eventEnd":     func(e *site.Entry) string { return eventDatetime(e, e.LastDay()) },
		"limit": func(n int, entries []*site.Entry) []*site.Entry {
			return entries[:min(n, len(entries))]
		},
		// fileSize is a size for the theme's words: the file-size partial
		// writes it as the page's language does ("2,4 MB").
		"fileSize": func(s *site.Site, n int64) FileSize { return SizeOf(s, n) },
		// kindID is the theme's message id of a literature kind's name
		// ("kind_fact_sheet": "Fact sheet"), or "" for a kind it does not
		// name, which the theme shows as written.
		"kindID": KindID,
		// text writes a message of the theme's words ({{text (t .Site
		// "feed_note")}}) as html/template writes text, but for its
		// apostrophes, which stay as they are: "this page's address", not
		// "this page&#39;s address".
		"text": Text,
	}
}

// HumanBytes writes a file size as pages show it: "812 kB", "2.4 MB".
// Pages write it in their language through FileSize; this is the English.
func HumanBytes(n int64) string {
	switch {
	case n < 1000:
		return fmt.Sprintf("%d bytes", n)
	case n < 1000*1000:
		return fmt.Sprintf("%.0f kB", float64(n)/1000)
	default:
		return fmt.Sprintf("%.1f MB", float64(n)/1000/1000)
	}
}

// FileSize is a file size for the theme's words, as the file-size partial
// writes it: {{t .Site .ID "Count" .Count}} for bytes (a plural form:
// "812 bytes"), else {{t .Site .ID "Size" .Value}} ("812 kB", "2,4 MB").
type FileSize struct {
	Site  *site.Site
	ID    string // the theme's message: "size_bytes", "size_kb" or "size_mb"
	Count int64  // the size in bytes
	Value string // the number of the unit, with the language's decimal mark: "2.4", "2,4"
}

// SizeOf is the size of n bytes as a page of s writes it.
func SizeOf(s *site.Site, n int64) FileSize {
	switch {
	case n < 1000:
		return FileSize{Site: s, ID: "size_bytes", Count: n, Value: fmt.Sprint(n)}
	case n < 1000*1000:
		return FileSize{Site: s, ID: "size_kb", Count: n, Value: fmt.Sprintf("%.0f", float64(n)/1000)}
	}
	v := fmt.Sprintf("%.1f", float64(n)/1000/1000)
	return FileSize{Site: s, ID: "size_mb", Count: n, Value: strings.Replace(v, ".", decimalMark(s.Lang), 1)}
}

var decimalMarks sync.Map // language -> its decimal mark

// decimalMark is how language lang writes the point of 2.5: "." in
// English, "," in German, French and Spanish (CLDR, by golang.org/x/text).
func decimalMark(lang string) string {
	if m, ok := decimalMarks.Load(lang); ok {
		return m.(string)
	}
	mark := "."
	if tag, err := language.Parse(lang); err == nil {
		if s := message.NewPrinter(tag).Sprintf("%.1f", 2.5); len(s) == 3 && s[0] == '2' && s[2] == '5' {
			mark = s[1:2]
		}
	}
	decimalMarks.Store(lang, mark)
	return mark
}

// textEscaper escapes what html/template escapes in text, but the apostrophe.
var textEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&#34;", "+", "&#43;", "\x00", "\uFFFD")

// Text is s as HTML text, escaped as html/template escapes a string but for
// its apostrophes, which are harmless in text and in quoted attributes.
func Text(s string) template.HTML { return template.HTML(textEscaper.Replace(s)) }

// KindGroup is the literature of one kind. TitleID is the theme's message
// id of its heading ("kinds_fact_sheet": "Fact sheets"); a kind the theme
// does not name has none, and Title made of the kind ("Press-photos").
type KindGroup struct {
	Kind    string
	TitleID string
	Title   string
	Entries []*site.Entry
}

// kindWords are the literature kinds the theme names: kind_X is the name
// of one ("Fact sheet"), kinds_X the heading of several ("Fact sheets");
// literature of no kind is under kinds_other.
var kindWords = map[string]string{"fact-sheet": "fact_sheet", "backgrounder": "backgrounder",
	"brochure": "brochure", "bio": "bio"}

// KindID is the theme's message id of the name of a literature kind, or ""
// when the theme has none (the page shows the kind as written).
func KindID(kind string) string {
	if w, ok := kindWords[kind]; ok {
		return "kind_" + w
	}
	return ""
}

// WordIDs are the ids of the theme's messages that the helpers hand to
// layouts (fileSize, kindID, kinds): every theme's i18n/en.toml has them.
func WordIDs() []string {
	ids := []string{"size_bytes", "size_kb", "size_mb", "kinds_other"}
	for _, w := range kindWords {
		ids = append(ids, "kind_"+w, "kinds_"+w)
	}
	sort.Strings(ids)
	return ids
}

// groupByKind groups literature by kind in order of first appearance.
func groupByKind(entries []*site.Entry) []KindGroup {
	var groups []KindGroup
	index := map[string]int{}
	for _, e := range entries {
		k := e.Item.Front.Kind
		i, ok := index[k]
		if !ok {
			g := KindGroup{Kind: k}
			if w, ok := kindWords[k]; ok {
				g.TitleID = "kinds_" + w
			} else if k == "" {
				g.TitleID = "kinds_other"
			} else {
				g.Title = strings.ToUpper(k[:1]) + strings.ReplaceAll(k[1:], "-", " ") + "s"
			}
			i = len(groups)
			index[k] = i
			groups = append(groups, g)
		}
		groups[i].Entries = append(groups[i].Entries, e)
	}
	return groups
}

// Card is an entry in a list, with the site its links resolve against.
type Card struct {
	Site *site.Site
	*site.Entry
	Level int // the heading level of its title: 2 on lists, 3 under a section heading
}

// Key names all an entry's card shows, for partialCached: an entry is
// listed on its section's pages, the home page and each of its tags'
// pages, and its card is made once for all of them (at 10,000 releases,
// 10,000 cards in place of 47,000).
func (c Card) Key() string {
	return c.Path + "\x00" + strconv.FormatUint(c.Version, 16) + "\x00" + strconv.Itoa(c.Level)
}

// PartialScope is the card's language: a list shows its words in the
// page's language, whatever the entry's.
func (c Card) PartialScope() string { return c.Site.Lang }

// AssetCard is an asset in a grid, with the site its links resolve against
// and, for a photo, its pixel size and derivatives.
type AssetCard struct {
	Site *site.Site
	*site.Asset
	Image images.Info
}

// PartialScope is the card's language: partialCached renders it once per
// asset and language, as its words are the page's.
func (c AssetCard) PartialScope() string { return c.Site.Lang }

// Preview is the smallest derivative of a photo, or the file itself.
func (c AssetCard) Preview() string {
	if len(c.Image.Variants) > 0 {
		return c.Image.Variants[0].Path
	}
	return c.Path
}

// PreviewSize is the pixel size of Preview, or zeros when unknown (SVG).
func (c AssetCard) PreviewSize() (w, h int) {
	if len(c.Image.Variants) > 0 {
		return c.Image.Variants[0].Width, c.Image.Variants[0].Height
	}
	return c.Image.Width, c.Image.Height
}

// PreviewSrcset is the srcset of a photo's preview: its derivatives and
// the original, so that a screen of two or three device pixels a CSS
// pixel gets a sharp preview; empty for a file without derivatives.
func (c AssetCard) PreviewSrcset() string {
	if len(c.Image.Variants) == 0 {
		return ""
	}
	return c.Image.Srcset(c.Site.Href, c.Path)
}

// PreviewWidth and PreviewHeight are PreviewSize for templates.
func (c AssetCard) PreviewWidth() int  { w, _ := c.PreviewSize(); return w }
func (c AssetCard) PreviewHeight() int { _, h := c.PreviewSize(); return h }

// DownloadLink is a kit download with its label, for the kit-download partial.
type DownloadLink struct {
	Site  *site.Site
	Kit   Download
	Label string
}

// ContactList is media contacts with the site their vCard links resolve against.
type ContactList struct {
	Site     *site.Site
	Contacts []*config.Contact
}
