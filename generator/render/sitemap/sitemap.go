// Package sitemap writes sitemap.xml (every published page, with its last
// change) and robots.txt (pointing crawlers at the sitemap).
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
var Output = render.Output{Name: "sitemap", Plan: func(env *render.Env) []render.Task {
	return []render.Task{
		{Key: key(env.Site), Run: func(out output.Writer) error { return out.WriteFile("sitemap.xml", Build(env.Site)) }},
		render.Always(func(out output.Writer) error {
			return out.WriteFile("robots.txt", []byte("User-agent: *\nAllow: /\n\nSitemap: "+env.Site.URL("sitemap.xml")+"\n"))
		}),
	}
}}

type urlset struct {
	XMLName xml.Name `xml:"urlset"`
	NS      string   `xml:"xmlns,attr"`
	URLs    []entry  `xml:"url"`
}

type entry struct {
	Loc     string `xml:"loc"`
	Lastmod string `xml:"lastmod,omitempty"`
}

// Build returns the sitemap of the published site: home, lists, entries, pages and tags.
func Build(s *site.Site) []byte {
	set := urlset{NS: "http://www.sitemaps.org/schemas/sitemap/0.9"}
	visit(s, func(path string, t time.Time) {
		e := entry{Loc: s.URL(path)}
		if !t.IsZero() {
			e.Lastmod = t.Format(time.RFC3339)
		}
		set.URLs = append(set.URLs, e)
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
	visit(s, func(path string, t time.Time) { b.Str(path).Time(t) })
	return b.Sum()
}

// visit calls add for every page the sitemap lists, with its last change.
func visit(s *site.Site, add func(path string, t time.Time)) {
	newest := func(entries []*site.Entry) time.Time {
		if len(entries) == 0 {
			return time.Time{}
		}
		return entries[0].Updated()
	}
	add("", newest(s.Entries))
	for _, sec := range s.Sections {
		if len(sec.Entries) == 0 {
			continue
		}
		add(sec.Path, newest(sec.Entries))
		for _, e := range sec.Entries {
			add(e.Path, e.Updated())
		}
	}
	for _, e := range s.Pages {
		add(e.Path, e.Updated())
	}
	for _, m := range s.Microsites {
		add(m.Path, m.Home.Updated())
		for _, e := range m.Pages {
			add(e.Path, e.Updated())
		}
	}
	add("assets/", time.Time{})
	add("tags/", newest(s.Entries))
	for _, t := range s.Tags {
		add(t.Path, newest(t.Entries))
	}
}
