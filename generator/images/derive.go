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
// largest first, each from the photo as far as reduce took it for the last.
// It stops between steps once ctx is done, and returns ctx's error.
func Derive(ctx context.Context, cache diskcache.Dir, file string, variants []Variant) ([][]byte, error) {
	src, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(src)
	id := hex.EncodeToString(sum[:])
	out := make([][]byte, len(variants))
	var img image.Image
	for _, i := range largestFirst(variants) {
		v := variants[i]
		// "r2": made by reduce and then Catmull-Rom; another way of
		// scaling gets other names, so that no build takes another's bytes.
		name := fmt.Sprintf("%s-%dx%d-r2%s", id, v.Width, v.Height, strings.ToLower(filepath.Ext(v.Path)))
		if data, ok := cache.Get("images", name); ok {
			out[i] = data
			continue
		}
		var data []byte
		img, data, err = variant(ctx, src, img, v)
		if err != nil {
			return nil, err
		}
		Encodes.Add(1)
		cache.Put("images", name, data)
		out[i] = data
	}
	return out, nil
}

// variant makes one derivative from img (or the photo's bytes when img is
// nil), returning the image as far as reduce took it. Scaling and encoding
// a press photo take a tenth of a second or more and cannot be
// interrupted, so they run apart: a cancelled build (serve stopping)
// returns at once and leaves the work to end unseen.
func variant(ctx context.Context, src []byte, img image.Image, v Variant) (image.Image, []byte, error) {
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	type made struct {
		img  image.Image
		data []byte
		err  error
	}
	done := make(chan made, 1)
	go func() {
		var m made
		if m.img = img; m.img == nil {
			if m.img, m.err = decode(src); m.err != nil {
				done <- m
				return
			}
		}
		m.img = reduce(m.img, v.Width, v.Height)
		m.data, m.err = encode(scale(m.img, v.Width, v.Height), filepath.Ext(v.Path))
		done <- m
	}()
	select {
	case m := <-done:
		return m.img, m.data, m.err
	case <-ctx.Done():
		return nil, nil, ctx.Err()
	}
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

func scale(img image.Image, w, h int) image.Image {
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.CatmullRom.Scale(dst, dst.Bounds(), img, img.Bounds(), draw.Src, nil)
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
