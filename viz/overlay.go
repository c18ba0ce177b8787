package viz

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"math"
)

// Colours of Overlay: the heat goes from overlayLow at small |v| to
// overlayHigh at the maximum, and the outline marks the area.
var (
	overlayLow     = color.RGBA{R: 255, G: 230, B: 0, A: 255}
	overlayHigh    = color.RGBA{R: 230, G: 0, B: 0, A: 255}
	overlayOutline = color.RGBA{R: 0, G: 200, B: 255, A: 255}
	overlayRamp    = buildRamp(overlayLow, overlayHigh)
)

// Overlay draws photo and over it the heat map of |values|, reshaped onto
// layout and stretched over area, the part of the photo in photo
// coordinates that the grid was taken from. A cell of value v is drawn in
// a colour from yellow to red with opacity alpha·|v|/m, where m is the
// maximum absolute finite value, so small values leave the photo visible.
// The sign of the values is not shown. A one-pixel outline marks area.
//
// The result has the size of photo with bounds starting at (0, 0). NaN
// and ±Inf cells are left clear. When no value is finite and non-zero,
// only the photo and the outline are drawn. Overlay panics if len(values)
// differs from layout.Width*layout.Height or alpha is not in [0, 1].
func Overlay(photo image.Image, area image.Rectangle, values []float64,
	layout Layout, alpha float64) image.Image {

	if n := layout.cells(); len(values) != n {
		panic(fmt.Sprintf("viz: %d values for a %dx%d layout, want %d",
			len(values), layout.Width, layout.Height, n))
	}
	if !(alpha >= 0 && alpha <= 1) {
		panic(fmt.Sprintf("viz: overlay alpha %v is not in [0, 1]", alpha))
	}

	bounds := photo.Bounds()
	img := image.NewRGBA(image.Rect(0, 0, bounds.Dx(), bounds.Dy()))
	draw.Draw(img, img.Bounds(), photo, bounds.Min, draw.Src)
	area = area.Sub(bounds.Min)

	if m := measureValues(values).absMax; m > 0 && !area.Empty() {
		blendHeat(img, area, values, layout, m, alpha)
	}
	drawOutline(img, area.Inset(-1), overlayOutline)
	return img
}

// blendHeat blends the heat of each value over the pixels of area that
// its cell covers. m is the maximum |v|.
func blendHeat(img *image.RGBA, area image.Rectangle, values []float64,
	layout Layout, m, alpha float64) {

	visible := area.Intersect(img.Bounds())
	for py := visible.Min.Y; py < visible.Max.Y; py++ {
		y := (py - area.Min.Y) * layout.Height / area.Dy()
		for px := visible.Min.X; px < visible.Max.X; px++ {
			x := (px - area.Min.X) * layout.Width / area.Dx()
			v := math.Abs(values[layout.index(x, y)])
			if math.IsNaN(v) || math.IsInf(v, 0) || v == 0 {
				continue
			}
			t := min(v/m, 1)
			c := overlayRamp[int(t*(rampSteps-1)+0.5)]
			blendPixel(img, px, py, c, alpha*t)
		}
	}
}

// blendPixel mixes c into the pixel at (x, y) with the given opacity.
func blendPixel(img *image.RGBA, x, y int, c color.RGBA, opacity float64) {
	i := img.PixOffset(x, y)
	p := img.Pix[i : i+4 : i+4]
	mix := func(dst, src uint8) uint8 {
		return uint8(math.Round(float64(dst)*(1-opacity) +
			float64(src)*opacity))
	}
	p[0], p[1], p[2] = mix(p[0], c.R), mix(p[1], c.G), mix(p[2], c.B)
	p[3] = 255
}

// drawOutline draws the one-pixel border of r, clipped to dst.
func drawOutline(dst *image.RGBA, r image.Rectangle, c color.RGBA) {
	if r.Empty() {
		return
	}
	fillRect(dst, image.Rect(r.Min.X, r.Min.Y, r.Max.X, r.Min.Y+1), c)
	fillRect(dst, image.Rect(r.Min.X, r.Max.Y-1, r.Max.X, r.Max.Y), c)
	fillRect(dst, image.Rect(r.Min.X, r.Min.Y, r.Min.X+1, r.Max.Y), c)
	fillRect(dst, image.Rect(r.Max.X-1, r.Min.Y, r.Max.X, r.Max.Y), c)
}
