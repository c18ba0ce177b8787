package viz

import (
	"math"
	"strings"

	xfont "golang.org/x/image/font"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
)

// fallbackText is a gonum/plot text handler for plain text that draws
// each run of a string in the first embedded typeface with glyphs for it,
// as splitRuns chooses. Line metrics come from the font of the style,
// which is sansFont or its bold weight in every chart of the package.
type fallbackText struct{}

var _ text.Handler = fallbackText{}

// useFallbackText makes every text of p, its legend included, use
// fallbackText, so names in any covered script are drawn.
func useFallbackText(p *plot.Plot) {
	p.TextHandler = fallbackText{}
	p.Title.TextStyle.Handler = p.TextHandler
	p.Legend.TextStyle.Handler = p.TextHandler
	for _, axis := range []*plot.Axis{&p.X, &p.Y} {
		axis.Label.TextStyle.Handler = p.TextHandler
		axis.Tick.Label.Handler = p.TextHandler
	}
}

// Cache implements text.Handler.
func (fallbackText) Cache() *font.Cache {
	typefaces(false) // registers the embedded fonts
	return font.DefaultCache
}

// Extents implements text.Handler.
func (h fallbackText) Extents(fnt font.Font) font.Extents {
	face := h.Cache().Lookup(fnt, fnt.Size)
	return face.Extents()
}

// Lines implements text.Handler.
func (fallbackText) Lines(txt string) []string {
	return strings.Split(strings.TrimRight(txt, "\n"), "\n")
}

// Box implements text.Handler.
func (h fallbackText) Box(txt string, fnt font.Font) (width, height,
	depth vg.Length) {

	ext := h.Extents(fnt)
	for _, run := range plotRuns(txt, fnt) {
		width += run.face.Width(run.text)
	}
	return width, ext.Ascent, ext.Descent
}

// Draw implements text.Handler. It places lines Extents.Height apart and
// aligns the box of all lines with pt by sty.XAlign and sty.YAlign.
func (h fallbackText) Draw(c vg.Canvas, txt string, sty text.Style,
	pt vg.Point) {

	txt = strings.TrimRight(txt, "\n")
	if txt == "" {
		return
	}
	c.SetColor(sty.Color)
	if sty.Rotation != 0 {
		c.Push()
		defer c.Pop()
		c.Rotate(sty.Rotation)
		// Express pt in the rotated coordinates of the canvas.
		sin, cos := math.Sincos(sty.Rotation)
		s, k := vg.Length(sin), vg.Length(cos)
		pt = vg.Point{X: pt.X*k + pt.Y*s, Y: pt.Y*k - pt.X*s}
	}

	ext := h.Extents(sty.Font)
	top := pt.Y + sty.Height(txt)*(1+vg.Length(sty.YAlign))
	for i, line := range h.Lines(txt) {
		runs := plotRuns(line, sty.Font)
		var width vg.Length
		for _, run := range runs {
			width += run.face.Width(run.text)
		}
		at := vg.Point{
			X: pt.X + vg.Length(sty.XAlign)*width,
			Y: top - ext.Ascent - vg.Length(i)*ext.Height,
		}
		for _, run := range runs {
			c.FillString(run.face, at, run.text)
			at.X += run.face.Width(run.text)
		}
	}
}

// plotRun is a run of text and the gonum/plot face that draws it.
type plotRun struct {
	text string
	face font.Face
}

// plotRuns splits txt into runs for fnt, whose weight selects the regular
// or the bold fallback list.
func plotRuns(txt string, fnt font.Font) []plotRun {
	list := typefaces(fnt.Weight >= xfont.WeightBold)
	runs := splitRuns(txt, list)
	out := make([]plotRun, len(runs))
	for i, run := range runs {
		t := list[run.face]
		desc := t.desc
		desc.Size = fnt.Size
		out[i] = plotRun{text: run.text, face: font.Face{Font: desc, Face: t.otf}}
	}
	return out
}
