package images

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"

	"golang.org/x/image/draw"

	"github.com/pressroom/pressroom/generator/diskcache"
)

// Encodes counts the derivatives encoded (not taken from the cache) since
// the process started; tests use it to see the cache work.
var Encodes atomic.Int64

// Derive returns the bytes of every variant of the image in file, from the
// cache when it has them, else by decoding once and encoding each, the
// largest first, each from the photo as far as reduce took it for the last
// where that still covers it. Pixels are scaled as they are stored and
// turned upright by the EXIF orientation (1 to 8; 0 is upright) last, on
// the small result. It stops between steps once ctx is done, and returns
// ctx's error.
func Derive(ctx context.Context, cache diskcache.Dir, file string, orientation int, variants []Variant) ([][]byte, error) {
	src, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(src)
	id := hex.EncodeToString(sum[:])
	out := make([][]byte, len(variants))
	d := &deriving{src: src, orientation: orientation}
	for _, i := range largestFirst(variants) {
		v := variants[i]
		// "r2": made by reduce and then Catmull-Rom; another way of
		// scaling gets other names, so that no build takes another's bytes.
		name := fmt.Sprintf("%s-%dx%d-r2%s%s%s", id, v.Width, v.Height, fitName(v.Fit), orientName(orientation), strings.ToLower(filepath.Ext(v.Path)))
		if data, ok := cache.Get("images", name); ok {
			out[i] = data
			continue
		}
		data, err := d.variant(ctx, v)
		if err != nil {
			return nil, err
		}
		Encodes.Add(1)
		cache.Put("images", name, data)
		out[i] = data
	}
	return out, nil
}

func fitName(f Fit) string {
	if f == Scale {
		return ""
	}
	return "-" + string(f)
}

func orientName(o int) string {
	if o <= 1 {
		return ""
	}
	return fmt.Sprintf("-o%d", o)
}

// deriving is the work on one photo: its bytes, and once decoded, the
// photo and the smallest reduction of it made so far.
type deriving struct {
	src         []byte
	orientation int
	orig, chain image.Image
}

// variant makes one derivative. Scaling and encoding a press photo take a
// tenth of a second or more and cannot be interrupted, so they run apart:
// a cancelled build (serve stopping) returns at once and leaves the work
// to end unseen.
func (d *deriving) variant(ctx context.Context, v Variant) ([]byte, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	type made struct {
		data []byte
		err  error
	}
	done := make(chan made, 1)
	go func() {
		data, err := d.make(v)
		done <- made{data, err}
	}()
	select {
	case m := <-done:
		return m.data, m.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

func (d *deriving) make(v Variant) ([]byte, error) {
	if d.orig == nil {
		img, err := decode(d.src)
		if err != nil {
			return nil, err
		}
		d.orig = img
	}
	// The derivative's size as the pixels are stored: a quarter turn
	// swaps its sides.
	w, h := v.Width, v.Height
	if d.orientation >= 5 {
		w, h = h, w
	}
	sw, sh := d.orig.Bounds().Dx(), d.orig.Bounds().Dy()
	// needW × needH is what the photo must still cover to be scaled
	// down to the derivative: the whole photo at the scale of the crop
	// for a card, the derivative itself otherwise.
	needW, needH := w, h
	if v.Fit == Cover {
		f := math.Max(float64(w)/float64(sw), float64(h)/float64(sh))
		needW, needH = int(math.Ceil(float64(sw)*f)), int(math.Ceil(float64(sh)*f))
	}
	from := d.orig
	if c := d.chain; c != nil && c.Bounds().Dx() >= needW && c.Bounds().Dy() >= needH {
		from = c
	}
	var made image.Image
	switch v.Fit {
	case Pad:
		made = pad(from, w, h)
	default:
		reduced := reduce(from, needW, needH)
		d.chain = reduced
		r := reduced.Bounds()
		if v.Fit == Cover {
			r = centredCrop(r, w, h)
		}
		made = scaleRect(reduced, r, w, h)
	}
	return encode(orient(made, d.orientation), filepath.Ext(v.Path))
}

// centredCrop is the largest rectangle of r's centre with the ratio w:h.
func centredCrop(r image.Rectangle, w, h int) image.Rectangle {
	rw, rh := r.Dx(), r.Dy()
	if rw*h > rh*w { // wider than w:h: trim the sides
		cw := max(1, (rh*w+h/2)/h)
		x0 := r.Min.X + (rw-cw)/2
		return image.Rect(x0, r.Min.Y, x0+cw, r.Max.Y)
	}
	ch := max(1, (rw*h+w/2)/w)
	y0 := r.Min.Y + (rh-ch)/2
	return image.Rect(r.Min.X, y0, r.Max.X, y0+ch)
}

// pad draws img, scaled to fit inside four fifths of w × h, centred on a
// white card of w × h: a logo, shown whole.
func pad(img image.Image, w, h int) image.Image {
	card := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.Draw(card, card.Rect, image.White, image.Point{}, draw.Src)
	b := img.Bounds()
	boxW, boxH := w*4/5, h*4/5
	lw, lh := b.Dx(), b.Dy()
	if lw*boxH > lh*boxW {
		lw, lh = boxW, max(1, b.Dy()*boxW/b.Dx())
	} else {
		lw, lh = max(1, b.Dx()*boxH/b.Dy()), boxH
	}
	src := reduce(img, lw, lh)
	x0, y0 := (w-lw)/2, (h-lh)/2
	draw.CatmullRom.Scale(card, image.Rect(x0, y0, x0+lw, y0+lh), src, src.Bounds(), draw.Over, nil)
	return card
}

// decode decodes a whole image, after its header says it is within the
// limits: Inspect checked the file, but these are the bytes read now, and a
// file replaced since must not slip past the check.
func decode(src []byte) (image.Image, error) {
	cfg, _, err := image.DecodeConfig(bytes.NewReader(src))
	if err == nil {
		err = checkSize(cfg.Width, cfg.Height)
	}
	if err != nil {
		return nil, err
	}
	img, _, err := image.Decode(bytes.NewReader(src))
	if err != nil {
		return nil, fmt.Errorf("cannot decode the image (%v): it may be truncated or damaged; export it again as a JPEG or PNG and replace it", err)
	}
	return img, nil
}

// largestFirst returns the indexes of variants, the largest variant first.
func largestFirst(variants []Variant) []int {
	order := make([]int, len(variants))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return variants[b].Width*variants[b].Height - variants[a].Width*variants[a].Height })
	return order
}

// scaleRect scales the part r of img to w × h.
func scaleRect(img image.Image, r image.Rectangle, w, h int) *image.RGBA {
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.CatmullRom.Scale(dst, dst.Bounds(), img, r, draw.Src, nil)
	return dst
}

// orient turns img upright as EXIF orientation o says the stored pixels
// are to be shown: 2 mirrored, 3 turned half round, 4 mirrored upside
// down, 5 transposed, 6 turned a quarter clockwise, 7 transversed, 8 a
// quarter anticlockwise. The output pixel (x, y) is the stored pixel at
// the place the table gives.
func orient(img image.Image, o int) image.Image {
	if o <= 1 || o > 8 {
		return img
	}
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	ow, oh := w, h
	if o >= 5 {
		ow, oh = h, w
	}
	dst := image.NewRGBA(image.Rect(0, 0, ow, oh))
	rgba, _ := img.(*image.RGBA)
	for y := 0; y < oh; y++ {
		for x := 0; x < ow; x++ {
			var sx, sy int
			switch o {
			case 2:
				sx, sy = w-1-x, y
			case 3:
				sx, sy = w-1-x, h-1-y
			case 4:
				sx, sy = x, h-1-y
			case 5:
				sx, sy = y, x
			case 6:
				sx, sy = y, h-1-x
			case 7:
				sx, sy = w-1-y, h-1-x
			case 8:
				sx, sy = w-1-y, x
			}
			if rgba != nil {
				copy(dst.Pix[dst.PixOffset(x, y):][:4], rgba.Pix[rgba.PixOffset(b.Min.X+sx, b.Min.Y+sy):])
				continue
			}
			dst.Set(x, y, img.At(b.Min.X+sx, b.Min.Y+sy))
		}
	}
	return dst
}

func encode(img image.Image, ext string) ([]byte, error) {
	var buf bytes.Buffer
	var err error
	if strings.EqualFold(ext, ".png") {
		err = (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(&buf, img)
	} else {
		err = jpeg.Encode(&buf, img, &jpeg.Options{Quality: 82})
	}
	return buf.Bytes(), err
}
