package ui

import "visage/ui/views"

const curvesAbout = "Loss and accuracy after each epoch, on the faces trained on (solid) and on the faces " +
	"held out (dashed). When the training curve keeps improving and the held-out one does not, the network " +
	"is memorising the training faces instead of learning what tells people apart."

func (v *App) newCurvesView() *view {
	return newView("Training", curvesAbout, nil, views.Curves)
}
