package images

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/color"
	"image/jpeg"
	"os"
	"path/filepath"
	"testing"

	"github.com/pressroom/pressroom/generator/diskcache"
)

func TestFit(t *testing.T) {
	tests := []struct{ w, h, longest, wantW, wantH int }{
		{2400, 1600, 1600, 1600, 1067},
		{1600, 2000, 480, 384, 480},
		{3000, 10, 480, 480, 2},
		{10, 3000, 480, 2, 480},
	}
	for _, tc := range tests {
		if w, h := fit(tc.w, tc.h, tc.longest); w != tc.wantW || h != tc.wantH {
			t.Errorf("fit(%d×%d, %d) = %d×%d, want %d×%d", tc.w, tc.h, tc.longest, w, h, tc.wantW, tc.wantH)
		}
	}
}

func TestVariants(t *testing.T) {
	if v := variants("assets/a.jpg", 400, 300); len(v) != 0 {
		t.Errorf("a small image got variants: %v", v)
	}
	v := variants("assets/a.jpg", 2400, 1600)
	if len(v) != 3 || v[0].Path != "assets/a-480w.jpg" || v[1].Path != "assets/a-720w.jpg" || v[2].Path != "assets/a-1600w.jpg" || v[2].Height != 1067 {
		t.Errorf("variants = %+v", v)
	}
	if v := variants("assets/a.png", 1000, 800); len(v) != 2 || v[0].Longest != 480 || v[1].Longest != 720 {
		t.Errorf("a mid-sized image: %+v", v)
	}
}

func photo(t *testing.T, w, h int) string {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.Set(x, y, color.RGBA{uint8(x), uint8(y), 120, 255})
		}
	}
	var buf bytes.Buffer
	jpeg.Encode(&buf, img, nil)
	p := filepath.Join(t.TempDir(), "photo.jpg")
	os.WriteFile(p, buf.Bytes(), 0o644)
	return p
}

// TestDeriveCachesByContent checks the derivatives' sizes, and that a
// second build takes them from the cache without decoding or encoding.
func TestDeriveCachesByContent(t *testing.T) {
	src := photo(t, 2000, 1000)
	info, err := inspect(src)
	if err != nil || info.Width != 2000 || info.Height != 1000 {
		t.Fatalf("inspect = %+v, %v", info, err)
	}
	vs := variants("assets/photo.jpg", info.Width, info.Height)
	cache := diskcache.Dir(t.TempDir())
	before := Encodes.Load()
	first, err := Derive(context.Background(), cache, src, 0, vs)
	if err != nil {
		t.Fatal(err)
	}
	for i, data := range first {
		cfg, err := jpeg.DecodeConfig(bytes.NewReader(data))
		if err != nil || cfg.Width != vs[i].Width || cfg.Height != vs[i].Height {
			t.Errorf("variant %d is %d×%d, want %d×%d (%v)", i, cfg.Width, cfg.Height, vs[i].Width, vs[i].Height, err)
		}
	}
	if n := Encodes.Load() - before; n != int64(len(vs)) {
		t.Errorf("%d encodes, want %d", n, len(vs))
	}
	second, err := Derive(context.Background(), cache, src, 0, vs)
	if err != nil {
		t.Fatal(err)
	}
	if n := Encodes.Load() - before; n != int64(len(vs)) {
		t.Errorf("the second build encoded again (%d encodes)", n)
	}
	for i := range first {
		if !bytes.Equal(first[i], second[i]) {
			t.Errorf("variant %d differs between builds", i)
		}
	}
	uncached, _ := Derive(context.Background(), "", src, 0, vs)
	if !bytes.Equal(uncached[0], first[0]) {
		t.Error("a derivative made without the cache differs from the cached one")
	}
}

func TestCorruptImage(t *testing.T) {
	p := filepath.Join(t.TempDir(), "broken.jpg")
	os.WriteFile(p, []byte("\xff\xd8 not really a jpeg"), 0o644)
	if _, err := inspect(p); err == nil {
		t.Error("a corrupt JPEG was accepted")
	}
}

// TestDeriveStopsWhenCancelled: a cancelled build encodes nothing more.
func TestDeriveStopsWhenCancelled(t *testing.T) {
	src := photo(t, 2000, 1000)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	before := Encodes.Load()
	if _, err := Derive(ctx, "", src, 0, variants("assets/photo.jpg", 2000, 1000)); !errors.Is(err, context.Canceled) {
		t.Errorf("a cancelled derive returned %v", err)
	}
	if n := Encodes.Load() - before; n != 0 {
		t.Errorf("a cancelled derive encoded %d images", n)
	}
}
