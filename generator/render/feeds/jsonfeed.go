package feeds

import (
	"bytes"
	"encoding/json"
	"fmt"

	gfeeds "github.com/gorilla/feeds"

	"github.com/pressroom/pressroom/generator/render"
)

// jsonFeed is JSON Feed 1.1. gorilla/feeds' JSONFeed has the fields; its own
// conversion from a generic Feed leaves out feed_url and language and keeps
// only image attachments, so the struct is filled here directly.
func jsonFeed(f *feed, memo *render.Memo[uint64, []byte]) ([][]byte, error) {
	doc := gfeeds.JSONFeed{
		Version: "https://jsonfeed.org/version/1.1", Title: f.title, Language: f.language,
		HomePageUrl: f.link, FeedUrl: f.self + "feed.json", Description: f.description,
		Icon: f.icon, Favicon: f.icon,
		Authors: []*gfeeds.JSONAuthor{{Name: f.publisher}},
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(jsonDoc{JSONFeed: &doc, Items: []jsonItem{}}); err != nil { // an empty feed still has "items": []
		return nil, fmt.Errorf("feeds: %w", err)
	}
	items, err := fragments(f, memo, "json", func(it *item) ([]byte, error) { return encodeJSONFragment(jsonItemOf(it)) })
	if err != nil {
		return nil, err
	}
	skeleton := buf.Bytes()
	at := bytes.LastIndex(skeleton, []byte(`"items": []`)) + len(`"items": [`)
	return splice(skeleton, at, items, jsonFirst, jsonBetween, jsonEnd), nil
}

// What an indented encoder writes around the items of a JSON feed.
var jsonFirst, jsonBetween, jsonEnd = []byte("\n    "), []byte(",\n    "), []byte("\n  ")

func jsonItemOf(it *item) jsonItem {
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
	return ji
}

// encodeJSONFragment encodes an item as it appears in the items array of
// a feed indented by two spaces.
func encodeJSONFragment(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("    ", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, fmt.Errorf("feeds: %w", err)
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
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
