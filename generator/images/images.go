// Package images measures the site's photos and makes their web-sized
// derivatives: a display size (longest side 1600 px), a column size (720
// px) and a thumbnail (480 px) of every JPEG and PNG larger than that,
// beside the original, which
// stays downloadable. Derivatives are cached on disk by the SHA-256 of the
// original and the size asked for, in a cache that is neither source nor
// output, so a rebuild neither decodes nor encodes an unchanged photo.
package images

import (
	"errors"
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

// MaxPixels and MaxSide bound the images pressroom decodes to make
// derivatives. A photo is decoded whole, at 1.5 to 8 bytes a pixel, and a
// PNG of a megabyte or two can declare 40000 × 40000 pixels: decoding it
// took gigabytes and ran out of memory. Images over either limit are
// refused from their header alone (image.DecodeConfig), before anything
// decodes them. A 100-megapixel press photo (about 12,300 × 8,200 px)
// passes; the side limit also bounds the scratch of scaling a thin strip
// that cannot be halved (see reduce.go). Libraries agree on limits of this
// size: Pillow refuses 179 megapixels, libvips and Hugo bound theirs too.
const (
	MaxPixels = 150_000_000
	MaxSide   = 30_000
)

// TooLargeError is the refusal of an image over MaxPixels or MaxSide.
type TooLargeError struct{ Width, Height int }

func (e *TooLargeError) Error() string {
	return fmt.Sprintf("this image is %d × %d px (%.0f megapixels), over the limit of %d megapixels and %s px a side that pressroom decodes: "+
		"export a smaller copy (a 100-megapixel photo is more than any press use needs) and replace it",
		e.Width, e.Height, float64(e.Width)*float64(e.Height)/1e6, MaxPixels/1_000_000, thousands(MaxSide))
}

// checkSize refuses a size over the limits.
func checkSize(w, h int) error {
	if w <= 0 || h <= 0 {
		return fmt.Errorf("it has no pixels")
	}
	if w > MaxSide || h > MaxSide || int64(w)*int64(h) > MaxPixels {
		return &TooLargeError{Width: w, Height: h}
	}
	return nil
}

func thousands(n int) string {
	s := fmt.Sprint(n)
	if len(s) <= 3 {
		return s
	}
	return thousands(n/1000) + "," + s[len(s)-3:]
}

// Widths are the longest sides of the derivatives, largest first. 720
// fits the theme's text column, 42rem (672 px) on a desktop and 372 px on
// a phone at up to 1.9 device pixels a CSS pixel: without it both were
// sent the 1600 px copy, about five times the pixels they show.
var Widths = []int{1600, 720, 480}

// Info is what pages need to show an image: its size and its derivatives.
type Info struct {
	Width, Height int
	Variants      []Variant // smallest first; empty when the original is small enough
	// Card is the photo's social card (CardWidth × CardHeight, cropped to
	// fill), for photos at least that large; nil otherwise.
	Card *Variant
}

// Variant is one derivative.
type Variant struct {
	Path          string // under the base: "assets/photos/x-480w.jpg"
	Width, Height int
	Longest       int // the longest side asked for
	Fit           Fit
}

// Fit is how a derivative takes the photo in.
type Fit string

const (
	Scale Fit = ""      // the whole photo, scaled
	Cover Fit = "cover" // cropped at its centre to fill the derivative: a photo's social card
	Pad   Fit = "pad"   // whole, centred on a white card: the logo's social card
)

// CardWidth and CardHeight are the size of a social card, the picture a
// page is shared with: Open Graph's and Twitter's large image.
const (
	CardWidth  = 1200
	CardHeight = 630
)

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
// image), unless sizes knows it already, and plans its derivatives; its
// size is the photo's upright, as its EXIF orientation turns it. Photos
// that lead a page (site.Entry.Lead) get a social card when they are at
// least CardWidth × CardHeight, and the organisation's raster logo one
// padded onto white. An unreadable or corrupt image, or one over MaxPixels
// or MaxSide, is a problem naming its file.
func Inspect(root string, s *site.Site, sizes *Sizes) (Catalog, error) {
	var problems diag.List
	cat := Catalog{}
	leads := map[*site.Asset]bool{}
	for _, e := range s.Every() {
		if a := e.Lead(); a != nil {
			leads[a] = true
		}
	}
	for _, a := range s.EveryFile() {
		if _, done := cat[a.Path]; done || !resizable(a.Name) {
			continue
		}
		info, ok := sizes.get(a.Asset.Version())
		if !ok {
			var err error
			if info, err = inspect(filepath.Join(root, filepath.FromSlash(a.Source))); err != nil {
				var large *TooLargeError
				if errors.As(err, &large) {
					problems.Add(a.Source, 0, "%v", err)
				} else {
					problems.Add(a.Source, 0, "cannot read this image (%v): replace it with a valid JPEG or PNG", err)
				}
				continue
			}
			sizes.put(a.Asset.Version(), info)
		}
		if a.Meta.Orientation >= 5 {
			info.Width, info.Height = info.Height, info.Width
		}
		info.Variants = variants(a.Path, info.Width, info.Height)
		switch {
		case a == s.LogoRaster:
			info.Card = card(a.Path, ".png", Pad)
		case leads[a] && info.Width >= CardWidth && info.Height >= CardHeight:
			info.Card = card(a.Path, ".jpg", Cover)
		}
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
	if err := checkSize(cfg.Width, cfg.Height); err != nil {
		return Info{}, err
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

// card plans a social card of the file at p, beside it.
func card(p, ext string, fit Fit) *Variant {
	return &Variant{Path: fmt.Sprintf("%s-%dx%d%s", strings.TrimSuffix(p, path.Ext(p)), CardWidth, CardHeight, ext),
		Width: CardWidth, Height: CardHeight, Fit: fit}
}

// All is every derivative of the photo: its variants and its card.
func (i Info) All() []Variant {
	if i.Card == nil {
		return i.Variants
	}
	return append(append([]Variant(nil), i.Variants...), *i.Card)
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
