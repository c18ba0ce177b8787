package faceio

import (
	"image"
	"math/rand/v2"
	"testing"
)

// grayOfRows reads every pixel of img with read, row by row.
func grayOfRows(img image.Image, read rowReader) []float64 {
	b := img.Bounds()
	values := make([]float64, b.Dx()*b.Dy())
	for y := range b.Dy() {
		read(values[y*b.Dx():(y+1)*b.Dx()], b.Min.X, b.Min.Y+y)
	}
	return values
}

// genericRows is the row reader that converts each pixel through At.
func genericRows(img image.Image) rowReader {
	return func(dst []float64, x, y int) { grayFromColors(dst, img, x, y) }
}

func TestGrayWideAndCMYKMatchAt(t *testing.T) {
	rng := rand.New(rand.NewPCG(43, 44))
	fixtures := orientFixtures(rng)
	// Neutral chroma keeps the colours inside the RGB gamut, where the Y
	// channel is the luma up to rounding, 1 level in 255.
	for _, name := range []string{"NYCbCrA420", "NYCbCrA444"} {
		m := fixtures[name].(*image.NYCbCrA)
		for i := range m.Cb {
			m.Cb[i], m.Cr[i] = 128, 128
		}
	}
	tests := []struct {
		name string
		tol  float64
	}{
		{"RGBA64", 0},
		{"NRGBA64", 0},
		{"CMYK", 0},
		{"NYCbCrA420", 1.0 / 255},
		{"NYCbCrA444", 1.0 / 255},
	}
	for _, tt := range tests {
		img := fixtures[tt.name].(interface {
			image.Image
			SubImage(image.Rectangle) image.Image
		})
		sub := img.SubImage(image.Rect(4, 3, 11, 6))
		for _, m := range []image.Image{img, sub} {
			got, want := grayOfRows(m, grayRows(m)), grayOfRows(m, genericRows(m))
			for i := range want {
				if !closeTo(got[i], want[i], tt.tol+1e-12) {
					t.Errorf("%s %v: pixel %d gray = %v, want %v", tt.name, m.Bounds(), i, got[i], want[i])
					break
				}
			}
		}
	}
}

func TestGray16BitScale(t *testing.T) {
	// 0x8000 of 0xffff is one half, not one half of 1/256.
	rgba := image.NewRGBA64(image.Rect(0, 0, 1, 1))
	copy(rgba.Pix, []byte{0x80, 0x00, 0x80, 0x00, 0x80, 0x00, 0xff, 0xff})
	nrgba := image.NewNRGBA64(image.Rect(0, 0, 1, 1))
	copy(nrgba.Pix, []byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x80, 0x00})
	for _, img := range []image.Image{rgba, nrgba} {
		got := grayOfRows(img, grayRows(img))[0]
		if want := float64(0x8000) / 0xffff; !closeTo(got, want, 1e-4) {
			t.Errorf("%T gray = %v, want %v", img, got, want)
		}
	}
}

// BenchmarkGridRGBA64 reduces a 2000×2000 16-bit colour image, the type a
// 16-bit RGB PNG decodes to.
func BenchmarkGridRGBA64(b *testing.B) {
	img := image.NewRGBA64(image.Rect(0, 0, 2000, 2000))
	rng := rand.New(rand.NewPCG(45, 46))
	for i := range img.Pix {
		img.Pix[i] = uint8(rng.IntN(256))
	}
	p := DefaultPipeline()
	for b.Loop() {
		p.Grid(img)
	}
}
