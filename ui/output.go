package ui

import (
	"errors"
	"fmt"
	"image"
	"path/filepath"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"

	"visage/faceio"
	"visage/model"
	"visage/ui/views"
	"visage/viz"
)

// selection is the input whose output the chart shows.
type selection struct {
	title   string
	input   []float64 // the row the network sees
	caption string    // the text under the photo

	// photo is the dropped photo the input was cut from, or nil for a face
	// of the dataset.
	photo *droppedPhoto
}

// droppedPhoto is a photo dropped on the window and how the network's
// grid is cut from it.
type droppedPhoto struct {
	image    image.Image
	pipeline faceio.Pipeline
	crop     image.Rectangle   // the crop in use
	choices  []image.Rectangle // crops of the other faces found
}

// promptText is the caption before anything is selected.
const promptText = "Click a face, or drop a photo (JPEG, PNG, GIF, BMP, TIFF, WebP or PGM) on the window."

func (v *App) selectFace(face *faceio.Face) {
	if !v.fitsData(v.net) {
		g := v.net.Grid
		dialog.ShowInformation("The model expects other inputs",
			fmt.Sprintf("The network on screen was trained on a %d×%d grid prepared differently from these faces. "+
				"Drop a photo to classify it, or press Train to train a network on these faces.", g.Width, g.Height), v.win)
		return
	}
	caption := fmt.Sprintf("%s: the image on the left, and on the right the %d×%d grid the network sees.",
		face.Path, v.net.Grid.Width, v.net.Grid.Height)
	v.photoBox.Set(face.Thumbnail, image.Rectangle{}, nil, 1)
	v.show(&selection{title: face.Path, input: face.Input, caption: caption})
}

// show makes sel the selection. It panics if sel's input does not fit the
// network on screen, because callers drop results made for other data.
func (v *App) show(sel *selection) {
	if len(sel.input) != v.net.Inputs() {
		panic(fmt.Sprintf("ui: selection of %d inputs for a network of %d", len(sel.input), v.net.Inputs()))
	}
	v.selected = sel
	setImage(v.grid, viz.GridImage(sel.input, views.LayoutOf(v.net.Grid), 8))
	v.caption.SetText(sel.caption)
	v.refreshOutput()
	v.refreshViews()
	if w := v.currentView(); w != nil && !usesSelection(w.name) {
		v.showTab(v.outputView)
	}
}

// usesSelection reports whether the view of that name draws the selected
// face, so selecting one need not switch to the Output view.
func usesSelection(name string) bool {
	switch name {
	case "Output", "Layer 2", "Saliency", "Threshold", "Compare":
		return true
	}
	return false
}

// chartPrompt returns the chart before anything is selected, at the given
// pixel scale.
func chartPrompt(scale float64) image.Image {
	return drawnOnce("chart", scale, func() image.Image {
		return viz.EmptyImage(480, 320, scale,
			"Click a face or drop a photo to see the network's output")
	})
}

// refreshOutput redraws the chart for the selection with the network on
// screen. The chart is rendered on another goroutine, and a result that
// arrives after a newer request is dropped.
func (v *App) refreshOutput() {
	if v.selected == nil {
		v.outputGen++ // a chart still being drawn is of an earlier face
		setImage(v.chart, chartPrompt(v.pixelScale()))
		v.outputView.shown = views.Rendering{} // nothing to export
		v.chartScores, v.chartNet = nil, nil
		return
	}
	v.outputGen++
	gen, net, sel, noun := v.outputGen, v.net, v.selected, v.source.noun
	scale := v.pixelScale()
	go func() {
		scores := net.Rank(sel.input)
		r := views.Output(net, scores, noun, sel.title, scale)
		v.do(func() {
			if gen == v.outputGen {
				setImage(v.chart, r.Image)
				v.chartScores, v.chartNet = scores, net
				v.outputView.shown = r
			}
		})
	}()
}

// dropped opens a dropped folder or dataset file, or classifies the first
// dropped photo on another goroutine. When several drops overlap, only the
// last one is shown.
func (v *App) dropped(_ fyne.Position, uris []fyne.URI) {
	if len(uris) == 0 {
		return
	}
	path := uris[0].Path()
	if isModelFile(path) {
		v.openModel(path)
		return
	}
	if faceio.IsDataset(path) {
		v.open(pathSource(path))
		return
	}
	net, detector := v.net, v.detector
	v.dropGen++
	gen := v.dropGen
	v.caption.SetText("Reading " + filepath.Base(path) + " …")
	go func() {
		photo, input, faces, err := preparePhoto(net, detector, path)
		v.do(func() {
			if gen != v.dropGen {
				return // a later drop replaced this one
			}
			if err != nil {
				v.restoreCaption()
				dialog.ShowError(readError(path, err), v.win)
				return
			}
			v.showPhoto(filepath.Base(path), photo, input, faces, len(uris))
		})
	}()
}

// preparePhoto decodes the photo at path, finds its faces and cuts the
// crop of the largest one, or the centre when there is none, the way the
// training faces of net were prepared.
func preparePhoto(net *model.Network, detector *faceio.Detector, path string) (
	photo *droppedPhoto, input []float64, faces int, err error) {
	g := net.Grid
	p, err := faceio.NewPipeline(g.Width, g.Height, string(g.Order), net.Preprocessing)
	if err != nil {
		return nil, nil, 0, err
	}
	img, err := faceio.DecodeFile(path)
	if err != nil {
		return nil, nil, 0, err
	}
	photo = &droppedPhoto{image: img, pipeline: p, crop: p.CenterCrop(img.Bounds())}
	var found []faceio.Detection
	if detector != nil {
		found = detector.Detect(img)
	}
	for i, f := range found {
		crop := p.FaceCrop(f.Box, img.Bounds())
		if i == 0 {
			photo.crop = crop
		} else {
			photo.choices = append(photo.choices, crop)
		}
	}
	return photo, p.ApplyRect(img, photo.crop), len(found), nil
}

func (v *App) showPhoto(name string, photo *droppedPhoto, input []float64, faces, dropped int) {
	p := photo.pipeline
	aspect := float64(p.Width) / float64(p.Height)
	v.photoBox.Set(photo.image, photo.crop, slices.Clone(photo.choices), aspect)

	var found string
	switch faces {
	case 0:
		found = "No face was found, so the grid is the photo's centre."
	case 1:
		found = "The box shows the face found; drag it or its corners to change what the network sees."
	default:
		found = fmt.Sprintf("%d faces were found; the largest is used. Tap another outline to use it, "+
			"or drag the box or its corners.", faces)
	}
	text := fmt.Sprintf("%s: %s %s", name, found, closedSetNote(v.net))
	if dropped > 1 {
		text += fmt.Sprintf(" %d files were dropped, and this is the first.", dropped)
	}
	v.show(&selection{title: name, input: input, caption: text, photo: photo})
}

// recrop uses the crop the user moved or resized for the dropped photo on
// screen. The grid is recomputed on another goroutine.
func (v *App) recrop(crop image.Rectangle) {
	sel := v.selected
	if sel == nil || sel.photo == nil {
		return
	}
	photo := *sel.photo
	photo.crop = crop
	v.dropGen++
	gen := v.dropGen
	go func() {
		input := photo.pipeline.ApplyRect(photo.image, crop)
		v.do(func() {
			if gen != v.dropGen {
				return
			}
			next := *sel
			next.input, next.photo = input, &photo
			v.show(&next)
		})
	}()
}

// closedSetNote says what the output probabilities of net mean for a face
// it was not trained on.
func closedSetNote(net *model.Network) string {
	switch net.Output {
	case model.Binary:
		return fmt.Sprintf("The network only answers \"is it %s?\", so p and 1−p add up to 1 "+
			"even for someone else.", net.Classes[0])
	case model.OneVsRest:
		return "Each class has its own sigmoid, so the probabilities need not add up to 1, " +
			"and a stranger can get low ones for every class."
	}
	return fmt.Sprintf("The network can only choose among the %d classes it was trained on, "+
		"so the probabilities add up to 1 even for a stranger.", len(net.Classes))
}

// clearSelection clears the selected face or photo and drops the results
// still being made for it.
func (v *App) clearSelection() {
	v.selected = nil
	v.dropGen++
	v.outputGen++
	v.photoBox.Set(nil, image.Rectangle{}, nil, 1)
	setImage(v.grid, gridPlaceholder(v.pixelScale()))
	v.caption.SetText(promptText)
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
