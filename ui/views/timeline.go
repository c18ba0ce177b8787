package views

import (
	"fmt"
	"image"
	"io"
	"time"

	"visage/model"
	"visage/viz"
)

func Timeline(s State) Rendering {
	if len(s.Snapshots) == 0 {
		return Rendering{Image: viz.EmptyImage(640, 320, s.Scale,
			"Press Train: the weights are kept as they change, to replay here.")}
	}
	i := min(max(s.Frame, 0), len(s.Snapshots)-1)
	montage := snapshotMontage(s.Net, s.Snapshots[i], s.Aspect*0.6, s.Scale)
	epochs, change := unitChanges(s.Snapshots)
	r := Rendering{Image: montage}
	if len(epochs) > 0 {
		if p, err := viz.UnitChangePlot(epochs, change); err == nil {
			r.Plot = p
			width := max(pixelsAt(400, s.Scale), montage.Bounds().Dx()*2/3)
			height := max(pixelsAt(300, s.Scale), montage.Bounds().Dy())
			r.Image = sideBySide(montage, viz.RenderPlotPixels(p, width, height, s.Scale))
		}
	}
	r.CSV = func(w io.Writer) error {
		header := []string{"epoch"}
		for j := range change[0] {
			header = append(header, fmt.Sprintf("unit %d", j))
		}
		rows := make([][]float64, len(epochs))
		for t := range rows {
			rows[t] = append([]float64{float64(epochs[t])}, change[t]...)
		}
		return viz.WriteCSV(w, header, rows)
	}
	if len(epochs) == 0 {
		r.CSV = nil
	}
	return r
}

// snapshotMontage draws the layer-1 weights of a snapshot of net for an
// area of the given width over height, at the given pixel scale.
func snapshotMontage(net *model.Network, snap model.Snapshot, aspect, scale float64) image.Image {
	old := net.Clone()
	old.Layers = snap.Layers
	return Layer1(old, false, fmt.Sprintf("Layer 1 at epoch %d", snap.Epoch), aspect, scale).Image
}

// unitChanges returns, for each kept epoch after the first, how far each
// layer-1 unit moved since the kept epoch before it.
func unitChanges(snaps []model.Snapshot) (epochs []int, change [][]float64) {
	for t := 1; t < len(snaps); t++ {
		epochs = append(epochs, snaps[t].Epoch)
		change = append(change, model.UnitChange(snaps[t-1].Layers, snaps[t].Layers, 0))
	}
	return epochs, change
}

// TimelineFrames draws the layer-1 montage of every snapshot, for a GIF.
func TimelineFrames(net *model.Network, snaps []model.Snapshot) []image.Image {
	frames := make([]image.Image, len(snaps))
	for i, s := range snaps {
		frames[i] = snapshotMontage(net, s, DefaultAspect, 1)
	}
	return frames
}

// GIFDelay is the time each snapshot is shown in an exported GIF.
const GIFDelay = 200 * time.Millisecond
