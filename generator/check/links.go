package check

import (
	"bytes"
	"context"
	"fmt"
	"maps"
	"net/url"
	"path"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/pressroom/pressroom/generator/content"
	"github.com/pressroom/pressroom/generator/markdown/links"
	"github.com/pressroom/pressroom/generator/render"
	"github.com/pressroom/pressroom/generator/render/feeds"
	"github.com/pressroom/pressroom/generator/site"
)

// link is one link of an entry's body that leads into the site.
type link struct {
	from *site.Entry
	dest string // as written (unescaped)
	path string // under the base, as links.SitePath reads it
	line int    // the file line it is written on
}

// findLinks finds the links of every body of the whole site that lead
// into the site, in parallel, in the order of the entries. goldmark parses
// a body only where a cheap scan cannot be sure of its links (see
// plainLinks), or where a link the scan found needs a second look: one
// whose target is missing, held longer, or a file (a photo it shows).
//
// A body it cannot read (serve keeps them in a temporary file) is in
// unread, with why: the check says so rather than pass over its links.
func findLinks(ctx context.Context, whole *site.Site, needsParse func(link) bool, memo *linkMemo) (out []link, unread []Finding) {
	entries := whole.Every()
	found := make([][]link, len(entries))
	failed := make([]error, len(entries))
	base := whole.Config.Base
	// Workers take the next entry from a counter: no handing over of each
	// entry, which on a busy machine waits for a worker to be scheduled.
	var wg sync.WaitGroup
	var next atomic.Int64
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := int(next.Add(1) - 1); i < len(entries) && ctx.Err() == nil; i = int(next.Add(1) - 1) {
				found[i], failed[i] = bodyLinks(entries[i], base, needsParse, memo)
			}
		}()
	}
	wg.Wait()
	if ctx.Err() == nil {
		memo.Sweep() // every text it needed was read: forget the rest
	}
	for i, ls := range found {
		out = append(out, ls...)
		if err := failed[i]; err != nil {
			it := entries[i].Item
			unread = append(unread, Finding{File: it.Source, Line: it.BodyLine, Severity: Error,
				Message: fmt.Sprintf("its links were not checked: %v (free space in the temporary folder, or start pressroom serve again)", err)})
		}
	}
	return out, unread
}

func bodyLinks(e *site.Entry, base *url.URL, needsParse func(link) bool, memo *linkMemo) ([]link, error) {
	f := textOf(memo, e.Item)
	if f.err != nil || !f.any {
		return nil, f.err
	}
	page := base.ResolveReference(&url.URL{Path: e.Path})
	if f.plainOK {
		out := resolveLinks(e, f.plain, page, base)
		if !slices.ContainsFunc(out, needsParse) {
			return out, nil
		}
	}
	return resolveLinks(e, parsedLinks(e.Item, f), page, base), nil
}

// found is what a body's text says of its links, which depends on the
// text alone: a session keeps it by the version of the file, so that a
// check after an edit reads no body but the edited one (at 100,000
// releases the bodies are 490 MB, which serve keeps in a file).
type found struct {
	any      bool   // mayHoldLinks
	plain    []spot // what plainLinks found, if plainOK
	plainOK  bool
	once     sync.Once
	goldmark []spot // what goldmark found, once a link needed a second look
	err      error  // the text could not be read: nothing else is set
}

// spot is a link destination as written, and the line of the body it is
// on (0 for the first).
type spot struct {
	dest string
	line int
}

// findText reads what the text of it says of its links.
func findText(it *content.Item) *found {
	body, err := it.Markdown()
	if err != nil {
		return &found{err: err}
	}
	f := &found{any: mayHoldLinks(body)}
	if f.any {
		var dests []string
		dests, f.plainOK = plainLinks(body)
		f.plain = spots(body, dests)
	}
	return f
}

// spots finds the line of each destination, which links are found in
// order: each is looked for after the one before, else from the top.
func spots(body []byte, dests []string) []spot {
	out := make([]spot, len(dests))
	from := 0
	for i, dest := range dests {
		out[i].dest = dest
		if dest == "" {
			continue
		}
		if j := bytes.Index(body[from:], []byte(dest)); j >= 0 {
			out[i].line = bytes.Count(body[:from+j], []byte("\n"))
			from += j
		} else if j := bytes.Index(body, []byte(dest)); j >= 0 {
			out[i].line = bytes.Count(body[:j], []byte("\n"))
		}
	}
	return out
}

// linkMemo keeps what each text says of its links (found), by the version
// of its file, from one check of a session to the next: a check that read
// every text it needed sweeps what it did not use (render.Memo), and one
// stopped by an edit keeps everything for the next. A nil memo keeps
// nothing.
type linkMemo = render.Memo[uint64, *found]

// textOf returns what the text of it says of its links, read once per
// version of its file; a text that cannot be read is not kept.
func textOf(m *linkMemo, it *content.Item) *found {
	if it.Version == 0 {
		return findText(it)
	}
	f, _ := m.Get(it.Version, func() (*found, error) {
		f := findText(it)
		return f, f.err
	})
	return f
}

// parsedLinks returns the links goldmark finds in the text of it, parsed
// once per version of its file.
func parsedLinks(it *content.Item, f *found) []spot {
	f.once.Do(func() {
		if body, err := it.Markdown(); err == nil {
			f.goldmark = spots(body, links.Find(body))
		}
	})
	return f.goldmark
}

// resolveLinks keeps the dests that lead into the site, with their lines.
func resolveLinks(e *site.Entry, found []spot, page, base *url.URL) []link {
	var out []link
	for _, sp := range found {
		dest := sp.dest
		p, ok := links.SitePath(dest, page, base)
		if a := e.BodyImages[dest]; a != nil {
			p, ok = a.Path, true // an image of the body shows the file the site resolved it to
		}
		if !ok || dest == "" || strings.HasPrefix(dest, "#") || email(dest) {
			continue
		}
		out = append(out, link{from: e, dest: dest, path: p, line: e.Item.BodyLine + sp.line})
	}
	return out
}

// plainLinks finds the destinations of the inline links and images of a
// body that holds no other way to write a link: no raw HTML or autolink
// (<), character reference (&), escape (\\), code (` or ~~~), link
// reference or footnote (]:), and no bare address outside a link (www.,
// ://). It finds every link goldmark would, e-mail addresses aside (which
// lead nowhere on the site), and perhaps more (a "](" that
// opens no link): ok is false where it cannot be sure.
func plainLinks(src []byte) (dests []string, ok bool) {
	if bytes.ContainsAny(src, "<&\\`") || bytes.Contains(src, []byte("~~~")) || bytes.Contains(src, []byte("]:")) || bytes.Contains(src, []byte("www.")) {
		return nil, false
	}
	inLinks := 0 // the "://" inside the destinations found
	for rest := src; ; {
		i := bytes.Index(rest, []byte("]("))
		if i < 0 {
			break
		}
		rest = bytes.TrimLeft(rest[i+2:], " \t\n")
		end := bytes.IndexAny(rest, " \t\n)(")
		if end < 0 || rest[end] == '(' {
			return nil, false // a destination with parentheses, or one never closed
		}
		dest := rest[:end]
		inLinks += bytes.Count(dest, []byte("://"))
		dests = append(dests, string(dest))
		rest = rest[end:]
	}
	if bytes.Count(src, []byte("://")) != inLinks {
		return nil, false // a bare address, which GFM links
	}
	return dests, true
}

// email reports whether dest is an e-mail address that GFM linked as it
// stands (its link is mailto:).
func email(dest string) bool {
	return strings.Contains(dest, "@") && !strings.ContainsAny(dest, "/:")
}

// mayHoldLinks reports whether Markdown src can hold a link: a bracket, an
// HTML tag or autolink, or a bare address GFM links.
func mayHoldLinks(src []byte) bool {
	return bytes.ContainsAny(src, "[<") || bytes.Contains(src, []byte("://")) || bytes.Contains(src, []byte("www."))
}

// target is what a link path names in the whole site.
type target struct {
	entry *site.Entry // a page, or the entry whose kit or bundle file it is
	file  *site.Asset // a library or bundle file, or the original of a derivative
	other bool        // a list, a tag, or a file of the build's own that is always there
}

// targets indexes the whole site by path.
type targets struct {
	pages   map[string]*site.Entry
	files   map[string]fileOf
	folded  map[string]fileOf // library files by lower-case path
	lists   map[string]bool   // section lists, tag pages, the home page
	tops    map[string]bool   // first segments of every path the site has
	ranges  map[string]bool   // first segments under which every path is known: sections, microsites, assets
	derived map[string]string // a derivative's path to its original's
	static  func(string) bool // whether static/ holds a file or folder at a path
}

type fileOf struct {
	file  *site.Asset
	owner *site.Entry // nil for a library file
}

func newTargets(whole *site.Site, derived map[string]string, static func(string) bool) *targets {
	t := &targets{pages: map[string]*site.Entry{}, files: map[string]fileOf{}, folded: map[string]fileOf{},
		lists: map[string]bool{"": true}, tops: map[string]bool{}, ranges: map[string]bool{"assets": true},
		derived: derived, static: static}
	for _, e := range whole.Every() {
		t.pages[e.Path] = e
		t.tops[first(e.Path)] = true
		for _, f := range e.Files {
			t.files[f.Path] = fileOf{file: f, owner: e}
		}
	}
	for _, a := range whole.Assets {
		t.files[a.Path] = fileOf{file: a}
		t.folded[strings.ToLower(a.Path)] = fileOf{file: a}
	}
	for _, l := range whole.Sites() { // every language's lists
		if l.Prefix != "" {
			t.lists[l.Prefix] = true
			for _, top := range ownTops {
				t.lists[l.Prefix+top], t.lists[l.Prefix+top+"/"] = true, true
			}
		}
		for _, sec := range l.Sections {
			t.lists[sec.Path] = true
			t.tops[first(sec.Path)] = true
			t.ranges[first(sec.Path)] = true
		}
		for _, m := range l.Microsites {
			t.ranges[first(m.Path)] = true
			for _, f := range feeds.Files {
				t.lists[m.Path+f] = true
			}
		}
		for _, tag := range l.Tags {
			t.lists[tag.Path] = true
		}
	}
	for dir := range maps.Clone(t.lists) {
		for _, f := range feeds.Files {
			t.lists[dir+f] = true
		}
	}
	for _, top := range ownTops {
		t.tops[top] = true
	}
	return t
}

// ownTops are the top-level folders and files a build writes besides
// pages and files of the content: lists, feeds, kits, vCards.
var ownTops = []string{"assets", "tags", "contacts", "press-kits", "events", "coverage", "page",
	"feed.xml", "atom.xml", "feed.json", "sitemap.xml", "robots.txt", "press-kit.zip", "contacts.vcf", "404.html", "css", "js", "fonts", "images", "search", "events.ics"}

func first(p string) string {
	top, _, _ := strings.Cut(p, "/")
	return top
}

// find says what p names: found is false when the site has nothing there,
// known false when p lies where check cannot tell (a file the theme or
// static/ may write).
func (t *targets) find(p string) (tg target, found, known bool) {
	if p == "index.html" || strings.HasSuffix(p, "/index.html") {
		p = strings.TrimSuffix(p, "index.html")
	}
	if e, ok := t.pages[p]; ok {
		return target{entry: e}, true, true
	}
	if e, ok := t.pages[p+"/"]; ok && path.Ext(p) == "" {
		return target{entry: e}, true, true
	}
	if t.lists[p] || t.lists[p+"/"] {
		return target{other: true}, true, true
	}
	if f, ok := t.files[p]; ok {
		return target{entry: f.owner, file: f.file}, true, true
	}
	if orig, ok := t.derived[p]; ok {
		f := t.files[orig]
		return target{entry: f.owner, file: f.file}, true, true
	}
	if f, ok := t.folded[strings.ToLower(p)]; ok {
		return target{file: f.file}, true, true // a case-insensitive host serves it
	}
	dir, name := path.Split(p)
	if e, ok := t.pages[dir]; ok && name == "press-kit.zip" && e.Section == "press" {
		return target{entry: e}, true, true
	}
	if t.static(p) {
		return target{other: true}, true, true
	}
	top := first(p)
	switch {
	case t.ranges[top] && strings.Contains(strings.TrimSuffix(p, "/"), "/"):
		if strings.HasPrefix(p, top+"/page/") {
			return target{}, false, false // a page of a list: lists are not counted here
		}
		return target{}, false, true
	case !t.tops[top] && !strings.Contains(strings.TrimSuffix(p, "/"), "/") && path.Ext(p) == "":
		return target{}, false, true // a page at the top that no file makes
	}
	return target{}, false, false
}
