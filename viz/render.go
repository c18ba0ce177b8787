package viz

import (
	"fmt"
	"image"
	"image/color"
	"io"
	"math"

	xfont "golang.org/x/image/font"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"
)

// RenderPlot draws p on a white image of width×height logical pixels
// inside a blank border, at the resolution of the other charts: 96 dots
// per inch times scale, so each logical pixel is scale image pixels wide.
// A zero scale is 1. A zero width or height gives an empty image. It
// panics if either is negative, or if scale is negative or above 8.
func RenderPlot(p *plot.Plot, width, height int, scale float64) image.Image {
	if width < 0 || height < 0 {
		panic(fmt.Sprintf("viz: negative plot size %dx%d", width, height))
	}
	st := styleFor(scale)
	return RenderPlotPixels(p, st.px(width), st.px(height), scale)
}

// RenderPlotPixels draws p as RenderPlot does, on an image of exactly
// width×height image pixels, with text and lines drawn scale times their
// size at scale 1. Use it to match a plot to the size of another image.
// It panics if width or height is negative, or if scale is negative or
// above 8.
func RenderPlotPixels(p *plot.Plot, width, height int, scale float64) image.Image {
	if width < 0 || height < 0 {
		panic(fmt.Sprintf("viz: negative plot size %dx%d", width, height))
	}
	styleFor(scale) // panics on an invalid scale
	if width == 0 || height == 0 {
		return image.NewRGBA(image.Rect(0, 0, width, height))
	}
	canvas := newPixelCanvas(width, height, scale)
	p.Draw(padded(draw.New(canvas)))
	return canvas.Image()
}

// WriteSVG writes p as an SVG document of width×height pixels at 96 dots
// per inch, with the same border as RenderPlot. The SVG names its fonts
// instead of embedding them, so a viewer without Liberation Sans
// substitutes another font. It panics if width or height is not positive.
func WriteSVG(w io.Writer, p *plot.Plot, width, height int) error {
	if width <= 0 || height <= 0 {
		panic(fmt.Sprintf("viz: SVG size %dx%d is not positive", width, height))
	}
	return writeSVG(w, width, height, func(c draw.Canvas) { p.Draw(padded(c)) })
}

// writeSVG writes a white width×height SVG, in pixels at 96 dots per inch,
// with what paint draws on it.
func writeSVG(w io.Writer, width, height int, paint func(draw.Canvas)) error {
	canvas := vgsvg.NewWith(vgsvg.UseWH(pixels(width), pixels(height)))
	c := draw.New(canvas)
	c.SetColor(color.White)
	c.Fill(c.Rectangle.Path())
	paint(c)
	if _, err := canvas.WriteTo(w); err != nil {
		return fmt.Errorf("viz: write SVG: %w", err)
	}
	return nil
}

// newPlotCanvas returns a white canvas of width×height logical pixels at
// chartDPI times scale. It panics on an invalid scale.
func newPlotCanvas(width, height int, scale float64) *vgimg.Canvas {
	st := styleFor(scale)
	return newPixelCanvas(st.px(width), st.px(height), scale)
}

// newPixelCanvas returns a white canvas of width×height image pixels at
// chartDPI times scale, which must be valid.
func newPixelCanvas(width, height int, scale float64) *vgimg.Canvas {
	if scale == 0 {
		scale = 1
	}
	img := image.NewRGBA(image.Rect(0, 0, width, height))
	return vgimg.NewWith(
		vgimg.UseImage(img), // white, the default background
		vgimg.UseDPI(max(int(math.Round(chartDPI*scale)), 1)),
	)
}

// padded returns c without a border of chartPadding.
func padded(c draw.Canvas) draw.Canvas {
	return draw.Crop(c, chartPadding, -chartPadding, chartPadding, -chartPadding)
}

// seriesColors are the line colours of the plots with several series, in
// order. They are distinct for readers with the common colour-vision
// deficiencies only for the first few, so plots also vary the dashes.
var seriesColors = []color.RGBA{
	{R: 31, G: 119, B: 180, A: 255},
	{R: 255, G: 127, B: 14, A: 255},
	{R: 44, G: 160, B: 44, A: 255},
	{R: 214, G: 39, B: 40, A: 255},
	{R: 148, G: 103, B: 189, A: 255},
	{R: 140, G: 86, B: 75, A: 255},
	{R: 227, G: 119, B: 194, A: 255},
	{R: 127, G: 127, B: 127, A: 255},
	{R: 188, G: 189, B: 34, A: 255},
	{R: 23, G: 190, B: 207, A: 255},
}

func seriesColor(i int) color.RGBA { return seriesColors[i%len(seriesColors)] }

// styleAxes sets the fonts of p's title, axis labels and ticks, and the
// text of the title and axis labels.
func styleAxes(p *plot.Plot, title, xLabel, yLabel string) {
	useFallbackText(p)
	bold := sansFont
	bold.Weight = xfont.WeightBold
	p.Title.Text = title
	p.Title.TextStyle.Font = sized(bold, 12)
	p.Title.Padding = pixels(margin)
	for _, axis := range []*plot.Axis{&p.X, &p.Y} {
		axis.Label.TextStyle.Font = sized(sansFont, 10)
		axis.Tick.Label.Font = sized(sansFont, 9)
	}
	p.X.Label.Text = xLabel
	p.Y.Label.Text = yLabel
	p.Legend.TextStyle.Font = sized(sansFont, 9)
}

func sized(f font.Font, size vg.Length) font.Font {
	f.Size = size
	return f
}

// plotGridColor is the colour of grid lines behind plotted data.
var plotGridColor = color.RGBA{R: 220, G: 220, B: 220, A: 255}
