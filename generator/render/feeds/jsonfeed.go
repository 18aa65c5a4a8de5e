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
	}
	items := []jsonItem{} // an empty feed still has "items": []
	for _, it := range f.items {
		published, updated := it.published, it.updated
		ji := jsonItem{JSONItem: &gfeeds.JSONItem{
			Id: it.id, Url: it.link, Title: it.title, ContentHTML: it.html, Summary: it.summary,
			PublishedDate: &published, ModifiedDate: &updated, Tags: it.categories,
			Authors: []*gfeeds.JSONAuthor{{Name: it.author}},
		}}
		if e := it.enclosure; e != nil {
			ji.Image = e.url
			ji.Attachments = []jsonAttachment{{URL: e.url, MIMEType: e.mime, Size: e.length}}
		}
		items = append(items, ji)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(jsonDoc{JSONFeed: &doc, Items: items}); err != nil {
		return nil, fmt.Errorf("feeds: %w", err)
	}
	return buf.Bytes(), nil
}

// jsonDoc replaces JSONFeed's items, whose attachments gorilla/feeds writes
// with "size" where JSON Feed 1.1 says "size_in_bytes".
type jsonDoc struct {
	*gfeeds.JSONFeed
	Items []jsonItem `json:"items"`
}

type jsonItem struct {
	*gfeeds.JSONItem
	Attachments []jsonAttachment `json:"attachments,omitempty"`
}

type jsonAttachment struct {
	URL      string `json:"url"`
	MIMEType string `json:"mime_type"`
	Size     int64  `json:"size_in_bytes,omitempty"`
}
