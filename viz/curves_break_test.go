package viz

import (
	"image"
	"image/color"
	"testing"
)

// countNear returns the number of pixels of r in img within 40 of c in
// every channel.
func countNear(img image.Image, r image.Rectangle, c color.RGBA) int {
	near := func(a, b uint8) bool { return int(a)-int(b) < 40 && int(b)-int(a) < 40 }
	n := 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			p := color.RGBAModel.Convert(img.At(x, y)).(color.RGBA)
			if near(p.R, c.R) && near(p.G, c.G) && near(p.B, c.B) {
				n++
			}
		}
	}
	return n
}

// TestCurvesSinglePointVisible checks that a series of one finite point,
// such as the history of a single epoch, is drawn as the dot that
// CurvesPlot promises.
func TestCurvesSinglePointVisible(t *testing.T) {
	p, err := CurvesPlot("Loss", "epoch", "loss",
		[]Series{{Name: "training", X: []float64{1}, Y: []float64{0.5}}})
	if err != nil {
		t.Fatal(err)
	}
	img := RenderPlot(p, 400, 300, 1)
	// The point is at the centre of the data area. The legend is in the
	// top right corner, outside this box.
	centre := image.Rect(120, 90, 280, 210)
	if got := countNear(img, centre, seriesColor(0)); got == 0 {
		t.Errorf("pixels of the series colour near the centre: got 0, " +
			"want a dot")
	}
}
