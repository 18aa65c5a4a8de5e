package images

import (
	"bytes"
	"compress/zlib"
	"context"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// declaredPNG is a valid PNG signature and header declaring w×h RGBA
// pixels, followed by a small compressed IDAT (a few rows of zeros) and
// IEND: a few hundred bytes that a decoder would allocate w×h×4 bytes for.
func declaredPNG(w, h int) []byte {
	var buf bytes.Buffer
	buf.WriteString("\x89PNG\r\n\x1a\n")
	chunk := func(kind string, data []byte) {
		binary.Write(&buf, binary.BigEndian, uint32(len(data)))
		crc := crc32.NewIEEE()
		crc.Write([]byte(kind))
		crc.Write(data)
		buf.WriteString(kind)
		buf.Write(data)
		binary.Write(&buf, binary.BigEndian, crc.Sum32())
	}
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], uint32(w))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(h))
	ihdr[8], ihdr[9] = 8, 6 // 8 bits, RGBA
	chunk("IHDR", ihdr)
	var idat bytes.Buffer
	zw := zlib.NewWriter(&idat)
	zw.Write(make([]byte, 4*(1+4*min(w, 4096))))
	zw.Close()
	chunk("IDAT", idat.Bytes())
	chunk("IEND", nil)
	return buf.Bytes()
}

func writeFile(t *testing.T, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// allocated returns how many bytes f allocated.
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

func TestInspectRefusesImagesOverTheLimits(t *testing.T) {
	for _, size := range []image.Point{{20000, 20000}, {40000, 40000}, {MaxSide + 1, 100}, {100, MaxSide + 1}, {13000, 12000}} {
		p := writeFile(t, "bomb.png", declaredPNG(size.X, size.Y))
		var err error
		n := allocated(func() { _, err = inspect(p) })
		var large *TooLargeError
		if !errors.As(err, &large) || large.Width != size.X || large.Height != size.Y {
			t.Errorf("%v: inspect = %v, want a TooLargeError", size, err)
			continue
		}
		if n > 1<<20 {
			t.Errorf("%v: refusing the image allocated %d bytes", size, n)
		}
		if msg := err.Error(); !strings.Contains(msg, "150 megapixels") || !strings.Contains(msg, "30,000 px") || !strings.Contains(msg, "export a smaller copy") {
			t.Errorf("the refusal does not say the limit and what to do: %s", msg)
		}
	}
}

// TestInspectAcceptsLargePressPhotos: a 100-megapixel photo, and a
// panorama at the side limit, are within the limits.
func TestInspectAcceptsLargePressPhotos(t *testing.T) {
	for _, size := range []image.Point{{12300, 8200}, {MaxSide, 4000}, {4000, MaxSide}} {
		info, err := inspect(writeFile(t, "big.png", declaredPNG(size.X, size.Y)))
		if err != nil || info.Width != size.X || info.Height != size.Y {
			t.Errorf("%v: inspect = %+v, %v", size, info, err)
		}
	}
}

// TestDeriveChecksTheBytesItDecodes: a file that passed Inspect and was
// replaced by a bomb before its derivatives were made is refused too,
// without decoding it.
func TestDeriveChecksTheBytesItDecodes(t *testing.T) {
	p := writeFile(t, "swapped.png", declaredPNG(40000, 40000))
	var err error
	n := allocated(func() { _, err = Derive(context.Background(), "", p, 0, variants("assets/swapped.png", 2000, 1000)) })
	var large *TooLargeError
	if !errors.As(err, &large) {
		t.Errorf("Derive = %v, want a TooLargeError", err)
	}
	if n > 8<<20 {
		t.Errorf("refusing the image allocated %d bytes", n)
	}
}

// TestTruncatedImageFailsCleanly: a photo cut short passes the header
// check and fails when decoded, with an error that says what to do.
func TestTruncatedImageFailsCleanly(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 600, 400))
	for i := range img.Pix {
		img.Pix[i] = byte(i * 7)
	}
	var buf bytes.Buffer
	png.Encode(&buf, img)
	data := buf.Bytes()
	for _, cut := range []int{len(data) / 2, 100, 40} {
		p := writeFile(t, "cut.png", data[:cut])
		info, err := inspect(p)
		if err != nil {
			continue // the header itself is cut: Inspect reports it
		}
		_, err = Derive(context.Background(), "", p, 0, variants("assets/cut.png", info.Width, info.Height))
		if err == nil || !strings.Contains(err.Error(), "truncated or damaged") {
			t.Errorf("cut at %d: Derive = %v", cut, err)
		}
	}
	jp := photo(t, 600, 400)
	whole, _ := os.ReadFile(jp)
	p := writeFile(t, "cut.jpg", whole[:len(whole)/2])
	if _, err := Derive(context.Background(), "", p, 0, variants("assets/cut.jpg", 600, 400)); err == nil {
		t.Error("a truncated JPEG was decoded")
	}
}
