package viz

import (
	"fmt"
	"image"
	"image/color"
	"math"
)

// Mode selects how HeatMap, Panels and their colour bars map values to
// colours.
type Mode int

const (
	// Signed draws values on the diverging map of Montage, zero-centred,
	// on the symmetric scale [-m, +m] where m is the maximum absolute
	// finite value.
	Signed Mode = iota

	// Magnitude draws |v| on a sequential map from white at 0 to dark
	// violet at the maximum absolute finite value, as MagnitudeColour.
	Magnitude

	// Grey draws values in [0, 1] as gray levels, 0 black and 1 white,
	// clipping values outside, as GridImage does.
	Grey
)

// String returns the name of the mode.
func (m Mode) String() string {
	switch m {
	case Signed:
		return "Signed"
	case Magnitude:
		return "Magnitude"
	case Grey:
		return "Grey"
	}
	return fmt.Sprintf("Mode(%d)", int(m))
}

// HeatMapOptions control HeatMap.
type HeatMapOptions struct {
	// Title is drawn above the map. If Title is empty, no title line is
	// drawn.
	Title string

	// Cell is the side in logical pixels of one grid cell. If Cell is 0,
	// 8 is used.
	Cell int

	// Mode selects the colour map. The zero value is Signed.
	Mode Mode

	// PixelScale is the number of image pixels per logical pixel. Cell,
	// text and margins are multiplied by it. If PixelScale is 0, 1 is
	// used.
	PixelScale float64
}

// defaultHeatCell is the cell size of HeatMap and Panels when none is
// given.
const defaultHeatCell = 8

// HeatMap renders values, reshaped onto layout, as one large heat map
// with a title, a colour bar with the numbers at its ends, and a line
// giving the minimum and maximum finite value. NaN and ±Inf are drawn in
// amber and counted on a line of their own.
//
// When values is empty, has no finite value or, in Signed and Magnitude
// mode, no finite non-zero value, HeatMap draws the title and a "No data"
// message in an image of the size that the map would have had. In Grey
// mode an all-zero input is a black map. HeatMap panics if len(values)
// differs from layout.Width*layout.Height, or if the layout, opt.Cell,
// opt.Mode or opt.PixelScale is invalid.
func HeatMap(values []float64, layout Layout, opt HeatMapOptions) image.Image {
	panel := Panel{Title: opt.Title, Values: values, Mode: opt.Mode}
	st := styleFor(opt.PixelScale)
	p := newHeatPanel(panel, layout, heatCell(opt.Cell), st)
	img := newBackground(p.width, p.height)
	p.draw(img, image.Point{})
	return img
}

// heatCell returns cell, or defaultHeatCell when cell is 0. It panics
// when cell is negative.
func heatCell(cell int) int {
	if cell < 0 {
		panic(fmt.Sprintf("viz: negative heat map cell size %d", cell))
	}
	if cell == 0 {
		return defaultHeatCell
	}
	return cell
}

// valueStats summarises the finite values of a heat map.
type valueStats struct {
	min, max  float64 // 0 when there is no finite value
	absMax    float64
	finite    int
	notFinite int
}

func measureValues(values []float64) valueStats {
	s := valueStats{min: math.Inf(1), max: math.Inf(-1)}
	for _, v := range values {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			s.notFinite++
			continue
		}
		s.finite++
		s.min, s.max = min(s.min, v), max(s.max, v)
		s.absMax = max(s.absMax, math.Abs(v))
	}
	if s.finite == 0 {
		s.min, s.max = 0, 0
	}
	return s
}

// problem returns the message to draw in place of a map of mode that
// cannot be drawn, or "" if it can.
func (s valueStats) problem(mode Mode) string {
	switch {
	case s.finite+s.notFinite == 0:
		return "No data: there are no values"
	case s.finite == 0:
		return "No data: no value is finite"
	case mode != Grey && s.absMax == 0:
		return "No data: all values are zero"
	}
	return ""
}

// colour returns the colour of v in mode, given the statistics of all
// values.
func (s valueStats) colour(mode Mode, v float64) color.RGBA {
	switch mode {
	case Magnitude:
		return MagnitudeColour(v, s.absMax)
	case Grey:
		return greyColour(v)
	}
	return DivergingColour(v, s.absMax)
}
