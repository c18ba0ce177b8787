package faceio

import (
	"image"
	"image/color/palette"
	"math/rand/v2"
	"testing"
)

// uprightSource returns the pixel of a stored w×h image that EXIF
// orientation o shows at (x, y) of the upright image, following the
// rows and columns that the EXIF standard names for each value.
func uprightSource(o, x, y, w, h int) (int, int) {
	switch o {
	case 2: // row 0 at the top, column 0 on the right
		return w - 1 - x, y
	case 3: // row 0 at the bottom, column 0 on the right
		return w - 1 - x, h - 1 - y
	case 4: // row 0 at the bottom, column 0 on the left
		return x, h - 1 - y
	case 5: // row 0 on the left, column 0 at the top
		return y, x
	case 6: // row 0 on the right, column 0 at the top
		return y, h - 1 - x
	case 7: // row 0 on the right, column 0 at the bottom
		return w - 1 - y, h - 1 - x
	case 8: // row 0 on the left, column 0 at the bottom
		return w - 1 - y, x
	}
	return x, y
}

// orientFixtures returns random images of every type that orient handles,
// with bounds that do not start at (0, 0).
func orientFixtures(rng *rand.Rand) map[string]image.Image {
	r := image.Rect(3, 2, 12, 7) // 9×5, odd sides to test chroma offsets
	fill := func(pix []byte) {
		for i := range pix {
			pix[i] = uint8(rng.IntN(256))
		}
	}
	gray, gray16 := image.NewGray(r), image.NewGray16(r)
	rgba, nrgba := image.NewRGBA(r), image.NewNRGBA(r)
	rgba64, nrgba64 := image.NewRGBA64(r), image.NewNRGBA64(r)
	cmyk, paletted := image.NewCMYK(r), image.NewPaletted(r, palette.Plan9)
	alpha := image.NewAlpha(r)
	for _, pix := range [][]byte{gray.Pix, gray16.Pix, rgba.Pix, nrgba.Pix,
		rgba64.Pix, nrgba64.Pix, cmyk.Pix, paletted.Pix, alpha.Pix} {
		fill(pix)
	}
	images := map[string]image.Image{
		"Gray": gray, "Gray16": gray16, "RGBA": rgba, "NRGBA": nrgba,
		"RGBA64": rgba64, "NRGBA64": nrgba64, "CMYK": cmyk, "Paletted": paletted,
		"Alpha": alpha,
	}
	ratios := map[string]image.YCbCrSubsampleRatio{
		"444": image.YCbCrSubsampleRatio444, "422": image.YCbCrSubsampleRatio422,
		"420": image.YCbCrSubsampleRatio420, "440": image.YCbCrSubsampleRatio440,
		"411": image.YCbCrSubsampleRatio411, "410": image.YCbCrSubsampleRatio410,
	}
	for name, ratio := range ratios {
		ycc := image.NewYCbCr(r, ratio)
		fill(ycc.Y)
		fill(ycc.Cb)
		fill(ycc.Cr)
		images["YCbCr"+name] = ycc
		nycca := image.NewNYCbCrA(r, ratio)
		fill(nycca.Y)
		fill(nycca.Cb)
		fill(nycca.Cr)
		fill(nycca.A)
		images["NYCbCrA"+name] = nycca
	}
	return images
}

func TestOrientAllTypes(t *testing.T) {
	rng := rand.New(rand.NewPCG(41, 42))
	for name, img := range orientFixtures(rng) {
		b := img.Bounds()
		for o := 1; o <= 8; o++ {
			got := orient(img, o)
			want := image.Rect(0, 0, b.Dx(), b.Dy())
			if o >= 5 {
				want = image.Rect(0, 0, b.Dy(), b.Dx())
			}
			if o == 1 {
				want = b
			}
			if got.Bounds() != want {
				t.Errorf("%s, orientation %d: bounds %v, want %v", name, o, got.Bounds(), want)
				continue
			}
			checkOriented(t, name, o, img, got)
		}
	}
}

// checkOriented compares each pixel of got with the stored pixel that
// orientation o shows there.
func checkOriented(t *testing.T, name string, o int, stored, got image.Image) {
	t.Helper()
	b, gb := stored.Bounds(), got.Bounds()
	for y := range gb.Dy() {
		for x := range gb.Dx() {
			sx, sy := uprightSource(o, x, y, b.Dx(), b.Dy())
			want := stored.At(b.Min.X+sx, b.Min.Y+sy)
			if g := got.At(gb.Min.X+x, gb.Min.Y+y); !sameColor(g, want) {
				t.Errorf("%s, orientation %d: pixel (%d,%d) = %v, want %v",
					name, o, x, y, g, want)
				return
			}
		}
	}
}

func TestOrientKeepsType(t *testing.T) {
	img := image.NewNRGBA64(image.Rect(0, 0, 2, 3))
	if _, ok := orient(img, 6).(*image.NRGBA64); !ok {
		t.Errorf("orient(*image.NRGBA64, 6) is %T, want *image.NRGBA64", orient(img, 6))
	}
	ycc := image.NewYCbCr(image.Rect(0, 0, 4, 4), image.YCbCrSubsampleRatio420)
	got, ok := orient(ycc, 3).(*image.YCbCr)
	if !ok || got.SubsampleRatio != image.YCbCrSubsampleRatio444 {
		t.Errorf("orient(4:2:0 *image.YCbCr, 3) = %T, want a 4:4:4 *image.YCbCr", orient(ycc, 3))
	}
	for _, o := range []int{0, 1, 9, -1} {
		if orient(img, o) != image.Image(img) {
			t.Errorf("orient(img, %d) is a new image, want img itself", o)
		}
	}
	if _, ok := orient(image.NewAlpha(image.Rect(0, 0, 1, 1)), 2).(*image.RGBA64); !ok {
		t.Error("orient(*image.Alpha, 2) is not an *image.RGBA64")
	}
}
