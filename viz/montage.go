package viz

import (
	"fmt"
	"image"
	"math"

	"gonum.org/v1/gonum/mat"
)

// MontageOptions control Montage. The zero value of each field selects the
// default given with it.
type MontageOptions struct {
	// Layout maps each column of the weight matrix onto the grid of one
	// tile. It has no default: Width*Height must equal the row count.
	Layout Layout

	// Cell is the side in logical pixels of one grid cell, upscaled
	// nearest-neighbour. If Cell is 0, 4 is used.
	Cell int

	// Columns is the number of tiles per row. If Columns is 0,
	// ceil(sqrt(units)) is used. Larger values are capped at the number of
	// units.
	Columns int

	// Gap is the space in logical pixels between tiles. If Gap is 0, 2
	// is used, so tiles are always separated.
	Gap int

	// Title is drawn above the tiles, for example
	// "Layer 1 weights (64 units)". If Title is empty, no title line is
	// drawn.
	Title string

	// Scale selects how tiles are scaled. The zero value is SharedScale.
	Scale Scale

	// Labels, when not nil, holds one label per unit, such as "PC1 12%",
	// drawn above its tile in place of the index and weight norm. Labels
	// wider than a tile are shortened with an ellipsis.
	Labels []string

	// PixelScale is the number of image pixels per logical pixel, such
	// as 2 for a screen that shows two pixels per point. Cell, Gap, text
	// and margins are multiplied by it. If PixelScale is 0, 1 is used.
	PixelScale float64
}

// Scale selects the colour scale of the tiles of a montage.
type Scale int

const (
	// SharedScale draws all tiles on one symmetric scale [-m, +m], where m
	// is the maximum absolute finite weight of the whole matrix, so a
	// weaker unit looks paler.
	SharedScale Scale = iota

	// PerUnitScale draws each tile on its own scale [-m, +m], where m is
	// the maximum absolute finite weight of that unit, so the pattern of
	// a weak unit is as visible as that of a strong one.
	PerUnitScale
)

// withDefaults returns a copy of o with zero fields set to their defaults
// for a montage of the given number of units. It panics on negative fields.
func (o MontageOptions) withDefaults(units int) MontageOptions {
	if o.Cell < 0 || o.Columns < 0 || o.Gap < 0 {
		panic(fmt.Sprintf("viz: negative montage option in %+v", o))
	}
	if o.Scale != SharedScale && o.Scale != PerUnitScale {
		panic(fmt.Sprintf("viz: invalid montage scale %d", o.Scale))
	}
	if o.Labels != nil && len(o.Labels) != units {
		panic(fmt.Sprintf("viz: %d montage labels for %d units",
			len(o.Labels), units))
	}
	styleFor(o.PixelScale) // panics on an invalid scale
	if o.Cell == 0 {
		o.Cell = 4
	}
	if o.Gap == 0 {
		o.Gap = 2
	}
	if o.Columns == 0 {
		o.Columns = int(math.Ceil(math.Sqrt(float64(units))))
	}
	o.Columns = max(1, min(o.Columns, units))
	return o
}

// Montage renders each column of w as a heat map tile reshaped onto
// opt.Layout, with a colour bar below. Each tile is labelled with
// opt.Labels, or else with its unit index and the Euclidean norm of its
// finite weights, such as "3  ‖w‖ 1.27", or the index alone when the tile
// is too narrow for both.
//
// The rows of w are inputs and its columns are units, as in a dense
// layer's weight matrix. opt.Scale selects one scale for all tiles or one
// per tile, and the legend names the scale and its range. NaN and ±Inf
// values are drawn in the not-finite colour and do not count towards any
// scale. The colour map is described in the package documentation.
//
// When w has no rows or no columns, or no finite non-zero value, Montage
// draws the title and a message in place of the tiles. It panics if
// w.Rows() differs from Layout.Width*Layout.Height, if the layout or an
// option is negative, if opt.Scale is invalid, or if opt.Labels is not
// nil and its length differs from the number of units.
func Montage(w mat.Matrix, opt MontageOptions) image.Image {
	inputs, units := w.Dims()
	if cells := opt.Layout.cells(); inputs != cells {
		panic(fmt.Sprintf("viz: weight matrix has %d rows, layout %dx%d "+
			"needs %d", inputs, opt.Layout.Width, opt.Layout.Height, cells))
	}
	opt = opt.withDefaults(units)
	if inputs == 0 || units == 0 {
		return montageMessage(opt, units, "No weights to show")
	}

	weights := unitWeights(w)
	scale := measureScale(weights)
	if msg := scale.problem(); msg != "" {
		return montageMessage(opt, units, msg)
	}

	g := newMontageGeometry(opt, units, scale.notFinite > 0)
	img := newBackground(g.width, g.height)
	g.drawTitle(img, opt.Title)
	norms := g.normsFit(scale)
	for unit, values := range weights {
		g.drawTileLabel(img, unit, g.tileLabel(opt, unit, scale, norms))
		g.drawTile(img, unit, values, opt.Layout, scale.tileMax(opt.Scale, unit))
	}
	g.drawLegend(img, scale, opt.Scale)
	return img
}

// MontageUnitAt returns the unit whose tile or tile label covers pixel p
// of the image that Montage(w, opt) returns. It returns ok false when p is
// on a gap, the title or the legend, or outside the image, and when the
// montage shows a message in place of tiles. It panics as Montage does.
func MontageUnitAt(w mat.Matrix, opt MontageOptions, p image.Point) (
	unit int, ok bool) {

	inputs, units := w.Dims()
	if cells := opt.Layout.cells(); inputs != cells {
		panic(fmt.Sprintf("viz: weight matrix has %d rows, layout %dx%d "+
			"needs %d", inputs, opt.Layout.Width, opt.Layout.Height, cells))
	}
	opt = opt.withDefaults(units)
	if inputs == 0 || units == 0 {
		return 0, false
	}
	if measureScale(unitWeights(w)).problem() != "" {
		return 0, false
	}
	return newMontageGeometry(opt, units, false).unitAt(p, units)
}

// unitWeights copies each column of w into its own slice.
func unitWeights(w mat.Matrix) [][]float64 {
	inputs, units := w.Dims()
	data := make([]float64, inputs*units)
	weights := make([][]float64, units)
	for j := range weights {
		weights[j] = mat.Col(data[j*inputs:(j+1)*inputs], j, w)
	}
	return weights
}

// weightScale summarises the values of a weight matrix.
type weightScale struct {
	max       float64 // maximum absolute finite value
	notFinite int     // count of NaN and ±Inf values
	total     int

	unitMax  []float64 // maximum absolute finite value of each unit
	unitNorm []float64 // Euclidean norm of the finite values of each unit
}

func measureScale(weights [][]float64) weightScale {
	s := weightScale{
		unitMax:  make([]float64, len(weights)),
		unitNorm: make([]float64, len(weights)),
	}
	for unit, values := range weights {
		var squares float64
		for _, v := range values {
			s.total++
			if math.IsNaN(v) || math.IsInf(v, 0) {
				s.notFinite++
				continue
			}
			s.unitMax[unit] = math.Max(s.unitMax[unit], math.Abs(v))
			squares += v * v
		}
		s.unitNorm[unit] = math.Sqrt(squares)
		if m := s.unitMax[unit]; m > 0 &&
			(math.IsInf(squares, 1) || squares < minPlainSquares) {
			s.unitNorm[unit] = scaledNorm(values, m)
		}
		s.max = math.Max(s.max, s.unitMax[unit])
	}
	return s
}

// minPlainSquares is the smallest sum of squares that measureScale takes
// as exact. Below it, squares of weights under about 1e-154 may have been
// rounded to zero, so the norm is computed again with scaledNorm.
const minPlainSquares = 1e-200

// scaledNorm returns the Euclidean norm of the finite values, whose
// maximum absolute value is m > 0. It divides each value by m before
// squaring, so the sum cannot overflow and the largest values are not
// rounded to zero, at the cost of one division per value.
func scaledNorm(values []float64, m float64) float64 {
	var squares float64
	for _, v := range values {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			continue
		}
		r := v / m
		squares += r * r
	}
	return m * math.Sqrt(squares)
}

// tileMax returns the m of the scale [-m, +m] of the tile of unit. A unit
// with no finite non-zero weight gets 1, so its zeros are white.
func (s weightScale) tileMax(scale Scale, unit int) float64 {
	if scale == SharedScale {
		return s.max
	}
	if m := s.unitMax[unit]; m > 0 {
		return m
	}
	return 1
}

// unitMaxRange returns the smallest and the largest m of the per-unit
// scales that the tiles are drawn on, as tileMax gives them, so a unit
// without a finite non-zero weight counts as 1.
func (s weightScale) unitMaxRange() (low, high float64) {
	low = math.Inf(1)
	for unit := range s.unitMax {
		m := s.tileMax(PerUnitScale, unit)
		low, high = min(low, m), max(high, m)
	}
	return low, high
}

// problem returns the message to draw in place of tiles that cannot be
// scaled, or "" if the tiles can be drawn.
func (s weightScale) problem() string {
	switch {
	case s.notFinite == s.total:
		return "Weights are not finite"
	case s.max > 0:
		return ""
	case s.notFinite == 0:
		return "All weights are zero"
	default:
		return "All finite weights are zero"
	}
}

// montageMessage returns an image with the title and msg. It has the size
// that the montage would have had, or 320×120 logical pixels, widened to fit the
// title, when there are no tiles to size it by.
func montageMessage(opt MontageOptions, units int, msg string) image.Image {
	var g montageGeometry
	if units > 0 && opt.Layout.cells() > 0 {
		g = newMontageGeometry(opt, units, false)
	} else {
		st := styleFor(opt.PixelScale)
		g.st = st
		g.width = max(st.px(320), st.title.width(opt.Title)+2*st.px(margin))
		g.height = st.px(120)
	}

	img := newBackground(g.width, g.height)
	g.drawTitle(img, opt.Title)
	area := img.Bounds()
	area.Min.Y = g.titleHeight(opt.Title)
	drawMessage(img, g.st, area, msg)
	return img
}
