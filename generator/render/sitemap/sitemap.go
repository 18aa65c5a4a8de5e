// Package sitemap writes sitemap.xml (every published page of every
// language, with its last change and, for a page with translations, its
// versions in the other languages as xhtml:link alternates) and robots.txt
// (pointing crawlers at the sitemap).
package sitemap

import (
	"bytes"
	"encoding/xml"
	"time"

	"github.com/pressroom/pressroom/generator/fingerprint"
	"github.com/pressroom/pressroom/generator/output"
	"github.com/pressroom/pressroom/generator/render"
	"github.com/pressroom/pressroom/generator/site"
)

// Output writes sitemap.xml and robots.txt.
var Output = render.Output{Name: "sitemap", Once: true, Plan: func(env *render.Env) []render.Task {
	tasks := []render.Task{render.Always(func(out output.Writer) error {
		return out.WriteFile("robots.txt", []byte("User-agent: *\nAllow: /\n\nSitemap: "+env.Site.URL("sitemap.xml")+"\n"))
	})}
	if env.Changes != nil && !env.Changes.Stamps {
		return tasks // a refresh that changed no stamp keeps the sitemap (its key covers only stamps)
	}
	return append(tasks, render.Task{Key: key(env.Site), ID: "sitemap.xml", Run: func(out output.Writer) error {
		return out.WriteFile("sitemap.xml", Build(env.Site))
	}})
}}

type urlset struct {
	XMLName xml.Name `xml:"urlset"`
	NS      string   `xml:"xmlns,attr"`
	XHTML   string   `xml:"xmlns:xhtml,attr,omitempty"`
	URLs    []entry  `xml:"url"`
}

type entry struct {
	Loc        string `xml:"loc"`
	Lastmod    string `xml:"lastmod,omitempty"`
	Alternates []link `xml:"xhtml:link"`
}

// link is an alternate of a page in another language, as Google reads
// them in sitemaps.
type link struct {
	Rel      string `xml:"rel,attr"`
	Hreflang string `xml:"hreflang,attr"`
	Href     string `xml:"href,attr"`
}

// Build returns the sitemap of the published site: home, lists, entries, pages and tags.
func Build(s *site.Site) []byte {
	set := urlset{NS: "http://www.sitemaps.org/schemas/sitemap/0.9"}
	if len(s.Languages) > 1 {
		set.XHTML = "http://www.w3.org/1999/xhtml"
	}
	visit(s, func(l *site.Site, path string, e *site.Entry, page bool) {
		u := entry{Loc: s.URL(path)}
		if e != nil && !e.Updated().IsZero() {
			u.Lastmod = e.Updated().Format(time.RFC3339)
		}
		var alts []site.Alternate
		if page {
			alts = l.Alternates(path, e)
		} else {
			alts = l.Alternates(path, nil)
		}
		for _, a := range alts {
			u.Alternates = append(u.Alternates, link{Rel: "alternate", Hreflang: a.Lang, Href: s.URL(a.Path)})
		}
		if len(alts) > 0 && alts[0].Lang == s.Lang {
			u.Alternates = append(u.Alternates, link{Rel: "alternate", Hreflang: "x-default", Href: s.URL(alts[0].Path)})
		}
		set.URLs = append(set.URLs, u)
	})
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", "  ")
	if err := enc.Encode(set); err != nil {
		panic(err) // encoding plain strings into a fixed struct cannot fail
	}
	buf.WriteByte('\n')
	return buf.Bytes()
}

// key fingerprints all the sitemap shows, so that an edit that changes no
// page's address or date does not write it again.
func key(s *site.Site) uint64 {
	b := fingerprint.New("sitemap").Str(s.Config.BaseURL)
	visit(s, func(l *site.Site, path string, e *site.Entry, page bool) {
		switch {
		case e == nil:
			b.Str(path).Num(0)
		case page:
			b.Num(e.Stamp) // which covers the path
			for _, t := range e.Translations {
				b.Str(t.Path) // its alternates
			}
		default:
			b.Str(path).Num(e.Stamp)
		}
	})
	return b.Sum()
}

// visit calls add for every page the sitemap lists, in every language,
// with the language's site, the entry whose last change is the page's (or
// nil when it has none), and whether the page is that entry's own.
func visit(root *site.Site, add func(l *site.Site, path string, e *site.Entry, page bool)) {
	for _, s := range root.Sites() {
		visitLanguage(s, func(path string, e *site.Entry) { add(s, path, e, e != nil && path == e.Path) })
	}
}

func visitLanguage(s *site.Site, add func(path string, e *site.Entry)) {
	newest := func(entries []*site.Entry) *site.Entry {
		if len(entries) == 0 {
			return nil
		}
		return entries[0]
	}
	add(s.Prefix, newest(s.Entries))
	for _, sec := range s.Sections {
		if len(sec.Entries) == 0 {
			continue
		}
		add(sec.Path, newest(sec.Entries))
		for _, e := range sec.Entries {
			add(e.Path, e)
		}
	}
	for _, e := range s.Pages {
		add(e.Path, e)
	}
	for _, m := range s.Microsites {
		add(m.Path, m.Home)
		for _, e := range m.Pages {
			add(e.Path, e)
		}
	}
	if len(s.Coverage) > 0 {
		for n := range site.Pages(len(s.Coverage)) {
			p := site.Page(s.Prefix+"coverage/", s.Coverage, n+1)
			add(p.Path, newest(p.Entries))
		}
	}
	add(s.Prefix+"assets/", nil)
	add(s.Prefix+"tags/", newest(s.Entries))
	for _, t := range s.Tags {
		add(t.Path, newest(t.Entries))
	}
}
