package ui

import (
	"fmt"
	"image"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"

	"visage/model"
	"visage/ui/views"
	"visage/viz"
)

const layer1About = "Each tile is one unit of the first hidden layer: its weight for every pixel, " +
	"drawn on the input grid (red positive, blue negative, white zero). The unit's value is the sum " +
	"of the pixels times these weights, plus a bias, so each tile is a template the face is compared with. " +
	"Click a tile to enlarge it."

// newLayer1View returns the Layer 1 tab: the montage of the first layer's
// weights, with a choice of scale.
func (v *App) newLayer1View() *view {
	v.perUnit = widget.NewCheck("Scale each unit on its own", func(bool) { v.refreshViews() })
	w := newView("Layer 1", layer1About, container.NewHBox(v.perUnit), nil)
	w.render = func(s views.State) views.Rendering { return views.Layer1(s.Net, s.PerUnit, "", s.Aspect, s.Scale) }
	w.picture.onTap = func(p image.Point) {
		if w.shown.Hit == nil || w.shown.Net == nil {
			return
		}
		if unit, ok := w.shown.Hit(p); ok {
			v.enlargeUnit(w.shown.Net, unit)
		}
	}
	return w
}

// enlargeUnit shows the weights of one layer-1 unit large, in a dialog.
func (v *App) enlargeUnit(net *model.Network, unit int) {
	values := mat.Col(nil, unit, net.Layers[0].W)
	title := fmt.Sprintf("Layer 1, unit %d: weight norm %.3g, bias %.3g",
		unit, floats.Norm(values, 2), net.Layers[0].B[unit])
	pic := newTapImage(nil)
	pic.setImage(viz.HeatMap(values, views.LayoutOf(net.Grid), viz.HeatMapOptions{Title: title, Cell: 12,
		PixelScale: v.pixelScale()}))
	pic.image.SetMinSize(fyne.NewSize(420, 460))
	d := dialog.NewCustom(fmt.Sprintf("Unit %d", unit), "Close", pic, v.win)
	d.Show()
}
