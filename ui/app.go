// Package ui is the Visage window: the faces of a dataset, training
// controls, the layer-1 weights growing live, and the network's output for a
// chosen face or a dropped photo.
//
// Everything that changes a widget runs on the Fyne UI goroutine. Training,
// decoding and rendering run on their own goroutines and hand finished
// images back through fyne.Do. A refresh always swaps in a new image.Image
// and never changes the one on screen.
package ui

import (
	"context"
	"image"
	"slices"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"visage/assets"
	"visage/faceio"
	"visage/model"
	"visage/viz"
)

// App is the main window and its state. Its fields are read and written
// only on the UI goroutine.
type App struct {
	win        fyne.Window
	fyneApp    fyne.App         // for preferences and the theme
	themeItems []*fyne.MenuItem // the View menu's theme choices

	data *faceio.Dataset
	// net is the network on screen. It is never changed after it is
	// shown, so goroutines may read it: training works on its own copy and
	// publishes clones.
	net     *model.Network
	cancel  context.CancelFunc // stops the training run, or nil when idle
	pauser  *pauser            // pauses the training run
	loading context.CancelFunc // cancels the dataset being opened, or nil
	loadGen int                // counts opens, so only the last one is shown
	source  source             // where the dataset on screen came from

	selected    *selection
	outputGen   int            // counts output refreshes, so a stale one is dropped
	dropGen     int            // counts drops, so only the last one is shown
	chartScores []model.Score  // the scores the chart shows
	chartNet    *model.Network // the network that computed them

	train, stop    *widget.Button
	pause          *widget.Button
	slow           *widget.Check // spread a short run over slowMotion
	network        *networkSettings
	hidden, epochs *widget.Entry
	progress       *widget.ProgressBar
	status         *widget.Label
	layer1         *canvas.Image
	chart          *canvas.Image
	photoBox       *cropBox
	settings       *inputSettings
	detector       *faceio.Detector
	grid           *canvas.Image
	caption        *widget.Label
	faces          *fyne.Container
	faceButtons    []*thumbnail

	// The views, one per tab, and their tools.
	tabs       *container.AppTabs
	views      []*view
	outputView *view
	perUnit    *widget.Check
	layer2Unit *unitPicker
	method     *widget.Select // the Saliency view's attribution method
	target     *widget.Select // the Saliency view's output
	frame      *widget.Slider // the Timeline view's snapshot
	frameLabel *widget.Label
	otherNet   *model.Network // the model the Layer 2 view compares with, or nil

	// The records of the last training run, for the views. The slices are
	// replaced, never changed, so renderings may read them.
	history    []model.Progress
	snapshots  []model.Snapshot
	validation []int // the faces held out, as indices into data.Faces

	compare *comparison // the Compare tab's controls and trained pair

	// do runs a function on the UI goroutine: fyne.Do, or in tests a
	// function that also serialises with the test's own reads.
	do func(func())
	// trainingDone, when set, is called on the UI goroutine after a
	// training run ends, so tests can wait for it.
	trainingDone func()

	// drawnScale is the screen's pixels per point that the placeholders
	// and views were last drawn for.
	drawnScale float64
	// closed is a channel that is closed when the window closes.
	closed chan struct{}
}

// New builds the Visage window in a and shows the built-in faces.
func New(a fyne.App) (*App, error) {
	v, err := newApp(a, fyne.Do)
	if err != nil {
		return nil, err
	}
	go v.watchPixelScale()
	return v, nil
}

// watchPixelScale checks the screen's scale once a second until the
// window closes. A window reports scale 1 until it is shown, and Fyne
// announces no change when the window moves to a screen of another scale.
func (v *App) watchPixelScale() {
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	for {
		select {
		case <-v.closed:
			return
		case <-tick.C:
			v.do(v.followPixelScale)
		}
	}
}

// followPixelScale draws the placeholders, the output chart and the views
// again when the screen's scale differs from the one they were drawn for.
func (v *App) followPixelScale() {
	scale := v.pixelScale()
	if scale == v.drawnScale {
		return
	}
	v.drawnScale = scale
	for _, w := range v.views {
		w.refits = 0
	}
	if v.selected == nil {
		setImage(v.grid, gridPlaceholder(scale))
	}
	v.refreshOutput()
	v.refreshViews()
}

// newApp builds the window, with do as the way background work reaches
// the UI goroutine.
func newApp(a fyne.App, do func(func())) (*App, error) {
	detector, err := faceio.NewDetector(assets.FaceCascade)
	if err != nil {
		return nil, err
	}
	v := &App{win: a.NewWindow("Visage"), fyneApp: a, do: do, detector: detector,
		closed: make(chan struct{})}
	v.win.SetOnClosed(func() { close(v.closed) })
	v.restoreTheme()
	v.build()
	v.restoreSettings()
	src := builtinFaces()
	data, err := v.loadFirstFaces(src)
	if err != nil {
		return nil, err
	}
	if err := v.setDataset(data, src); err != nil {
		return nil, err
	}
	v.restoreEpochs()
	v.win.SetOnDropped(v.dropped)
	v.win.SetMainMenu(v.withShortcuts(v.menu(), a))
	v.win.Resize(fyne.NewSize(1280, 720))
	return v, nil
}

// Window returns the main window.
func (v *App) Window() fyne.Window { return v.win }

func (v *App) build() {
	v.train = widget.NewButton("Train", v.startTraining)
	v.train.Importance = widget.HighImportance
	v.stop = widget.NewButton("Stop", v.stopTraining)
	v.stop.Disable()
	v.pause = widget.NewButton("Pause", v.togglePause)
	v.pause.Disable()
	v.slow = widget.NewCheck("Slow motion", nil)
	v.slow.SetChecked(true)
	v.network = newNetworkSettings()
	v.hidden = widget.NewEntry()
	v.hidden.SetText(model.FormatSizes(model.DefaultHidden))
	v.epochs = widget.NewEntry()
	v.progress = widget.NewProgressBar()
	v.status = widget.NewLabel("")
	v.status.Truncation = fyne.TextTruncateEllipsis

	v.chart = newImage(canvas.ImageScaleSmooth)
	v.photoBox = newCropBox(v.recrop)
	v.settings = newInputSettings(func() { v.open(v.source) })
	v.grid = newImage(canvas.ImageScaleSmooth)
	v.drawnScale = v.pixelScale()
	setImage(v.grid, gridPlaceholder(v.drawnScale))
	v.caption = widget.NewLabel(promptText)
	v.caption.Wrapping = fyne.TextWrapWord
	v.faces = container.NewVBox()

	layer1 := v.newLayer1View()
	v.layer1 = layer1.picture.image
	v.outputView = newView("Output", "", nil, nil)
	v.views = []*view{layer1, v.newLayer2View(), v.outputView, v.newSaliencyView(),
		v.newCurvesView(), v.newConfusionView(), v.newEigenView(), v.newTimelineView()}
	v.views = slices.Insert(v.views, slices.Index(v.views, v.outputView)+1,
		v.newThresholdView(), v.newCompareView())
	for _, w := range v.views {
		w.picture.onResize = func() { v.pictureResized(w) }
	}
	v.win.SetContent(v.layout())
}

func newImage(scale canvas.ImageScale) *canvas.Image {
	img := canvas.NewImageFromImage(viz.EmptyImage(8, 8, 1, ""))
	img.FillMode = canvas.ImageFillContain
	img.ScaleMode = scale
	img.SetMinSize(fyne.NewSize(120, 120))
	return img
}

func (v *App) layout() fyne.CanvasObject {
	entrySize := fyne.NewSize(110, v.hidden.MinSize().Height)
	more := widget.NewButton("More…", func() { v.network.show(v.win) })
	settings := widget.NewForm(
		widget.NewFormItem("Hidden layers", container.NewHBox(container.NewGridWrap(entrySize, v.hidden), more)),
		widget.NewFormItem("Epochs", container.NewHBox(container.NewGridWrap(entrySize, v.epochs), v.slow)),
	)
	controls := container.NewBorder(nil, nil,
		container.NewHBox(v.train, container.NewVBox(v.pause, v.stop)), nil,
		container.NewVBox(v.progress, v.status))
	top := container.NewBorder(nil, nil, settings, nil, controls)

	heading := widget.NewLabelWithStyle("Data", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	openButton := widget.NewButtonWithIcon("Open Folder…", theme.FolderOpenIcon(), v.openFolder)
	dataTop := container.NewBorder(nil, nil, heading, openButton)
	faces := container.NewBorder(container.NewVBox(dataTop, v.settings.form),
		nil, nil, nil, container.NewVScroll(v.faces))
	photos := container.NewGridWithColumns(2, v.photoBox, v.grid)
	output := container.NewHSplit(v.chart, container.NewBorder(nil, v.caption, nil, nil, photos))
	output.SetOffset(0.5)
	v.outputView.content = output

	v.tabs = container.NewAppTabs()
	for _, w := range v.views {
		v.tabs.Append(container.NewTabItem(w.name, w.content))
	}
	v.tabs.OnSelected = v.tabSelected
	body := container.NewHSplit(faces, v.tabs)
	body.SetOffset(0.22)
	return container.NewBorder(container.NewPadded(top), nil, nil, nil, body)
}

func (v *App) menu() *fyne.MainMenu {
	about := fyne.NewMenuItem("About Visage", func() {
		dialog.ShowInformation("About Visage",
			"Visage shows how a small dense neural network learns to recognise faces.\n\n"+
				"The built-in faces are from the ORL face database, taken between 1992 and 1994\n"+
				"at the Olivetti Research Laboratory in Cambridge, UK. The built-in digits are\n"+
				"from the MNIST database of Yann LeCun, Corinna Cortes and Christopher J. C. Burges.\n"+
				"Faces are found with the pigo detector by Endre Simo.", v.win)
	})
	exportItem := fyne.NewMenuItem("Export View (PNG, SVG, CSV)…", v.exportView)
	file := fyne.NewMenu("File",
		fyne.NewMenuItem("Open Folder…", v.openFolder),
		fyne.NewMenuItem("Open Dataset File (.npz, .npy, IDX)…", v.openFile),
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem("Built-in Faces", func() { v.open(builtinFaces()) }),
		fyne.NewMenuItem("Built-in Digits (0 vs 1)", func() { v.open(builtinDigits()) }),
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem("Open Model…", v.openModelDialog),
		fyne.NewMenuItem("Save Model…", v.saveModel),
		fyne.NewMenuItem("Export Weights (.npz)…", v.exportWeights),
		fyne.NewMenuItem("Import Weights (.npz)…", v.importWeights),
		fyne.NewMenuItemSeparator(),
		exportItem,
	)
	explain := fyne.NewMenuItem("Explain…", v.showExplain)
	return fyne.NewMainMenu(file, v.viewMenu(), fyne.NewMenu("Help", explain, about))
}

// gridPlaceholder returns what fills the grid view until something is
// selected, at the given pixel scale.
func gridPlaceholder(scale float64) image.Image {
	return drawnOnce("grid", scale, func() image.Image {
		return viz.EmptyImage(240, 280, scale, "What the network sees")
	})
}

// placeholders holds the images drawnOnce has drawn.
var placeholders sync.Map

// drawnOnce returns the image named name at the given pixel scale, drawn
// by draw the first time it is asked for. Placeholders are drawn once,
// because drawing their text takes milliseconds and every update of a
// training run may show one again.
func drawnOnce(name string, scale float64, draw func() image.Image) image.Image {
	type key struct {
		name  string
		scale float64
	}
	if img, ok := placeholders.Load(key{name, scale}); ok {
		return img.(image.Image)
	}
	img, _ := placeholders.LoadOrStore(key{name, scale}, draw())
	return img.(image.Image)
}

// setImage swaps a new picture into img.
func setImage(img *canvas.Image, pic image.Image) {
	img.Image = pic
	img.Refresh()
}
