// Package views draws what the Visage window and visage-cli show: the
// layer-1 templates, the units of deeper layers, the output, saliency,
// training curves, the confusion matrix and ROC curves, eigenfaces and the
// weight timeline. Each function takes a State and returns a Rendering, an
// image and what exporting it as SVG or CSV needs, so the window and the
// command line draw the same pictures. The package does not import Fyne.
package views

import (
	"image"
	"io"
	"math"

	"gonum.org/v1/plot"

	"visage/faceio"
	"visage/model"
	"visage/viz"
)

// Rendering is one drawing of a view and what it can be exported as.
type Rendering struct {
	Image image.Image
	// Plot, when not nil, is the gonum/plot plot the image was drawn
	// from, so the view can also be saved as SVG.
	Plot *plot.Plot
	// SVG, when not nil, writes the image as SVG, in place of Plot.
	SVG func(io.Writer) error
	// CSV, when not nil, writes the numbers behind the image.
	CSV func(io.Writer) error
	// Net is the network drawn, if any.
	Net *model.Network
	// Hit, when not nil, maps a pixel of Image to the index of the item
	// under it.
	Hit func(image.Point) (int, bool)
}

// State is the data the views are drawn from. Nothing in it may change
// while a view is drawn from it.
type State struct {
	Net  *model.Network
	Data *faceio.Dataset
	// Fits is true when the inputs of Data can be fed to Net.
	Fits bool
	// Face is the face chosen to explain, or nil.
	Face *Face

	// Other is a network the Layer 2 view compares with, read from the
	// file named OtherName, or nil.
	Other     *model.Network
	OtherName string

	History    []model.Progress // metrics of each epoch of the last run
	Snapshots  []model.Snapshot // weights kept during the last run
	Validation []int            // indices of the faces held out, or nil

	// The choices made in the views' tools.
	PerUnit     bool        // scale each layer-1 unit on its own
	Layer2      Unit        // the unit the Layer 2 view explains
	Attribution Attribution // the Saliency view's method and output
	Frame       int         // the snapshot the Timeline view shows

	// Aspect is the width over height of the area the view is drawn for,
	// or 0 when it is not known.
	Aspect float64

	// Scale is the number of image pixels per logical pixel of the
	// drawing, or 0 for 1. Text, lines and cells are drawn that much
	// larger. The window passes the screen's pixels per point, such as 2
	// on a HiDPI screen, times the zoom that makes the view fill its tab.
	Scale float64
}

// Face is an input the views explain.
type Face struct {
	Title string
	Input []float64 // the input row of the network
	// Photo, when not nil, is the photo Input was cut from, and Crop the
	// rectangle of Photo that was cut.
	Photo image.Image
	Crop  image.Rectangle
}

// LayoutOf returns the viz layout of a network's input grid.
func LayoutOf(g model.Grid) viz.Layout {
	return viz.Layout{Width: g.Width, Height: g.Height, ColumnMajor: g.Order == model.ColumnMajor}
}

// pixelsAt returns n logical pixels in image pixels at the given pixel
// scale, where 0 means 1.
func pixelsAt(n int, scale float64) int {
	if scale == 0 {
		return n
	}
	return int(math.Round(float64(n) * scale))
}

// argmax returns the index of the largest value of v, the first of equal
// ones, or 0 when v is empty.
func argmax(v []float64) int {
	best := 0
	for i := range v {
		if v[i] > v[best] {
			best = i
		}
	}
	return best
}
