package faceio

import (
	"fmt"
	"image"
	"math"
)

// ThumbnailSize is the maximum width and height of a thumbnail.
const ThumbnailSize = 112

// Grid converts img to the grid the network sees: gray, cropped, resized to
// Width×Height by area averaging and, if Equalize is set, equalised, as the
// package documentation describes. It returns Width*Height values in [0,1]
// in row-major order, whatever p.Order is.
//
// Grid panics if p is invalid or img has no pixels. It also panics for
// CropFace, which needs a Detector: use Locate and GridRect instead.
func (p Pipeline) Grid(img image.Image) []float64 {
	p.mustValidate()
	b := img.Bounds()
	if b.Empty() {
		panic("faceio: Grid of an empty image")
	}
	if p.Crop == CropFace {
		panic(`faceio: Grid cannot detect faces for crop "face": ` +
			"call Locate with a Detector, then GridRect")
	}
	return p.gridRegion(img, centerCrop(b, p.Width, p.Height))
}

// GridRect converts the part of img inside crop to the grid, as Grid
// converts the whole image, and ignores p.Crop. A crop that extends past
// img.Bounds() is clipped to it. GridRect keeps the largest rectangle
// centred in crop with the grid's aspect ratio, whose edges may fall inside
// a pixel, so the result equals Grid of that part of img as a sub-image.
// For a crop from FaceCrop or Locate that rectangle is the crop up to a
// fraction of a pixel. For the crop from CenterCrop it is exactly Grid's
// centre crop, so GridRect(img, p.CenterCrop(img.Bounds())) equals
// Grid(img).
//
// GridRect panics if p is invalid or crop and img.Bounds() do not overlap.
func (p Pipeline) GridRect(img image.Image, crop image.Rectangle) []float64 {
	p.mustValidate()
	b := img.Bounds()
	inside := crop.Intersect(b)
	if inside.Empty() {
		panic(fmt.Sprintf("faceio: GridRect crop %v is outside the image bounds %v",
			crop, b))
	}
	region := centerCrop(inside, p.Width, p.Height)
	if inside == p.CenterCrop(b) {
		// CenterCrop rounds its edges to whole pixels. Grid does not.
		region = centerCrop(b, p.Width, p.Height)
	}
	return p.gridRegion(img, region)
}

// ApplyRect returns the input row for img cropped to crop: GridRect
// flattened in p.Order. It panics where GridRect panics.
func (p Pipeline) ApplyRect(img image.Image, crop image.Rectangle) []float64 {
	return p.flatten(p.GridRect(img, crop))
}

// gridRegion returns the grid of the region c of img, row-major.
func (p Pipeline) gridRegion(img image.Image, c region) []float64 {
	src := c.bounds().Intersect(img.Bounds())
	grid := resizeArea(grayRows(img), src, c, p.Width, p.Height).pix
	if p.Equalize {
		equalize(grid)
	}
	clamp01(grid)
	return grid
}

// Apply returns the input row for img: Grid(img) flattened in p.Order. It
// panics where Grid panics.
func (p Pipeline) Apply(img image.Image) []float64 {
	return p.flatten(p.Grid(img))
}

// flatten reorders a row-major grid into p.Order. It returns grid itself
// for RowMajor.
func (p Pipeline) flatten(grid []float64) []float64 {
	if p.Order != ColumnMajor {
		return grid
	}
	row := make([]float64, len(grid))
	for y := range p.Height {
		for x := range p.Width {
			row[x*p.Height+y] = grid[y*p.Width+x]
		}
	}
	return row
}

// GridImage returns Grid(img) as a Width×Height gray image for display,
// with each value v stored as round(255v). It panics where Grid panics.
func (p Pipeline) GridImage(img image.Image) *image.Gray {
	g := plane{width: p.Width, height: p.Height, pix: p.Grid(img)}
	return g.image()
}

// Thumbnail returns img in gray, reduced by area averaging so that its
// longer side is at most ThumbnailSize pixels. Smaller images keep their
// size and are only converted to gray. It panics if img has no pixels.
func Thumbnail(img image.Image) *image.Gray {
	b := img.Bounds()
	if b.Empty() {
		panic("faceio: Thumbnail of an empty image")
	}
	width, height := thumbnailSize(b.Dx(), b.Dy())
	if width == b.Dx() && height == b.Dy() {
		return grayImage(img)
	}

	small := resizeArea(grayRows(img), b, regionOf(b), width, height)
	clamp01(small.pix)
	return small.image()
}

// thumbnailSize scales width×height down to fit ThumbnailSize, keeping at
// least one pixel per side.
func thumbnailSize(width, height int) (int, int) {
	return fitSize(width, height, ThumbnailSize)
}

// grayImage converts img to an 8-bit gray image with its origin at (0, 0).
func grayImage(img image.Image) *image.Gray {
	b := img.Bounds()
	read := grayRows(img)
	line := make([]float64, b.Dx())
	dst := image.NewGray(image.Rect(0, 0, b.Dx(), b.Dy()))
	for y := range b.Dy() {
		read(line, b.Min.X, b.Min.Y+y)
		toGray8(dst.Pix[y*dst.Stride:], line)
	}
	return dst
}

// image converts p to an 8-bit gray image.
func (p plane) image() *image.Gray {
	img := image.NewGray(image.Rect(0, 0, p.width, p.height))
	toGray8(img.Pix, p.pix)
	return img
}

// toGray8 stores each value v of src, clamped to [0,1], as round(255v).
func toGray8(dst []uint8, src []float64) {
	for i, v := range src {
		dst[i] = uint8(math.Round(255 * min(max(v, 0), 1)))
	}
}

func (p Pipeline) mustValidate() {
	if err := p.Validate(); err != nil {
		panic(err)
	}
}
