package ui

import (
	"math"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"visage/ui/views"
)

// view is one tab of the window: a picture drawn from a viewState on its own
// goroutine, and what exporting it needs.
type view struct {
	name    string
	about   string            // one or two sentences under the picture
	picture *tapImage         // the image of the last rendering
	content fyne.CanvasObject // the tab's content: tools, picture and text
	render  func(s views.State) views.Rendering

	// zoom is how much larger than its natural size the view is drawn,
	// so that it fills its area and Fyne shows it without rescaling.
	zoom float64
	// refits counts the renderings in a row that changed zoom. After
	// maxRefits the view keeps its zoom until its area or the screen's
	// scale changes, as a drawing may never fit exactly.
	refits int
	// aspect is the width over height of the area the shown image was
	// drawn for, or 0 when it was not known.
	aspect float64

	stale   bool            // the state changed since the last rendering
	running bool            // a rendering is in progress
	again   bool            // the state changed while rendering
	shown   views.Rendering // the last rendering, shown by picture
}

// state copies what the views draw from.
func (v *App) state() views.State {
	s := views.State{
		Net:         v.net,
		Data:        v.data,
		Fits:        v.fitsData(v.net),
		History:     v.history,
		Snapshots:   v.snapshots,
		Validation:  v.validation,
		PerUnit:     v.perUnit.Checked,
		Layer2:      v.layer2Unit.choice(),
		Attribution: v.attribution(),
		Frame:       int(v.frame.Value),
		Other:       v.otherNet,
		OtherName:   v.layer2Unit.other,
		Scale:       v.pixelScale(),
	}
	if sel := v.selected; sel != nil {
		s.Face = &views.Face{Title: sel.title, Input: sel.input}
		if sel.photo != nil {
			s.Face.Photo, s.Face.Crop = sel.photo.image, sel.photo.crop
		}
	}
	return s
}

// pixelScale returns the number of screen pixels per logical pixel of the
// window, between 1 and 4, so the views draw text and lines at the
// screen's resolution.
func (v *App) pixelScale() float64 {
	const probe = 1000
	x, _ := v.win.Canvas().PixelCoordinateForPosition(fyne.NewPos(probe, 0))
	return min(max(float64(x)/probe, 1), 4)
}

// newView returns a view whose picture sits above tools and about, and
// whose picture calls onTap with the pixel of the rendering tapped.
func newView(name, about string, tools fyne.CanvasObject,
	render func(views.State) views.Rendering) *view {

	w := &view{name: name, about: about, render: render, stale: true, zoom: 1}
	w.picture = newTapImage(nil)
	text := widget.NewLabel(about)
	text.Wrapping = fyne.TextWrapWord
	w.content = container.NewBorder(tools, text, nil, nil, w.picture)
	return w
}

// refreshViews redraws the view on screen from the current state and marks
// the others for redrawing when they are next shown.
func (v *App) refreshViews() {
	for _, w := range v.views {
		w.stale = true
	}
	if w := v.currentView(); w != nil {
		v.redraw(w)
	}
}

// currentView returns the view of the selected tab, or nil.
func (v *App) currentView() *view {
	if v.tabs == nil {
		return nil
	}
	i := v.tabs.SelectedIndex()
	if i < 0 || i >= len(v.views) {
		return nil
	}
	return v.views[i]
}

// redraw renders w on another goroutine. While a rendering runs, and for
// twice its duration after, a newer request waits and then renders once
// from the latest state. So a slow view is never drawn by two goroutines
// at once, and drawing takes at most a third of a core from training.
func (v *App) redraw(w *view) {
	w.stale = false
	if w.render == nil {
		return
	}
	if w.running {
		w.again = true
		return
	}
	w.running = true
	s := v.state()
	if size := w.picture.Size(); size.Width > 0 && size.Height > 0 {
		s.Aspect = float64(size.Width / size.Height)
	}
	s.Scale = min(max(s.Scale*w.zoom, minViewScale), maxViewScale)
	aspect := s.Aspect
	go func() {
		start := time.Now()
		r := w.render(s)
		v.do(func() {
			if r.Image == nil {
				return
			}
			w.shown, w.aspect = r, aspect
			w.picture.setImage(r.Image)
			zoom, ok := w.refit(v.pixelScale())
			switch {
			case !ok:
				w.refits = 0
			case w.refits < maxRefits:
				// Draw again at the size that fills the area.
				w.zoom, w.again = zoom, true
				w.refits++
			}
		})
		time.Sleep(min(2*time.Since(start), maxRest))
		v.do(func() {
			w.running = false
			if w.again {
				w.again = false
				v.redraw(w)
			}
		})
	}()
}

// maxRest is the longest a view waits after drawing before it draws again.
const maxRest = time.Second

// The scale a view is drawn at, screen pixels per point times its zoom,
// stays between minViewScale and maxViewScale. Text is then never drawn
// below half its usual size, and a huge area does not make a huge image.
const (
	minViewScale = 0.5
	maxViewScale = 4
)

// maxRefits is the number of renderings in a row that may change a
// view's zoom.
const maxRefits = 3

// zoomSlack is the fraction by which Fyne may scale the shown image before
// the view is drawn again at the size of its area. It is larger than the
// few percent that text hinting changes sizes by, so the drawing settles.
const zoomSlack = 0.08

// refit returns the zoom at which w would fill its area on a screen of
// pixelScale pixels per point, and whether it differs from the current
// zoom by more than zoomSlack. It returns false while w has no image or
// no area.
func (w *view) refit(pixelScale float64) (float64, bool) {
	area := w.picture.Size()
	if w.shown.Image == nil || area.Width <= 0 || area.Height <= 0 {
		return w.zoom, false
	}
	b := w.shown.Image.Bounds()
	if b.Dx() == 0 || b.Dy() == 0 {
		return w.zoom, false
	}
	// The factor by which Fyne scales the image to fit the area.
	fit := min(float64(area.Width)*pixelScale/float64(b.Dx()),
		float64(area.Height)*pixelScale/float64(b.Dy()))
	scale := min(max(pixelScale*w.zoom*fit, minViewScale), maxViewScale)
	zoom := scale / pixelScale
	return zoom, math.Abs(zoom/w.zoom-1) > zoomSlack
}

// reshaped reports whether the shape of w's area differs by more than 10%
// from the shape its image was drawn for, which decides how some views
// lay out their parts.
func (w *view) reshaped() bool {
	area := w.picture.Size()
	if area.Width <= 0 || area.Height <= 0 || w.shown.Image == nil {
		return false
	}
	ratio := float64(area.Width/area.Height) / w.aspect
	return !(ratio > 1/1.1 && ratio < 1.1)
}

// pictureResized draws w again, if it is on screen, when its area changed
// so much that the shown image no longer fills it, or changed its shape.
// It draws at the zoom that fits the shown image to the new area, so a
// smaller area does not get a larger image first.
func (v *App) pictureResized(w *view) {
	if v.currentView() != w {
		w.stale = true
		return
	}
	zoom, refit := w.refit(v.pixelScale())
	if refit || w.reshaped() {
		w.zoom, w.refits = zoom, 0
		v.redraw(w)
	}
}

// tabSelected draws a view that changed while it was hidden, or all of
// them when the screen's scale changed.
func (v *App) tabSelected(*container.TabItem) {
	v.followPixelScale()
	if w := v.currentView(); w != nil && w.stale {
		v.redraw(w)
	}
}

// showTab selects the tab of w.
func (v *App) showTab(w *view) {
	for i, x := range v.views {
		if x == w {
			v.tabs.SelectIndex(i)
			return
		}
	}
}
