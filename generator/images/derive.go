package images

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"

	"golang.org/x/image/draw"
)

// Encodes counts the derivatives encoded (not taken from the cache) since
// the process started; tests use it to see the cache work.
var Encodes atomic.Int64

// Cache is a folder of derivatives named by content: safe to delete, shared
// by every site and build of the user.
type Cache struct {
	Dir string // "" caches nothing
}

// DefaultCache is $PRESSROOM_CACHE, else pressroom/ in the user's cache folder.
func DefaultCache() Cache {
	if d := os.Getenv("PRESSROOM_CACHE"); d != "" {
		return Cache{Dir: d}
	}
	if d, err := os.UserCacheDir(); err == nil {
		return Cache{Dir: filepath.Join(d, "pressroom")}
	}
	return Cache{}
}

// Derive returns the bytes of every variant of the image in file, from the
// cache when it has them, else by decoding once and encoding each.
func (c Cache) Derive(file string, variants []Variant) ([][]byte, error) {
	src, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(src)
	id := hex.EncodeToString(sum[:])
	out := make([][]byte, len(variants))
	var img image.Image
	for i, v := range variants {
		name := fmt.Sprintf("%s-%dx%d%s", id, v.Width, v.Height, strings.ToLower(filepath.Ext(v.Path)))
		if data, ok := c.get(name); ok {
			out[i] = data
			continue
		}
		if img == nil {
			if img, _, err = image.Decode(bytes.NewReader(src)); err != nil {
				return nil, fmt.Errorf("cannot decode the image: %w", err)
			}
		}
		data, err := encode(scale(img, v.Width, v.Height), filepath.Ext(v.Path))
		if err != nil {
			return nil, err
		}
		Encodes.Add(1)
		c.put(name, data)
		out[i] = data
	}
	return out, nil
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

func (c Cache) get(name string) ([]byte, bool) {
	if c.Dir == "" {
		return nil, false
	}
	data, err := os.ReadFile(filepath.Join(c.Dir, "images", name))
	return data, err == nil
}

// put stores a derivative atomically (write, then rename), so that two
// builds at once never read half a file. A cache that cannot be written
// only costs time.
func (c Cache) put(name string, data []byte) {
	if c.Dir == "" {
		return
	}
	dir := filepath.Join(c.Dir, "images")
	if os.MkdirAll(dir, 0o755) != nil {
		return
	}
	tmp, err := os.CreateTemp(dir, ".tmp-*")
	if err != nil {
		return
	}
	_, werr := io.Copy(tmp, bytes.NewReader(data))
	if cerr := tmp.Close(); werr != nil || cerr != nil {
		os.Remove(tmp.Name())
		return
	}
	if os.Rename(tmp.Name(), filepath.Join(dir, name)) != nil {
		os.Remove(tmp.Name())
	}
}
