package views

import (
	"cmp"
	"fmt"
	"image"
	"image/draw"
	"io"
	"slices"
	"strings"

	"visage/model"
	"visage/viz"
)

// Unit is the unit the Layer 2 view explains, and the snapshot it is
// compared with.
type Unit struct {
	Layer, Unit int  // model indices, or -1
	Compare     int  // the index of the snapshot to compare with, or -1
	Model       bool // compare with State.Other instead
}

// Layer2 draws the panels that explain one unit of layer 2 or deeper.
func Layer2(s State, c Unit) Rendering {
	net := s.Net
	if len(net.Layers) < 2 {
		return Rendering{Image: viz.EmptyImage(640, 240, s.Scale,
			"This network has a single layer, its output, and Layer 1 shows all of it. "+
				"Add hidden layers under More… to see deeper units.")}
	}
	if c.Layer < 1 || c.Layer >= len(net.Layers) || c.Unit < 0 || c.Unit >= len(net.Layers[c.Layer].B) {
		return Rendering{Image: viz.EmptyImage(640, 240, s.Scale, "Choose a layer and a unit.")}
	}
	// One row for the unit, one for what it is compared with, and one for
	// the faces that activate it most, so that like panels line up.
	rows := [][]viz.Panel{unitPanels(s, net, c.Layer, c.Unit, "")}
	if c.Compare >= 0 && c.Compare < len(s.Snapshots) {
		snap := s.Snapshots[c.Compare]
		old := net.Clone()
		old.Layers = snap.Layers
		rows = append(rows, unitPanels(s, old, c.Layer, c.Unit, fmt.Sprintf(" (epoch %d)", snap.Epoch)))
	}
	if c.Model && s.Other != nil {
		rows = append(rows, otherPanels(s, c))
	}
	rows = append(rows, topFaces(s, net, c.Layer, c.Unit, 3))

	layout := LayoutOf(net.Grid)
	var panels []viz.Panel
	var images []image.Image
	for _, row := range rows {
		if len(row) == 0 {
			continue
		}
		panels = append(panels, row...)
		images = append(images, viz.Panels(row, layout, viz.PanelOptions{Columns: len(row),
			Cell: gridCell(layout, panelSide), PixelScale: s.Scale}))
	}
	return Rendering{
		Image: stacked(images...),
		CSV:   func(out io.Writer) error { return writePanelsCSV(out, panels) },
	}
}

// stacked draws images top to bottom, left-aligned, on the colour of the
// first image's top-left pixel, the background of viz's drawings.
func stacked(images ...image.Image) image.Image {
	width, height := 0, 0
	for _, img := range images {
		b := img.Bounds()
		width = max(width, b.Dx())
		height += b.Dy()
	}
	dst := image.NewRGBA(image.Rect(0, 0, width, height))
	if len(images) > 0 {
		b := images[0].Bounds()
		background := image.NewUniform(images[0].At(b.Min.X, b.Min.Y))
		draw.Draw(dst, dst.Bounds(), background, image.Point{}, draw.Src)
	}
	y := 0
	for _, img := range images {
		b := img.Bounds()
		draw.Draw(dst, image.Rect(0, y, b.Dx(), y+b.Dy()), img, b.Min, draw.Over)
		y += b.Dy()
	}
	return dst
}

// panelSide is the length in logical pixels of the longer side of a Layer
// 2 panel's grid, about: 8-pixel cells for a 23×28 face grid, and fewer
// for a long grid.
const panelSide = 240

// unitPanels returns the views of one unit of net, each title ending in
// suffix.
func unitPanels(s State, net *model.Network, layer, unit int, suffix string) []viz.Panel {
	name := unitName(net, layer, unit)
	var panels []viz.Panel
	proj := net.Projection(layer, unit)
	panels = append(panels, viz.Panel{Title: "Projection W1·…·W" + fmt.Sprint(layer+1) + suffix,
		Values: proj, Mode: viz.Signed, Note: name + ", no activations"})

	if s.Face != nil && s.Fits && len(s.Face.Input) == net.Inputs() {
		x := s.Face.Input
		t := net.Trace(x)
		z, a := t.Z[layer][unit], t.A[layer][unit]
		panels = append(panels,
			viz.Panel{Title: "Linearisation at this face" + suffix,
				Values: net.InputGradient(x, layer, unit, true), Mode: viz.Signed, Note: fmt.Sprintf("z = %.3g", z)},
			viz.Panel{Title: "Saliency ∂a/∂x" + suffix,
				Values: net.InputGradient(x, layer, unit, false), Mode: viz.Signed, Note: fmt.Sprintf("a = %.3g", a)},
			viz.Panel{Title: "|∂a/∂x|" + suffix,
				Values: absolute(net.InputGradient(x, layer, unit, false)), Mode: viz.Magnitude, Note: s.Face.Title})
	} else {
		panels = append(panels, viz.Panel{Title: "Linearisation, saliency",
			Note: "Click a face or drop a photo to see these for it."})
	}

	inputs, values := net.Maximize(layer, unit, model.MaximizeOptions{Seeds: []uint64{1, 2, 3}})
	best := argmax(values)
	panels = append(panels, viz.Panel{Title: "Activation maximisation" + suffix,
		Values: inputs[best], Mode: viz.Grey, Note: fmt.Sprintf("a = %.3g", values[best])})

	return panels
}

// otherPanels returns the panels of the same unit of s.Other, or one that
// explains why there is none.
func otherPanels(s State, c Unit) []viz.Panel {
	other, suffix := s.Other, " ("+s.OtherName+")"
	if other.Inputs() != s.Net.Inputs() || c.Layer >= len(other.Layers) || c.Unit >= len(other.Layers[c.Layer].B) {
		return []viz.Panel{{Title: s.OtherName,
			Note: fmt.Sprintf("has no unit %d in layer %d to compare", c.Unit, c.Layer+1)}}
	}
	return unitPanels(s, other, c.Layer, c.Unit, suffix)
}

// unitName names a unit for a panel note.
func unitName(net *model.Network, layer, unit int) string {
	if layer == len(net.Layers)-1 && unit < len(net.Classes) {
		return net.Classes[unit]
	}
	return fmt.Sprintf("unit %d", unit)
}

// topFaces returns panels of the k faces of the dataset that activate the
// unit most.
func topFaces(s State, net *model.Network, layer, unit, k int) []viz.Panel {
	if !s.Fits || s.Data == nil {
		return nil
	}
	type scored struct {
		face  int
		value float64
	}
	all := make([]scored, len(s.Data.Faces))
	for i, f := range s.Data.Faces {
		all[i] = scored{i, net.Trace(f.Input).A[layer][unit]}
	}
	slices.SortStableFunc(all, func(a, b scored) int { return cmp.Compare(b.value, a.value) })
	var panels []viz.Panel
	for _, sc := range all[:min(k, len(all))] {
		f := s.Data.Faces[sc.face]
		panels = append(panels, viz.Panel{
			Title:  fmt.Sprintf("Top face %d", len(panels)+1),
			Values: f.Input, Mode: viz.Grey,
			Note: fmt.Sprintf("a = %.3g, %s", sc.value, s.Data.Classes[f.Label]),
		})
	}
	return panels
}

func absolute(v []float64) []float64 {
	out := make([]float64, len(v))
	for i, x := range v {
		out[i] = max(x, -x)
	}
	return out
}

// writePanelsCSV writes one column per panel with values and one row per
// input.
func writePanelsCSV(out io.Writer, panels []viz.Panel) error {
	var header []string
	var cols [][]float64
	for _, p := range panels {
		if p.Values == nil {
			continue
		}
		header = append(header, strings.TrimSpace(p.Title+" "+p.Note))
		cols = append(cols, p.Values)
	}
	if len(cols) == 0 {
		return viz.WriteCSV(out, header, nil)
	}
	rows := make([][]float64, len(cols[0]))
	for i := range rows {
		rows[i] = make([]float64, len(cols))
		for j, c := range cols {
			rows[i][j] = c[i]
		}
	}
	return viz.WriteCSV(out, header, rows)
}
