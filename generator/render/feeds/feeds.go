// Package feeds writes RSS 2.0 (feed.xml), Atom 1.0 (atom.xml) and JSON Feed
// 1.1 (feed.json) for the whole newsroom, each section, each tag and each
// microsite. Every item carries its full HTML with absolute URLs, its summary,
// dates with offsets, all its tags, its lead image as an enclosure, and an id
// that never changes between builds. Nothing in a feed comes from the clock:
// a feed's updated time is its newest item's.
//
// The models and encoders are github.com/gorilla/feeds' exported types; where
// they fall short (several categories, Atom's category term and rel="self",
// RSS's atom:link and dc:creator, JSON Feed's feed_url) they are wrapped, not
// replaced, so that the XML stays the library's.
package feeds

import (
	"github.com/pressroom/pressroom/generator/fingerprint"
	"github.com/pressroom/pressroom/generator/output"
	"github.com/pressroom/pressroom/generator/render"
	"github.com/pressroom/pressroom/generator/site"
)

// Output writes every feed.
var Output = render.Output{Name: "feeds", Plan: plan}

// Files are the names of the three feeds in a folder, in the order written.
var Files = []string{"feed.xml", "atom.xml", "feed.json"}

// context is one set of three feeds: where they live and what they hold.
type context struct {
	dir         string // "" for the site, "press/", "tags/storage/", "NAME/"
	title       string
	description string
	page        string // the HTML page the feeds follow
	entries     []*site.Entry
}

func contexts(s *site.Site, words func(lang, id string, pairs ...any) string) []context {
	org := s.Config.Organization.Name
	t := func(id string, pairs ...any) string { return words(s.Lang, id, pairs...) }
	out := []context{{dir: s.Prefix, title: s.Config.Title, page: s.Prefix, entries: s.Entries,
		description: t("feed_site_description", "Org", org)}}
	for _, sec := range s.Sections {
		if sec.Name == "events" && len(sec.Entries) == 0 {
			continue // a newsroom without events has no events page, nor its feeds
		}
		out = append(out, context{dir: sec.Path, title: org + " — " + sec.Title, page: sec.Path, entries: sec.Entries,
			description: t("feed_section_description", "Section", sec.Title, "Org", org)})
	}
	for _, tag := range s.Tags {
		out = append(out, context{dir: tag.Path, title: org + " — " + tag.Name, page: tag.Path, entries: tag.Entries,
			description: t("feed_tag_description", "Org", org, "Tag", tag.Name)})
	}
	for _, m := range s.Microsites {
		out = append(out, context{dir: m.Path, title: m.Title, page: m.Path, entries: m.Entries(), description: m.Description})
	}
	return out
}

func plan(env *render.Env) []render.Task {
	s := env.Site
	var tasks []render.Task
	for _, c := range contexts(s, env.Theme.T) {
		if len(c.entries) > s.Config.Feeds.Limit {
			c.entries = c.entries[:s.Config.Feeds.Limit]
		}
		tasks = append(tasks, render.Task{Key: key(env, c), ID: c.dir + Files[0], Run: func(out output.Writer) error {
			return write(out, s, c, env.Fragments)
		}})
	}
	return tasks
}

// key fingerprints a context's feeds: the site's chrome and every item's content.
func key(env *render.Env, c context) uint64 {
	if env.SiteKey == 0 {
		return 0
	}
	b := fingerprint.New("feeds").Num(env.SiteKey).Str(c.dir).Str(c.title).Str(c.description)
	for _, e := range c.entries {
		b.Num(e.Version) // which covers its path
	}
	return b.Sum()
}

func write(out output.Writer, s *site.Site, c context, memo *render.Memo[uint64, []byte]) error {
	f := build(s, c)
	encoders := []func(*feed, *render.Memo[uint64, []byte]) ([][]byte, error){rss, atom, jsonFeed}
	for i, encode := range encoders {
		parts, err := encode(f, memo)
		if err != nil {
			return err
		}
		if err := output.WriteParts(out, c.dir+Files[i], parts); err != nil {
			return err
		}
	}
	return nil
}
