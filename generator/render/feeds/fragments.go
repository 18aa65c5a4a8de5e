package feeds

import (
	"bytes"
	"encoding/xml"
	"fmt"

	"github.com/pressroom/pressroom/generator/fingerprint"
	"github.com/pressroom/pressroom/generator/render"
)

// A feed is written as its document without items, into which the items'
// own encodings are put where the encoder would have written them. An
// entry listed by the site's, its section's and its tags' feeds is then
// encoded once per format, and in serve once until it changes (memo). The
// feed is handed to the output as parts (output.WriteParts): the document
// cut in two, the items and what separates them, so that no feed of fifty
// releases is copied together in memory.

// fragments encodes every item of f in one format, each through memo.
func fragments(f *feed, memo *render.Memo[uint64, []byte], format string, encode func(*item) ([]byte, error)) ([][]byte, error) {
	out := make([][]byte, len(f.items))
	for i := range f.items {
		it := &f.items[i]
		frag, err := memo.Get(fingerprint.New(format).Num(it.key).Sum(), func() ([]byte, error) {
			if err := it.body(); err != nil {
				return nil, err
			}
			return encode(it)
		})
		if err != nil {
			return nil, err
		}
		out[i] = frag
	}
	return out, nil
}

// encodeXMLFragment encodes an element as an indented document's encoder
// would at the depth prefix stands for.
func encodeXMLFragment(v any, prefix string) ([]byte, error) {
	var buf bytes.Buffer
	enc := xml.NewEncoder(&buf)
	enc.Indent(prefix, "  ")
	if err := enc.Encode(v); err != nil {
		return nil, fmt.Errorf("feeds: %w", err)
	}
	return buf.Bytes(), nil
}

// xmlFeed encodes doc, which holds no items, and puts f's items on lines
// of their own before its last closing tag: each item is element(it)
// encoded at the depth prefix stands for, once per format through memo.
func xmlFeed(doc any, closing, prefix, format string, f *feed, memo *render.Memo[uint64, []byte], element func(*item) any) ([][]byte, error) {
	items, err := fragments(f, memo, format, func(it *item) ([]byte, error) { return encodeXMLFragment(element(it), prefix) })
	if err != nil {
		return nil, err
	}
	skeleton, err := encodeXML(doc)
	if err != nil {
		return nil, err
	}
	at := bytes.LastIndex(skeleton, []byte(closing))
	return splice(skeleton, at, items, newline, newline, nil), nil
}

var newline = []byte("\n")

// splice returns the parts of doc with items put at offset at: each item
// after a separator, first for the first item, between for the others,
// and end after the last.
func splice(doc []byte, at int, items [][]byte, first, between, end []byte) [][]byte {
	parts := make([][]byte, 0, 2*len(items)+3)
	parts = append(parts, doc[:at])
	for i, item := range items {
		sep := between
		if i == 0 {
			sep = first
		}
		parts = append(parts, sep, item)
	}
	if len(items) > 0 && end != nil {
		parts = append(parts, end)
	}
	return append(parts, doc[at:])
}
