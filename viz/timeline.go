package viz

import (
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/gif"
	"io"
	"sync"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
)

// TimelineGIF returns an animated GIF with one frame per image, each shown
// for delay, rounded to the GIF unit of 10 ms. Frames smaller than the
// largest are padded on the right and bottom with the background colour
// of the other images. Every frame uses one fixed palette of the
// diverging colour map, greys and the package's other colours, so a
// weight keeps its colour from frame to frame. Each pixel takes the
// nearest palette colour, without dithering, because dithering would make
// the unchanged parts of a montage flicker.
//
// TimelineGIF returns an error when frames is empty or a frame is nil. It
// panics if delay is negative.
func TimelineGIF(frames []image.Image, delay time.Duration) (*gif.GIF, error) {
	if delay < 0 {
		panic(fmt.Sprintf("viz: negative GIF frame delay %v", delay))
	}
	if len(frames) == 0 {
		return nil, errors.New("viz: no frames for the timeline GIF")
	}
	var size image.Point
	for i, f := range frames {
		if f == nil {
			return nil, fmt.Errorf("viz: timeline frame %d is nil", i)
		}
		size.X = max(size.X, f.Bounds().Dx())
		size.Y = max(size.Y, f.Bounds().Dy())
	}

	palette, lookup := timelinePalette()
	hundredths := int((delay + 5*time.Millisecond) / (10 * time.Millisecond))
	g := &gif.GIF{Config: image.Config{ColorModel: palette,
		Width: size.X, Height: size.Y}}
	for _, f := range frames {
		g.Image = append(g.Image, quantise(f, size, palette, lookup))
		g.Delay = append(g.Delay, hundredths)
	}
	return g, nil
}

// WriteGIF encodes g to w.
func WriteGIF(w io.Writer, g *gif.GIF) error {
	if err := gif.EncodeAll(w, g); err != nil {
		return fmt.Errorf("viz: write GIF: %w", err)
	}
	return nil
}

// quantise returns f on a size.X×size.Y paletted image, padded with the
// background colour.
func quantise(f image.Image, size image.Point, palette color.Palette,
	lookup *paletteLookup) *image.Paletted {

	dst := image.NewPaletted(image.Rectangle{Max: size}, palette)
	background := uint8(palette.Index(backgroundColor))
	for i := range dst.Pix {
		dst.Pix[i] = background
	}
	b := f.Bounds()
	rgba, fast := f.(*image.RGBA)
	for y := 0; y < b.Dy(); y++ {
		row := dst.Pix[y*dst.Stride:]
		for x := 0; x < b.Dx(); x++ {
			if fast {
				i := rgba.PixOffset(b.Min.X+x, b.Min.Y+y)
				pix := rgba.Pix[i : i+3 : i+3]
				row[x] = lookup.index(uint32(pix[0]), uint32(pix[1]), uint32(pix[2]))
				continue
			}
			r, g, bl, _ := f.At(b.Min.X+x, b.Min.Y+y).RGBA()
			row[x] = lookup.index(r>>8, g>>8, bl>>8)
		}
	}
	return dst
}

// lookupBits is the number of high bits of each channel that index the
// palette lookup table.
const lookupBits = 5

// paletteLookup maps a colour, by the high lookupBits bits of each
// channel, to the index of the nearest palette colour.
type paletteLookup [1 << (3 * lookupBits)]uint8

func (t *paletteLookup) index(r, g, b uint32) uint8 {
	const shift = 8 - lookupBits
	return t[(r>>shift)<<(2*lookupBits)|(g>>shift)<<lookupBits|b>>shift]
}

var (
	paletteOnce   sync.Once
	sharedPalette color.Palette
	sharedLookup  *paletteLookup
)

// timelinePalette returns the fixed palette of timeline frames and its
// lookup table, building them on first use.
func timelinePalette() (color.Palette, *paletteLookup) {
	paletteOnce.Do(func() {
		sharedPalette = buildTimelinePalette()
		sharedLookup = buildPaletteLookup(sharedPalette)
	})
	return sharedPalette, sharedLookup
}

// buildTimelinePalette returns 161 steps of the diverging map, 64 greys
// and the package's text and marker colours.
func buildTimelinePalette() color.Palette {
	var p color.Palette
	const steps = 161
	for i := range steps {
		p = append(p, divergingRamp[i*(rampSteps-1)/(steps-1)])
	}
	for i := range 64 {
		v := uint8(i * 255 / 63)
		p = append(p, color.RGBA{R: v, G: v, B: v, A: 255})
	}
	return append(p, backgroundColor, textColor, quietTextColor,
		outlineColor, notFiniteColor)
}

func buildPaletteLookup(p color.Palette) *paletteLookup {
	t := new(paletteLookup)
	const half = 1 << (7 - lookupBits) // centre of a bin in 8-bit units
	for i := range t {
		r := uint8((i>>(2*lookupBits))<<(8-lookupBits) + half)
		g := uint8((i>>lookupBits&(1<<lookupBits-1))<<(8-lookupBits) + half)
		b := uint8((i&(1<<lookupBits-1))<<(8-lookupBits) + half)
		t[i] = uint8(p.Index(color.RGBA{R: r, G: g, B: b, A: 255}))
	}
	return t
}

// UnitChangePlot returns a plot of how far each unit's weights moved,
// change[t][unit], at epochs[t]: a thin translucent line per unit and a
// thick line of the mean over units. NaN and infinite values are skipped.
//
// It returns an error when epochs and change differ in length, when
// change is empty or its rows differ in length, or when no value is
// finite.
func UnitChangePlot(epochs []int, change [][]float64) (*plot.Plot, error) {
	if err := checkUnitChange(epochs, change); err != nil {
		return nil, err
	}
	p := plot.New()
	styleAxes(p, "Weight change per unit", "epoch", "change of weights (L2)")
	p.Add(horizontalGrid())

	units := len(change[0])
	base := seriesColor(0)
	unitColor := color.NRGBA{R: base.R, G: base.G, B: base.B, A: 70}
	for u := range units {
		points := unitPoints(epochs, change, u)
		if len(points) == 0 {
			continue
		}
		line := &plotter.Line{XYs: points}
		line.LineStyle.Color = unitColor
		line.LineStyle.Width = pixels(1)
		p.Add(line)
	}
	mean := &plotter.Line{XYs: meanPoints(epochs, change)}
	mean.LineStyle.Color = textColor
	mean.LineStyle.Width = pixels(3)
	p.Add(mean)
	p.Legend.Top = true
	p.Legend.Add(fmt.Sprintf("mean of %d units", units), mean)
	return p, nil
}

func checkUnitChange(epochs []int, change [][]float64) error {
	if len(change) == 0 || len(change[0]) == 0 {
		return errors.New("viz: no weight changes to plot")
	}
	if len(epochs) != len(change) {
		return fmt.Errorf("viz: %d epochs for %d rows of weight changes",
			len(epochs), len(change))
	}
	finite := false
	for t, row := range change {
		if len(row) != len(change[0]) {
			return fmt.Errorf("viz: weight changes at epoch %d cover %d "+
				"units, not %d", epochs[t], len(row), len(change[0]))
		}
		for _, v := range row {
			finite = finite || isFinite(v)
		}
	}
	if !finite {
		return errors.New("viz: no weight change is a finite number")
	}
	return nil
}

func unitPoints(epochs []int, change [][]float64, unit int) plotter.XYs {
	var xys plotter.XYs
	for t, row := range change {
		if isFinite(row[unit]) {
			xys = append(xys, plotter.XY{X: float64(epochs[t]), Y: row[unit]})
		}
	}
	return xys
}

func meanPoints(epochs []int, change [][]float64) plotter.XYs {
	var xys plotter.XYs
	for t, row := range change {
		var sum float64
		var n int
		for _, v := range row {
			if isFinite(v) {
				sum += v
				n++
			}
		}
		if n > 0 {
			xys = append(xys, plotter.XY{X: float64(epochs[t]), Y: sum / float64(n)})
		}
	}
	return xys
}
