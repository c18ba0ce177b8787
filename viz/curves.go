package viz

import (
	"errors"
	"fmt"
	"image"
	"io"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Series is one named curve of a line plot: the points (X[i], Y[i]).
type Series struct {
	Name string
	X, Y []float64
}

// finitePoints returns the points of s whose coordinates are both finite.
func (s Series) finitePoints() plotter.XYs {
	var xys plotter.XYs
	for i, x := range s.X {
		y := s.Y[i]
		if isFinite(x) && isFinite(y) {
			xys = append(xys, plotter.XY{X: x, Y: y})
		}
	}
	return xys
}

func isFinite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// CurvesPlot returns a line plot of series with a legend. Points with a
// NaN or infinite coordinate are skipped, and the line joins the points on
// either side of them. The first series is drawn solid and the others
// dashed, so a training curve followed by its validation curve reads as
// such. A series with a single finite point is drawn as a dot, and a
// series with no finite point has no line and its legend entry reads
// "Name (no data)".
//
// CurvesPlot returns an error when a series has X and Y of different
// lengths, or when no series has a finite point.
func CurvesPlot(title, xLabel, yLabel string, series []Series) (*plot.Plot, error) {
	p := plot.New()
	styleAxes(p, title, xLabel, yLabel)
	p.Legend.Top = true
	p.Add(horizontalGrid())

	drawn := 0
	for i, s := range series {
		if len(s.X) != len(s.Y) {
			return nil, fmt.Errorf("viz: series %d (%q) has %d x and %d y "+
				"values: give one x per y", i, s.Name, len(s.X), len(s.Y))
		}
		points := s.finitePoints()
		if len(points) == 0 {
			p.Legend.Add(s.Name + " (no data)")
			continue
		}
		mark := newSeriesMark(points, i)
		p.Add(mark)
		p.Legend.Add(s.Name, mark)
		drawn++
	}
	if drawn == 0 {
		return nil, errors.New("viz: no series has a finite point to plot")
	}
	return p, nil
}

// seriesMark is the line or dot of one series, in the plot and its legend.
type seriesMark interface {
	plot.Plotter
	plot.Thumbnailer
}

// newSeriesMark returns the line of series i: solid for the first series
// and dashed for the others. A series of a single point has no line to
// stroke, so it is drawn as a dot of the series colour instead.
func newSeriesMark(points plotter.XYs, i int) seriesMark {
	if len(points) == 1 {
		return &plotter.Scatter{XYs: points, GlyphStyle: draw.GlyphStyle{
			Color:  seriesColor(i),
			Radius: pixels(4),
			Shape:  draw.CircleGlyph{},
		}}
	}
	line := &plotter.Line{XYs: points, LineStyle: draw.LineStyle{
		Color: seriesColor(i),
		Width: pixels(2),
	}}
	if i > 0 {
		line.LineStyle.Dashes = []vg.Length{pixels(6), pixels(4)}
	}
	return line
}

func horizontalGrid() *plotter.Grid {
	g := plotter.NewGrid()
	g.Horizontal.Color = plotGridColor
	g.Horizontal.Width = pixels(1)
	g.Vertical.Color = nil
	return g
}

// TrainingCurves draws two panels stacked in an image of width×height
// logical pixels, each scale image pixels wide (0 means 1): the loss
// curves above and the accuracy curves below, both over epochs, as
// CurvesPlot draws them. Pass the training series first in each slice, so
// it is solid and the validation series dashed. Epochs without a
// validation value carry NaN and are skipped. The accuracy axis spans
// [0, 1].
//
// A panel with nothing to plot shows a message instead, and so does the
// whole image when both are empty. TrainingCurves panics if width or
// height is negative, or if scale is negative or above 8.
func TrainingCurves(loss, accuracy []Series, width, height int,
	scale float64) image.Image {

	if width < 0 || height < 0 {
		panic(fmt.Sprintf("viz: negative image size %dx%d", width, height))
	}
	styleFor(scale) // panics on an invalid scale
	lossPlot, lossErr := CurvesPlot("Loss", "", "loss", loss)
	accPlot, accErr := CurvesPlot("Accuracy", "epoch", "accuracy", accuracy)
	if lossErr != nil && accErr != nil {
		return EmptyImage(width, height, scale, "No training curves yet: "+
			"train the network to see its loss and accuracy")
	}
	if width == 0 || height == 0 {
		return image.NewRGBA(image.Rect(0, 0, width, height))
	}

	canvas := newPlotCanvas(width, height, scale)
	drawCurves(draw.New(canvas), lossPlot, accPlot, lossErr, accErr)
	return canvas.Image()
}

// WriteTrainingCurvesSVG writes the curves TrainingCurves draws as a
// width×height SVG, or an error when neither panel has a value to plot.
func WriteTrainingCurvesSVG(w io.Writer, loss, accuracy []Series, width, height int) error {
	lossPlot, lossErr := CurvesPlot("Loss", "", "loss", loss)
	accPlot, accErr := CurvesPlot("Accuracy", "epoch", "accuracy", accuracy)
	if lossErr != nil && accErr != nil {
		return lossErr
	}
	return writeSVG(w, width, height, func(c draw.Canvas) {
		drawCurves(c, lossPlot, accPlot, lossErr, accErr)
	})
}

// drawCurves draws the loss panel above the accuracy panel in c.
func drawCurves(c draw.Canvas, lossPlot, accPlot *plot.Plot, lossErr, accErr error) {
	top, bottom := splitHorizontally(padded(c))
	drawPanel(top, lossPlot, lossErr, "No loss values to plot")
	if accPlot != nil {
		accPlot.Y.Min, accPlot.Y.Max = 0, 1
		accPlot.Legend.Top = false // accuracy rises into the top corner
	}
	drawPanel(bottom, accPlot, accErr, "No accuracy values to plot")
}

// splitHorizontally returns the upper and lower halves of c.
func splitHorizontally(c draw.Canvas) (top, bottom draw.Canvas) {
	middle := (c.Max.Y - c.Min.Y) / 2
	top = draw.Crop(c, 0, 0, middle+pixels(margin)/2, 0)
	bottom = draw.Crop(c, 0, 0, 0, -middle-pixels(margin)/2)
	return top, bottom
}

// drawPanel draws p in c, or msg centred in c when err is not nil.
func drawPanel(c draw.Canvas, p *plot.Plot, err error, msg string) {
	if err == nil {
		p.Draw(c)
		return
	}
	style := plot.New().Title.TextStyle
	style.Font = sized(sansFont, 10)
	style.Color = quietTextColor
	style.XAlign, style.YAlign = draw.XCenter, draw.YCenter
	centre := vg.Point{X: (c.Min.X + c.Max.X) / 2, Y: (c.Min.Y + c.Max.Y) / 2}
	c.FillText(style, centre, msg)
}
