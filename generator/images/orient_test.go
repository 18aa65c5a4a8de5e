package images

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"os"
	"path/filepath"
	"testing"

	"github.com/pressroom/pressroom/generator/images/phototest"
)

// TestEightOrientationsComeOutUpright makes a 2000 × 1000 photo whose
// stored top-left quarter is red with each EXIF orientation, and checks
// that every derivative is upright: of the upright size, with the red
// quarter where the orientation shows it (EXIF's table: the stored first
// row and column become the visual top-left for 1 and 5, top-right for 2
// and 6, bottom-right for 3 and 7, bottom-left for 4 and 8).
func TestEightOrientationsComeOutUpright(t *testing.T) {
	corner := map[int]image.Point{1: {0, 0}, 2: {1, 0}, 3: {1, 1}, 4: {0, 1}, 5: {0, 0}, 6: {1, 0}, 7: {1, 1}, 8: {0, 1}}
	for o := 1; o <= 8; o++ {
		p := filepath.Join(t.TempDir(), "photo.jpg")
		if err := os.WriteFile(p, phototest.JPEG(phototest.Photo{Width: 2000, Height: 1000, Orientation: o}), 0o644); err != nil {
			t.Fatal(err)
		}
		w, h := 2000, 1000
		if o >= 5 {
			w, h = h, w
		}
		vs := variants("assets/photo.jpg", w, h)
		vs = append(vs, *card("assets/photo.jpg", ".jpg", Cover))
		out, err := Derive(context.Background(), "", p, o, vs)
		if err != nil {
			t.Fatal(err)
		}
		for i, data := range out {
			img, _, err := image.Decode(bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			b := img.Bounds()
			if b.Dx() != vs[i].Width || b.Dy() != vs[i].Height {
				t.Errorf("orientation %d, %s: %d × %d, want %d × %d", o, vs[i].Path, b.Dx(), b.Dy(), vs[i].Width, vs[i].Height)
				continue
			}
			for qy := 0; qy < 2; qy++ {
				for qx := 0; qx < 2; qx++ {
					// the middle of each quarter (a card crops the sides, not the middles' colours)
					x, y := b.Dx()/4+qx*b.Dx()/2, b.Dy()/4+qy*b.Dy()/2
					if vs[i].Fit == Cover && w > h {
						// a 2:1 photo cropped to 1200:630 keeps its centre: the quarters' inner halves
						x = b.Dx()/2 + (2*qx-1)*b.Dx()/8
					}
					red := isRed(img.At(x, y))
					if want := (image.Point{qx, qy} == corner[o]); red != want {
						t.Errorf("orientation %d, %s: quarter (%d, %d) red %v, want %v", o, vs[i].Path, qx, qy, red, want)
					}
				}
			}
		}
	}
}

func isRed(c color.Color) bool {
	r, g, b, _ := c.RGBA()
	return r > 0x8000 && g < 0x6000 && b < 0x6000
}

// TestCardCoversAndLogoCardPads: a photo's card fills 1200 × 630 from the
// photo's centre; a logo's shows the logo whole on white.
func TestCardCoversAndLogoCardPads(t *testing.T) {
	p := filepath.Join(t.TempDir(), "logo.jpg")
	os.WriteFile(p, phototest.JPEG(phototest.Photo{Width: 600, Height: 200}), 0o644)
	out, err := Derive(context.Background(), "", p, 0, []Variant{*card("assets/logo.png", ".png", Pad)})
	if err != nil {
		t.Fatal(err)
	}
	img, format, err := image.Decode(bytes.NewReader(out[0]))
	if err != nil || format != "png" || img.Bounds().Dx() != CardWidth || img.Bounds().Dy() != CardHeight {
		t.Fatalf("logo card: %v, %s, %v", img.Bounds(), format, err)
	}
	if r, g, b, _ := img.At(5, 5).RGBA(); r < 0xF000 || g < 0xF000 || b < 0xF000 {
		t.Error("the logo card's corner is not white")
	}
	if !isRed(img.At(CardWidth/2-50, CardHeight/2-20)) || isRed(img.At(CardWidth/2+50, CardHeight/2+20)) {
		t.Error("the logo is not whole at the card's centre")
	}
}
