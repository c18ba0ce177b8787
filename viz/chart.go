package viz

import (
	"errors"
	"fmt"
	"image"
	"io"
	"math"
	"slices"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

// Bar is one row of the output probability chart.
type Bar struct {
	Label       string
	Probability float64 // in [0, 1]
	Logit       float64
}

// ChartOptions control ProbabilityChart.
type ChartOptions struct {
	// Width and Height are the image size in logical pixels. A zero
	// Width is 480.
	// A zero Height is 320, or 80 plus 22 per row drawn when that is
	// taller, so every row keeps room for its label.
	Width, Height int

	// Title is drawn above the chart. If Title is empty,
	// "Output probabilities" is used.
	Title string

	// Highlight is the index of the bar drawn in the accent colour,
	// usually the predicted class, or -1 for none. The zero value
	// highlights the first bar.
	Highlight int

	// MaxBars is the number of rows drawn at most; 0 means 30. With more
	// bars than that, the first MaxBars-1 are drawn and the last row sums
	// the probabilities of the others, so pass the bars most probable
	// first. A highlight among the summed bars is not drawn.
	MaxBars int

	// Rule, when not empty, is the comparison of the decision rule, ">"
	// or ">=". The chart then draws a dashed vertical line at Threshold,
	// in [0, 1], labelled for example "decision: p > 0.5".
	Rule      string
	Threshold float64

	// Note is drawn in small text under the chart, wrapped to its width,
	// for example "One-vs-rest: each bar is its own sigmoid, so they need
	// not sum to 1". If Note is empty, no line is drawn.
	Note string

	// PixelScale is the number of image pixels per logical pixel. The
	// size, text and lines are multiplied by it. If PixelScale is 0, 1 is
	// used.
	PixelScale float64
}

// DefaultMaxBars is the MaxBars of a zero ChartOptions.
const DefaultMaxBars = 30

// withDefaults returns a copy of o with zero fields set to their defaults
// for a chart of n bars. It panics on a negative size.
func (o ChartOptions) withDefaults(n int) ChartOptions {
	if o.Width < 0 || o.Height < 0 {
		panic(fmt.Sprintf("viz: negative chart size %dx%d", o.Width, o.Height))
	}
	if o.MaxBars <= 0 {
		o.MaxBars = DefaultMaxBars
	}
	if o.Width == 0 {
		o.Width = 480
	}
	if o.Height == 0 {
		o.Height = max(320, 80+22*min(n, o.MaxBars))
	}
	if o.Title == "" {
		o.Title = "Output probabilities"
	}
	return o
}

// folded returns bars with those past opt.MaxBars-1 summed into one row
// labelled "N others", and how many were summed.
func folded(bars []Bar, opt ChartOptions) ([]Bar, int) {
	if len(bars) <= opt.MaxBars {
		return bars, 0
	}
	keep := max(opt.MaxBars-1, 0)
	rest := Bar{Label: fmt.Sprintf("%d others", len(bars)-keep)}
	for _, b := range bars[keep:] {
		rest.Probability += b.Probability
	}
	rest.Probability = min(rest.Probability, 1)
	return append(slices.Clone(bars[:keep]), rest), len(bars) - keep
}

// ProbabilityChart draws a horizontal bar chart of the output layer with
// gonum/plot. It draws one bar per element of bars, top to bottom in the
// given order. Each bar has its label on the category axis and a note such
// as "p=0.873  z=2.41" (probability and logit) beside it. The value axis
// is fixed to [0, 1]. The highlighted bar is drawn in an accent colour and
// the others in a neutral colour. Labels too wide for 40% of the chart are
// shortened with an ellipsis.
//
// Text needs rows of about 11 pixels. Rows shorter than that keep their
// bars but lose their labels and notes, which would overlap; the default
// Height leaves room for them.
//
// ProbabilityChart returns an error, and no image, when bars is empty,
// when a probability is NaN, ±Inf or outside [0, 1], when a logit is NaN,
// when opt.Highlight is neither -1 nor the index of a bar, or when
// opt.Rule is set and is not ">" or ">=", or opt.Threshold is not in
// [0, 1]. Infinite logits are allowed and printed as "+Inf" or "-Inf". It
// panics if opt.Width or opt.Height is negative, or opt.PixelScale is
// invalid.
func ProbabilityChart(bars []Bar, opt ChartOptions) (image.Image, error) {
	if err := checkBars(bars, opt.Highlight); err != nil {
		return nil, err
	}
	if err := checkRule(opt.Rule, opt.Threshold); err != nil {
		return nil, err
	}
	opt = opt.withDefaults(len(bars))
	bars, others := folded(bars, opt)
	if others > 0 && opt.Highlight >= len(bars)-1 {
		opt.Highlight = -1
	}

	canvas, area := newChartCanvas(opt)
	drawChart(area, bars, opt, others)
	return canvas.Image(), nil
}

// drawChart draws the chart of bars, already folded, in area.
func drawChart(area draw.Canvas, bars []Bar, opt ChartOptions, others int) {
	area = drawChartNote(area, opt.Note)
	newChartPlot(bars, opt, area, others > 0).Draw(area)
}

// WriteProbabilityChartSVG writes the chart ProbabilityChart draws as SVG,
// at the same size in logical pixels at 96 dots per inch, whatever
// opt.PixelScale is. It returns the errors ProbabilityChart returns, and
// those of w.
func WriteProbabilityChartSVG(w io.Writer, bars []Bar, opt ChartOptions) error {
	if err := checkBars(bars, opt.Highlight); err != nil {
		return err
	}
	if err := checkRule(opt.Rule, opt.Threshold); err != nil {
		return err
	}
	opt = opt.withDefaults(len(bars))
	bars, others := folded(bars, opt)
	if others > 0 && opt.Highlight >= len(bars)-1 {
		opt.Highlight = -1
	}
	return writeSVG(w, opt.Width, opt.Height, func(c draw.Canvas) {
		drawChart(padded(c), bars, opt, others)
	})
}

// newChartCanvas returns a white canvas of the size in opt and the area
// inside its padding.
func newChartCanvas(opt ChartOptions) (*vgimg.Canvas, draw.Canvas) {
	canvas := newPlotCanvas(opt.Width, opt.Height, opt.PixelScale)
	area := draw.Crop(draw.New(canvas), chartPadding, -chartPadding,
		chartPadding, -chartPadding)
	return canvas, area
}

func checkBars(bars []Bar, highlight int) error {
	if len(bars) == 0 {
		return errors.New("viz: probability chart needs at least one bar")
	}
	for i, b := range bars {
		p := b.Probability
		if math.IsNaN(p) || p < 0 || p > 1 {
			return fmt.Errorf("viz: bar %d (%q): probability %v is not "+
				"in [0, 1]", i, b.Label, p)
		}
		if math.IsNaN(b.Logit) {
			return fmt.Errorf("viz: bar %d (%q): logit is NaN", i, b.Label)
		}
	}
	if highlight < -1 || highlight >= len(bars) {
		return fmt.Errorf("viz: highlight index %d is out of range for "+
			"%d bars; use -1 for none", highlight, len(bars))
	}
	return nil
}

// chartDPI is the resolution of chart images. At 96 dots per inch one
// pixel is 0.75 points.
const chartDPI = 96

// pixels returns the length of n pixels at chartDPI.
func pixels(n int) vg.Length {
	return vg.Length(n) * vg.Inch / chartDPI
}

// chartPadding is the blank border around a chart.
var chartPadding = pixels(margin)
