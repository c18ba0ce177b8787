package faceio

import (
	"image"
	"image/color"
)

// Luma weights of ITU-R BT.601, the ones JPEG uses for its Y channel.
const (
	lumaR = 0.299
	lumaG = 0.587
	lumaB = 0.114
)

// levels8 maps an 8-bit value v to v/255.
var levels8 = func() (t [256]float64) {
	for v := range t {
		t[v] = float64(v) / 0xff
	}
	return t
}()

// rowReader writes the gray values of pixels (x, y), (x+1, y), ... into
// dst, one per element. The pixels must lie inside the image.
type rowReader func(dst []float64, x, y int)

// grayRows returns the rowReader for img. It reads the pixel buffers of the
// common image types directly and calls At for the others.
func grayRows(img image.Image) rowReader {
	switch src := img.(type) {
	case *image.Gray:
		return func(dst []float64, x, y int) { grayFromGray(dst, src, x, y) }
	case *image.Gray16:
		return func(dst []float64, x, y int) { grayFromGray16(dst, src, x, y) }
	case *image.YCbCr:
		return func(dst []float64, x, y int) { grayFromYCbCr(dst, src, x, y) }
	case *image.RGBA:
		return func(dst []float64, x, y int) { grayFromRGBA(dst, src, x, y) }
	case *image.NRGBA:
		return func(dst []float64, x, y int) { grayFromNRGBA(dst, src, x, y) }
	case *image.RGBA64:
		return func(dst []float64, x, y int) { grayFromRGBA64(dst, src, x, y) }
	case *image.NRGBA64:
		return func(dst []float64, x, y int) { grayFromNRGBA64(dst, src, x, y) }
	case *image.CMYK:
		return func(dst []float64, x, y int) { grayFromCMYK(dst, src, x, y) }
	case *image.NYCbCrA:
		return func(dst []float64, x, y int) { grayFromNYCbCrA(dst, src, x, y) }
	case *image.Paletted:
		lumas := paletteLumas(src.Palette)
		return func(dst []float64, x, y int) { grayFromPaletted(dst, src, &lumas, x, y) }
	}
	return func(dst []float64, x, y int) { grayFromColors(dst, img, x, y) }
}

// luma returns the luma of 16-bit, alpha-premultiplied colour values, so
// translucent colours count as composited onto black.
func luma(r, g, b uint32) float64 {
	y := (lumaR*float64(r) + lumaG*float64(g) + lumaB*float64(b)) / 0xffff
	return min(y, 1)
}

func grayFromGray(dst []float64, src *image.Gray, x, y int) {
	i := src.PixOffset(x, y)
	for k, v := range src.Pix[i : i+len(dst)] {
		dst[k] = levels8[v]
	}
}

func grayFromGray16(dst []float64, src *image.Gray16, x, y int) {
	i := src.PixOffset(x, y)
	pix := src.Pix[i : i+2*len(dst)]
	for k := range dst {
		v := uint16(pix[2*k])<<8 | uint16(pix[2*k+1])
		dst[k] = float64(v) / 0xffff
	}
}

// grayFromYCbCr copies the Y channel, which JPEG defines as the BT.601 luma.
// Where chroma puts a colour outside the RGB gamut, Y differs from the luma
// of the clamped RGB colour that At returns.
func grayFromYCbCr(dst []float64, src *image.YCbCr, x, y int) {
	i := src.YOffset(x, y)
	for k, v := range src.Y[i : i+len(dst)] {
		dst[k] = levels8[v]
	}
}

func grayFromRGBA(dst []float64, src *image.RGBA, x, y int) {
	i := src.PixOffset(x, y)
	pix := src.Pix[i : i+4*len(dst)]
	for k := range dst {
		p := pix[4*k : 4*k+3 : 4*k+3]
		dst[k] = luma(uint32(p[0])*0x101, uint32(p[1])*0x101, uint32(p[2])*0x101)
	}
}

// grayFromNRGBA premultiplies by alpha, which composites onto black.
func grayFromNRGBA(dst []float64, src *image.NRGBA, x, y int) {
	i := src.PixOffset(x, y)
	pix := src.Pix[i : i+4*len(dst)]
	for k := range dst {
		p := pix[4*k : 4*k+4 : 4*k+4]
		opaque := luma(uint32(p[0])*0x101, uint32(p[1])*0x101, uint32(p[2])*0x101)
		dst[k] = opaque * levels8[p[3]]
	}
}

// grayFromRGBA64 reads 16-bit samples, stored big-endian.
func grayFromRGBA64(dst []float64, src *image.RGBA64, x, y int) {
	i := src.PixOffset(x, y)
	pix := src.Pix[i : i+8*len(dst)]
	for k := range dst {
		p := pix[8*k : 8*k+6 : 8*k+6]
		dst[k] = luma(sample16(p[0:]), sample16(p[2:]), sample16(p[4:]))
	}
}

// grayFromNRGBA64 premultiplies by alpha in integers, as
// color.NRGBA64.RGBA does, which composites onto black.
func grayFromNRGBA64(dst []float64, src *image.NRGBA64, x, y int) {
	i := src.PixOffset(x, y)
	pix := src.Pix[i : i+8*len(dst)]
	for k := range dst {
		p := pix[8*k : 8*k+8 : 8*k+8]
		a := sample16(p[6:])
		r := sample16(p[0:]) * a / 0xffff
		g := sample16(p[2:]) * a / 0xffff
		b := sample16(p[4:]) * a / 0xffff
		dst[k] = luma(r, g, b)
	}
}

func sample16(p []byte) uint32 { return uint32(p[0])<<8 | uint32(p[1]) }

// grayFromCMYK converts to RGB in integers, as color.CMYK.RGBA does.
func grayFromCMYK(dst []float64, src *image.CMYK, x, y int) {
	i := src.PixOffset(x, y)
	pix := src.Pix[i : i+4*len(dst)]
	for k := range dst {
		p := pix[4*k : 4*k+4 : 4*k+4]
		w := 0xffff - uint32(p[3])*0x101
		r := (0xffff - uint32(p[0])*0x101) * w / 0xffff
		g := (0xffff - uint32(p[1])*0x101) * w / 0xffff
		b := (0xffff - uint32(p[2])*0x101) * w / 0xffff
		dst[k] = luma(r, g, b)
	}
}

// grayFromNYCbCrA scales the Y channel by alpha, which composites onto
// black like the other types.
func grayFromNYCbCrA(dst []float64, src *image.NYCbCrA, x, y int) {
	i, j := src.YOffset(x, y), src.AOffset(x, y)
	alpha := src.A[j : j+len(dst)]
	for k, v := range src.Y[i : i+len(dst)] {
		dst[k] = levels8[v] * levels8[alpha[k]]
	}
}

// paletteLumas returns the luma of each palette entry. Indices past the
// palette map to black.
func paletteLumas(p color.Palette) (lumas [256]float64) {
	for i, c := range p[:min(len(p), 256)] {
		lumas[i] = colorLuma(c)
	}
	return lumas
}

func grayFromPaletted(dst []float64, src *image.Paletted, lumas *[256]float64, x, y int) {
	i := src.PixOffset(x, y)
	for k, v := range src.Pix[i : i+len(dst)] {
		dst[k] = lumas[v]
	}
}

func grayFromColors(dst []float64, img image.Image, x, y int) {
	for k := range dst {
		dst[k] = colorLuma(img.At(x+k, y))
	}
}

func colorLuma(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	return luma(r, g, b)
}
