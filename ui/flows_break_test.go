package ui

import (
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
)

// dropPath drops the file or folder at path on the window.
func dropPath(v *App, path string) {
	v.dropped(fyne.NewPos(0, 0), []fyne.URI{storage.NewFileURI(path)})
}

// TestOutputExportFollowsCleared checks that after the dataset changes,
// which clears the selection, the Output view exports the chart on
// screen and not the chart of the face selected before.
func TestOutputExportFollowsCleared(t *testing.T) {
	h := newHarness(t)
	v := h.app
	h.ui(func() { test.Tap(v.faceButtons[0]) })
	h.waitFor("the chart of the first face", func() bool { return v.chartScores != nil })
	h.ui(func() { v.open(builtinDigits()) })
	h.waitLoaded()
	h.ui(func() {
		if v.selected != nil {
			t.Fatal("the selection survived the dataset change")
		}
		if shown := v.outputView.shown.Image; shown != nil && shown != v.chart.Image {
			t.Error("the Output view would export the chart of the face selected " +
				"before the dataset changed, not the prompt on screen")
		}
	})
}

// TestTrainAfterPhotoForOtherModel opens a model whose grid differs from
// the data, classifies a dropped photo with it, and then trains a network
// on the data: the photo's input no longer fits the new network.
func TestTrainAfterPhotoForOtherModel(t *testing.T) {
	h := newHarness(t)
	v := h.app
	dir := t.TempDir()
	modelPath := filepath.Join(dir, "digits.visage")
	photoPath := filepath.Join(dir, "photo.png")
	writeGradientPNG(t, photoPath, 120, 140)
	h.ui(func() { v.open(builtinDigits()) })
	h.waitLoaded()
	h.ui(func() {
		if err := writeModelFile(modelPath, v.net); err != nil {
			t.Fatal(err)
		}
		v.open(builtinFaces())
	})
	h.waitLoaded()
	h.ui(func() { dropPath(v, modelPath) })
	h.waitFor("the digits model", func() bool { return v.net.Inputs() == 400 })
	h.ui(func() { dropPath(v, photoPath) })
	h.waitFor("the photo", func() bool { return v.selected != nil })
	h.ui(func() {
		v.epochs.SetText("5")
		test.Tap(v.train)
	})
	h.waitTrainingDone()
	h.ui(func() {
		if v.selected != nil && len(v.selected.input) != v.net.Inputs() {
			t.Errorf("selection of %d inputs kept for a network of %d",
				len(v.selected.input), v.net.Inputs())
		}
	})
}

// TestStrangerTestTwoPeopleMessage checks the message for a stranger test
// on data of two classes, which cannot leave anyone out.
func TestStrangerTestTwoPeopleMessage(t *testing.T) {
	h := newHarness(t)
	v := h.app
	h.ui(func() { v.open(builtinDigits()) })
	h.waitLoaded()
	lab := labOf(h)
	h.ui(func() {
		lab.strangers.leftOut.SetText("1")
		test.Tap(lab.strangers.run)
		got := lab.strangers.status.Text
		if strings.Contains(got, "from 1 to 0") {
			t.Errorf("status = %q, an empty range of choices", got)
		}
		if !strings.Contains(got, "3") {
			t.Errorf("status = %q, want it to say that 3 classes are needed", got)
		}
	})
}
