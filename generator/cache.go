package generator

import (
	"hash/maphash"
	"sync"

	"github.com/pressroom/pressroom/generator/content"
	"github.com/pressroom/pressroom/generator/markdown"
)

// Cache carries work from one build to the next within one process (serve):
// parsed content files and converted Markdown. Outputs never depend on it:
// a build with a cache writes the same bytes as one without.
type Cache struct {
	content content.Cache
	seed    maphash.Seed
	once    sync.Once
	mu      sync.Mutex
	html    map[htmlKey]markdown.Result
	used    map[htmlKey]bool // keys the current build used; the rest are dropped after it
}

// NewCache returns an empty cache.
func NewCache() *Cache { return &Cache{} }

type htmlKey struct {
	page   string // the permalink relative links resolve against
	unsafe bool
	body   uint64
}

func (c *Cache) key(body []byte, page string, unsafe bool) htmlKey {
	c.once.Do(func() { c.seed = maphash.MakeSeed() })
	return htmlKey{page: page, unsafe: unsafe, body: maphash.Bytes(c.seed, body)}
}

// convert returns the cached conversion of body, or converts it.
func (c *Cache) convert(body []byte, page string, unsafe bool, convert func() (markdown.Result, error)) (markdown.Result, error) {
	if c == nil {
		return convert()
	}
	k := c.key(body, page, unsafe)
	c.mu.Lock()
	res, ok := c.html[k]
	if c.used == nil {
		c.used = map[htmlKey]bool{}
	}
	c.used[k] = true
	c.mu.Unlock()
	if ok {
		return res, nil
	}
	res, err := convert()
	if err != nil {
		return res, err
	}
	c.mu.Lock()
	if c.html == nil {
		c.html = map[htmlKey]markdown.Result{}
	}
	c.html[k] = res
	c.mu.Unlock()
	return res, nil
}

// sweep forgets conversions the last build did not use, so memory stays
// bounded by one site however long serve runs.
func (c *Cache) sweep() {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for k := range c.html {
		if !c.used[k] {
			delete(c.html, k)
		}
	}
	c.used = nil
}

func (c *Cache) contentCache() *content.Cache {
	if c == nil {
		return nil
	}
	return &c.content
}
