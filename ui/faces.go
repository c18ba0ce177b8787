package ui

import (
	"fmt"
	"image"
	"io/fs"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
	"gonum.org/v1/gonum/mat"

	"visage/faceio"
	"visage/model"
)

// thumbnailSize is the size of a face in the dataset panel, half of an ORL
// image.
var thumbnailSize = fyne.NewSize(46, 56)

// load reads the dataset in fsys, shows its faces and starts from an
// untrained network for it.
func (v *App) load(fsys fs.FS, name string) error {
	data, err := faceio.LoadDir(fsys, faceio.DefaultPipeline())
	if err != nil {
		return fmt.Errorf("load %s: %w", name, err)
	}
	net, err := newNetwork(data, model.DefaultHidden)
	if err != nil {
		return err
	}
	v.data = data
	all := model.Data{
		X: mat.NewDense(len(data.Faces), data.Pipeline.Inputs(), data.Inputs()),
		Y: data.Labels(),
	}
	v.trainSet, v.validation = model.SplitData(all, validationFraction, 1)
	v.epochs.SetText(fmt.Sprint(model.AutoEpochs(v.trainSet.Len(), model.DefaultBatchSize)))
	v.faces.RemoveAll()
	v.faceButtons = nil
	for class, person := range data.Classes {
		v.faces.Add(v.personRow(class, person))
	}
	if len(data.Skipped) > 0 {
		v.faces.Add(skippedList(data.Skipped))
	}
	v.showNetwork(net)
	v.status.SetText(fmt.Sprintf("%s: %d faces of %d people. The network is untrained: press Train.",
		name, len(data.Faces), len(data.Classes)))
	return nil
}

// newNetwork returns an untrained softmax network over the people of data.
func newNetwork(data *faceio.Dataset, hidden []int) (*model.Network, error) {
	p := data.Pipeline
	return model.New(model.Config{
		Grid:          model.Grid{Width: p.Width, Height: p.Height, Order: model.Order(p.Order)},
		Hidden:        hidden,
		Classes:       data.Classes,
		Seed:          1,
		Preprocessing: p.Settings(),
	})
}

func (v *App) personRow(class int, person string) fyne.CanvasObject {
	var thumbs []fyne.CanvasObject
	for i := range v.data.Faces {
		face := &v.data.Faces[i]
		if face.Label == class {
			t := newThumbnail(face.Thumbnail, func() { v.selectFace(face) })
			v.faceButtons = append(v.faceButtons, t)
			thumbs = append(thumbs, t)
		}
	}
	title := widget.NewLabel(fmt.Sprintf("%s (%d)", person, len(thumbs)))
	return container.NewVBox(title, container.NewGridWrap(thumbnailSize, thumbs...))
}

func skippedList(skipped []faceio.Skipped) fyne.CanvasObject {
	text := fmt.Sprintf("Skipped %d files:", len(skipped))
	for _, s := range skipped {
		text += fmt.Sprintf("\n%s: %v", s.Path, s.Err)
	}
	label := widget.NewLabel(text)
	label.Wrapping = fyne.TextWrapWord
	return label
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
