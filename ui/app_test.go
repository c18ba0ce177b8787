package ui

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"visage/faceio"
	"visage/model"
)

// harness runs an App on the headless test driver. The test driver runs
// fyne.Do functions on the calling goroutine, so harness serialises them
// with the test's own access to the App through one mutex.
type harness struct {
	t    *testing.T
	app  *App
	mu   *sync.Mutex
	done chan struct{} // receives when a training run ends
}

// uiMutex is the mutex of every harness. Background work of an App from an
// earlier test may still reach the UI while the next test runs, and Fyne's
// text measurement is shared by all windows, so all Apps take turns.
var uiMutex sync.Mutex

func newHarness(t *testing.T) *harness {
	t.Helper()
	h := newHarnessOn(t, test.NewTempApp(t))
	h.ui(func() { h.app.slow.SetChecked(false) })
	return h
}

// newHarnessOn builds an App in a, which may have held an App before,
// leaving the settings as a's preferences give them.
func newHarnessOn(t *testing.T, a fyne.App) *harness {
	t.Helper()
	h := &harness{t: t, mu: &uiMutex, done: make(chan struct{}, 1)}
	do := func(f func()) {
		h.mu.Lock()
		defer h.mu.Unlock()
		f()
	}
	h.ui(func() {
		v, err := newApp(a, do)
		if err != nil {
			t.Fatal(err)
		}
		h.app = v
		v.trainingDone = func() { h.done <- struct{}{} }
		v.win.Resize(fyne.NewSize(1280, 800))
	})
	return h
}

// ui runs f while no background work touches the App.
func (h *harness) ui(f func()) {
	h.mu.Lock()
	defer h.mu.Unlock()
	f()
}

// waitFor polls cond on the UI side until it holds, failing after a minute.
func (h *harness) waitFor(what string, cond func() bool) {
	h.t.Helper()
	deadline := time.Now().Add(time.Minute)
	for {
		var ok bool
		h.ui(func() { ok = cond() })
		if ok {
			return
		}
		if time.Now().After(deadline) {
			h.t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// showView selects the tab of the view named name and waits until it is
// drawn from the current state.
func (h *harness) showView(name string) *view {
	h.t.Helper()
	var w *view
	h.ui(func() {
		for _, x := range h.app.views {
			if x.name == name {
				w = x
			}
		}
		if w == nil {
			h.t.Fatalf("no view named %q", name)
		}
		h.app.showTab(w)
	})
	h.waitFor("the "+name+" view", func() bool {
		_, refit := w.refit(h.app.pixelScale())
		settled := !refit || w.refits >= maxRefits
		return !w.running && !w.stale && w.shown.Image != nil && settled
	})
	return w
}

func (h *harness) waitTrainingDone() {
	h.t.Helper()
	select {
	case <-h.done:
	case <-time.After(time.Minute):
		h.t.Fatal("timed out waiting for training to end")
	}
}

func chartLabels(v *App) []string {
	var labels []string
	for _, s := range v.chartScores {
		labels = append(labels, s.Label)
	}
	return labels
}

func TestTrainChangesLayer1AndChart(t *testing.T) {
	h := newHarness(t)
	v := h.app
	var before image.Image
	h.showView("Layer 1")
	h.ui(func() {
		before = v.layer1.Image
		v.epochs.SetText("40")
		test.Tap(v.faceButtons[0])
	})
	h.waitFor("the chart of the selected face", func() bool { return v.chartScores != nil })
	h.ui(func() { test.Tap(v.train) })
	h.waitTrainingDone()
	h.waitFor("the chart of the trained network", func() bool { return v.chartNet == v.net })
	h.showView("Layer 1")

	h.ui(func() {
		if v.layer1.Image == before {
			t.Error("layer-1 image is the same object after training")
		} else if sameImage(v.layer1.Image, before) {
			t.Error("layer-1 image shows the same pixels after training")
		}
		want := slices.Clone(v.data.Classes)
		got := chartLabels(v)
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Errorf("chart labels = %q, want the person names %q", got, want)
		}
		if !strings.Contains(v.status.Text, "Epoch 40 of 40") {
			t.Errorf("status = %q, want it to report epoch 40 of 40", v.status.Text)
		}
		if v.progress.Value != 1 {
			t.Errorf("progress = %v, want 1", v.progress.Value)
		}
		if v.train.Disabled() || !v.stop.Disabled() {
			t.Error("after training, Train should be enabled and Stop disabled")
		}
	})
}

func TestStopEndsTraining(t *testing.T) {
	h := newHarness(t)
	v := h.app
	h.ui(func() {
		v.epochs.SetText("1000000")
		test.Tap(v.train)
	})
	h.waitFor("the first progress report", func() bool { return v.progress.Value > 0 })
	h.ui(func() {
		if v.stop.Disabled() {
			t.Error("Stop is disabled while training runs")
		}
		test.Tap(v.stop)
	})
	h.waitTrainingDone()
	h.ui(func() {
		if !strings.HasPrefix(v.status.Text, "Stopped after epoch") {
			t.Errorf("status = %q, want it to say training stopped", v.status.Text)
		}
		if v.train.Disabled() {
			t.Error("Train is disabled after stopping")
		}
	})
}

func TestDropClassifiesPhoto(t *testing.T) {
	h := newHarness(t)
	v := h.app
	path := filepath.Join(t.TempDir(), "portrait.png")
	writeGradientPNG(t, path, 300, 400)

	var before image.Image
	h.ui(func() {
		before = v.chart.Image
		v.dropped(fyne.NewPos(10, 10), []fyne.URI{storage.NewFileURI(path)})
	})
	h.waitFor("the chart of the dropped photo", func() bool {
		return v.selected != nil && v.selected.title == "portrait.png" && v.chartScores != nil
	})
	h.ui(func() {
		if v.chart.Image == before || sameImage(v.chart.Image, before) {
			t.Error("chart did not change after the drop")
		}
		if b := v.photoBox.photo.Bounds(); b.Dx() != 300 || b.Dy() != 400 {
			t.Errorf("photo shown is %v, want the 300×400 dropped photo", b)
		}
		if len(v.selected.input) != v.net.Inputs() {
			t.Errorf("dropped photo became %d inputs, want %d", len(v.selected.input), v.net.Inputs())
		}
		got := chartLabels(v)
		slices.Sort(got)
		if !slices.Equal(got, v.data.Classes) {
			t.Errorf("chart labels = %q, want %q", got, v.data.Classes)
		}
	})
}

func TestDropUnreadableFileShowsError(t *testing.T) {
	h := newHarness(t)
	v := h.app
	path := filepath.Join(t.TempDir(), "notes.jpg")
	if err := os.WriteFile(path, []byte("not a picture"), 0o644); err != nil {
		t.Fatal(err)
	}
	h.ui(func() { v.dropped(fyne.NewPos(0, 0), []fyne.URI{storage.NewFileURI(path)}) })
	h.waitFor("an error dialog", func() bool { return v.win.Canvas().Overlays().Top() != nil })
	h.ui(func() {
		text := overlayText(v.win.Canvas())
		if !strings.Contains(text, "notes.jpg") || !strings.Contains(text, "not a JPEG, PNG, GIF, BMP, TIFF, WebP or PGM/PPM image") {
			t.Errorf("dialog text = %q, want it to name the file and the reason", text)
		}
		if strings.Contains(strings.ToLower(text), "faceio:") {
			t.Errorf("dialog text = %q shows a package prefix", text)
		}
		if v.caption.Text != promptText {
			t.Errorf("caption = %q, want the prompt back", v.caption.Text)
		}
		if v.selected != nil {
			t.Error("a selection was made from an unreadable file")
		}
	})
}

func TestLastDropWins(t *testing.T) {
	h := newHarness(t)
	v := h.app
	dir := t.TempDir()
	slow := filepath.Join(dir, "large.png")
	writeGradientPNG(t, slow, 2000, 2000)
	bad := filepath.Join(dir, "notes.jpg")
	if err := os.WriteFile(bad, []byte("not a picture"), 0o644); err != nil {
		t.Fatal(err)
	}
	h.ui(func() {
		v.dropped(fyne.NewPos(0, 0), []fyne.URI{storage.NewFileURI(slow)})
		v.dropped(fyne.NewPos(0, 0), []fyne.URI{storage.NewFileURI(bad)})
	})
	h.waitFor("the error dialog of the last drop", func() bool { return v.win.Canvas().Overlays().Top() != nil })
	// Give the first, slower drop time to finish decoding.
	time.Sleep(2 * time.Second)
	h.ui(func() {
		if v.selected != nil {
			t.Errorf("selection = %q after the last drop failed, want none", v.selected.title)
		}
	})
}

func TestStopBeforeFirstEpoch(t *testing.T) {
	h := newHarness(t)
	v := h.app
	h.ui(func() {
		test.Tap(v.train)
		test.Tap(v.stop)
	})
	h.waitTrainingDone()
	h.ui(func() {
		if v.status.Text != "Stopped before the first epoch ended." {
			t.Errorf("status = %q", v.status.Text)
		}
	})
}

func TestTooLargeNetworkShowsError(t *testing.T) {
	h := newHarness(t)
	v := h.app
	h.ui(func() {
		v.hidden.SetText("20000,20000")
		test.Tap(v.train)
	})
	h.waitTrainingDone()
	h.ui(func() {
		text := overlayText(v.win.Canvas())
		if !strings.Contains(text, "fewer hidden units") {
			t.Errorf("dialog text = %q, want it to suggest fewer hidden units", text)
		}
		if v.train.Disabled() {
			t.Error("Train is disabled after a failed start")
		}
	})
}

func TestInvalidHiddenSizesShowError(t *testing.T) {
	h := newHarness(t)
	v := h.app
	h.ui(func() {
		v.hidden.SetText("25,abc")
		test.Tap(v.train)
		if v.win.Canvas().Overlays().Top() == nil {
			t.Error("no error dialog for hidden sizes 25,abc")
		}
		if v.cancel != nil {
			t.Error("training started with invalid hidden sizes")
		}
	})
}

func TestNewNetworkMatchesData(t *testing.T) {
	h := newHarness(t)
	h.ui(func() {
		net := h.app.net
		if got, want := net.Classes, h.app.data.Classes; !slices.Equal(got, want) {
			t.Errorf("network classes = %q, want %q", got, want)
		}
		if net.Grid.Cells() != net.Inputs() || net.Output != model.Softmax {
			t.Errorf("network grid %+v, %d inputs, output %s", net.Grid, net.Inputs(), net.Output)
		}
	})
}

// overlayText returns the text of every label in the top overlay of c.
func overlayText(c fyne.Canvas) string {
	var parts []string
	for _, o := range test.LaidOutObjects(c.Overlays().Top()) {
		switch o := o.(type) {
		case *widget.Label:
			parts = append(parts, o.Text)
		case *widget.RichText:
			parts = append(parts, o.String())
		case *canvas.Text:
			parts = append(parts, o.Text)
		}
	}
	return strings.Join(parts, "\n")
}

func writeGradientPNG(t *testing.T, path string, w, h int) {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, color.RGBA{uint8(x), uint8(y), uint8(x + y), 255})
		}
	}
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, img); err != nil {
		t.Fatal(err)
	}
}

func sameImage(a, b image.Image) bool {
	if a.Bounds() != b.Bounds() {
		return false
	}
	r := a.Bounds()
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if a.At(x, y) != b.At(x, y) {
				return false
			}
		}
	}
	return true
}

// waitLoaded waits until no dataset is being opened.
func (h *harness) waitLoaded() {
	h.t.Helper()
	h.waitFor("the dataset to open", func() bool { return h.app.loading == nil })
}

func TestOpenBuiltinDigits(t *testing.T) {
	h := newHarness(t)
	v := h.app
	h.ui(func() { v.open(builtinDigits()) })
	h.waitLoaded()
	h.ui(func() {
		if !slices.Equal(v.data.Classes, []string{"0", "1"}) {
			t.Errorf("classes = %q, want [0 1]", v.data.Classes)
		}
		if g := v.net.Grid; g.Width != 20 || g.Height != 20 {
			t.Errorf("network grid %d×%d, want 20×20", g.Width, g.Height)
		}
		if len(v.data.Faces) != 1000 {
			t.Errorf("%d images, want 1000", len(v.data.Faces))
		}
		if !strings.Contains(v.status.Text, "Digits 0 vs 1: 1000 images of 2 classes on a 20×20 grid") {
			t.Errorf("status = %q", v.status.Text)
		}
		if v.source.noun != "class" {
			t.Errorf("digits are counted by %q, want class", v.source.noun)
		}
	})
}

func TestDropFolderOpensDataset(t *testing.T) {
	h := newHarness(t)
	v := h.app
	dir := t.TempDir()
	for i, person := range []string{"ada", "ada", "bob", "bob"} {
		writeGradientPNG(t, filepath.Join(mkdir(t, dir, person), fmt.Sprintf("%d.png", i)), 46, 56)
	}
	if err := os.WriteFile(filepath.Join(dir, "bob", "broken.jpg"), []byte("oops"), 0o644); err != nil {
		t.Fatal(err)
	}
	h.ui(func() { v.dropped(fyne.NewPos(0, 0), []fyne.URI{storage.NewFileURI(dir)}) })
	h.waitLoaded()
	h.ui(func() {
		if !slices.Equal(v.data.Classes, []string{"ada", "bob"}) {
			t.Errorf("classes = %q, want [ada bob]", v.data.Classes)
		}
		text := objectText(v.faces)
		if !strings.Contains(text, "4 images of 2 classes loaded") {
			t.Errorf("summary %q does not count the images", text)
		}
		if !strings.Contains(text, "1 files skipped") {
			t.Errorf("summary %q does not report the broken file", text)
		}
	})
}

func TestCancelOpenKeepsData(t *testing.T) {
	h := newHarness(t)
	v := h.app
	h.ui(func() {
		v.open(builtinDigits())
		v.loading()
	})
	h.waitFor("the cancelled load to end", func() bool {
		return strings.Contains(v.status.Text, "cancelled")
	})
	h.ui(func() {
		if !slices.Equal(v.data.Classes, []string{"s1", "s2", "s3"}) {
			t.Errorf("classes after a cancelled load = %q, want the built-in faces", v.data.Classes)
		}
	})
}

func TestOpenRefusedWhileTraining(t *testing.T) {
	h := newHarness(t)
	v := h.app
	h.ui(func() {
		v.epochs.SetText("1000000")
		test.Tap(v.train)
	})
	h.waitFor("training to start", func() bool { return v.progress.Value > 0 })
	h.ui(func() {
		v.open(builtinDigits())
		if v.loading != nil {
			t.Error("a dataset started loading during training")
		}
		if !strings.Contains(overlayText(v.win.Canvas()), "Stop training") {
			t.Error("no message asks to stop training first")
		}
		test.Tap(v.stop)
	})
	h.waitTrainingDone()
}

func TestInvalidGridSetting(t *testing.T) {
	h := newHarness(t)
	v := h.app
	h.ui(func() {
		v.settings.grid.SetText("23 by 28")
		v.open(builtinFaces())
		if v.loading != nil {
			t.Error("loading started with an invalid grid")
		}
		if !strings.Contains(strings.ToLower(overlayText(v.win.Canvas())), "invalid grid") {
			t.Error("no error dialog for an invalid grid")
		}
	})
}

func TestReloadWithSmallerGrid(t *testing.T) {
	h := newHarness(t)
	v := h.app
	h.ui(func() {
		v.settings.grid.SetText("12x14")
		v.settings.equalize.SetChecked(true)
		v.settings.form.OnSubmit()
	})
	h.waitLoaded()
	h.ui(func() {
		p := v.data.Pipeline
		if p.Width != 12 || p.Height != 14 || !p.Equalize {
			t.Errorf("pipeline after reload = %+v, want 12×14 equalised", p)
		}
		if v.net.Inputs() != 12*14 {
			t.Errorf("network has %d inputs, want %d", v.net.Inputs(), 12*14)
		}
	})
}

func TestDropPhotoFindsFace(t *testing.T) {
	h := newHarness(t)
	v := h.app
	path := filepath.Join(t.TempDir(), "portrait.png")
	writeFacePhoto(t, path)
	h.ui(func() { v.dropped(fyne.NewPos(0, 0), []fyne.URI{storage.NewFileURI(path)}) })
	h.waitFor("the photo", func() bool { return v.selected != nil && v.selected.photo != nil && v.chartScores != nil })
	var before []float64
	h.ui(func() {
		photo := v.selected.photo
		center := photo.pipeline.CenterCrop(photo.image.Bounds())
		if photo.crop == center {
			t.Errorf("the crop is the centre crop %v, want one around the face", center)
		}
		if !strings.Contains(v.caption.Text, "The box shows the face found") {
			t.Errorf("caption = %q, want it to say a face was found", v.caption.Text)
		}
		before = v.selected.input
		// Move the box right by a quarter of the widget.
		size := v.photoBox.Size()
		pos, boxSize := v.photoBox.toWidget(photo.crop)
		start := pos.Add(fyne.NewPos(boxSize.Width/2, boxSize.Height/2))
		drag(v.photoBox, start.X, start.Y, size.Width/4, 0)
	})
	h.waitFor("the new grid", func() bool { return !slices.Equal(v.selected.input, before) })
	h.ui(func() {
		if v.selected.photo.crop == v.photoBox.dragStart {
			t.Error("the selection still uses the crop from before the drag")
		}
		if v.selected.photo.crop != v.photoBox.crop {
			t.Errorf("selection crop %v differs from the box %v", v.selected.photo.crop, v.photoBox.crop)
		}
	})
}

// writeFacePhoto writes a built-in face pasted into a larger gray photo,
// off centre, so a centre crop would miss it.
func writeFacePhoto(t *testing.T, path string) {
	t.Helper()
	face, err := faceio.DecodeFile(filepath.Join("..", "assets", "faces", "s1", "1.pgm"))
	if err != nil {
		t.Fatal(err)
	}
	photo := image.NewGray(image.Rect(0, 0, 400, 300))
	for i := range photo.Pix {
		photo.Pix[i] = 90
	}
	draw.Draw(photo, face.Bounds().Add(image.Pt(260, 40)), face, image.Point{}, draw.Src)
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, photo); err != nil {
		t.Fatal(err)
	}
}

func mkdir(t *testing.T, parts ...string) string {
	t.Helper()
	dir := filepath.Join(parts...)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// objectText returns the text of every label under o.
func objectText(o fyne.CanvasObject) string {
	var parts []string
	for _, c := range test.LaidOutObjects(o) {
		switch c := c.(type) {
		case *widget.Label:
			parts = append(parts, c.Text)
		case *widget.Button:
			parts = append(parts, c.Text)
		}
	}
	return strings.Join(parts, "\n")
}

func TestDropThenOpenDropsStalePhoto(t *testing.T) {
	h := newHarness(t)
	v := h.app
	path := filepath.Join(t.TempDir(), "large.png")
	writeGradientPNG(t, path, 2500, 2500)
	h.ui(func() {
		v.dropped(fyne.NewPos(0, 0), []fyne.URI{storage.NewFileURI(path)})
		v.open(builtinDigits())
	})
	h.waitLoaded()
	// Give the photo time to finish decoding; it must not be shown with
	// the digits network, whose grid is smaller.
	time.Sleep(2 * time.Second)
	h.ui(func() {
		if v.selected != nil {
			t.Errorf("selection %q from before the dataset changed", v.selected.title)
		}
	})
}

func TestLaterOpenWins(t *testing.T) {
	h := newHarness(t)
	v := h.app
	h.ui(func() {
		v.open(builtinDigits())
		v.open(builtinFaces())
	})
	h.waitLoaded()
	time.Sleep(500 * time.Millisecond)
	h.ui(func() {
		if v.source.name != "Built-in faces" {
			t.Errorf("dataset on screen is %q, want the one opened last", v.source.name)
		}
	})
}

func TestPauseHoldsTraining(t *testing.T) {
	h := newHarness(t)
	v := h.app
	h.ui(func() {
		v.epochs.SetText("1000000")
		test.Tap(v.train)
	})
	h.waitFor("training to start", func() bool { return v.progress.Value > 0 })
	var held float64
	h.ui(func() {
		test.Tap(v.pause)
		if v.pause.Text != "Resume" {
			t.Errorf("pause button reads %q while paused, want Resume", v.pause.Text)
		}
	})
	// Let a batch that was running finish and publish, then check that
	// nothing moves while paused.
	time.Sleep(300 * time.Millisecond)
	h.ui(func() { held = v.progress.Value })
	time.Sleep(500 * time.Millisecond)
	h.ui(func() {
		if v.progress.Value != held {
			t.Errorf("progress moved from %v to %v while paused", held, v.progress.Value)
		}
		test.Tap(v.pause)
	})
	h.waitFor("training to resume", func() bool { return v.progress.Value > held })
	h.ui(func() { test.Tap(v.stop) })
	h.waitTrainingDone()
	h.ui(func() {
		if !v.pause.Disabled() {
			t.Error("Pause is enabled after training stopped")
		}
	})
}

func TestStopWhilePaused(t *testing.T) {
	h := newHarness(t)
	v := h.app
	h.ui(func() {
		v.epochs.SetText("1000000")
		test.Tap(v.train)
	})
	h.waitFor("training to start", func() bool { return v.progress.Value > 0 })
	h.ui(func() {
		test.Tap(v.pause)
		test.Tap(v.stop)
	})
	h.waitTrainingDone()
}

func TestNetworkSettings(t *testing.T) {
	tests := []struct {
		name   string
		set    func(s *networkSettings)
		output model.OutputKind
		labels []string
	}{
		{"one-vs-rest with relu", func(s *networkSettings) {
			s.output.SetSelected(outputOneVsRest)
			s.activation.SetText("relu")
		}, model.OneVsRest, []string{"s1", "s2", "s3"}},
		{"binary for s2 with SGD", func(s *networkSettings) {
			s.output.SetSelected(outputBinary)
			s.positive.SetSelected("s2")
			s.optimizer.SetSelected("SGD with momentum 0.9")
		}, model.Binary, []string{"s2", "not s2"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t)
			v := h.app
			h.ui(func() {
				tt.set(v.network)
				v.epochs.SetText("30")
				test.Tap(v.faceButtons[0])
				test.Tap(v.train)
			})
			h.waitTrainingDone()
			h.waitFor("the chart of the trained network", func() bool { return v.chartNet == v.net })
			h.ui(func() {
				if v.net.Output != tt.output {
					t.Errorf("network output %q, want %q", v.net.Output, tt.output)
				}
				got := chartLabels(v)
				slices.Sort(got)
				want := slices.Sorted(slices.Values(tt.labels))
				if !slices.Equal(got, want) {
					t.Errorf("chart labels %q, want %q", got, want)
				}
			})
		})
	}
}

func TestInvalidNetworkSettings(t *testing.T) {
	for _, set := range []func(s *networkSettings){
		func(s *networkSettings) { s.activation.SetText("gelu") },
		func(s *networkSettings) { s.batch.SetText("0") },
		func(s *networkSettings) { s.rate.SetText("-1") },
		func(s *networkSettings) { s.validation.SetText("1") },
		func(s *networkSettings) { s.seed.SetText("abc") },
		func(s *networkSettings) { s.l2.SetText("NaN") },
	} {
		h := newHarness(t)
		v := h.app
		h.ui(func() {
			set(v.network)
			test.Tap(v.train)
			if v.cancel != nil {
				t.Error("training started with an invalid setting")
			}
			if v.win.Canvas().Overlays().Top() == nil {
				t.Error("no error dialog for an invalid setting")
			}
		})
	}
}

func TestSaveAndOpenModel(t *testing.T) {
	h := newHarness(t)
	v := h.app
	h.ui(func() {
		v.epochs.SetText("20")
		test.Tap(v.train)
	})
	h.waitTrainingDone()
	path := filepath.Join(t.TempDir(), "faces.visage")
	var trained *model.Network
	h.ui(func() {
		trained = v.net
		if err := writeModelFile(path, trained); err != nil {
			t.Fatal(err)
		}
		// Start from another network, then open the saved one by a drop.
		v.open(builtinDigits())
	})
	h.waitLoaded()
	h.ui(func() { v.dropped(fyne.NewPos(0, 0), []fyne.URI{storage.NewFileURI(path)}) })
	h.waitFor("the model to open", func() bool { return v.net.Inputs() == trained.Inputs() })
	h.ui(func() {
		if !strings.Contains(v.status.Text, "Opened faces.visage") {
			t.Errorf("status = %q", v.status.Text)
		}
		if !strings.Contains(v.status.Text, "prepared differently") {
			t.Errorf("status %q does not warn that the digits do not fit the faces model", v.status.Text)
		}
		if want := fmt.Sprint(len(trained.Layers[0].B)); v.hidden.Text != want {
			t.Errorf("hidden layers = %q after opening the model, want its own %q", v.hidden.Text, want)
		}
		test.Tap(v.faceButtons[0])
		if v.selected != nil {
			t.Error("a digit was classified by a model trained on faces")
		}
	})
}

func TestOpenBadModelKeepsNetwork(t *testing.T) {
	h := newHarness(t)
	v := h.app
	path := filepath.Join(t.TempDir(), "broken.visage")
	if err := os.WriteFile(path, []byte("VISAGEMF and nothing else"), 0o644); err != nil {
		t.Fatal(err)
	}
	var before *model.Network
	h.ui(func() {
		before = v.net
		v.dropped(fyne.NewPos(0, 0), []fyne.URI{storage.NewFileURI(path)})
	})
	h.waitFor("an error dialog", func() bool { return v.win.Canvas().Overlays().Top() != nil })
	h.ui(func() {
		if v.net != before {
			t.Error("the network changed after a failed load")
		}
		if text := overlayText(v.win.Canvas()); !strings.Contains(text, "broken.visage") {
			t.Errorf("dialog %q does not name the file", text)
		}
	})
}

func writeModelFile(path string, net *model.Network) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	return net.Encode(f)
}

func TestImportWeightsForDataOnScreen(t *testing.T) {
	h := newHarness(t)
	v := h.app
	path := filepath.Join(t.TempDir(), "weights.npz")
	h.ui(func() {
		f, err := os.Create(path)
		if err != nil {
			t.Fatal(err)
		}
		if err := v.net.ExportNPZ(f); err != nil {
			t.Fatal(err)
		}
		f.Close()
		exported := v.net
		if err := v.importWeightsFrom(path); err != nil {
			t.Fatal(err)
		}
		if v.net == exported {
			t.Fatal("the network on screen was not replaced")
		}
		x := v.data.Faces[0].Input
		p1, _ := exported.Predict(x)
		p2, _ := v.net.Predict(x)
		if !slices.Equal(p1, p2) {
			t.Errorf("imported network predicts %v, exported %v", p2, p1)
		}
		v.network.activation.SetText("relu,tanh")
		if err := v.importWeightsFrom(path); err == nil {
			t.Error("importing one hidden layer with two activations succeeded")
		}
	})
}

func TestSlowMotionSpreadsShortRun(t *testing.T) {
	h := newHarness(t)
	v := h.app
	h.ui(func() {
		v.slow.SetChecked(true)
		v.epochs.SetText("20")
		test.Tap(v.train)
	})
	// A run of 20 epochs takes milliseconds at full speed; in slow motion
	// it is still running well after that.
	time.Sleep(time.Second)
	h.ui(func() {
		if v.cancel == nil {
			t.Error("a slow-motion run of 20 epochs ended within a second")
		}
		if v.progress.Value <= 0 || v.progress.Value >= 1 {
			t.Errorf("progress %v a second into a slow-motion run, want between 0 and 1", v.progress.Value)
		}
		test.Tap(v.stop)
	})
	h.waitTrainingDone()
}
