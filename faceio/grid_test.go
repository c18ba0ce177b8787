package faceio

import (
	"fmt"
	"image"
	"image/color"
	"image/color/palette"
	"math"
	"math/rand/v2"
	"testing"
)

const tolerance = 1e-12

func randomGray(rng *rand.Rand, width, height int) *image.Gray {
	img := image.NewGray(image.Rect(0, 0, width, height))
	for i := range img.Pix {
		img.Pix[i] = uint8(rng.IntN(256))
	}
	return img
}

func closeTo(a, b, tol float64) bool { return math.Abs(a-b) <= tol }

func TestGridORLBlockMeans(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	img := randomGray(rng, 92, 112)
	p := DefaultPipeline()

	grid := p.Grid(img)
	if len(grid) != 23*28 {
		t.Fatalf("len(Grid) = %d, want %d", len(grid), 23*28)
	}
	for cy := range 28 {
		for cx := range 23 {
			sum := 0
			for y := 4 * cy; y < 4*cy+4; y++ {
				for x := 4 * cx; x < 4*cx+4; x++ {
					sum += int(img.GrayAt(x, y).Y)
				}
			}
			want := float64(sum) / 16 / 255
			if got := grid[cy*23+cx]; !closeTo(got, want, tolerance) {
				t.Fatalf("cell (%d,%d) = %v, want the 4×4 block mean %v", cx, cy, got, want)
			}
		}
	}
}

func TestGridFractionalWeights(t *testing.T) {
	// A 5×5 image to a 2×2 grid: each cell covers 2.5 pixels per axis, so
	// cell 0 weights pixels 0, 1, 2 by 0.4, 0.4, 0.2 and cell 1 weights
	// pixels 2, 3, 4 by 0.2, 0.4, 0.4. With pixel values 10y + x, cell
	// (0,0) is 10(0.8) + 0.8 = 8.8 and cell (1,0) is 8 + 3.2 = 11.2.
	img := image.NewGray(image.Rect(0, 0, 5, 5))
	for y := range 5 {
		for x := range 5 {
			img.SetGray(x, y, color.Gray{Y: uint8(10*y + x)})
		}
	}
	p := Pipeline{Width: 2, Height: 2}
	got := p.Grid(img)
	want := []float64{8.8 / 255, 11.2 / 255, 32.8 / 255, 35.2 / 255}
	for i := range want {
		if !closeTo(got[i], want[i], tolerance) {
			t.Errorf("cell %d = %v, want %v", i, got[i], want[i])
		}
	}
}

func TestGridUpscale(t *testing.T) {
	img := image.NewGray(image.Rect(0, 0, 2, 2))
	copy(img.Pix, []uint8{0, 51, 102, 255})
	tests := []struct {
		name string
		p    Pipeline
		want []float64
	}{
		{
			name: "2x",
			p:    Pipeline{Width: 4, Height: 4},
			want: []float64{
				0, 0, 0.2, 0.2,
				0, 0, 0.2, 0.2,
				0.4, 0.4, 1, 1,
				0.4, 0.4, 1, 1,
			},
		},
		{
			// Cells of 2/3 pixel: the middle one is half of each pixel.
			name: "1.5x",
			p:    Pipeline{Width: 3, Height: 3},
			want: []float64{
				0, 0.1, 0.2,
				0.2, 0.4, 0.6,
				0.4, 0.7, 1,
			},
		},
	}
	for _, tt := range tests {
		got := tt.p.Grid(img)
		for i := range tt.want {
			if !closeTo(got[i], tt.want[i], tolerance) {
				t.Errorf("%s: cell %d = %v, want %v", tt.name, i, got[i], tt.want[i])
			}
		}
	}
}

func TestGridConstantImage(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 37, 53))
	for i := 0; i < len(img.Pix); i += 4 {
		copy(img.Pix[i:], []uint8{200, 100, 50, 255})
	}
	want := (0.299*200 + 0.587*100 + 0.114*50) / 255
	grids := [][2]int{{23, 28}, {1, 1}, {37, 53}, {100, 7}, {64, 200}}
	for _, equalize := range []bool{false, true} {
		for _, g := range grids {
			p := Pipeline{Width: g[0], Height: g[1], Equalize: equalize}
			for i, v := range p.Grid(img) {
				if !closeTo(v, want, tolerance) {
					t.Fatalf("%d×%d, equalize %t: cell %d = %v, want %v",
						g[0], g[1], equalize, i, v, want)
				}
			}
		}
	}
}

func TestGridCenterCrop(t *testing.T) {
	// An 8×4 image to a square grid keeps the middle 4×4, x in [2,6).
	wide := image.NewGray(image.Rect(0, 0, 8, 4))
	for y := range 4 {
		for _, x := range []int{0, 1, 6, 7} {
			wide.SetGray(x, y, color.Gray{Y: 255})
		}
	}
	// A 5×2 image to a square grid keeps x in [1.5, 3.5): half of pixel 1,
	// all of pixel 2 and half of pixel 3.
	fractional := image.NewGray(image.Rect(0, 0, 5, 2))
	for y := range 2 {
		copy(fractional.Pix[y*5:], []uint8{255, 255, 0, 51, 255})
	}
	// A 2×6 image to a 2×1 grid keeps the middle rows [2.5, 3.5).
	tall := image.NewGray(image.Rect(10, 20, 12, 26))
	copy(tall.Pix, []uint8{9, 9, 9, 9, 0, 255, 102, 51, 9, 9, 9, 9})

	tests := []struct {
		name string
		img  image.Image
		p    Pipeline
		want []float64
	}{
		{"wide", wide, Pipeline{Width: 1, Height: 1}, []float64{0}},
		{"fractional", fractional, Pipeline{Width: 1, Height: 1}, []float64{(0.25*255 + 0.25*51) / 255}},
		{"tall, offset bounds", tall, Pipeline{Width: 2, Height: 1}, []float64{0.2, 0.6}},
	}
	for _, tt := range tests {
		got := tt.p.Grid(tt.img)
		for i := range tt.want {
			if !closeTo(got[i], tt.want[i], tolerance) {
				t.Errorf("%s: cell %d = %v, want %v", tt.name, i, got[i], tt.want[i])
			}
		}
	}
}

// overlap returns the length of the intersection of [a0, a1) and [b0, b1).
func overlap(a0, a1, b0, b1 float64) float64 {
	return max(0, min(a1, b1)-max(a0, b0))
}

// TestGridPreservesMean checks on random sizes that the mean of the grid
// equals the area-weighted mean of the crop, computed pixel by pixel.
func TestGridPreservesMean(t *testing.T) {
	rng := rand.New(rand.NewPCG(23, 24))
	for range 200 {
		w, h := 1+rng.IntN(120), 1+rng.IntN(120)
		x0, y0 := rng.IntN(50)-25, rng.IntN(50)-25
		img := image.NewGray(image.Rect(x0, y0, x0+w, y0+h))
		for i := range img.Pix {
			img.Pix[i] = uint8(rng.IntN(256))
		}
		p := Pipeline{Width: 1 + rng.IntN(60), Height: 1 + rng.IntN(60)}

		c := centerCrop(img.Bounds(), p.Width, p.Height)
		want := 0.0
		for y := y0; y < y0+h; y++ {
			for x := x0; x < x0+w; x++ {
				a := overlap(float64(x), float64(x+1), c.x, c.x+c.width) *
					overlap(float64(y), float64(y+1), c.y, c.y+c.height)
				want += a * float64(img.GrayAt(x, y).Y) / 255
			}
		}
		want /= c.width * c.height

		grid := p.Grid(img)
		got := 0.0
		for _, v := range grid {
			if v < 0 || v > 1 {
				t.Fatalf("%v to %d×%d: value %v outside [0,1]", img.Bounds(), p.Width, p.Height, v)
			}
			got += v
		}
		got /= float64(len(grid))
		if !closeTo(got, want, 1e-9) {
			t.Errorf("%v to %d×%d: grid mean %v, crop mean %v", img.Bounds(), p.Width, p.Height, got, want)
		}
	}
}

func TestGridGray16Precision(t *testing.T) {
	img := image.NewGray16(image.Rect(0, 0, 16, 16))
	for k := range 256 {
		img.SetGray16(k%16, k/16, color.Gray16{Y: uint16(257 * k)})
	}
	grid := Pipeline{Width: 16, Height: 16}.Grid(img)
	for k, got := range grid {
		if want := float64(k) / 255; !closeTo(got, want, tolerance) {
			t.Errorf("cell %d = %v, want %v", k, got, want)
		}
	}

	// A step of one 16-bit level must survive, which 8 bits would lose.
	img.SetGray16(0, 0, color.Gray16{Y: 1})
	if got := (Pipeline{Width: 16, Height: 16}).Grid(img)[0]; !closeTo(got, 1.0/65535, tolerance) {
		t.Errorf("cell 0 = %v, want %v", got, 1.0/65535)
	}
}

func TestGrayLuma(t *testing.T) {
	rgba := func(c color.RGBA) image.Image {
		img := image.NewRGBA(image.Rect(0, 0, 1, 1))
		img.SetRGBA(0, 0, c)
		return img
	}
	nrgba := func(c color.NRGBA) image.Image {
		img := image.NewNRGBA(image.Rect(0, 0, 1, 1))
		img.SetNRGBA(0, 0, c)
		return img
	}
	tests := []struct {
		name string
		img  image.Image
		want float64
	}{
		{"red", rgba(color.RGBA{R: 255, A: 255}), 0.299},
		{"green", rgba(color.RGBA{G: 255, A: 255}), 0.587},
		{"blue", rgba(color.RGBA{B: 255, A: 255}), 0.114},
		{"white", rgba(color.RGBA{255, 255, 255, 255}), 1},
		{"half-transparent white on black", nrgba(color.NRGBA{255, 255, 255, 128}), 128.0 / 255},
		{"transparent", nrgba(color.NRGBA{255, 255, 255, 0}), 0},
	}
	for _, tt := range tests {
		got := Pipeline{Width: 1, Height: 1}.Grid(tt.img)[0]
		if !closeTo(got, tt.want, 1e-9) {
			t.Errorf("%s: gray = %v, want %v", tt.name, got, tt.want)
		}
	}
}

// readGray returns the gray values of img, row by row, read with
// grayRows.
func readGray(img image.Image) []float64 {
	b := img.Bounds()
	read := grayRows(img)
	values := make([]float64, b.Dx()*b.Dy())
	for y := range b.Dy() {
		read(values[y*b.Dx():(y+1)*b.Dx()], b.Min.X, b.Min.Y+y)
	}
	return values
}

// atOnly hides the concrete type of an image, so Grid takes the At path.
type atOnly struct{ image.Image }

func TestGrayFastPathsMatchAt(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	r := image.Rect(0, 0, 31, 17)
	sub := image.Rect(3, 2, 29, 16)

	nrgba := image.NewNRGBA(r)
	rgba := image.NewRGBA(r)
	for i := range nrgba.Pix {
		nrgba.Pix[i] = uint8(rng.IntN(256))
	}
	for i := 0; i < len(rgba.Pix); i += 4 {
		a := rng.IntN(256)
		for c := range 3 {
			rgba.Pix[i+c] = uint8(rng.IntN(a + 1)) // premultiplied: at most alpha
		}
		rgba.Pix[i+3] = uint8(a)
	}
	// Neutral chroma makes At return R = G = B = Y exactly, which checks
	// the Y offsets of a subsampled image.
	neutral := image.NewYCbCr(r, image.YCbCrSubsampleRatio420)
	for i := range neutral.Y {
		neutral.Y[i] = uint8(rng.IntN(256))
	}
	for i := range neutral.Cb {
		neutral.Cb[i], neutral.Cr[i] = 128, 128
	}
	// Chroma from real RGB colours keeps At within the RGB gamut.
	colourful := image.NewYCbCr(r, image.YCbCrSubsampleRatio444)
	for i := range colourful.Y {
		rgb := [3]uint8{uint8(rng.IntN(256)), uint8(rng.IntN(256)), uint8(rng.IntN(256))}
		colourful.Y[i], colourful.Cb[i], colourful.Cr[i] = color.RGBToYCbCr(rgb[0], rgb[1], rgb[2])
	}
	paletted := image.NewPaletted(r, palette.WebSafe)
	for i := range paletted.Pix {
		paletted.Pix[i] = uint8(rng.IntN(len(palette.WebSafe)))
	}
	gray16 := image.NewGray16(r)
	for i := range gray16.Pix {
		gray16.Pix[i] = uint8(rng.IntN(256))
	}

	tests := []struct {
		name string
		img  image.Image
		tol  float64
	}{
		{"Gray", randomGray(rng, 31, 17), tolerance},
		{"Gray16", gray16, tolerance},
		{"RGBA", rgba, tolerance},
		// RGBA() premultiplies NRGBA in integers, rounding down.
		{"NRGBA", nrgba, 1.0 / 0xffff},
		{"YCbCr neutral", neutral, tolerance},
		// At converts YCbCr to RGB in fixed point and clamps it, so its luma
		// differs from the stored Y by up to two levels.
		{"YCbCr colourful", colourful, 2.0 / 0xff},
		{"Paletted", paletted, tolerance},
	}
	for _, tt := range tests {
		for _, b := range []image.Rectangle{r, sub} {
			img := tt.img.(interface {
				SubImage(image.Rectangle) image.Image
			}).SubImage(b)
			fast := readGray(img)
			slow := readGray(atOnly{img})
			for i := range fast {
				if !closeTo(fast[i], slow[i], tt.tol) {
					t.Errorf("%s in %v: pixel %d = %v, At path %v", tt.name, b, i, fast[i], slow[i])
					break
				}
			}
		}
	}
}

func TestEqualize(t *testing.T) {
	tests := []struct {
		in, want []float64
	}{
		{[]float64{0.1, 0.1, 0.5, 0.9}, []float64{0, 0, 0.5, 1}},
		{[]float64{0.9, 0.2, 0.4, 0.3, 0.2}, []float64{1, 0, 2.0 / 3, 1.0 / 3, 0}},
		{[]float64{0.3, 0.3, 0.3}, []float64{0.3, 0.3, 0.3}},
		{[]float64{0.7}, []float64{0.7}},
		{[]float64{0.45, 0.55}, []float64{0, 1}},
	}
	for _, tt := range tests {
		got := append([]float64(nil), tt.in...)
		equalize(got)
		for i := range tt.want {
			if !closeTo(got[i], tt.want[i], tolerance) {
				t.Errorf("equalize(%v) = %v, want %v", tt.in, got, tt.want)
				break
			}
		}
	}
}

func TestGridEqualizeStretches(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	img := image.NewGray(image.Rect(0, 0, 92, 112))
	for i := range img.Pix {
		img.Pix[i] = uint8(100 + rng.IntN(20)) // a dull, low-contrast face
	}
	p := DefaultPipeline()
	p.Equalize = true
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, v := range p.Grid(img) {
		if math.IsNaN(v) {
			t.Fatal("equalised grid contains NaN")
		}
		lo, hi = min(lo, v), max(hi, v)
	}
	if lo != 0 || hi != 1 {
		t.Errorf("equalised grid spans [%v, %v], want [0, 1]", lo, hi)
	}
}

func TestApplyOrder(t *testing.T) {
	// A 3×2 grid from a 3×2 image is the image itself.
	img := image.NewGray(image.Rect(0, 0, 3, 2))
	copy(img.Pix, []uint8{0, 51, 102, 153, 204, 255})
	tests := []struct {
		order Order
		want  []float64
	}{
		{"", []float64{0, 0.2, 0.4, 0.6, 0.8, 1}},
		{RowMajor, []float64{0, 0.2, 0.4, 0.6, 0.8, 1}},
		{ColumnMajor, []float64{0, 0.6, 0.2, 0.8, 0.4, 1}},
	}
	for _, tt := range tests {
		p := Pipeline{Width: 3, Height: 2, Order: tt.order}
		got := p.Apply(img)
		for i := range tt.want {
			if !closeTo(got[i], tt.want[i], tolerance) {
				t.Errorf("order %q: Apply = %v, want %v", tt.order, got, tt.want)
				break
			}
		}
		grid := p.Grid(img)
		if !closeTo(grid[1], 0.2, tolerance) {
			t.Errorf("order %q: Grid[1] = %v, want 0.2 whatever the order", tt.order, grid[1])
		}
	}
}

func TestGridImage(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	img := randomGray(rng, 92, 112)
	p := DefaultPipeline()
	grid := p.Grid(img)
	gi := p.GridImage(img)
	if gi.Bounds() != image.Rect(0, 0, 23, 28) {
		t.Fatalf("GridImage bounds = %v, want 23×28", gi.Bounds())
	}
	for i, v := range grid {
		if want := uint8(math.Round(255 * v)); gi.Pix[i] != want {
			t.Fatalf("GridImage pixel %d = %d, want %d", i, gi.Pix[i], want)
		}
	}
}

func TestThumbnail(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 14))
	orl := randomGray(rng, 92, 112)
	tests := []struct {
		name   string
		img    image.Image
		wantDx int
		wantDy int
	}{
		{"ORL size kept", orl, 92, 112},
		{"small kept", randomGray(rng, 50, 40), 50, 40},
		{"landscape", randomGray(rng, 300, 200), 112, 75},
		{"portrait", randomGray(rng, 224, 448), 56, 112},
		{"thin", randomGray(rng, 1000, 2), 112, 1},
	}
	for _, tt := range tests {
		got := Thumbnail(tt.img).Bounds()
		if got.Dx() != tt.wantDx || got.Dy() != tt.wantDy {
			t.Errorf("%s: Thumbnail size = %d×%d, want %d×%d",
				tt.name, got.Dx(), got.Dy(), tt.wantDx, tt.wantDy)
		}
	}
	if th := Thumbnail(orl); string(th.Pix) != string(orl.Pix) {
		t.Error("Thumbnail of a 92×112 gray image changed its pixels")
	}
}

func TestGridPanics(t *testing.T) {
	img := image.NewGray(image.Rect(0, 0, 4, 4))
	tests := []struct {
		name string
		call func()
	}{
		{"invalid pipeline", func() { Pipeline{Width: 0, Height: 4}.Grid(img) }},
		{"empty image", func() { DefaultPipeline().Grid(image.NewGray(image.Rectangle{})) }},
		{"Apply invalid order", func() { Pipeline{Width: 4, Height: 4, Order: "x"}.Apply(img) }},
		{"Thumbnail empty", func() { Thumbnail(image.NewGray(image.Rect(3, 3, 3, 9))) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			defer func() {
				if recover() == nil {
					t.Error("no panic")
				}
			}()
			tt.call()
		})
	}
}

func BenchmarkPipelineApply(b *testing.B) {
	rng := rand.New(rand.NewPCG(15, 16))
	images := map[string]image.Image{
		"Gray92x112": randomGray(rng, 92, 112),
		"RGBA92x112": image.NewRGBA(image.Rect(0, 0, 92, 112)),
	}
	for _, name := range []string{"Gray92x112", "RGBA92x112"} {
		for _, p := range []Pipeline{DefaultPipeline(), {Width: 23, Height: 28, Equalize: true}} {
			b.Run(fmt.Sprintf("%s/equalize=%t", name, p.Equalize), func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					p.Apply(images[name])
				}
			})
		}
	}
}
