package ui

import "visage/ui/views"

const confusionAbout = "Rows are the true person, columns the network's choice, counted on the faces held out " +
	"from training (or on all faces when none were). The curves show, for each output, how many of the person's " +
	"faces pass a threshold (true positives) against how many others do (false positives) as the threshold moves."

func (v *App) newConfusionView() *view {
	return newView("Confusion / ROC", confusionAbout, nil, views.Confusion)
}
