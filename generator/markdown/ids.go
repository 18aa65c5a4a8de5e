package markdown

import (
	"strconv"

	"github.com/yuin/goldmark/ast"

	"github.com/pressroom/pressroom/generator/content"
)

// headingIDs gives each heading a unique id ("results", "results-1", ...).
// goldmark's own table retries every suffix from 1 for each duplicate, which
// is quadratic in the number of identical headings (goldmark#594); this one
// remembers the next suffix per id.
type headingIDs struct {
	used map[string]bool
	next map[string]int
}

func newHeadingIDs() *headingIDs {
	return &headingIDs{used: map[string]bool{}, next: map[string]int{}}
}

func (h *headingIDs) Generate(value []byte, _ ast.NodeKind) []byte {
	base := content.Slugify(string(value))
	if base == "" {
		base = "heading"
	}
	id := base
	for h.used[id] {
		h.next[base]++
		id = base + "-" + strconv.Itoa(h.next[base])
	}
	h.used[id] = true
	return []byte(id)
}

func (h *headingIDs) Put(value []byte) { h.used[string(value)] = true }
