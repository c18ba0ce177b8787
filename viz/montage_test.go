package viz

import (
	"image"
	"image/color"
	"math"
	"reflect"
	"testing"

	"gonum.org/v1/gonum/mat"
)

var (
	pureRed   = color.RGBA{R: 255, A: 255}
	pureBlue  = color.RGBA{B: 255, A: 255}
	pureWhite = color.RGBA{R: 255, G: 255, B: 255, A: 255}
)

// tileCell returns the screen rectangle of grid cell (x, y) in the tile of
// unit in a montage drawn with opt.
func tileCell(opt MontageOptions, units, unit, x, y int) image.Rectangle {
	opt = opt.withDefaults(units)
	g := newMontageGeometry(opt, units, false)
	min := g.tileOrigin(unit).Add(image.Pt(x*opt.Cell, y*opt.Cell))
	return image.Rectangle{Min: min, Max: min.Add(image.Pt(opt.Cell, opt.Cell))}
}

// checkUniform reports every pixel of r in img that is not want.
func checkUniform(t *testing.T, img image.Image, r image.Rectangle,
	want color.RGBA) {

	t.Helper()
	bad := 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if got := color.RGBAModel.Convert(img.At(x, y)); got != want {
				if bad == 0 {
					t.Errorf("pixel (%d, %d) = %v, want %v", x, y, got, want)
				}
				bad++
			}
		}
	}
	if bad > 1 {
		t.Errorf("%d of %d pixels in %v differ", bad, r.Dx()*r.Dy(), r)
	}
}

func TestMontageScaleEnds(t *testing.T) {
	// A 3x2 grid, row-major: index = y*3 + x. Unit 1 keeps the scale at
	// m = 2, and unit 0 contains the cells under test.
	layout := Layout{Width: 3, Height: 2}
	w := mat.NewDense(6, 2, nil)
	w.Set(1*3+2, 0, 2)  // (2, 1) = +m
	w.Set(0*3+1, 0, -2) // (1, 0) = -m
	w.Set(0*3+0, 1, 2)
	opt := MontageOptions{Layout: layout, Cell: 5}
	img := Montage(w, opt)

	tests := []struct {
		name string
		x, y int
		want color.RGBA
	}{
		{"plus m is red", 2, 1, pureRed},
		{"minus m is blue", 1, 0, pureBlue},
		{"zero is white", 0, 0, pureWhite},
		{"zero elsewhere is white", 0, 1, pureWhite},
	}
	for _, test := range tests {
		t.Run(test.name, func(t *testing.T) {
			r := tileCell(opt, 2, 0, test.x, test.y)
			checkUniform(t, img, r, test.want)
		})
	}
}

func TestMontageLayoutOrder(t *testing.T) {
	// A single hot cell at (3, 1) on a 5x3 grid lands at a different
	// flat index in each order.
	const hotX, hotY = 3, 1
	tests := []struct {
		name   string
		layout Layout
		index  int
	}{
		{"row-major", Layout{Width: 5, Height: 3}, hotY*5 + hotX},
		{"column-major", Layout{Width: 5, Height: 3, ColumnMajor: true},
			hotX*3 + hotY},
	}
	for _, test := range tests {
		t.Run(test.name, func(t *testing.T) {
			w := mat.NewDense(15, 1, nil)
			w.Set(test.index, 0, 1)
			opt := MontageOptions{Layout: test.layout, Cell: 3}
			img := Montage(w, opt)
			for y := range 3 {
				for x := range 5 {
					want := pureWhite
					if x == hotX && y == hotY {
						want = pureRed
					}
					checkUniform(t, img, tileCell(opt, 1, 0, x, y), want)
				}
			}
		})
	}
}

func TestMontageSharedScale(t *testing.T) {
	// Unit 1 has weights 10 times smaller than unit 0, so on the shared
	// scale it must be paler: nearer white, but not white.
	w := mat.NewDense(4, 2, nil)
	for i := range 4 {
		w.Set(i, 0, 1)
		w.Set(i, 1, 0.1)
	}
	opt := MontageOptions{Layout: Layout{Width: 2, Height: 2}}
	img := Montage(w, opt)

	strongAt := tileCell(opt, 2, 0, 0, 0).Min
	weakAt := tileCell(opt, 2, 1, 0, 0).Min
	strong := img.At(strongAt.X, strongAt.Y)
	weak := img.At(weakAt.X, weakAt.Y)
	if got := color.RGBAModel.Convert(strong); got != pureRed {
		t.Errorf("strong unit = %v, want %v", got, pureRed)
	}
	_, g, _, _ := weak.RGBA()
	if g>>8 <= 0 || g>>8 >= 255 {
		t.Errorf("weak unit green = %d, want strictly between 0 and 255", g>>8)
	}
	if d := pixelDistance(weak, pureWhite); d >= pixelDistance(strong, pureWhite) {
		t.Errorf("weak unit is %d from white, strong unit %d; want weak "+
			"nearer", d, pixelDistance(strong, pureWhite))
	}
}

func TestMontageNotFiniteCells(t *testing.T) {
	values := []float64{math.NaN(), math.Inf(1), math.Inf(-1), 4, -1, 0}
	w := mat.NewDense(6, 1, values)
	opt := MontageOptions{Layout: Layout{Width: 6, Height: 1}, Cell: 2}
	img := Montage(w, opt)

	for x := range 3 {
		checkUniform(t, img, tileCell(opt, 1, 0, x, 0), notFiniteColor)
	}
	// The scale ignores ±Inf, so the largest finite value is pure red.
	checkUniform(t, img, tileCell(opt, 1, 0, 3, 0), pureRed)
	checkUniform(t, img, tileCell(opt, 1, 0, 5, 0), pureWhite)
}

// emptyMatrix is a mat.Matrix with no elements, which mat.NewDense cannot
// make.
type emptyMatrix struct{ rows, columns int }

func (m emptyMatrix) Dims() (int, int)    { return m.rows, m.columns }
func (m emptyMatrix) At(i, j int) float64 { panic("emptyMatrix: At called") }
func (m emptyMatrix) T() mat.Matrix       { return emptyMatrix{m.columns, m.rows} }

func TestMontageDegenerate(t *testing.T) {
	cells := faceLayout.Width * faceLayout.Height
	filled := func(v float64) mat.Matrix {
		w := mat.NewDense(cells, 3, nil)
		for i := range cells {
			for j := range 3 {
				w.Set(i, j, v)
			}
		}
		return w
	}
	zeroAndNaN := mat.DenseCopyOf(filled(0))
	zeroAndNaN.Set(0, 0, math.NaN())

	tests := []struct {
		name   string
		w      mat.Matrix
		layout Layout
		units  int
		want   string
	}{
		{"zero units", emptyMatrix{cells, 0}, faceLayout, 0,
			"No weights to show"},
		{"zero rows", emptyMatrix{0, 4}, Layout{}, 4, "No weights to show"},
		{"zero rows and units", &mat.Dense{}, Layout{}, 0,
			"No weights to show"},
		{"all zero", filled(0), faceLayout, 3, "All weights are zero"},
		{"all NaN", filled(math.NaN()), faceLayout, 3,
			"Weights are not finite"},
		{"all +Inf", filled(math.Inf(1)), faceLayout, 3,
			"Weights are not finite"},
		{"zero and NaN", zeroAndNaN, faceLayout, 3,
			"All finite weights are zero"},
	}
	for _, test := range tests {
		t.Run(test.name, func(t *testing.T) {
			opt := MontageOptions{Layout: test.layout, Title: "Layer 1"}
			got := Montage(test.w, opt)
			want := montageMessage(opt.withDefaults(test.units),
				test.units, test.want)
			if got.Bounds() != want.Bounds() {
				t.Fatalf("bounds = %v, want %v", got.Bounds(), want.Bounds())
			}
			if n := countDifferingPixels(got, want, 0); n != 0 {
				t.Errorf("%d pixels differ from the image of message %q",
					n, test.want)
			}
		})
	}
}

func TestMontageMessageSize(t *testing.T) {
	// A degenerate montage keeps the size that its tiles would have, so a
	// view does not jump when the weights stop being finite.
	w := randomWeights(faceLayout.Width*faceLayout.Height, 6, 1)
	opt := MontageOptions{Layout: faceLayout, Title: "Layer 1"}
	tiles := Montage(w, opt)
	w.Zero()
	message := Montage(w, opt)
	if message.Bounds() != tiles.Bounds() {
		t.Errorf("bounds = %v, want %v", message.Bounds(), tiles.Bounds())
	}
}

func TestMontageScaleProblem(t *testing.T) {
	tests := []struct {
		scale weightScale
		want  string
	}{
		{weightScale{max: 1, total: 4}, ""},
		{weightScale{max: 1, notFinite: 3, total: 4}, ""},
		{weightScale{max: 0, total: 4}, "All weights are zero"},
		{weightScale{max: 0, notFinite: 1, total: 4},
			"All finite weights are zero"},
		{weightScale{notFinite: 4, total: 4}, "Weights are not finite"},
	}
	for _, test := range tests {
		if got := test.scale.problem(); got != test.want {
			t.Errorf("%+v: problem() = %q, want %q", test.scale, got, test.want)
		}
	}
}

func TestMontagePanics(t *testing.T) {
	tests := []struct {
		name string
		w    mat.Matrix
		opt  MontageOptions
	}{
		{"rows differ from layout", mat.NewDense(10, 2, nil),
			MontageOptions{Layout: Layout{Width: 3, Height: 3}}},
		{"zero rows, non-empty layout", emptyMatrix{0, 2},
			MontageOptions{Layout: faceLayout}},
		{"negative layout", mat.NewDense(6, 1, nil),
			MontageOptions{Layout: Layout{Width: -2, Height: -3}}},
		{"negative cell", mat.NewDense(4, 1, nil),
			MontageOptions{Layout: Layout{Width: 2, Height: 2}, Cell: -1}},
		{"negative gap", mat.NewDense(4, 1, nil),
			MontageOptions{Layout: Layout{Width: 2, Height: 2}, Gap: -1}},
	}
	for _, test := range tests {
		t.Run(test.name, func(t *testing.T) {
			defer func() {
				if recover() == nil {
					t.Error("Montage did not panic")
				}
			}()
			Montage(test.w, test.opt)
		})
	}
}

func TestMontageDefaults(t *testing.T) {
	tests := []struct {
		name  string
		opt   MontageOptions
		units int
		want  MontageOptions
	}{
		{"zero", MontageOptions{}, 64,
			MontageOptions{Cell: 4, Columns: 8, Gap: 2}},
		{"columns round up", MontageOptions{}, 10,
			MontageOptions{Cell: 4, Columns: 4, Gap: 2}},
		{"columns capped", MontageOptions{Columns: 9}, 3,
			MontageOptions{Cell: 4, Columns: 3, Gap: 2}},
		{"set fields kept", MontageOptions{Cell: 1, Columns: 2, Gap: 5}, 6,
			MontageOptions{Cell: 1, Columns: 2, Gap: 5}},
	}
	for _, test := range tests {
		if got := test.opt.withDefaults(test.units); !reflect.DeepEqual(got, test.want) {
			t.Errorf("%s: got %+v, want %+v", test.name, got, test.want)
		}
	}
}

func TestMontageConcurrent(t *testing.T) {
	w := randomWeights(faceLayout.Width*faceLayout.Height, 9, 2)
	opt := MontageOptions{Layout: faceLayout, Title: "Layer 1"}
	want := Montage(w, opt)

	const workers = 4
	got := make(chan image.Image, workers)
	for range workers {
		go func() { got <- Montage(w, opt) }()
	}
	for range workers {
		if n := countDifferingPixels(<-got, want, 0); n != 0 {
			t.Errorf("concurrent montage: %d pixels differ", n)
		}
	}
}

func TestMontagePerUnitScale(t *testing.T) {
	// Unit 1 has weights 10 times smaller than unit 0. On its own scale
	// its largest weight is pure red, as unit 0's is.
	w := mat.NewDense(4, 2, nil)
	for i := range 4 {
		w.Set(i, 0, 1)
		w.Set(i, 1, 0.1)
	}
	w.Set(3, 1, -0.1)
	opt := MontageOptions{Layout: Layout{Width: 2, Height: 2},
		Scale: PerUnitScale}
	img := Montage(w, opt)

	checkUniform(t, img, tileCell(opt, 2, 0, 0, 0), pureRed)
	checkUniform(t, img, tileCell(opt, 2, 1, 0, 0), pureRed)
	checkUniform(t, img, tileCell(opt, 2, 1, 1, 1), pureBlue)
}

func TestMontagePerUnitZeroUnit(t *testing.T) {
	// A unit with no non-zero weight is white on its own scale.
	w := mat.NewDense(4, 2, []float64{1, 0, 1, 0, 1, 0, 1, 0})
	opt := MontageOptions{Layout: Layout{Width: 2, Height: 2},
		Scale: PerUnitScale}
	img := Montage(w, opt)
	checkUniform(t, img, tileCell(opt, 2, 1, 1, 1), pureWhite)
}

func TestMontageTileLabel(t *testing.T) {
	// Unit 0 has four weights of 1 and 2, so its norm is sqrt(10).
	w := mat.NewDense(4, 2, []float64{1, 0, 2, 0, 1, 0, 2, 0})
	w.Set(1, 1, math.NaN())
	w.Set(2, 1, 3)
	scale := measureScale(unitWeights(w))
	tests := []struct {
		name string
		opt  MontageOptions
		unit int
		want string
	}{
		{"index and norm", MontageOptions{Cell: 40}, 0, "0  ‖w‖ 3.16"},
		{"norm skips NaN", MontageOptions{Cell: 40}, 1, "1  ‖w‖ 3"},
		{"narrow tile keeps index", MontageOptions{Cell: 4}, 1, "1"},
		{"index only when a norm does not fit", MontageOptions{Cell: 22}, 1, "1"},
		{"given label", MontageOptions{Cell: 40,
			Labels: []string{"PC1 12%", "PC2 8%"}}, 1, "PC2 8%"},
		{"long label shortened", MontageOptions{Cell: 20,
			Labels: []string{"PC1 explains twelve percent", ""}}, 0, "PC1…"},
	}
	for _, test := range tests {
		t.Run(test.name, func(t *testing.T) {
			opt := test.opt
			opt.Layout = Layout{Width: 2, Height: 2}
			opt = opt.withDefaults(2)
			g := newMontageGeometry(opt, 2, false)
			if got := g.tileLabel(opt, test.unit, scale, g.normsFit(scale)); got != test.want {
				t.Errorf("label = %q, want %q", got, test.want)
			}
		})
	}
}

func TestMontageLegendCaption(t *testing.T) {
	// The caption names the scale, so images of the two scales differ
	// below the colour bar even where the tiles are the same.
	w := mat.NewDense(4, 1, []float64{1, -1, 0.5, 0})
	layout := Layout{Width: 2, Height: 2}
	shared := Montage(w, MontageOptions{Layout: layout})
	perUnit := Montage(w, MontageOptions{Layout: layout, Scale: PerUnitScale})
	if shared.Bounds() == perUnit.Bounds() &&
		countDifferingPixels(shared, perUnit, 0) == 0 {
		t.Error("shared and per-unit montages are identical")
	}
}

func TestMontageUnitAt(t *testing.T) {
	w := randomWeights(faceLayout.Width*faceLayout.Height, 5, 1)
	opt := MontageOptions{Layout: faceLayout, Title: "Layer 1"}
	full := opt.withDefaults(5)
	g := newMontageGeometry(full, 5, false)
	origin := func(unit int) image.Point { return g.tileOrigin(unit) }
	tests := []struct {
		name   string
		p      image.Point
		unit   int
		wantOK bool
	}{
		{"tile 0 corner", origin(0), 0, true},
		{"tile 4 middle", origin(4).Add(image.Pt(40, 50)), 4, true},
		{"tile 2 last pixel", origin(2).Add(image.Pt(g.tileWidth-1,
			g.tileHeight-1)), 2, true},
		{"label of tile 1", origin(1).Sub(image.Pt(0, 2)), 1, true},
		{"gap right of tile 0", origin(0).Add(image.Pt(g.tileWidth, 5)),
			0, false},
		{"empty slot after tile 4", origin(4).Add(image.Pt(
			g.tileWidth+g.gap+3, 3)), 0, false},
		{"title", image.Pt(g.width/2, 2), 0, false},
		{"legend", image.Pt(g.width/2, g.barTop+2), 0, false},
		{"outside", image.Pt(-3, -3), 0, false},
	}
	for _, test := range tests {
		t.Run(test.name, func(t *testing.T) {
			unit, ok := MontageUnitAt(w, opt, test.p)
			if ok != test.wantOK || unit != test.unit {
				t.Errorf("MontageUnitAt(%v) = %d, %v; want %d, %v", test.p,
					unit, ok, test.unit, test.wantOK)
			}
		})
	}
}

func TestMontageUnitAtMessage(t *testing.T) {
	w := mat.NewDense(4, 2, nil)
	opt := MontageOptions{Layout: Layout{Width: 2, Height: 2}}
	if unit, ok := MontageUnitAt(w, opt, image.Pt(20, 20)); ok {
		t.Errorf("all-zero weights: got unit %d, want ok false", unit)
	}
}

func TestMontageOptionPanics(t *testing.T) {
	layout := Layout{Width: 2, Height: 2}
	tests := []struct {
		name string
		opt  MontageOptions
	}{
		{"invalid scale", MontageOptions{Layout: layout, Scale: 2}},
		{"too few labels", MontageOptions{Layout: layout,
			Labels: []string{"a"}}},
		{"too many labels", MontageOptions{Layout: layout,
			Labels: []string{"a", "b", "c"}}},
	}
	for _, test := range tests {
		t.Run(test.name, func(t *testing.T) {
			defer func() {
				if recover() == nil {
					t.Error("Montage did not panic")
				}
			}()
			Montage(mat.NewDense(4, 2, nil), test.opt)
		})
	}
}
