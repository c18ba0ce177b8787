package viz

import (
	"fmt"
	"image"
	"image/color"
	"strconv"
)

// Sizes in logical pixels of the parts of a montage.
const (
	titleGap      = 6   // between the title line and the tiles
	legendGap     = 12  // between the tiles and the colour bar
	barHeight     = 12  // colour bar
	barMinWidth   = 200 // colour bar, when the tiles are narrower
	barMaxWidth   = 320 // colour bar, when the tiles are wider
	swatchSize    = 10  // not-finite swatch in the legend
	labelTileGap  = 1   // between a tile label and its tile
	numberBarGap  = 3   // between the colour bar and its numbers
	swatchTextGap = 5   // between the swatch and its text
	labelRoom     = 6   // left between tile labels that carry norms
)

// montageGeometry is the size of a montage and the positions in image
// pixels of its parts.
type montageGeometry struct {
	st            style
	width, height int

	tileWidth, tileHeight int
	columns, gap          int
	labelHeight           int // height of the label line above each tile
	gridLeft, gridTop     int

	barLeft, barTop, barWidth int
}

func newMontageGeometry(opt MontageOptions, units int,
	notFinite bool) montageGeometry {

	st := styleFor(opt.PixelScale)
	body := st.body
	g := montageGeometry{
		st:          st,
		tileWidth:   st.cells(opt.Layout.Width, opt.Cell),
		tileHeight:  st.cells(opt.Layout.Height, opt.Cell),
		columns:     opt.Columns,
		gap:         st.px(opt.Gap),
		labelHeight: st.label.height + st.px(labelTileGap),
	}
	rows := (units + g.columns - 1) / g.columns
	gridWidth := g.columns*(g.tileWidth+g.gap) - g.gap
	gridHeight := rows*(g.labelHeight+g.tileHeight+g.gap) - g.gap
	g.barWidth = min(max(gridWidth, st.px(barMinWidth)), st.px(barMaxWidth))

	content := max(gridWidth, g.barWidth, st.title.width(opt.Title))
	if opt.Scale == PerUnitScale {
		// The widest caption that formatValue3 can produce, so that the
		// size does not depend on the weights.
		content = max(content,
			body.width("Per-unit scale, ±0.000888 to ±0.000888"))
	}
	g.width = content + 2*st.px(margin)
	g.gridLeft = (g.width - gridWidth) / 2
	g.gridTop = g.titleHeight(opt.Title)

	g.barLeft = (g.width - g.barWidth) / 2
	g.barTop = g.gridTop + gridHeight + st.px(legendGap)
	legendHeight := st.px(barHeight) + st.px(numberBarGap) + 2*body.height
	if notFinite {
		legendHeight += body.height
	}
	g.height = g.barTop + legendHeight + st.px(margin)
	return g
}

// titleHeight returns the y coordinate below the title and its gap.
func (g montageGeometry) titleHeight(title string) int {
	if title == "" {
		return g.st.px(margin)
	}
	return g.st.px(margin) + g.st.title.height + g.st.px(titleGap)
}

func (g montageGeometry) drawTitle(dst *image.RGBA, title string) {
	if title == "" {
		return
	}
	g.st.title.draw(dst, title, g.width/2, g.st.px(margin), alignCentre,
		textColor)
}

// tileOrigin returns the top-left pixel of the tile of unit, below its
// label.
func (g montageGeometry) tileOrigin(unit int) image.Point {
	row, column := unit/g.columns, unit%g.columns
	return image.Point{
		X: g.gridLeft + column*(g.tileWidth+g.gap),
		Y: g.gridTop + row*(g.labelHeight+g.tileHeight+g.gap) +
			g.labelHeight,
	}
}

// unitAt returns the unit whose tile or label covers p.
func (g montageGeometry) unitAt(p image.Point, units int) (int, bool) {
	if p.X < g.gridLeft || p.Y < g.gridTop {
		return 0, false
	}
	column := (p.X - g.gridLeft) / (g.tileWidth + g.gap)
	row := (p.Y - g.gridTop) / (g.labelHeight + g.tileHeight + g.gap)
	unit := row*g.columns + column
	if column >= g.columns || unit >= units {
		return 0, false
	}
	tile := image.Rectangle{Min: g.tileOrigin(unit)}
	tile.Max = tile.Min.Add(image.Pt(g.tileWidth, g.tileHeight))
	tile.Min.Y -= g.labelHeight
	if !p.In(tile) {
		return 0, false
	}
	return unit, true
}

// tileLabel returns the label of the tile of unit: opt.Labels[unit]
// shortened to the tile width, or the index, followed by the weight norm
// when norms is true.
func (g montageGeometry) tileLabel(opt MontageOptions, unit int,
	s weightScale, norms bool) string {

	if opt.Labels != nil {
		return g.st.label.fit(opt.Labels[unit], g.tileWidth)
	}
	if norms {
		return normLabel(unit, s)
	}
	return strconv.Itoa(unit)
}

// normLabel returns the index and weight norm of a unit.
func normLabel(unit int, s weightScale) string {
	return strconv.Itoa(unit) + "  ‖w‖ " + formatValue3(s.unitNorm[unit])
}

// normsFit reports whether the label with the weight norm fits above the
// tile of every unit, with room to tell it from its neighbours. Either all
// tiles show their norm or none does, so the labels read alike.
func (g montageGeometry) normsFit(s weightScale) bool {
	for unit := range s.unitNorm {
		if g.st.label.width(normLabel(unit, s)) > g.tileWidth-g.st.px(labelRoom) {
			return false
		}
	}
	return true
}

// drawTileLabel draws text centred above the tile of unit.
func (g montageGeometry) drawTileLabel(dst *image.RGBA, unit int,
	text string) {

	origin := g.tileOrigin(unit)
	g.st.label.draw(dst, text, origin.X+g.tileWidth/2, origin.Y-g.labelHeight,
		alignCentre, quietTextColor)
}

// drawTile draws the tile of one unit. values holds the unit's weights in
// the order given by l, and m is the scale of the tile. Each grid cell
// covers the tile pixels whose centres fall in it, so cells differ by at
// most one pixel when the tile is not a whole number of cells wide.
func (g montageGeometry) drawTile(dst *image.RGBA, unit int,
	values []float64, l Layout, m float64) {

	origin := g.tileOrigin(unit)
	colours := make([]color.RGBA, l.Width)
	columns := cellIndices(g.tileWidth, l.Width)
	previous := -1
	for py, y := range cellIndices(g.tileHeight, l.Height) {
		start := dst.PixOffset(origin.X, origin.Y+py)
		row := dst.Pix[start : start+4*g.tileWidth]
		if y == previous {
			copy(row, dst.Pix[start-dst.Stride:])
			continue
		}
		previous = y
		for x := range colours {
			colours[x] = DivergingColour(values[l.index(x, y)], m)
		}
		for px, x := range columns {
			c := colours[x]
			row[4*px], row[4*px+1], row[4*px+2], row[4*px+3] = c.R, c.G, c.B, c.A
		}
	}
}

// cellIndices returns, for each of pixels pixels, the index of the cell
// among cells equal cells whose span holds the pixel's centre.
func cellIndices(pixels, cells int) []int {
	indices := make([]int, pixels)
	for p := range indices {
		indices[p] = (2*p + 1) * cells / (2 * pixels)
	}
	return indices
}

// drawLegend draws the colour bar, its numbers, the caption naming the
// scale and its range and, when some values are not finite, a swatch with
// their count.
func (g montageGeometry) drawLegend(dst *image.RGBA, s weightScale,
	scale Scale) {

	g.drawColourBar(dst)

	st, body := g.st, g.st.body
	y := g.barTop + st.px(barHeight) + st.px(numberBarGap)
	low, high := "-"+formatValue3(s.max), "+"+formatValue3(s.max)
	caption := "Shared scale ±" + formatValue3(s.max)
	if scale == PerUnitScale {
		low, high = "-max |w|", "+max |w|"
		smallest, largest := s.unitMaxRange()
		caption = "Per-unit scale, ±" + formatValue3(smallest) + " to ±" +
			formatValue3(largest)
	}
	right := g.barLeft + g.barWidth
	body.draw(dst, low, g.barLeft, y, alignLeft, textColor)
	body.draw(dst, "0", g.barLeft+g.barWidth/2, y, alignCentre, textColor)
	body.draw(dst, high, right, y, alignRight, textColor)

	y += body.height
	body.draw(dst, caption, g.width/2, y, alignCentre, quietTextColor)
	if s.notFinite == 0 {
		return
	}

	y += body.height
	note := fmt.Sprintf("not finite: %d of %d values", s.notFinite, s.total)
	swatchSide, textGap := st.px(swatchSize), st.px(swatchTextGap)
	left := (g.width - swatchSide - textGap - body.width(note)) / 2
	top := y + (body.ascent-swatchSide)/2 + st.px(1)
	swatch := image.Rect(left, top, left+swatchSide, top+swatchSide)
	fillRect(dst, swatch.Inset(-st.px(1)), outlineColor)
	fillRect(dst, swatch, notFiniteColor)
	body.draw(dst, note, swatch.Max.X+textGap, y, alignLeft,
		quietTextColor)
}

// drawColourBar draws the diverging colour map from -m on the left to +m
// on the right, with a one-pixel outline.
func (g montageGeometry) drawColourBar(dst *image.RGBA) {
	bar := image.Rect(g.barLeft, g.barTop, g.barLeft+g.barWidth,
		g.barTop+g.st.px(barHeight))
	fillRect(dst, bar.Inset(-g.st.px(1)), outlineColor)

	last := float64(g.barWidth - 1)
	for i := range g.barWidth {
		v := 2*float64(i)/last - 1
		column := image.Rect(bar.Min.X+i, bar.Min.Y, bar.Min.X+i+1,
			bar.Max.Y)
		fillRect(dst, column, DivergingColour(v, 1))
	}
}
