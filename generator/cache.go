package generator

import (
	"sync"

	"github.com/pressroom/pressroom/generator/content"
	"github.com/pressroom/pressroom/generator/diskcache"
	"github.com/pressroom/pressroom/generator/images"
	"github.com/pressroom/pressroom/generator/markdown"
	"github.com/pressroom/pressroom/generator/render"
	"github.com/pressroom/pressroom/generator/spill"
)

// Cache carries work from one build to the next within one process (serve):
// parsed content files, photo sizes, converted Markdown, feed items and the
// files of the last build. Outputs never depend on it: a build with a cache
// writes the same bytes as one without.
type Cache struct {
	content content.Cache
	sizes   images.Sizes
	mu      sync.Mutex
	html    render.Memo[htmlKey, body]  // converted Markdown
	bodies  *spill.File                 // where html's bodies are (see keep)
	shared  render.Memo[uint64, []byte] // fragments outputs share, such as feed items
	record  *render.Record              // what the last build into memory wrote, task by task
	kept    render.Kept                 // what outputs keep, such as the search index

	// sums are the content hashes of source files, checked by stat, kept
	// from build to build for the site at sumsFor (see hashAssets).
	sums    *diskcache.Sums
	sumsFor [2]string // source and disk cache

	// watched is set when every change is reported through Changed; then
	// pending holds the files changed since the last good build, and last
	// what that build made, for the fast path (see refresh).
	watched bool
	pending map[string]bool
	last    *lastBuild
}

// NewCache returns an empty cache.
func NewCache() *Cache { return &Cache{} }

// NewWatchedCache returns an empty cache for a caller that reports every
// change of the site's files through Changed, as serve's watcher does. A
// rebuild that only edits published entries' files then refreshes them in
// the last build instead of building from nothing.
func NewWatchedCache() *Cache { return &Cache{watched: true} }

// Watched reports whether the cache was made with NewWatchedCache.
func (c *Cache) Watched() bool { return c != nil && c.watched }

// keepLast keeps what a good build made for the next to refresh; only a
// watched cache calls for it.
func (c *Cache) keepLast(l *lastBuild) {
	c.mu.Lock()
	c.last, c.pending = l, nil
	c.mu.Unlock()
}

func (c *Cache) forgetLast() {
	c.mu.Lock()
	c.last = nil
	c.mu.Unlock()
}

// dropHTML forgets the conversion of an entry's old text, which a
// refreshed entry no longer uses: memory stays bounded by one site
// however many edits serve sees.
func (c *Cache) dropHTML(version uint64, page string, unsafe bool) {
	c.html.Forget(htmlKey{page: page, unsafe: unsafe, version: version})
}

type htmlKey struct {
	page    string // the permalink relative links resolve against
	unsafe  bool
	version uint64 // the item's fingerprint, which covers its body
}

// body is a conversion: its HTML in the cache's spill file, or in memory
// (without a cache, or where no spill file could be made), and the text of
// its first paragraph.
type body struct {
	spilled spill.Ref
	html    string
	summary string
}

// convert returns the cached conversion of an entry's body, or converts it.
func (c *Cache) convert(version uint64, page string, unsafe bool, convert func() (markdown.Result, error)) (body, error) {
	if c == nil {
		res, err := convert()
		return body{html: res.HTML, summary: res.Summary}, err
	}
	return c.html.Get(htmlKey{page: page, unsafe: unsafe, version: version}, func() (body, error) {
		res, err := convert()
		if err != nil {
			return body{}, err
		}
		return c.keep(res), nil
	})
}

// keep puts a conversion's HTML in the cache's spill file, out of the heap:
// serve holds every entry's body from build to build, and at 100,000
// releases they are 600 MB. Where the temporary folder takes no file (or
// no more), the HTML stays in memory.
func (c *Cache) keep(res markdown.Result) body {
	c.mu.Lock()
	if c.bodies == nil {
		c.bodies, _ = spill.New("")
	}
	f := c.bodies
	c.mu.Unlock()
	if f != nil && res.HTML != "" {
		if r, err := f.Put(res.HTML); err == nil {
			return body{spilled: r, summary: res.Summary}
		}
	}
	return body{html: res.HTML, summary: res.Summary}
}

// sweep forgets conversions the last build did not use, so memory stays
// bounded by one site however long serve runs.
func (c *Cache) sweep() {
	if c != nil {
		c.html.Sweep()
	}
}

func (c *Cache) contentCache() *content.Cache {
	if c == nil {
		return nil
	}
	return &c.content
}

func (c *Cache) lastRecord() *render.Record {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.record
}

// remember keeps the record of a complete build for the next one to reuse.
func (c *Cache) remember(r *render.Record) {
	if c == nil {
		return
	}
	c.mu.Lock()
	c.record = r
	c.mu.Unlock()
}

// Changed tells the cache that a watcher saw these files change (absolute
// paths), so that nothing made from them is reused, whatever their size and
// modification time say.
func (c *Cache) Changed(paths ...string) {
	if c == nil {
		return
	}
	c.mu.Lock()
	if c.watched {
		if c.pending == nil {
			c.pending = map[string]bool{}
		}
		for _, p := range paths {
			c.pending[p] = true
		}
	}
	c.mu.Unlock()
	for _, p := range paths {
		c.content.Changed(p)
	}
}

// Reset forgets everything, for when changes may have gone unseen (a
// watcher that overflowed): the next build starts from nothing.
func (c *Cache) Reset() {
	if c == nil {
		return
	}
	c.mu.Lock()
	c.record, c.last = nil, nil
	c.bodies = nil // a new file for the new conversions; the old one goes when nothing refers to it
	c.mu.Unlock()
	c.html.Reset()
	c.content.Reset()
	c.sizes.Reset()
	c.shared.Reset()
	c.kept.Reset()
}

// keptByOutputs returns what outputs keep from build to build, or nil
// without a cache.
func (c *Cache) keptByOutputs() *render.Kept {
	if c == nil {
		return nil
	}
	return &c.kept
}

// fragments returns the memo of shared encodings: the cache's, kept from
// build to build, or without a cache one for this build alone, so that an
// entry listed by five feeds is still encoded once per format.
func (c *Cache) fragments() *render.Memo[uint64, []byte] {
	if c == nil {
		return &render.Memo[uint64, []byte]{}
	}
	return &c.shared
}

func (c *Cache) imageSizes() *images.Sizes {
	if c == nil {
		return nil
	}
	return &c.sizes
}

// sumTable returns the table of content hashes a build of source uses:
// the cache's, kept from build to build (its entries are checked by stat,
// so an edit the watcher missed still shows), else the disk cache's, read
// for this build; nil when there is neither, and no build reuses anything.
func (c *Cache) sumTable(source string, disk diskcache.Dir) *diskcache.Sums {
	if c == nil {
		if disk == "" {
			return nil
		}
		return disk.Sums(source)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if key := [2]string{source, string(disk)}; c.sums == nil || c.sumsFor != key {
		c.sums, c.sumsFor = disk.Sums(source), key
	}
	return c.sums
}
