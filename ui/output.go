package ui

import (
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
	title string
	input []float64 // the row the network sees
}

func (v *App) selectFace(face *faceio.Face) {
	v.selected = &selection{title: face.Path, input: face.Input}
	setImage(v.photo, face.Thumbnail)
	setImage(v.grid, viz.GridImage(face.Input, layoutOf(v.net.Grid), 8))
	v.caption.SetText(fmt.Sprintf("%s: the face on the left, and on the right the %d×%d grid the network sees.",
		face.Path, v.net.Grid.Width, v.net.Grid.Height))
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
		Title: "Probability of each person for " + title,
	})
	if err != nil {
		return viz.EmptyImage(480, 320, err.Error())
	}
	return chart
}

// dropped classifies the first dropped file on another goroutine.
func (v *App) dropped(_ fyne.Position, uris []fyne.URI) {
	if len(uris) == 0 {
		return
	}
	path := uris[0].Path()
	net := v.net
	v.caption.SetText("Reading " + filepath.Base(path) + " …")
	go func() {
		photo, input, err := preparePhoto(net, path)
		v.do(func() {
			if err != nil {
				v.caption.SetText("Could not read " + filepath.Base(path) + ".")
				dialog.ShowError(err, v.win)
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
	v.selected = &selection{title: name, input: input}
	setImage(v.photo, photo)
	setImage(v.grid, viz.GridImage(input, layoutOf(v.net.Grid), 8))
	text := fmt.Sprintf("%s: the photo, centre-cropped, and the %d×%d grid the network sees.",
		name, v.net.Grid.Width, v.net.Grid.Height)
	if dropped > 1 {
		text += fmt.Sprintf(" %d files were dropped; this is the first.", dropped)
	}
	v.caption.SetText(text)
	v.refreshOutput()
}
