package views

import (
	"fmt"
	"image"
	"image/draw"
	"io"
	"math"

	xdraw "golang.org/x/image/draw"

	"visage/model"
	"visage/viz"
)

// Attribution methods offered by the Saliency view.
const (
	MethodGradient  = "Gradient"
	MethodSmooth    = "SmoothGrad"
	MethodIntegrate = "Integrated Gradients"
	MethodOcclude   = "Occlusion"
)

// Methods lists the attribution methods, the default first.
var Methods = []string{MethodGradient, MethodSmooth, MethodIntegrate, MethodOcclude}

// Attribution is the method and output the Saliency view shows.
type Attribution struct {
	Method string
	Class  int // index into the network's outputs, or -1 for the predicted one
}

// Saliency draws the attribution of the chosen output for the
// selected face, over the photo it came from and on the grid.
func Saliency(s State) Rendering {
	if s.Face == nil || !s.Fits && s.Face.Photo == nil || len(s.Face.Input) != s.Net.Inputs() {
		return Rendering{Image: viz.EmptyImage(640, 320, s.Scale, "Click a face or drop a photo to see which pixels decided.")}
	}
	net, x := s.Net, s.Face.Input
	out := len(net.Layers) - 1
	unit := s.Attribution.Class
	prob, _ := net.Predict(x)
	if unit < 0 || unit >= len(prob) {
		unit = argmax(prob)
	}
	values, note := attribute(net, x, out, unit, s.Attribution.Method)
	layout := LayoutOf(net.Grid)
	title := fmt.Sprintf("%s of p(%s) = %.3f: %s", s.Attribution.Method, net.Classes[unit], prob[unit], note)

	cell := gridCell(layout, saliencySide)
	// Drawn first, so an invalid scale panics before it sizes the grid.
	grid := viz.HeatMap(values, layout, viz.HeatMapOptions{Title: title, Cell: cell, Mode: viz.Signed,
		PixelScale: s.Scale})
	var photo image.Image
	var area image.Rectangle
	var scaler xdraw.Scaler = xdraw.ApproxBiLinear
	if s.Face.Photo != nil {
		photo, area = s.Face.Photo, s.Face.Crop
	} else {
		scaler = xdraw.NearestNeighbor // keeps the grid's cells sharp
		scale := max(s.Scale, 1)
		photo = viz.GridImage(x, layout, max(int(math.Round(float64(cell)*scale)), 1))
		area = photo.Bounds()
	}
	over := viz.Overlay(photo, area, values, layout, 0.6)
	return Rendering{
		Image: sideBySide(scaleToFit(over, grid.Bounds().Size(), scaler), grid),
		CSV:   func(w io.Writer) error { return viz.WriteCSV(w, []string{"attribution"}, column(values)) },
	}
}

// attribute returns the attribution of output unit of net at x by method,
// and a note on it.
func attribute(net *model.Network, x []float64, layer, unit int, method string) ([]float64, string) {
	switch method {
	case MethodSmooth:
		return net.SmoothGrad(x, layer, unit, false, 50, 0.1, 1), "mean of 50 gradients with noise σ = 0.1"
	case MethodIntegrate:
		attr, residual := net.IntegratedGradients(x, make([]float64, len(x)), layer, unit, false, 100)
		return attr, fmt.Sprintf("from black in 100 steps, residual %.1e", residual)
	case MethodOcclude:
		patch := max(2, net.Grid.Width/8)
		return net.Occlusion(x, layer, unit, false, patch, max(1, patch/2), 0),
			fmt.Sprintf("drop when a %d×%d square turns black", patch, patch)
	}
	return net.InputGradient(x, layer, unit, false), "∂p/∂x"
}

// column returns v as rows of one value each.
func column(v []float64) [][]float64 {
	rows := make([][]float64, len(v))
	for i, x := range v {
		rows[i] = []float64{x}
	}
	return rows
}

// saliencySide is the length in logical pixels of the longer side of the
// Saliency view's grid, about.
const saliencySide = 480

// gridCell returns the side in logical pixels of a cell of a heat map of
// layout whose longer side is about side long. It is at most 8 and at
// least 1, so a long grid, such as one row of 784 pixels, gets 1.
func gridCell(layout viz.Layout, side int) int {
	return min(max(side/max(layout.Width, layout.Height), 1), 8)
}

// scaleToFit returns img scaled by scaler, keeping its aspect ratio, to the
// largest size that fits in box.
func scaleToFit(img image.Image, box image.Point, scaler xdraw.Scaler) image.Image {
	b := img.Bounds()
	if b.Dx() == 0 || b.Dy() == 0 {
		return img
	}
	scale := min(float64(box.X)/float64(b.Dx()), float64(box.Y)/float64(b.Dy()))
	width, height := max(1, int(float64(b.Dx())*scale)), max(1, int(float64(b.Dy())*scale))
	if width == b.Dx() && height == b.Dy() {
		return img
	}
	dst := image.NewRGBA(image.Rect(0, 0, width, height))
	scaler.Scale(dst, dst.Bounds(), img, b, xdraw.Src, nil)
	return dst
}

// sideBySide draws images left to right, top-aligned. Below an image
// shorter than the others, its column is filled with the colour of its
// top-left pixel, the background of viz's drawings and charts.
func sideBySide(images ...image.Image) image.Image {
	width, height := 0, 0
	for _, img := range images {
		b := img.Bounds()
		width += b.Dx()
		height = max(height, b.Dy())
	}
	dst := image.NewRGBA(image.Rect(0, 0, width, height))
	x := 0
	for _, img := range images {
		b := img.Bounds()
		if !b.Empty() {
			column := image.Rect(x, 0, x+b.Dx(), height)
			draw.Draw(dst, column, image.NewUniform(img.At(b.Min.X, b.Min.Y)), image.Point{}, draw.Src)
			draw.Draw(dst, image.Rect(x, 0, x+b.Dx(), b.Dy()), img, b.Min, draw.Over)
		}
		x += b.Dx()
	}
	return dst
}
