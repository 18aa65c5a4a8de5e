package feeds

import (
	"net/url"
	"strings"
	"time"

	"github.com/pressroom/pressroom/generator/fingerprint"
	"github.com/pressroom/pressroom/generator/mediatype"
	"github.com/pressroom/pressroom/generator/site"
)

// feed is one context's feed, independent of format.
type feed struct {
	title, description, language string
	link                         string // the page the feed follows
	self                         string // the feed's own URL, without its file name
	id                           string // a tag: URI, stable for the context
	icon                         string
	updated                      time.Time
	publisher                    string // the organisation
	editor                       string // the first media contact, "email (Name)"
	items                        []item
}

type item struct {
	// key fingerprints all the item shows, for sharing its encoding
	// between the feeds that list it (see fragments).
	key                      uint64
	title, link, id, summary string
	published, updated       time.Time
	categories               []string
	author                   string
	enclosure                *enclosure
	// html is the entry's body, read (from serve's spill file, a pread per
	// entry) only when an encoding of the item is made: a refresh at
	// 100,000 releases found all but the edited item's encodings in the
	// memo, and reading the twenty bodies of each of six feeds was a third
	// of its time.
	html  string
	entry *site.Entry
	read  bool
}

// body reads the item's HTML into it.html, once.
func (it *item) body() error {
	if it.read {
		return nil
	}
	html, err := it.entry.HTML()
	if err != nil {
		return err
	}
	it.html, it.read = string(html), true
	return nil
}

type enclosure struct {
	url, mime string
	length    int64
}

// epoch dates a feed without items, which has no newest item to take it from.
var epoch = time.Unix(0, 0).UTC()

func build(s *site.Site, c context) *feed {
	f := &feed{
		title: c.title, description: c.description, language: s.Config.Language,
		link: s.URL(c.page), self: s.URL(c.dir), id: tagURI(s, epoch, "/"+c.dir),
		// Shown, as every date, in the site's zone (the id keeps epoch's UTC
		// date, so that it never changes).
		publisher: s.Config.Organization.Name, updated: epoch.In(s.Config.Location),
	}
	if len(s.Config.Contacts) > 0 && s.Config.Contacts[0].Email != "" {
		ct := s.Config.Contacts[0]
		f.editor = ct.Email + " (" + ct.Name + ")"
	}
	if s.Logo != nil {
		f.icon = s.URL(s.Logo.Path)
	}
	for _, e := range c.entries {
		if e.Date.IsZero() {
			continue // an undated microsite page is not news
		}
		it := newItem(s, e)
		if it.updated.After(f.updated) {
			f.updated = it.updated
		}
		f.items = append(f.items, it)
	}
	return f
}

func newItem(s *site.Site, e *site.Entry) item {
	it := item{entry: e,
		key:   fingerprint.New("feed item").Num(e.Version).Num(s.Config.Version).Str(s.Config.BaseURL).Sum(),
		title: e.Title, link: s.URL(e.Path), id: tagURI(s, e.Date.In(s.Config.Location), "/"+e.Path),
		summary: e.Summary, published: e.Date, updated: e.Updated(),
		author: e.Item.Front.Author,
	}
	for _, t := range e.Tags {
		it.categories = append(it.categories, t.Name)
	}
	if it.author == "" {
		it.author = s.Config.Organization.Name
	}
	if img := leadImage(e); img != nil {
		it.enclosure = &enclosure{url: s.URL(img.Path), mime: mediatype.Of(img.Name), length: img.Size}
	}
	return it
}

// leadImage is a post's image, else the first image among the entry's assets.
func leadImage(e *site.Entry) *site.Asset {
	if e.Image != nil {
		return e.Image
	}
	for _, a := range e.Assets {
		if mediatype.IsImage(a.Name) {
			return a
		}
	}
	return nil
}

// tagURI makes an id that never changes (RFC 4151): the site's host, the
// date the item was first published, and its path.
func tagURI(s *site.Site, date time.Time, path string) string {
	host := s.Config.Base.Hostname()
	if p := strings.TrimSuffix(s.Config.Base.Path, "/"); p != "" {
		path = p + path
	}
	return "tag:" + host + "," + date.Format("2006-01-02") + ":" + (&url.URL{Path: path}).EscapedPath()
}
