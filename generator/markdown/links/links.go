// Package links finds the links of a Markdown body and says which file of
// the asset library each one names. It is the one place a link's spelling
// is undone: the publish decision (which library files only held items
// use) and the rewriting of links in the HTML both go through AssetName,
// so a photo an author links as "/ASSETS/photos/./a%20b.jpg" is held with
// its release and shown from "/assets/photos/a%20b.jpg".
//
// It imports only goldmark (and its guard), so that the loader (package
// content) can find a body's links once, when it reads the file.
package links

import (
	"bytes"
	"fmt"
	"html"
	"net/url"
	"path"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/pressroom/pressroom/generator/markdown/guard"
)

// Library is the folder of the asset library under a site's base URL.
const Library = "assets/"

// md parses the syntax package markdown renders: GFM (whose linkify makes
// links of bare URLs) and footnotes. Typographer and heading ids change
// no link. goldmark's parser is safe for concurrent use. It is guarded as
// package markdown's is, so that a hostile body takes no longer here and
// the links found are the links rendered.
var md = func() parser.Parser {
	p := guard.NewParser()
	goldmark.New(goldmark.WithParser(p), goldmark.WithExtensions(extension.GFM, extension.Footnote))
	if err := p.Check(); err != nil {
		panic(err) // goldmark changed: every test of this package fails here
	}
	return p
}()

// Find returns the destination of every link src holds, in the order they
// are written: links and images (inline, full, collapsed and shortcut
// references), every link reference definition (used or not), autolinks
// and the bare URLs GFM links, and the URLs that raw HTML, inline or in
// blocks, loads or links (see htmlURLs). Raw HTML counts whether or not
// the site publishes it: a site with `unsafe = true` does, and what
// decides which files are held must not depend on the theme of the day.
//
// Each destination is unescaped as the page shows it (Markdown backslash
// escapes and character references, HTML character references) and
// otherwise left as written; AssetName undoes the rest.
func Find(src []byte) []string {
	ctx := parser.NewContext()
	doc := md.Parse(text.NewReader(src), parser.WithContext(ctx))
	var out []string
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Link:
			out = append(out, Unescape(n.Destination))
		case *ast.Image:
			out = append(out, Unescape(n.Destination))
		case *ast.AutoLink:
			out = append(out, string(n.URL(src))) // autolinks take no escapes
		case *ast.RawHTML:
			var raw []byte
			for i := 0; i < n.Segments.Len(); i++ {
				seg := n.Segments.At(i)
				raw = append(raw, seg.Value(src)...)
			}
			out = htmlURLs(out, raw)
		case *ast.HTMLBlock:
			var raw []byte
			lines := n.Lines()
			for i := 0; i < lines.Len(); i++ {
				seg := lines.At(i)
				raw = append(raw, seg.Value(src)...)
			}
			if n.HasClosure() {
				raw = append(raw, n.ClosureLine.Value(src)...)
			}
			out = htmlURLs(out, raw)
		}
		return ast.WalkContinue, nil
	})
	for _, ref := range ctx.References() {
		out = append(out, Unescape(ref.Destination()))
	}
	return out
}

// Unescape returns the URL a Markdown link destination spells: backslash
// escapes and character references resolved, as goldmark's renderer
// resolves them.
func Unescape(dest []byte) string {
	if bytes.IndexByte(dest, '\\') < 0 && bytes.IndexByte(dest, '&') < 0 {
		return string(dest)
	}
	return string(util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(dest))))
}

// AssetCandidates returns the destinations of Find(src) that may name a
// library file on some page of some site: those that spell "assets" in
// some case once percent escapes are undone. It is what the loader keeps of
// a body. Most bodies cannot link the library at all (see mayLink); they
// are not parsed, which keeps loading ten thousand releases cheap.
func AssetCandidates(src []byte) []string {
	if !mayLink(src) {
		return nil
	}
	var out []string
	for _, dest := range Find(src) {
		if spellsLibrary(dest) {
			out = append(out, dest)
		}
	}
	return out
}

// mayLink reports whether src can hold a link into the library: one must
// spell "assets" followed by a separator ("/", "\", or a "%" or "&" that
// may escape one), in any case and, in raw HTML, perhaps broken by tabs or
// line breaks (URL parsers drop them), or hide a letter of it behind a
// percent escape or a character reference. Prose ("total assets of",
// "up 12%") does not count, so most bodies are never parsed.
func mayLink(src []byte) bool {
	return hasLetterEscape(src) || hasCharRef(src) ||
		bytes.Contains(src, []byte("&Tab;")) || bytes.Contains(src, []byte("&NewLine;")) ||
		hasSegment(src, "assets")
}

// hasSegment reports whether src holds word (lower-case ASCII) in any case,
// with tabs and line breaks inside it and after it ignored, followed by a
// byte that is or may escape a path separator. It looks back from each
// separator, which prose has few of, so that a body costs a few scans.
func hasSegment(src []byte, word string) bool {
	for _, sep := range []byte{'/', '\\', '%', '&'} {
		for off := 0; off < len(src); {
			i := bytes.IndexByte(src[off:], sep)
			if i < 0 {
				break
			}
			if endsWith(src[:off+i], word) {
				return true
			}
			off += i + 1
		}
	}
	return false
}

// endsWith reports whether b ends with word (lower-case ASCII) in any
// case, tabs and line breaks inside and after it ignored.
func endsWith(b []byte, word string) bool {
	k := len(word)
	for j := len(b) - 1; j >= 0 && k > 0; j-- {
		c := b[j]
		if c == '\t' || c == '\n' || c == '\r' {
			continue
		}
		if c|0x20 != word[k-1] {
			return false
		}
		k--
	}
	return k == 0
}

// containsWord reports whether src holds word (lower-case ASCII) in any
// case, tabs and line breaks inside it ignored.
func containsWord(src []byte, word string) bool {
	for i := 0; i < len(src); i++ {
		if src[i]|0x20 != word[0] {
			continue
		}
		j, k := i+1, 1
		for ; j < len(src) && k < len(word); j++ {
			c := src[j]
			if c == '\t' || c == '\n' || c == '\r' {
				continue
			}
			if c|0x20 != word[k] {
				break
			}
			k++
		}
		if k == len(word) {
			return true
		}
	}
	return false
}

// hasLetterEscape reports whether src percent-escapes a letter of "assets"
// (%61, %73, %65, %74 or their capitals, hex digits in any case).
func hasLetterEscape(src []byte) bool {
	for i := bytes.IndexByte(src, '%'); i >= 0 && i+2 < len(src); {
		if hi, lo := src[i+1], src[i+2]|0x20; (hi == '6' || hi == '4') && (lo == '1' || lo == '5') || (hi == '7' || hi == '5') && (lo == '3' || lo == '4') {
			return true
		}
		next := bytes.IndexByte(src[i+1:], '%')
		if next < 0 {
			break
		}
		i += 1 + next
	}
	return false
}

// hasCharRef reports whether src holds a numeric character reference,
// which may spell any letter.
func hasCharRef(src []byte) bool {
	for i := bytes.Index(src, []byte("&#")); i >= 0 && i+2 < len(src); {
		if c := src[i+2]; '0' <= c && c <= '9' || c|0x20 == 'x' {
			return true
		}
		next := bytes.Index(src[i+2:], []byte("&#"))
		if next < 0 {
			break
		}
		i += 2 + next
	}
	return false
}

func spellsLibrary(dest string) bool {
	return containsWord([]byte(unescapeLoosely(dest)), "assets")
}

// AssetName returns the name of the library file dest names (a link as
// Find returns it) on the page at address page of the site at base:
// "photos/a b.jpg" for "/assets/photos/a%20b.jpg". A relative dest is read
// against page, or against base when page is nil. ok is false when dest
// leads anywhere but base's library: another host or scheme, a path
// outside base, the library's own index, "/assets-old/".
//
// dest is read as a browser reads it (the WHATWG URL standard): spaces
// around it and tabs and line breaks in it dropped, "\" taken for "/",
// "https:x" on an https page relative, any number of slashes before a host
// taken for two. Its path is then percent-decoded once (%2E is ".", %2F is
// "/": a store such as S3 decodes them too) and cleaned (".", "..", "//"),
// and the query and fragment dropped. Hosts compare without case, a
// trailing dot, or a default port, and http as https: the same server.
//
// Case: base's path and the "assets/" folder match in any ASCII case,
// because case-insensitive hosts (IIS, macOS and Windows disks, some CDNs)
// serve "/ASSETS/x.jpg" as "/assets/x.jpg"; the name keeps the case it is
// written in. A caller that holds files back must match names without case
// too where no file has the exact name (see site's bodyAssets); AssetURL
// writes the canonical link.
func AssetName(dest string, page, base *url.URL) (name string, ok bool) {
	p, _, ok := sitePath(dest, page, base)
	if !ok {
		return "", false
	}
	root := base.Path
	if !strings.HasSuffix(root, "/") {
		root += "/"
	}
	root += Library
	if len(p) <= len(root) || !hasPrefixFold(p, root) {
		return "", false
	}
	return p[len(root):], true
}

// SitePath returns the path under base that dest (a link as Find returns
// it) leads to on the page at address page, read as AssetName reads it:
// "press/new-plant/" for "../new-plant/" on /press/old-plant/, "" for the
// home page. A path that names a folder (written with a trailing slash)
// keeps its slash; the query and fragment are dropped. ok is false when
// dest leads anywhere but base: another host or scheme (mailto:, tel:),
// or a path outside base's.
func SitePath(dest string, page, base *url.URL) (p string, ok bool) {
	clean, folder, ok := sitePath(dest, page, base)
	if !ok {
		return "", false
	}
	root := base.Path
	if !strings.HasSuffix(root, "/") {
		root += "/"
	}
	switch {
	case clean+"/" == root || clean == root:
		return "", true
	case !hasPrefixFold(clean, root):
		return "", false
	}
	p = clean[len(root):]
	if folder {
		p += "/"
	}
	return p, true
}

// sitePath is the cleaned, decoded path ("/press/x") dest leads to on base's
// server, and whether it was written as a folder.
func sitePath(dest string, page, base *url.URL) (clean string, folder, ok bool) {
	if base == nil {
		return "", false, false
	}
	from := page
	if from == nil {
		from = base
	}
	ref, ok := parse(dest, from)
	if !ok {
		return "", false, false
	}
	abs := from.ResolveReference(ref)
	if !sameServer(abs, base) {
		return "", false, false
	}
	clean = path.Clean("/" + abs.Path) // abs.Path is decoded
	return clean, strings.HasSuffix(abs.Path, "/") && clean != "/", true
}

// AssetURL is the canonical address of library file name on the site at
// base: base, "assets/" and the name with every byte a path may not carry
// as it is percent-escaped, and "&" and "+" too (Markdown would read "&"
// as a character reference, and S3 serves "+" as a space), so that any
// host serves it.
func AssetURL(name string, base *url.URL) string {
	p := (&url.URL{Path: strings.TrimSuffix(base.Path, "/") + "/" + Library + name}).EscapedPath()
	p = strings.NewReplacer("&", "%26", "+", "%2B").Replace(p)
	if base.Host == "" {
		return p
	}
	return base.Scheme + "://" + base.Host + p
}

// parse reads dest as a reference against from, as a browser would.
func parse(dest string, from *url.URL) (*url.URL, bool) {
	s := strings.TrimFunc(dest, func(r rune) bool { return r <= ' ' })
	if strings.ContainsAny(s, "\t\n\r") {
		s = strings.NewReplacer("\t", "", "\n", "", "\r", "").Replace(s)
	}
	scheme, rest := splitScheme(s)
	if scheme != "" && !web(scheme) {
		return nil, false // mailto:, data:, tel:, ... never name a file of the site
	}
	rest = strings.ReplaceAll(rest, `\`, "/")
	slashes := len(rest) - len(strings.TrimLeft(rest, "/"))
	switch {
	case scheme != "" && strings.EqualFold(scheme, from.Scheme) && slashes < 2:
		s = rest // "https:assets/x" on an https page is relative
	case scheme != "":
		s = scheme + "://" + rest[slashes:]
	case slashes >= 2:
		s = "//" + rest[slashes:]
	default:
		s = rest
	}
	u, err := url.Parse(s)
	if err != nil {
		u, err = url.Parse(escapeStrays(s))
	}
	return u, err == nil
}

// splitScheme splits "scheme:rest"; scheme is "" when s has none.
func splitScheme(s string) (scheme, rest string) {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c|0x20 && c|0x20 <= 'z':
		case i > 0 && ('0' <= c && c <= '9' || c == '+' || c == '-' || c == '.'):
		case i > 0 && c == ':':
			return strings.ToLower(s[:i]), s[i+1:]
		default:
			return "", s
		}
	}
	return "", s
}

func web(scheme string) bool { return scheme == "http" || scheme == "https" }

// escapeStrays percent-escapes what a browser sends escaped and Go's
// parser refuses: a "%" not followed by two hex digits, and control bytes.
func escapeStrays(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '%' && !(i+2 < len(s) && ishex(s[i+1]) && ishex(s[i+2])):
			b.WriteString("%25")
		case c < 0x20 || c == 0x7f || c == ' ':
			fmt.Fprintf(&b, "%%%02X", c)
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

func ishex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c|0x20 && c|0x20 <= 'f'
}

// unescapeLoosely undoes every valid percent escape of s and keeps the rest.
func unescapeLoosely(s string) string {
	if strings.IndexByte(s, '%') < 0 {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && i+2 < len(s) && ishex(s[i+1]) && ishex(s[i+2]) {
			b.WriteByte(unhex(s[i+1])<<4 | unhex(s[i+2]))
			i += 2
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func unhex(c byte) byte {
	if c <= '9' {
		return c - '0'
	}
	return c | 0x20 - 'a' + 10
}

// sameServer reports whether u is served by base's server: http or https,
// the same host without case or a trailing dot, the same port once
// defaults are dropped.
func sameServer(u, base *url.URL) bool {
	if !web(u.Scheme) {
		return false
	}
	host := func(u *url.URL) (string, string) {
		h, p := strings.TrimSuffix(u.Hostname(), "."), u.Port()
		if p == "80" && u.Scheme == "http" || p == "443" && u.Scheme == "https" {
			p = ""
		}
		return h, p
	}
	h1, p1 := host(u)
	h2, p2 := host(base)
	return strings.EqualFold(h1, h2) && p1 == p2
}

// hasPrefixFold is strings.HasPrefix without ASCII case.
func hasPrefixFold(s, prefix string) bool {
	if len(s) < len(prefix) {
		return false
	}
	for i := 0; i < len(prefix); i++ {
		a, b := s[i], prefix[i]
		if a == b {
			continue
		}
		if 'A' <= a && a <= 'Z' {
			a += 'a' - 'A'
		}
		if 'A' <= b && b <= 'Z' {
			b += 'a' - 'A'
		}
		if a != b {
			return false
		}
	}
	return true
}

// urlAttributes are the HTML attributes whose value is a URL the browser
// loads or links.
var urlAttributes = map[string]bool{"href": true, "src": true, "poster": true, "data": true,
	"action": true, "formaction": true, "background": true, "cite": true, "longdesc": true,
	"lowsrc": true, "xlink:href": true, "manifest": true, "icon": true}

// htmlURLs appends the URLs raw HTML loads or links: the value of every URL
// attribute (src, href, poster, ...), each candidate of a srcset, the
// url=... of a refresh, and every url(...) of CSS, in style attributes or
// blocks. Tags are read loosely (also inside comments: counting too much
// only holds a file longer); character references are resolved.
func htmlURLs(out []string, raw []byte) []string {
	s := string(raw)
	for i := 0; i < len(s); i++ {
		if s[i] != '<' || i+1 >= len(s) || !isLetter(s[i+1]) {
			continue
		}
		i++
		for i < len(s) && !isSpace(s[i]) && s[i] != '>' && s[i] != '/' {
			i++ // the tag's name
		}
		for i < len(s) && s[i] != '>' {
			if isSpace(s[i]) || s[i] == '/' {
				i++
				continue
			}
			start := i
			for i < len(s) && !isSpace(s[i]) && s[i] != '=' && s[i] != '>' && s[i] != '/' {
				i++
			}
			name := strings.ToLower(s[start:i])
			for i < len(s) && isSpace(s[i]) {
				i++
			}
			if i >= len(s) || s[i] != '=' {
				continue
			}
			i++
			for i < len(s) && isSpace(s[i]) {
				i++
			}
			var value string
			if i < len(s) && (s[i] == '"' || s[i] == '\'') {
				q := s[i]
				end := strings.IndexByte(s[i+1:], q)
				if end < 0 {
					end = len(s) - i - 1
				}
				value, i = s[i+1:i+1+end], i+2+end
			} else {
				start := i
				for i < len(s) && !isSpace(s[i]) && s[i] != '>' {
					i++
				}
				value = s[start:i]
			}
			out = attributeURLs(out, name, html.UnescapeString(value))
		}
	}
	return cssURLs(out, html.UnescapeString(s))
}

func attributeURLs(out []string, name, value string) []string {
	switch {
	case urlAttributes[name]:
		return append(out, value)
	case name == "srcset" || name == "imagesrcset":
		for _, c := range strings.Split(value, ",") {
			if f := strings.Fields(c); len(f) > 0 {
				out = append(out, f[0])
			}
		}
	case name == "content" || name == "ping" || name == "archive":
		if i := strings.Index(strings.ToLower(value), "url="); i >= 0 {
			return append(out, strings.Trim(value[i+4:], `'" `))
		}
		if name != "content" {
			out = append(out, strings.Fields(value)...)
		}
	}
	return out
}

// cssURLs appends what each url(...) in s names.
func cssURLs(out []string, s string) []string {
	lower := strings.ToLower(s)
	for i := strings.Index(lower, "url("); i >= 0; {
		rest := s[i+4:]
		end := strings.IndexByte(rest, ')')
		if end < 0 {
			end = len(rest)
		}
		out = append(out, strings.Trim(rest[:end], `'" `+"\t\n"))
		next := strings.Index(lower[i+4:], "url(")
		if next < 0 {
			break
		}
		i += 4 + next
	}
	return out
}

func isLetter(c byte) bool { return 'a' <= c|0x20 && c|0x20 <= 'z' }

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' }

// Image is an image a Markdown body shows: its destination as Find
// returns it, and the line of the body it is on (from 1).
type Image struct {
	Dest string
	Line int
}

// Images returns the images of src in the order they are written (inline
// and reference images; not those of raw HTML). A body that cannot hold
// one is not parsed: an image starts with "![" and takes its destination
// from parentheses (so the body holds a ")") or from a reference
// definition ("]:").
func Images(src []byte) []Image {
	if !bytes.Contains(src, []byte("![")) || (bytes.IndexByte(src, ')') < 0 && !bytes.Contains(src, []byte("]:"))) {
		return nil
	}
	doc := md.Parse(text.NewReader(src), parser.WithContext(parser.NewContext()))
	var out []Image
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		img, ok := n.(*ast.Image)
		if !entering || !ok {
			return ast.WalkContinue, nil
		}
		out = append(out, Image{Dest: Unescape(img.Destination), Line: 1 + bytes.Count(src[:offset(img)], []byte("\n"))})
		return ast.WalkContinue, nil
	})
	return out
}

// offset is where an inline node's text begins in its source: its first
// text's, else its paragraph's first line's.
func offset(n ast.Node) int {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if t, ok := c.(*ast.Text); ok {
			return max(0, t.Segment.Start-2) // after "!["
		}
	}
	for p := n.Parent(); p != nil; p = p.Parent() {
		if p.Type() == ast.TypeBlock && p.Lines().Len() > 0 {
			return p.Lines().At(0).Start
		}
	}
	return 0
}
