// Package pages renders the newsroom's HTML pages through the theme: home,
// section lists with pagination, every entry, standalone pages, tags, the
// asset library and 404. Each page is one task; templates get a View.
package pages

import (
	"html/template"
	"path"
	"sort"
	"strings"

	"github.com/pressroom/pressroom/generator/images"
	"github.com/pressroom/pressroom/generator/render"
	"github.com/pressroom/pressroom/generator/site"
)

// View is what every layout receives.
type View struct {
	Site        *site.Site
	Layout      string // the layout's name: "home", "release", "list", ...
	Title       string // the page's own title; the layout adds the site's
	Description string
	Path        string // this page's path under the base ("press/page/2/")
	Entry       *site.Entry
	Section     *site.Section
	Tag         *site.Tag
	Pager       *site.Pager
	Microsite   *site.Microsite // set on a microsite's pages
	Feeds       []FeedLink      // the feeds of this page's context, for <head> and subscribe links
	Serve       bool            // serve mode: the page gets the live-reload script

	env *render.Env
}

// Nav is the path of the navigation item this page belongs to: its
// section, its own path for a standalone page, or "" elsewhere. The header
// depends on nothing else, so it is rendered once per item.
func (v *View) Nav() string {
	switch {
	case v.Microsite != nil:
		return v.Path
	case v.Section != nil:
		return v.Section.Path
	case v.Layout == "coverage":
		return v.Site.Prefix + "coverage/" // every page of it
	case v.Layout == "assets" || v.Layout == "page" || v.Layout == "search":
		return v.Path
	}
	return ""
}

// PartialScope is the page's language: partialCached renders a partial
// once per key and language.
func (v *View) PartialScope() string { return v.Site.Lang }

// Draft reports whether the page is a draft's, published only because the
// build was asked for drafts: the theme marks it on the page and in lists.
func (v *View) Draft() bool { return v.Entry != nil && v.Entry.Item.Front.Draft }

// FeedsKey names the set of feeds a page links, which is all the footer shows of it.
func (v *View) FeedsKey() string {
	if len(v.Feeds) == 0 {
		return ""
	}
	return v.Feeds[0].Path
}

// ContactsKey names the entry's media contacts, which is all the contacts
// partial shows of it.
func (v *View) ContactsKey() string {
	if v.Entry == nil {
		return ""
	}
	ids := make([]string, len(v.Entry.Contacts))
	for i, c := range v.Entry.Contacts {
		ids[i] = c.ID
	}
	return strings.Join(ids, " ")
}

// AssetCard is an asset with what its card shows.
func (v *View) AssetCard(a *site.Asset) AssetCard {
	return AssetCard{Site: v.Site, Asset: a, Image: v.env.Images[a.Path]}
}

// Image is a photo's pixel size and derivatives (zero for other files).
func (v *View) Image(a *site.Asset) images.Info { return v.env.Images[a.Path] }

// Srcset lists a photo's derivatives and the original for srcset.
func (v *View) Srcset(a *site.Asset) string {
	return v.env.Images[a.Path].Srcset(v.Site.Href, a.Path)
}

// Folders groups the asset library by folder, in name order.
func (v *View) Folders() []Folder {
	var out []Folder
	index := map[string]int{}
	for _, a := range v.Site.Assets {
		dir := path.Dir(a.Name)
		if dir == "." {
			dir = ""
		}
		i, ok := index[dir]
		if !ok {
			i = len(out)
			index[dir] = i
			out = append(out, Folder{Name: dir})
		}
		out[i].Assets = append(out[i].Assets, a)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// Folder is one folder of the asset library.
type Folder struct {
	Name   string
	Assets []*site.Asset
}

// Download is a kit offered for download: its path, the name the browser
// saves it under, and its size.
type Download struct {
	Path, Name string
	Size       int64
}

// Kit describes the press kit at path, saved as NAME.zip.
func (v *View) Kit(path, name string) Download {
	return Download{Path: path, Name: name + ".zip", Size: v.env.Size(path)}
}

// FeedLink is one feed a page advertises.
type FeedLink struct {
	Title string
	Type  string // MIME type
	Path  string // path under the base
	Label string // "RSS", "Atom", "JSON Feed"
}

// FeedsAt lists the three feeds written under dir ("" for the site, "press/", "tags/x/").
func FeedsAt(dir, title string) []FeedLink {
	return []FeedLink{
		{Title: title, Type: "application/rss+xml", Path: dir + "feed.xml", Label: "RSS"},
		{Title: title, Type: "application/atom+xml", Path: dir + "atom.xml", Label: "Atom"},
		{Title: title, Type: "application/feed+json", Path: dir + "feed.json", Label: "JSON Feed"},
	}
}

// Body is the entry's HTML as its page shows it: the images of the body
// linked from the root of the host ("/assets/photos/x-1600w.jpg") rather
// than by the absolute addresses feeds need, so that a page works on
// whatever host shows it (a preview of public/, a staging server). Only
// <img> elements are touched: text that quotes the site's address stays
// as written.
func (v *View) Body() (template.HTML, error) {
	html, err := v.Entry.HTML()
	if err != nil {
		return "", err
	}
	return template.HTML(rootRelativeImages(string(html), v.Site.Config.Base.String(), v.Site.Config.Base.Path)), nil
}

// rootRelativeImages writes every base+"…" address inside an <img> tag of
// html as root+"…".
func rootRelativeImages(html, base, root string) string {
	i := strings.Index(html, "<img ")
	if i < 0 {
		return html
	}
	var b strings.Builder
	b.Grow(len(html))
	for i >= 0 {
		end := strings.IndexByte(html[i:], '>')
		if end < 0 {
			break
		}
		b.WriteString(html[:i])
		b.WriteString(strings.ReplaceAll(html[i:i+end], base, root))
		html = html[i+end:]
		i = strings.Index(html, "<img ")
	}
	b.WriteString(html)
	return b.String()
}

// LanguageLink is one language of the language switcher.
type LanguageLink struct {
	Code string // "de"
	Name string // the language's name in itself: "Deutsch"
	Path string // the page in that language, else that language's home
	// Current is the page's own language; Translated says the page exists
	// in that language (else Path is its home).
	Current, Translated bool
}

// Languages lists every language of the newsroom for the switcher, the
// default first, or nil when the newsroom has one.
func (v *View) Languages() []LanguageLink {
	s := v.Site
	if len(s.Languages) < 2 {
		return nil
	}
	alts := map[string]string{}
	for _, a := range s.Alternates(v.Path, v.Entry) {
		alts[a.Lang] = a.Path
	}
	out := make([]LanguageLink, 0, len(s.Languages))
	for _, l := range s.Languages {
		link := LanguageLink{Code: l.Lang, Name: LanguageName(l.Lang), Path: l.Prefix, Current: l == s}
		if p, ok := alts[l.Lang]; ok {
			link.Path, link.Translated = p, true
		}
		if link.Current {
			link.Path, link.Translated = v.Path, true
		}
		out = append(out, link)
	}
	return out
}

// LanguagesKey names what the switcher shows of a page: the paths of its
// versions in other languages.
func (v *View) LanguagesKey() string {
	var b strings.Builder
	for _, l := range v.Languages() {
		b.WriteString(l.Path + "\x00")
	}
	return b.String()
}
