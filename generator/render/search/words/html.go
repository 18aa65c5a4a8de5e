package words

import (
	"html"
	"strings"
)

// HTMLText calls fn with each run of text of an HTML fragment, entities
// decoded, in order: the text between its tags, and the alt text of its
// images. A tag parts words, as the page shows block elements apart. The
// fragment is the Markdown stage's, which holds no script or style.
func HTMLText(h string, fn func(text string)) {
	for len(h) > 0 {
		lt := strings.IndexByte(h, '<')
		if lt < 0 {
			emit(h, fn)
			return
		}
		if lt > 0 {
			emit(h[:lt], fn)
		}
		gt := strings.IndexByte(h[lt:], '>')
		if gt < 0 {
			return // a tag cut short: nothing after it is text
		}
		if tag := h[lt : lt+gt]; strings.HasPrefix(tag, "<img ") {
			if _, rest, ok := strings.Cut(tag, ` alt="`); ok {
				if alt, _, ok := strings.Cut(rest, `"`); ok && alt != "" {
					emit(alt, fn)
				}
			}
		}
		h = h[lt+gt+1:]
	}
}

func emit(text string, fn func(string)) {
	if strings.IndexByte(text, '&') >= 0 {
		text = html.UnescapeString(text)
	}
	fn(text)
}
