package ui

import (
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"visage/model"
	"visage/ui/views"
)

const saliencyAbout = "Which pixels of this face moved the chosen output most. The gradient is exact but " +
	"noisy; SmoothGrad averages it over noisy copies; Integrated Gradients adds it up on the way from a black " +
	"image, and its parts sum to the change of the output; occlusion hides squares of the face and measures the drop."

// predictedClass is the first class choice: whichever the network ranks
// first for the face.
const predictedClass = "the predicted class"

func (v *App) newSaliencyView() *view {
	changed := func(string) {
		if w := v.currentView(); w != nil && w.name == "Saliency" {
			v.redraw(w)
		}
	}
	v.method = widget.NewSelect(views.Methods, changed)
	v.method.SetSelected(views.MethodGradient)
	v.target = widget.NewSelect([]string{predictedClass}, changed)
	v.target.SetSelected(predictedClass)
	tools := container.NewHBox(widget.NewLabel("Method"), wide(v.method, 200), widget.NewLabel("for"), wide(v.target, 220))
	return newView("Saliency", saliencyAbout, tools, views.Saliency)
}

// syncTargets offers the output classes of net in the Saliency view.
func (v *App) attribution() views.Attribution {
	return views.Attribution{Method: v.method.Selected, Class: v.target.SelectedIndex() - 1}
}

func (v *App) syncTargets(net *model.Network) {
	options := append([]string{predictedClass}, net.Classes...)
	if len(options) == len(v.target.Options) {
		same := true
		for i := range options {
			same = same && options[i] == v.target.Options[i]
		}
		if same {
			return
		}
	}
	v.target.SetOptions(options)
	v.target.SetSelected(predictedClass)
}
