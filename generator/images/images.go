// Package images measures the site's photos and makes their web-sized
// derivatives: a display size (longest side 1600 px) and a thumbnail (480
// px) of every JPEG and PNG larger than that, beside the original, which
// stays downloadable. Derivatives are cached on disk by the SHA-256 of the
// original and the size asked for, in a cache that is neither source nor
// output, so a rebuild neither decodes nor encodes an unchanged photo.
package images

import (
	"fmt"
	"image"
	_ "image/jpeg" // decoders for DecodeConfig and Decode
	_ "image/png"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"

	"github.com/pressroom/pressroom/generator/diag"
	"github.com/pressroom/pressroom/generator/site"
)

// Widths are the longest sides of the derivatives, largest first.
var Widths = []int{1600, 480}

// Info is what pages need to show an image: its size and its derivatives.
type Info struct {
	Width, Height int
	Variants      []Variant // smallest first; empty when the original is small enough
}

// Variant is one derivative.
type Variant struct {
	Path          string // under the base: "assets/photos/x-480w.jpg"
	Width, Height int
	Longest       int // the longest side asked for
}

// Catalog holds the Info of every published photo by its path.
type Catalog map[string]Info

// resizable reports whether pressroom makes derivatives of a file.
func resizable(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".jpg", ".jpeg", ".png":
		return true
	}
	return false
}

// Sizes remembers the pixel size of each file version between builds of
// one process, so that serve does not open every photo on every rebuild.
// The zero value is ready; a nil *Sizes remembers nothing.
type Sizes struct {
	mu   sync.Mutex
	seen map[uint64]Info
}

func (m *Sizes) get(version uint64) (Info, bool) {
	if m == nil {
		return Info{}, false
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	info, ok := m.seen[version]
	return info, ok
}

func (m *Sizes) put(version uint64, info Info) {
	if m == nil {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.seen == nil {
		m.seen = map[uint64]Info{}
	}
	m.seen[version] = info
}

// Reset forgets every size.
func (m *Sizes) Reset() {
	m.mu.Lock()
	m.seen = nil
	m.mu.Unlock()
}

// Inspect reads the header of every published JPEG and PNG (not the whole
// image), unless sizes knows it already, and plans its derivatives. An
// unreadable or corrupt image is a problem naming its file.
func Inspect(root string, s *site.Site, sizes *Sizes) (Catalog, error) {
	var problems diag.List
	cat := Catalog{}
	for _, a := range s.Files() {
		if _, done := cat[a.Path]; done || !resizable(a.Name) {
			continue
		}
		info, ok := sizes.get(a.Asset.Version())
		if !ok {
			var err error
			if info, err = inspect(filepath.Join(root, filepath.FromSlash(a.Source))); err != nil {
				problems.Add(a.Source, 0, "cannot read this image (%v): replace it with a valid JPEG or PNG", err)
				continue
			}
			sizes.put(a.Asset.Version(), info)
		}
		info.Variants = variants(a.Path, info.Width, info.Height)
		cat[a.Path] = info
	}
	return cat, problems.Err()
}

func inspect(file string) (Info, error) {
	f, err := os.Open(file)
	if err != nil {
		return Info{}, err
	}
	defer f.Close()
	cfg, _, err := image.DecodeConfig(f)
	if err != nil {
		return Info{}, err
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return Info{}, fmt.Errorf("it has no pixels")
	}
	return Info{Width: cfg.Width, Height: cfg.Height}, nil
}

// variants plans the derivatives smaller than the original.
func variants(p string, w, h int) []Variant {
	var out []Variant
	ext := path.Ext(p)
	for i := len(Widths) - 1; i >= 0; i-- {
		longest := Widths[i]
		if max(w, h) <= longest {
			continue
		}
		vw, vh := fit(w, h, longest)
		out = append(out, Variant{Path: fmt.Sprintf("%s-%dw%s", strings.TrimSuffix(p, ext), vw, ext), Width: vw, Height: vh, Longest: longest})
	}
	return out
}

// fit scales w×h so that its longest side is longest, keeping the ratio.
func fit(w, h, longest int) (int, int) {
	if w >= h {
		return longest, max(1, (h*longest+w/2)/w)
	}
	return max(1, (w*longest+h/2)/h), longest
}

// Srcset is the srcset attribute for an image: its variants and the original.
func (i Info) Srcset(href func(string) string, original string) string {
	var parts []string
	for _, v := range i.Variants {
		parts = append(parts, fmt.Sprintf("%s %dw", href(v.Path), v.Width))
	}
	parts = append(parts, fmt.Sprintf("%s %dw", href(original), i.Width))
	return strings.Join(parts, ", ")
}
