package ui

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"visage/assets"
	"visage/faceio"
	"visage/model"
)

// source is a dataset the user can open: its name for messages, the noun
// for one of its classes, and a function that loads it.
type source struct {
	name string
	noun string // "person" for faces, "class" otherwise
	load func(ctx context.Context, opt faceio.OpenOptions) (*faceio.Dataset, error)
}

// builtinFaces is the ORL subset embedded in the binary.
func builtinFaces() source {
	return source{name: "Built-in faces", noun: "person",
		load: func(ctx context.Context, opt faceio.OpenOptions) (*faceio.Dataset, error) {
			def := faceio.DefaultPipeline()
			if opt.Pipeline.Width == 0 {
				opt.Pipeline.Width = def.Width
			}
			if opt.Pipeline.Height == 0 {
				opt.Pipeline.Height = def.Height
			}
			return faceio.Load(ctx, assets.Faces(), opt.LoadOptions)
		}}
}

// builtinDigits is the Digits 0 vs 1 set embedded in the binary.
func builtinDigits() source {
	return source{name: "Digits 0 vs 1", noun: "class",
		load: func(ctx context.Context, opt faceio.OpenOptions) (*faceio.Dataset, error) {
			images, labels := assets.Digits()
			arrays := faceio.ArrayOptions{Pipeline: opt.Pipeline, Order: opt.Order, Progress: opt.Progress}
			return faceio.ReadIDX(ctx, images, labels, "Digits 0 vs 1", arrays)
		}}
}

// pathSource is a folder, an .npz, an .npy or an IDX file on disk.
func pathSource(path string) source {
	return source{name: filepath.Base(path), noun: "class",
		load: func(ctx context.Context, opt faceio.OpenOptions) (*faceio.Dataset, error) {
			return faceio.OpenDataset(ctx, path, opt)
		}}
}

// inputSettings are the preprocessing controls: grid size, crop, and
// equalisation. They apply when a dataset is opened or reloaded.
type inputSettings struct {
	grid     *widget.Entry
	crop     *widget.Select
	equalize *widget.Check
	form     *widget.Form
}

var cropNames = map[string]faceio.Crop{"Centre": faceio.CropCenter, "Face": faceio.CropFace}

func newInputSettings(apply func()) *inputSettings {
	s := &inputSettings{
		grid:     widget.NewEntry(),
		crop:     widget.NewSelect([]string{"Centre", "Face"}, nil),
		equalize: widget.NewCheck("Equalise", nil),
	}
	s.grid.SetPlaceHolder("own size")
	s.crop.SetSelected("Centre")
	s.form = widget.NewForm(
		widget.NewFormItem("Grid", s.grid),
		widget.NewFormItem("Crop", s.crop),
		widget.NewFormItem("", s.equalize),
	)
	s.form.SubmitText = "Reload"
	s.form.OnSubmit = apply
	return s
}

// pipeline returns the settings as a pipeline, with a zero Width and
// Height when the grid is left for the dataset to choose.
func (s *inputSettings) pipeline() (faceio.Pipeline, error) {
	p := faceio.Pipeline{Order: faceio.RowMajor, Crop: cropNames[s.crop.Selected], Equalize: s.equalize.Checked}
	text := strings.TrimSpace(s.grid.Text)
	if text == "" {
		return p, nil
	}
	w, h, ok := strings.Cut(strings.ReplaceAll(text, "×", "x"), "x")
	width, errW := strconv.Atoi(strings.TrimSpace(w))
	height, errH := strconv.Atoi(strings.TrimSpace(h))
	if !ok || errW != nil || errH != nil || width <= 0 || height <= 0 {
		return p, fmt.Errorf("invalid grid %q: enter width × height in cells, such as 23x28, "+
			"or leave it empty for the dataset's own size", text)
	}
	p.Width, p.Height = width, height
	return p, nil
}

// checkNetworkSize returns an error when a grid set in p, with the hidden
// layers in the entry text, makes a network too large to train, so the
// data is not loaded in vain. An unset grid or invalid text is checked
// later, when the network is built.
func checkNetworkSize(p faceio.Pipeline, hiddenText string) error {
	hidden, err := model.ParseSizes(hiddenText)
	if err != nil || p.Width == 0 || p.Height == 0 {
		return nil
	}
	sizes := append(append([]int{p.Inputs()}, hidden...), 2)
	return model.CheckSizes(sizes)
}

// progressInterval is the shortest time between two progress updates of a
// load.
const progressInterval = 100 * time.Millisecond

// open loads src on another goroutine, showing progress with a Cancel
// button. The dataset on screen stays until the new one has loaded, and
// stays for good if the load fails or is cancelled.
func (v *App) open(src source) {
	if v.cancel != nil {
		dialog.ShowInformation("Training is running",
			"Stop training before opening another dataset.", v.win)
		return
	}
	p, err := v.settings.pipeline()
	if err != nil {
		dialog.ShowError(err, v.win)
		return
	}
	if err := checkNetworkSize(p, v.hidden.Text); err != nil {
		dialog.ShowError(err, v.win)
		return
	}
	if v.loading != nil {
		v.loading()
	}
	ctx, cancel := context.WithCancel(context.Background())
	v.loading = cancel
	v.loadGen++
	gen := v.loadGen
	bar := widget.NewProgressBar()
	label := widget.NewLabel("Reading " + src.name + " …")
	d := dialog.NewCustomWithoutButtons("Opening "+src.name, container.NewVBox(label, bar), v.win)
	d.SetButtons([]fyne.CanvasObject{widget.NewButton("Cancel", cancel)})
	d.Show()

	opt := faceio.OpenOptions{LoadOptions: faceio.LoadOptions{
		Pipeline: p,
		Detector: v.detector,
		Progress: v.throttledProgress(bar, label),
	}}
	go func() {
		data, err := src.load(ctx, opt)
		v.do(func() {
			d.Hide()
			if gen != v.loadGen {
				return // a later open replaced this one
			}
			v.loading = nil
			v.opened(src, data, err)
		})
	}()
}

// throttledProgress returns a progress callback that updates bar and label
// at most every progressInterval, and at the end.
func (v *App) throttledProgress(bar *widget.ProgressBar, label *widget.Label) func(done, total int) {
	var mu sync.Mutex
	var last time.Time
	return func(done, total int) {
		mu.Lock()
		defer mu.Unlock()
		if time.Since(last) < progressInterval && done < total {
			return
		}
		last = time.Now()
		v.do(func() {
			bar.SetValue(float64(done) / float64(max(total, 1)))
			label.SetText(fmt.Sprintf("Read %d of %d images", done, total))
		})
	}
}

// opened shows a loaded dataset, or why loading failed.
func (v *App) opened(src source, data *faceio.Dataset, err error) {
	switch {
	case errors.Is(err, context.Canceled):
		v.status.SetText("Opening " + src.name + " was cancelled. The previous data is still loaded.")
		return
	case err != nil:
		dialog.ShowError(fmt.Errorf("could not open %s: %w", src.name, err), v.win)
		return
	}
	if err := v.setDataset(data, src); err != nil {
		dialog.ShowError(err, v.win)
	}
}

// openFolder shows a folder dialog and opens the folder chosen, which has
// one subfolder per person.
func (v *App) openFolder() {
	d := dialog.NewFolderOpen(func(dir fyne.ListableURI, err error) {
		if err != nil {
			dialog.ShowError(err, v.win)
			return
		}
		if dir != nil {
			v.rememberFolder(dir)
			v.open(pathSource(dir.Path()))
		}
	}, v.win)
	v.showInLastFolder(d)
}

// openFile shows a file dialog and opens the file chosen: an .npz, an
// X.npy or an MNIST IDX images file.
func (v *App) openFile() {
	v.chooseOpenPath(func(path string) { v.open(pathSource(path)) })
}
