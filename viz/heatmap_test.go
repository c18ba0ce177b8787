package viz

import (
	"image"
	"image/color"
	"math"
	"testing"
)

// heatCellRect returns the screen rectangle of grid cell (x, y) of a
// heat map of values drawn with opt.
func heatCellRect(values []float64, layout Layout, opt HeatMapOptions,
	x, y int) image.Rectangle {

	st := styleFor(opt.PixelScale)
	p := newHeatPanel(Panel{Title: opt.Title, Values: values, Mode: opt.Mode},
		layout, heatCell(opt.Cell), st)
	left, right := x*p.gridWidth/layout.Width, (x+1)*p.gridWidth/layout.Width
	top, bottom := y*p.gridHeight/layout.Height, (y+1)*p.gridHeight/layout.Height
	return image.Rect(left, top, right, bottom).Add(image.Pt(p.gridLeft, p.gridTop))
}

func TestHeatMapColours(t *testing.T) {
	// A 3x2 grid, row-major: index = y*3 + x.
	layout := Layout{Width: 3, Height: 2}
	values := []float64{0, -2, 0.5, 1, math.NaN(), 2}
	tests := []struct {
		name string
		mode Mode
		x, y int
		want color.RGBA
	}{
		{"signed max is red", Signed, 2, 1, pureRed},
		{"signed min is blue", Signed, 1, 0, pureBlue},
		{"signed zero is white", Signed, 0, 0, pureWhite},
		{"signed NaN is amber", Signed, 1, 1, notFiniteColor},
		{"magnitude of min is dark", Magnitude, 1, 0, magnitudeRamp[rampSteps-1]},
		{"magnitude zero is white", Magnitude, 0, 0, pureWhite},
		{"grey half is mid gray", Grey, 2, 0, color.RGBA{128, 128, 128, 255}},
		{"grey above 1 is white", Grey, 2, 1, pureWhite},
		{"grey below 0 is black", Grey, 1, 0, color.RGBA{A: 255}},
	}
	for _, test := range tests {
		t.Run(test.name, func(t *testing.T) {
			opt := HeatMapOptions{Mode: test.mode, Cell: 6, Title: "t"}
			img := HeatMap(values, layout, opt)
			r := heatCellRect(values, layout, opt, test.x, test.y)
			checkUniform(t, img, r, test.want)
		})
	}
}

func TestMagnitudeRampEnds(t *testing.T) {
	if got := MagnitudeColour(0, 1); got != pureWhite {
		t.Errorf("MagnitudeColour(0, 1) = %v, want %v", got, pureWhite)
	}
	if got := MagnitudeColour(-3, 1); got != magnitudeDark {
		t.Errorf("MagnitudeColour(-3, 1) = %v, want %v", got, magnitudeDark)
	}
	if got := MagnitudeColour(math.Inf(1), 1); got != notFiniteColor {
		t.Errorf("MagnitudeColour(+Inf, 1) = %v, want %v", got, notFiniteColor)
	}
}

func TestHeatMapDegenerate(t *testing.T) {
	layout := Layout{Width: 4, Height: 3}
	nan := math.NaN()
	filled := func(v float64) []float64 {
		values := make([]float64, 12)
		for i := range values {
			values[i] = v
		}
		return values
	}
	tests := []struct {
		name    string
		values  []float64
		layout  Layout
		mode    Mode
		noData  bool
		sizedAs []float64 // values of a drawable map of the same size
	}{
		{"all zero signed", filled(0), layout, Signed, true, filled(1)},
		{"all zero magnitude", filled(0), layout, Magnitude, true, filled(1)},
		{"all zero grey is black", filled(0), layout, Grey, false, filled(1)},
		{"all NaN", filled(nan), layout, Signed, true,
			append(filled(1)[:11], nan)},
		{"all +Inf", filled(math.Inf(1)), layout, Magnitude, true,
			append(filled(1)[:11], nan)},
		{"empty", nil, Layout{}, Signed, true, nil},
	}
	for _, test := range tests {
		t.Run(test.name, func(t *testing.T) {
			opt := HeatMapOptions{Title: "Saliency", Mode: test.mode}
			img := HeatMap(test.values, test.layout, opt)
			if test.sizedAs != nil {
				want := HeatMap(test.sizedAs, test.layout, opt).Bounds()
				if img.Bounds() != want {
					t.Errorf("bounds = %v, want %v", img.Bounds(), want)
				}
			}
			if test.layout.cells() == 0 {
				return
			}
			r := heatCellRect(test.values, test.layout, opt, 0, 0)
			got := color.RGBAModel.Convert(img.At(r.Min.X, r.Min.Y))
			if drawn := got != backgroundColor; drawn == test.noData {
				t.Errorf("cell (0, 0) = %v, grid drawn %v, want %v", got,
					drawn, !test.noData)
			}
		})
	}
}

func TestHeatMapPanics(t *testing.T) {
	tests := []struct {
		name string
		draw func()
	}{
		{"values too short", func() {
			HeatMap(make([]float64, 5), Layout{Width: 3, Height: 2},
				HeatMapOptions{})
		}},
		{"negative cell", func() {
			HeatMap(make([]float64, 6), Layout{Width: 3, Height: 2},
				HeatMapOptions{Cell: -1})
		}},
		{"invalid mode", func() {
			HeatMap(make([]float64, 6), Layout{Width: 3, Height: 2},
				HeatMapOptions{Mode: Grey + 1})
		}},
		{"panel values too long", func() {
			Panels([]Panel{{Values: make([]float64, 7)}},
				Layout{Width: 3, Height: 2}, PanelOptions{})
		}},
		{"negative columns", func() {
			Panels(nil, Layout{}, PanelOptions{Columns: -1})
		}},
	}
	for _, test := range tests {
		t.Run(test.name, func(t *testing.T) {
			defer func() {
				if recover() == nil {
					t.Error("no panic")
				}
			}()
			test.draw()
		})
	}
}

func TestPanelsLayout(t *testing.T) {
	layout := Layout{Width: 4, Height: 3}
	values := make([]float64, 12)
	values[0] = 1
	one := newHeatPanel(Panel{Title: "A", Values: values}, layout,
		defaultHeatCell, styleFor(1))
	panels := make([]Panel, 5)
	for i := range panels {
		panels[i] = Panel{Title: "A", Values: values}
	}
	tests := []struct {
		name          string
		columns       int
		width, height int
	}{
		{"default columns", 0, 3*one.width + 2*8, 2*one.height + 8},
		{"one row", 5, 5*one.width + 4*8, one.height},
		{"capped columns", 9, 5*one.width + 4*8, one.height},
		{"one column", 1, one.width, 5*one.height + 4*8},
	}
	for _, test := range tests {
		t.Run(test.name, func(t *testing.T) {
			img := Panels(panels, layout, PanelOptions{Columns: test.columns})
			got := img.Bounds().Size()
			if got != image.Pt(test.width, test.height) {
				t.Errorf("size = %v, want %dx%d", got, test.width, test.height)
			}
		})
	}
}

func TestPanelsEmpty(t *testing.T) {
	img := Panels(nil, Layout{Width: 2, Height: 2}, PanelOptions{Title: "x"})
	if got := img.Bounds().Size(); got != image.Pt(320, 120) {
		t.Errorf("size = %v, want 320x120", got)
	}
}

// testPhoto returns a w×h gray gradient whose bounds start at min.
func testPhoto(min image.Point, w, h int) *image.Gray {
	img := image.NewGray(image.Rectangle{Min: min, Max: min.Add(image.Pt(w, h))})
	for y := range h {
		for x := range w {
			img.SetGray(min.X+x, min.Y+y, color.Gray{Y: uint8(40 + 200*(x+y)/(w+h))})
		}
	}
	return img
}

func TestOverlay(t *testing.T) {
	// A 2x2 grid over area (10, 10)-(30, 30) of a photo whose bounds start
	// at (100, 50), so each cell covers 10×10 photo pixels.
	photo := testPhoto(image.Pt(100, 50), 60, 40)
	area := image.Rect(110, 60, 130, 80)
	layout := Layout{Width: 2, Height: 2}
	values := []float64{-2, 0, math.NaN(), 1}
	img := Overlay(photo, area, values, layout, 1)

	if got := img.Bounds(); got != image.Rect(0, 0, 60, 40) {
		t.Fatalf("bounds = %v, want (0,0)-(60,40)", got)
	}
	photoAt := func(x, y int) color.Color { return photo.At(100+x, 50+y) }
	tests := []struct {
		name string
		x, y int
		want color.Color
	}{
		{"outside area keeps photo", 45, 35, photoAt(45, 35)},
		{"max cell is opaque red", 15, 15, overlayHigh},
		{"zero cell keeps photo", 25, 15, photoAt(25, 15)},
		{"NaN cell keeps photo", 15, 25, photoAt(15, 25)},
		{"outline above area", 15, 9, overlayOutline},
		{"outline right of area", 30, 25, overlayOutline},
	}
	for _, test := range tests {
		t.Run(test.name, func(t *testing.T) {
			got := img.At(test.x, test.y)
			if pixelDistance(got, test.want) > 1 {
				t.Errorf("pixel (%d, %d) = %v, want %v", test.x, test.y,
					got, test.want)
			}
		})
	}

	// The half-value cell is half-way between the photo and its colour.
	got := color.RGBAModel.Convert(img.At(25, 25)).(color.RGBA)
	mid := overlayRamp[rampSteps/2]
	gray := photo.GrayAt(125, 75).Y
	wantR := uint8(math.Round((float64(gray) + float64(mid.R)) / 2))
	if absDiff(got.R, wantR) > 1 {
		t.Errorf("half cell red = %d, want %d", got.R, wantR)
	}
}

func TestOverlayDegenerate(t *testing.T) {
	photo := testPhoto(image.Point{}, 20, 20)
	tests := []struct {
		name   string
		area   image.Rectangle
		values []float64
		layout Layout
	}{
		{"all zero", image.Rect(5, 5, 15, 15), make([]float64, 4),
			Layout{Width: 2, Height: 2}},
		{"empty layout", image.Rect(5, 5, 15, 15), nil, Layout{}},
		{"empty area", image.Rect(5, 5, 5, 5), []float64{1}, Layout{Width: 1, Height: 1}},
		{"area outside photo", image.Rect(50, 50, 60, 60), []float64{1},
			Layout{Width: 1, Height: 1}},
	}
	for _, test := range tests {
		t.Run(test.name, func(t *testing.T) {
			img := Overlay(photo, test.area, test.values, test.layout, 0.6)
			if got := img.At(10, 10); pixelDistance(got, photo.At(10, 10)) > 0 {
				t.Errorf("pixel (10, 10) = %v, want photo %v", got,
					photo.At(10, 10))
			}
		})
	}
}

func TestOverlayPanics(t *testing.T) {
	photo := testPhoto(image.Point{}, 4, 4)
	for _, alpha := range []float64{-0.1, 1.5, math.NaN()} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("alpha %v: no panic", alpha)
				}
			}()
			Overlay(photo, photo.Bounds(), []float64{1}, Layout{Width: 1, Height: 1}, alpha)
		}()
	}
}
