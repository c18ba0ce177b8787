package ui

import (
	"image"
	"sync"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/software"

	"visage/ui/views"
)

// renderProbe wraps the render function of every view to record what each
// rendering was drawn for and how large it came out.
type renderProbe struct {
	mu     sync.Mutex
	aspect map[image.Image]float64 // the State.Aspect each image was drawn for
	sizes  map[string][]image.Point
}

func probeRenders(h *harness) *renderProbe {
	p := &renderProbe{aspect: map[image.Image]float64{}, sizes: map[string][]image.Point{}}
	h.ui(func() {
		for _, w := range h.app.views {
			if w.render == nil {
				continue
			}
			render, name := w.render, w.name
			w.render = func(s views.State) views.Rendering {
				r := render(s)
				if r.Image != nil {
					p.mu.Lock()
					p.aspect[r.Image] = s.Aspect
					p.sizes[name] = append(p.sizes[name], r.Image.Bounds().Size())
					p.mu.Unlock()
				}
				return r
			}
		}
	})
	return p
}

// drawnAspect returns the area aspect that img was drawn for.
func (p *renderProbe) drawnAspect(img image.Image) float64 {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.aspect[img]
}

// takeSizes returns the sizes of the renderings of the view named name
// since the last call, and clears them.
func (p *renderProbe) takeSizes(name string) []image.Point {
	p.mu.Lock()
	defer p.mu.Unlock()
	sizes := p.sizes[name]
	p.sizes[name] = nil
	return sizes
}

// coverage returns the share of w's area that its image covers once Fyne
// scales it to fit.
func coverage(w *view) float64 {
	area := w.picture.Size()
	b := w.shown.Image.Bounds().Size()
	fit := min(float64(area.Width)/float64(b.X), float64(area.Height)/float64(b.Y))
	return fit * fit * float64(b.X*b.Y) / float64(area.Width*area.Height)
}

// resizeAndShow resizes the window and waits until the tab named name is
// drawn for its new area.
func resizeAndShow(h *harness, size fyne.Size, name string) *view {
	h.t.Helper()
	h.ui(func() { h.app.win.Resize(size) })
	return h.showView(name)
}

// TestResizeRedrawsForNewShape checks that a tab whose drawing depends on
// the shape of its area is drawn again for the new shape when the window
// only grows wider or taller. The montages are laid out and the training
// curves are shaped for the aspect they are drawn for.
func TestResizeRedrawsForNewShape(t *testing.T) {
	h := newHarness(t)
	trainBriefly(h)
	probe := probeRenders(h)
	start := fyne.NewSize(1280, 800)
	for _, tt := range []struct {
		name string
		size fyne.Size
	}{
		{"Layer 1", fyne.NewSize(2400, 800)},
		{"Training", fyne.NewSize(2400, 800)},
		{"Training", fyne.NewSize(1280, 1400)},
		{"Eigenfaces", fyne.NewSize(2400, 800)},
		{"Timeline", fyne.NewSize(1280, 1400)},
	} {
		resizeAndShow(h, start, tt.name)
		w := resizeAndShow(h, tt.size, tt.name)
		h.ui(func() {
			area := w.picture.Size()
			want := float64(area.Width / area.Height)
			got := probe.drawnAspect(w.shown.Image)
			if got < want/1.1 || got > want*1.1 {
				t.Errorf("%s in a %v window: image %v drawn for aspect %.2f, "+
					"want about %.2f, the aspect of its %v area (it covers %.0f%%)",
					tt.name, tt.size, w.shown.Image.Bounds().Size(), got, want,
					area, 100*coverage(w))
			}
		})
	}
}

// TestShortWindowThenBackRefills checks that after the window is made
// short, near its minimum height of about 410 points, and then given its
// height back, each montage covers as much of its tab as it did before.
func TestShortWindowThenBackRefills(t *testing.T) {
	h := newHarness(t)
	trainBriefly(h)
	normal, short := fyne.NewSize(1280, 800), fyne.NewSize(1280, 420)
	for _, name := range []string{"Layer 1", "Eigenfaces", "Timeline"} {
		w := resizeAndShow(h, normal, name)
		var before float64
		var beforeSize image.Point
		h.ui(func() { before, beforeSize = coverage(w), w.shown.Image.Bounds().Size() })

		resizeAndShow(h, short, name)
		w = resizeAndShow(h, normal, name)
		h.ui(func() {
			if got := coverage(w); got < 0.8*before {
				t.Errorf("%s: image %v covers %.0f%% of its tab after the window "+
					"was %v and %v again, want about the %.0f%% that %v covered before",
					name, w.shown.Image.Bounds().Size(), 100*got, short, normal,
					100*before, beforeSize)
			}
		})
	}
}

// TestShrinkDrawsNoLargerImage checks that making the window shorter never
// draws a tab larger than the image it showed before. The area shrinks,
// so no rendering should need more memory than the last one.
func TestShrinkDrawsNoLargerImage(t *testing.T) {
	h := newHarness(t)
	trainBriefly(h)
	probe := probeRenders(h)
	h.ui(func() { h.app.win.Canvas().(software.WindowlessCanvas).SetScale(2) })
	large, short := fyne.NewSize(1920, 1200), fyne.NewSize(1920, 420)
	for _, name := range []string{"Layer 1", "Training", "Eigenfaces", "Timeline"} {
		w := resizeAndShow(h, large, name)
		var before image.Point
		h.ui(func() { before = w.shown.Image.Bounds().Size() })
		probe.takeSizes(name)

		resizeAndShow(h, short, name)
		for _, got := range probe.takeSizes(name) {
			if got.X*got.Y > before.X*before.Y {
				t.Errorf("%s: shrinking the window from %v to %v at scale 2 "+
					"drew an image of %v (%.0f MB), larger than the %v shown before",
					name, large, short, got, float64(4*got.X*got.Y)/1e6, before)
			}
		}
	}
}

// TestResizeDrawsOnce checks that a view whose drawing does not depend on
// the shape of its area is drawn once when the window doubles in size.
// The zoom that fills the new area follows from the image shown before.
func TestResizeDrawsOnce(t *testing.T) {
	h := newHarness(t)
	trainBriefly(h)
	probe := probeRenders(h)
	resizeAndShow(h, fyne.NewSize(1280, 800), "Layer 2")
	probe.takeSizes("Layer 2")

	resizeAndShow(h, fyne.NewSize(2560, 1600), "Layer 2")
	if got := probe.takeSizes("Layer 2"); len(got) != 1 {
		t.Errorf("Layer 2 was drawn %d times after the window doubled, "+
			"at sizes %v, want once", len(got), got)
	}
}
