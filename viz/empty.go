package viz

import (
	"fmt"
	"image"
	"image/color"
)

// margin is the space in logical pixels between the image edge and its
// contents.
const margin = 8

// EmptyImage returns an image of width×height logical pixels, each scale
// image pixels wide, with a light background and msg centred on it,
// wrapped at spaces to fit the width. Use it wherever there is nothing to
// show yet. A zero scale is 1. EmptyImage panics if width or height is
// negative, or if scale is negative or above 8.
func EmptyImage(width, height int, scale float64, msg string) image.Image {
	if width < 0 || height < 0 {
		panic(fmt.Sprintf("viz: negative image size %dx%d", width, height))
	}
	st := styleFor(scale)
	img := newBackground(st.px(width), st.px(height))
	drawMessage(img, st, img.Bounds(), msg)
	return img
}

// newBackground returns a width×height image filled with backgroundColor.
func newBackground(width, height int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, width, height))
	fillRect(img, img.Bounds(), backgroundColor)
	return img
}

// fillRect sets every pixel of r, clipped to the bounds of dst, to c.
func fillRect(dst *image.RGBA, r image.Rectangle, c color.RGBA) {
	r = r.Intersect(dst.Bounds())
	if r.Empty() {
		return
	}
	first := dst.PixOffset(r.Min.X, r.Min.Y)
	row := dst.Pix[first : first+4*r.Dx()]
	for i := 0; i < len(row); i += 4 {
		row[i], row[i+1], row[i+2], row[i+3] = c.R, c.G, c.B, c.A
	}
	for y := r.Min.Y + 1; y < r.Max.Y; y++ {
		copy(dst.Pix[dst.PixOffset(r.Min.X, y):], row)
	}
}

// drawMessage draws msg centred in area, wrapped to fit its width.
func drawMessage(dst *image.RGBA, st style, area image.Rectangle, msg string) {
	body := st.body
	lines := body.wrap(msg, area.Dx()-2*st.px(margin))
	top := area.Min.Y + (area.Dy()-len(lines)*body.height)/2
	centre := area.Min.X + area.Dx()/2
	for i, line := range lines {
		y := top + i*body.height
		body.draw(dst, line, centre, y, alignCentre, quietTextColor)
	}
}
