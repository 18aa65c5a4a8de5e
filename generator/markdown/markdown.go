// Package markdown owns the one configured goldmark instance of a build:
// GFM tables and links, footnotes, typographic quotes, heading ids, and raw
// HTML escaped unless the site opts in. It rewrites every relative link and
// image against the page's permalink, so the same HTML is correct on the
// page, in feeds and in kits. It knows nothing of templates or files.
package markdown

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"html"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	gmhtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/pressroom/pressroom/generator/markdown/guard"
	"github.com/pressroom/pressroom/generator/markdown/links"
)

// Renderer converts Markdown. It is safe for concurrent use.
type Renderer struct {
	md goldmark.Markdown
}

// New builds the renderer once per build. With unsafe, raw HTML in Markdown
// is passed through; otherwise it is shown as the text it is.
func New(unsafe bool, opts ...Option) *Renderer {
	urls := &absoluteURLs{}
	for _, o := range opts {
		o(urls)
	}
	rendererOpts := []goldmark.Option{}
	if unsafe {
		rendererOpts = append(rendererOpts, goldmark.WithRendererOptions(gmhtml.WithUnsafe()))
	} else {
		rendererOpts = append(rendererOpts, goldmark.WithRendererOptions(
			renderer.WithNodeRenderers(util.Prioritized(escapedHTML{}, 100))))
	}
	// goldmark's parser, with guards around the parsers whose time would
	// otherwise grow with the square of a hostile body.
	guarded := guard.NewParser()
	md := goldmark.New(append(append([]goldmark.Option{goldmark.WithParser(guarded)}, rendererOpts...),
		goldmark.WithExtensions(extension.GFM, extension.Footnote, extension.Typographer),
		goldmark.WithParserOptions(
			parser.WithAutoHeadingID(),
			parser.WithASTTransformers(util.Prioritized(urls, 100)),
		),
	)...)
	if err := guarded.Check(); err != nil {
		panic(err) // goldmark changed: every test of this package fails here
	}
	return &Renderer{md: md}
}

// Result is one converted document.
type Result struct {
	HTML    string
	Summary string // the text of the first paragraph, for lists and feeds
}

var pageKey, picturesKey = parser.NewContextKey(), parser.NewContextKey()

// Picture is how an image of a body is shown: the file it loads (the
// web-sized derivative of a photo, or the file itself), its size, and
// the srcset of all its sizes, with absolute URLs.
type Picture struct {
	Src           string
	Width, Height int
	Srcset        string
}

// Sizes is the sizes attribute of a body's pictures: the width of the
// theme's text column, 42rem, or on narrower screens the viewport less the
// page's margins (1.25rem a side), so that a phone is not sent the copy
// for a column 40 px wider than its own.
const Sizes = "(min-width: 44.5rem) 42rem, calc(100vw - 2.5rem)"

// Converts counts the bodies converted since the process started; tests
// use it to see a cache work.
var Converts atomic.Int64

// Convert renders src; relative URLs in it are resolved against page. An
// image whose destination (as links.Images gives it) is in pictures is
// shown as the picture says, with its width, height, srcset and sizes,
// and loaded lazily after the first.
func (r *Renderer) Convert(src []byte, page *url.URL, pictures map[string]Picture) (Result, error) {
	Converts.Add(1)
	ctx := parser.NewContext(parser.WithIDs(newHeadingIDs()))
	ctx.Set(pageKey, page)
	ctx.Set(picturesKey, pictures)
	doc := r.md.Parser().Parse(text.NewReader(src), parser.WithContext(ctx))
	buf := buffers.Get().(*bytes.Buffer)
	defer buffers.Put(buf)
	buf.Reset()
	buf.Grow(len(src) + len(src)/2)
	if err := r.md.Renderer().Render(buf, src, doc); err != nil {
		return Result{}, fmt.Errorf("markdown: %w", err)
	}
	return Result{HTML: buf.String(), Summary: firstParagraph(doc, src)}, nil
}

// buffers are reused: the HTML is copied out of them, and growing a new
// buffer for each of ten thousand bodies was a twentieth of a build's
// allocation.
var buffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// An Option changes a Renderer from its defaults.
type Option func(*absoluteURLs)

// WithBase names the site's base URL: a link into its asset library, in
// any spelling, is then written as links.AssetURL writes it. Without it
// the library is taken to be at the root of each page's host.
func WithBase(base *url.URL) Option { return func(t *absoluteURLs) { t.base = base } }

// absoluteURLs resolves link and image destinations against the page's
// permalink, and writes links into the asset library in their one
// canonical spelling.
type absoluteURLs struct {
	base *url.URL
}

func (t *absoluteURLs) Transform(doc *ast.Document, _ text.Reader, pc parser.Context) {
	page, _ := pc.Get(pageKey).(*url.URL)
	if page == nil {
		return
	}
	base := t.base
	if base == nil {
		base = &url.URL{Scheme: page.Scheme, Host: page.Host, Path: "/"}
	}
	pictures, _ := pc.Get(picturesKey).(map[string]Picture)
	shown := 0
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Link:
			n.Destination = resolve(page, base, n.Destination)
		case *ast.Image:
			if p, ok := pictures[links.Unescape(n.Destination)]; ok {
				picture(n, p, shown)
				shown++
				break
			}
			n.Destination = resolve(page, base, n.Destination)
		}
		return ast.WalkContinue, nil
	})
}

// picture shows an image as p says; the nth image of the body (from 0)
// is loaded lazily unless it is the first, which may be in view at once.
func picture(n *ast.Image, p Picture, nth int) {
	n.Destination = []byte(p.Src)
	if p.Width > 0 {
		n.SetAttributeString("width", []byte(strconv.Itoa(p.Width)))
		n.SetAttributeString("height", []byte(strconv.Itoa(p.Height)))
	}
	if p.Srcset != "" {
		n.SetAttributeString("srcset", []byte(p.Srcset))
		n.SetAttributeString("sizes", []byte(Sizes))
	}
	if nth > 0 {
		n.SetAttributeString("loading", []byte("lazy"))
	}
	n.SetAttributeString("decoding", []byte("async"))
}

func resolve(page, base *url.URL, dest []byte) []byte {
	s := string(dest)
	if s == "" || strings.HasPrefix(s, "#") {
		return dest
	}
	if name, ok := links.AssetName(links.Unescape(dest), page, base); ok {
		return []byte(links.AssetURL(name, base)) // the one spelling every host serves
	}
	ref, err := url.Parse(s)
	if err != nil || ref.IsAbs() {
		return dest
	}
	return []byte(page.ResolveReference(ref).String())
}

func firstParagraph(doc ast.Node, src []byte) string {
	var out string
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if p, ok := n.(*ast.Paragraph); ok && entering {
			out = plainText(p, src)
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	return out
}

func plainText(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			b.Write(c.Segment.Value(src))
			if c.SoftLineBreak() || c.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.WriteString(html.UnescapeString(string(c.Value))) // typographer entities such as &ldquo;
		}
		return ast.WalkContinue, nil
	})
	return strings.TrimSpace(b.String())
}

// Encode writes a result as bytes that Decode reads back, for a disk cache.
func (r Result) Encode() []byte {
	out := binary.AppendUvarint(nil, uint64(len(r.Summary)))
	out = append(out, r.Summary...)
	return append(out, r.HTML...)
}

// Decode reads what Encode wrote.
func Decode(data []byte) (Result, error) {
	n, k := binary.Uvarint(data)
	if k <= 0 || uint64(len(data)-k) < n {
		return Result{}, errors.New("markdown: not an encoded result")
	}
	rest := data[k:]
	return Result{Summary: string(rest[:n]), HTML: string(rest[n:])}, nil
}
