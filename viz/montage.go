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

	// Cell is the side in pixels of one grid cell, upscaled
	// nearest-neighbour. If Cell is 0, 4 is used.
	Cell int

	// Columns is the number of tiles per row. If Columns is 0,
	// ceil(sqrt(units)) is used. Larger values are capped at the number of
	// units.
	Columns int

	// Gap is the space in pixels between tiles. If Gap is 0, 2 is used, so
	// tiles are always separated.
	Gap int

	// Title is drawn above the tiles, for example
	// "Layer 1 weights (64 units)". If Title is empty, no title line is
	// drawn.
	Title string
}

// withDefaults returns a copy of o with zero fields set to their defaults
// for a montage of the given number of units. It panics on negative fields.
func (o MontageOptions) withDefaults(units int) MontageOptions {
	if o.Cell < 0 || o.Columns < 0 || o.Gap < 0 {
		panic(fmt.Sprintf("viz: negative montage option in %+v", o))
	}
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
// opt.Layout, labelled with its unit index, with a colour bar below.
//
// The rows of w are inputs and its columns are units, as in a dense
// layer's weight matrix. All tiles share one symmetric scale [-m, +m],
// where m is the maximum absolute finite value of w, so a weaker unit looks
// paler. NaN and ±Inf values are drawn in the not-finite colour and do not
// count towards m. The colour map is described in the package
// documentation.
//
// When w has no rows or no columns, or no finite non-zero value, Montage
// draws the title and a message in place of the tiles. It panics if
// w.Rows() differs from Layout.Width*Layout.Height, or if the layout or
// an option is negative.
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
	for unit, values := range weights {
		g.drawTile(img, unit, values, opt.Layout, scale.max)
	}
	g.drawLegend(img, scale)
	return img
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
}

func measureScale(weights [][]float64) weightScale {
	var s weightScale
	for _, values := range weights {
		for _, v := range values {
			s.total++
			if math.IsNaN(v) || math.IsInf(v, 0) {
				s.notFinite++
				continue
			}
			s.max = math.Max(s.max, math.Abs(v))
		}
	}
	return s
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
// that the montage would have had, or 320×120 pixels, widened to fit the
// title, when there are no tiles to size it by.
func montageMessage(opt MontageOptions, units int, msg string) image.Image {
	var g montageGeometry
	if units > 0 && opt.Layout.cells() > 0 {
		g = newMontageGeometry(opt, units, false)
	} else {
		_, _, title := faces()
		g.width = max(320, title.width(opt.Title)+2*margin)
		g.height = 120
	}

	img := newBackground(g.width, g.height)
	g.drawTitle(img, opt.Title)
	area := img.Bounds()
	area.Min.Y = g.titleHeight(opt.Title)
	drawMessage(img, area, msg)
	return img
}
