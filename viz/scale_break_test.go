package viz

import (
	"fmt"
	"image"
	"math"
	"testing"

	"gonum.org/v1/plot"
)

// TestEmptyImageFractionalScale checks that an image of n logical pixels
// at pixel scale s is n·s image pixels wide, as the package documentation
// defines the scale. The desktop driver of Fyne 2.8 rounds a screen's
// scale to tenths, such as 1.1, 1.2 or 1.3, and callers that convert image
// sizes back to logical pixels rely on the definition.
func TestEmptyImageFractionalScale(t *testing.T) {
	for _, scale := range []float64{1.1, 1.2, 1.3, 1.7, 0.3, 0.01} {
		img := EmptyImage(1000, 100, scale, "")
		got := img.Bounds().Dx()
		want := int(math.Round(1000 * scale))
		if got != want {
			t.Errorf("EmptyImage(1000, 100, %v): width %d, want %d",
				scale, got, want)
		}
	}
}

// colouredPixels returns the number of pixels of img that are not a
// shade of grey. Messages are grey text on a grey background, and a
// confusion matrix shades its cells in colour.
func colouredPixels(img image.Image) int {
	b := img.Bounds()
	n := 0
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			if r != g || g != bl {
				n++
			}
		}
	}
	return n
}

// TestConfusionManyClassesAnyScale checks that a matrix drawn at pixel
// scale 1 is also drawn at the other scales a screen may have, and not
// replaced by the "Too many classes" message at some of them.
func TestConfusionManyClassesAnyScale(t *testing.T) {
	const n = 400
	names := classNames(n)
	counts := confusionCounts(n, 5, 1)
	for _, scale := range []float64{1, 1.25, 1.5, 2, 3} {
		img := ConfusionMatrix(counts, names, nil,
			ConfusionOptions{PixelScale: scale})
		if colouredPixels(img) == 0 {
			t.Errorf("%d classes at scale %v: no coloured cell, want the "+
				"matrix that scale 1 draws", n, scale)
		}
	}
}

// TestZeroSizeInvalidScalePanics checks that RenderPlot and
// TrainingCurves panic on an invalid pixel scale, as documented, also
// when the size is zero.
func TestZeroSizeInvalidScalePanics(t *testing.T) {
	series := []Series{{Name: "training", X: []float64{1, 2},
		Y: []float64{0.9, 0.5}}}
	for _, scale := range []float64{-1, math.NaN(), 9} {
		draws := map[string]func(){
			"RenderPlot": func() { RenderPlot(plot.New(), 0, 10, scale) },
			"TrainingCurves": func() {
				TrainingCurves(series, series, 0, 10, scale)
			},
		}
		for name, draw := range draws {
			t.Run(fmt.Sprintf("%s %v", name, scale), func(t *testing.T) {
				defer func() {
					if recover() == nil {
						t.Errorf("%s of zero width at scale %v did not "+
							"panic", name, scale)
					}
				}()
				draw()
			})
		}
	}
}
