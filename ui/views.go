package ui

import (
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

	w := &view{name: name, about: about, render: render, stale: true}
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
	go func() {
		start := time.Now()
		r := w.render(s)
		v.do(func() {
			if r.Image != nil {
				w.shown = r
				w.picture.setImage(r.Image)
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

// tabSelected draws a view that changed while it was hidden.
func (v *App) tabSelected(*container.TabItem) {
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
