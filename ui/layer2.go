package ui

import (
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"visage/model"
	"visage/ui/views"
)

const layer2About = "A unit of layer 2 or deeper adds up layer-1 units, each passed through its activation, " +
	"so it has no single template. The projection multiplies the weight matrices and ignores the activations; " +
	"the linearisation and the saliency are exact for the selected face only: how much the unit changes for a small " +
	"change of each pixel. Activation maximisation searches for the input the unit likes most."

// unitPicker chooses a unit of layer 2 or deeper.
type unitPicker struct {
	layer, unit *widget.Select
	compare     *widget.Select // a stored snapshot or a model to compare with, or none
	sizes       []int          // the units of each layer of the network the choices are for
	classes     []string       // the output classes the choices are for
	snapshots   []int          // the epochs offered by compare
	other       string         // the name of the model file offered by compare, or ""
	previous    string         // the comparison chosen before the current one
}

// The comparisons offered besides the snapshots.
const (
	noComparison   = "nothing"
	modelFile      = "a model file…"
	modelPrefix    = "model "
	snapshotPrefix = "epoch "
)

// newUnitPicker returns a picker that calls changed when the choice
// changes, and pickModel when the user asks to compare with a model file.
func newUnitPicker(changed, pickModel func()) *unitPicker {
	u := &unitPicker{}
	u.layer = widget.NewSelect(nil, nil)
	u.unit = widget.NewSelect(nil, func(string) { changed() })
	u.compare = widget.NewSelect([]string{noComparison, modelFile}, func(choice string) {
		if choice == modelFile {
			u.compare.SetSelected(u.previous) // until a model is read
			pickModel()
			return
		}
		u.previous = choice
		changed()
	})
	u.compare.SetSelected(noComparison)
	u.layer.OnChanged = func(string) {
		u.fillUnits()
		changed()
	}
	return u
}

// sync offers the layers and units of net, keeping the choice when the
// shape is unchanged.
func (u *unitPicker) sync(net *model.Network) {
	sizes := net.Sizes()[1:] // units of each layer, without the inputs
	if slices.Equal(sizes, u.sizes) && slices.Equal(net.Classes, u.classes) {
		return
	}
	u.sizes, u.classes = sizes, slices.Clone(net.Classes)
	var layers []string
	for l := 1; l < len(sizes); l++ {
		name := fmt.Sprintf("Layer %d (%d)", l+1, sizes[l])
		if l == len(sizes)-1 {
			name = fmt.Sprintf("Output (%d)", sizes[l])
		}
		layers = append(layers, name)
	}
	u.layer.SetOptions(layers)
	if len(layers) > 0 {
		u.layer.SetSelectedIndex(0)
	} else {
		u.layer.ClearSelected()
		u.unit.SetOptions(nil)
		u.unit.ClearSelected()
	}
}

// fillUnits offers the units of the chosen layer.
func (u *unitPicker) fillUnits() {
	l := u.chosenLayer()
	if l < 1 {
		return
	}
	var names []string
	for j := range u.sizes[l] {
		if l == len(u.sizes)-1 && j < len(u.classes) {
			names = append(names, fmt.Sprintf("%d: %s", j, u.classes[j]))
		} else {
			names = append(names, fmt.Sprintf("Unit %d", j))
		}
	}
	u.unit.SetOptions(names)
	u.unit.SetSelectedIndex(0)
}

// syncSnapshots offers the snapshots of a training run for comparison.
func (u *unitPicker) syncSnapshots(snaps []model.Snapshot) {
	var epochs []int
	for _, s := range snaps {
		epochs = append(epochs, s.Epoch)
	}
	if slices.Equal(epochs, u.snapshots) {
		return
	}
	u.snapshots = epochs
	u.offer(u.compare.Selected)
}

// setOther offers the model file named name for comparison and chooses it,
// or withdraws the offer when name is "".
func (u *unitPicker) setOther(name string) {
	u.other = name
	u.offer(modelPrefix + name)
}

// offer sets the comparisons offered, choosing chosen if it is one of them
// and nothing otherwise.
func (u *unitPicker) offer(chosen string) {
	options := []string{noComparison}
	for _, e := range u.snapshots {
		options = append(options, snapshotPrefix+strconv.Itoa(e))
	}
	if u.other != "" {
		options = append(options, modelPrefix+u.other)
	}
	options = append(options, modelFile)
	u.compare.SetOptions(options)
	if !slices.Contains(options, chosen) || chosen == modelFile {
		chosen = noComparison
	}
	u.compare.SetSelected(chosen)
}

// chosenLayer returns the model's index of the chosen layer, or -1.
func (u *unitPicker) chosenLayer() int {
	i := u.layer.SelectedIndex()
	if i < 0 {
		return -1
	}
	return i + 1
}

func (v *App) newLayer2View() *view {
	v.layer2Unit = newUnitPicker(func() {
		if w := v.currentView(); w != nil && w.name == "Layer 2" {
			v.redraw(w)
		}
	}, v.pickComparedModel)
	u := v.layer2Unit
	tools := container.NewHBox(widget.NewLabel("Layer"), wide(u.layer, 150), widget.NewLabel("unit"), wide(u.unit, 180),
		widget.NewLabel("compare with"), u.compare)
	w := newView("Layer 2", layer2About, tools, nil)
	w.render = func(s views.State) views.Rendering { return views.Layer2(s, s.Layer2) }
	return w
}

func (u *unitPicker) choice() views.Unit {
	c := views.Unit{Layer: u.chosenLayer(), Unit: u.unit.SelectedIndex(), Compare: -1}
	chosen := u.compare.Selected
	switch {
	case strings.HasPrefix(chosen, snapshotPrefix):
		c.Compare = u.compare.SelectedIndex() - 1
	case u.other != "" && chosen == modelPrefix+u.other:
		c.Model = true
	}
	return c
}

// wide returns o at least width wide, so a choice shows its text whole.
func wide(o fyne.CanvasObject, width float32) fyne.CanvasObject {
	return container.NewGridWrap(fyne.NewSize(max(width, o.MinSize().Width), o.MinSize().Height), o)
}

// pickComparedModel shows a file dialog for a model whose units the Layer 2
// view compares with those of the network on screen.
func (v *App) pickComparedModel() {
	v.chooseOpenPath(func(path string) {
		go func() {
			net, err := readModel(path)
			v.do(func() {
				if err == nil && net.Inputs() != v.net.Inputs() {
					err = fmt.Errorf("%s has %d inputs and the network on screen %d, so their units cannot be compared",
						filepath.Base(path), net.Inputs(), v.net.Inputs())
				}
				if err != nil {
					dialog.ShowError(fmt.Errorf("could not compare with the model: %w", err), v.win)
					return
				}
				v.otherNet = net
				v.layer2Unit.setOther(filepath.Base(path))
			})
		}()
	})
}
