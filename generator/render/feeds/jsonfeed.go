package feeds

import (
	"bytes"
	"encoding/json"
	"fmt"

	gfeeds "github.com/gorilla/feeds"
)

// jsonFeed is JSON Feed 1.1. gorilla/feeds' JSONFeed has the fields; its own
// conversion from a generic Feed leaves out feed_url and language and keeps
// only image attachments, so the struct is filled here directly.
func jsonFeed(f *feed) ([]byte, error) {
	doc := gfeeds.JSONFeed{
		Version: "https://jsonfeed.org/version/1.1", Title: f.title, Language: f.language,
		HomePageUrl: f.link, FeedUrl: f.self + "feed.json", Description: f.description,
		Icon: f.icon, Favicon: f.icon,
		Authors: []*gfeeds.JSONAuthor{{Name: f.publisher}},
		Items:   []*gfeeds.JSONItem{}, // an empty feed still has "items": []
	}
	for _, it := range f.items {
		published, updated := it.published, it.updated
		ji := &gfeeds.JSONItem{
			Id: it.id, Url: it.link, Title: it.title, ContentHTML: it.html, Summary: it.summary,
			PublishedDate: &published, ModifiedDate: &updated, Tags: it.categories,
			Authors: []*gfeeds.JSONAuthor{{Name: it.author}},
		}
		if e := it.enclosure; e != nil {
			ji.Image = e.url
			ji.Attachments = []gfeeds.JSONAttachment{{Url: e.url, MIMEType: e.mime, Size: int32(min(e.length, 1<<31-1))}}
		}
		doc.Items = append(doc.Items, ji)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return nil, fmt.Errorf("feeds: %w", err)
	}
	return buf.Bytes(), nil
}
