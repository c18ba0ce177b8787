package viz

import (
	"embed"
	"slices"
	"strings"
	"sync"
	"unicode"

	xfont "golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
	"gonum.org/v1/plot/font"
)

// The fonts come from the Debian 12 packages fonts-dejavu-core 2.37-6,
// fonts-noto-core 20201225-1, fonts-droid-fallback 1:6.0.1r16-1.1 and
// fonts-nanum 20200506-1.
// Their licences are in the fonts folder beside the files.
//
//go:embed fonts/*.ttf
var fontFiles embed.FS

// sansFont is the primary font of all text that the package draws:
// DejaVu Sans, which covers Latin, Greek, Cyrillic, Armenian and Georgian.
// Runes it lacks are drawn in the fallback typefaces of typefaces.
var sansFont = font.Font{Typeface: "DejaVu", Variant: "Sans"}

// typeface is one embedded font and the descriptor under which it is
// registered in gonum/plot's font.DefaultCache.
type typeface struct {
	desc font.Font // without a size
	otf  *opentype.Font
}

// fallbackFiles lists the fonts after DejaVu Sans in the order in which
// they are tried. DroidSansFallbackFull covers Chinese and Japanese but
// not Hangul, which NanumSquareR covers. NanumSquareR comes last because
// it also has Latin, Greek, Cyrillic and some Han glyphs of its own.
var fallbackFiles = []struct{ name, file string }{
	{"Noto Sans Arabic", "NotoSansArabic-Regular.ttf"},
	{"Noto Sans Hebrew", "NotoSansHebrew-Regular.ttf"},
	{"Noto Sans Devanagari", "NotoSansDevanagari-Regular.ttf"},
	{"Noto Sans Bengali", "NotoSansBengali-Regular.ttf"},
	{"Noto Sans Tamil", "NotoSansTamil-Regular.ttf"},
	{"Noto Sans Thai", "NotoSansThai-Regular.ttf"},
	{"Droid Sans Fallback", "DroidSansFallbackFull.ttf"},
	{"Nanum Square", "NanumSquareR.ttf"},
}

var (
	typefacesOnce sync.Once
	regularFaces  []typeface
	boldFaces     []typeface
)

// typefaces returns the fallback list for regular or bold text, first
// choice first, parsing the embedded fonts and registering them in
// font.DefaultCache on first use. The bold list differs only in its first
// entry, because the fallback fonts are embedded in one weight.
func typefaces(bold bool) []typeface {
	typefacesOnce.Do(loadTypefaces)
	if bold {
		return boldFaces
	}
	return regularFaces
}

func loadTypefaces() {
	boldDesc := sansFont
	boldDesc.Weight = xfont.WeightBold
	regular := typeface{desc: sansFont, otf: parseFont("DejaVuSans.ttf")}
	bold := typeface{desc: boldDesc, otf: parseFont("DejaVuSans-Bold.ttf")}

	var fallbacks []typeface
	for _, f := range fallbackFiles {
		desc := font.Font{Typeface: font.Typeface(f.name)}
		fallbacks = append(fallbacks, typeface{desc: desc, otf: parseFont(f.file)})
	}
	regularFaces = append([]typeface{regular}, fallbacks...)
	boldFaces = append([]typeface{bold}, fallbacks...)

	var coll font.Collection
	for _, t := range append([]typeface{bold}, regularFaces...) {
		coll = append(coll, font.Face{Font: t.desc, Face: t.otf})
	}
	font.DefaultCache.Add(coll)
}

// parseFont parses an embedded font file. A failure is a build defect,
// so it panics.
func parseFont(file string) *opentype.Font {
	data, err := fontFiles.ReadFile("fonts/" + file)
	if err != nil {
		panic("viz: embedded font missing: " + err.Error())
	}
	otf, err := opentype.Parse(data)
	if err != nil {
		panic("viz: embedded font " + file + ": " + err.Error())
	}
	return otf
}

// sfntBuffers reuses the scratch buffers of glyph lookups. An sfnt.Font is
// safe for concurrent use only with a buffer per goroutine.
var sfntBuffers = sync.Pool{New: func() any { return new(sfnt.Buffer) }}

// glyphKey identifies a rune in one font for glyphCache.
type glyphKey struct {
	otf *opentype.Font
	r   rune
}

// glyphCache stores the results of hasGlyph, which loads outlines.
var glyphCache sync.Map // glyphKey to bool

// hasGlyph reports whether otf maps r to a glyph other than .notdef that
// has an outline, unless r is a space or a format character, which have
// none. The outline check matters because NanumSquareR maps Han
// ideographs to empty glyphs.
func hasGlyph(otf *opentype.Font, r rune) bool {
	key := glyphKey{otf: otf, r: r}
	if known, ok := glyphCache.Load(key); ok {
		return known.(bool)
	}
	buf := sfntBuffers.Get().(*sfnt.Buffer)
	defer sfntBuffers.Put(buf)

	i, err := otf.GlyphIndex(buf, r)
	has := err == nil && i != 0
	if has && !unicode.IsSpace(r) && !unicode.Is(unicode.Cf, r) {
		segments, err := otf.LoadGlyph(buf, i, fixed.I(16), nil)
		has = err == nil && len(segments) > 0
	}
	glyphCache.Store(key, has)
	return has
}

// textRun is a part of a string drawn in one typeface.
type textRun struct {
	text string
	face int // index into the typeface list
}

// splitRuns splits s into runs, each drawn in one typeface of list. Each
// rune stays in the typeface of the run before it when that has a glyph
// for it. Otherwise it starts a run in the first typeface that has one.
// So a name in one script is usually a single run. Runes that no typeface has
// are drawn in list[0], which shows its .notdef glyph.
//
// s is first put in visual order by visualOrder.
func splitRuns(s string, list []typeface) []textRun {
	s = visualOrder(s)
	var runs []textRun
	start, current := 0, -1
	for i, r := range s {
		if current >= 0 && hasGlyph(list[current].otf, r) {
			continue
		}
		next := firstWithGlyph(list, r)
		if next == current {
			continue
		}
		if current >= 0 {
			runs = append(runs, textRun{text: s[start:i], face: current})
		}
		start, current = i, next
	}
	if current >= 0 {
		runs = append(runs, textRun{text: s[start:], face: current})
	}
	return runs
}

// firstWithGlyph returns the index of the first typeface of list with a
// glyph for r, or 0 when none has one.
func firstWithGlyph(list []typeface, r rune) int {
	for i, t := range list {
		if hasGlyph(t.otf, r) {
			return i
		}
	}
	return 0
}

// isRightToLeft reports whether r is a Hebrew or Arabic letter, which is
// written right to left. Digits and combining marks are not.
func isRightToLeft(r rune) bool {
	return unicode.In(r, unicode.Hebrew, unicode.Arabic) &&
		!unicode.IsDigit(r) && !unicode.Is(unicode.Mn, r)
}

// visualOrder returns s with each stretch of right-to-left letters, and
// the spaces and combining marks between them, reversed, so that a drawer
// that places runes left to right shows them in reading order. Combining
// marks stay after their base letter.
//
// NOTE: this is a small part of the Unicode bidirectional algorithm. Digits
// and punctuation inside right-to-left text keep their left-to-right
// places, and Arabic letters are not joined (no shaping), so they show in
// their isolated forms.
func visualOrder(s string) string {
	if !strings.ContainsFunc(s, isRightToLeft) {
		return s
	}
	runes := []rune(s)
	for i := 0; i < len(runes); {
		if !isRightToLeft(runes[i]) {
			i++
			continue
		}
		end := i
		for j := i; j < len(runes); j++ {
			r := runes[j]
			if isRightToLeft(r) {
				end = j + 1
			} else if r != ' ' && !unicode.Is(unicode.Mn, r) {
				break
			}
		}
		for end < len(runes) && unicode.Is(unicode.Mn, runes[end]) {
			end++
		}
		reverseClusters(runes[i:end])
		i = end
	}
	return string(runes)
}

// reverseClusters reverses the order of the clusters of runes, each a rune
// and the combining marks after it, in place.
func reverseClusters(runes []rune) {
	var clusters [][]rune
	for i := 0; i < len(runes); {
		j := i + 1
		for j < len(runes) && unicode.Is(unicode.Mn, runes[j]) {
			j++
		}
		clusters = append(clusters, slices.Clone(runes[i:j]))
		i = j
	}
	out := runes[:0]
	for k := len(clusters) - 1; k >= 0; k-- {
		out = append(out, clusters[k]...)
	}
}
