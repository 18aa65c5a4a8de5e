package mail

import (
	"bytes"
	"net/url"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Mail clients drop style sheets (Gmail keeps some, Outlook's Word engine
// reads little), so every element of a release's body gets its style
// inline, from this one table.
var bodyStyles = map[atom.Atom]string{
	atom.P:          "margin:0 0 16px 0;font-size:16px;line-height:1.55;",
	atom.H1:         "margin:28px 0 10px 0;font-size:22px;line-height:1.3;font-weight:bold;",
	atom.H2:         "margin:28px 0 10px 0;font-size:19px;line-height:1.3;font-weight:bold;",
	atom.H3:         "margin:24px 0 8px 0;font-size:17px;line-height:1.3;font-weight:bold;",
	atom.H4:         "margin:20px 0 8px 0;font-size:16px;line-height:1.3;font-weight:bold;",
	atom.A:          "color:#1a5c8a;text-decoration:underline;word-break:break-word;",
	atom.Ul:         "margin:0 0 16px 0;padding:0 0 0 24px;",
	atom.Ol:         "margin:0 0 16px 0;padding:0 0 0 24px;",
	atom.Li:         "margin:0 0 6px 0;font-size:16px;line-height:1.5;",
	atom.Blockquote: "margin:0 0 16px 0;padding:0 0 0 14px;border-left:3px solid #c9c9c3;color:#444444;",
	atom.Table:      "border-collapse:collapse;width:100%;margin:0 0 16px 0;font-size:14px;line-height:1.4;",
	atom.Th:         "border:1px solid #d8d8d2;padding:6px 8px;text-align:left;vertical-align:top;word-break:break-word;",
	atom.Td:         "border:1px solid #d8d8d2;padding:6px 8px;text-align:left;vertical-align:top;word-break:break-word;",
	atom.Img:        "display:block;max-width:100%;height:auto;border:0;",
	atom.Pre:        "margin:0 0 16px 0;padding:10px;background:#f4f4f1;white-space:pre-wrap;word-break:break-word;font-size:13px;",
	atom.Code:       "font-family:Menlo,Consolas,monospace;font-size:14px;",
	atom.Hr:         "border:0;border-top:1px solid #d8d8d2;margin:24px 0;",
	atom.Sup:        "font-size:11px;line-height:0;",
}

// bodyRules are what a body needs changed for one message's moment.
type bodyRules struct {
	// unlink reports whether a link points at something not public yet;
	// its text stays, the link goes (and an image of it goes, its alt
	// text kept).
	unlink func(u *url.URL) bool
	// image returns the address to show for an image's src: a web-sized
	// derivative in place of a large original.
	image func(src string) string
}

// mailBody rewrites a release's HTML (its links already absolute) for mail
// clients: inline styles, and what rules unlinks or swaps.
func mailBody(src string, rules bodyRules) (string, error) {
	ctx := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
	nodes, err := html.ParseFragment(strings.NewReader(src), ctx)
	if err != nil {
		return "", err
	}
	var buf bytes.Buffer
	for _, n := range nodes {
		n = rewrite(n, rules)
		if n == nil {
			continue
		}
		if err := html.Render(&buf, n); err != nil {
			return "", err
		}
	}
	return buf.String(), nil
}

// rewrite changes n and its children; it returns n, or what replaces it.
func rewrite(n *html.Node, rules bodyRules) *html.Node {
	if n.Type == html.ElementNode {
		switch n.DataAtom {
		case atom.A:
			if u, err := url.Parse(attr(n, "href")); err == nil && rules.unlink != nil && rules.unlink(u) {
				n = &html.Node{Type: html.ElementNode, Data: "span", DataAtom: atom.Span, FirstChild: n.FirstChild, LastChild: n.LastChild}
				reparent(n)
			}
		case atom.Img:
			src := attr(n, "src")
			if u, err := url.Parse(src); err == nil && rules.unlink != nil && rules.unlink(u) {
				return &html.Node{Type: html.TextNode, Data: attr(n, "alt")}
			}
			if rules.image != nil {
				setAttr(n, "src", rules.image(src))
			}
			removeAttr(n, "srcset")
			removeAttr(n, "width")
			removeAttr(n, "height")
		}
		if style, ok := bodyStyles[n.DataAtom]; ok {
			setAttr(n, "style", style+attr(n, "style"))
		}
	}
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		if r := rewrite(c, rules); r != c {
			if r != nil {
				n.InsertBefore(detach(r), c)
			}
			n.RemoveChild(c)
		}
		c = next
	}
	return n
}

func detach(n *html.Node) *html.Node {
	if n.Parent != nil {
		n.Parent.RemoveChild(n)
	}
	return n
}

// reparent makes n the parent of the children it took over.
func reparent(n *html.Node) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		c.Parent = n
	}
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func setAttr(n *html.Node, key, val string) {
	for i, a := range n.Attr {
		if a.Key == key {
			n.Attr[i].Val = val
			return
		}
	}
	n.Attr = append(n.Attr, html.Attribute{Key: key, Val: val})
}

func removeAttr(n *html.Node, key string) {
	for i, a := range n.Attr {
		if a.Key == key {
			n.Attr = append(n.Attr[:i], n.Attr[i+1:]...)
			return
		}
	}
}

// plainText is the text part's version of a body's HTML: paragraphs apart,
// headings in capitals, list items with a dash, table cells with " | ",
// and each link's address after its text.
func plainText(src string) string {
	ctx := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
	nodes, err := html.ParseFragment(strings.NewReader(src), ctx)
	if err != nil {
		return src
	}
	w := &textWriter{}
	for _, n := range nodes {
		w.node(n)
	}
	return strings.TrimSpace(w.out.String()) + "\n"
}

type textWriter struct {
	out  strings.Builder
	line strings.Builder // the paragraph being written
	caps bool
}

// block ends the paragraph being written, wrapped, with a blank line.
func (w *textWriter) block() {
	text := strings.Join(strings.Fields(w.line.String()), " ")
	w.line.Reset()
	if text == "" {
		return
	}
	w.out.WriteString(wrap(text, 72))
	w.out.WriteString("\n\n")
}

func (w *textWriter) node(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		t := n.Data
		if w.caps {
			t = strings.ToUpper(t)
		}
		w.line.WriteString(t)
		return
	case html.ElementNode:
	default:
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			w.node(c)
		}
		return
	}
	children := func() {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			w.node(c)
		}
	}
	switch n.DataAtom {
	case atom.P, atom.Blockquote, atom.Pre, atom.Div, atom.Ul, atom.Ol, atom.Table, atom.Hr:
		w.block()
		children()
		w.block()
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		w.block()
		w.caps = true
		children()
		w.caps = false
		w.block()
	case atom.Li:
		w.block()
		w.line.WriteString("- ")
		children()
		w.block()
	case atom.Tr:
		w.block()
		first := true
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			if !first {
				w.line.WriteString(" | ")
			}
			first = false
			w.node(c)
		}
		w.block()
	case atom.Br:
		w.line.WriteString(" ")
	case atom.A:
		before := w.line.Len()
		children()
		href := attr(n, "href")
		if href != "" && !strings.HasPrefix(href, "#") && !strings.Contains(w.line.String()[before:], href) {
			w.line.WriteString(" <" + href + ">")
		}
	case atom.Img:
		if alt := attr(n, "alt"); alt != "" {
			w.line.WriteString("[" + alt + "]")
		}
	case atom.Script, atom.Style:
	default:
		children()
	}
}

// wrap breaks text into lines of at most width characters where it can.
func wrap(text string, width int) string {
	var b strings.Builder
	n := 0
	for _, word := range strings.Fields(text) {
		l := len([]rune(word))
		if n > 0 && n+1+l > width {
			b.WriteString("\n")
			n = 0
		} else if n > 0 {
			b.WriteString(" ")
			n++
		}
		b.WriteString(word)
		n += l
	}
	return b.String()
}
