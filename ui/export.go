package ui

import (
	"fmt"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"

	"visage/ui/views"
)

// exportView shows a save dialog for the view on screen. The file name's
// extension chooses the format: .png for the picture, .svg for a chart
// drawn with gonum/plot, .csv for the numbers behind it.
func (v *App) exportView() {
	w := v.currentView()
	if w == nil || w.shown.Image == nil {
		dialog.ShowInformation("Nothing to export", "This view has not been drawn yet.", v.win)
		return
	}
	r, name := w.shown, w.name
	d := dialog.NewFileSave(func(out fyne.URIWriteCloser, err error) {
		if err != nil {
			dialog.ShowError(err, v.win)
			return
		}
		if out == nil {
			return
		}
		path := out.URI().Path()
		out.Close()
		v.rememberFolder(out.URI())
		path, err = views.Write(path, r, name)
		if err != nil {
			dialog.ShowError(err, v.win)
			return
		}
		v.status.SetText("Exported the " + name + " view to " + path + ".")
	}, v.win)
	d.SetFileName(fileName(name) + ".png")
	d.SetFilter(storage.NewExtensionFileFilter([]string{".png", ".svg", ".csv"}))
	v.showInLastFolder(d)
}

// exportGIF shows a save dialog and writes the layer-1 montage of every
// kept snapshot as an animated GIF.
func (v *App) exportGIF() {
	if len(v.snapshots) == 0 {
		dialog.ShowInformation("No timeline yet", "Train a network first: its weights are kept as they change.", v.win)
		return
	}
	net, snaps := v.net, v.snapshots
	d := dialog.NewFileSave(func(out fyne.URIWriteCloser, err error) {
		if err != nil {
			dialog.ShowError(err, v.win)
			return
		}
		if out == nil {
			return
		}
		path := out.URI().Path()
		out.Close()
		v.rememberFolder(out.URI())
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
	}, v.win)
	d.SetFileName("layer-1-timeline.gif")
	v.showInLastFolder(d)
}
