package feeds

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"path"
	"strconv"
	"strings"
	"time"

	gfeeds "github.com/gorilla/feeds"

	"github.com/pressroom/pressroom/generator/render"
)

// rssDoc is gorilla/feeds' RssFeedXml with the namespaces our additions need.
type rssDoc struct {
	XMLName   xml.Name   `xml:"rss"`
	Version   string     `xml:"version,attr"`
	ContentNS string     `xml:"xmlns:content,attr"`
	AtomNS    string     `xml:"xmlns:atom,attr"`
	DCNS      string     `xml:"xmlns:dc,attr"`
	Channel   rssChannel `xml:"channel"`
}

// rssChannel adds atom:link rel="self" (which feed validators ask for) and
// items with several categories to gorilla/feeds' RssFeed.
type rssChannel struct {
	*gfeeds.RssFeed
	XMLName  xml.Name  `xml:"channel"`
	SelfLink atomLink  `xml:"atom:link"`
	Items    []rssItem `xml:"item"`
}

type atomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr"`
	Type string `xml:"type,attr"`
}

// rssItem adds every tag as a category (RssItem has room for one) and
// dc:creator (RSS's author must be an email address).
type rssItem struct {
	*gfeeds.RssItem
	XMLName    xml.Name `xml:"item"`
	Categories []string `xml:"category"`
	Creator    string   `xml:"dc:creator,omitempty"`
}

func rss(f *feed, memo *render.Memo[uint64, []byte]) ([][]byte, error) {
	ch := rssChannel{
		RssFeed: &gfeeds.RssFeed{
			Title: f.title, Link: f.link, Description: f.description, Language: f.language,
			ManagingEditor: f.editor, LastBuildDate: f.updated.Format(time.RFC1123Z),
			PubDate: f.updated.Format(time.RFC1123Z), Generator: "pressroom",
		},
		SelfLink: atomLink{Href: f.self + "feed.xml", Rel: "self", Type: "application/rss+xml"},
	}
	if rssImage(f.icon) {
		ch.Image = &gfeeds.RssImage{Url: f.icon, Title: f.title, Link: f.link}
	}
	doc := rssDoc{Version: "2.0", ContentNS: "http://purl.org/rss/1.0/modules/content/",
		AtomNS: "http://www.w3.org/2005/Atom", DCNS: "http://purl.org/dc/elements/1.1/", Channel: ch}
	return xmlFeed(doc, "\n  </channel>", "    ", "rss", f, memo, func(it *item) any { return rssItemOf(it) })
}

func rssItemOf(it *item) rssItem {
	ri := rssItem{RssItem: &gfeeds.RssItem{
		Title: it.title, Link: it.link, Description: it.summary,
		Content: &gfeeds.RssContent{Content: xmlText(it.html)},
		Guid:    &gfeeds.RssGuid{Id: it.id, IsPermaLink: "false"},
		PubDate: it.published.Format(time.RFC1123Z),
	}, Categories: it.categories, Creator: it.author}
	if e := it.enclosure; e != nil {
		ri.Enclosure = &gfeeds.RssEnclosure{Url: e.url, Type: e.mime, Length: strconv.FormatInt(e.length, 10)}
	}
	return ri
}

func encodeXML(v any) ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, fmt.Errorf("feeds: %w", err)
	}
	buf.WriteByte('\n')
	return buf.Bytes(), nil
}

// rssImage reports whether a logo may be the channel's image: RSS 2.0 allows
// only GIF, JPEG and PNG there.
func rssImage(url string) bool {
	switch strings.ToLower(path.Ext(url)) {
	case ".gif", ".jpg", ".jpeg", ".png":
		return true
	}
	return false
}

// xmlText replaces the characters XML 1.0 forbids (most control characters),
// which encoding/xml writes unchecked into CDATA, so one stray form feed in
// a release cannot make the whole feed unreadable.
func xmlText(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' || (r >= 0x20 && r <= 0xD7FF) || (r >= 0xE000 && r <= 0xFFFD) || r >= 0x10000 {
			return r
		}
		return '\uFFFD'
	}, s)
}
