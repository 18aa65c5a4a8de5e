package feeds

import (
	"encoding/xml"
	"strconv"
	"time"

	gfeeds "github.com/gorilla/feeds"

	"github.com/pressroom/pressroom/generator/render"
)

// atomDoc is gorilla/feeds' AtomFeed with both an alternate and a self link
// (AtomFeed has room for one) and entries with categories that have the
// term attribute Atom requires.
type atomDoc struct {
	*gfeeds.AtomFeed
	XMLName xml.Name          `xml:"feed"`
	Lang    string            `xml:"xml:lang,attr,omitempty"`
	Links   []gfeeds.AtomLink `xml:"link"`
	Entries []atomEntry       `xml:"entry"`
}

type atomEntry struct {
	*gfeeds.AtomEntry
	XMLName    xml.Name       `xml:"entry"`
	Categories []atomCategory `xml:"category"`
}

type atomCategory struct {
	Term  string `xml:"term,attr"`
	Label string `xml:"label,attr,omitempty"`
}

func atom(f *feed, memo *render.Memo[uint64, []byte]) ([][]byte, error) {
	doc := atomDoc{
		AtomFeed: &gfeeds.AtomFeed{
			Xmlns: "http://www.w3.org/2005/Atom", Title: f.title, Id: f.id, Subtitle: f.description,
			Updated: f.updated.Format(time.RFC3339), Icon: f.icon, Logo: f.icon,
			Author: &gfeeds.AtomAuthor{AtomPerson: gfeeds.AtomPerson{Name: f.publisher}},
		},
		Lang: f.language,
		Links: []gfeeds.AtomLink{
			{Href: f.link, Rel: "alternate", Type: "text/html"},
			{Href: f.self + "atom.xml", Rel: "self", Type: "application/atom+xml"},
		},
	}
	return xmlFeed(doc, "\n</feed>", "  ", "atom", f, memo, func(it *item) any { return atomEntryOf(it) })
}

func atomEntryOf(it *item) atomEntry {
	e := atomEntry{AtomEntry: &gfeeds.AtomEntry{
		Title: it.title, Id: it.id,
		Updated:   it.updated.Format(time.RFC3339),
		Published: it.published.Format(time.RFC3339),
		Summary:   &gfeeds.AtomSummary{Type: "text", Content: it.summary},
		Content:   &gfeeds.AtomContent{Type: "html", Content: it.html},
		Author:    &gfeeds.AtomAuthor{AtomPerson: gfeeds.AtomPerson{Name: it.author}},
		Links:     []gfeeds.AtomLink{{Href: it.link, Rel: "alternate", Type: "text/html"}},
	}}
	if en := it.enclosure; en != nil {
		e.Links = append(e.Links, gfeeds.AtomLink{Href: en.url, Rel: "enclosure", Type: en.mime, Length: strconv.FormatInt(en.length, 10)})
	}
	for _, c := range it.categories {
		e.Categories = append(e.Categories, atomCategory{Term: c})
	}
	return e
}
