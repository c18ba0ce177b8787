package ui

import (
	"image"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/software"
)

// TestViewsFollowScreenScale checks that on a screen of two pixels per
// point each view is drawn with about twice the pixels, so Fyne shows it
// without blowing it up, and that a tap still finds the unit under it.
func TestViewsFollowScreenScale(t *testing.T) {
	h := newHarness(t)
	v := h.app
	trainBriefly(h)
	names := []string{"Layer 1", "Layer 2", "Saliency", "Training",
		"Confusion / ROC", "Eigenfaces", "Timeline"}
	sizes := map[string]image.Point{}
	for _, name := range names {
		sizes[name] = shownSize(h, name)
	}
	var chart image.Point
	h.ui(func() { chart = v.chart.Image.Bounds().Size() })

	h.ui(func() {
		v.win.Canvas().(software.WindowlessCanvas).SetScale(2)
		v.refreshViews()
		v.refreshOutput()
	})
	for _, name := range names {
		base, doubled := sizes[name], shownSize(h, name)
		if !about(doubled.X, 2*base.X) || !about(doubled.Y, 2*base.Y) {
			t.Errorf("%s: %v at scale 1 and %v at scale 2, want twice as large", name, base, doubled)
		}
	}
	h.waitFor("the output chart at twice the size", func() bool {
		doubled := v.chart.Image.Bounds().Size()
		return about(doubled.X, 2*chart.X) && about(doubled.Y, 2*chart.Y)
	})

	w := h.showView("Layer 1")
	h.ui(func() {
		w.picture.Resize(fyne.NewSize(600, 600))
		at, ok := positionOfUnit(w.shown.Hit, w.shown.Image.Bounds().Size(), w.picture.Size(), 3)
		if !ok {
			t.Fatal("no point of the montage at scale 2 maps to unit 3")
		}
		w.picture.Tapped(&fyne.PointEvent{Position: at})
		if text := overlayText(v.win.Canvas()); !strings.Contains(text, "Unit 3") {
			t.Errorf("dialog text = %q, want it to name unit 3", text)
		}
	})
}

// shownSize shows the tab named name and returns the size of its image.
func shownSize(h *harness, name string) image.Point {
	h.t.Helper()
	w := h.showView(name)
	var size image.Point
	h.ui(func() { size = w.shown.Image.Bounds().Size() })
	return size
}

// about reports whether got is within 5% of want.
func about(got, want int) bool {
	d := got - want
	return d*20 <= want && -d*20 <= want
}

func TestPixelScaleBounds(t *testing.T) {
	h := newHarness(t)
	for _, tt := range []struct{ screen, want float32 }{
		{1, 1}, {1.5, 1.5}, {2, 2}, {0.5, 1}, {6, 4},
	} {
		h.ui(func() {
			h.app.win.Canvas().(software.WindowlessCanvas).SetScale(tt.screen)
			if got := h.app.pixelScale(); got != float64(tt.want) {
				t.Errorf("screen scale %v: pixelScale = %v, want %v", tt.screen, got, tt.want)
			}
		})
	}
}
