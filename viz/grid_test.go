package viz

import (
	"image"
	"image/color"
	"math"
	"testing"
)

func TestGridImageValues(t *testing.T) {
	gray := func(v uint8) color.RGBA { return color.RGBA{v, v, v, 255} }
	pixels := []float64{0, 0.5, 1, -0.5, 1.5, math.Inf(1), math.Inf(-1),
		math.NaN()}
	want := []color.RGBA{gray(0), gray(128), gray(255), gray(0), gray(255),
		gray(255), gray(0), notFiniteColor}

	const cell = 3
	img := GridImage(pixels, Layout{Width: len(pixels), Height: 1}, cell)
	if got := img.Bounds(); got != image.Rect(0, 0, cell*len(pixels), cell) {
		t.Fatalf("bounds = %v, want %v", got,
			image.Rect(0, 0, cell*len(pixels), cell))
	}
	for i, c := range want {
		r := image.Rect(i*cell, 0, (i+1)*cell, cell)
		t.Run(formatValue(pixels[i]), func(t *testing.T) {
			checkUniform(t, img, r, c)
		})
	}
}

func formatValue(v float64) string {
	return "value " + formatLogit(v)
}

func TestGridImageLayoutOrder(t *testing.T) {
	const hotX, hotY, cell = 3, 1, 2
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
			pixels := make([]float64, 15)
			pixels[test.index] = 1
			img := GridImage(pixels, test.layout, cell)
			for y := range 3 {
				for x := range 5 {
					want := color.RGBA{A: 255}
					if x == hotX && y == hotY {
						want = pureWhite
					}
					r := image.Rect(x*cell, y*cell, (x+1)*cell, (y+1)*cell)
					checkUniform(t, img, r, want)
				}
			}
		})
	}
}

func TestGridImageEmpty(t *testing.T) {
	img := GridImage(nil, Layout{}, 4)
	if !img.Bounds().Empty() {
		t.Errorf("bounds = %v, want empty", img.Bounds())
	}
}

func TestGridImagePanics(t *testing.T) {
	tests := []struct {
		name   string
		pixels []float64
		layout Layout
		cell   int
	}{
		{"too few pixels", make([]float64, 5), Layout{Width: 2, Height: 3}, 1},
		{"too many pixels", make([]float64, 7), Layout{Width: 2, Height: 3}, 1},
		{"zero cell", make([]float64, 6), Layout{Width: 2, Height: 3}, 0},
		{"negative layout", make([]float64, 6), Layout{Width: -2, Height: -3},
			1},
	}
	for _, test := range tests {
		t.Run(test.name, func(t *testing.T) {
			defer func() {
				if recover() == nil {
					t.Error("GridImage did not panic")
				}
			}()
			GridImage(test.pixels, test.layout, test.cell)
		})
	}
}
