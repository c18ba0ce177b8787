package ui

import (
	"fmt"

	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"visage/ui/views"
)

const timelineAbout = "The layer-1 weights as they were at the epochs kept during the last training run. " +
	"Drag the slider to replay how the templates formed; the plot shows how far each unit's weights moved " +
	"between two kept epochs (thin lines) and their mean (thick)."

// timelineBytes bounds the memory of the weights kept for the timeline.
const timelineBytes = 16 << 20

func (v *App) newTimelineView() *view {
	v.frame = widget.NewSlider(0, 0)
	v.frame.Step = 1
	v.frameLabel = widget.NewLabel("No run yet")
	v.frame.OnChanged = func(float64) {
		v.labelFrame()
		if w := v.currentView(); w != nil && w.name == "Timeline" {
			v.redraw(w)
		}
	}
	gif := widget.NewButton("Export GIF…", v.exportGIF)
	tools := container.NewBorder(nil, nil, v.frameLabel, gif, v.frame)
	return newView("Timeline", timelineAbout, tools, views.Timeline)
}

// syncFrames sets the slider's range to the snapshots kept, following the
// newest one when the slider was at the end.
func (v *App) syncFrames() {
	last := float64(max(len(v.snapshots)-1, 0))
	atEnd := v.frame.Value >= v.frame.Max
	v.frame.Max = last
	if atEnd || v.frame.Value > last {
		v.frame.Value = last
	}
	v.frame.Refresh()
	v.labelFrame()
}

// labelFrame names the epoch of the snapshot the slider is at.
func (v *App) labelFrame() {
	snaps := v.snapshots
	if len(snaps) == 0 {
		v.frameLabel.SetText("No run yet")
		return
	}
	i := min(int(v.frame.Value), len(snaps)-1)
	v.frameLabel.SetText(fmt.Sprintf("Epoch %d (%d of %d kept)", snaps[i].Epoch, i+1, len(snaps)))
}
