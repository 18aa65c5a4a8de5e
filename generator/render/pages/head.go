package pages

import (
	"html/template"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/language"

	"github.com/pressroom/pressroom/generator/mediatype"
	"github.com/pressroom/pressroom/generator/site"
	"github.com/pressroom/pressroom/generator/theme"
)

// Head is everything a page says about itself in <head>: its title and
// description, its canonical address, Open Graph and Twitter card, and
// its schema.org JSON-LD. It is worked out here, once, from the view, so
// that the theme's head partial only writes it out and guesses nothing.
type Head struct {
	DocumentTitle string // the <title>: "Draft: TITLE · SITE"
	Title         string // the page's own title, for og:title and twitter:title
	SiteName      string
	Description   string
	URL           string // the page's absolute address
	Canonical     string // the same, or "" where the page is not content (404)
	NoIndex       bool   // 404 and the tag lists: not for search engines
	Type          string // og:type: "article" or "website"
	Locale        string // og:locale, "en_US"
	// LocaleAlternates are the og:locale:alternate of a page in several
	// languages; Alternates its versions for hreflang links, the default
	// language's also as x-default (XDefault).
	LocaleAlternates []string
	Alternates       []HeadAlternate
	XDefault         string
	Image            *HeadImage
	// Published and Modified are RFC 3339 moments of an article, or "".
	Published, Modified string
	Tags                []string
	TwitterCard         string // "summary_large_image", or "summary" for a small image
	JSONLD              template.JS
}

// HeadAlternate is a page's version in one language.
type HeadAlternate struct {
	Hreflang string // "de"
	URL      string // absolute
}

// HeadImage is the picture a page is shared with.
type HeadImage struct {
	URL           string
	Type          string // its media type, "image/jpeg"
	Width, Height int
	Alt           string
}

// noindex are the layouts that are not content: search engines should
// not list them (the tag lists would crowd out the releases they list;
// the search page shows nothing of its own).
var noindex = map[string]bool{"404": true, "tags": true, "tag": true, "search": true}

// articles are the layouts whose pages are dated articles.
var articles = map[string]bool{"release": true, "post": true, "literature": true}

// Head works out what v's page says about itself in <head>.
func (v *View) Head() Head {
	s := v.Site
	h := Head{
		Title:    v.Title,
		SiteName: s.Config.Title,
		URL:      s.URL(v.Path),
		NoIndex:  noindex[v.Layout],
		Type:     "website",
		Locale:   Locale(s.Config.Language),
	}
	if m := v.Microsite; m != nil {
		h.SiteName = m.Title
		if h.Title == "" {
			h.Title = m.Title
		}
	}
	if h.Title == "" {
		h.Title = s.Config.Title
	}
	if v.Tag != nil {
		h.Title = v.t("head_topic", "Tag", v.Tag.Name)
	}
	if p := v.Pager; p != nil && p.Number > 1 {
		h.Title = v.t("head_page", "Title", h.Title, "Number", strconv.Itoa(p.Number))
	}
	if v.Layout != "404" {
		for _, a := range s.Alternates(v.Path, v.Entry) {
			h.Alternates = append(h.Alternates, HeadAlternate{Hreflang: a.Lang, URL: s.URL(a.Path)})
			if a.Lang != s.Lang {
				h.LocaleAlternates = append(h.LocaleAlternates, Locale(a.Lang))
			}
		}
		if len(h.Alternates) > 0 && h.Alternates[0].Hreflang == s.Root().Lang {
			h.XDefault = h.Alternates[0].URL
		}
	}
	if !h.NoIndex {
		h.Canonical = h.URL
	}
	h.DocumentTitle = h.Title
	if h.Title != h.SiteName {
		h.DocumentTitle += " · " + h.SiteName
	}
	if v.Draft() {
		h.DocumentTitle = v.t("head_draft", "Title", h.DocumentTitle)
	}
	h.Description = v.describe()
	if e := v.Entry; e != nil && articles[v.Layout] && !e.Date.IsZero() {
		h.Type = "article"
		h.Published = e.Date.Format(time.RFC3339)
		if u := e.Updated(); u.After(e.Date) {
			h.Modified = u.Format(time.RFC3339)
		}
		for _, t := range e.Tags {
			h.Tags = append(h.Tags, t.Name)
		}
	}
	h.Image = v.leadImage()
	h.TwitterCard = "summary_large_image"
	if h.Image == nil || h.Image.Width < 600 {
		h.TwitterCard = "summary"
	}
	h.JSONLD = v.jsonLD(&h)
	return h
}

// describe is the page's meta description: its own, else one made from
// what the page is.
func (v *View) describe() string {
	if d := strings.TrimSpace(v.Description); d != "" {
		return d
	}
	org := v.Site.Config.Organization
	switch {
	case v.Entry != nil && v.Entry.Summary != "":
		return v.Entry.Summary
	case v.Microsite != nil && v.Microsite.Description != "":
		return v.Microsite.Description
	case v.Tag != nil:
		return v.t("describe_tag", "Org", org.Name, "Tag", v.Tag.Name)
	case v.Section != nil:
		return v.t("describe_section", "Section", v.Section.Title, "Org", org.Name)
	}
	switch v.Layout {
	case "404":
		return v.t("describe_404", "Site", v.Site.Config.Title)
	case "tags":
		return v.t("describe_tags", "Org", org.Name)
	}
	if org.Tagline != "" {
		return org.Tagline
	}
	return v.t("describe_site", "Site", v.Site.Config.Title, "Org", org.Name)
}

// leadImage is the picture the page is shared with: its lead photo (a
// post's image, else the first photo of its assets or of its body), as its 1200 × 630
// social card when the photo is that large and as it is otherwise; else
// the organisation's logo card; else nil.
func (v *View) leadImage() *HeadImage {
	if e := v.Entry; e != nil {
		if lead := e.Lead(); lead != nil && v.photo(lead) {
			return v.shareImage(lead, alt(lead, e.Title))
		}
	}
	if logo := v.Site.LogoRaster; logo != nil && v.photo(logo) {
		return v.shareImage(logo, v.t("logo_of", "Org", v.Site.Config.Organization.Name))
	}
	return nil
}

// photo reports whether a is a raster image pressroom measured.
func (v *View) photo(a *site.Asset) bool {
	info, ok := v.env.Images[a.Path]
	return ok && info.Width > 0 && site.Raster(a.Name)
}

// shareImage is a's social card when it has one, else a itself.
func (v *View) shareImage(a *site.Asset, alt string) *HeadImage {
	info := v.env.Images[a.Path]
	img := &HeadImage{URL: v.Site.URL(a.Path), Type: mediatype.Of(a.Name), Width: info.Width, Height: info.Height, Alt: alt}
	if c := info.Card; c != nil {
		img.URL, img.Type, img.Width, img.Height = v.Site.URL(c.Path), mediatype.Of(c.Path), c.Width, c.Height
	}
	return img
}

// alt is what a shared picture shows: its sidecar's alt, else its title,
// else the page's title.
func alt(a *site.Asset, title string) string {
	switch {
	case a.Meta.Alt != "":
		return a.Meta.Alt
	case a.Meta.Title != "":
		return a.Meta.Title
	}
	return title
}

// Locale is a language as Open Graph writes it, "en_US" for "en": the
// language with its most likely region.
func Locale(lang string) string {
	tag, err := language.Parse(lang)
	if err != nil {
		return strings.ReplaceAll(lang, "-", "_")
	}
	base, _ := tag.Base()
	region, _ := tag.Region()
	return base.String() + "_" + region.String()
}

// t is the theme's word id in the page's language.
func (v *View) t(id string, pairs ...any) string {
	if v.env == nil || v.env.Theme == nil {
		return theme.EmbeddedT(v.Site.Lang, id, pairs...)
	}
	return v.env.Theme.T(v.Site.Lang, id, pairs...)
}
