package pages

import (
	"fmt"
	"html/template"
	"path"
	"strings"
	"time"

	"github.com/pressroom/pressroom/generator/config"
	"github.com/pressroom/pressroom/generator/content"
	"github.com/pressroom/pressroom/generator/images"
	"github.com/pressroom/pressroom/generator/mediatype"
	"github.com/pressroom/pressroom/generator/site"
)

// Funcs are the helpers every layout can call. They take the site from
// the View so that one parsed theme serves any build.
func Funcs() template.FuncMap {
	return template.FuncMap{
		"href":     func(s *site.Site, path string) string { return s.Href(path) },
		"abs":      func(s *site.Site, path string) string { return s.URL(path) },
		"date":     func(s *site.Site, t time.Time) string { return t.In(s.Config.Location).Format("2 January 2006") },
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
	}
}

// HumanBytes writes a file size as pages show it: "812 kB", "2.4 MB".
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

// KindGroup is the literature of one kind.
type KindGroup struct {
	Kind    string
	Title   string
	Entries []*site.Entry
}

var kindTitles = map[string]string{"fact-sheet": "Fact sheets", "backgrounder": "Backgrounders",
	"brochure": "Brochures", "bio": "Biographies", "": "Other"}

// groupByKind groups literature by kind in order of first appearance.
func groupByKind(entries []*site.Entry) []KindGroup {
	var groups []KindGroup
	index := map[string]int{}
	for _, e := range entries {
		k := e.Item.Front.Kind
		i, ok := index[k]
		if !ok {
			title := kindTitles[k]
			if title == "" {
				title = strings.ToUpper(k[:1]) + strings.ReplaceAll(k[1:], "-", " ") + "s"
			}
			i = len(groups)
			index[k] = i
			groups = append(groups, KindGroup{Kind: k, Title: title})
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

// AssetCard is an asset in a grid, with the site its links resolve against
// and, for a photo, its pixel size and derivatives.
type AssetCard struct {
	Site *site.Site
	*site.Asset
	Image images.Info
}

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
