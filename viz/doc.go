// Package viz renders the contents of a small dense network into
// image.Image values that a user interface or a command-line tool can show
// or save.
//
// # Shapes and orders
//
// A Layout maps a flat input vector of Width*Height values onto a grid.
// Row-major order puts grid cell (x, y) at index y*Width + x, column-major
// order at index x*Height + y. Grid row y = 0 is drawn at the top.
//
// Montage takes a weight matrix w with one row per input and one column
// per unit (inputs × units), which is the layout of a dense layer's weight
// matrix. Column j of w is drawn as the tile of unit j. HeatMap, Panels
// and Overlay take one flat vector per map, in the order of the Layout.
//
// # Sizes and pixel scale
//
// Sizes given to the package, such as Cell, Gap, Width and Height, are in
// logical pixels. The PixelScale option, or the scale argument of the
// functions without options, is the number of image pixels per logical
// pixel: 2 on a screen that shows two pixels per point. Text, lines,
// margins and cells are multiplied by it and drawn at that size, so a
// window that shows the image at its logical size gets sharp text, not
// text blown up from a smaller image. SVG output is always in logical
// pixels. The zero scale is 1.
//
// # Colours
//
// Weights are drawn on a zero-centred diverging colour map: pure blue
// (#0000FF) at -m, white at 0 and pure red (#FF0000) at +m. Between white
// and each end the colours are interpolated in the Oklab colour space, so
// equal steps in value give roughly equal steps in perceived colour.
// Values that are NaN or ±Inf are drawn in amber (#E6B800), a colour that
// is neither on the diverging map nor gray. GridImage draws NaN in the same
// amber.
//
// Magnitudes (HeatMap and Panels in Magnitude mode) use a sequential map
// from white at 0 to dark violet (#2D0C50) at the maximum |v|, also
// interpolated in Oklab. Overlay blends |v| over a photo in colours from
// yellow to red, with an opacity that grows with |v|, and does not show
// the sign.
//
// # Text and scripts
//
// All text, in the package's own drawing and in gonum/plot charts, uses
// fonts embedded in the package (the fonts folder holds them and their
// licences). Each run of runes is drawn in the first typeface of this
// list that has glyphs for it. DejaVu Sans covers Latin, Greek, Cyrillic,
// Armenian, Georgian, Hebrew and Arabic. Noto Sans covers Arabic, Hebrew,
// Devanagari, Bengali, Tamil and Thai. Droid Sans Fallback covers Chinese
// and Japanese, and NanumSquare covers Korean Hangul. Titles are bold only where DejaVu Sans
// Bold has the glyphs. Scripts outside this list, such as Ethiopic,
// Khmer, Tibetan or Sinhala, show the empty box of DejaVu Sans.
//
// NOTE: the text drawers place one glyph per rune, left to right, with no
// shaping. Hebrew and Arabic letters are reordered to read right to left,
// but Arabic letters are not joined and show in their isolated forms, and
// Devanagari, Bengali, Tamil and Thai show no conjuncts and no reordered
// or stacked vowel signs. Names in these scripts stay recognisable but do
// not look as a native reader expects.
//
// # Errors and panics
//
// Programmer misuse panics: a weight matrix whose row count differs from
// Layout.Width*Layout.Height, a pixel slice of the wrong length, negative
// sizes or options. Bad data does not panic. Montage, HeatMap and Panels
// draw a message in place of the tiles or map when there is nothing to
// scale, keeping the size the image would have had, and ProbabilityChart
// returns an error that callers can show with EmptyImage. WritePNG returns
// an error for any failure and leaves the previous file in place.
//
// Every image is an *image.RGBA whose bounds start at (0, 0). The package
// does not log.
package viz
