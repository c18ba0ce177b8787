package viz

import (
	"fmt"
	"image"
	"image/color"
	"math"
	"strings"
	"sync"

	xfont "golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
)

// textFace draws text at one pixel size in the fallback list of
// typefaces. It is shared by all calls.
type textFace struct {
	mu    sync.Mutex   // guards faces, which are not safe for concurrent use
	list  []typeface   // fallback list, first choice first
	faces []xfont.Face // one per entry of list, at this size

	ascent int // pixels from the top of a line to its baseline
	height int // pixels from one baseline to the next
}

// style is the text faces and the length factor of drawings at one pixel
// scale. Lengths in the code and in options are logical pixels, which px
// turns into image pixels.
type style struct {
	scale float64
	label *textFace // tile labels
	body  *textFace // legends and messages
	title *textFace // titles
}

// maxPixelScale is the largest pixel scale the drawings accept.
const maxPixelScale = 8

// faceSet is the text faces of one text scale.
type faceSet struct {
	label *textFace
	body  *textFace
	title *textFace
}

// maxFaceSets is the number of text scales whose faces are kept. When a
// new scale would exceed it, the kept faces are dropped.
const maxFaceSets = 32

var (
	faceSetsMu sync.Mutex
	faceSets   = map[float64]faceSet{}
)

// styleFor returns the style of the given pixel scale, creating its faces
// on first use. A zero scale is 1. Text sizes are rounded to 64ths of the
// scale, a fraction of a pixel, so scales that differ by less share their
// faces. It panics if scale is negative, NaN or above maxPixelScale.
func styleFor(scale float64) style {
	if scale == 0 {
		scale = 1
	}
	if !(scale > 0 && scale <= maxPixelScale) {
		panic(fmt.Sprintf("viz: pixel scale %v is not in (0, %d]", scale,
			maxPixelScale))
	}
	text := max(math.Round(scale*64)/64, 1.0/64)

	faceSetsMu.Lock()
	defer faceSetsMu.Unlock()
	set, ok := faceSets[text]
	if !ok {
		if len(faceSets) >= maxFaceSets {
			clear(faceSets)
		}
		set = faceSet{
			label: newTextFace(typefaces(false), 11*text),
			body:  newTextFace(typefaces(false), 13*text),
			title: newTextFace(typefaces(true), 16*text),
		}
		faceSets[text] = set
	}
	return style{scale: scale, label: set.label, body: set.body,
		title: set.title}
}

// cells returns the length in image pixels of n grid cells of cell
// logical pixels each, at least n, so that every cell keeps a pixel.
// Unlike n times px(cell), it does not round each cell on its own, so a
// grid grows in proportion to the scale.
func (s style) cells(n, cell int) int {
	return max(int(math.Round(float64(n*cell)*s.scale)), n)
}

// px returns n logical pixels in image pixels, at least 1 when n is
// positive.
func (s style) px(n int) int {
	if n <= 0 {
		return n
	}
	return max(int(math.Round(float64(n)*s.scale)), 1)
}

// newTextFace returns a face of the given pixel size. Line metrics come
// from the first typeface of list.
func newTextFace(list []typeface, pixels float64) *textFace {
	f := &textFace{list: list}
	for _, t := range list {
		face, err := opentype.NewFace(t.otf, &opentype.FaceOptions{
			Size:    pixels,
			DPI:     72, // one point per pixel, so Size is in pixels
			Hinting: xfont.HintingFull,
		})
		if err != nil {
			panic("viz: " + err.Error())
		}
		f.faces = append(f.faces, face)
	}
	m := f.faces[0].Metrics()
	f.ascent = m.Ascent.Ceil()
	f.height = m.Height.Ceil()
	return f
}

// width returns the advance width of s in pixels.
func (f *textFace) width(s string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	var width fixed.Int26_6
	for _, run := range splitRuns(s, f.list) {
		width += xfont.MeasureString(f.faces[run.face], run.text)
	}
	return width.Ceil()
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
		Dst: dst,
		Src: image.NewUniform(col),
		Dot: fixed.P(x, y+f.ascent),
	}
	for _, run := range splitRuns(s, f.list) {
		d.Face = f.faces[run.face]
		d.DrawString(run.text)
	}
}

// wrap breaks msg into lines no wider than maxWidth pixels, at spaces and
// at line breaks in msg. A single word wider than maxWidth gets its own
// line and is not split.
func (f *textFace) wrap(msg string, maxWidth int) []string {
	var lines []string
	for _, paragraph := range strings.Split(msg, "\n") {
		lines = append(lines, wrapWords(paragraph, func(line string) bool {
			return f.width(line) <= maxWidth
		})...)
	}
	return lines
}

// wrapWords breaks s at spaces into lines for which fits is true. A single
// word that does not fit gets its own line. An s without words gives one
// empty line.
func wrapWords(s string, fits func(line string) bool) []string {
	var lines []string
	line := ""
	for _, word := range strings.Fields(s) {
		next := word
		if line != "" {
			next = line + " " + word
		}
		if line != "" && !fits(next) {
			lines = append(lines, line)
			next = word
		}
		line = next
	}
	return append(lines, line)
}

// fit returns s, or s shortened with an ellipsis to fit maxWidth pixels.
func (f *textFace) fit(s string, maxWidth int) string {
	if f.width(s) <= maxWidth {
		return s
	}
	runes := []rune(s)
	for len(runes) > 0 {
		runes = runes[:len(runes)-1]
		short := strings.TrimSpace(string(runes)) + "…"
		if f.width(short) <= maxWidth {
			return short
		}
	}
	return ""
}
