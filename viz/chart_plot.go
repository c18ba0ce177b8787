package viz

import (
	"image/color"
	"math"
	"strconv"
	"strings"

	xfont "golang.org/x/image/font"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Colours of the probability chart.
var (
	neutralBarColor = color.RGBA{R: 176, G: 188, B: 200, A: 255}
	accentBarColor  = color.RGBA{R: 242, G: 142, B: 28, A: 255}
	gridLineColor   = color.RGBA{R: 215, G: 215, B: 215, A: 255}
)

// Text sizes in points and proportions of the probability chart. Category
// labels and notes shrink with the row height from maxLabelSize down to
// minLabelSize, which is 8 pixels at chartDPI.
const (
	titleSize     = vg.Length(12)
	axisTextSize  = vg.Length(10)
	maxLabelSize  = vg.Length(10)
	minLabelSize  = vg.Length(6)
	labelPerRow   = 0.75 // label size as a fraction of the row height
	barPerRow     = 0.7  // bar thickness as a fraction of the row height
	labelPerChart = 0.4  // maximum label width as a fraction of the chart
)

// maxBarThickness keeps the bars of a chart with few rows from turning
// into blocks.
var maxBarThickness = pixels(24)

// newChartPlot builds the plot of bars that ProbabilityChart draws in
// area. Plot row i, counted from the bottom, shows bars[len(bars)-1-i].
//
// When a row is too short for text of minLabelSize, the plot has bars but
// no category labels and no notes, because the text would overlap.
// newChartPlot builds the chart of bars. If folded, the last bar sums the
// bars that did not fit, and its note gives no logit.
func newChartPlot(bars []Bar, opt ChartOptions, area draw.Canvas, folded bool) *plot.Plot {
	p := plot.New()
	styleChart(p, opt.Title, area)
	n := len(bars)
	setChartRanges(p, n)

	row := dataHeight(p, area) / vg.Length(n)
	size := min(maxLabelSize, labelPerRow*row)
	labelled := size >= minLabelSize
	if labelled {
		labelCategories(p, bars, size, area)
	} else {
		p.Y.Tick.Marker = plot.ConstantTicks{}
	}

	thickness := min(barPerRow*row, maxBarThickness)
	p.Add(verticalGrid())
	p.Add(newBars(bars, 0, n, neutralBarColor, thickness))
	if h := opt.Highlight; h >= 0 {
		p.Add(newBars(bars, h, h+1, accentBarColor, thickness))
	}
	if labelled {
		p.Add(newBarNotes(bars, size, folded))
	}
	if opt.Rule != "" {
		p.Add(newDecisionRule(opt.Rule, opt.Threshold))
		p.Title.Padding += decisionRule{}.labelStyle().Height("p") +
			pixels(ruleLabelGap)
	}
	setChartRanges(p, n)
	return p
}

// labelCategories puts the label of each bar on the category axis in a
// font of the given size, shortening labels wider than labelPerChart of
// area.
func labelCategories(p *plot.Plot, bars []Bar, size vg.Length,
	area draw.Canvas) {

	p.Y.Tick.Label.Font.Size = size
	maxWidth := labelPerChart * (area.Max.X - area.Min.X)
	n := len(bars)
	names := make([]string, n)
	for i, b := range bars {
		names[n-1-i] = fitLabel(b.Label, p.Y.Tick.Label, maxWidth)
	}
	p.NominalY(names...)
	p.X.Padding = 0
}

// styleChart sets the fonts, title and value axis of p. A title wider than
// area is shortened with an ellipsis.
func styleChart(p *plot.Plot, title string, area draw.Canvas) {
	useFallbackText(p)

	p.Title.TextStyle.Font = withSize(sansBold(), titleSize)
	p.Title.Text = fitLabel(title, p.Title.TextStyle, area.Max.X-area.Min.X)
	p.Title.Padding = pixels(margin)

	p.X.Label.Text = "probability"
	p.X.Label.TextStyle.Font = withSize(sansFont, axisTextSize)
	p.X.Tick.Label.Font = withSize(sansFont, axisTextSize)
	p.X.Tick.Marker = probabilityTicks()
	p.Y.Tick.Label.Font = withSize(sansFont, maxLabelSize)
}

// setChartRanges fixes the value axis to [0, 1] and gives each of the n
// categories a row of height 1 centred on its index.
func setChartRanges(p *plot.Plot, n int) {
	p.X.Min, p.X.Max = 0, 1
	p.Y.Min, p.Y.Max = -0.5, float64(n)-0.5
}

// dataHeight returns the height of the data area that p would get in area.
func dataHeight(p *plot.Plot, area draw.Canvas) vg.Length {
	data := p.DataCanvas(area)
	return data.Max.Y - data.Min.Y
}

func probabilityTicks() plot.ConstantTicks {
	var ticks plot.ConstantTicks
	for i := 0; i <= 10; i++ {
		v := float64(i) / 10
		label := ""
		if i%2 == 0 {
			label = strconv.FormatFloat(v, 'g', -1, 64)
		}
		ticks = append(ticks, plot.Tick{Value: v, Label: label})
	}
	return ticks
}

func verticalGrid() *plotter.Grid {
	g := plotter.NewGrid()
	g.Vertical.Color = gridLineColor
	g.Vertical.Width = pixels(1)
	g.Horizontal.Color = nil
	return g
}

// newBars returns horizontal bars for bars[from:to], each in the plot row
// given by newChartPlot.
func newBars(bars []Bar, from, to int, c color.Color,
	thickness vg.Length) *plotter.BarChart {

	values := make(plotter.Values, 0, to-from)
	for i := to - 1; i >= from; i-- {
		values = append(values, bars[i].Probability)
	}
	return &plotter.BarChart{
		Values:     values,
		Width:      thickness,
		Color:      c,
		XMin:       float64(len(bars) - to),
		Horizontal: true,
	}
}

func sansBold() font.Font {
	f := sansFont
	f.Weight = xfont.WeightBold
	return f
}

func withSize(f font.Font, size vg.Length) font.Font {
	f.Size = size
	return f
}

// fitLabel returns label on one line, shortened with an ellipsis if it
// is wider than maxWidth in style.
func fitLabel(label string, style text.Style, maxWidth vg.Length) string {
	label = strings.Join(strings.Fields(label), " ")
	if style.Width(label) <= maxWidth {
		return label
	}
	runes := []rune(label)
	for len(runes) > 0 {
		runes = runes[:len(runes)-1]
		short := strings.TrimSpace(string(runes)) + "…"
		if style.Width(short) <= maxWidth {
			return short
		}
	}
	return "…"
}

// barNotes draws "p=… z=…" beside each bar: right of its end if the note
// fits in the data area, otherwise inside the bar against its end.
type barNotes struct {
	notes []string  // in plot order, from the bottom row up
	ends  []float64 // probability of each row
	style text.Style
}

func newBarNotes(bars []Bar, size vg.Length, folded bool) barNotes {
	n := len(bars)
	b := barNotes{
		notes: make([]string, n),
		ends:  make([]float64, n),
		style: text.Style{
			Color:   textColor,
			Font:    withSize(sansFont, size),
			YAlign:  draw.YCenter,
			Handler: fallbackText{},
		},
	}
	for i, bar := range bars {
		b.notes[n-1-i] = "p=" + formatProbability(bar.Probability) +
			"  z=" + formatLogit(bar.Logit)
		b.ends[n-1-i] = bar.Probability
	}
	if folded {
		b.notes[0] = "p=" + formatProbability(bars[n-1].Probability) + " in all"
	}
	return b
}

// Plot implements plot.Plotter.
func (b barNotes) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	gap := pixels(4)
	for i, note := range b.notes {
		style := b.style
		pt := vg.Point{X: trX(b.ends[i]) + gap, Y: trY(float64(i))}
		if pt.X+style.Width(note) > c.Max.X {
			style.XAlign = draw.XRight
			pt.X -= 2 * gap
		}
		c.FillText(style, pt, note)
	}
}

// formatProbability formats p with three decimals, or in exponent form
// when that would round a non-zero p to 0.000.
func formatProbability(p float64) string {
	if p > 0 && p < 0.0005 {
		return strconv.FormatFloat(p, 'e', 1, 64)
	}
	return strconv.FormatFloat(p, 'f', 3, 64)
}

// formatLogit formats z with three significant digits. Infinite z prints
// as "+Inf" or "-Inf".
func formatLogit(z float64) string {
	if math.IsInf(z, 0) {
		if z > 0 {
			return "+Inf"
		}
		return "-Inf"
	}
	return strconv.FormatFloat(z, 'g', 3, 64)
}
