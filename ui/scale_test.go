package ui

import (
	"image"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/software"
)

// viewNames are the tabs drawn by a view of their own.
var viewNames = []string{"Layer 1", "Layer 2", "Saliency", "Training",
	"Confusion / ROC", "Eigenfaces", "Timeline"}

// TestViewsFillTheirArea checks that, once drawn, each tab's image has
// about as many pixels as its area on the screen, at one and at two
// pixels per point. Fyne then shows it without blowing it up or shrinking
// it, unless the view's scale is at one of its limits.
func TestViewsFillTheirArea(t *testing.T) {
	h := newHarness(t)
	v := h.app
	trainBriefly(h)
	for _, screen := range []float32{1, 2} {
		h.ui(func() {
			v.win.Canvas().(software.WindowlessCanvas).SetScale(screen)
			v.refreshViews()
		})
		for _, name := range viewNames {
			w := h.showView(name)
			h.ui(func() {
				area := w.picture.Size()
				got := w.shown.Image.Bounds().Size()
				fit := min(float64(area.Width*screen)/float64(got.X),
					float64(area.Height*screen)/float64(got.Y))
				scale := float64(screen) * w.zoom
				limited := scale <= minViewScale || scale >= maxViewScale
				if !limited && (fit < 1-2*zoomSlack || fit > 1+2*zoomSlack) {
					t.Errorf("screen scale %v, %s: image %v in an area of %v "+
						"is scaled by %.2f to fit", screen, name, got, area, fit)
				}
			})
		}
	}
}

// TestViewsFollowScreenScale checks that on a screen of two pixels per
// point each view is drawn with about twice the pixels, and that a tap
// still finds the unit under it.
func TestViewsFollowScreenScale(t *testing.T) {
	h := newHarness(t)
	v := h.app
	trainBriefly(h)
	sizes := map[string]image.Point{}
	for _, name := range viewNames {
		sizes[name] = shownSize(h, name)
	}
	var chart image.Point
	h.ui(func() { chart = v.chart.Image.Bounds().Size() })

	h.ui(func() {
		v.win.Canvas().(software.WindowlessCanvas).SetScale(2)
		v.refreshViews()
		v.refreshOutput()
	})
	for _, name := range viewNames {
		base, doubled := sizes[name], shownSize(h, name)
		if !about(doubled.X, 2*base.X) && !about(doubled.Y, 2*base.Y) {
			t.Errorf("%s: %v at scale 1 and %v at scale 2, want twice as large", name, base, doubled)
		}
	}
	h.waitFor("the output chart at twice the size", func() bool {
		doubled := v.chart.Image.Bounds().Size()
		return about(doubled.X, 2*chart.X) && about(doubled.Y, 2*chart.Y)
	})

	w := h.showView("Layer 1")
	h.ui(func() {
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

// TestViewRedrawnOnResize checks that a view is drawn again at the new
// size when the window grows, and not when its size changes a little.
func TestViewRedrawnOnResize(t *testing.T) {
	h := newHarness(t)
	v := h.app
	w := h.showView("Layer 1")
	var before image.Point
	h.ui(func() {
		before = w.shown.Image.Bounds().Size()
		v.win.Resize(fyne.NewSize(1920, 1200))
	})
	h.waitFor("Layer 1 drawn for the larger window", func() bool {
		return !w.running && w.shown.Image.Bounds().Size() != before
	})
	var after image.Point
	h.ui(func() {
		after = w.shown.Image.Bounds().Size()
		if after.X <= before.X && after.Y <= before.Y {
			t.Errorf("image %v in the larger window, %v before", after, before)
		}
		v.win.Resize(fyne.NewSize(1924, 1202))
	})
	h.waitFor("Layer 1 settled", func() bool { return !w.running })
	h.ui(func() {
		if got := w.shown.Image.Bounds().Size(); got != after {
			t.Errorf("a resize by 4 points redrew the image at %v, was %v", got, after)
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

// about reports whether got is within 10% of want.
func about(got, want int) bool {
	d := got - want
	return d*10 <= want && -d*10 <= want
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
