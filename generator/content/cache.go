package content

import (
	"os"
	"sync"
	"time"
	"unsafe"

	"github.com/pressroom/pressroom/generator/diag"
	"github.com/pressroom/pressroom/generator/markdown/links"
	"github.com/pressroom/pressroom/generator/spill"
)

// Cache keeps the parse of every content file between builds of one
// process (serve), keyed by path and checked by size and modification time,
// so a rebuild reads and parses only what changed. The zero value is empty
// and ready; a nil *Cache caches nothing.
type Cache struct {
	mu    sync.Mutex
	files map[string]parsed
	// touched counts the changes a watcher reported per file, so that a
	// file rewritten within one tick of the file system's clock, with the
	// same size, still counts as changed.
	touched map[string]uint64
	// base, when set, is the cache this one is a view of (see View).
	base *Cache
	// bodies is where the bodies of the parses are kept, out of the heap
	// (see keepBody); nil until the first is put, and when the temporary
	// folder takes no file (the bodies then stay in memory).
	bodies   *spill.File
	noBodies bool // the temporary folder took no spill file
}

// View is a cache that reads c's parses and keeps none of its own: a load
// beside the builds that own c (serve's pre-flight check, which runs
// between them) reuses the parses they made and never changes what they
// find. A file that changed since is read again, for that load only.
func (c *Cache) View() *Cache {
	if c == nil {
		return nil
	}
	return &Cache{base: c}
}

// parsed is one file's parse: what parseItem sets on an Item, and its problems.
type parsed struct {
	size     int64
	modTime  time.Time
	loc      *time.Location
	front    Front
	body     []byte    // the body, unless kept
	kept     spill.Ref // the body in the cache's spill file
	bodyLine int
	version  uint64
	linked   []string
	images   []links.Image
	problems []diag.Problem
	// unreadable is set when the file or its front matter could not be read
	// at all, so no rule about its contents applies.
	unreadable bool
}

func (c *Cache) get(abs string, info os.FileInfo, loc *time.Location) (parsed, bool) {
	if c == nil || info == nil {
		return parsed{}, false
	}
	if c.base != nil {
		return c.base.get(abs, info, loc)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	p, ok := c.files[abs]
	// Each build loads its own *time.Location, so zones compare by name.
	if !ok || p.size != info.Size() || !p.modTime.Equal(info.ModTime()) || p.loc.String() != loc.String() {
		return parsed{}, false
	}
	return p, true
}

// put keeps p for abs, and says where it keeps its body (see keepBody).
func (c *Cache) put(abs string, info os.FileInfo, p parsed) spill.Ref {
	if c == nil || info == nil || c.base != nil {
		return spill.Ref{}
	}
	p.size, p.modTime = info.Size(), info.ModTime()
	p = c.keepBody(p)
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.files == nil {
		c.files = map[string]parsed{}
	}
	c.files[abs] = p
	return p.kept
}

// keepBody moves a parse's body into the cache's spill file: serve holds
// every parse for as long as it runs, and past the build that converts
// them the bodies are read again only when a conversion is not cached
// (an entry that moved) or by the pre-flight check. Where the file takes
// no more, the body stays in memory.
func (c *Cache) keepBody(p parsed) parsed {
	if len(p.body) == 0 {
		return p
	}
	c.mu.Lock()
	if c.bodies == nil && !c.noBodies {
		c.bodies, _ = spill.New("")
		c.noBodies = c.bodies == nil
	}
	f := c.bodies
	c.mu.Unlock()
	if f == nil {
		return p
	}
	ref, err := f.Put(unsafe.String(&p.body[0], len(p.body)))
	if err != nil {
		return p
	}
	p.body, p.kept = nil, ref
	return p
}

// Changed tells the cache that a watcher saw the file at abs change: its
// parse is dropped and everything made from it counts as changed, even if
// its size and modification time look the same.
func (c *Cache) Changed(abs string) {
	if c == nil || c.base != nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.files, abs)
	if c.touched == nil {
		c.touched = map[string]uint64{}
	}
	c.touched[abs]++
}

// changes returns how often a watcher reported abs changed.
func (c *Cache) changes(abs string) uint64 {
	if c == nil {
		return 0
	}
	if c.base != nil {
		return c.base.changes(abs)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.touched[abs]
}

// Reset empties the cache. Counts of reported changes are kept, so that
// nothing made before the reset can be mistaken for current.
func (c *Cache) Reset() {
	if c == nil || c.base != nil {
		return
	}
	c.mu.Lock()
	c.files = nil
	c.mu.Unlock()
}
