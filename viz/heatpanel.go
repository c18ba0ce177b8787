package viz

import (
	"fmt"
	"image"
	"image/color"
	"strconv"
)

// Sizes in logical pixels of the parts of a heat map panel.
const (
	noteGap          = 4   // between the grid and the note line
	panelBarMinWidth = 200 // colour bar, when the grid is narrower
)

// heatPanel is one heat map with its title, note and colour bar, and the
// positions in image pixels of its parts relative to its top-left corner.
type heatPanel struct {
	st     style
	panel  Panel
	layout Layout
	stats  valueStats

	width, height     int
	gridLeft, gridTop int
	noteTop           int
	barLeft, barTop   int
	barWidth          int

	gridWidth, gridHeight int
}

// newHeatPanel measures panel. The size depends on the layout, the cell,
// the title, the note and whether some values are not finite, but not on
// the values themselves, so a panel with no data keeps its size. Nil
// values are a panel with no data. cell is in logical pixels. It panics if
// other values do not fit the layout or the mode is invalid.
func newHeatPanel(panel Panel, layout Layout, cell int, st style) heatPanel {
	if n := layout.cells(); len(panel.Values) != n && len(panel.Values) != 0 {
		panic(fmt.Sprintf("viz: %d values for a %dx%d layout, want %d",
			len(panel.Values), layout.Width, layout.Height, n))
	}
	if panel.Mode < Signed || panel.Mode > Grey {
		panic(fmt.Sprintf("viz: invalid heat map mode %v", panel.Mode))
	}

	body, title := st.body, st.title
	p := heatPanel{st: st, panel: panel, layout: layout,
		stats: measureValues(panel.Values)}
	p.gridWidth = st.cells(layout.Width, cell)
	p.gridHeight = st.cells(layout.Height, cell)
	gridWidth, gridHeight := p.gridWidth, p.gridHeight
	p.barWidth = max(gridWidth, st.px(panelBarMinWidth))
	content := max(p.barWidth, title.width(panel.Title),
		body.width(panel.Note))
	p.width = content + 2*st.px(margin)
	p.gridLeft = (p.width - gridWidth) / 2
	p.barLeft = (p.width - p.barWidth) / 2

	p.gridTop = st.px(margin)
	if panel.Title != "" {
		p.gridTop += title.height + st.px(titleGap)
	}
	y := p.gridTop + gridHeight
	p.noteTop = y + st.px(noteGap)
	if panel.Note != "" {
		y = p.noteTop + body.height
	}
	p.barTop = y + st.px(legendGap)
	y = p.barTop + st.px(barHeight) + st.px(numberBarGap) + 2*body.height
	if p.stats.notFinite > 0 {
		y += body.height
	}
	p.height = y + st.px(margin)
	return p
}

// draw draws the panel onto dst with its top-left corner at origin.
func (p heatPanel) draw(dst *image.RGBA, origin image.Point) {
	st := p.st
	if p.panel.Title != "" {
		st.title.draw(dst, p.panel.Title, origin.X+p.width/2,
			origin.Y+st.px(margin), alignCentre, textColor)
	}
	if msg := p.stats.problem(p.panel.Mode); msg != "" {
		area := image.Rect(0, p.gridTop, p.width, p.height-st.px(margin))
		drawMessage(dst, st, area.Add(origin), msg)
		return
	}

	p.drawGrid(dst, origin.Add(image.Pt(p.gridLeft, p.gridTop)))
	if p.panel.Note != "" {
		st.body.draw(dst, p.panel.Note, origin.X+p.width/2,
			origin.Y+p.noteTop, alignCentre, quietTextColor)
	}
	p.drawLegend(dst, origin)
}

// drawGrid draws one block per value, the grid's top-left corner at
// origin. Blocks differ by at most one pixel when the grid is not a whole
// number of pixels per cell.
func (p heatPanel) drawGrid(dst *image.RGBA, origin image.Point) {
	l := p.layout
	for y := range l.Height {
		top, bottom := y*p.gridHeight/l.Height, (y+1)*p.gridHeight/l.Height
		for x := range l.Width {
			c := p.stats.colour(p.panel.Mode, p.panel.Values[l.index(x, y)])
			left, right := x*p.gridWidth/l.Width, (x+1)*p.gridWidth/l.Width
			fillRect(dst, image.Rect(left, top, right, bottom).Add(origin), c)
		}
	}
}

// drawLegend draws the colour bar of the mode, the numbers at its ends,
// the range of the finite values and the count of values that are not
// finite.
func (p heatPanel) drawLegend(dst *image.RGBA, origin image.Point) {
	st := p.st
	bar := image.Rect(p.barLeft, p.barTop, p.barLeft+p.barWidth,
		p.barTop+st.px(barHeight)).Add(origin)
	fillRect(dst, bar.Inset(-st.px(1)), outlineColor)
	last := float64(max(p.barWidth-1, 1))
	for i := range p.barWidth {
		column := image.Rect(bar.Min.X+i, bar.Min.Y, bar.Min.X+i+1, bar.Max.Y)
		fillRect(dst, column, p.barColour(float64(i)/last))
	}

	body := st.body
	y := bar.Max.Y + st.px(numberBarGap)
	low, middle, high := p.barNumbers()
	body.draw(dst, low, bar.Min.X, y, alignLeft, textColor)
	body.draw(dst, middle, bar.Min.X+p.barWidth/2, y, alignCentre, textColor)
	body.draw(dst, high, bar.Max.X, y, alignRight, textColor)

	y += body.height
	s := p.stats
	rangeText := "min " + formatValue3(s.min) + "   max " + formatValue3(s.max)
	centre := origin.X + p.width/2
	body.draw(dst, rangeText, centre, y, alignCentre, quietTextColor)
	if s.notFinite > 0 {
		note := fmt.Sprintf("amber: %d not finite", s.notFinite)
		body.draw(dst, note, centre, y+body.height, alignCentre,
			quietTextColor)
	}
}

// barColour returns the colour at fraction t in [0, 1] along the bar.
func (p heatPanel) barColour(t float64) color.RGBA {
	switch p.panel.Mode {
	case Magnitude:
		return MagnitudeColour(t, 1)
	case Grey:
		return greyColour(t)
	}
	return DivergingColour(2*t-1, 1)
}

// barNumbers returns the labels of the left end, the middle and the right
// end of the colour bar.
func (p heatPanel) barNumbers() (low, middle, high string) {
	m := formatValue3(p.stats.absMax)
	switch p.panel.Mode {
	case Magnitude:
		return "0", "", m
	case Grey:
		return "0 black", "", "1 white"
	}
	return "-" + m, "0", "+" + m
}

// formatValue3 formats v with three significant digits.
func formatValue3(v float64) string {
	return strconv.FormatFloat(v, 'g', 3, 64)
}
