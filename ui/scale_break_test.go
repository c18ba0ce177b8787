package ui

import (
	"image"
	"testing"
	"time"

	"fyne.io/fyne/v2/driver/software"
)

// pollFor polls cond on the UI side until it is true or d has passed,
// and returns its last result.
func pollFor(h *harness, d time.Duration, cond func() bool) bool {
	deadline := time.Now().Add(d)
	for {
		var ok bool
		h.ui(func() { ok = cond() })
		if ok || time.Now().After(deadline) {
			return ok
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestViewRedrawnAfterScaleChange checks that a tab drawn before the
// screen scale changed is drawn again at the new scale when it is next
// shown. A window of Fyne's desktop driver reports scale 1 until it is
// shown, so the views drawn while the window is built depend on this. So
// does every view after the window moves to a screen of another scale.
// The headless canvas fires no event when its scale changes, so the test
// switches tabs instead.
func TestViewRedrawnAfterScaleChange(t *testing.T) {
	h := newHarness(t)
	v := h.app
	base := shownSize(h, "Layer 1")

	h.ui(func() {
		v.win.Canvas().(software.WindowlessCanvas).SetScale(2)
	})
	h.showView("Training")
	w := h.showView("Layer 1")
	var got image.Point
	redrawn := pollFor(h, 5*time.Second, func() bool {
		got = w.shown.Image.Bounds().Size()
		return about(got.X, 2*base.X) && about(got.Y, 2*base.Y)
	})
	if !redrawn {
		t.Errorf("Layer 1 is %v at scale 1 and still %v after the screen "+
			"scale became 2 and the tab was shown again, want about %v",
			base, got, base.Mul(2))
	}
}

// TestPlaceholdersFollowScaleChange checks that the output chart's
// prompt and the grid placeholder are drawn at the screen's scale when
// the window shows them after the scale changed.
func TestPlaceholdersFollowScaleChange(t *testing.T) {
	h := newHarness(t)
	v := h.app
	var chart, grid image.Point
	h.ui(func() {
		chart = v.chart.Image.Bounds().Size()
		grid = v.grid.Image.Bounds().Size()
		v.win.Canvas().(software.WindowlessCanvas).SetScale(2)
	})
	h.showView("Training")
	h.showView("Layer 1")

	var gotChart, gotGrid image.Point
	pollFor(h, 5*time.Second, func() bool {
		gotChart = v.chart.Image.Bounds().Size()
		gotGrid = v.grid.Image.Bounds().Size()
		return gotChart == chart.Mul(2) && gotGrid == grid.Mul(2)
	})
	if gotChart != chart.Mul(2) {
		t.Errorf("output prompt is %v after the scale became 2, want %v",
			gotChart, chart.Mul(2))
	}
	if gotGrid != grid.Mul(2) {
		t.Errorf("grid placeholder is %v after the scale became 2, want %v",
			gotGrid, grid.Mul(2))
	}
}
