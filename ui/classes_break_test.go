package ui

import (
	"fmt"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2/test"
)

// TestModelOfOtherClassesEveryTab opens a model trained on the same grid
// as the built-in faces but on 2 of their 3 people, selects a face of the
// third, and draws every tab. The model fits the inputs, so every view
// must cope with data labels the model has no output for.
func TestModelOfOtherClassesEveryTab(t *testing.T) {
	h := newHarness(t)
	v := h.app
	path := filepath.Join(t.TempDir(), "two.visage")
	h.ui(func() {
		known, _ := splitPeople(v.data, 1)
		net, _, err := buildNetwork(known, defaultDesign(), 1)
		if err != nil {
			t.Fatal(err)
		}
		if err := writeModelFile(path, net); err != nil {
			t.Fatal(err)
		}
		dropPath(v, path)
	})
	h.waitFor("the two-class model", func() bool { return len(v.net.Classes) == 2 })
	h.ui(func() {
		if !v.fitsData(v.net) {
			t.Fatal("the model does not fit the faces, so the case is not reached")
		}
		test.Tap(v.faceButtons[len(v.faceButtons)-1])
		if v.selected == nil {
			t.Fatal("no face selected")
		}
		if msg := explainPanic(v); msg != "" {
			t.Errorf("Explain panics: %s", msg)
		}
	})
	for _, name := range drawnViews {
		t.Log("drawing", name)
		h.showView(name)
	}
}

// TestOnePersonFolder drops a folder of one person with a binary network
// chosen, as the message for a softmax network advises. The window must
// either refuse it with a message or load it, and then Train both, Train
// and the stranger test must end with a message and not panic.
func TestOnePersonFolder(t *testing.T) {
	h := newHarness(t)
	v := h.app
	dir := t.TempDir()
	for i := range 4 {
		writeGradientPNG(t, filepath.Join(mkdir(t, dir, "ada"), fmt.Sprintf("%d.png", i)), 46, 56)
	}
	h.ui(func() {
		v.network.output.SetSelected(outputBinary)
		dropPath(v, dir)
	})
	h.waitLoaded()
	var loaded bool
	h.ui(func() {
		loaded = len(v.data.Classes) == 1
		if !loaded && v.win.Canvas().Overlays().Top() == nil {
			t.Fatal("the folder of one person was neither loaded nor refused with a message")
		}
	})
	if !loaded {
		t.Logf("refused: %q", overlayText(v.win.Canvas()))
		return
	}
	trainBoth(h, "5")
	h.ui(func() {
		t.Logf("Train both: %q", v.compare.status.Text)
		test.Tap(v.train)
	})
	h.waitTrainingDone()
	l := labOf(h)
	h.ui(func() {
		t.Logf("Train: %q", v.status.Text)
		test.Tap(l.strangers.run)
		t.Logf("stranger test: %q", l.strangers.status.Text)
	})
	for _, name := range drawnViews {
		h.showView(name)
	}
}

// TestTrainBothBinaryDesign presses Train both with a binary network
// chosen in the settings. The pair are a softmax and a one-vs-rest
// network over all people whatever the design's output.
func TestTrainBothBinaryDesign(t *testing.T) {
	h := newHarness(t)
	v := h.app
	h.ui(func() {
		v.network.output.SetSelected(outputBinary)
		test.Tap(v.faceButtons[0])
	})
	trainBoth(h, "10")
	h.ui(func() {
		pair := v.compare.trained.Load()
		if pair == nil {
			t.Fatalf("no pair trained; status %q", v.compare.status.Text)
		}
		if got := len(pair.pair.Softmax.Classes); got != len(v.data.Classes) {
			t.Errorf("softmax network has %d classes, want %d", got, len(v.data.Classes))
		}
	})
	h.showView("Compare")
}
