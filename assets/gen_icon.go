//go:build ignore

// Gen_icon draws icon.png: the built-in faces' mean on the input grid, shown
// as its difference from the mean brightness on the diverging colour map
// that Visage uses for layer-1 weights.
package main

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"os"

	"visage/faceio"
	"visage/viz"
)

const size = 256

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "gen_icon:", err)
		os.Exit(1)
	}
}

func run() error {
	// The faces are read from disk, not through package assets, which
	// embeds the icon this program writes.
	data, err := faceio.LoadDir(os.DirFS("faces"), faceio.DefaultPipeline())
	if err != nil {
		return err
	}
	// The default pipeline flattens row by row, so Input is already in
	// display order.
	p := data.Pipeline
	mean := make([]float64, p.Width*p.Height)
	for _, f := range data.Faces {
		for i, v := range f.Input {
			mean[i] += v / float64(len(data.Faces))
		}
	}
	var avg, spread float64
	for _, v := range mean {
		avg += v / float64(len(mean))
	}
	for _, v := range mean {
		spread = max(spread, abs(v-avg))
	}

	icon := image.NewRGBA(image.Rect(0, 0, size, size))
	draw.Draw(icon, icon.Bounds(), image.NewUniform(color.RGBA{34, 34, 40, 255}), image.Point{}, draw.Src)
	cell := (size - 32) / p.Height
	left := (size - cell*p.Width) / 2
	top := (size - cell*p.Height) / 2
	for y := range p.Height {
		for x := range p.Width {
			c := viz.DivergingColour(mean[y*p.Width+x]-avg, spread)
			r := image.Rect(left+x*cell, top+y*cell, left+(x+1)*cell, top+(y+1)*cell)
			draw.Draw(icon, r, image.NewUniform(c), image.Point{}, draw.Src)
		}
	}
	return viz.WritePNG("icon.png", icon)
}

func abs(v float64) float64 { return max(v, -v) }
