package views

import (
	"fmt"
	"image"
	"io"
	"math"

	"gonum.org/v1/gonum/mat"

	"visage/model"
	"visage/viz"
)

// Sizes in logical pixels that a montage is laid out with, about.
const (
	// montageHeight is the height of the area, about that of a tab on a
	// 1366×768 screen. The window then draws the montage at the zoom that
	// fills the tab.
	montageHeight = 480
	montageChrome = 90 // title, colour bar and its numbers, margins
	montageLabel  = 15 // the label line above each tile
	montageGap    = 2  // between tiles
)

// DefaultAspect is the width over height of the area a view is drawn for
// when the area is not known.
const DefaultAspect = 1.5

// montageShape returns the tiles per row and the cell size of a montage of
// units tiles of a grid of width×height cells, so that its tiles are as
// large as they can be in an area of the given width over height,
// montageHeight high, with its text at its usual size.
func montageShape(units, width, height int, aspect float64) (columns, cell int) {
	if !(aspect > 0) || math.IsInf(aspect, 1) {
		aspect = DefaultAspect
	}
	width, height = max(width, 1), max(height, 1)
	across := montageHeight*aspect - 16 // less the side margins
	down := float64(montageHeight - montageChrome)
	best := math.Inf(-1)
	for c := 1; c <= max(units, 1); c++ {
		fit := (across/float64(c) - montageGap) / float64(width)
		if rows := (units + c - 1) / c; rows > 0 {
			tile := down/float64(rows) - montageLabel - montageGap
			fit = min(fit, tile/float64(height))
		}
		if fit > best {
			best, columns = fit, c
		}
	}
	if best < 1 {
		// Not even cells of one point fit: choose the columns whose
		// montage of one-point cells, labels included, needs the least
		// shrinking to fit the area.
		columns = columnsShrunkLeast(units, width, height, aspect)
	}
	cell = min(max(int(best), 1), 8)
	return columns, cell
}

// columnsShrunkLeast returns the tiles per row for which a montage of
// units tiles of width×height one-point cells, with their labels, gaps,
// title and colour bar, fits an area of the given aspect, montageHeight
// high, with the least shrinking. Of equal choices it takes the fewest
// columns.
func columnsShrunkLeast(units, width, height int, aspect float64) int {
	columns, best := 1, 0.0
	for c := 1; c <= max(units, 1); c++ {
		rows := (units + c - 1) / c
		w := float64(c*(width+montageGap) + 16)
		h := float64(rows*(height+montageLabel+montageGap) + montageChrome)
		if fit := min(montageHeight*aspect/w, montageHeight/h); fit > best {
			columns, best = c, fit
		}
	}
	return columns
}

// maxShownUnits is the number of layer-1 units the montage shows at most,
// so a very wide layer cannot make an image too large to draw ten times a
// second.
const maxShownUnits = 256

// Layer1 draws the first layer's weights of net, each unit on its
// own scale when perUnit is true, laid out for an area of the given width
// over height, at the given pixel scale. An empty title selects one that
// counts the units.
func Layer1(net *model.Network, perUnit bool, title string, aspect,
	scale float64) Rendering {
	w := net.Layers[0].W
	inputs, units := w.Dims()
	shown := min(units, maxShownUnits)
	switch {
	case title != "":
	case shown < units:
		title = fmt.Sprintf("Layer 1: the weights of the first %d of %d units on the input grid", shown, units)
	default:
		title = fmt.Sprintf("Layer 1: the weights of each of the %d units on the input grid", units)
	}
	columns, cell := montageShape(shown, net.Grid.Width, net.Grid.Height, aspect)
	opt := viz.MontageOptions{
		Layout:  LayoutOf(net.Grid),
		Cell:    cell,
		Columns: columns,
		Title:   title,

		PixelScale: scale,
	}
	if perUnit {
		opt.Scale = viz.PerUnitScale
	}
	weights := w.Slice(0, inputs, 0, shown)
	return Rendering{
		Image: viz.Montage(weights, opt),
		Net:   net,
		CSV:   func(out io.Writer) error { return writeWeightsCSV(out, weights, "unit") },
		Hit:   func(p image.Point) (int, bool) { return viz.MontageUnitAt(weights, opt, p) },
	}
}

// writeWeightsCSV writes one row per input and one column per column of w,
// each headed by noun and its index.
func writeWeightsCSV(out io.Writer, w mat.Matrix, noun string) error {
	rows, cols := w.Dims()
	header := make([]string, cols)
	for j := range header {
		header[j] = fmt.Sprintf("%s %d", noun, j)
	}
	m := make([][]float64, rows)
	for i := range m {
		m[i] = mat.Row(nil, i, w)
	}
	names := make([]string, rows)
	for i := range names {
		names[i] = fmt.Sprintf("input %d", i)
	}
	return viz.WriteMatrixCSV(out, names, header, m)
}
