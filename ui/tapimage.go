package ui

import (
	"image"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/widget"

	"visage/viz"
)

// tapImage shows an image scaled to fit, and reports which pixel of the
// image a tap lands on.
type tapImage struct {
	widget.BaseWidget
	image    *canvas.Image
	onTap    func(image.Point) // nil when taps do nothing
	onResize func()            // nil when a new size needs nothing
}

func newTapImage(onTap func(image.Point)) *tapImage {
	t := &tapImage{image: canvas.NewImageFromImage(viz.EmptyImage(8, 8, 1, "")), onTap: onTap}
	t.image.FillMode = canvas.ImageFillContain
	t.image.ScaleMode = canvas.ImageScaleSmooth
	t.image.SetMinSize(fyne.NewSize(120, 120))
	t.ExtendBaseWidget(t)
	return t
}

// Resize sets the size of the widget and calls onResize when it changed.
func (t *tapImage) Resize(size fyne.Size) {
	if size == t.Size() {
		return
	}
	t.BaseWidget.Resize(size)
	if t.onResize != nil {
		t.onResize()
	}
}

func (t *tapImage) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(t.image)
}

// setImage swaps in a new picture.
func (t *tapImage) setImage(pic image.Image) { setImage(t.image, pic) }

func (t *tapImage) Tapped(e *fyne.PointEvent) {
	if t.onTap == nil || t.image.Image == nil {
		return
	}
	if p, ok := imagePixel(t.image.Image.Bounds().Size(), t.Size(), e.Position); ok {
		t.onTap(p)
	}
}

// imagePixel returns the pixel of an image of size img drawn to fit, centred,
// in an area of size area, under the point at of that area.
func imagePixel(img image.Point, area fyne.Size, at fyne.Position) (image.Point, bool) {
	if img.X <= 0 || img.Y <= 0 || area.Width <= 0 || area.Height <= 0 {
		return image.Point{}, false
	}
	scale := min(area.Width/float32(img.X), area.Height/float32(img.Y))
	left := (area.Width - scale*float32(img.X)) / 2
	top := (area.Height - scale*float32(img.Y)) / 2
	x := int((at.X - left) / scale)
	y := int((at.Y - top) / scale)
	if at.X < left || at.Y < top || x >= img.X || y >= img.Y {
		return image.Point{}, false
	}
	return image.Point{X: x, Y: y}, true
}
