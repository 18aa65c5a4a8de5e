package content

import (
	"os"
	"sync"
	"time"

	"github.com/pressroom/pressroom/generator/diag"
)

// Cache keeps the parse of every content file between builds of one
// process (serve), keyed by path and checked by size and modification time,
// so a rebuild reads and parses only what changed. The zero value is empty
// and ready; a nil *Cache caches nothing.
type Cache struct {
	mu    sync.Mutex
	files map[string]parsed
}

// parsed is one file's parse: what parseItem sets on an Item, and its problems.
type parsed struct {
	size     int64
	modTime  time.Time
	loc      *time.Location
	front    Front
	body     []byte
	bodyLine int
	problems []diag.Problem
	// unreadable is set when the file or its front matter could not be read
	// at all, so no rule about its contents applies.
	unreadable bool
}

func (c *Cache) get(abs string, info os.FileInfo, loc *time.Location) (parsed, bool) {
	if c == nil || info == nil {
		return parsed{}, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	p, ok := c.files[abs]
	if !ok || p.size != info.Size() || !p.modTime.Equal(info.ModTime()) || p.loc != loc {
		return parsed{}, false
	}
	return p, true
}

func (c *Cache) put(abs string, info os.FileInfo, p parsed) {
	if c == nil || info == nil {
		return
	}
	p.size, p.modTime = info.Size(), info.ModTime()
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.files == nil {
		c.files = map[string]parsed{}
	}
	c.files[abs] = p
}

// Forget drops a file from the cache, for a watcher that saw it change
// within the modification time's resolution.
func (c *Cache) Forget(abs string) {
	if c == nil {
		return
	}
	c.mu.Lock()
	delete(c.files, abs)
	c.mu.Unlock()
}
