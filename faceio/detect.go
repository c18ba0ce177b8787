package faceio

import (
	"cmp"
	"encoding/binary"
	"fmt"
	"image"
	"math"
	"slices"

	pigo "github.com/esimov/pigo/core"
)

// DetectSize is the maximum width and height of the copy of an image that
// Detect searches. Larger images are reduced by area averaging first.
const DetectSize = 640

// Search settings of Detect. They were tuned on the 400 ORL images, where
// the face fills most of the 92×112 frame, on the two portraits of the
// tests, and on 22 photos without faces from the data folder of
// scikit-image 0.19.3. The figures below compare each setting with its
// alternative, all others unchanged.
const (
	// minFaceFraction sets the smallest window to a tenth of the shorter
	// side, but at least minFaceSide pixels. Half that size made the
	// search of a 2000×2000 photo take 4 times as long.
	minFaceFraction = 0.1
	minFaceSide     = 20

	// shiftFactor moves the window by a tenth of its size, and scaleFactor
	// grows it by 5% per step. Growing by 10% halves the time but found a
	// false face in one of the 22 photos. Moving by 5% found 11.
	shiftFactor = 0.1
	scaleFactor = 1.05

	// iouThreshold merges windows whose intersection over union exceeds
	// 0.2, the value of pigo's package example.
	iouThreshold = 0.2

	// minScore drops clusters scoring below 5, the threshold of pigo's
	// command-line tool. A threshold of 3 found 6 false faces in the 22
	// photos.
	minScore = 5

	// padFraction is the border, as a fraction of the shorter side, added
	// around the image for a second search when the first finds nothing.
	// The cascade only tests windows inside the image, and a face that
	// fills the frame needs a window that reaches past its edges: without
	// the border, 40 of the 400 ORL faces were missed. The border repeats
	// the edge pixels. It runs only as a second search because in a first
	// one it produced a false face at the edge of a portrait.
	padFraction = 0.2
)

// Detector finds faces with a pigo cascade. A Detector is safe for
// concurrent use.
type Detector struct {
	cascade *pigo.Pigo
}

// Detection is one face: its box in the image's coordinates and pigo's
// score.
type Detection struct {
	// Box is the square window of the cascade, scaled back to the image.
	// It may reach past the image's bounds when the face fills the image.
	Box image.Rectangle

	// Score is the sum of the cascade's outputs over the windows merged
	// into this face. Higher is more certain, and it is at least 5.
	Score float64
}

// NewDetector unpacks a pigo cascade file such as pigo's "facefinder". It
// returns an error if the data is not a complete cascade.
func NewDetector(cascade []byte) (*Detector, error) {
	if err := checkCascade(cascade); err != nil {
		return nil, err
	}
	c, err := pigo.NewPigo().Unpack(cascade)
	if err != nil {
		return nil, fmt.Errorf("faceio: invalid face cascade: %w", err)
	}
	return &Detector{cascade: c}, nil
}

// checkCascade checks the size of a cascade file before pigo unpacks it,
// because pigo's Unpack panics on data that ends early. The file is an
// 8-byte header, the tree depth d and the number of trees n as
// little-endian uint32, then n trees of 8·2^d bytes each.
func checkCascade(data []byte) error {
	const header, maxDepth = 16, 16
	if len(data) < header {
		return fmt.Errorf("faceio: invalid face cascade: %d bytes, want at least %d: "+
			"the data is not a pigo cascade file such as facefinder", len(data), header)
	}
	depth := binary.LittleEndian.Uint32(data[8:])
	trees := binary.LittleEndian.Uint32(data[12:])
	if depth < 1 || depth > maxDepth || trees < 1 {
		return fmt.Errorf("faceio: invalid face cascade: %d trees of depth %d, "+
			"want at least 1 tree of depth 1..%d: the data is not a pigo cascade",
			trees, depth, maxDepth)
	}
	want := header + uint64(trees)*8<<depth
	if uint64(len(data)) != want {
		return fmt.Errorf("faceio: invalid face cascade: %d bytes, want %d for %d trees "+
			"of depth %d: the file is truncated or not a pigo cascade",
			len(data), want, trees, depth)
	}
	return nil
}

// Detect returns the faces in img after clustering overlapping detections,
// largest first, or nil if it finds none. It searches a gray copy of img
// reduced to fit DetectSize for faces whose box is at least a tenth of the
// copy's shorter side and 20 pixels wide. An image without pixels has no
// faces.
func (d *Detector) Detect(img image.Image) []Detection {
	b := img.Bounds()
	if b.Empty() {
		return nil
	}
	pixels, width, height := detectPixels(img)
	faces := d.search(pixels, width, height, 0)
	pad := int(math.Round(padFraction * float64(min(width, height))))
	if len(faces) == 0 && pad > 0 {
		faces = d.search(pixels, width, height, pad)
	}

	sx := float64(b.Dx()) / float64(width)
	sy := float64(b.Dy()) / float64(height)
	for i, f := range faces {
		faces[i].Box = scaleRect(f.Box, sx, sy).Add(b.Min)
	}
	slices.SortStableFunc(faces, func(a, b Detection) int {
		if c := cmp.Compare(area(b.Box), area(a.Box)); c != 0 {
			return c
		}
		return cmp.Compare(b.Score, a.Score)
	})
	return faces
}

// search runs the cascade on width×height pixels surrounded by a border of
// pad repeated edge pixels and returns the faces in the coordinates of the
// pixels without the border.
func (d *Detector) search(pixels []uint8, width, height, pad int) []Detection {
	minSize := int(math.Round(minFaceFraction * float64(min(width, height))))
	pixels, width, height = padPixels(pixels, width, height, pad)
	params := pigo.CascadeParams{
		MinSize: max(minSize, minFaceSide),
		// RunCascade keeps a window's centre at least size/2+1 pixels from
		// the edges, so this is the largest window that fits.
		MaxSize:     min(width, height) - 2,
		ShiftFactor: shiftFactor,
		ScaleFactor: scaleFactor,
		ImageParams: pigo.ImageParams{
			Pixels: pixels, Rows: height, Cols: width, Dim: width,
		},
	}
	if params.MinSize > params.MaxSize {
		return nil
	}

	found := d.cascade.RunCascade(params, 0)
	found = d.cascade.ClusterDetections(found, iouThreshold)
	var faces []Detection
	for _, f := range found {
		if f.Q < minScore {
			continue
		}
		x, y := f.Col-f.Scale/2-pad, f.Row-f.Scale/2-pad
		box := image.Rect(x, y, x+f.Scale, y+f.Scale)
		faces = append(faces, Detection{Box: box, Score: float64(f.Q)})
	}
	return faces
}

// detectPixels returns the 8-bit gray pixels of img reduced to fit
// DetectSize, row-major without padding, and their width and height.
func detectPixels(img image.Image) ([]uint8, int, int) {
	b := img.Bounds()
	width, height := fitSize(b.Dx(), b.Dy(), DetectSize)
	if width == b.Dx() && height == b.Dy() {
		return grayImage(img).Pix, width, height
	}
	small := resizeArea(grayRows(img), b, regionOf(b), width, height)
	pixels := make([]uint8, len(small.pix))
	toGray8(pixels, small.pix)
	return pixels, width, height
}

// padPixels returns width×height pixels surrounded by a border of pad
// pixels that repeat the nearest edge pixel, with the new width and height.
func padPixels(pixels []uint8, width, height, pad int) ([]uint8, int, int) {
	if pad == 0 {
		return pixels, width, height
	}
	outWidth, outHeight := width+2*pad, height+2*pad
	out := make([]uint8, outWidth*outHeight)
	for y := range outHeight {
		src := pixels[min(max(y-pad, 0), height-1)*width:][:width]
		dst := out[y*outWidth:][:outWidth]
		copy(dst[pad:], src)
		for x := range pad {
			dst[x] = src[0]
			dst[pad+width+x] = src[width-1]
		}
	}
	return out, outWidth, outHeight
}

// fitSize scales width×height down so that the longer side is at most
// limit, keeping at least one pixel per side.
func fitSize(width, height, limit int) (int, int) {
	side := max(width, height)
	if side <= limit {
		return width, height
	}
	scale := float64(limit) / float64(side)
	width = max(1, int(math.Round(float64(width)*scale)))
	height = max(1, int(math.Round(float64(height)*scale)))
	return width, height
}

// scaleRect multiplies the x coordinates of r by sx and the y coordinates
// by sy, rounding to the nearest pixel.
func scaleRect(r image.Rectangle, sx, sy float64) image.Rectangle {
	scale := func(v int, s float64) int { return int(math.Round(float64(v) * s)) }
	return image.Rect(scale(r.Min.X, sx), scale(r.Min.Y, sy),
		scale(r.Max.X, sx), scale(r.Max.Y, sy))
}

func area(r image.Rectangle) int { return r.Dx() * r.Dy() }
