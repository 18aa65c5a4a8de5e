// Package svgcheck finds active content in SVG files: what runs when an SVG
// is opened on its own, on the newsroom's origin, as a page of the site.
// An SVG shown through <img> runs nothing, and the default theme shows them
// so; but a journalist may open the file's address, and a deploy target may
// serve it without a sandbox. The build warns about each SVG that holds a
// <script> element, an event handler attribute (onload=, onclick=, …), a
// javascript: URL, or markup hidden where this scanner cannot see it.
//
// It reads the file as a stream of XML tokens (encoding/xml), never with
// patterns over the text, and reads at most MaxBytes of it. It only reads:
// it never changes or removes anything.
package svgcheck

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
)

// MaxBytes is how much of an SVG Check reads; a longer file is reported as
// not checked beyond it. Logos and icons are a few kilobytes; maps and
// charts exported from design tools rarely pass a few megabytes.
const MaxBytes = 16 << 20

// limit is MaxBytes, lowered by tests.
var limit int64 = MaxBytes

// Finding is one piece of active content, at a line of the file.
type Finding struct {
	Line int
	Msg  string
}

// File checks the SVG file at path.
func File(path string) ([]Finding, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return Check(f), nil
}

// Check reads an SVG and returns what in it would run if it were opened as
// a document. A file that is not well-formed XML is checked as far as it
// can be read, and reported: browsers show what precedes the error.
func Check(r io.Reader) []Finding {
	counted := &countingReader{r: io.LimitReader(r, limit+1)}
	d := xml.NewDecoder(counted)
	d.Strict = false // read on past what a lax exporter writes; browsers' checks are not ours to copy
	d.Entity = xml.HTMLEntity
	var out []Finding
	line := 1 // where the token being read begins
	add := func(format string, args ...any) {
		out = append(out, Finding{Line: line, Msg: fmt.Sprintf(format, args...)})
	}
	for {
		line, _ = d.InputPos()
		tok, err := d.Token()
		if err != nil {
			var syntax *xml.SyntaxError
			if errors.As(err, &syntax) {
				line = syntax.Line
			}
			switch {
			case counted.n > limit:
				add("only the first %d MB of this SVG were checked for scripts: make it smaller, or check the rest yourself", limit>>20)
			case !errors.Is(err, io.EOF):
				add("this SVG is not well-formed XML (%v), so it was not checked past here for scripts: export it again", err)
			}
			return out
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if strings.EqualFold(t.Name.Local, "script") {
				add("the SVG holds a <script> element, which runs when the file is opened on its own: export it again without scripts")
			}
			for _, a := range t.Attr {
				checkAttr(t.Name.Local, a, add)
			}
		case xml.Directive:
			checkDirective(t, add)
		case xml.ProcInst:
			if t.Target == "xml-stylesheet" && bytes.Contains(bytes.ToLower(t.Inst), []byte("xsl")) {
				add("the SVG names an XSLT stylesheet, which can turn it into a page with scripts: remove the <?xml-stylesheet?> line")
			}
		}
	}
}

// checkAttr reports event handlers and script URLs.
func checkAttr(element string, a xml.Attr, add func(string, ...any)) {
	name := strings.ToLower(a.Name.Local)
	switch {
	case strings.HasPrefix(name, "on"):
		add("<%s> has an event handler (%s=), which runs script when the file is opened on its own: export it again without scripts", element, a.Name.Local)
	case name == "srcdoc":
		add("<%s> has a srcdoc attribute, a page within the SVG that runs on the site's origin: remove it", element)
	case name == "attributename" && strings.HasPrefix(strings.ToLower(strings.TrimSpace(a.Value)), "on"):
		add("<%s> animates an event handler (%s), which runs script: remove the animation", element, strings.TrimSpace(a.Value))
	case scriptURL(a.Value):
		add("<%s> has a javascript: URL in %s=, which runs script when followed: remove it", element, a.Name.Local)
	}
}

// scriptURL reports whether a value holds a javascript: URL, as browsers
// read one: they drop ASCII whitespace and control characters from a URL,
// and ignore case. An animation's values= list may hold it after a ';'.
func scriptURL(v string) bool {
	var b strings.Builder
	for i := 0; i < len(v); i++ {
		if c := v[i]; c > ' ' && c != 0x7f {
			b.WriteByte(c)
		}
	}
	return strings.Contains(strings.ToLower(b.String()), "javascript:")
}

// checkDirective reads a DOCTYPE's internal subset. Browsers expand the
// entities it declares, so an entity may carry markup or a URL that this
// scanner, which leaves entities as they are, would never see as such. An
// entity whose value is plain text (as design tools declare namespaces)
// is harmless; any other is reported.
func checkDirective(d xml.Directive, add func(string, ...any)) {
	rest := []byte(d)
	for {
		i := bytes.Index(rest, []byte("<!ENTITY"))
		if i < 0 {
			return
		}
		rest = bytes.TrimLeft(rest[i+len("<!ENTITY"):], " \t\r\n")
		if bytes.HasPrefix(rest, []byte("%")) {
			add("the SVG declares a parameter entity, which this check cannot follow: export it again without a DOCTYPE")
			continue
		}
		// The name, then the value: a quoted string, or SYSTEM/PUBLIC.
		rest = bytes.TrimLeft(bytes.TrimLeftFunc(rest, func(r rune) bool { return !isSpace(r) }), " \t\r\n")
		var value []byte
		if len(rest) > 0 && (rest[0] == '"' || rest[0] == '\'') {
			q := rest[0]
			value, rest = rest[1:], nil
			if j := bytes.IndexByte(value, q); j >= 0 {
				value, rest = value[:j], value[j+1:]
			}
			if !bytes.ContainsAny(value, "<&") && !scriptURL(string(value)) {
				continue
			}
		}
		add("the SVG declares an entity holding markup, a URL or another file, which this check cannot see into: export it again without a DOCTYPE")
	}
}

func isSpace(r rune) bool { return r == ' ' || r == '\t' || r == '\r' || r == '\n' }

type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}
