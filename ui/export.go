package ui

import (
	"fmt"
	"path/filepath"

	"fyne.io/fyne/v2/dialog"

	"visage/ui/views"
)

// exportView prompts for a file to write the view on screen to. The file name's
// extension chooses the format: .png for the picture, .svg for a chart
// drawn with gonum/plot, .csv for the numbers behind it.
func (v *App) exportView() {
	w := v.currentView()
	if w == nil || w.shown.Image == nil {
		dialog.ShowInformation("Nothing to export", "This view has not been drawn yet.", v.win)
		return
	}
	r, name := w.shown, w.name
	v.chooseSavePath("Export the "+name+" view as .png, .svg or .csv", fileName(name)+".png", func(path string) {
		path, err := views.Write(path, r, name)
		if err != nil {
			dialog.ShowError(err, v.win)
			return
		}
		v.status.SetText("Exported the " + name + " view to " + path + ".")
	})
}

// exportGIF prompts for a file and writes the layer-1 montage of every
// kept snapshot as an animated GIF.
func (v *App) exportGIF() {
	if len(v.snapshots) == 0 {
		dialog.ShowInformation("No timeline yet", "Train a network first: its weights are kept as they change.", v.win)
		return
	}
	net, snaps := v.net, v.snapshots
	v.chooseSavePath("Export GIF", "layer-1-timeline.gif", func(path string) {
		v.status.SetText(fmt.Sprintf("Drawing %d frames for %s …", len(snaps), filepath.Base(path)))
		go func() {
			err := views.WriteGIF(path, views.TimelineFrames(net, snaps))
			v.do(func() {
				if err != nil {
					dialog.ShowError(err, v.win)
					return
				}
				v.status.SetText(fmt.Sprintf("Saved %d frames of the timeline to %s.", len(snaps), path))
			})
		}()
	})
}
