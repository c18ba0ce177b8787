package ui

import (
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"visage/ui/views"
)

// TestPixelScaleWatchEndsWithWindow checks that the goroutine New starts to
// follow the screen's scale ends when its window closes. An app may open
// and close several windows, and each watcher that outlives its window
// keeps that window's App, its dataset and network, in memory. The test
// starts the watcher as New does, on an App whose UI calls the harness
// serialises, because the test driver runs fyne.Do on the calling
// goroutine.
func TestPixelScaleWatchEndsWithWindow(t *testing.T) {
	before := countGoroutines("watchPixelScale")
	h := newHarness(t)
	go h.app.watchPixelScale()
	time.Sleep(1500 * time.Millisecond) // at least one check of the scale
	h.ui(func() { h.app.win.Close() })

	time.Sleep(2500 * time.Millisecond)
	if got := countGoroutines("watchPixelScale"); got > before {
		t.Errorf("%d goroutines run watchPixelScale 2.5 s after the window "+
			"closed, want %d as before the App was built", got, before)
	}
}

// countGoroutines returns the number of goroutines whose stack names fn.
func countGoroutines(fn string) int {
	buf := make([]byte, 1<<20)
	buf = buf[:runtime.Stack(buf, true)]
	n := 0
	for _, g := range strings.Split(string(buf), "\n\n") {
		if strings.Contains(g, fn) {
			n++
		}
	}
	return n
}

// TestTrainingTabKeepsItsZoom checks that the training curves are drawn at
// one scale while a run fills them in, in a tab whose size does not
// change. The prompt shown before the run is shaped unlike the curves,
// so the zoom that fits the prompt does not fit the curves.
func TestTrainingTabKeepsItsZoom(t *testing.T) {
	h := newHarness(t)
	v := h.app
	type drawing struct {
		epochs int
		scale  float64
		size   string
	}
	var (
		mu     sync.Mutex // guards drawn, appended to by the rendering goroutine
		drawn  []drawing
		curves *view
	)
	h.ui(func() {
		for _, w := range v.views {
			if w.name != "Training" {
				continue
			}
			curves = w
			render := w.render
			w.render = func(s views.State) views.Rendering {
				r := render(s)
				mu.Lock()
				drawn = append(drawn, drawing{len(s.History), s.Scale,
					r.Image.Bounds().Size().String()})
				mu.Unlock()
				return r
			}
		}
		v.epochs.SetText("60")
		test.Tap(v.faceButtons[0])
	})
	h.showView("Training")
	h.ui(func() { test.Tap(v.train) })
	h.waitTrainingDone()
	h.showView("Training")

	mu.Lock()
	all := slices.Clone(drawn)
	mu.Unlock()
	h.ui(func() {
		final := curves.zoom * v.pixelScale()
		for _, d := range all {
			if d.epochs == 0 {
				continue // the prompt
			}
			if d.scale < final/(1+zoomSlack) || d.scale > final*(1+zoomSlack) {
				t.Errorf("curves of %d epochs drawn at scale %.2f (%s), "+
					"want about %.2f, the scale they settle at; all drawings %v",
					d.epochs, d.scale, d.size, final, all)
			}
		}
	})
}
