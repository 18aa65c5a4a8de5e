package images

import (
	"image"

	"golang.org/x/image/draw"
)

// A press photo of 24 megapixels scaled to 1,600 px in one step cost
// x/image/draw about 200 MB of scratch (output width × source height ×
// four float64s) and seconds of work. Derivatives are therefore made as
// image libraries such as libvips make thumbnails: the photo is first
// halved with a two-by-two box filter, as often as the result still covers
// the derivative, and only what remains is resampled with Catmull-Rom.

// reduce halves img while the half still covers w×h.
func reduce(img image.Image, w, h int) image.Image {
	for b := img.Bounds(); b.Dx()/2 >= w && b.Dy()/2 >= h; b = img.Bounds() {
		img = halve(img)
	}
	return img
}

// halve returns img at half its size, each pixel the mean of the two by
// two it replaces (a last odd row or column is taken once more). JPEG's
// YCbCr and grey images are halved plane by plane as they are; any other
// kind of image is converted to RGBA first.
func halve(img image.Image) image.Image {
	switch m := img.(type) {
	case *image.YCbCr:
		if m.Rect.Min == (image.Point{}) {
			return halveYCbCr(m)
		}
	case *image.Gray:
		if m.Rect.Min == (image.Point{}) {
			dst := image.NewGray(halfRect(m.Rect))
			halvePlane(dst.Pix, dst.Stride, dst.Rect.Size(), m.Pix, m.Stride, m.Rect.Size(), 1)
			return dst
		}
	case *image.RGBA:
		if m.Rect.Min == (image.Point{}) {
			return halveRGBA(m)
		}
	}
	rgba := image.NewRGBA(image.Rectangle{Max: img.Bounds().Size()})
	draw.Draw(rgba, rgba.Rect, img, img.Bounds().Min, draw.Src)
	return halveRGBA(rgba)
}

func halfRect(r image.Rectangle) image.Rectangle {
	return image.Rect(0, 0, (r.Dx()+1)/2, (r.Dy()+1)/2)
}

func halveRGBA(m *image.RGBA) *image.RGBA {
	dst := image.NewRGBA(halfRect(m.Rect))
	halvePlane(dst.Pix, dst.Stride, dst.Rect.Size(), m.Pix, m.Stride, m.Rect.Size(), 4)
	return dst
}

func halveYCbCr(m *image.YCbCr) *image.YCbCr {
	dst := image.NewYCbCr(halfRect(m.Rect), m.SubsampleRatio)
	halvePlane(dst.Y, dst.YStride, dst.Rect.Size(), m.Y, m.YStride, m.Rect.Size(), 1)
	dc, sc := chromaSize(dst.Rect, dst.SubsampleRatio), chromaSize(m.Rect, m.SubsampleRatio)
	halvePlane(dst.Cb, dst.CStride, dc, m.Cb, m.CStride, sc, 1)
	halvePlane(dst.Cr, dst.CStride, dc, m.Cr, m.CStride, sc, 1)
	return dst
}

// chromaSize is the size of the Cb and Cr planes of an image of r's size
// (at the origin) with ratio, as image.NewYCbCr makes them.
func chromaSize(r image.Rectangle, ratio image.YCbCrSubsampleRatio) image.Point {
	w, h := r.Dx(), r.Dy()
	switch ratio {
	case image.YCbCrSubsampleRatio422:
		w = (w + 1) / 2
	case image.YCbCrSubsampleRatio420:
		w, h = (w+1)/2, (h+1)/2
	case image.YCbCrSubsampleRatio440:
		h = (h + 1) / 2
	case image.YCbCrSubsampleRatio411:
		w = (w + 3) / 4
	case image.YCbCrSubsampleRatio410:
		w, h = (w+3)/4, (h+1)/2
	}
	return image.Point{w, h}
}

// halvePlane fills a d-sized plane of n interleaved channels with the
// two-by-two means of an s-sized one. At odd sizes, and where a subsampled
// chroma plane does not halve evenly, samples past the source's edge are
// its last row or column again.
func halvePlane(dst []byte, dstStride int, d image.Point, src []byte, srcStride int, s image.Point, n int) {
	for y := 0; y < d.Y; y++ {
		row0 := src[min(2*y, s.Y-1)*srcStride:]
		row1 := src[min(2*y+1, s.Y-1)*srcStride:]
		out := dst[y*dstStride:]
		for x := 0; x < d.X; x++ {
			x0, x1 := min(2*x, s.X-1)*n, min(2*x+1, s.X-1)*n
			for c := 0; c < n; c++ {
				sum := int(row0[x0+c]) + int(row0[x1+c]) + int(row1[x0+c]) + int(row1[x1+c])
				out[x*n+c] = byte((sum + 2) / 4)
			}
		}
	}
}
