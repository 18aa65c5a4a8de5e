package calendar

import (
	"strings"

	"golang.org/x/net/html"
)

// paragraphs are the blocks followed by an empty line.
var paragraphs = map[string]bool{"p": true, "blockquote": true, "h1": true, "h2": true, "h3": true, "h4": true,
	"h5": true, "h6": true, "pre": true, "table": true, "ul": true, "ol": true}

// blocks are the elements that end a line of plain text.
var blocks = map[string]bool{"p": true, "div": true, "li": true, "br": true, "tr": true, "blockquote": true,
	"h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true, "pre": true, "table": true, "ul": true, "ol": true, "hr": true}

// PlainText is HTML as plain text for a calendar's DESCRIPTION: the text
// of its elements, a line for each paragraph, list item and heading (list
// items marked "- "), an empty line after each paragraph, list or
// heading, entities decoded, and no markup at all.
func PlainText(src string) string {
	z := html.NewTokenizer(strings.NewReader(src))
	var lines []string
	var line strings.Builder
	flush := func() {
		if t := strings.Join(strings.Fields(line.String()), " "); t != "" {
			lines = append(lines, t)
		}
		line.Reset()
	}
	gap := func() {
		if len(lines) > 0 && lines[len(lines)-1] != "" {
			lines = append(lines, "")
		}
	}
	for {
		switch z.Next() {
		case html.ErrorToken:
			flush()
			return strings.TrimSpace(strings.Join(lines, "\n"))
		case html.TextToken:
			line.Write(z.Text())
		case html.StartTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			if blocks[string(name)] {
				flush()
			}
			if string(name) == "li" {
				line.WriteString("- ")
			}
			if string(name) == "td" || string(name) == "th" {
				line.WriteString(" ")
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			if blocks[string(name)] {
				flush()
			}
			if paragraphs[string(name)] {
				gap()
			}
		}
	}
}
