package ui

import (
	"fmt"
	"image"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"visage/faceio"
	"visage/model"
)

// thumbnailSize is the size of a face in the dataset panel, half of an ORL
// image.
var thumbnailSize = fyne.NewSize(46, 56)

// setDataset shows the faces of data, loaded from src, and starts from an
// untrained network for them. On error nothing changes.
func (v *App) setDataset(data *faceio.Dataset, src source) error {
	// The untrained network follows the settings on screen, so the layer-1
	// panel matches what Train will build, unless they are invalid.
	v.network.setClasses(data.Classes)
	d, err := v.network.read(v.hidden.Text, "1")
	if err != nil {
		d = defaultDesign()
	}
	net, _, err := buildNetwork(data, d, d.opt.Seed)
	if err != nil {
		// Settings that cannot make a network for this data, such as a
		// saved hidden layer too large, must not keep the data out.
		d = defaultDesign()
		net, _, err = buildNetwork(data, d, d.opt.Seed)
	}
	if err != nil {
		return fmt.Errorf("%s cannot be used: %w", src.name, err)
	}
	v.data, v.source = data, src
	v.progress.SetValue(0)
	train, _ := model.Split(data.Labels(), validationFraction, 1)
	epochs := model.AutoEpochs(len(train), model.DefaultBatchSize)
	v.epochs.SetText(fmt.Sprint(epochs))
	v.faces.RemoveAll()
	v.faceButtons = nil
	v.faces.Add(summary(data))
	for class, person := range data.Classes {
		v.faces.Add(v.personRow(class, person))
	}
	// Results of drops and charts started for the previous data must not
	// reach the screen: their inputs may not fit the new network.
	v.clearSelection()
	v.history, v.snapshots, v.validation = nil, nil, nil
	v.showNetwork(net)
	p := data.Pipeline
	v.status.SetText(fmt.Sprintf("%s: %d images of %d classes on a %d×%d grid. The network is untrained: "+
		"press Train. Epochs set to %d for %d training images.",
		src.name, len(data.Faces), len(data.Classes), p.Width, p.Height, epochs, len(train)))
	return nil
}

// summary says what a load found, and lists what it skipped and warned
// about so a user can fix the files.
func summary(data *faceio.Dataset) fyne.CanvasObject {
	text := fmt.Sprintf("%d images of %d classes loaded.", len(data.Faces), len(data.Classes))
	box := container.NewVBox(widget.NewLabel(text))
	if len(data.Skipped) > 0 {
		var lines []string
		for _, s := range data.Skipped {
			lines = append(lines, fmt.Sprintf("%s: %v", s.Path, s.Err))
		}
		box.Add(detailList(fmt.Sprintf("%d files skipped", len(data.Skipped)), lines))
	}
	if len(data.Warnings) > 0 {
		var lines []string
		for _, w := range data.Warnings {
			lines = append(lines, w.Path+": "+w.Message)
		}
		box.Add(detailList(fmt.Sprintf("%d warnings", len(data.Warnings)), lines))
	}
	return box
}

// maxDetailLines is the number of lines a detail list shows, so thousands
// of skipped files do not make a label too tall to lay out.
const maxDetailLines = 200

// detailList is a closed accordion titled title that shows lines.
func detailList(title string, lines []string) fyne.CanvasObject {
	if len(lines) > maxDetailLines {
		rest := len(lines) - maxDetailLines
		lines = append(lines[:maxDetailLines], fmt.Sprintf("… and %d more", rest))
	}
	label := widget.NewLabel(strings.Join(lines, "\n"))
	label.Wrapping = fyne.TextWrapWord
	return widget.NewAccordion(widget.NewAccordionItem(title, label))
}

// maxThumbnails is the number of faces shown per person, so a folder of
// thousands of photos does not fill the window with widgets.
const maxThumbnails = 12

func (v *App) personRow(class int, person string) fyne.CanvasObject {
	var thumbs []fyne.CanvasObject
	count := 0
	for i := range v.data.Faces {
		face := &v.data.Faces[i]
		if face.Label != class {
			continue
		}
		count++
		if count <= maxThumbnails {
			t := newThumbnail(face.Thumbnail, func() { v.selectFace(face) })
			v.faceButtons = append(v.faceButtons, t)
			thumbs = append(thumbs, t)
		}
	}
	title := fmt.Sprintf("%s (%d)", person, count)
	if count > maxThumbnails {
		title = fmt.Sprintf("%s (%d, the first %d shown)", person, count, maxThumbnails)
	}
	return container.NewVBox(widget.NewLabel(title), container.NewGridWrap(thumbnailSize, thumbs...))
}

// thumbnail is a face that selects itself when tapped.
type thumbnail struct {
	widget.BaseWidget
	image *canvas.Image
	onTap func()
}

func newThumbnail(img image.Image, onTap func()) *thumbnail {
	t := &thumbnail{image: canvas.NewImageFromImage(img), onTap: onTap}
	t.image.FillMode = canvas.ImageFillContain
	t.ExtendBaseWidget(t)
	return t
}

func (t *thumbnail) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(t.image)
}

func (t *thumbnail) Tapped(*fyne.PointEvent) { t.onTap() }

func (t *thumbnail) MinSize() fyne.Size { return thumbnailSize }
