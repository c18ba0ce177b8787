package faceio

import (
	"image"
)

// sourceMap maps a pixel (x, y) of the upright image to the pixel
// (xx*x + xy*y + x0, yx*x + yy*y + y0) of the stored one, both relative to
// their top-left corner.
type sourceMap struct {
	xx, xy, x0 int
	yx, yy, y0 int
}

// newSourceMap returns the map for EXIF orientation o of a stored image
// of width×height pixels. Orientations 5 to 8 swap width and height.
func newSourceMap(o, width, height int) sourceMap {
	w, h := width-1, height-1
	switch o {
	case 2: // mirrored left to right
		return sourceMap{xx: -1, x0: w, yy: 1}
	case 3: // turned by 180°
		return sourceMap{xx: -1, x0: w, yy: -1, y0: h}
	case 4: // mirrored top to bottom
		return sourceMap{xx: 1, yy: -1, y0: h}
	case 5: // mirrored along the main diagonal
		return sourceMap{xy: 1, yx: 1}
	case 6: // stored turned 90° anticlockwise, shown turned clockwise
		return sourceMap{xy: 1, yx: -1, y0: h}
	case 7: // mirrored along the other diagonal
		return sourceMap{xy: -1, x0: w, yx: -1, y0: h}
	case 8: // stored turned 90° clockwise, shown turned anticlockwise
		return sourceMap{xy: -1, x0: w, yx: 1}
	}
	return sourceMap{xx: 1, yy: 1}
}

func (m sourceMap) at(x, y int) (int, int) {
	return m.xx*x + m.xy*y + m.x0, m.yx*x + m.yy*y + m.y0
}

// orient returns img turned upright for EXIF orientation o, a new image
// whose bounds start at (0, 0), or img itself for orientation 1 or a
// value outside 1..8. The result has the type of img for the pixel
// buffer types of package image, except that *image.YCbCr and
// *image.NYCbCrA become 4:4:4 so every pixel keeps its own chroma.
// Other types become *image.RGBA64.
func orient(img image.Image, o int) image.Image {
	if o < 2 || o > 8 {
		return img
	}
	b := img.Bounds()
	m := newSourceMap(o, b.Dx(), b.Dy())
	r := image.Rect(0, 0, b.Dx(), b.Dy())
	if o >= 5 {
		r = image.Rect(0, 0, b.Dy(), b.Dx())
	}

	switch src := img.(type) {
	case *image.YCbCr:
		return orientYCbCr(src, r, m)
	case *image.NYCbCrA:
		dst := &image.NYCbCrA{YCbCr: *orientYCbCr(&src.YCbCr, r, m), AStride: r.Dx()}
		dst.A = make([]uint8, r.Dx()*r.Dy())
		remap(dst.A, dst.AStride, src.A[src.AOffset(b.Min.X, b.Min.Y):], src.AStride, 1, r, m)
		return dst
	}
	if dst, ok := orientPix(img, r, m); ok {
		return dst
	}
	return orientAny(img, r, m)
}

// orientPix turns upright the image types of package image that store
// whole pixels in a Pix slice, and returns false for other types.
func orientPix(img image.Image, r image.Rectangle, m sourceMap) (image.Image, bool) {
	min := img.Bounds().Min
	switch src := img.(type) {
	case *image.Gray:
		dst := image.NewGray(r)
		remap(dst.Pix, dst.Stride, src.Pix[src.PixOffset(min.X, min.Y):], src.Stride, 1, r, m)
		return dst, true
	case *image.Gray16:
		dst := image.NewGray16(r)
		remap(dst.Pix, dst.Stride, src.Pix[src.PixOffset(min.X, min.Y):], src.Stride, 2, r, m)
		return dst, true
	case *image.RGBA:
		dst := image.NewRGBA(r)
		remap(dst.Pix, dst.Stride, src.Pix[src.PixOffset(min.X, min.Y):], src.Stride, 4, r, m)
		return dst, true
	case *image.NRGBA:
		dst := image.NewNRGBA(r)
		remap(dst.Pix, dst.Stride, src.Pix[src.PixOffset(min.X, min.Y):], src.Stride, 4, r, m)
		return dst, true
	case *image.RGBA64:
		dst := image.NewRGBA64(r)
		remap(dst.Pix, dst.Stride, src.Pix[src.PixOffset(min.X, min.Y):], src.Stride, 8, r, m)
		return dst, true
	case *image.NRGBA64:
		dst := image.NewNRGBA64(r)
		remap(dst.Pix, dst.Stride, src.Pix[src.PixOffset(min.X, min.Y):], src.Stride, 8, r, m)
		return dst, true
	case *image.CMYK:
		dst := image.NewCMYK(r)
		remap(dst.Pix, dst.Stride, src.Pix[src.PixOffset(min.X, min.Y):], src.Stride, 4, r, m)
		return dst, true
	case *image.Paletted:
		dst := image.NewPaletted(r, src.Palette)
		remap(dst.Pix, dst.Stride, src.Pix[src.PixOffset(min.X, min.Y):], src.Stride, 1, r, m)
		return dst, true
	}
	return nil, false
}

// remap fills the r-sized pixel buffer dst, of the given stride and bytes
// per pixel, from src, whose first byte is the stored image's top-left
// pixel, following m.
func remap(dst []byte, dstStride int, src []byte, srcStride, bpp int,
	r image.Rectangle, m sourceMap) {
	// Moving one pixel right in dst moves by step bytes in src.
	step := m.yx*srcStride + m.xx*bpp
	for y := range r.Dy() {
		sx, sy := m.at(0, y)
		s := sy*srcStride + sx*bpp
		row := dst[y*dstStride : y*dstStride+r.Dx()*bpp]
		for d := 0; d < len(row); d += bpp {
			copy(row[d:d+bpp], src[s:s+bpp])
			s += step
		}
	}
}

// orientYCbCr returns src turned upright as a 4:4:4 image of bounds r.
func orientYCbCr(src *image.YCbCr, r image.Rectangle, m sourceMap) *image.YCbCr {
	min := src.Rect.Min
	dst := image.NewYCbCr(r, image.YCbCrSubsampleRatio444)
	remap(dst.Y, dst.YStride, src.Y[src.YOffset(min.X, min.Y):], src.YStride, 1, r, m)
	for y := range r.Dy() {
		for x := range r.Dx() {
			sx, sy := m.at(x, y)
			c := src.COffset(min.X+sx, min.Y+sy)
			i := dst.COffset(x, y)
			dst.Cb[i], dst.Cr[i] = src.Cb[c], src.Cr[c]
		}
	}
	return dst
}

// orientAny turns any other image upright through At, keeping 16 bits
// per alpha-premultiplied sample.
func orientAny(img image.Image, r image.Rectangle, m sourceMap) *image.RGBA64 {
	min := img.Bounds().Min
	dst := image.NewRGBA64(r)
	for y := range r.Dy() {
		for x := range r.Dx() {
			sx, sy := m.at(x, y)
			dst.Set(x, y, img.At(min.X+sx, min.Y+sy))
		}
	}
	return dst
}
