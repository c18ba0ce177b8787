package ui

import (
	"errors"
	"fmt"
	"image"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"

	"visage/faceio"
	"visage/model"
	"visage/viz"
)

// selection is the input whose output the chart shows.
type selection struct {
	title   string
	input   []float64 // the row the network sees
	caption string    // the text under the photo
}

// promptText is the caption before anything is selected.
const promptText = "Click a face, or drop a photo (JPEG, PNG, GIF, BMP, TIFF, WebP or PGM) on the window."

func (v *App) selectFace(face *faceio.Face) {
	caption := fmt.Sprintf("%s: the face on the left, and on the right the %d×%d grid the network sees.",
		face.Path, v.net.Grid.Width, v.net.Grid.Height)
	v.show(&selection{title: face.Path, input: face.Input, caption: caption}, face.Thumbnail)
}

// show makes sel the selection, with photo as its picture.
func (v *App) show(sel *selection, photo image.Image) {
	v.selected = sel
	setImage(v.photo, photo)
	setImage(v.grid, viz.GridImage(sel.input, layoutOf(v.net.Grid), 8))
	v.caption.SetText(sel.caption)
	v.refreshOutput()
}

// refreshOutput redraws the chart for the selection with the network on
// screen. The chart is rendered on another goroutine, and a result that
// arrives after a newer request is dropped.
func (v *App) refreshOutput() {
	if v.selected == nil {
		setImage(v.chart, viz.EmptyImage(480, 320, "Click a face or drop a photo to see the network's output"))
		return
	}
	v.outputGen++
	gen, net, sel := v.outputGen, v.net, v.selected
	go func() {
		scores := net.Rank(sel.input)
		chart := renderChart(scores, sel.title)
		v.do(func() {
			if gen == v.outputGen {
				setImage(v.chart, chart)
				v.chartScores, v.chartNet = scores, net
			}
		})
	}()
}

func renderChart(scores []model.Score, title string) image.Image {
	bars := make([]viz.Bar, len(scores))
	for i, s := range scores {
		bars[i] = viz.Bar{Label: s.Label, Probability: s.Probability, Logit: s.Logit}
	}
	chart, err := viz.ProbabilityChart(bars, viz.ChartOptions{
		Highlight: 0,
		Title:     "Probability of each person for " + title,
	})
	if err != nil {
		return viz.EmptyImage(480, 320, err.Error())
	}
	return chart
}

// dropped classifies the first dropped file on another goroutine. When
// several drops overlap, only the last one is shown.
func (v *App) dropped(_ fyne.Position, uris []fyne.URI) {
	if len(uris) == 0 {
		return
	}
	path := uris[0].Path()
	net := v.net
	v.dropGen++
	gen := v.dropGen
	v.caption.SetText("Reading " + filepath.Base(path) + " …")
	go func() {
		photo, input, err := preparePhoto(net, path)
		v.do(func() {
			if gen != v.dropGen {
				return // a later drop replaced this one
			}
			if err != nil {
				v.restoreCaption()
				dialog.ShowError(readError(path, err), v.win)
				return
			}
			v.showPhoto(filepath.Base(path), photo, input, len(uris))
		})
	}()
}

// preparePhoto decodes the photo at path and turns it into an input row the
// way the training faces of net were.
func preparePhoto(net *model.Network, path string) (image.Image, []float64, error) {
	g := net.Grid
	p, err := faceio.NewPipeline(g.Width, g.Height, string(g.Order), net.Preprocessing)
	if err != nil {
		return nil, nil, err
	}
	img, err := faceio.DecodeFile(path)
	if err != nil {
		return nil, nil, err
	}
	return img, p.Apply(img), nil
}

func (v *App) showPhoto(name string, photo image.Image, input []float64, dropped int) {
	text := fmt.Sprintf("%s: the photo, and the %d×%d grid the network sees: its centre, cropped to the grid's shape and averaged down. "+
		"The network can only choose among the %d people it was trained on, "+
		"so the probabilities add up to 1 even for a stranger.",
		name, v.net.Grid.Width, v.net.Grid.Height, len(v.net.Classes))
	if dropped > 1 {
		text += fmt.Sprintf(" %d files were dropped, and this is the first.", dropped)
	}
	v.show(&selection{title: name, input: input, caption: text}, photo)
}

// restoreCaption shows the caption of the selection again after a message.
func (v *App) restoreCaption() {
	if v.selected == nil {
		v.caption.SetText(promptText)
		return
	}
	v.caption.SetText(v.selected.caption)
}

// readError is the message for a photo that could not be read, naming the
// file without repeating the package prefix of the decoder's error.
func readError(path string, err error) error {
	var derr *faceio.DecodeError
	if errors.As(err, &derr) {
		err = derr.Err
	}
	return fmt.Errorf("could not read %s: %w", filepath.Base(path), err)
}
