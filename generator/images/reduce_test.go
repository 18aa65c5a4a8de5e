package images

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"slices"
	"testing"

	"golang.org/x/image/draw"
)

func TestHalvePlane(t *testing.T) {
	tests := []struct {
		name string
		src  []byte
		s, d image.Point
		n    int
		want []byte
	}{
		{"two by two", []byte{0, 4, 8, 12}, image.Pt(2, 2), image.Pt(1, 1), 1, []byte{6}},
		{"odd width and height take the edge again", []byte{
			10, 20, 30,
			40, 50, 60,
			70, 80, 90}, image.Pt(3, 3), image.Pt(2, 2), 1, []byte{30, 45, 75, 90}},
		{"channels apart", []byte{0, 100, 4, 100, 8, 100, 12, 100}, image.Pt(2, 2), image.Pt(1, 1), 2, []byte{6, 100}},
		{"a destination wider than the half", []byte{10, 20}, image.Pt(2, 1), image.Pt(2, 1), 1, []byte{15, 20}},
	}
	for _, tt := range tests {
		dst := make([]byte, tt.d.X*tt.d.Y*tt.n)
		halvePlane(dst, tt.d.X*tt.n, tt.d, tt.src, tt.s.X*tt.n, tt.s, tt.n)
		if !slices.Equal(dst, tt.want) {
			t.Errorf("%s: %v, want %v", tt.name, dst, tt.want)
		}
	}
}

// TestReducedLooksLikeScaled: a derivative made by halving first differs
// from one scaled in a single step by no more than rounding, for a JPEG
// of every chroma subsampling and odd sizes, and for other kinds of image.
func TestReducedLooksLikeScaled(t *testing.T) {
	gradient := func(w, h int) *image.RGBA {
		m := image.NewRGBA(image.Rect(0, 0, w, h))
		for y := range h {
			for x := range w {
				m.Set(x, y, color.RGBA{uint8(255 * x / w), uint8(255 * y / h), uint8(255 - 255*x/w), 255})
			}
		}
		return m
	}
	jpegOf := func(m image.Image) image.Image {
		var buf bytes.Buffer
		if err := jpeg.Encode(&buf, m, &jpeg.Options{Quality: 95}); err != nil {
			t.Fatal(err)
		}
		out, err := jpeg.Decode(&buf)
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	cases := map[string]image.Image{
		"JPEG 4:2:0, odd size": jpegOf(gradient(1201, 801)),
		"RGBA":                 gradient(1200, 800),
		"grey":                 toGray(gradient(1200, 800)),
		"4:2:2":                ycbcr(gradient(1203, 800), image.YCbCrSubsampleRatio422),
		"4:1:1":                ycbcr(gradient(1200, 799), image.YCbCrSubsampleRatio411),
	}
	for name, img := range cases {
		reduced := reduce(img, 280, 186)
		if b := reduced.Bounds(); b.Dx() >= img.Bounds().Dx()/2 || b.Dx() < 280 {
			t.Errorf("%s: reduced to %v", name, b)
		}
		if d := meanDifference(scaleRect(reduced, reduced.Bounds(), 280, 186), scaleRect(img, img.Bounds(), 280, 186)); d > 2 {
			t.Errorf("%s: the reduced derivative differs by %.2f levels on average", name, d)
		}
	}
}

func toGray(m image.Image) *image.Gray {
	g := image.NewGray(m.Bounds())
	draw.Draw(g, g.Rect, m, image.Point{}, draw.Src)
	return g
}

func ycbcr(m *image.RGBA, ratio image.YCbCrSubsampleRatio) *image.YCbCr {
	out := image.NewYCbCr(m.Rect, ratio)
	for y := range m.Rect.Dy() {
		for x := range m.Rect.Dx() {
			c := m.RGBAAt(x, y)
			yy, cb, cr := color.RGBToYCbCr(c.R, c.G, c.B)
			out.Y[out.YOffset(x, y)] = yy
			out.Cb[out.COffset(x, y)], out.Cr[out.COffset(x, y)] = cb, cr
		}
	}
	return out
}

func meanDifference(a, b image.Image) float64 {
	var sum, n float64
	r := a.Bounds()
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			r1, g1, b1, _ := a.At(x, y).RGBA()
			r2, g2, b2, _ := b.At(x, y).RGBA()
			for _, d := range []int{int(r1>>8) - int(r2>>8), int(g1>>8) - int(g2>>8), int(b1>>8) - int(b2>>8)} {
				sum += float64(max(d, -d))
				n++
			}
		}
	}
	return sum / n
}
