package kits

import (
	"bytes"
	"sort"
	"strings"
	"time"

	"github.com/pressroom/pressroom/generator/config"
	"github.com/pressroom/pressroom/generator/content"
	"github.com/pressroom/pressroom/generator/render/vcard"
	"github.com/pressroom/pressroom/generator/site"
)

// folderName makes a kit's top folder: "northwind-energy-press-kit".
func folderName(s *site.Site, kit string) string {
	return content.Slugify(s.Config.Organization.Name + " " + kit)
}

func assetFile(dir string, a *site.Asset) File {
	return File{Path: dir + a.Name, Source: a.Source, Asset: a.Asset, Version: a.Asset.Version()}
}

// entryFiles are an entry as Markdown and as a standalone HTML file whose
// images point at the kit's own copies under assetDir, so it works offline.
func entryFiles(s *site.Site, dir string, e *site.Entry, assetDir string, words Words) []File {
	return []File{
		{Path: dir + e.Slug + ".md", Source: e.Item.Source, Version: e.Item.Version},
		{Path: dir + e.Slug + ".html", Make: func() ([]byte, error) {
			page, err := standalone(s, e, words)
			return localImages(s, e, assetDir, page), err
		}, Version: e.Version},
	}
}

// Words are the theme's words: a message id in a language, with pairs of
// names and values for its template (theme.Theme.T).
type Words func(lang, id string, pairs ...any) string

// localImages points the page's links to the entry's assets at their
// copies in the kit (relative to the HTML file).
func localImages(s *site.Site, e *site.Entry, assetDir string, html []byte) []byte {
	for _, a := range e.Assets {
		html = bytes.ReplaceAll(html, []byte(`="`+s.URL(a.Path)+`"`), []byte(`="`+assetDir+a.Name+`"`))
		html = localPicture(html, []byte(s.URL(a.Path)+" "), []byte(assetDir+a.Name))
	}
	return html
}

// localPicture shows the kit's copy in every <img> of html whose srcset
// lists original (a body's picture of the photo, made for the web): its
// src becomes local, and its srcset and sizes, which name the web, go.
func localPicture(html, original, local []byte) []byte {
	if !bytes.Contains(html, original) {
		return html
	}
	var out []byte
	for {
		i := bytes.Index(html, []byte("<img "))
		if i < 0 {
			break
		}
		end := bytes.IndexByte(html[i:], '>')
		if end < 0 {
			break
		}
		tag := html[i : i+end]
		out = append(out, html[:i]...)
		if bytes.Contains(tag, original) {
			tag = setAttr(dropAttr(dropAttr(tag, "srcset"), "sizes"), "src", local)
		}
		out = append(out, tag...)
		html = html[i+end:]
	}
	return append(out, html...)
}

// dropAttr removes ` name="…"` from a tag.
func dropAttr(tag []byte, name string) []byte {
	start := bytes.Index(tag, []byte(" "+name+`="`))
	if start < 0 {
		return tag
	}
	end := bytes.IndexByte(tag[start+len(name)+3:], '"')
	if end < 0 {
		return tag
	}
	return append(append([]byte(nil), tag[:start]...), tag[start+len(name)+4+end:]...)
}

// setAttr sets ` name="…"` of a tag that has it to value.
func setAttr(tag []byte, name string, value []byte) []byte {
	start := bytes.Index(tag, []byte(" "+name+`="`))
	if start < 0 {
		return tag
	}
	from := start + len(name) + 3
	end := bytes.IndexByte(tag[from:], '"')
	if end < 0 {
		return tag
	}
	return append(append(append([]byte(nil), tag[:from]...), value...), tag[from+end:]...)
}

// releaseKit holds a release (or an event) as Markdown and HTML, its
// assets in original resolution and its contacts' vCards.
func releaseKit(s *site.Site, e *site.Entry, words Words) *Kit {
	org := s.Config.Organization.Name
	k := &Kit{Path: ReleasePath(e), Folder: folderName(s, e.Slug), Title: e.Title, Date: e.Updated(),
		URL: s.URL(e.Path), Contacts: e.Contacts,
		About: words(s.Lang, "kit_release_about", "Title", e.Title, "Org", org)}
	if e.Section == "events" {
		k.About = words(s.Lang, "kit_event_about", "Title", e.Title, "Org", org)
	}
	k.Files = append(k.Files, entryFiles(s, "", e, "assets/", words)...)
	for _, a := range e.Assets {
		k.Files = append(k.Files, assetFile("assets/", a))
	}
	for _, lit := range e.Literature {
		k.Files = append(k.Files, entryFiles(s, "literature/", lit, lit.Slug+"/", words)...)
		for _, a := range lit.Assets {
			k.Files = append(k.Files, assetFile("literature/"+lit.Slug+"/", a))
		}
	}
	for _, c := range e.Contacts {
		k.Files = append(k.Files, File{Path: "contacts/" + c.ID + ".vcf", Version: s.Config.Version,
			Make: func() ([]byte, error) { return []byte(vcard.Card(c, s.Config.Organization.Name)), nil }})
	}
	return k
}

// organizationKit holds the logos, the boilerplate, the literature and the contacts.
func organizationKit(s *site.Site, words Words) *Kit {
	org := s.Config.Organization
	k := &Kit{Path: OrganizationPathIn(s), Folder: folderName(s, words(s.Lang, "kit_folder")), Title: words(s.Lang, "kit_org_title", "Org", org.Name), Date: siteDate(s),
		URL: s.URL(s.Prefix), Contacts: s.Contacts(),
		About: words(s.Lang, "kit_org_about", "Org", org.Name)}
	for _, a := range s.Assets {
		if strings.HasPrefix(a.Name, "logos/") || a == s.Logo {
			k.Files = append(k.Files, assetFile("", a))
		}
	}
	if org.Boilerplate != "" {
		k.Files = append(k.Files, File{Path: "about-" + content.Slugify(org.Name) + ".txt", Data: []byte(wrap(org.Boilerplate, 78) + "\n")})
	}
	if sec := s.Section("literature"); sec != nil {
		for _, e := range sec.Entries {
			k.Files = append(k.Files, entryFiles(s, "literature/", e, e.Slug+"/", words)...)
			for _, a := range e.Assets {
				k.Files = append(k.Files, assetFile("literature/"+e.Slug+"/", a))
			}
		}
	}
	if len(s.Config.Contacts) > 0 {
		k.Files = append(k.Files, File{Path: vcard.AllPath, Data: vcard.All(s)})
	}
	return k
}

// namedKits are the [[presskits]] of config.toml: library files matched by
// their include patterns.
func namedKits(s *site.Site, words Words) []*Kit {
	var kits []*Kit
	for _, pk := range s.Config.PressKits {
		title := pk.Title
		if title == "" {
			title = pk.Name
		}
		k := &Kit{Path: NamedPath(s, pk.Name), Folder: folderName(s, pk.Name), Title: title, Date: siteDate(s),
			About: pk.Description, URL: s.URL(s.Prefix + "assets/"), Contacts: s.Contacts()}
		if k.About == "" {
			k.About = words(s.Lang, "kit_named_about", "Title", title, "Org", s.Config.Organization.Name)
		}
		for _, a := range s.Assets {
			if config.MatchInclude(pk.Include, a.Name) {
				k.Files = append(k.Files, assetFile("", a))
			}
		}
		kits = append(kits, k)
	}
	return kits
}

// siteDate dates the kits of the whole organisation by the newest published
// entry, so they change when the newsroom does, and never with the clock.
func siteDate(s *site.Site) time.Time {
	if s.Updated.IsZero() {
		// The earliest time a ZIP can hold, in the site's zone as every date is.
		return time.Date(1980, 1, 1, 0, 0, 0, 0, s.Config.Location)
	}
	return s.Updated
}

func sortFiles(files []File) {
	sort.SliceStable(files, func(i, j int) bool { return files[i].Path < files[j].Path })
}
