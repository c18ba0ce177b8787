package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// startLongRun starts a training run that lasts until it is stopped and
// waits for its first report.
func startLongRun(h *harness) {
	h.t.Helper()
	v := h.app
	h.ui(func() {
		test.Tap(v.faceButtons[0])
		v.epochs.SetText("1000000")
		test.Tap(v.train)
	})
	h.waitFor("training to start", func() bool { return v.progress.Value > 0 })
}

// stopRun stops the training run and waits for it to end.
func stopRun(h *harness) {
	h.t.Helper()
	h.ui(func() { test.Tap(h.app.stop) })
	h.waitTrainingDone()
}

// TestTabsThemesShortcutsDuringTraining switches tabs and themes, and
// presses Ctrl+E and Ctrl+S, many times while a network trains. The
// window must stay responsive and the run must go on. A theme change
// redraws every widget, which took up to 1.5 s per switch under the race
// detector on a shared test machine, so only a step of more than freezeLimit counts as a freeze.
func TestTabsThemesShortcutsDuringTraining(t *testing.T) {
	h := newHarness(t)
	v := h.app
	startLongRun(h)
	themes := []string{"Theme: Light", "Theme: Dark", "Theme: System"}
	for i := range 30 {
		start := time.Now()
		h.ui(func() {
			v.tabs.SelectIndex(i % len(v.views))
			menuItem(v, themes[i%len(themes)]).Action()
			if i%10 == 0 {
				pressAndClose(t, v, ctrl(fyne.KeyE, 0))
				pressAndClose(t, v, ctrl(fyne.KeyS, 0))
			}
		})
		if d := time.Since(start); d > freezeLimit {
			t.Errorf("step %d held the window for %v", i, d)
		}
		time.Sleep(5 * time.Millisecond)
	}
	var before float64
	h.ui(func() { before = v.progress.Value })
	h.waitFor("training to go on", func() bool { return v.progress.Value > before })
	stopRun(h)
	for _, name := range drawnViews {
		h.showView(name)
	}
}

// freezeLimit is the longest a step of the UI may take before a test
// calls the window frozen.
const freezeLimit = 5 * time.Second

// pressAndClose types shortcut s, checks that it opened a dialog, and
// closes the dialog.
func pressAndClose(t *testing.T, v *App, s fyne.Shortcut) {
	t.Helper()
	before := len(v.win.Canvas().Overlays().List())
	typeShortcut(t, v, s)
	overlays := v.win.Canvas().Overlays()
	if len(overlays.List()) == before {
		t.Errorf("%s opened no dialog", s.ShortcutName())
		return
	}
	overlays.Remove(overlays.Top())
}

// TestGIFExportWithoutRun presses Export GIF before any training run.
func TestGIFExportWithoutRun(t *testing.T) {
	h := newHarness(t)
	v := h.app
	h.showView("Timeline")
	h.ui(func() {
		v.exportGIF()
		if text := overlayText(v.win.Canvas()); !strings.Contains(text, "Train a network first") {
			t.Errorf("dialog text = %q, want it to ask for a training run", text)
		}
	})
}

// TestExplainCases opens Help > Explain with nothing selected, with a
// dropped photo, with a binary network, and with a loaded model that
// does not fit the data.
func TestExplainCases(t *testing.T) {
	h := newHarness(t)
	v := h.app
	h.ui(func() {
		if msg := explainPanic(v); msg != "" {
			t.Errorf("nothing selected: Explain panics: %s", msg)
		}
	})
	photo := filepath.Join(t.TempDir(), "photo.png")
	writeGradientPNG(t, photo, 200, 240)
	h.ui(func() { dropPath(v, photo) })
	h.waitFor("the photo", func() bool { return v.selected != nil })
	h.ui(func() {
		if msg := explainPanic(v); msg != "" {
			t.Errorf("dropped photo: Explain panics: %s", msg)
		}
		v.network.output.SetSelected(outputBinary)
	})
	trainBriefly(h)
	h.ui(func() {
		if msg := explainPanic(v); msg != "" {
			t.Errorf("binary network: Explain panics: %s", msg)
		}
	})
	modelFile := filepath.Join(t.TempDir(), "faces.visage")
	h.ui(func() {
		if err := writeModelFile(modelFile, v.net); err != nil {
			t.Fatal(err)
		}
		v.open(builtinDigits())
	})
	h.waitLoaded()
	h.ui(func() { dropPath(v, modelFile) })
	h.waitFor("the faces model", func() bool { return v.net.Inputs() == 644 })
	h.ui(func() { dropPath(v, photo) })
	h.waitFor("the photo", func() bool { return v.selected != nil })
	h.ui(func() {
		if msg := explainPanic(v); msg != "" {
			t.Errorf("model unfit for the data: Explain panics: %s", msg)
		}
		p := v.newExplainPanel(func() {}, func(int) {})
		for i, row := range p.buttons {
			for _, b := range row {
				test.Tap(b)
				if v.currentView() == nil {
					t.Errorf("question %d, button %q: no tab selected", i, b.Text)
				}
			}
		}
	})
	for _, name := range drawnViews {
		h.showView(name)
	}
}

// TestImportWeightsDuringTraining imports weights while a network trains.
// Opening a model is rejected during training, and importing weights
// replaces the network the same way, so it must be rejected too. Else the
// import clears the held-out faces of the run, and the Confusion view
// counts every face as held out once the run ends.
func TestImportWeightsDuringTraining(t *testing.T) {
	h := newHarness(t)
	v := h.app
	path := filepath.Join(t.TempDir(), "weights.npz")
	h.ui(func() {
		f, err := os.Create(path)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if err := v.net.ExportNPZ(f); err != nil {
			t.Fatal(err)
		}
	})
	startLongRun(h)
	h.ui(func() {
		err := v.importWeightsFrom(path)
		if err == nil {
			t.Error("weights were imported while the network trains")
		}
		if v.validation == nil {
			t.Error("the held-out faces of the running training were cleared")
		}
	})
	stopRun(h)
	h.ui(func() {
		if v.validation == nil {
			t.Error("after the run, no faces are held out, so the Confusion view " +
				"counts all faces")
		}
	})
}
