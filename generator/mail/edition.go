package mail

import (
	"fmt"
	htmltemplate "html/template"
	"net/url"
	"regexp"
	"strings"

	"github.com/pressroom/pressroom/generator/config"
	"github.com/pressroom/pressroom/generator/images"
	"github.com/pressroom/pressroom/generator/mediatype"
	"github.com/pressroom/pressroom/generator/output"
	"github.com/pressroom/pressroom/generator/render/kits"
	"github.com/pressroom/pressroom/generator/render/pages"
	"github.com/pressroom/pressroom/generator/render/vcard"
	"github.com/pressroom/pressroom/generator/site"
)

// built is a site built into memory as of the moment its messages show.
type built struct {
	site    *site.Site
	files   *output.Memory
	catalog images.Catalog
}

// thumbWidth is the lead photo's width in the message's column.
const thumbWidth = 552

// newEdition makes e's edition from b. heldNow reports the paths under
// the base that are not public yet (see heldPaths): links to them are left
// out. A held release's kit is attached when attachKit, never linked.
func newEdition(b *built, e *site.Entry, held bool, embargo string, heldNow func(string) bool, attachKit bool) (*Edition, error) {
	s := b.site
	if l := s.In(e.Lang); l != nil {
		s = l // a translation: its language's title, boilerplate, dateline
	}
	cfg := s.Config
	ed := &Edition{
		Lang: cfg.Language, Embargo: embargo, Organization: cfg.Organization.Name, SiteTitle: cfg.Title,
		SiteURL: s.URL(""), Title: e.Title, Subtitle: e.Item.Front.Subtitle, Summary: e.Summary,
		Dateline: s.Dateline(e), Boilerplate: e.Boilerplate, Held: held, KitHeld: held,
	}
	ed.Subject = e.Title
	if embargo != "" {
		ed.Subject = embargo + ": " + e.Title
	}
	isPublic := func(p string) bool { return !heldNow(p) }
	if !held {
		ed.PageURL = s.URL(e.Path)
	}
	base := cfg.Base
	rules := bodyRules{
		unlink: func(u *url.URL) bool {
			rel, ok := under(base, u)
			return ok && (heldNow(rel) || heldNow(strings.TrimSuffix(rel, "index.html")))
		},
		image: func(src string) string {
			u, err := url.Parse(src)
			if err != nil {
				return src
			}
			if rel, ok := under(base, u); ok {
				if info, ok := b.catalog[rel]; ok && len(info.Variants) > 0 {
					return s.URL(info.Variants[len(info.Variants)-1].Path) // the largest web size
				}
			}
			return src
		},
	}
	html, err := e.HTML()
	if err != nil {
		return nil, err
	}
	body, err := mailBody(string(html), rules)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", e.Item.Source, err)
	}
	ed.Body = htmltemplate.HTML(body) // from goldmark's HTML, re-rendered by x/net/html
	ed.BodyText = plainText(body)
	if img := leadImage(e); img != nil && isPublic(img.Path) {
		ed.Photo = photo(s, b.catalog, img)
	}
	kitPath := kits.ReleasePath(e)
	if size, ok := b.files.Size(kitPath); ok {
		switch {
		case attachKit:
			data, ok := b.files.File(kitPath)
			if !ok {
				return nil, fmt.Errorf("%s: its press kit could not be read back from the build", e.Item.Source)
			}
			ed.Kit = &Kit{Size: pages.HumanBytes(size), Name: e.Slug + "-press-kit.zip", Data: data}
		case !held:
			ed.Kit = &Kit{URL: s.URL(kitPath), Size: pages.HumanBytes(size)}
		}
	}
	for _, c := range e.Contacts {
		ed.Contacts = append(ed.Contacts, contact(s, c))
	}
	return ed, nil
}

// under returns u's path under the site's base, if u is of the site.
func under(base, u *url.URL) (string, bool) {
	if u.Host != "" && !strings.EqualFold(u.Host, base.Host) {
		return "", false
	}
	if u.Host == "" && !strings.HasPrefix(u.Path, "/") {
		return "", false // relative or mailto:, tel:
	}
	if u.Scheme != "" && u.Scheme != "http" && u.Scheme != "https" {
		return "", false
	}
	rel, ok := strings.CutPrefix(u.Path, base.Path)
	return rel, ok
}

// leadImage is the release's lead photo: its image, else its first image
// among its assets (as feeds and Open Graph choose it).
func leadImage(e *site.Entry) *site.Asset {
	if e.Image != nil {
		return e.Image
	}
	for _, a := range e.Assets {
		if mediatype.IsImage(a.Name) && !strings.EqualFold(strings.TrimPrefix(a.Name[strings.LastIndex(a.Name, "."):], "."), "svg") {
			return a
		}
	}
	return nil
}

func photo(s *site.Site, cat images.Catalog, a *site.Asset) *Photo {
	p := &Photo{Src: s.URL(a.Path), Href: s.URL(a.Path), Alt: a.Meta.Alt, Caption: a.Meta.Caption, Credit: a.Meta.Credit, Width: thumbWidth}
	info := cat[a.Path]
	if len(info.Variants) > 0 {
		v := info.Variants[0] // the thumbnail
		p.Src, p.Width = s.URL(v.Path), min(v.Width, thumbWidth)
		if len(info.Variants) > 1 {
			p.Href = s.URL(info.Variants[len(info.Variants)-1].Path) // the web size; the original is in the kit
		}
	} else if info.Width > 0 {
		p.Width = min(info.Width, thumbWidth)
	}
	if p.Alt == "" {
		p.Alt = a.Meta.Title
	}
	return p
}

func contact(s *site.Site, c *config.Contact) Contact {
	out := Contact{Name: c.Name, Role: c.Role, Email: c.Email, Phone: c.Phone, VCard: s.URL(vcard.Path(c))}
	if c.Phone != "" {
		out.Tel = htmltemplate.URL("tel:" + strings.ReplaceAll(c.Phone, " ", "")) // a phone number from config.toml
	}
	return out
}

// heldPaths reports the paths that the site publishes once everything is
// out (whole) but not now: a message links none of them. A derivative of
// a held photo is held with it. Paths neither knows (the search page, a
// feed, a file of static/) are not held.
func heldPaths(whole, now map[string]bool) func(string) bool {
	return func(p string) bool {
		if now[p] {
			return false
		}
		if whole[p] {
			return true
		}
		if m := derivative.FindStringSubmatch(p); m != nil {
			return whole[m[1]+m[2]] && !now[m[1]+m[2]]
		}
		return false
	}
}

// derivative matches the name of a photo's web-sized copy (see images).
var derivative = regexp.MustCompile(`^(.*)-[0-9]+w(\.[A-Za-z]+)$`)

// publicPaths are the paths under the base that s publishes: pages,
// files, derivatives, kits, lists and tags.
func publicPaths(s *site.Site, cat images.Catalog) map[string]bool {
	out := map[string]bool{"": true, "contacts.vcf": true, kits.OrganizationPath: true}
	for _, e := range s.Every() {
		out[e.Path] = true
	}
	if sec := s.Section("press"); sec != nil {
		for _, e := range sec.Entries {
			out[kits.ReleasePath(e)] = true
		}
	}
	for _, a := range s.EveryFile() {
		out[a.Path] = true
		for _, v := range cat[a.Path].Variants {
			out[v.Path] = true
		}
	}
	for _, t := range s.Tags {
		out[t.Path] = true
	}
	for _, sec := range s.Sections {
		out[sec.Path] = true
	}
	for _, c := range s.Contacts() {
		out[vcard.Path(c)] = true
	}
	return out
}
