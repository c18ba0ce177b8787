package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
)

// dropFixtures writes a photo, a folder of two people, a model file and
// an .npy file into a temporary folder and returns their paths.
func dropFixtures(t *testing.T, v *App) (photo, folder, modelFile, npy string) {
	t.Helper()
	dir := t.TempDir()
	photo = filepath.Join(dir, "photo.png")
	writeGradientPNG(t, photo, 200, 240)
	folder = filepath.Join(dir, "people")
	for _, person := range []string{"ada", "bob"} {
		writeGradientPNG(t, filepath.Join(mkdir(t, folder, person), "1.png"), 46, 56)
	}
	modelFile = filepath.Join(dir, "faces.visage")
	if err := writeModelFile(modelFile, v.net); err != nil {
		t.Fatal(err)
	}
	npy = filepath.Join(dir, "X.npy")
	if err := os.WriteFile(npy, []byte("\x93NUMPY\x01\x00"), 0o644); err != nil {
		t.Fatal(err)
	}
	return photo, folder, modelFile, npy
}

// TestDropStormDuringTraining drops 50 files of every kind, one at a time
// and several at once, while a network trains. The window must stay
// responsive, the training must go on, each rejected drop must show the
// reason, and the last photo must be shown.
func TestDropStormDuringTraining(t *testing.T) {
	h := newHarness(t)
	v := h.app
	var photo, folder, modelFile, npy string
	h.ui(func() {
		photo, folder, modelFile, npy = dropFixtures(t, v)
		v.epochs.SetText("1000000")
		test.Tap(v.train)
	})
	h.waitFor("training to start", func() bool { return v.progress.Value > 0 })

	kinds := []string{photo, folder, modelFile, npy}
	for i := range 50 {
		path := kinds[i%len(kinds)]
		start := time.Now()
		h.ui(func() {
			before := len(v.win.Canvas().Overlays().List())
			dropPath(v, path)
			if path != photo && len(v.win.Canvas().Overlays().List()) == before {
				t.Errorf("drop %d of %s during training showed no message",
					i, filepath.Base(path))
			}
		})
		if d := time.Since(start); d > time.Second {
			t.Errorf("drop %d of %s held the window for %v", i, filepath.Base(path), d)
		}
	}
	many := []fyne.URI{storage.NewFileURI(photo), storage.NewFileURI(modelFile),
		storage.NewFileURI(npy)}
	h.ui(func() { v.dropped(fyne.NewPos(0, 0), many) })
	h.waitFor("the last photo", func() bool {
		return v.selected != nil && strings.Contains(v.caption.Text, "3 files were dropped")
	})
	h.ui(func() {
		if v.cancel == nil {
			t.Error("training ended during the drops")
		}
		test.Tap(v.stop)
	})
	h.waitTrainingDone()
}
