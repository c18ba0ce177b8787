package faceio

import (
	"image"
	"math"
)

// plane is a gray image of values in [0,1], stored row-major with no
// padding.
type plane struct {
	width, height int
	pix           []float64
}

func newPlane(width, height int) plane {
	return plane{width: width, height: height, pix: make([]float64, width*height)}
}

func (p plane) row(y int) []float64 {
	return p.pix[y*p.width : (y+1)*p.width]
}

// region is a rectangle in pixel coordinates whose edges may fall inside a
// pixel. Pixel (x, y) covers [x, x+1) × [y, y+1).
type region struct {
	x, y, width, height float64
}

// centerCrop returns the largest rectangle centred in b with the aspect
// ratio width:height.
func centerCrop(b image.Rectangle, width, height int) region {
	sw, sh := b.Dx(), b.Dy()
	c := regionOf(b)

	// Compare sw/sh with width/height in integers, so an exact match keeps
	// the whole image. Both products fit in an int64 because width and
	// height are at most MaxGridSide, 2^10, unless a side exceeds 2^53.
	wide, tall := int64(sw)*int64(height), int64(sh)*int64(width)
	switch {
	case wide > tall:
		c.width = float64(sh) * float64(width) / float64(height)
		c.x += (float64(sw) - c.width) / 2
	case wide < tall:
		c.height = float64(sw) * float64(height) / float64(width)
		c.y += (float64(sh) - c.height) / 2
	}
	return c
}

func regionOf(r image.Rectangle) region {
	return region{
		x: float64(r.Min.X), y: float64(r.Min.Y),
		width: float64(r.Dx()), height: float64(r.Dy()),
	}
}

// bounds returns the smallest pixel rectangle that contains c.
func (c region) bounds() image.Rectangle {
	return image.Rect(
		int(math.Floor(c.x)), int(math.Floor(c.y)),
		int(math.Ceil(c.x+c.width)), int(math.Ceil(c.y+c.height)),
	)
}

// axisWeights maps source pixels to output cells along one axis. Cell i is
// the weighted sum of source pixels first[i], first[i]+1, ... with weights
// weights[offset[i]:offset[i+1]], which sum to 1.
type axisWeights struct {
	first   []int
	offset  []int
	weights []float64
}

// newAxisWeights splits the source interval [start, start+length) into n
// equal cells over pixels 0..size-1 and weights each pixel by the length
// of its overlap with the cell.
func newAxisWeights(start, length float64, n, size int) axisWeights {
	// A cell of length/n pixels overlaps at most length/n + 2 of them.
	perCell := int(length/float64(n)) + 2
	a := axisWeights{
		first:   make([]int, n),
		offset:  make([]int, n+1),
		weights: make([]float64, 0, n*perCell),
	}
	for i := range n {
		lo := start + length*float64(i)/float64(n)
		hi := start + length*float64(i+1)/float64(n)
		a.first[i], a.weights = appendOverlaps(a.weights, lo, hi, size)
		a.offset[i+1] = len(a.weights)
	}
	return a
}

// appendOverlaps appends the normalised overlaps of pixels 0..size-1 with
// [lo, hi) to w and returns the first pixel and the extended slice.
func appendOverlaps(w []float64, lo, hi float64, size int) (int, []float64) {
	first := max(int(math.Floor(lo)), 0)
	last := min(int(math.Ceil(hi)), size) - 1
	if last < first {
		// Rounding moved the cell off the source. Use the nearest pixel.
		first = min(first, size-1)
		return first, append(w, 1)
	}

	start, sum := len(w), 0.0
	for j := first; j <= last; j++ {
		overlap := min(hi, float64(j+1)) - max(lo, float64(j))
		overlap = max(overlap, 0)
		w = append(w, overlap)
		sum += overlap
	}
	for k := start; k < len(w); k++ {
		w[k] /= sum
	}
	return first, w
}

// cell returns the first source pixel and the weights of output cell i.
func (a axisWeights) cell(i int) (int, []float64) {
	return a.first[i], a.weights[a.offset[i]:a.offset[i+1]]
}

// resizeArea resamples the region c of an image to width×height cells,
// each the area-weighted mean of the pixels under it. It reads gray rows
// with read from src, a pixel rectangle that contains c. Because area
// weights factor into a horizontal and a vertical overlap, it resizes the
// rows first and then the columns, and it keeps one source row at a time.
func resizeArea(read rowReader, src image.Rectangle, c region,
	width, height int) plane {

	x, y := c.x-float64(src.Min.X), c.y-float64(src.Min.Y)
	horizontal := newAxisWeights(x, c.width, width, src.Dx())
	vertical := newAxisWeights(y, c.height, height, src.Dy())
	rows, top := resizeRows(read, src, horizontal, vertical)
	return resizeColumns(rows, top, vertical)
}

// resizeRows reads the source rows under some output row and resizes each
// to the output width. Row k of the result is source row top+k.
func resizeRows(read rowReader, src image.Rectangle,
	horizontal, vertical axisWeights) (plane, int) {

	top, _ := vertical.cell(0)
	last, w := vertical.cell(len(vertical.first) - 1)
	rows := newPlane(len(horizontal.first), last+len(w)-top)

	line := make([]float64, src.Dx())
	for k := range rows.height {
		read(line, src.Min.X, src.Min.Y+top+k)
		out := rows.row(k)
		for x := range out {
			first, w := horizontal.cell(x)
			out[x] = dot(w, line[first:first+len(w)])
		}
	}
	return rows, top
}

// resizeColumns resizes the rows from resizeRows to the output height.
func resizeColumns(rows plane, top int, vertical axisWeights) plane {
	dst := newPlane(rows.width, len(vertical.first))
	for y := range dst.height {
		first, w := vertical.cell(y)
		out := dst.row(y)
		for k, wk := range w {
			for x, v := range rows.row(first - top + k) {
				out[x] += wk * v
			}
		}
	}
	return dst
}

func dot(a, b []float64) float64 {
	s := 0.0
	for i, v := range a {
		s += v * b[i]
	}
	return s
}

// clamp01 limits the values of p to [0,1] against rounding.
func clamp01(p []float64) {
	for i, v := range p {
		p[i] = min(max(v, 0), 1)
	}
}
