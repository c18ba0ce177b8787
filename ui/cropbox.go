package ui

import (
	"image"
	"image/color"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/widget"
)

// cropBox shows a photo with the rectangle the network's grid is taken
// from. The user drags inside the rectangle to move it, drags a corner to
// resize it with the grid's aspect ratio kept, and taps another outlined
// face to choose it. Rectangles are in the photo's pixel coordinates.
type cropBox struct {
	widget.BaseWidget

	photo     image.Image
	crop      image.Rectangle   // the rectangle in use
	choices   []image.Rectangle // crops of the other faces found
	aspect    float64           // grid width / height
	onChanged func(image.Rectangle)

	drag      dragMode
	dragStart image.Rectangle // crop when the drag began
	dragged   fyne.Delta      // total movement since the drag began, in widget units
	corner    int             // the corner being dragged, clockwise from top left
}

type dragMode int

const (
	dragNone dragMode = iota
	dragMove
	dragResize
)

// handleReach is how far from a corner, in widget units, a drag still
// grabs it.
const handleReach = 12

// minCropSide is the smallest side of a crop in photo pixels.
const minCropSide = 8

var (
	cropColor   = color.NRGBA{R: 255, G: 196, B: 0, A: 255}
	choiceColor = color.NRGBA{R: 80, G: 200, B: 255, A: 220}
)

func newCropBox(onChanged func(image.Rectangle)) *cropBox {
	b := &cropBox{onChanged: onChanged, aspect: 1}
	b.ExtendBaseWidget(b)
	return b
}

// Set shows photo with crop in use, the other faces' crops as choices,
// and keeps aspect when the user resizes. A nil photo clears the box.
func (b *cropBox) Set(photo image.Image, crop image.Rectangle, choices []image.Rectangle, aspect float64) {
	b.photo, b.crop, b.choices, b.aspect = photo, crop, choices, aspect
	b.drag = dragNone
	b.Refresh()
}

func (b *cropBox) CreateRenderer() fyne.WidgetRenderer {
	r := &cropBoxRenderer{box: b, photo: canvas.NewImageFromImage(nil)}
	r.photo.FillMode = canvas.ImageFillContain
	r.frame = canvas.NewRectangle(color.Transparent)
	r.frame.StrokeColor = cropColor
	r.frame.StrokeWidth = 2
	for i := range r.handles {
		r.handles[i] = canvas.NewRectangle(cropColor)
	}
	return r
}

// scale returns the photo's on-screen scale and top-left offset in a
// widget of the given size, as canvas.ImageFillContain places it.
func (b *cropBox) scale(size fyne.Size) (s float32, offset fyne.Position) {
	if b.photo == nil || b.photo.Bounds().Empty() {
		return 0, fyne.Position{}
	}
	pb := b.photo.Bounds()
	s = float32(math.Min(float64(size.Width)/float64(pb.Dx()), float64(size.Height)/float64(pb.Dy())))
	offset = fyne.NewPos((size.Width-s*float32(pb.Dx()))/2, (size.Height-s*float32(pb.Dy()))/2)
	return s, offset
}

// toWidget maps a photo rectangle to widget position and size.
func (b *cropBox) toWidget(r image.Rectangle) (fyne.Position, fyne.Size) {
	s, offset := b.scale(b.Size())
	min := b.photo.Bounds().Min
	pos := offset.Add(fyne.NewPos(s*float32(r.Min.X-min.X), s*float32(r.Min.Y-min.Y)))
	return pos, fyne.NewSize(s*float32(r.Dx()), s*float32(r.Dy()))
}

// toPhoto maps a widget position to photo coordinates.
func (b *cropBox) toPhoto(p fyne.Position) (x, y float64) {
	s, offset := b.scale(b.Size())
	min := b.photo.Bounds().Min
	return float64((p.X-offset.X)/s) + float64(min.X), float64((p.Y-offset.Y)/s) + float64(min.Y)
}

func (b *cropBox) Dragged(ev *fyne.DragEvent) {
	if b.photo == nil || b.crop.Empty() {
		return
	}
	if b.drag == dragNone {
		b.beginDrag(ev.Position.Subtract(ev.Dragged))
		if b.drag == dragNone {
			return
		}
	}
	b.dragged.DX += ev.Dragged.DX
	b.dragged.DY += ev.Dragged.DY
	s, _ := b.scale(b.Size())
	dx, dy := float64(b.dragged.DX/s), float64(b.dragged.DY/s)
	if b.drag == dragMove {
		b.crop = b.moved(dx, dy)
	} else {
		b.crop = b.resized(dx, dy)
	}
	b.Refresh()
	if b.onChanged != nil {
		b.onChanged(b.crop)
	}
}

func (b *cropBox) DragEnd() { b.drag = dragNone }

// beginDrag picks what a drag starting at p does: resize from a corner
// near p, move when p is inside the crop, or nothing.
func (b *cropBox) beginDrag(p fyne.Position) {
	b.dragStart, b.dragged, b.drag = b.crop, fyne.Delta{}, dragNone
	pos, size := b.toWidget(b.crop)
	for i, c := range corners(pos, size) {
		if abs32(p.X-c.X) <= handleReach && abs32(p.Y-c.Y) <= handleReach {
			b.drag, b.corner = dragResize, i
			return
		}
	}
	if p.X >= pos.X && p.X <= pos.X+size.Width && p.Y >= pos.Y && p.Y <= pos.Y+size.Height {
		b.drag = dragMove
	}
}

// moved returns the start crop shifted by (dx, dy) photo pixels, kept
// inside the photo.
func (b *cropBox) moved(dx, dy float64) image.Rectangle {
	r, pb := b.dragStart, b.photo.Bounds()
	shift := image.Pt(int(math.Round(dx)), int(math.Round(dy)))
	shift.X = clampInt(shift.X, pb.Min.X-r.Min.X, pb.Max.X-r.Max.X)
	shift.Y = clampInt(shift.Y, pb.Min.Y-r.Min.Y, pb.Max.Y-r.Max.Y)
	return r.Add(shift)
}

// resized returns the start crop with the dragged corner moved by (dx, dy)
// and the opposite corner fixed. The axis moved further decides the new
// size, and the other follows so the aspect ratio stays that of the grid.
// The crop stays inside the photo and at least minCropSide pixels wide and
// high.
func (b *cropBox) resized(dx, dy float64) image.Rectangle {
	r, pb := b.dragStart, b.photo.Bounds()
	left := b.corner == 0 || b.corner == 3
	top := b.corner == 0 || b.corner == 1
	if left {
		dx = -dx
	}
	if top {
		dy = -dy
	}
	grow := dx
	if math.Abs(dy*b.aspect) > math.Abs(dx) {
		grow = dy * b.aspect
	}

	width := float64(r.Dx()) + grow
	// The anchor is the corner opposite the dragged one.
	anchorX, anchorY := r.Min.X, r.Min.Y
	if left {
		anchorX = r.Max.X
	}
	if top {
		anchorY = r.Max.Y
	}
	maxW := float64(pb.Max.X - anchorX)
	if left {
		maxW = float64(anchorX - pb.Min.X)
	}
	maxH := float64(pb.Max.Y - anchorY)
	if top {
		maxH = float64(anchorY - pb.Min.Y)
	}

	width = math.Min(width, math.Min(maxW, maxH*b.aspect))
	width = math.Max(width, math.Max(minCropSide, minCropSide*b.aspect))
	w, h := int(math.Round(width)), int(math.Round(width/b.aspect))
	out := image.Rect(anchorX, anchorY, anchorX+w, anchorY+h)
	if left {
		out.Min.X, out.Max.X = anchorX-w, anchorX
	}
	if top {
		out.Min.Y, out.Max.Y = anchorY-h, anchorY
	}
	return out.Intersect(pb)
}

// Tapped chooses the face whose outline contains the tap.
func (b *cropBox) Tapped(ev *fyne.PointEvent) {
	if b.photo == nil {
		return
	}
	x, y := b.toPhoto(ev.Position)
	p := image.Pt(int(x), int(y))
	for i, c := range b.choices {
		if p.In(c) {
			b.choices[i] = b.crop
			b.crop = c
			b.Refresh()
			if b.onChanged != nil {
				b.onChanged(b.crop)
			}
			return
		}
	}
}

func corners(pos fyne.Position, size fyne.Size) [4]fyne.Position {
	return [4]fyne.Position{
		pos,
		pos.Add(fyne.NewPos(size.Width, 0)),
		pos.Add(fyne.NewPos(size.Width, size.Height)),
		pos.Add(fyne.NewPos(0, size.Height)),
	}
}

func abs32(v float32) float32 { return float32(math.Abs(float64(v))) }

func clampInt(v, lo, hi int) int { return max(lo, min(v, hi)) }

type cropBoxRenderer struct {
	box     *cropBox
	photo   *canvas.Image
	frame   *canvas.Rectangle
	handles [4]*canvas.Rectangle
	others  []*canvas.Rectangle
}

func (r *cropBoxRenderer) Layout(size fyne.Size) {
	r.photo.Resize(size)
	r.photo.Move(fyne.Position{})
	b := r.box
	if b.photo == nil || b.crop.Empty() {
		return
	}
	pos, sz := b.toWidget(b.crop)
	r.frame.Move(pos)
	r.frame.Resize(sz)
	for i, c := range corners(pos, sz) {
		r.handles[i].Move(c.Subtract(fyne.NewPos(4, 4)))
		r.handles[i].Resize(fyne.NewSize(8, 8))
	}
	for i, c := range b.choices {
		pos, sz := b.toWidget(c)
		r.others[i].Move(pos)
		r.others[i].Resize(sz)
	}
}

func (r *cropBoxRenderer) MinSize() fyne.Size { return fyne.NewSize(120, 120) }

func (r *cropBoxRenderer) Refresh() {
	b := r.box
	r.photo.Image = b.photo
	r.photo.Refresh()
	for len(r.others) < len(b.choices) {
		o := canvas.NewRectangle(color.Transparent)
		o.StrokeColor, o.StrokeWidth = choiceColor, 1.5
		r.others = append(r.others, o)
	}
	r.others = r.others[:len(b.choices)]
	r.Layout(b.Size())
	canvas.Refresh(b)
}

func (r *cropBoxRenderer) Objects() []fyne.CanvasObject {
	objects := []fyne.CanvasObject{r.photo}
	if r.box.photo == nil || r.box.crop.Empty() {
		return objects
	}
	for _, o := range r.others {
		objects = append(objects, o)
	}
	objects = append(objects, r.frame)
	for _, h := range r.handles {
		objects = append(objects, h)
	}
	return objects
}

func (r *cropBoxRenderer) Destroy() {}
