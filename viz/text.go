package viz

import (
	"image"
	"image/color"
	"strings"
	"sync"

	xfont "golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
	"gonum.org/v1/plot/font"
)

// sansFont is the font of all text that the package draws: Liberation Sans,
// the sans-serif variant of gonum/plot's default Liberation typeface.
var sansFont = font.Font{Typeface: "Liberation", Variant: "Sans"}

// textFace is a font face at one pixel size, shared by all calls.
type textFace struct {
	mu   sync.Mutex // guards face, which is not safe for concurrent use
	face xfont.Face

	ascent int // pixels from the top of a line to its baseline
	height int // pixels from one baseline to the next
}

var (
	facesOnce sync.Once
	labelFace *textFace // tile labels
	bodyFace  *textFace // legends and messages
	titleFace *textFace // titles
)

// faces returns the shared faces, creating them on first use.
func faces() (label, body, title *textFace) {
	facesOnce.Do(func() {
		bold := sansFont
		bold.Weight = xfont.WeightBold
		labelFace = newTextFace(sansFont, 11)
		bodyFace = newTextFace(sansFont, 13)
		titleFace = newTextFace(bold, 16)
	})
	return labelFace, bodyFace, titleFace
}

func newTextFace(fnt font.Font, pixels float64) *textFace {
	otf := font.DefaultCache.Lookup(fnt, font.Length(pixels)).Face
	if otf == nil {
		panic("viz: Liberation font missing from the gonum/plot font cache")
	}
	face, err := opentype.NewFace(otf, &opentype.FaceOptions{
		Size:    pixels,
		DPI:     72, // one point per pixel, so Size is in pixels
		Hinting: xfont.HintingFull,
	})
	if err != nil {
		panic("viz: " + err.Error())
	}
	m := face.Metrics()
	return &textFace{
		face:   face,
		ascent: m.Ascent.Ceil(),
		height: m.Height.Ceil(),
	}
}

// width returns the advance width of s in pixels.
func (f *textFace) width(s string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return xfont.MeasureString(f.face, s).Ceil()
}

// textAlign is the horizontal anchor of drawn text.
type textAlign int

const (
	alignLeft textAlign = iota
	alignCentre
	alignRight
)

// draw draws s with the top of its line at y, anchored at x by align.
func (f *textFace) draw(dst *image.RGBA, s string, x, y int,
	align textAlign, col color.Color) {

	switch align {
	case alignCentre:
		x -= f.width(s) / 2
	case alignRight:
		x -= f.width(s)
	}

	f.mu.Lock()
	defer f.mu.Unlock()
	d := xfont.Drawer{
		Dst:  dst,
		Src:  image.NewUniform(col),
		Face: f.face,
		Dot:  fixed.P(x, y+f.ascent),
	}
	d.DrawString(s)
}

// wrap breaks msg into lines no wider than maxWidth pixels, at spaces and
// at line breaks in msg. A single word wider than maxWidth gets its own
// line and is not split.
func (f *textFace) wrap(msg string, maxWidth int) []string {
	var lines []string
	for _, paragraph := range strings.Split(msg, "\n") {
		line := ""
		for _, word := range strings.Fields(paragraph) {
			next := word
			if line != "" {
				next = line + " " + word
			}
			if line != "" && f.width(next) > maxWidth {
				lines = append(lines, line)
				next = word
			}
			line = next
		}
		lines = append(lines, line)
	}
	return lines
}
