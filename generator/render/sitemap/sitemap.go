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
	URLs    []entry  `xml:"url"`
}

type entry struct {
	Loc     string `xml:"loc"`
	Lastmod string `xml:"lastmod,omitempty"`
}

// Build returns the sitemap of the published site: home, lists, entries, pages and tags.
func Build(s *site.Site) []byte {
	set := urlset{NS: "http://www.sitemaps.org/schemas/sitemap/0.9"}
	visit(s, func(path string, e *site.Entry) {
		u := entry{Loc: s.URL(path)}
		if e != nil && !e.Updated().IsZero() {
			u.Lastmod = e.Updated().Format(time.RFC3339)
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
	visit(s, func(path string, e *site.Entry) {
		switch {
		case e == nil:
			b.Str(path).Num(0)
		case path == e.Path:
			b.Num(e.Stamp) // which covers the path
		default:
			b.Str(path).Num(e.Stamp)
		}
	})
	return b.Sum()
}

// visit calls add for every page the sitemap lists, with the entry whose
// last change is the page's, or nil when it has none.
func visit(s *site.Site, add func(path string, e *site.Entry)) {
	newest := func(entries []*site.Entry) *site.Entry {
		if len(entries) == 0 {
			return nil
		}
		return entries[0]
	}
	add("", newest(s.Entries))
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
			p := site.Page("coverage/", s.Coverage, n+1)
			add(p.Path, newest(p.Entries))
		}
	}
	add("assets/", nil)
	add("tags/", newest(s.Entries))
	for _, t := range s.Tags {
		add(t.Path, newest(t.Entries))
	}
}
