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
// matrix. Column j of w is drawn as the tile of unit j.
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
// # Errors and panics
//
// Programmer misuse panics: a weight matrix whose row count differs from
// Layout.Width*Layout.Height, a pixel slice of the wrong length, negative
// sizes or options. Bad data does not panic. Montage draws a message in
// place of the tiles when there is nothing to scale, and ProbabilityChart
// returns an error that callers can show with EmptyImage. WritePNG returns
// an error for any failure and leaves the previous file in place.
//
// Every image is an *image.RGBA whose bounds start at (0, 0). The package
// does not log.
package viz
