package ui

import "visage/ui/views"

const eigenAbout = "Eigenfaces are the directions in which these faces differ most, found from the pixels " +
	"alone without names (principal component analysis), with the share of the variation each explains. " +
	"They are the classical baseline for the layer-1 templates on the right, which training shaped to tell " +
	"the people apart."

func (v *App) newEigenView() *view {
	cache := &views.EigenCache{}
	return newView("Eigenfaces", eigenAbout, nil, func(s views.State) views.Rendering {
		return views.Eigenfaces(cache, s)
	})
}
