package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"visage/ui/views"
)

// saveThroughDialog types name into the file save dialog on top of the
// window, presses Save, and confirms the overwrite question if one comes.
func saveThroughDialog(t *testing.T, v *App, name string) {
	t.Helper()
	var entry *widget.Entry
	var save *widget.Button
	for _, o := range test.LaidOutObjects(v.win.Canvas().Overlays().Top()) {
		switch o := o.(type) {
		case *widget.Entry:
			entry = o
		case *widget.Button:
			if o.Text == "Save" {
				save = o
			}
		}
	}
	if entry == nil || save == nil {
		t.Fatal("no file save dialog with a name and a Save button")
	}
	entry.SetText(name)
	test.Tap(save)
	for _, o := range test.LaidOutObjects(v.win.Canvas().Overlays().Top()) {
		if b, ok := o.(*widget.Button); ok && b.Text == "Yes" {
			test.Tap(b)
		}
	}
}

// TestFailedExportKeepsOldFile exports the Layer 1 view, which is no
// chart, as SVG over an existing file. The export fails, and the file
// must keep its content, as a failed save never destroys the old file.
func TestFailedExportKeepsOldFile(t *testing.T) {
	h := newHarness(t)
	v := h.app
	dir := t.TempDir()
	old := filepath.Join(dir, "weights.svg")
	if err := os.WriteFile(old, []byte("<svg>kept</svg>"), 0o644); err != nil {
		t.Fatal(err)
	}
	h.showView("Layer 1")
	h.ui(func() {
		v.rememberFolder(storage.NewFileURI(old))
		typeShortcut(t, v, ctrl(fyne.KeyE, 0))
		saveThroughDialog(t, v, "weights.svg")
		if text := overlayText(v.win.Canvas()); !strings.Contains(text, "no SVG form") {
			t.Errorf("dialog text = %q, want the reason the export failed", text)
		}
	})
	got, err := os.ReadFile(old)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != "<svg>kept</svg>" {
		t.Errorf("old file after a failed export = %q, want it unchanged", got)
	}
}

// TestExportWithoutExtensionLeavesNoEmptyFile exports a view under a name
// without an extension, which is written as name.png. No empty file by
// the bare name may be left beside it.
func TestExportWithoutExtensionLeavesNoEmptyFile(t *testing.T) {
	h := newHarness(t)
	v := h.app
	dir := t.TempDir()
	h.showView("Layer 1")
	h.ui(func() {
		v.rememberFolder(storage.NewFileURI(filepath.Join(dir, "x")))
		typeShortcut(t, v, ctrl(fyne.KeyE, 0))
		saveThroughDialog(t, v, "weights")
	})
	if _, err := os.Stat(filepath.Join(dir, "weights.png")); err != nil {
		t.Errorf("no weights.png: %v", err)
	}
	if info, err := os.Stat(filepath.Join(dir, "weights")); err == nil {
		t.Errorf("an empty file of %d bytes named weights is left beside weights.png", info.Size())
	}
}

// TestExportEveryTabEveryFormat trains, then writes every tab as PNG,
// SVG and CSV and into a folder that does not exist. Each either writes
// a file or returns an error naming the view.
func TestExportEveryTabEveryFormat(t *testing.T) {
	h := newHarness(t)
	trainBriefly(h)
	dir := t.TempDir()
	for _, name := range drawnViews {
		w := h.showView(name)
		var r views.Rendering
		h.ui(func() { r = w.shown })
		for _, ext := range []string{".png", ".svg", ".csv"} {
			path := filepath.Join(dir, fileName(name)+ext)
			written, err := views.Write(path, r, name)
			switch {
			case err != nil && !strings.Contains(err.Error(), name):
				t.Errorf("%s%s: error %q does not name the view", name, ext, err)
			case err == nil:
				if info, statErr := os.Stat(written); statErr != nil || info.Size() == 0 {
					t.Errorf("%s%s: nothing written to %s", name, ext, written)
				}
			}
		}
		missing := filepath.Join(dir, "missing", "x.png")
		if _, err := views.Write(missing, r, name); err == nil {
			t.Errorf("%s: export into a missing folder succeeded", name)
		}
	}
}
