package viz

import (
	"fmt"
	"image"
	"image/color"
	"testing"
)

// inkShare returns the share of the pixels of r in img that differ from
// the background colour.
func inkShare(img image.Image, r image.Rectangle) float64 {
	var ink, all int
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			all++
			if color.RGBAModel.Convert(img.At(x, y)) != backgroundColor {
				ink++
			}
		}
	}
	return float64(ink) / float64(all)
}

// manyClasses returns n long class names and an n×n matrix in which every
// sample of every class is predicted as class 0.
func manyClasses(n int) ([]string, [][]int) {
	names := make([]string, n)
	counts := make([][]int, n)
	for i := range n {
		names[i] = fmt.Sprintf("person with a long name number %d", i)
		counts[i] = make([]int, n)
		counts[i][0] = 1
	}
	return names, counts
}

// TestConfusionRowLabelsReadable checks that row labels do not run into
// each other when the cells are shorter than a line of text: the label
// column must not turn into a block of ink.
func TestConfusionRowLabelsReadable(t *testing.T) {
	for _, n := range []int{40, 150, 300} {
		t.Run(fmt.Sprintf("%d classes", n), func(t *testing.T) {
			names, counts := manyClasses(n)
			img := ConfusionMatrix(counts, names, nil, ConfusionOptions{})
			l := newConfusionLayout(styleFor(1), img.Bounds().Dx(), names, false)
			column := image.Rect(margin, l.top,
				l.left-confusionGap, l.top+n*l.cell)
			if got := inkShare(img, column); got > 0.35 {
				t.Errorf("%d classes, cells of %d px: %.0f%% of the row "+
					"label column is ink, want at most 35%%", n, l.cell,
					100*got)
			}
		})
	}
}

// TestConfusionSmallCellsShowRate checks that a diagonal cell with no
// correct prediction is drawn in the colour of a zero rate, even when the
// cells are too small for the outline to leave room inside it.
func TestConfusionSmallCellsShowRate(t *testing.T) {
	names, counts := manyClasses(300)
	img := ConfusionMatrix(counts, names, nil, ConfusionOptions{}).(*image.RGBA)
	l := newConfusionLayout(styleFor(1), img.Bounds().Dx(), names, false)
	want := DivergingColour(0, 1)
	for _, i := range []int{1, 150, 299} {
		r := l.cellRect(i, i)
		centre := image.Pt((r.Min.X+r.Max.X-1)/2, (r.Min.Y+r.Max.Y-1)/2)
		if got := img.RGBAAt(centre.X, centre.Y); got != want {
			t.Errorf("diagonal cell %d (%d px, rate 0): centre colour %v, "+
				"want %v", i, r.Dx(), got, want)
		}
	}
}
